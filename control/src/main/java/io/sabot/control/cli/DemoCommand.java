package io.sabot.control.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sabot demo [--rows N]}: the kernel demo (kernels beside their scalar twins on generated data).
 */
final class DemoCommand implements SabotCli.Command
{
    @Override
    public String name()
    {
        return "demo";
    }

    @Override
    public String summary()
    {
        return "run Sabot's SIMD kernels beside their scalar twins on generated data";
    }

    @Override
    public String usage()
    {
        return """
            usage: sabot demo [--rows N]
              --rows N    rows to generate (default 10,000,000)
            """;
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        final CommandLine line = CommandLine.parse(args, java.util.Set.of("rows"), java.util.Set.of("help"), false);
        if (line.flag("help"))
        {
            out.print(usage());
            return 0;
        }
        final List<String> forwarded = new ArrayList<>(List.of("demo"));
        if (line.option("rows", null) != null)
        {
            forwarded.add("--rows");
            forwarded.add(line.option("rows", null));
        }
        return BenchCommand.invokeSuite(forwarded.toArray(String[]::new), err);
    }
}
