package io.sabot.bench.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.source.RowGenerator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
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

/**
 * Issue #6's window figure: key by 1,000 keys, a 1-second tumbling event-time window summing an amount, over
 * {@code events} generated (key, amount, timestamp) events, one worker, generation inside the job. The workload is
 * bit for bit the one of the Flink 1.20 peer in {@code peers/flink-window} (splitmix64 {@code m = mix(i)}; key
 * {@code m mod 1000}, amount {@code (m >>> 11) mod 100000}, event time {@code i / 50 - ((m >>> 40) & 63)} ms,
 * watermarks 64 ms behind), so both print the same result count and checksum (sum of the window sums): 1,000,777
 * windows and 2,500,105,733,431 for 50M events. Events/s = events / score.
 *
 * <p>State: none across invocations (each builds its environment and allocator and checks they close empty).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class TumblingWindowBench
{
    /** Events per run. */
    @Param({"50000000"})
    public long events;

    /** Rows per generated batch. */
    @Param({"65536"})
    public int batchRows;

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(32, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));

    /** The peer's generator: row i from splitmix64 of i. */
    static final RowGenerator EVENTS = (first, count, columns) ->
    {
        final IntVector key = (IntVector)columns.get(0);
        final BigIntVector amount = (BigIntVector)columns.get(1);
        final BigIntVector ts = (BigIntVector)columns.get(2);
        for (int i = 0; i < count; i++)
        {
            final long row = first + i;
            final long m = mix(row);
            key.set(i, (int)Long.remainderUnsigned(m, 1000));
            amount.set(i, Long.remainderUnsigned(m >>> 11, 100_000));
            ts.set(i, row / 50 - ((m >>> 40) & 0x3F));
        }
    };

    private BufferAllocator allocator;

    static long mix(final long v)
    {
        long x = v + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** A fresh allocator per trial. */
    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator();
    }

    /** Closes the allocator (fails on a leak). */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        allocator.close();
    }

    /**
     * @return {window count, checksum}.
     */
    @Benchmark
    public long[] sabotTumblingWindowSum()
    {
        return run(allocator, events, batchRows);
    }

    /**
     * @param allocator where the job allocates.
     * @param events    events to generate.
     * @param batchRows rows per generated batch.
     * @return {windows emitted, sum of the window sums}.
     */
    static long[] run(final BufferAllocator allocator, final long events, final int batchRows)
    {
        final WindowTotals totals = new WindowTotals();
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(allocator).build())
        {
            env.from(GeneratorSource.builder(SCHEMA, EVENTS).rows(events).batchRows(batchRows).build())
                .withEventTime("ts", Duration.ofMillis(64))
                .keyBy("key").window(Duration.ofSeconds(1)).aggregate(Agg.sum("amount").as("total"))
                .writeTo(totals.sink());
            env.execute("tumbling-window-sum");
        }
        return totals.result();
    }

    /**
     * Runs once and prints the result count, checksum and events/s (a quick check without JMH).
     *
     * @param args optional event count.
     */
    public static void main(final String[] args)
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        try (BufferAllocator allocator = new RootAllocator())
        {
            for (int run = 0; run < 3; run++)
            {
                final long started = System.nanoTime();
                final long[] result = run(allocator, events, 65536);
                final double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("events %,d  windows %,d  checksum %,d  %.2f s  %.2f M events/s%n", events,
                    result[0], result[1], seconds, events / seconds / 1e6);
            }
        }
    }
}
