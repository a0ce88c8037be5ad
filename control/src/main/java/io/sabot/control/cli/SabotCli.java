package io.sabot.control.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sabot.common.SabotException;

/**
 * The {@code sabot} command line: {@code run}, {@code tpch gen}, {@code tpch run}, {@code bench}, {@code demo},
 * each with {@code --help}. Exit status: 0 success, 1 the work failed (the typed error is printed), 2 usage error.
 */
public final class SabotCli
{
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static
    {
        register(new RunCommand());
        register(new TpchCommand());
        register(new BenchCommand());
        register(new DemoCommand());
    }

    private SabotCli()
    {
    }

    private static void register(final Command command)
    {
        COMMANDS.put(command.name(), command);
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        // Arrow's allocator announces its debug mode at INFO on first use; the CLI's own output is the progress lines
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.arrow", "warn");
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs a command without exiting the JVM (for tests and embedding).
     *
     * @param args the command line.
     * @param out  standard output.
     * @param err  standard error (progress, errors).
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0]))
        {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        final Command command = COMMANDS.get(args[0]);
        if (command == null)
        {
            err.print("sabot: unknown command '" + args[0] + "'\n" + usage());
            return 2;
        }
        try
        {
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        catch (final UsageException e)
        {
            err.println("sabot " + command.name() + ": " + e.getMessage());
            err.print(command.usage());
            return 2;
        }
        catch (final SabotException e)
        {
            err.println("sabot " + command.name() + " failed: " + e.getClass().getSimpleName() + ": " +
                e.getMessage());
            return 1;
        }
        catch (final Exception e)
        {
            err.println("sabot " + command.name() + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    static String usage()
    {
        final StringBuilder sb = new StringBuilder("usage: sabot <command> [options]   (sabot <command> --help)\n");
        for (final Command command : COMMANDS.values())
        {
            sb.append(String.format("  %-10s %s%n", command.name(), command.summary()));
        }
        return sb.toString();
    }

    /** One CLI command. */
    interface Command
    {
        /** @return its name. */
        String name();

        /** @return a one-line summary. */
        String summary();

        /** @return its usage text. */
        String usage();

        /**
         * @return the exit status.
         * @throws Exception a failure, reported with status 1.
         */
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }
}
