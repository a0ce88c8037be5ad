package io.sabot.runtime.operator;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.sabot.common.SchemaException;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.state.StateSerializer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.operator.CheckpointTesting.Event;
import static io.sabot.runtime.operator.CheckpointTesting.RowsEvent;
import static io.sabot.runtime.operator.CheckpointTesting.WatermarkEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SessionWindowOperator} against a brute-force reference that keeps every session's rows in lists and
 * recomputes sessions as connected components of the rows' {@code [t, t + gap)} intervals: random out-of-order
 * batches (with dead rows behind selections, null keys and null event times) and watermarks; gaps that make sessions
 * merge across batches and through rows far behind the watermark; with and without allowed lateness; keyed by one
 * and two columns and unkeyed; built-in aggregates beside user aggregates (one, two and a utf8 input). What each
 * batch and each watermark emits must equal the reference's emission for that step, and the late-row counts must
 * match. Also: typed errors for user aggregates.
 */
class SessionWindowOperatorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** sum of l * v (wrapping), over rows where both are non-null. */
    static class WeightedSum implements UserAggregateFunction<long[]>
    {
        @Override
        public List<Input> inputs()
        {
            return List.of(Input.LONG, Input.LONG);
        }

        @Override
        public ArrowType resultType()
        {
            return new ArrowType.Int(64, true);
        }

        @Override
        public long[] createAccumulator()
        {
            return new long[2];
        }

        @Override
        public long[] add(final long[] acc, final Values row)
        {
            if (!row.isNull(0) && !row.isNull(1))
            {
                acc[0] += row.getLong(0) * row.getLong(1);
                acc[1]++;
            }
            return acc;
        }

        @Override
        public long[] merge(final long[] acc, final long[] other)
        {
            acc[0] += other[0];
            acc[1] += other[1];
            return acc;
        }

        @Override
        public void result(final long[] acc, final Result out)
        {
            if (acc[1] == 0)
            {
                out.setNull();
            }
            else
            {
                out.setLong(acc[0]);
            }
        }

        @Override
        public StateSerializer<long[]> serializer()
        {
            return new StateSerializer<>()
            {
                @Override
                public byte[] serialize(final long[] value)
                {
                    return ByteBuffer.allocate(16).putLong(value[0]).putLong(value[1]).array();
                }

                @Override
                public long[] deserialize(final byte[] bytes)
                {
                    final ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new long[] {b.getLong(), b.getLong()};
                }
            };
        }
    }

    /** The distinct non-null strings, sorted and joined with '|'. */
    static final class DistinctWords implements UserAggregateFunction<TreeSet<String>>
    {
        @Override
        public List<Input> inputs()
        {
            return List.of(Input.STRING);
        }

        @Override
        public ArrowType resultType()
        {
            return ArrowType.Utf8.INSTANCE;
        }

        @Override
        public TreeSet<String> createAccumulator()
        {
            return new TreeSet<>();
        }

        @Override
        public TreeSet<String> add(final TreeSet<String> acc, final Values row)
        {
            final String word = row.getString(0);
            if (word != null)
            {
                acc.add(word);
            }
            return acc;
        }

        @Override
        public TreeSet<String> merge(final TreeSet<String> acc, final TreeSet<String> other)
        {
            acc.addAll(other);
            return acc;
        }

        @Override
        public void result(final TreeSet<String> acc, final Result out)
        {
            out.setString(String.join("|", acc));
        }

        @Override
        public StateSerializer<TreeSet<String>> serializer()
        {
            return new StateSerializer<>()
            {
                @Override
                public byte[] serialize(final TreeSet<String> value)
                {
                    final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes))
                    {
                        out.writeInt(value.size());
                        for (final String word : value)
                        {
                            out.writeUTF(word);
                        }
                    }
                    catch (final java.io.IOException e)
                    {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return bytes.toByteArray();
                }

                @Override
                public TreeSet<String> deserialize(final byte[] bytes)
                {
                    final TreeSet<String> set = new TreeSet<>();
                    try (java.io.DataInputStream in = new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(bytes)))
                    {
                        for (int n = in.readInt(); n > 0; n--)
                        {
                            set.add(in.readUTF());
                        }
                    }
                    catch (final java.io.IOException e)
                    {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return set;
                }
            };
        }
    }

    /** Sum of squares of a double input (integers here, so exact in any order). */
    static final class SumOfSquares implements UserAggregateFunction<double[]>
    {
        @Override
        public List<Input> inputs()
        {
            return List.of(Input.DOUBLE);
        }

        @Override
        public ArrowType resultType()
        {
            return new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
        }

        @Override
        public double[] createAccumulator()
        {
            return new double[1];
        }

        @Override
        public double[] add(final double[] acc, final Values row)
        {
            final double v = row.getDouble(0);
            acc[0] += v * v;
            return acc;
        }

        @Override
        public double[] merge(final double[] acc, final double[] other)
        {
            acc[0] += other[0];
            return acc;
        }

        @Override
        public void result(final double[] acc, final Result out)
        {
            out.setDouble(acc[0]);
        }

        @Override
        public StateSerializer<double[]> serializer()
        {
            return new StateSerializer<>()
            {
                @Override
                public byte[] serialize(final double[] value)
                {
                    return ByteBuffer.allocate(8).putDouble(value[0]).array();
                }

                @Override
                public double[] deserialize(final byte[] bytes)
                {
                    return new double[] {ByteBuffer.wrap(bytes).getDouble()};
                }
            };
        }
    }

    /** Built-in and user aggregates over {@link CheckpointTesting#SCHEMA}. */
    static final List<Aggregate> AGGREGATES = List.of(Aggregate.count("n"), Aggregate.sum("l", "sl"),
        Aggregate.min("v", "lo"), Aggregate.max("v", "hi"), Aggregate.count("s", "ns"), Aggregate.mean("v", "av"),
        Aggregate.user("wsum", new WeightedSum(), List.of("l", "v")),
        Aggregate.user("words", new DistinctWords(), List.of("s")),
        Aggregate.user("squares", new SumOfSquares(), List.of("k")));

    /** The reference's aggregates of a session's rows, as the operator emits them (after keys and bounds). */
    static List<Object> aggregates(final List<Object[]> rows)
    {
        long sl = 0;
        boolean anyL = false;
        Integer lo = null;
        Integer hi = null;
        long ns = 0;
        long sumV = 0;
        long nv = 0;
        long wsum = 0;
        long nw = 0;
        final TreeSet<String> words = new TreeSet<>();
        double squares = 0;
        for (final Object[] row : rows)
        {
            if (row[4] != null)
            {
                sl += (Long)row[4];
                anyL = true;
            }
            if (row[3] != null)
            {
                final int v = (Integer)row[3];
                lo = lo == null ? v : Math.min(lo, v);
                hi = hi == null ? v : Math.max(hi, v);
                sumV += v;
                nv++;
                if (row[4] != null)
                {
                    wsum += (Long)row[4] * v;
                    nw++;
                }
            }
            if (row[1] != null)
            {
                ns++;
                words.add((String)row[1]);
            }
            final double k = row[0] == null ? 0 : (Integer)row[0];
            squares += k * k;
        }
        final List<Object> out = new ArrayList<>();
        out.add((long)rows.size());
        out.add(anyL ? sl : null);
        out.add(lo);
        out.add(hi);
        out.add(ns);
        out.add(nv == 0 ? null : (double)sumV / nv);
        out.add(nw == 0 ? null : wsum);
        out.add(String.join("|", words));
        out.add(squares);
        return out;
    }

    /** One reference session: bounds, rows, changed since it last fired. */
    static final class RefSession
    {
        long start;
        long last;
        final List<Object[]> rows = new ArrayList<>();
        boolean dirty = true;
        boolean changed;
    }

    /**
     * The brute-force reference: sessions per key as lists of rows, recomputed per batch as the connected components
     * of the kept sessions and the batch's rows.
     */
    static final class Reference
    {
        final List<Integer> keyColumns;
        final long gap;
        final long lateness;
        final Map<List<Object>, List<RefSession>> sessions = new LinkedHashMap<>();
        long watermark = Long.MIN_VALUE;
        long late;

        Reference(final List<Integer> keyColumns, final long gap, final long lateness)
        {
            this.keyColumns = keyColumns;
            this.gap = gap;
            this.lateness = lateness;
        }

        List<Object> key(final Object[] row)
        {
            final List<Object> key = new ArrayList<>();
            for (final int c : keyColumns)
            {
                key.add(row[c]);
            }
            return key;
        }

        List<List<Object>> batch(final List<Object[]> rows)
        {
            final Map<List<Object>, List<Object[]>> byKey = new LinkedHashMap<>();
            for (final Object[] row : rows)
            {
                if (row[2] == null)
                {
                    late++;
                    continue;
                }
                byKey.computeIfAbsent(key(row), k -> new ArrayList<>()).add(row);
            }
            final List<List<Object>> out = new ArrayList<>();
            for (final Map.Entry<List<Object>, List<Object[]>> e : byKey.entrySet())
            {
                // pieces: kept sessions (kept = true) and single rows
                final List<RefSession> pieces = new ArrayList<>();
                final List<Boolean> kept = new ArrayList<>();
                for (final RefSession s : sessions.getOrDefault(e.getKey(), List.of()))
                {
                    pieces.add(s);
                    kept.add(true);
                }
                for (final Object[] row : e.getValue())
                {
                    final RefSession s = new RefSession();
                    s.start = (Long)row[2];
                    s.last = s.start;
                    s.rows.add(row);
                    pieces.add(s);
                    kept.add(false);
                }
                boolean merged = true;
                while (merged)
                {
                    merged = false;
                    outer:
                    for (int i = 0; i < pieces.size(); i++)
                    {
                        for (int j = i + 1; j < pieces.size(); j++)
                        {
                            final RefSession a = pieces.get(i);
                            final RefSession b = pieces.get(j);
                            if (a.start < b.last + gap && b.start < a.last + gap)
                            {
                                a.start = Math.min(a.start, b.start);
                                a.last = Math.max(a.last, b.last);
                                a.rows.addAll(b.rows);
                                a.changed = true;
                                kept.set(i, kept.get(i) || kept.get(j));
                                pieces.remove(j);
                                kept.remove(j);
                                merged = true;
                                break outer;
                            }
                        }
                    }
                }
                final List<RefSession> keptNow = new ArrayList<>();
                for (int i = 0; i < pieces.size(); i++)
                {
                    final RefSession s = pieces.get(i);
                    final boolean touched = s.changed || !kept.get(i);
                    if (!kept.get(i) && s.last + gap - 1 + lateness <= watermark)
                    {
                        late += s.rows.size();
                        continue;
                    }
                    if (touched)
                    {
                        s.dirty = true;
                        s.changed = false;
                        if (s.last + gap - 1 <= watermark)
                        {
                            out.add(row(e.getKey(), s));
                            s.dirty = false;
                        }
                    }
                    keptNow.add(s);
                }
                sessions.put(e.getKey(), keptNow);
            }
            return out;
        }

        List<List<Object>> watermark(final long w)
        {
            final List<List<Object>> out = new ArrayList<>();
            if (w <= watermark)
            {
                return out;
            }
            watermark = w;
            for (final Map.Entry<List<Object>, List<RefSession>> e : sessions.entrySet())
            {
                e.getValue().removeIf(s ->
                {
                    if (s.dirty && s.last + gap - 1 <= w)
                    {
                        out.add(row(e.getKey(), s));
                        s.dirty = false;
                    }
                    return !s.dirty && s.last + gap - 1 + lateness <= w;
                });
            }
            return out;
        }

        List<List<Object>> end()
        {
            final List<List<Object>> out = new ArrayList<>();
            for (final Map.Entry<List<Object>, List<RefSession>> e : sessions.entrySet())
            {
                for (final RefSession s : e.getValue())
                {
                    if (s.dirty)
                    {
                        out.add(row(e.getKey(), s));
                    }
                }
            }
            return out;
        }

        List<Object> row(final List<Object> key, final RefSession s)
        {
            final List<Object> row = new ArrayList<>(key);
            row.add(s.start);
            row.add(s.last + gap);
            row.addAll(aggregates(s.rows));
            return row;
        }
    }

    /**
     * Batches trailing a rising clock by up to {@code bound} ms, a few rows far behind (late, within the lateness, or
     * bridging kept sessions), a few without event time, and watermarks (largest time - bound - 1) now and then.
     */
    static List<Event> events(final SplittableRandom random, final int batches, final int keys, final long bound)
    {
        final List<Event> events = new ArrayList<>();
        long clock = 1_000;
        long largest = clock - bound;
        long watermark = Long.MIN_VALUE;
        for (int b = 0; b < batches; b++)
        {
            final int size = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(60);
            final List<Object[]> rows = new ArrayList<>(size);
            for (int r = 0; r < size; r++)
            {
                clock += random.nextInt(4);
                final long time = random.nextInt(20) == 0 ? clock - 60 - random.nextInt(200) :
                    clock - random.nextInt((int)bound + 1);
                largest = Math.max(largest, time);
                final Object[] row = CheckpointTesting.row(random, keys, time);
                if (random.nextInt(40) == 0)
                {
                    row[2] = null;
                }
                rows.add(row);
            }
            events.add(new RowsEvent(rows));
            if (random.nextInt(3) == 0 && largest - bound - 1 > watermark)
            {
                watermark = largest - bound - 1;
                events.add(new WatermarkEvent(watermark));
            }
        }
        return events;
    }

    static List<List<Object>> rowsSince(final Harness.Collector out, final int batch)
    {
        final List<List<Object>> rows = new ArrayList<>();
        for (int b = batch; b < out.batches.size(); b++)
        {
            rows.addAll(Harness.rows(out.batches.get(b)));
        }
        return rows;
    }

    static List<String> sorted(final List<List<Object>> rows)
    {
        final List<String> out = new ArrayList<>();
        for (final List<Object> row : rows)
        {
            out.add(row.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Test
    void everyBatchAndWatermarkEmitsWhatTheBruteForceReferenceEmits()
    {
        final BufferAllocator allocator = memory.allocator();
        int emitted = 0;
        long late = 0;
        int merges = 0;
        for (final long seed : new long[] {1, 2, 3})
        {
            final SplittableRandom random = new SplittableRandom(seed);
            for (final List<String> keys : List.of(List.of("k"), List.of("k", "s"), List.<String>of()))
            {
                final List<Integer> keyColumns = keys.stream().map(k -> k.equals("k") ? 0 : 1).toList();
                for (final long[] setting : new long[][] {{12, 0}, {12, 80}, {40, 0}, {40, 150}})
                {
                    final long gap = setting[0];
                    final long lateness = setting[1];
                    final List<Event> events = events(random, 60 + random.nextInt(60), keys.isEmpty() ? 3 : 8,
                        30);
                    final Reference reference = new Reference(keyColumns, gap, lateness);
                    final String name = "seed " + seed + " keys " + keys + " gap " + gap + " lateness " + lateness;
                    try (SessionWindowOperator op = new SessionWindowOperator(keys, "t", gap, lateness, AGGREGATES,
                        null);
                        Harness.Collector out = new Harness.Collector())
                    {
                        op.open(new OperatorContext("s", 0, 1, false, allocator, ExpressionCompiler.shared()));
                        for (int e = 0; e < events.size(); e++)
                        {
                            final int before = out.batches.size();
                            final List<List<Object>> expected;
                            switch (events.get(e))
                            {
                                case RowsEvent rows ->
                                {
                                    op.processBatch(0, CheckpointTesting.batch(allocator,
                                        new SplittableRandom(seed * 1000 + e), rows.rows(), rows.schema()), out);
                                    expected = reference.batch(rows.rows());
                                }
                                case WatermarkEvent mark ->
                                {
                                    op.processWatermark(new Watermark(mark.timestamp()), out);
                                    expected = reference.watermark(mark.timestamp());
                                }
                            }
                            assertEquals(sorted(expected), sorted(rowsSince(out, before)), name + ", event " + e);
                            assertEquals(reference.late, op.lateRows(), name + ", late rows after event " + e);
                        }
                        final int before = out.batches.size();
                        op.endOfInput(0, out);
                        assertEquals(sorted(reference.end()), sorted(rowsSince(out, before)),
                            name + ", end of input");
                        final List<List<Object>> all = out.rows();
                        emitted += all.size();
                        late += op.lateRows();
                        for (final List<Object> row : all)
                        {
                            if ((Long)row.get(keys.size() + 2) > 1)
                            {
                                merges++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(emitted > 2000, "emitted " + emitted);
        assertTrue(late > 100, "late " + late);
        assertTrue(merges > 500, "sessions of several rows " + merges);
    }

    @Test
    void manyShortSessionsAreCompactedAndStayExact()
    {
        // many keys and a short gap: sessions are purged by the thousand, so the kernels' state is compacted
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(9);
        final List<Event> events = new ArrayList<>();
        long clock = 0;
        for (int b = 0; b < 120; b++)
        {
            final List<Object[]> rows = new ArrayList<>();
            for (int r = 0; r < 200; r++)
            {
                clock += random.nextInt(3);
                final Object[] row = CheckpointTesting.row(random, 5000, clock - random.nextInt(10));
                rows.add(row);
            }
            events.add(new RowsEvent(rows));
            events.add(new WatermarkEvent(clock - 11));
        }
        final Reference reference = new Reference(List.of(0), 5, 3);
        final List<List<Object>> expected = new ArrayList<>();
        try (SessionWindowOperator op = new SessionWindowOperator(List.of("k"), "t", 5, 3, AGGREGATES, null);
            Harness.Collector out = new Harness.Collector())
        {
            op.open(new OperatorContext("s", 0, 1, false, allocator, ExpressionCompiler.shared()));
            op.compactAfter(1024);
            for (int e = 0; e < events.size(); e++)
            {
                switch (events.get(e))
                {
                    case RowsEvent rows ->
                    {
                        op.processBatch(0, CheckpointTesting.batch(allocator, new SplittableRandom(e), rows.rows(),
                            rows.schema()), out);
                        expected.addAll(reference.batch(rows.rows()));
                    }
                    case WatermarkEvent mark ->
                    {
                        op.processWatermark(new Watermark(mark.timestamp()), out);
                        expected.addAll(reference.watermark(mark.timestamp()));
                    }
                }
            }
            assertTrue(op.keptSessions() < 500, "purged sessions are gone: " + op.keptSessions());
            op.endOfInput(0, out);
            expected.addAll(reference.end());
            assertTrue(expected.size() > 15_000, "sessions " + expected.size());
            assertEquals(sorted(expected), sorted(out.rows()));
            assertEquals(reference.late, op.lateRows());
        }
    }

    /** A user aggregate whose declared shape is given. */
    private static UserAggregateFunction<long[]> shaped(final List<UserAggregateFunction.Input> inputs,
        final ArrowType result)
    {
        return new WeightedSum()
        {
            @Override
            public List<Input> inputs()
            {
                return inputs;
            }

            @Override
            public ArrowType resultType()
            {
                return result;
            }
        };
    }

    @Test
    void userAggregatesRaiseTypedErrors()
    {
        final BufferAllocator allocator = memory.allocator();
        final org.apache.arrow.vector.types.pojo.Schema schema = CheckpointTesting.SCHEMA;
        final ArrowType int64 = new ArrowType.Int(64, true);
        final List<UserAggregateFunction.Input> longs = List.of(UserAggregateFunction.Input.LONG);
        final SchemaException wrongType = assertThrows(SchemaException.class,
            () -> Aggregate.user("x", shaped(longs, int64), List.of("s")).userResultType(schema));
        assertTrue(wrongType.getMessage().contains("'s'") && wrongType.getMessage().contains("Utf8"),
            wrongType.getMessage());
        final SchemaException decimal = assertThrows(SchemaException.class, () -> Aggregate.user("x",
            shaped(List.of(UserAggregateFunction.Input.DOUBLE), int64), List.of("m")).userResultType(schema));
        assertTrue(decimal.getMessage().contains("'m'"), decimal.getMessage());
        final SchemaException unknown = assertThrows(SchemaException.class,
            () -> Aggregate.user("x", shaped(longs, int64), List.of("nope")).userResultType(schema));
        assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
        final SchemaException nullType = assertThrows(SchemaException.class,
            () -> Aggregate.user("x", shaped(longs, null), List.of("l")).userResultType(schema));
        assertTrue(nullType.getMessage().contains("null result type"), nullType.getMessage());
        final SchemaException badType = assertThrows(SchemaException.class, () -> Aggregate.user("x",
            shaped(longs, new ArrowType.Decimal(10, 2, 128)), List.of("l")).userResultType(schema));
        assertTrue(badType.getMessage().contains("result type"), badType.getMessage());
        final SchemaException count = assertThrows(SchemaException.class,
            () -> Aggregate.user("x", shaped(longs, int64), List.of("l", "v")).userResultType(schema));
        assertTrue(count.getMessage().contains("2 columns"), count.getMessage());
        assertThrows(SchemaException.class, () -> Aggregate.user("x", new WeightedSum(), List.of()));
        assertThrows(SchemaException.class, () -> new AggregateOperator(AggregateOperator.Mode.PARTIAL,
            List.of("k"), List.of(Aggregate.user("x", new WeightedSum(), List.of("l", "v")))));
        // the operator checks at its first batch too
        try (SessionWindowOperator op = new SessionWindowOperator(List.of("k"), "t", 10, 0,
            List.of(Aggregate.user("x", shaped(longs, int64), List.of("s"))), null))
        {
            op.open(new OperatorContext("s", 0, 1, false, allocator, ExpressionCompiler.shared()));
            final SplittableRandom random = new SplittableRandom(3);
            assertThrows(SchemaException.class, () -> op.processBatch(0, CheckpointTesting.batch(allocator, random,
                CheckpointTesting.rows(random, 5, 3)), new Harness.Collector()));
        }
    }

    @Test
    void sessionsMergeWhenALateRowBridgesThem()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Aggregate> aggregates = List.of(Aggregate.count("n"), Aggregate.sum("l", "total"));
        try (SessionWindowOperator op = new SessionWindowOperator(List.of("k"), "t", 10, 100, aggregates, null);
            Harness.Collector out = new Harness.Collector())
        {
            op.open(new OperatorContext("s", 0, 1, false, allocator, ExpressionCompiler.shared()));
            final SplittableRandom random = new SplittableRandom(5);
            op.processBatch(0, CheckpointTesting.batch(allocator, random, List.<Object[]>of(row(1, 0, 1), row(1, 15, 2))),
                out);
            op.processWatermark(new Watermark(30), out);
            // two sessions [0, 10) and [15, 25) fired
            assertEquals(Map.of(0L, List.of(1, 0L, 10L, 1L, 1L), 15L, List.of(1, 15L, 25L, 1L, 2L)), byStart(out));
            out.batches.forEach(io.sabot.kernels.Batch::close);
            out.batches.clear();
            // t = 7 is behind the watermark but within the lateness, and bridges both: one session, emitted at once
            op.processBatch(0, CheckpointTesting.batch(allocator, random, List.<Object[]>of(row(1, 7, 4))), out);
            assertEquals(Map.of(0L, List.of(1, 0L, 25L, 3L, 7L)), byStart(out));
            assertEquals(1, op.keptSessions());
            // past the lateness: purged, and a row there is late
            op.processWatermark(new Watermark(200), out);
            op.processBatch(0, CheckpointTesting.batch(allocator, random, List.<Object[]>of(row(1, 20, 8))), out);
            assertEquals(1, op.lateRows());
            assertEquals(0, op.keptSessions());
        }
    }

    private static Object[] row(final int k, final long t, final long l)
    {
        final Object[] row = new Object[8];
        row[0] = k;
        row[2] = t;
        row[4] = l;
        return row;
    }

    private static Map<Long, List<Object>> byStart(final Harness.Collector out)
    {
        final Map<Long, List<Object>> rows = new HashMap<>();
        for (final List<Object> row : out.rows())
        {
            rows.put((Long)row.get(1), row);
        }
        return rows;
    }
}
