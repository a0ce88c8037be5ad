package io.sabot.bench.tpch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.sabot.kernels.Batch;
import io.sabot.kernels.decimal.Decimals;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.exec.Batches;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.BatchesSource;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.tpch.query.TpchQueries;
import io.sabot.runtime.tpch.TpchGenerator;
import io.sabot.runtime.tpch.DuckDbTpch;
import io.sabot.runtime.tpch.TpchQuery;
import io.sabot.runtime.tpch.TpchTable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * TPC-H Q1 and Q6 on lineitem at scale factor {@code sf} (default 1): DuckDB 2.0 in-process with
 * {@code SET threads = threads}, one query per invocation (time to the last result row). Beside it, Sabot's
 * {@code sabotQ1}/{@code sabotQ6}: the Stream API queries of {@code TpchQueries} over the same rows in memory, with
 * the same thread count. The bar: Sabot >= 1.5x DuckDB. {@code sabotQ1Unfused}/{@code sabotQ6Unfused} plan the
 * filter/projection and the aggregation as separate operators: the twin of the fused (generated) aggregation.
 *
 * <p>Money columns: with {@code money = decimal64} (default) Sabot reads lineitem with its decimal(15,2) columns
 * narrowed to {@code sabot.decimal64} (8-byte unscaled values, the layout DuckDB uses inside its DECIMAL(15,2)), so
 * both engines read int64 money; {@code money = decimal128} keeps Arrow's 16-byte Decimal128 for comparison. DuckDB
 * always loads the Decimal128 batches into DECIMAL(15,2).
 *
 * <p>State: {@link #lineitem} holds the generated lineitem rows (default seed, {@code batchOrders} orders, about 4x
 * as many rows, per batch) as Arrow batches allocated from {@link #allocator}; DuckDB is loaded from the same batches
 * (appender) only in forks that run a {@code duckdb*} method. Everything is closed in {@link #tearDown()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// AlwaysPreTouch: without it every allocation lands on never-touched heap pages until the first GC (tens of seconds
// at these rates), and those first-touch faults cost Sabot 15-25% at 2 threads (none with it: docs/BENCHMARKS.md)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-Xms2g", "-XX:+AlwaysPreTouch"})
public class TpchDuckDbBench
{
    /** TPC-H scale factor. */
    @Param({"1"})
    public double sf;

    /** Worker threads, for DuckDB and (later) Sabot alike. */
    @Param({"1", "2"})
    public int threads;

    /** Orders per generated lineitem batch. */
    @Param({"16384"})
    public int batchOrders;

    /** How Sabot's lineitem holds money: {@code decimal64} or {@code decimal128}. */
    @Param({"decimal64"})
    public String money;

    /** Allocator of {@link #lineitem}; closed in {@link #tearDown()}. */
    public BufferAllocator allocator;

    /** The generated lineitem rows, in order-key order; owned by this state. */
    public List<Batch> lineitem;

    /** DuckDB loaded with {@link #lineitem}, or {@code null} in forks that run no {@code duckdb*} method. */
    public DuckDbTpch duck;

    /** Sabot's environment ({@code threads} workers), in forks that run a {@code sabot*} method. */
    private StreamEnvironment env;

    /** The same without aggregate fusion ({@code sabot*Unfused}: the twin of the fused plan). */
    private StreamEnvironment unfusedEnv;

    /** Zero-copy shares of {@link #lineitem} as a source (read again by every invocation). */
    private BatchesSource lineitemSource;

    /**
     * Generates lineitem (in parallel, by order ranges) and, for DuckDB forks, loads it.
     *
     * @param params the benchmark being set up.
     */
    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params)
    {
        allocator = new RootAllocator();
        final TpchGenerator generator = new TpchGenerator(sf);
        final long started = System.nanoTime();
        lineitem = generate(generator, TpchTable.LINEITEM, batchOrders, allocator);
        final long generated = System.nanoTime();
        long rows = 0;
        for (final Batch batch : lineitem)
        {
            rows += batch.rowCount();
        }
        System.out.printf("%ntpch: lineitem SF %s, %,d rows in %d batches generated in %.1f s%n", sf, rows,
            lineitem.size(), (generated - started) / 1e9);
        if (params.getBenchmark().contains(".sabot"))
        {
            final boolean narrow = switch (money)
            {
                case "decimal64" -> true;
                case "decimal128" -> false;
                default -> throw new IllegalArgumentException("money must be decimal64 or decimal128: " + money);
            };
            final List<Batch> shares = new ArrayList<>(lineitem.size());
            for (final Batch batch : lineitem)
            {
                shares.add(narrow ? Decimals.narrow(batch, allocator) : Batches.share(batch, allocator));
            }
            lineitemSource = Sources.batches(narrow ? Decimals.narrow(TpchTable.LINEITEM.schema()) :
                TpchTable.LINEITEM.schema(), shares, StreamEnvironment.DEFAULT_MORSEL_ROWS);
            env = StreamEnvironment.builder().parallelism(threads).allocator(allocator).build();
            unfusedEnv = StreamEnvironment.builder().parallelism(threads).allocator(allocator).fuseAggregates(false)
                .build();
        }
        if (params.getBenchmark().contains(".duckdb"))
        {
            duck = new DuckDbTpch(threads);
            duck.load(TpchTable.LINEITEM, lineitem);
            System.out.printf("tpch: DuckDB loaded lineitem in %.1f s (appender)%n",
                (System.nanoTime() - generated) / 1e9);
        }
    }

    /**
     * Closes DuckDB, the batches and the allocator.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (duck != null)
        {
            duck.close();
        }
        if (env != null)
        {
            env.close();
            unfusedEnv.close();
            lineitemSource.close();
        }
        lineitem.forEach(Batch::close);
        allocator.close();
    }

    /**
     * @return Q1's rows from DuckDB.
     */
    @Benchmark
    public List<List<Object>> duckdbQ1()
    {
        return duck.run(TpchQuery.Q1);
    }

    /**
     * @return Q6's row from DuckDB.
     */
    @Benchmark
    public List<List<Object>> duckdbQ6()
    {
        return duck.run(TpchQuery.Q6);
    }

    /**
     * @return Q1's rows from Sabot (Stream API over the in-memory lineitem, {@code threads} workers).
     */
    @Benchmark
    public List<List<Object>> sabotQ1()
    {
        return sabot(1);
    }

    /**
     * @return Q6's row from Sabot.
     */
    @Benchmark
    public List<List<Object>> sabotQ6()
    {
        return sabot(6);
    }

    /**
     * @return Q1's rows from Sabot with separate filter/projection and aggregation operators.
     */
    @Benchmark
    public List<List<Object>> sabotQ1Unfused()
    {
        return sabot(unfusedEnv, 1);
    }

    /**
     * @return Q6's row from Sabot with separate operators.
     */
    @Benchmark
    public List<List<Object>> sabotQ6Unfused()
    {
        return sabot(unfusedEnv, 6);
    }

    private List<List<Object>> sabot(final int query)
    {
        return sabot(env, query);
    }

    private List<List<Object>> sabot(final StreamEnvironment environment, final int query)
    {
        final CollectSink sink = Sinks.collect();
        TpchQueries.query(query, environment, table -> lineitemSource).writeTo(sink);
        environment.execute("tpch-q" + query);
        return sink.rows();
    }

    /**
     * Generates a whole table in batches of {@code batchUnits} units, ranges generated in parallel, kept in order.
     *
     * @param generator  the generator.
     * @param table      the table.
     * @param batchUnits units per batch.
     * @param allocator  where the batches live.
     * @return the batches in unit order, owned by the caller.
     */
    public static List<Batch> generate(final TpchGenerator generator, final TpchTable table, final int batchUnits,
        final BufferAllocator allocator)
    {
        final long units = generator.units(table);
        final int ranges = (int) ((units + batchUnits - 1) / batchUnits);
        final Batch[] batches = new Batch[ranges];
        try
        {
            IntStream.range(0, ranges).parallel().forEach(i ->
            {
                final long first = (long) i * batchUnits;
                batches[i] = generator.generate(table, first, (int) Math.min(batchUnits, units - first), allocator);
            });
        }
        catch (final RuntimeException | Error e)
        {
            for (final Batch batch : batches)
            {
                if (batch != null)
                {
                    batch.close();
                }
            }
            throw e;
        }
        return new ArrayList<>(List.of(batches));
    }
}
