package io.sabot.bench.runtime;

import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.state.StateBackends;
import io.sabot.runtime.state.StateSerializers;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * What a checkpoint of large RocksDB state costs a running job, and how long recovery takes (a main, not JMH: the
 * figures are rates inside one long run).
 *
 * <p>An unbounded generated stream of (key, seq) rows, one worker, keyed by {@code key} into a process function whose
 * value state per key is 15 longs (120 bytes, incompressible) read, changed and written back per row, in RocksDB.
 * The first {@code keys} rows visit every key once (filling the state); later rows pick keys at random. Then:
 * <ol>
 *   <li>the rows/s of a {@code baselineSeconds} window without checkpoints,</li>
 *   <li>a full checkpoint (every SST file copied into the checkpoint directory) and the rows/s while it runs,</li>
 *   <li>the same again for an incremental checkpoint, after {@code baselineSeconds} more,</li>
 *   <li>an injected crash of the process function: the time from the crash until rows flow again (the job restarts
 *       from the last checkpoint, restoring the state), and the supervisor's own restart time.</li>
 * </ol>
 *
 * <pre>
 *   args: [keys = 8,000,000] [baselineSeconds = 10] [work directory = a temp directory]
 * </pre>
 */
public final class CheckpointCostBench
{
    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(64, true)),
        Field.notNullable("seq", new ArrowType.Int(64, true))));
    private static final Schema OUT = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(64, true))));
    private static final int STATE_LONGS = 15;

    static final LongAdder PROCESSED = new LongAdder();
    static volatile boolean crashRequested;
    static volatile long crashedAtNanos;
    static volatile long resumedAtNanos;
    static volatile int crashedInstance = -1;
    /** Longest pause between two rows since the last reset (the worker thread's stall). */
    static volatile long maxGapNanos;
    private static long lastRowNanos;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private CheckpointCostBench()
    {
    }

    /** Reads, changes and writes back every row's 120-byte state; throws once when a crash is requested. */
    static final class Touch implements KeyedProcessFunction
    {
        private final int instance = INSTANCES.getAndIncrement();
        private ValueState<long[]> state;
        private int seqColumn;

        @Override
        public void open(final KeyedContext ctx, final Row schema)
        {
            state = ctx.valueState("payload", StateSerializers.LONG_ARRAY, null);
            seqColumn = schema.column("seq");
        }

        @Override
        public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
        {
            if (crashedInstance >= 0 && instance != crashedInstance && resumedAtNanos == 0)
            {
                resumedAtNanos = System.nanoTime();
            }
            if (crashRequested)
            {
                crashRequested = false;
                crashedInstance = instance;
                crashedAtNanos = System.nanoTime();
                throw new IllegalStateException("injected crash (CheckpointCostBench)");
            }
            long[] values = state.value();
            final long seq = row.getLong(seqColumn);
            if (values == null)
            {
                values = new long[STATE_LONGS];
            }
            values[0]++;
            for (int i = 1; i < STATE_LONGS; i++)
            {
                values[i] = TumblingWindowBench.mix(seq * STATE_LONGS + i);
            }
            state.update(values);
            PROCESSED.increment();
            final long now = System.nanoTime();
            if (lastRowNanos != 0 && now - lastRowNanos > maxGapNanos)
            {
                maxGapNanos = now - lastRowNanos;
            }
            lastRowNanos = now;
        }
    }

    /**
     * @param args keys, baseline seconds, work directory (all optional).
     * @throws Exception when the job fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final long keys = args.length > 0 ? Long.parseLong(args[0]) : 8_000_000L;
        final int baselineSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sabot-ckpt-cost");
        final Path checkpoints = work.resolve("checkpoints");
        final Path rocks = work.resolve("rocksdb");
        try (BufferAllocator allocator = new RootAllocator();
            StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(allocator)
                .stateBackend(StateBackends.rocksDb(rocks))
                .checkpointing(checkpoints, Duration.ofDays(1)).restartAttempts(1).build())
        {
            env.from(GeneratorSource.builder(SCHEMA, (first, count, columns) ->
                {
                    final BigIntVector key = (BigIntVector)columns.get(0);
                    final BigIntVector seq = (BigIntVector)columns.get(1);
                    for (int r = 0; r < count; r++)
                    {
                        final long i = first + r;
                        key.set(r, i < keys ? i : Long.remainderUnsigned(TumblingWindowBench.mix(i), keys));
                        seq.set(r, i);
                    }
                }).unbounded().batchRows(4096).build())
                .keyBy("key").process(Touch::new, OUT)
                .writeTo(Sinks.callback(batch -> { }));
            final RunningJob job = env.executeAsync("checkpoint-cost");
            final long fillStart = System.nanoTime();
            while (PROCESSED.sum() < keys)
            {
                failIfDone(job);
                TimeUnit.MILLISECONDS.sleep(200);
            }
            final double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            print("filled %,d keys in %.1f s (%,.0f rows/s)", keys, fillSeconds, keys / fillSeconds);
            final double baseline = rate(job, baselineSeconds);
            print("baseline: %,.0f rows/s over %d s", baseline, baselineSeconds);
            checkpoint(job, checkpoints, "full", baseline);
            final double baseline2 = rate(job, baselineSeconds);
            print("baseline: %,.0f rows/s over %d s", baseline2, baselineSeconds);
            checkpoint(job, checkpoints, "incremental", baseline2);
            rate(job, 2);

            crashRequested = true;
            while (resumedAtNanos == 0)
            {
                failIfDone(job);
                TimeUnit.MILLISECONDS.sleep(1);
            }
            print("crash -> rows flowing again: %.0f ms (supervisor restart incl. restore: %s ms, restarts %d)",
                (resumedAtNanos - crashedAtNanos) / 1e6, job.recoveryNanos().stream()
                    .map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toList(), job.restarts());
            final double after = rate(job, baselineSeconds);
            print("after recovery: %,.0f rows/s over %d s", after, baselineSeconds);
            job.cancel();
            try
            {
                job.await();
            }
            catch (final RuntimeException expected)
            {
                // cancelled
            }
        }
        finally
        {
            if (args.length <= 2)
            {
                delete(work);
            }
        }
    }

    private static void checkpoint(final RunningJob job, final Path checkpoints, final String kind,
        final double baseline) throws Exception
    {
        TimeUnit.SECONDS.sleep(1);
        final long window0 = PROCESSED.sum();
        final long w0 = System.nanoTime();
        maxGapNanos = 0;
        final long rows0 = PROCESSED.sum();
        final long t0 = System.nanoTime();
        final Path done = job.triggerCheckpoint().get(10, TimeUnit.MINUTES);
        final long t1 = System.nanoTime();
        final long rows = PROCESSED.sum() - rows0;
        final double seconds = (t1 - t0) / 1e9;
        final double during = rows / seconds;
        final long stall = maxGapNanos;
        TimeUnit.NANOSECONDS.sleep(Math.max(0, w0 + 3_000_000_000L - System.nanoTime()));
        final double window = (PROCESSED.sum() - window0) / ((System.nanoTime() - w0) / 1e9);
        print("%s checkpoint %s: %.2f s, %s in the checkpoint, %s shared; %,.0f rows/s while it ran: dip %.1f%%; " +
            "longest worker pause %.0f ms; the 3 s from its start: %,.0f rows/s, dip %.1f%%",
            kind, done.getFileName(), seconds, mib(size(done)), mib(size(checkpoints.resolve("shared"))), during,
            100 * (1 - during / baseline), stall / 1e6, window, 100 * (1 - window / baseline));
    }

    private static double rate(final RunningJob job, final int seconds) throws InterruptedException
    {
        failIfDone(job);
        final long rows0 = PROCESSED.sum();
        final long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        final long rows = PROCESSED.sum() - rows0;
        failIfDone(job);
        return rows / ((System.nanoTime() - t0) / 1e9);
    }

    private static void failIfDone(final RunningJob job)
    {
        if (job.isDone())
        {
            job.await();
            throw new IllegalStateException("the job ended early");
        }
    }

    private static long size(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException e)
                {
                    return 0;
                }
            }).sum();
        }
    }

    private static String mib(final long bytes)
    {
        return String.format(Locale.ROOT, "%,.0f MiB", bytes / 1048576.0);
    }

    private static void delete(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void print(final String format, final Object... values)
    {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
