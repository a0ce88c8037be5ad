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
 * Session windows over the {@link TumblingWindowBench} workload: key by 1,000 keys, event-time sessions closed by
 * {@code gap} ms without events, summing an amount, over {@code events} generated (key, amount, timestamp) events
 * (splitmix64 {@code m = mix(i)}; key {@code m mod 1000}, amount {@code (m >>> 11) mod 100000}, event time
 * {@code i / 50 - ((m >>> 40) & 63)} ms, watermarks 64 ms behind), one worker, generation inside the job. Each key
 * sees an event every 20 ms on average, so a 10 ms gap gives sessions of about two events and a 100 ms gap sessions
 * of about 150 (most rows extend an open session; some arrive out of order and bridge two). The checksum (sum of the
 * session sums) equals the sum of all amounts. Events/s = events / score.
 *
 * <p>State: none across invocations (each builds its environment and allocator and checks they close empty).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class SessionWindowBench
{
    /** Events per run. */
    @Param({"50000000"})
    public long events;

    /** Session gap, ms. */
    @Param({"10", "100"})
    public long gap;

    /** Rows per generated batch. */
    @Param({"65536"})
    public int batchRows;

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(32, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));

    /** The tumbling-window workload's generator. */
    static final RowGenerator EVENTS = TumblingWindowBench.EVENTS;

    private BufferAllocator allocator;

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
     * @return {session count, checksum}.
     */
    @Benchmark
    public long[] sabotSessionWindowSum()
    {
        return run(allocator, events, batchRows, gap);
    }

    /**
     * @param allocator where the job allocates.
     * @param events    events to generate.
     * @param batchRows rows per generated batch.
     * @param gap       the session gap, ms.
     * @return {sessions emitted, sum of the session sums}.
     */
    static long[] run(final BufferAllocator allocator, final long events, final int batchRows, final long gap)
    {
        final WindowTotals totals = new WindowTotals();
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(allocator).build())
        {
            env.from(GeneratorSource.builder(SCHEMA, EVENTS).rows(events).batchRows(batchRows).build())
                .withEventTime("ts", Duration.ofMillis(64))
                .keyBy("key").sessionWindow(Duration.ofMillis(gap)).aggregate(Agg.sum("amount").as("total"))
                .writeTo(totals.sink());
            env.execute("session-window-sum");
        }
        return totals.result();
    }

    /**
     * Runs once and prints the result count, checksum and events/s (a quick check without JMH).
     *
     * @param args optional event count and gap (ms).
     */
    public static void main(final String[] args)
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        final long gap = args.length > 1 ? Long.parseLong(args[1]) : 10;
        try (BufferAllocator allocator = new RootAllocator())
        {
            for (int run = 0; run < 3; run++)
            {
                final long started = System.nanoTime();
                final long[] result = run(allocator, events, 65536, gap);
                final double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("events %,d  gap %d ms  sessions %,d  checksum %,d  %.2f s  %.2f M events/s%n",
                    events, gap, result[0], result[1], seconds, events / seconds / 1e6);
            }
        }
    }
}
