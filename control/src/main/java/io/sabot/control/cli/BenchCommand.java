package io.sabot.control.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sabot bench [JMH args]}: runs the JMH suite (the {@code jmh} module must be on the class path, as it is
 * when started through the {@code ./sabot} launcher).
 */
final class BenchCommand implements SabotCli.Command
{
    static final String SUITE_MAIN = "io.sabot.bench.SabotMain";

    @Override
    public String name()
    {
        return "bench";
    }

    @Override
    public String summary()
    {
        return "run the JMH suite (no args: the headline benchmarks; any args go to JMH, e.g. 'TpchBench -f 1')";
    }

    @Override
    public String usage()
    {
        return """
            usage: sabot bench [JMH args]
              With no arguments runs the headline benchmarks (io.sabot.bench.headline, -f 1 -wi 3 -i 5).
              Otherwise the arguments go to JMH unchanged, e.g.
                sabot bench TpchBench -p query=6 -f 1      one benchmark class with a parameter
                sabot bench -l                             list the benchmarks
                sabot bench -h                             JMH's own options
              Results: docs/BENCHMARKS.md says how each recorded figure was produced.
            """;
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (args.length == 1 && "--help".equals(args[0]))
        {
            out.print(usage());
            return 0;
        }
        final List<String> forwarded = new ArrayList<>();
        forwarded.add("bench");
        forwarded.addAll(List.of(args));
        return invokeSuite(forwarded.toArray(String[]::new), err);
    }

    static int invokeSuite(final String[] args, final PrintStream err) throws Exception
    {
        final Class<?> main;
        try
        {
            main = Class.forName(SUITE_MAIN);
        }
        catch (final ClassNotFoundException e)
        {
            err.println("the JMH suite is not on the class path; run through ./sabot (which builds it)");
            return 1;
        }
        final Method method = main.getMethod("main", String[].class);
        method.invoke(null, (Object)args);
        return 0;
    }
}
