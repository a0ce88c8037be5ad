package io.sabot.runtime.api;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.operator.Aggregate;
import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.operator.Watermark;
import io.sabot.runtime.operator.WindowAggregateOperator;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Sources;
import io.sabot.jit.ExpressionCompiler;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event-time windows against a brute-force reference: random out-of-order input (within the watermark bound, so
 * nothing is late), tumbling and sliding windows, parallelism 1 and 2 (morsels run out of order, watermarks must
 * still follow source order); the window operator alone for watermark firing, lateness, late-row dropping and
 * updates; plan errors.
 */
class EventTimeWindowTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));
    private static final long ROWS = 120_000;
    private static final long BOUND = 64;

    static long mix(final long v)
    {
        long x = v + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** Row i: key m % 50, amount, event time i / 20 - (m >>> 40 &amp; 63): out of order by at most 63 ms. */
    private static final RowGenerator EVENTS = (first, count, columns) ->
    {
        final BigIntVector k = (BigIntVector)columns.get(0);
        final BigIntVector amount = (BigIntVector)columns.get(1);
        final BigIntVector ts = (BigIntVector)columns.get(2);
        for (int i = 0; i < count; i++)
        {
            final long row = first + i;
            final long m = mix(row);
            k.set(i, Long.remainderUnsigned(m, 50));
            amount.set(i, Long.remainderUnsigned(m >>> 11, 100_000) - 20_000);
            ts.set(i, row / 20 - ((m >>> 40) & 63));
        }
    };

    /** Brute force: per (key, window start) count, sum, min, max over every row. */
    private static List<List<Object>> reference(final long size, final long slide)
    {
        return reference(size, slide, ROWS);
    }

    private static List<List<Object>> reference(final long size, final long slide, final long rows)
    {
        final Map<List<Long>, long[]> groups = new HashMap<>();
        for (long row = 0; row < rows; row++)
        {
            final long m = mix(row);
            final long k = Long.remainderUnsigned(m, 50);
            final long amount = Long.remainderUnsigned(m >>> 11, 100_000) - 20_000;
            final long t = row / 20 - ((m >>> 40) & 63);
            for (long start = Math.floorDiv(t, slide) * slide; start > t - size; start -= slide)
            {
                final long[] a = groups.computeIfAbsent(List.of(k, start),
                    x -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
                a[0]++;
                a[1] += amount;
                a[2] = Math.min(a[2], amount);
                a[3] = Math.max(a[3], amount);
            }
        }
        final List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, a) -> out.add(List.of(key.get(0), key.get(1), key.get(1) + size, a[0], a[1], a[2],
            a[3])));
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    private List<List<Object>> run(final int parallelism, final long size, final long slide)
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1000)
            .allocator(memory.allocator()).build())
        {
            final CollectSink sink = Sinks.collect();
            final DataStream windows = env.from(Sources.generator(SCHEMA, ROWS, EVENTS))
                .withEventTime("ts", Duration.ofMillis(BOUND))
                .keyBy("k").window(Duration.ofMillis(size), Duration.ofMillis(slide))
                .aggregate(Agg.count().as("n"), Agg.sum("amount").as("total"), Agg.min("amount").as("lo"),
                    Agg.max("amount").as("hi"));
            final String plan = windows.explain(sink);
            assertTrue(plan.contains("event time ts, watermarks in source order, max - 64 ms") &&
                plan.contains("WindowAggregate keys=[k]"), plan);
            windows.writeTo(sink);
            env.execute("windows");
            final List<List<Object>> rows = new ArrayList<>(sink.rows());
            rows.sort(Comparator.comparing(Object::toString));
            return rows;
        }
    }

    @Test
    void tumblingAndSlidingWindowsEqualBruteForceAtParallelismOneAndTwo()
    {
        for (final long[] window : new long[][] {{1000, 1000}, {250, 250}, {1000, 250}, {300, 200}})
        {
            final List<List<Object>> expected = reference(window[0], window[1]);
            for (final int parallelism : new int[] {1, 2})
            {
                final List<List<Object>> actual = run(parallelism, window[0], window[1]);
                assertEquals(expected.size(), actual.size(), "windows " + window[0] + "/" + window[1] + " p" +
                    parallelism);
                assertEquals(expected, actual, "windows " + window[0] + "/" + window[1] + " p" + parallelism);
            }
        }
    }

    @Test
    void onAnUnboundedSourceWindowsFireOnWatermarksCompleteAndInOrder() throws Exception
    {
        for (final int parallelism : new int[] {1, 2})
        {
            final List<List<Object>> fired = java.util.Collections.synchronizedList(new ArrayList<>());
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1000)
                .allocator(memory.allocator()).build())
            {
                env.from(Sources.unbounded(SCHEMA, EVENTS)).withEventTime("ts", Duration.ofMillis(BOUND))
                    .keyBy("k").window(Duration.ofMillis(200))
                    .aggregate(Agg.count().as("n"), Agg.sum("amount").as("total"), Agg.min("amount").as("lo"),
                        Agg.max("amount").as("hi"))
                    .writeTo(Sinks.callback(batch ->
                    {
                        for (int r = 0; r < batch.rowCount(); r++)
                        {
                            final List<Object> row = new ArrayList<>();
                            for (final FieldVector v : batch.columns())
                            {
                                row.add(v.getObject(r));
                            }
                            fired.add(row);
                        }
                    }));
                final RunningJob job = env.executeAsync("unbounded windows");
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (fired.size() < 50 * 10 && System.nanoTime() < deadline)
                {
                    Thread.sleep(5);
                }
                // what fired before the stop fired on a watermark: those windows must be complete
                final List<List<Object>> onWatermarks;
                synchronized (fired)
                {
                    onWatermarks = new ArrayList<>(fired);
                }
                job.stop();
                job.await();
                assertTrue(onWatermarks.size() >= 500, "windows fired on watermarks: " + onWatermarks.size());
                long maxEnd = 0;
                for (final List<Object> row : onWatermarks)
                {
                    maxEnd = Math.max(maxEnd, (Long)row.get(2));
                }
                final Map<List<Object>, List<Object>> expected = new HashMap<>();
                for (final List<Object> row : reference(200, 200, 20 * (maxEnd + BOUND + 1)))
                {
                    expected.put(List.of(row.get(0), row.get(1)), row);
                }
                for (final List<Object> row : onWatermarks)
                {
                    assertEquals(expected.get(List.of(row.get(0), row.get(1))), row, "p" + parallelism);
                }
            }
        }
    }

    @Test
    void aSlowSourceAtParallelismTwoStillFiresWindows() throws Exception
    {
        // a trickle: one worker may run every morsel while the other idles, and the idle instance must not hold the
        // watermark back (SourceStage hands it the watermark); the scheduler usually spreads the morsels, so this
        // checks the outcome, not that the hand-off ran

        final List<List<Object>> fired = java.util.Collections.synchronizedList(new ArrayList<>());
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(1000)
            .allocator(memory.allocator()).build())
        {
            env.from(io.sabot.runtime.source.GeneratorSource.builder(SCHEMA, EVENTS).unbounded().batchRows(500)
                    .rateLimit(100_000).build())
                .withEventTime("ts", Duration.ofMillis(BOUND)).keyBy("k").window(Duration.ofMillis(100))
                .aggregate(Agg.count().as("n"))
                .writeTo(Sinks.callback(batch ->
                {
                    for (int r = 0; r < batch.rowCount(); r++)
                    {
                        fired.add(List.of(batch.column(0).getObject(r), batch.column(1).getObject(r)));
                    }
                }));
            final RunningJob job = env.executeAsync("trickle");
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (fired.size() < 200 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            final int before = fired.size();
            job.stop();
            job.await();
            assertTrue(before >= 200, "windows fired on watermarks before the stop: " + before);
        }
    }

    /**
     * An unbounded source of two splits: split 0 reads ROWS events then waits, split 1 never reads anything (and is
     * handed out 300 ms after split 0).
     */
    private static final class OneQuietSplit implements io.sabot.runtime.source.Source
    {
        @Override
        public Schema schema()
        {
            return SCHEMA;
        }

        @Override
        public boolean bounded()
        {
            return false;
        }

        @Override
        public List<io.sabot.runtime.source.SourceSplit> splits(final int parallelism)
        {
            // the second split is slow to hand over: regression for splits joining the event-time clock one by
            // one as their read tasks were submitted (the busy split alone raised the watermark meanwhile)
            final List<io.sabot.runtime.source.SourceSplit> splits = List.of(() -> "busy", () -> "quiet");
            return new java.util.AbstractList<>()
            {
                @Override
                public io.sabot.runtime.source.SourceSplit get(final int index)
                {
                    if (index == 1)
                    {
                        java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
                    }
                    return splits.get(index);
                }

                @Override
                public int size()
                {
                    return 2;
                }
            };
        }

        @Override
        public io.sabot.runtime.source.SourceReader open(final io.sabot.runtime.source.SourceSplit split,
            final BufferAllocator allocator)
        {
            final boolean busy = split.describe().equals("busy");
            return new io.sabot.runtime.source.SourceReader()
            {
                private long next;

                @Override
                public Batch poll()
                {
                    if (!busy || next >= ROWS)
                    {
                        return null;
                    }
                    final List<FieldVector> columns = new ArrayList<>();
                    for (final Field f : SCHEMA.getFields())
                    {
                        final FieldVector v = f.createVector(allocator);
                        v.setInitialCapacity(1000);
                        v.allocateNew();
                        columns.add(v);
                    }
                    EVENTS.fill(next, 1000, columns);
                    columns.forEach(v -> v.setValueCount(1000));
                    next += 1000;
                    return Batch.of(columns);
                }

                @Override
                public boolean finished()
                {
                    return false;
                }

                @Override
                public void close()
                {
                }
            };
        }

        @Override
        public String describe()
        {
            return "one quiet split";
        }
    }

    private int firedBeforeStop(final Duration idleTimeout) throws Exception
    {
        final java.util.concurrent.atomic.AtomicInteger fired = new java.util.concurrent.atomic.AtomicInteger();
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .build())
        {
            env.from(new OneQuietSplit()).withEventTime("ts", Duration.ofMillis(BOUND), idleTimeout)
                .keyBy("k").window(Duration.ofMillis(100)).aggregate(Agg.count().as("n"))
                .writeTo(Sinks.callback(batch -> fired.addAndGet(batch.rowCount())));
            final RunningJob job = env.executeAsync("quiet split");
            final long deadline = System.nanoTime() + 3_000_000_000L;
            while (fired.get() == 0 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            final int before = fired.get();
            job.stop();
            job.await();
            return before;
        }
    }

    @Test
    void aQuietSplitHoldsTheWatermarkBackUnlessItTimesOutAsIdle() throws Exception
    {
        assertEquals(0, firedBeforeStop(Duration.ZERO), "without an idle timeout the quiet split holds back");
        assertTrue(firedBeforeStop(Duration.ofMillis(50)) > 0, "an idle split must not hold the watermark back");
    }

    @Test
    void lateRowsGoToTheSideOutputAndTheRestIsExact()
    {
        final List<Object[]> rows = List.of(new Object[] {1L, 10L, 5L}, new Object[] {1L, 20L, 150L},
            new Object[] {1L, 30L, 50L}, new Object[] {1L, 40L, 160L}, new Object[] {2L, 50L, 99L},
            new Object[] {2L, 60L, 250L});
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            final CollectSink windows = Sinks.collect();
            final CollectSink late = Sinks.collect();
            // two rows per batch: after batch 1 the watermark is 149, after batch 2 it is 159
            env.from(Sources.rows(SCHEMA, rows, 2)).withEventTime("ts", Duration.ZERO)
                .keyBy("k").window(Duration.ofMillis(100)).lateRowsTo(late)
                .aggregate(Agg.sum("amount").as("total"))
                .writeTo(windows);
            env.execute("late rows");
            assertEquals(List.of(List.of(1L, 0L, 100L, 10L), List.of(1L, 100L, 200L, 60L),
                List.of(2L, 200L, 300L, 60L)), windows.rows());
            // (1, 30, 50) arrives after [0, 100) fired; (2, 50, 99) too
            assertEquals(List.of(List.of(1L, 30L, 50L), List.of(2L, 50L, 99L)), late.rows());
        }
    }

    @Test
    void windowsNeedEventTimeOnTheSource()
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            final DataStream events = env.from(Sources.generator(SCHEMA, 10, EVENTS));
            final SchemaException missing = assertThrows(SchemaException.class, () -> events.keyBy("k")
                .window(Duration.ofSeconds(1)).aggregate(Agg.count().as("n")));
            assertTrue(missing.getMessage().contains("withEventTime"), missing.getMessage());
            assertThrows(SchemaException.class, () -> events.filter("k > 1").withEventTime("ts",
                Duration.ZERO).keyBy("k").window(Duration.ofSeconds(1)).aggregate(Agg.count().as("n")));
            assertThrows(SchemaException.class, () -> events.withEventTime("nope", Duration.ZERO));
            final IllegalArgumentException many = assertThrows(IllegalArgumentException.class, () -> events
                .withEventTime("ts", Duration.ZERO).keyBy("k").window(Duration.ofHours(1), Duration.ofSeconds(1)));
            assertTrue(many.getMessage().contains("3600 windows"), many.getMessage());
        }
    }

    // ---- the operator alone ----------------------------------------------------------------------------------

    private static final class Collect implements Output
    {
        final List<List<Object>> rows = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emit(final Batch batch)
        {
            try (batch)
            {
                for (int r = 0; r < batch.rowCount(); r++)
                {
                    final List<Object> row = new ArrayList<>();
                    for (final FieldVector v : batch.columns())
                    {
                        row.add(v.getObject(r));
                    }
                    rows.add(row);
                }
            }
        }

        @Override
        public void emitWatermark(final Watermark watermark)
        {
            watermarks.add(watermark.timestamp());
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
        }
    }

    private Batch batch(final BufferAllocator allocator, final long[][] rows)
    {
        final BigIntVector k = new BigIntVector("k", allocator);
        final BigIntVector amount = new BigIntVector("amount", allocator);
        final BigIntVector ts = new BigIntVector("ts", allocator);
        for (final BigIntVector v : List.of(k, amount, ts))
        {
            v.allocateNew(Math.max(rows.length, 1));
        }
        for (int r = 0; r < rows.length; r++)
        {
            k.set(r, rows[r][0]);
            amount.set(r, rows[r][1]);
            ts.set(r, rows[r][2]);
        }
        for (final BigIntVector v : List.of(k, amount, ts))
        {
            v.setValueCount(rows.length);
        }
        return Batch.of(k, amount, ts);
    }

    @Test
    void watermarksFireWindowsLateRowsAreDroppedOrUpdateWithinTheLateness()
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("w", 0, Long.MAX_VALUE))
        {
            final WindowAggregateOperator op = new WindowAggregateOperator(List.of("k"), "ts", 100, 100, 50,
                List.of(Aggregate.sum("amount", "total")), null);
            op.open(new OperatorContext("w", 0, 1, false, allocator, ExpressionCompiler.shared()));
            final Collect out = new Collect();
            op.processBatch(0, batch(allocator, new long[][] {{1, 10, 5}, {2, 20, 99}, {1, 30, 150}}), out);
            assertTrue(out.rows.isEmpty(), "nothing fires before a watermark");
            op.processWatermark(new Watermark(98), out);
            assertTrue(out.rows.isEmpty(), "[0, 100) fires at 99");
            op.processWatermark(new Watermark(99), out);
            assertEquals(List.of(List.of(1L, 0L, 100L, 10L), List.of(2L, 0L, 100L, 20L)), out.rows);
            assertEquals(List.of(98L, 99L), out.watermarks);
            out.rows.clear();
            // late for [0, 100) but within the lateness (99 + 50 > 120): the window fires again, updated
            op.processWatermark(new Watermark(120), out);
            op.processBatch(0, batch(allocator, new long[][] {{1, 5, 42}}), out);
            assertEquals(List.of(List.of(1L, 0L, 100L, 15L), List.of(2L, 0L, 100L, 20L)), out.rows);
            out.rows.clear();
            // past the lateness (99 + 50 <= 149): dropped and counted
            op.processWatermark(new Watermark(149), out);
            op.processBatch(0, batch(allocator, new long[][] {{1, 1000, 10}, {3, 7, 160}}), out);
            assertTrue(out.rows.isEmpty(), out.rows.toString());
            assertEquals(1, op.lateRows());
            // end of input fires the rest: [100, 200) with keys 1 and 3
            op.endOfInput(0, out);
            assertEquals(List.of(List.of(1L, 100L, 200L, 30L), List.of(3L, 100L, 200L, 7L)), out.rows);
            op.close();
        }
    }
}
