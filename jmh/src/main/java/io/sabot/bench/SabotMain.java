package io.sabot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sabot.bench.ref.CReference;

/**
 * Entry point of {@code ./sabot}: {@code demo} runs the kernel demo, {@code bench} runs the JMH suite (by default the
 * headline benchmarks beside their C reference and DuckDB peer, with settings fit for a 2-core machine).
 */
public final class SabotMain
{
    private static final String USAGE = """
        usage: ./sabot <command> [args]
          demo [--rows N]     generate N rows (default 10,000,000) and run Sabot's kernels on them, printing rows/s
                              beside each kernel's scalar twin
          bench [JMH args]    run the JMH suite; with no args, the headline benchmarks
                              (io.sabot.bench.headline) with -f 1 -wi 3 -i 5; any args are passed to JMH as they are
                              (e.g. './sabot bench SumBench -p size=1000000 -prof gc', './sabot bench -h')
          help                this text
        """;

    private SabotMain()
    {
    }

    /**
     * @param args the command and its arguments.
     * @throws Exception when a command fails.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length == 0 || "help".equals(args[0]) || "--help".equals(args[0]) || "-h".equals(args[0]))
        {
            System.out.print(USAGE);
            return;
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0])
        {
            case "demo" -> KernelDemo.main(rest);
            case "bench" -> org.openjdk.jmh.Main.main(benchArgs(rest));
            default ->
            {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static String[] benchArgs(final String[] args)
    {
        if (args.length > 0)
        {
            return args;
        }
        final List<String> jmh = new ArrayList<>(List.of("io.sabot.bench.headline", "-f", "1", "-wi", "3", "-i", "5",
            "-w", "1s", "-r", "1s"));
        if (!CReference.available())
        {
            System.err.println("note: C reference skipped (" + CReference.reason() + ")");
            jmh.addAll(List.of("-e", "\\.c[A-Z]"));
        }
        return jmh.toArray(String[]::new);
    }
}
