package io.sabot.control.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed arguments of one command: positionals, {@code --name value} options, {@code --flag}s, and everything after
 * {@code --} kept verbatim. Unknown options are rejected with a {@link UsageException} naming them.
 */
final class CommandLine
{
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();
    private final List<String> passThrough = new ArrayList<>();

    private CommandLine()
    {
    }

    /**
     * @param args        the arguments after the command name.
     * @param valued      options that take a value.
     * @param flags       options without a value.
     * @param stopAtFirst stop option parsing at the first positional (the rest is passed through).
     * @return the parsed line.
     */
    static CommandLine parse(final String[] args, final Set<String> valued, final Set<String> flags,
                             final boolean stopAtFirst)
    {
        final CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if ("--".equals(arg))
            {
                line.passThrough.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (arg.startsWith("--"))
            {
                final int eq = arg.indexOf('=');
                final String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (flags.contains(name) && eq < 0)
                {
                    line.options.put(name, "true");
                }
                else if (valued.contains(name))
                {
                    if (eq >= 0)
                    {
                        line.options.put(name, arg.substring(eq + 1));
                    }
                    else if (i + 1 < args.length)
                    {
                        line.options.put(name, args[++i]);
                    }
                    else
                    {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                }
                else
                {
                    throw new UsageException("unknown option --" + name);
                }
                continue;
            }
            if ("-h".equals(arg))
            {
                line.options.put("help", "true");
                continue;
            }
            line.positionals.add(arg);
            if (stopAtFirst)
            {
                line.passThrough.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
        }
        return line;
    }

    List<String> positionals()
    {
        return positionals;
    }

    List<String> passThrough()
    {
        return passThrough;
    }

    boolean flag(final String name)
    {
        return options.containsKey(name);
    }

    String option(final String name, final String fallback)
    {
        return options.getOrDefault(name, fallback);
    }

    int intOption(final String name, final int fallback)
    {
        final String value = options.get(name);
        if (value == null)
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(value.replace("_", ""));
        }
        catch (final NumberFormatException e)
        {
            throw new UsageException("--" + name + " needs an integer, got '" + value + "'");
        }
    }

    double doubleOption(final String name, final double fallback)
    {
        final String value = options.get(name);
        if (value == null)
        {
            return fallback;
        }
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException e)
        {
            throw new UsageException("--" + name + " needs a number, got '" + value + "'");
        }
    }
}
