package io.sabot.bench.runtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.exec.ManualProcessingTime;
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
 * {@link TumblingWindowBench}'s workload (splitmix64 events, 1,000 keys, sum of amount per key and 1-second
 * tumbling window, one worker, generation inside the job) with processing-time windows
 * ({@code windowProcessingTime}) instead of event time: no event-time column is read and no watermark flows.
 *
 * <ul>
 *   <li>{@code clock = manual}: a {@link ManualProcessingTime} that the generator sets to {@code first row / 50} ms
 *       before each batch (the event-time workload's pace, 50 events per ms), so windows fire as data flows,
 *       independent of the machine's speed; every batch goes whole into the window of its clock.</li>
 *   <li>{@code clock = system}: the wall clock and the job's timer thread; windows are whatever wall-clock seconds
 *       the run spans (few, and large).</li>
 * </ul>
 * At end of input the windows still open are dropped (Flink's streaming behaviour), so the result counts only
 * fired windows. Events/s = events / score.
 *
 * <p>State: none across invocations (each builds its environment; the allocator must close empty).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class ProcessingTimeWindowBench
{
    /** Events per run. */
    @Param({"50000000"})
    public long events;

    /** Rows per generated batch. */
    @Param({"65536"})
    public int batchRows;

    /** {@code manual} (generator-driven clock) or {@code system} (wall clock). */
    @Param({"manual", "system"})
    public String clock;

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(32, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));

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

    /** @return {windows emitted, sum of the window sums}. */
    @Benchmark
    public long[] sabotProcessingTimeWindowSum()
    {
        return run(allocator, events, batchRows, clock.equals("manual"));
    }

    /**
     * @param allocator where the job allocates.
     * @param events    events to generate.
     * @param batchRows rows per generated batch.
     * @param manual    generator-driven clock, else the system clock.
     * @return {windows emitted, sum of the window sums}.
     */
    static long[] run(final BufferAllocator allocator, final long events, final int batchRows, final boolean manual)
    {
        final WindowTotals totals = new WindowTotals();
        final ManualProcessingTime time = new ManualProcessingTime(0);
        final RowGenerator generator = manual ? (first, count, columns) ->
        {
            time.advanceTo(first / 50);
            TumblingWindowBench.EVENTS.fill(first, count, columns);
        } : TumblingWindowBench.EVENTS;
        final StreamEnvironment.Builder builder = StreamEnvironment.builder().parallelism(1).allocator(allocator);
        if (manual)
        {
            builder.processingTime(time);
        }
        try (StreamEnvironment env = builder.build())
        {
            env.from(GeneratorSource.builder(SCHEMA, generator).rows(events).batchRows(batchRows).build())
                .keyBy("key").windowProcessingTime(Duration.ofSeconds(1)).aggregate(Agg.sum("amount").as("total"))
                .writeTo(totals.sink());
            env.execute("processing-time-window-sum");
        }
        return totals.result();
    }

    /**
     * Runs each clock three times and prints the windows, checksum and events/s (a quick check without JMH).
     *
     * @param args optional event count.
     */
    public static void main(final String[] args)
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        try (BufferAllocator allocator = new RootAllocator())
        {
            for (final boolean manual : new boolean[] {true, false})
            {
                for (int run = 0; run < 3; run++)
                {
                    final long started = System.nanoTime();
                    final long[] result = run(allocator, events, 65536, manual);
                    final double seconds = (System.nanoTime() - started) / 1e9;
                    System.out.printf("%s clock: events %,d  windows %,d  checksum %,d  %.2f s  %.2f M events/s%n",
                        manual ? "manual" : "system", events, result[0], result[1], seconds, events / seconds / 1e6);
                }
            }
        }
    }
}
