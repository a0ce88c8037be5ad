package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SessionWindowOperator#processingTime} on a manual clock, against brute force: batches arrive at random clock
 * times (bursts a few ms apart, pauses longer than the gap), the operator is woken only when the clock passes the
 * time it asked for, and it is snapshotted and restored into a fresh instance at random points. Per key, the
 * reference cuts the batch times into runs less than the gap apart; every such session is emitted exactly once, with
 * its bounds and the reference's count, sum and max, only once the clock reached its end.
 */
class ProcessingTimeSessionOperatorTest
{
    private static final List<Aggregate> AGGREGATES = List.of(Aggregate.count("n"), Aggregate.sum("l", "sl"),
        Aggregate.max("v", "xv"));

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    /** One reference session of a key: bounds and aggregates. */
    private static final class Session
    {
        final long start;
        long last;
        long count;
        Long sum;
        Integer max;

        Session(final long start)
        {
            this.start = start;
            this.last = start;
        }
    }

    private static OperatorContext context(final BufferAllocator allocator,
        final ProcessingTimeWindowOperatorTest.ManualTimers timers)
    {
        return new OperatorContext("test", 0, 1, false, allocator, io.sabot.jit.ExpressionCompiler.shared(), timers);
    }

    private static long millis(final Object value)
    {
        return ((LocalDateTime)value).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    @Test
    void sessionsCloseByTheClockLikeBruteForceAcrossRestores()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final long gap : new long[] {1, 20, 150})
        {
            for (int seed = 0; seed < 3; seed++)
            {
                final SplittableRandom random = new SplittableRandom(seed * 131L + gap);
                final ProcessingTimeWindowOperatorTest.ManualTimers timers =
                    new ProcessingTimeWindowOperatorTest.ManualTimers(2_000_000 + random.nextInt(1000));
                final Map<Object, List<Session>> reference = new HashMap<>();
                final Map<List<Object>, Integer> emitted = new HashMap<>();
                SessionWindowOperator op = SessionWindowOperator.processingTime(List.of("k"), gap, AGGREGATES);
                op.open(context(allocator, timers));
                try (Harness.Collector out = new Harness.Collector())
                {
                    for (int b = 0; b < 150; b++)
                    {
                        final int before = out.batches.size();
                        final long step = random.nextInt(6) == 0 ? random.nextInt((int)gap * 3 + 2) :
                            random.nextInt((int)Math.max(2, gap / 4));
                        if (timers.advance(step, op, out))
                        {
                            record(out.rowsSince(before), timers.now, emitted);
                        }
                        final List<Object[]> rows = CheckpointTesting.rows(random, random.nextInt(5) == 0 ? 0 :
                            1 + random.nextInt(40), 5);
                        for (final Object[] row : rows)
                        {
                            final List<Session> sessions = reference.computeIfAbsent(row[0] == null ? "null" :
                                row[0], k -> new ArrayList<>());
                            Session s = sessions.isEmpty() ? null : sessions.get(sessions.size() - 1);
                            if (s == null || timers.now - s.last >= gap)
                            {
                                s = new Session(timers.now);
                                sessions.add(s);
                            }
                            s.last = timers.now;
                            s.count++;
                            if (row[4] != null)
                            {
                                s.sum = s.sum == null ? (Long)row[4] : s.sum + (Long)row[4];
                            }
                            if (row[3] != null)
                            {
                                s.max = s.max == null ? (Integer)row[3] : Math.max(s.max, (Integer)row[3]);
                            }
                        }
                        op.processBatch(0, CheckpointTesting.batch(allocator, random, rows), out);
                        assertTrue(rows.isEmpty() || timers.requested != Long.MAX_VALUE,
                            "open sessions need a wake-up");
                        if (random.nextInt(15) == 0)
                        {
                            final Path dir = CheckpointTesting.write(op.snapshotState(b),
                                temp.resolve(gap + "-" + seed + "-" + b));
                            op.close();
                            timers.requested = Long.MAX_VALUE;
                            op = SessionWindowOperator.processingTime(List.of("k"), gap, AGGREGATES);
                            op.open(context(allocator, timers));
                            op.restoreState(CheckpointTesting.restore(0, 1, List.of(dir)));
                        }
                    }
                    // idle: the clock alone closes the rest
                    final int before = out.batches.size();
                    timers.advance(gap + 1, op, out);
                    record(out.rowsSince(before), timers.now, emitted);
                    assertEquals(Long.MAX_VALUE, timers.requested, "no session left, no wake-up");
                    final Map<List<Object>, Session> expected = new HashMap<>();
                    reference.forEach((key, sessions) -> sessions.forEach(s -> expected.put(List.of(key, s.start),
                        s)));
                    final List<List<Object>> actual = out.rows();
                    assertEquals(expected.size(), actual.size(), "sessions emitted, gap " + gap);
                    for (final List<Object> row : actual)
                    {
                        final Session s = expected.get(List.of(row.get(0) == null ? "null" : row.get(0),
                            millis(row.get(1))));
                        assertTrue(s != null, "unexpected session " + row);
                        assertEquals(s.last + gap, millis(row.get(2)), "session end " + row);
                        assertEquals(List.of(s.count, s.sum == null ? "null" : s.sum,
                            s.max == null ? "null" : s.max.longValue()),
                            List.of(row.get(3), row.get(4) == null ? "null" : row.get(4),
                                row.get(5) == null ? "null" : ((Number)row.get(5)).longValue()), "session " + row);
                    }
                    assertEquals(expected.size(), emitted.size(), "each session once");
                    emitted.values().forEach(n -> assertEquals(1, n, "each session once"));
                }
                finally
                {
                    op.close();
                }
            }
        }
    }

    /** Counts emitted (key, start) pairs and checks the clock had reached each one's end. */
    private static void record(final List<List<Object>> rows, final long now, final Map<List<Object>, Integer> emitted)
    {
        for (final List<Object> row : rows)
        {
            assertTrue(millis(row.get(2)) <= now, "session " + row + " fired before the clock reached its end (now " +
                now + ")");
            emitted.merge(List.of(row.get(0) == null ? "null" : row.get(0), millis(row.get(1))), 1, Integer::sum);
        }
    }

    @Test
    void openSessionsAreDroppedAtEndOfInputAndWatermarksPassThrough()
    {
        final BufferAllocator allocator = memory.allocator();
        final ProcessingTimeWindowOperatorTest.ManualTimers timers =
            new ProcessingTimeWindowOperatorTest.ManualTimers(5_000);
        final SplittableRandom random = new SplittableRandom(3);
        try (SessionWindowOperator op = SessionWindowOperator.processingTime(List.of("k"), 40, AGGREGATES);
             Harness.Collector out = new Harness.Collector())
        {
            op.open(context(allocator, timers));
            op.processBatch(0, CheckpointTesting.batch(allocator, random, CheckpointTesting.rows(random, 50, 4)), out);
            assertEquals(5_040, timers.requested, "the wake-up is the session's end");
            timers.now = 5_030;
            timers.requested = Long.MAX_VALUE;
            op.processBatch(0, CheckpointTesting.batch(allocator, random, CheckpointTesting.rows(random, 50, 4)), out);
            assertEquals(5_070, timers.requested, "a row within the gap extends the session");
            op.processWatermark(new Watermark(Long.MAX_VALUE - 1), out);
            assertEquals(List.of(new Watermark(Long.MAX_VALUE - 1)), out.watermarks);
            op.endOfInput(0, out);
            assertTrue(out.batches.isEmpty(), "nothing fires by watermark or end of input in processing time");
        }
        assertThrows(IllegalArgumentException.class, () -> new SessionWindowOperator(List.of("k"), null, 10, 5,
            AGGREGATES, null));
    }
}
