package io.sabot.runtime.api;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.exec.ManualProcessingTime;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.ClockedStepSource;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Source;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.SourceSplit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code keyBy(...).windowProcessingTime(...)} in running jobs. On a manual clock (parallelism 1, rows seen at
 * their step's clock) tumbling and sliding windows equal a brute-force reference exactly, and the windows still open
 * after the last row fire on the idle stream when only the clock moves. On the real clock, over a rate-limited
 * generator that goes idle after N rows, every row is counted exactly once per window it falls in (count and sum
 * of ids over all windows; at parallelism 1, each key's tumbling windows cover consecutive id ranges with no gap
 * or overlap), windows start on multiples of the slide and span the size; a cancelled job leaves no timer thread.
 * Processing-time session windows on the manual clock equal a brute-force reference (runs of a key's step times
 * less than the gap apart), the last ones closed by the clock alone.
 */
class ProcessingTimeWindowTest
{
    private static final ArrowType LONG = new ArrowType.Int(64, true);
    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("k", LONG),
        Field.notNullable("id", LONG)));
    private static final int KEYS = 4;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static long millis(final Object value)
    {
        return ((LocalDateTime)value).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static long count(final CollectSink sink)
    {
        long n = 0;
        for (final List<Object> row : sink.rows())
        {
            n += (Long)row.get(3);
        }
        return n;
    }

    @Test
    void manualClockWindowsEqualBruteForceAndFireOnTheIdleStream()
    {
        for (final long[] shape : new long[][] {{50, 50}, {60, 20}})
        {
            final long size = shape[0];
            final long slide = shape[1];
            final SplittableRandom random = new SplittableRandom(size * 31 + slide);
            final ManualProcessingTime clock = new ManualProcessingTime(10_000);
            final List<ClockedStepSource.Step> steps = new ArrayList<>();
            // (key, window start) -> count, sum of ids
            final Map<List<Long>, long[]> reference = new HashMap<>();
            long time = 10_000;
            long id = 0;
            for (int s = 0; s < 150; s++)
            {
                time += random.nextInt(10) == 0 ? random.nextInt(200) : random.nextInt(8);
                final List<Object[]> rows = new ArrayList<>();
                final int n = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(30);
                for (int r = 0; r < n; r++, id++)
                {
                    final long key = random.nextInt(KEYS);
                    rows.add(new Object[] {key, id});
                    for (long start = Math.floorDiv(time, slide) * slide; start > time - size; start -= slide)
                    {
                        final long[] acc = reference.computeIfAbsent(List.of(key, start), k -> new long[2]);
                        acc[0]++;
                        acc[1] += id;
                    }
                }
                steps.add(new ClockedStepSource.Step(time, rows));
            }
            final ClockedStepSource source = new ClockedStepSource(SCHEMA, clock, steps);
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).processingTime(clock)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                final DataStream keyed = env.from(source);
                (size == slide ? keyed.keyBy("k").windowProcessingTime(Duration.ofMillis(size)) :
                    keyed.keyBy("k").windowProcessingTime(Duration.ofMillis(size), Duration.ofMillis(slide)))
                    .aggregate(Agg.count(), Agg.sum("id")).writeTo(sink);
                final RunningJob job = env.executeAsync("manual windows");
                final long lastTime = time;
                await(() -> clock.currentTimeMillis() == lastTime, "every step");
                final long openAtTheEnd = reference.keySet().stream().filter(w -> w.get(1) + size > lastTime)
                    .count();
                // the rows are still flowing; the last windows fire only when the clock moves on
                await(() -> sink.rows().size() == reference.size() - openAtTheEnd, "windows closed by the steps");
                clock.advanceTo(lastTime + size);
                await(() -> sink.rows().size() == reference.size(), reference.size() + " windows");
                source.finish();
                job.await();
                final Map<List<Long>, long[]> actual = new HashMap<>();
                for (final List<Object> row : sink.rows())
                {
                    final long start = millis(row.get(1));
                    assertEquals(start + size, millis(row.get(2)), "end of " + row);
                    actual.put(List.of((Long)row.get(0), start), new long[] {(Long)row.get(3), (Long)row.get(4)});
                }
                assertEquals(reference.keySet(), actual.keySet(), size + "/" + slide);
                reference.forEach((w, acc) -> assertEquals(List.of(acc[0], acc[1]),
                    List.of(actual.get(w)[0], actual.get(w)[1]), "window " + w));
            }
        }
    }

    @Test
    void manualClockSessionsEqualBruteForceAndCloseOnTheIdleStream()
    {
        final long gap = 30;
        final SplittableRandom random = new SplittableRandom(99);
        final ManualProcessingTime clock = new ManualProcessingTime(50_000);
        final List<ClockedStepSource.Step> steps = new ArrayList<>();
        // per key: sessions as {start, last, count, sum of ids}
        final Map<Long, List<long[]>> reference = new HashMap<>();
        long time = 50_000;
        long id = 0;
        for (int s = 0; s < 150; s++)
        {
            time += random.nextInt(8) == 0 ? random.nextInt(120) : random.nextInt(12);
            final List<Object[]> rows = new ArrayList<>();
            final int n = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(10);
            for (int r = 0; r < n; r++, id++)
            {
                final long key = random.nextInt(KEYS);
                rows.add(new Object[] {key, id});
                final List<long[]> sessions = reference.computeIfAbsent(key, k -> new ArrayList<>());
                long[] session = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
                if (session == null || time - session[1] >= gap)
                {
                    session = new long[] {time, time, 0, 0};
                    sessions.add(session);
                }
                session[1] = time;
                session[2]++;
                session[3] += id;
            }
            steps.add(new ClockedStepSource.Step(time, rows));
        }
        final Map<List<Long>, List<Long>> expected = new HashMap<>();
        reference.forEach((key, sessions) -> sessions.forEach(x -> expected.put(List.of(key, x[0]),
            List.of(x[1] + gap, x[2], x[3]))));
        final ClockedStepSource source = new ClockedStepSource(SCHEMA, clock, steps);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).processingTime(clock)
            .allocator(memory.allocator()).build())
        {
            final CollectSink sink = Sinks.collect();
            env.from(source).keyBy("k").sessionWindowProcessingTime(Duration.ofMillis(gap))
                .aggregate(Agg.count(), Agg.sum("id")).writeTo(sink);
            final RunningJob job = env.executeAsync("manual sessions");
            final long lastTime = time;
            await(() -> clock.currentTimeMillis() == lastTime, "every step");
            final long openAtTheEnd = expected.values().stream().filter(v -> v.get(0) > lastTime).count();
            await(() -> sink.rows().size() == expected.size() - openAtTheEnd, "sessions closed by the steps");
            clock.advanceTo(lastTime + gap);
            await(() -> sink.rows().size() == expected.size(), expected.size() + " sessions");
            source.finish();
            job.await();
            final Map<List<Long>, List<Long>> actual = new HashMap<>();
            for (final List<Object> row : sink.rows())
            {
                actual.put(List.of((Long)row.get(0), millis(row.get(1))), List.of(millis(row.get(2)),
                    (Long)row.get(3), (Long)row.get(4)));
            }
            assertEquals(expected, actual);
        }
    }

    /** Row i: key i % 4, id i. */
    private static final RowGenerator IDS = (first, count, columns) ->
    {
        final BigIntVector k = (BigIntVector)columns.get(0);
        final BigIntVector ids = (BigIntVector)columns.get(1);
        for (int i = 0; i < count; i++)
        {
            k.set(i, (first + i) % KEYS);
            ids.set(i, first + i);
        }
    };

    /**
     * A generator source whose splits each stop after {@code rowsPerSplit} rows and then stay idle (polls return
     * nothing, the split is not finished) until {@link #finish()}.
     */
    private static final class IdleAfter implements Source
    {
        private final GeneratorSource inner;
        private final long rowsPerSplit;
        private volatile boolean finished;

        IdleAfter(final GeneratorSource inner, final long rowsPerSplit)
        {
            this.inner = inner;
            this.rowsPerSplit = rowsPerSplit;
        }

        void finish()
        {
            finished = true;
        }

        @Override
        public Schema schema()
        {
            return inner.schema();
        }

        @Override
        public boolean bounded()
        {
            return false;
        }

        @Override
        public List<SourceSplit> splits(final int parallelism)
        {
            return inner.splits(parallelism);
        }

        @Override
        public String describe()
        {
            return "idle after " + rowsPerSplit + " rows per split of " + inner.describe();
        }

        @Override
        public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
        {
            final SourceReader reader = inner.open(split, allocator);
            return new SourceReader()
            {
                private long emitted;

                @Override
                public Batch poll()
                {
                    if (emitted >= rowsPerSplit)
                    {
                        return null;
                    }
                    final Batch batch = reader.poll();
                    if (batch != null)
                    {
                        emitted += batch.rowCount();
                    }
                    return batch;
                }

                @Override
                public boolean finished()
                {
                    return finished && emitted >= rowsPerSplit;
                }

                @Override
                public void close()
                {
                    reader.close();
                }
            };
        }
    }

    @Test
    void realClockCountsEveryRowOncePerWindowOnARateLimitedGenerator()
    {
        final int batchRows = 250;
        final long rows = 24_000;
        for (final int parallelism : new int[] {1, 2})
        {
            for (final long[] shape : new long[][] {{100, 100}, {200, 100}})
            {
                final long size = shape[0];
                final long slide = shape[1];
                final long perRow = size / slide;
                final IdleAfter source = new IdleAfter(GeneratorSource.builder(SCHEMA, IDS).unbounded()
                    .batchRows(batchRows).rateLimit(30_000).build(), rows / parallelism);
                try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism)
                    .allocator(memory.allocator()).build())
                {
                    final CollectSink sink = Sinks.collect();
                    env.from(source).keyBy("k").windowProcessingTime(Duration.ofMillis(size),
                        Duration.ofMillis(slide)).aggregate(Agg.count(), Agg.sum("id"), Agg.min("id"),
                        Agg.max("id")).writeTo(sink);
                    final RunningJob job = env.executeAsync("rate-limited windows");
                    // the source is idle after its rows: the clock alone closes the last windows
                    await(() -> count(sink) == perRow * rows, perRow * rows + " counted rows");
                    long sum = 0;
                    final Map<Long, List<long[]>> perKey = new HashMap<>();
                    for (final List<Object> row : sink.rows())
                    {
                        final long start = millis(row.get(1));
                        assertEquals(0, start % slide, "window start on the slide: " + row);
                        assertEquals(start + size, millis(row.get(2)), "window end: " + row);
                        sum += (Long)row.get(4);
                        final long key = (Long)row.get(0);
                        assertEquals(key, (Long)row.get(5) % KEYS, "min id of key " + row);
                        perKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {start, (Long)row.get(3),
                            (Long)row.get(4), (Long)row.get(5), (Long)row.get(6)});
                    }
                    assertEquals(perRow * rows * (rows - 1) / 2, sum, "sum of ids over all windows");
                    for (final List<long[]> windows : perKey.values())
                    {
                        windows.sort(Comparator.comparingLong(w -> w[0]));
                        for (int i = 1; i < windows.size(); i++)
                        {
                            assertTrue(windows.get(i)[0] > windows.get(i - 1)[0], "one row per key and window");
                        }
                    }
                    if (parallelism == 1 && size == slide)
                    {
                        // rows arrive in id order: each key's windows hold consecutive ids, without gap or overlap
                        for (final Map.Entry<Long, List<long[]>> e : perKey.entrySet())
                        {
                            long next = e.getKey();
                            for (final long[] w : e.getValue())
                            {
                                assertEquals(next, w[3], "first id of window " + w[0] + " of key " + e.getKey());
                                assertEquals((w[4] - w[3]) / KEYS + 1, w[1], "rows of window " + w[0]);
                                assertEquals(w[1] * (w[3] + w[4]) / 2, w[2], "ids of window " + w[0]);
                                next = w[4] + KEYS;
                            }
                            assertTrue(next >= rows, "key " + e.getKey() + " ends at " + next);
                        }
                    }
                    if (parallelism == 2)
                    {
                        job.cancel();
                        assertThrows(CancellationException.class, job::await);
                        await(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t ->
                            t.getName().startsWith("sabot-timer-") && t.isAlive()), "no timer thread");
                    }
                    else
                    {
                        source.finish();
                        job.await();
                    }
                }
            }
        }
    }
}
