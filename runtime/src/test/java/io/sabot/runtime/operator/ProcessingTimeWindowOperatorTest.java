package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sabot.jit.ExpressionCompiler;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WindowAggregateOperator#processingTime} on a manual clock, against brute force: batches arrive at random
 * clock times (sometimes hundreds of ms apart, so several windows fire in one wake-up), the operator is woken only
 * when the clock passes the time it asked for, and is snapshotted and restored into a fresh instance at random
 * points (the restored one must ask for its wake-up again). Every (key, window) of the reference is emitted exactly
 * once with the reference's count, sum and max, only once the clock reached the window's end; windows still open
 * at end of input are dropped.
 */
class ProcessingTimeWindowOperatorTest
{
    private static final List<Aggregate> AGGREGATES = List.of(Aggregate.count("n"), Aggregate.sum("l", "sl"),
        Aggregate.max("v", "xv"));
    /** size, slide. */
    private static final long[][] SHAPES = {{100, 100}, {100, 25}, {60, 20}, {7, 3}};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    /** The executor's side of the contract, by hand: the earliest requested wake-up and the clock. */
    static final class ManualTimers implements ProcessingTimers
    {
        long now;
        long requested = Long.MAX_VALUE;

        ManualTimers(final long now)
        {
            this.now = now;
        }

        @Override
        public long currentTimeMillis()
        {
            return now;
        }

        @Override
        public void requestWakeUp(final long atMillis)
        {
            requested = Math.min(requested, atMillis);
        }

        /** Moves the clock; if the wake-up is due, consumes it and calls the operator once, as the executor does. */
        boolean advance(final long millis, final Operator operator, final Output out)
        {
            now += millis;
            if (requested > now)
            {
                return false;
            }
            requested = Long.MAX_VALUE;
            operator.onProcessingTime(now, out);
            return true;
        }
    }

    private static OperatorContext context(final BufferAllocator allocator, final ManualTimers timers)
    {
        return new OperatorContext("test", 0, 1, false, allocator, ExpressionCompiler.shared(), timers);
    }

    private static long millis(final Object value)
    {
        return ((LocalDateTime)value).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void windowsFireByTheClockLikeBruteForceAcrossRestores()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final long[] shape : SHAPES)
        {
            final long size = shape[0];
            final long slide = shape[1];
            for (int seed = 0; seed < 3; seed++)
            {
                final SplittableRandom random = new SplittableRandom(seed * 31L + size * 7 + slide);
                final ManualTimers timers = new ManualTimers(1_000_000 + random.nextInt(1000));
                // (key, window start) -> count, sum of l (null while only nulls), max of v
                final Map<List<Object>, Object[]> reference = new HashMap<>();
                final Map<List<Object>, Integer> emitted = new HashMap<>();
                WindowAggregateOperator op = WindowAggregateOperator.processingTime(List.of("k"), size, slide,
                    AGGREGATES);
                op.open(context(allocator, timers));
                try (Harness.Collector out = new Harness.Collector())
                {
                    for (int b = 0; b < 120; b++)
                    {
                        final int before = out.batches.size();
                        final long step = random.nextInt(8) == 0 ? random.nextInt(400) : random.nextInt(12);
                        if (timers.advance(step, op, out))
                        {
                            record(out.rowsSince(before), timers.now, size, emitted);
                        }
                        final List<Object[]> rows = CheckpointTesting.rows(random, random.nextInt(5) == 0 ? 0 :
                            1 + random.nextInt(60), 6);
                        for (final Object[] row : rows)
                        {
                            for (long start = Math.floorDiv(timers.now, slide) * slide; start > timers.now - size;
                                 start -= slide)
                            {
                                final Object[] acc = reference.computeIfAbsent(List.of(row[0] == null ? "null" :
                                    row[0], start), k -> new Object[] {0L, null, null});
                                acc[0] = (Long)acc[0] + 1;
                                if (row[4] != null)
                                {
                                    acc[1] = acc[1] == null ? (Long)row[4] : (Long)acc[1] + (Long)row[4];
                                }
                                if (row[3] != null)
                                {
                                    acc[2] = acc[2] == null ? (Integer)row[3] : Math.max((Integer)acc[2],
                                        (Integer)row[3]);
                                }
                            }
                        }
                        op.processBatch(0, CheckpointTesting.batch(allocator, random, rows), out);
                        assertTrue(rows.isEmpty() || timers.requested != Long.MAX_VALUE,
                            "open windows need a wake-up");
                        if (random.nextInt(15) == 0)
                        {
                            final Path dir = CheckpointTesting.write(op.snapshotState(b),
                                temp.resolve(size + "-" + slide + "-" + seed + "-" + b));
                            op.close();
                            timers.requested = Long.MAX_VALUE;
                            op = WindowAggregateOperator.processingTime(List.of("k"), size, slide, AGGREGATES);
                            op.open(context(allocator, timers));
                            op.restoreState(CheckpointTesting.restore(0, 1, List.of(dir)));
                        }
                    }
                    // idle: the clock alone fires the rest
                    final int before = out.batches.size();
                    timers.advance(size + 1, op, out);
                    record(out.rowsSince(before), timers.now, size, emitted);
                    assertEquals(Long.MAX_VALUE, timers.requested, "no window left, no wake-up");
                    final List<List<Object>> actual = out.rows();
                    assertEquals(reference.size(), actual.size(), "windows emitted, " + size + "/" + slide);
                    for (final List<Object> row : actual)
                    {
                        final List<Object> key = List.of(row.get(0) == null ? "null" : row.get(0),
                            millis(row.get(1)));
                        final Object[] expected = reference.get(key);
                        assertTrue(expected != null, "unexpected window " + row);
                        assertEquals(millis(row.get(1)) + size, millis(row.get(2)), "window end " + row);
                        assertEquals(0, millis(row.get(1)) % slide, "window start on the slide " + row);
                        assertEquals(List.of(expected[0], expected[1] == null ? "null" : expected[1],
                            expected[2] == null ? "null" : ((Integer)expected[2]).longValue()),
                            List.of(row.get(3), row.get(4) == null ? "null" : row.get(4),
                                row.get(5) == null ? "null" : ((Number)row.get(5)).longValue()), "window " + row);
                    }
                    assertEquals(reference.size(), emitted.size(), "each window once");
                    emitted.values().forEach(n -> assertEquals(1, n, "each window once"));
                }
                finally
                {
                    op.close();
                }
            }
        }
    }

    /** Counts emitted (key, start) pairs and checks the clock had reached each one's end. */
    private static void record(final List<List<Object>> rows, final long now, final long size,
        final Map<List<Object>, Integer> emitted)
    {
        for (final List<Object> row : rows)
        {
            assertTrue(millis(row.get(1)) + size <= now, "window " + row + " fired before the clock reached its " +
                "end (now " + now + ")");
            emitted.merge(List.of(row.get(0) == null ? "null" : row.get(0), millis(row.get(1))), 1, Integer::sum);
        }
    }

    @Test
    void openWindowsAreDroppedAtEndOfInputAndWatermarksPassThrough()
    {
        final BufferAllocator allocator = memory.allocator();
        final ManualTimers timers = new ManualTimers(5_000);
        final SplittableRandom random = new SplittableRandom(7);
        try (WindowAggregateOperator op = WindowAggregateOperator.processingTime(List.of("k"), 100, 100, AGGREGATES);
             Harness.Collector out = new Harness.Collector())
        {
            op.open(context(allocator, timers));
            op.processBatch(0, CheckpointTesting.batch(allocator, random, CheckpointTesting.rows(random, 50, 4)), out);
            assertEquals(5_100, timers.requested, "the wake-up is the window's end");
            op.processWatermark(new Watermark(Long.MAX_VALUE - 1), out);
            assertEquals(List.of(new Watermark(Long.MAX_VALUE - 1)), out.watermarks);
            timers.now = 5_099;
            op.endOfInput(0, out);
            assertTrue(out.batches.isEmpty(), "nothing fires by watermark or end of input in processing time");
        }
    }
}
