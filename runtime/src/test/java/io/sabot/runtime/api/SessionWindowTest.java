package io.sabot.runtime.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.sabot.common.SchemaException;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.operator.UserAggregateFunction;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.state.StateSerializer;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session windows and user aggregates through the Stream API: random out-of-order input (within the watermark
 * bound, so no row reaches a fired session and the result equals sessions computed offline) at parallelism 1 and 2,
 * also with checkpoints on; user aggregates in session, tumbling and sliding windows and in {@code keyBy().aggregate}
 * against brute force; a late row to the side output and a row within the lateness merging two fired sessions; plan
 * errors.
 */
class SessionWindowTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));
    private static final long ROWS = 50_000;
    private static final long BOUND = 64;
    private static final long KEYS = 50;

    /** Row i: key m % 50, amount, event time i / 20 - (m >>> 40 &amp; 63). */
    private static final RowGenerator EVENTS = (first, count, columns) ->
    {
        final BigIntVector k = (BigIntVector)columns.get(0);
        final BigIntVector amount = (BigIntVector)columns.get(1);
        final BigIntVector ts = (BigIntVector)columns.get(2);
        for (int i = 0; i < count; i++)
        {
            final long[] row = event(first + i);
            k.set(i, row[0]);
            amount.set(i, row[1]);
            ts.set(i, row[2]);
        }
    };

    private static long[] event(final long row)
    {
        final long m = EventTimeWindowTest.mix(row);
        return new long[] {Long.remainderUnsigned(m, KEYS), Long.remainderUnsigned(m >>> 11, 100_000) - 20_000,
            row / 20 - ((m >>> 40) & 63)};
    }

    /** Sum of squares of an int64 input, as int64 (wrapping). */
    static final class Squares implements UserAggregateFunction<long[]>
    {
        @Override
        public List<Input> inputs()
        {
            return List.of(Input.LONG);
        }

        @Override
        public ArrowType resultType()
        {
            return new ArrowType.Int(64, true);
        }

        @Override
        public long[] createAccumulator()
        {
            return new long[1];
        }

        @Override
        public long[] add(final long[] acc, final Values row)
        {
            final long v = row.getLong(0);
            acc[0] += v * v;
            return acc;
        }

        @Override
        public long[] merge(final long[] acc, final long[] other)
        {
            acc[0] += other[0];
            return acc;
        }

        @Override
        public void result(final long[] acc, final Result out)
        {
            out.setLong(acc[0]);
        }

        @Override
        public StateSerializer<long[]> serializer()
        {
            return new StateSerializer<>()
            {
                @Override
                public byte[] serialize(final long[] value)
                {
                    return ByteBuffer.allocate(8).putLong(value[0]).array();
                }

                @Override
                public long[] deserialize(final byte[] bytes)
                {
                    return new long[] {ByteBuffer.wrap(bytes).getLong()};
                }
            };
        }
    }

    private static final Agg[] AGGS = {Agg.count().as("n"), Agg.sum("amount").as("total"),
        Agg.min("amount").as("lo"), Agg.max("amount").as("hi"), Agg.of("squares", new Squares(), "amount")};

    /** Offline sessions: per key, rows sorted by time, split where the next row is gap or more later. */
    private static List<List<Object>> sessions(final long gap)
    {
        final Map<Long, List<long[]>> byKey = new TreeMap<>();
        for (long row = 0; row < ROWS; row++)
        {
            final long[] e = event(row);
            byKey.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e);
        }
        final List<List<Object>> out = new ArrayList<>();
        for (final Map.Entry<Long, List<long[]>> entry : byKey.entrySet())
        {
            final List<long[]> rows = entry.getValue();
            rows.sort(Comparator.comparingLong(e -> e[2]));
            int from = 0;
            for (int i = 1; i <= rows.size(); i++)
            {
                if (i == rows.size() || rows.get(i)[2] - rows.get(i - 1)[2] >= gap)
                {
                    out.add(summary(entry.getKey(), rows.get(from)[2], rows.get(i - 1)[2] + gap,
                        rows.subList(from, i)));
                    from = i;
                }
            }
        }
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    private static List<Object> summary(final long key, final long start, final long end, final List<long[]> rows)
    {
        long sum = 0;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long squares = 0;
        for (final long[] e : rows)
        {
            sum += e[1];
            lo = Math.min(lo, e[1]);
            hi = Math.max(hi, e[1]);
            squares += e[1] * e[1];
        }
        return List.of(key, start, end, (long)rows.size(), sum, lo, hi, squares);
    }

    private List<List<Object>> run(final int parallelism, final long gap, final Path checkpoints)
    {
        final StreamEnvironment.Builder builder = StreamEnvironment.builder().parallelism(parallelism)
            .morselRows(1000).allocator(memory.allocator());
        if (checkpoints != null)
        {
            builder.checkpointing(checkpoints, Duration.ofMillis(5));
        }
        try (StreamEnvironment env = builder.build())
        {
            final CollectSink sink = Sinks.collect();
            final DataStream sessions = env.from(Sources.generator(SCHEMA, ROWS, EVENTS))
                .withEventTime("ts", Duration.ofMillis(BOUND))
                .keyBy("k").sessionWindow(Duration.ofMillis(gap)).aggregate(AGGS);
            final String plan = sessions.explain(sink);
            assertTrue(plan.contains("SessionWindowAggregate keys=[k] gap " + gap + " ms"), plan);
            sessions.writeTo(sink);
            env.execute("sessions");
            final List<List<Object>> rows = new ArrayList<>(sink.rows());
            rows.sort(Comparator.comparing(Object::toString));
            return rows;
        }
    }

    @Test
    void sessionWindowsEqualOfflineSessionsAtParallelismOneAndTwo()
    {
        for (final long gap : new long[] {4, 12})
        {
            final List<List<Object>> expected = sessions(gap);
            assertTrue(expected.size() > 300, gap + ": " + expected.size() + " sessions");
            assertTrue(expected.stream().anyMatch(row -> (Long)row.get(3) > 20), "long sessions");
            for (final int parallelism : new int[] {1, 2})
            {
                assertEquals(expected, run(parallelism, gap, null), "gap " + gap + " p" + parallelism);
            }
        }
        // a job with checkpoints accepts session windows (and its result is unchanged)
        assertEquals(sessions(12), run(2, 12, temp.resolve("chk")), "with checkpoints");
    }

    /** Brute force per (key, window start) of tumbling/sliding windows, with the squares user aggregate. */
    private static List<List<Object>> windows(final long size, final long slide)
    {
        final Map<List<Long>, List<long[]>> groups = new HashMap<>();
        for (long row = 0; row < ROWS; row++)
        {
            final long[] e = event(row);
            for (long start = Math.floorDiv(e[2], slide) * slide; start > e[2] - size; start -= slide)
            {
                groups.computeIfAbsent(List.of(e[0], start), x -> new ArrayList<>()).add(e);
            }
        }
        final List<List<Object>> out = new ArrayList<>();
        groups.forEach((key, rows) -> out.add(summary(key.get(0), key.get(1), key.get(1) + size, rows)));
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    @Test
    void userAggregatesInWindowsAndKeyedAggregationsEqualBruteForce()
    {
        for (final int parallelism : new int[] {1, 2})
        {
            for (final long[] window : new long[][] {{100, 100}, {100, 40}})
            {
                try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1000)
                    .allocator(memory.allocator()).build())
                {
                    final CollectSink sink = Sinks.collect();
                    env.from(Sources.generator(SCHEMA, ROWS, EVENTS)).withEventTime("ts", Duration.ofMillis(BOUND))
                        .keyBy("k").window(Duration.ofMillis(window[0]), Duration.ofMillis(window[1]))
                        .aggregate(AGGS).writeTo(sink);
                    env.execute("windows");
                    final List<List<Object>> rows = new ArrayList<>(sink.rows());
                    rows.sort(Comparator.comparing(Object::toString));
                    assertEquals(windows(window[0], window[1]), rows, "window " + window[0] + "/" + window[1] +
                        " p" + parallelism);
                }
            }
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1000)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                final DataStream keyed = env.from(Sources.generator(SCHEMA, ROWS, EVENTS))
                    .filter("amount > 0").keyBy("k").aggregate(Agg.sum("amount").as("total"),
                        Agg.of("squares", new Squares(), "amount"));
                assertTrue(!keyed.explain(sink).contains("Partial"), "user aggregates run in one phase");
                keyed.writeTo(sink);
                env.execute("keyed");
                final Map<Long, long[]> expected = new TreeMap<>();
                for (long row = 0; row < ROWS; row++)
                {
                    final long[] e = event(row);
                    if (e[1] > 0)
                    {
                        final long[] a = expected.computeIfAbsent(e[0], k -> new long[2]);
                        a[0] += e[1];
                        a[1] += e[1] * e[1];
                    }
                }
                final List<List<Object>> want = new ArrayList<>();
                expected.forEach((k, a) -> want.add(List.of(k, a[0], a[1])));
                final List<List<Object>> rows = new ArrayList<>(sink.rows());
                rows.sort(Comparator.comparing(row -> (Long)row.get(0)));
                assertEquals(want, rows, "keyed p" + parallelism);
            }
        }
    }

    @Test
    void lateRowsGoToTheSideOutputAndRowsWithinTheLatenessMergeSessions()
    {
        // one row per batch; the watermark trails the largest time by 0
        final List<Object[]> rows = List.of(new Object[] {1L, 10L, 100L}, new Object[] {1L, 20L, 130L},
            new Object[] {2L, 5L, 300L}, new Object[] {1L, 30L, 115L}, new Object[] {1L, 40L, 50L},
            new Object[] {2L, 6L, 400L});
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            final CollectSink sessions = Sinks.collect();
            final CollectSink late = Sinks.collect();
            env.from(Sources.rows(SCHEMA, rows, 1)).withEventTime("ts", Duration.ZERO)
                .keyBy("k").sessionWindow(Duration.ofMillis(20)).allowedLateness(Duration.ofMillis(200))
                .lateRowsTo(late).aggregate(Agg.sum("amount").as("total"))
                .writeTo(sessions);
            env.execute("late sessions");
            // [100, 120) and [130, 150) fire at watermark 300; 115 (within the lateness) bridges them: the merged
            // session fires at once; 50 is behind the watermark and its own session ends too early: late
            final List<List<Object>> emitted = sessions.rows();
            assertTrue(emitted.contains(List.of(1L, 100L, 120L, 10L)), emitted.toString());
            assertTrue(emitted.contains(List.of(1L, 130L, 150L, 20L)), emitted.toString());
            assertTrue(emitted.contains(List.of(1L, 100L, 150L, 60L)), emitted.toString());
            assertTrue(emitted.contains(List.of(2L, 300L, 320L, 5L)), emitted.toString());
            assertTrue(emitted.contains(List.of(2L, 400L, 420L, 6L)), emitted.toString());
            assertEquals(5, emitted.size(), emitted.toString());
            assertEquals(List.of(List.of(1L, 40L, 50L)), late.rows());
        }
    }

    @Test
    void planErrorsAreTyped()
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            final DataStream events = env.from(Sources.generator(SCHEMA, 10, EVENTS));
            final SchemaException noTime = assertThrows(SchemaException.class, () -> events.keyBy("k")
                .sessionWindow(Duration.ofSeconds(1)).aggregate(Agg.count().as("n")));
            assertTrue(noTime.getMessage().contains("withEventTime"), noTime.getMessage());
            final DataStream timed = events.withEventTime("ts", Duration.ZERO);
            assertThrows(SchemaException.class, () -> timed.keyBy("nope").sessionWindow(Duration.ofSeconds(1))
                .aggregate(Agg.count().as("n")));
            final SchemaException unknown = assertThrows(SchemaException.class, () -> timed.keyBy("k")
                .sessionWindow(Duration.ofSeconds(1)).aggregate(Agg.of("x", new Squares(), "missing")));
            assertTrue(unknown.getMessage().contains("'missing'"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> timed.keyBy("k").sessionWindow(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> timed.keyBy("k").sessionWindow(Duration.ofSeconds(1))
                .allowedLateness(Duration.ofMillis(-1)));
        }
    }
}
