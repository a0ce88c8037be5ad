package io.sabot.control.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.exec.JobResult;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.tpch.TpchTable;
import io.sabot.runtime.tpch.TpchWriter;
import io.sabot.runtime.tpch.query.TpchQueries;

/**
 * {@code sabot tpch gen} writes the TPC-H tables as Arrow IPC files; {@code sabot tpch run} runs a query over them
 * (generating the data first when the directory has none) and prints the result and its timing.
 */
final class TpchCommand implements SabotCli.Command
{
    @Override
    public String name()
    {
        return "tpch";
    }

    @Override
    public String summary()
    {
        return "generate TPC-H data (tpch gen --sf N) or run a TPC-H query on it (tpch run --query N)";
    }

    @Override
    public String usage()
    {
        return """
            usage: sabot tpch gen --sf N [--out DIR] [--batch-units N]
                   sabot tpch run --query N|all [--sf N] [--data DIR] [--parallelism N] [--repeat K] [--quiet]
              gen   writes lineitem, orders, customer, part, supplier, partsupp, nation and region as Arrow IPC
                    files (<table>.arrow) following the TPC-H value distributions at scale factor N
                --sf N             scale factor, e.g. 0.01, 1, 10 (lineitem has about 6,000,000 x N rows)
                --out DIR          directory (default data/tpch-sf<N>)
                --batch-units N    orders (or rows, for other tables) per record batch (default 16384)
              run   runs TPC-H query 1, 3, 5, 6 or 10 (or all) with the Stream API and prints the result
                --query N|all      the query
                --sf N             scale factor of the data (default 1); generated first if missing
                --data DIR         data directory (default data/tpch-sf<N>)
                --parallelism N    workers (default: available processors)
                --repeat K         run K times (the first run includes compiling and reading files)
                --quiet            no progress lines
            """;
    }

    @Override
    public int run(final String[] args, final PrintStream out, final PrintStream err) throws Exception
    {
        if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0]))
        {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        final String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0])
        {
            case "gen" -> gen(CommandLine.parse(rest, Set.of("sf", "out", "batch-units"), Set.of("help", "quiet"),
                false), out, err);
            case "run" -> runQuery(CommandLine.parse(rest, Set.of("query", "sf", "data", "parallelism", "repeat"),
                Set.of("help", "quiet"), false), out, err);
            default -> throw new UsageException("unknown subcommand '" + args[0] + "' (gen or run)");
        };
    }

    private int gen(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        if (line.flag("help"))
        {
            out.print(usage());
            return 0;
        }
        if (line.option("sf", null) == null)
        {
            throw new UsageException("tpch gen needs --sf");
        }
        final double sf = scaleFactor(line);
        final Path dir = Path.of(line.option("out", defaultDir(sf)));
        generate(dir, sf, line.intOption("batch-units", 16_384), line.flag("quiet"), out, err);
        return 0;
    }

    static void generate(final Path dir, final double sf, final int batchUnits, final boolean quiet,
                         final PrintStream out, final PrintStream err)
    {
        final Map<TpchTable, Long> perTable = new java.util.concurrent.ConcurrentHashMap<>();
        final long start = System.nanoTime();
        final Map<TpchTable, Long> written;
        try (Progress progress = quiet ? null : new Progress("tpch gen sf=" + sf,
            () -> perTable.values().stream().mapToLong(Long::longValue).sum(), err))
        {
            written = TpchWriter.writeIpc(dir, sf, batchUnits,
                (table, tableRows, totalRows) -> perTable.merge(table, tableRows, Math::max));
        }
        long total = 0;
        for (final Map.Entry<TpchTable, Long> entry : written.entrySet())
        {
            total += entry.getValue();
            out.printf(Locale.ROOT, "  %-9s %,14d rows%n", entry.getKey().tableName(), entry.getValue());
        }
        final long nanos = System.nanoTime() - start;
        out.printf(Locale.ROOT, "wrote %,d rows of TPC-H sf=%s to %s in %.2f s (%s rows/s)%n", total, sf, dir,
            nanos / 1e9, Progress.rate(total, nanos));
    }

    private int runQuery(final CommandLine line, final PrintStream out, final PrintStream err)
    {
        if (line.flag("help"))
        {
            out.print(usage());
            return 0;
        }
        final String query = line.option("query", null);
        if (query == null)
        {
            throw new UsageException("tpch run needs --query (1, 3, 5, 6, 10 or all)");
        }
        final List<Integer> queries = new ArrayList<>();
        if ("all".equals(query))
        {
            queries.addAll(TpchQueries.QUERIES);
        }
        else
        {
            final int q = line.intOption("query", 0);
            if (!TpchQueries.QUERIES.contains(q))
            {
                throw new UsageException("TPC-H query " + q + " is not implemented; available: " +
                    TpchQueries.QUERIES);
            }
            queries.add(q);
        }
        final double sf = scaleFactor(line);
        final Path dir = Path.of(line.option("data", defaultDir(sf)));
        if (!Files.isRegularFile(dir.resolve("lineitem.arrow")))
        {
            out.println("no TPC-H data in " + dir + ": generating sf=" + sf + " first");
            generate(dir, sf, 16_384, line.flag("quiet"), out, err);
        }
        final int repeat = Math.max(1, line.intOption("repeat", 1));
        try (StreamEnvironment env = StreamEnvironment.builder()
            .parallelism(line.intOption("parallelism", Runtime.getRuntime().availableProcessors())).build())
        {
            for (final int q : queries)
            {
                for (int r = 1; r <= repeat; r++)
                {
                    final CollectSink sink = Sinks.collect();
                    TpchQueries.query(q, env, table -> Sources.arrowFile(dir.resolve(table + ".arrow")))
                        .writeTo(sink);
                    final JobResult result;
                    try (Progress progress = line.flag("quiet") ? null : new Progress("Q" + q,
                        () -> env.runningJobs().stream().mapToLong(j -> j.rowsRead()).sum(), err))
                    {
                        result = env.execute("tpch-q" + q);
                    }
                    if (r == repeat)
                    {
                        printTable(sink, out);
                    }
                    out.printf(Locale.ROOT, "Q%d run %d: %,d result rows in %.3f s; %,d rows read (%s rows/s), " +
                            "parallelism %d%n", q, r, sink.rowCount(), result.elapsed().toNanos() / 1e9,
                        result.rowsRead(), Progress.rate(result.rowsRead(), result.elapsed().toNanos()),
                        env.parallelism());
                }
            }
        }
        return 0;
    }

    private static void printTable(final CollectSink sink, final PrintStream out)
    {
        final List<String> names = new ArrayList<>();
        sink.schema().getFields().forEach(f -> names.add(f.getName()));
        final List<List<Object>> rows = sink.rows();
        final int[] widths = new int[names.size()];
        for (int c = 0; c < names.size(); c++)
        {
            widths[c] = names.get(c).length();
            for (final List<Object> row : rows)
            {
                widths[c] = Math.max(widths[c], String.valueOf(row.get(c)).length());
            }
            widths[c] = Math.min(widths[c], 40);
        }
        final StringBuilder sb = new StringBuilder();
        for (int c = 0; c < names.size(); c++)
        {
            sb.append(c == 0 ? "" : " | ").append(pad(names.get(c), widths[c]));
        }
        out.println(sb);
        for (final List<Object> row : rows)
        {
            sb.setLength(0);
            for (int c = 0; c < names.size(); c++)
            {
                sb.append(c == 0 ? "" : " | ").append(pad(String.valueOf(row.get(c)), widths[c]));
            }
            out.println(sb);
        }
    }

    private static String pad(final String value, final int width)
    {
        final String cut = value.length() > width ? value.substring(0, width - 1) + "~" : value;
        return cut + " ".repeat(width - cut.length());
    }

    private static double scaleFactor(final CommandLine line)
    {
        final double sf = line.doubleOption("sf", 1);
        if (!(sf > 0))
        {
            throw new UsageException("--sf must be > 0, got " + sf);
        }
        return sf;
    }

    private static String defaultDir(final double sf)
    {
        final String text = sf == Math.rint(sf) ? Long.toString((long)sf) : Double.toString(sf);
        return "data/tpch-sf" + text;
    }
}
