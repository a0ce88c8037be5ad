package io.sabot.kernels.hashagg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sabot.common.DataException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decimal aggregates against a {@link BigInteger} reference, partial/merge against one aggregator, the update stream
 * against the final result, date keys, and the tiny utf8 key path.
 */
class DecimalAggregationTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** A random unscaled decimal(p, _) value: small, mid, or near the precision's limit; negatives half the time. */
    private static BigInteger value(final SplittableRandom random, final int precision)
    {
        final BigInteger limit = BigInteger.TEN.pow(precision);
        final BigInteger v = switch (random.nextInt(4))
        {
            case 0 -> BigInteger.valueOf(random.nextInt(1000));
            case 1 -> BigInteger.valueOf(random.nextLong(Long.MAX_VALUE)).mod(limit);
            case 2 -> limit.subtract(BigInteger.valueOf(1 + random.nextInt(1000)));
            default -> new BigInteger(limit.bitLength() + 8, new java.util.Random(random.nextLong())).mod(limit);
        };
        return random.nextBoolean() ? v.negate() : v;
    }

    private static DecimalVector decimals(final BufferAllocator a, final String name, final BigInteger[] values,
        final int precision, final int scale)
    {
        final DecimalVector vector = new DecimalVector(name, a, precision, scale);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, new BigDecimal(values[i], scale));
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }

    private static VarCharVector strings(final BufferAllocator a, final String name, final String[] values)
    {
        final VarCharVector vector = new VarCharVector(name, a);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }

    private static IntVector ints(final BufferAllocator a, final String name, final Integer[] values)
    {
        final IntVector vector = new IntVector(name, a);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, values[i]);
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }

    /** The exact per-group state of the reference. */
    private static final class State
    {
        BigInteger sum = BigInteger.ZERO;
        BigInteger min;
        BigInteger max;
        long count;
        long rows;
    }

    /** Reference rows (key, then values of sum/min/max/mean/count(v)/count(*)) in first-appearance order. */
    private static Map<List<Object>, List<Object>> reference(final List<Object>[] keys, final BigInteger[] values,
        final int[] rows, final int scale)
    {
        final Map<List<Object>, State> states = new LinkedHashMap<>();
        for (final int r : rows)
        {
            final List<Object> key = keys[r];
            final State s = states.computeIfAbsent(key, k -> new State());
            s.rows++;
            final BigInteger v = values[r];
            if (v != null)
            {
                s.count++;
                s.sum = s.sum.add(v);
                s.min = s.min == null || v.compareTo(s.min) < 0 ? v : s.min;
                s.max = s.max == null || v.compareTo(s.max) > 0 ? v : s.max;
            }
        }
        final Map<List<Object>, List<Object>> out = new LinkedHashMap<>();
        for (final Map.Entry<List<Object>, State> e : states.entrySet())
        {
            final State s = e.getValue();
            final List<Object> row = new ArrayList<>();
            row.add(s.count == 0 ? null : new BigDecimal(s.sum, scale));
            row.add(s.min == null ? null : new BigDecimal(s.min, scale));
            row.add(s.max == null ? null : new BigDecimal(s.max, scale));
            row.add(s.count == 0 ? null : DecimalAverage.mean(s.sum.shiftRight(64).longValue(), s.sum.longValue(),
                s.count, scale));
            row.add(s.count);
            row.add(s.rows);
            out.put(e.getKey(), row);
        }
        return out;
    }

    /** @return the batch's rows as key list -> value list, in row order; utf8 as String, dates as Integer days. */
    static Map<List<Object>, List<Object>> rows(final Batch batch, final int keyColumns)
    {
        final Map<List<Object>, List<Object>> out = new LinkedHashMap<>();
        for (int r = 0; r < batch.rowCount(); r++)
        {
            final List<Object> key = new ArrayList<>();
            final List<Object> values = new ArrayList<>();
            for (int c = 0; c < batch.columnCount(); c++)
            {
                final FieldVector v = batch.column(c);
                Object o = v.getObject(r);
                if (o instanceof org.apache.arrow.vector.util.Text text)
                {
                    o = text.toString();
                }
                if (v instanceof DateDayVector days)
                {
                    o = days.isNull(r) ? null : days.get(r);
                }
                (c < keyColumns ? key : values).add(o);
            }
            out.put(key, values);
        }
        return out;
    }

    private static HashAggregator.Builder all(final HashAggregator.Builder builder, final String v)
    {
        return builder.sum(v).min(v).max(v).mean(v).count(v).count();
    }

    private static void assertSameRows(final Map<List<Object>, List<Object>> expected,
        final Map<List<Object>, List<Object>> actual, final String what)
    {
        assertEquals(expected.keySet(), actual.keySet(), what + ": groups");
        for (final Map.Entry<List<Object>, List<Object>> e : expected.entrySet())
        {
            assertEquals(e.getValue(), actual.get(e.getKey()), what + ": group " + e.getKey());
        }
    }

    @Test
    void decimalAggregatesMatchBigIntegerReference()
    {
        final BufferAllocator a = memory.allocator();
        final int[][] types = {{15, 2}, {18, 4}, {4, 1}, {31, 4}, {38, 6}, {38, 0}};
        final int[] sizes = {0, 1, 7, 1000, 5003};
        long seed = 1;
        for (final int[] type : types)
        {
            final int precision = type[0];
            final int scale = type[1];
            for (final int n : sizes)
            {
                final SplittableRandom random = new SplittableRandom(seed++);
                // Few groups take the lane loops, many the plain ones.
                final int groups = seed % 2 == 0 ? 1 + random.nextInt(40) : 100 + random.nextInt(900);
                final BigInteger[] values = new BigInteger[n];
                final Integer[] keyValues = new Integer[n];
                final List<Object>[] keys = keyLists(n);
                final double nullRatio = random.nextInt(3) == 0 ? 0 : 0.2;
                // Keep 38-digit sums in range: ~n/groups values per group, each below 10^36 for p = 38.
                final int valuePrecision = precision == 38 ? 35 : precision;
                for (int i = 0; i < n; i++)
                {
                    values[i] = random.nextDouble() < nullRatio ? null : value(random, valuePrecision);
                    keyValues[i] = random.nextInt(10) == 0 ? null : random.nextInt(groups);
                    keys[i].add(keyValues[i]);
                }
                try (Batch batch = Batch.of(ints(a, "k", keyValues), decimals(a, "v", values, precision, scale));
                    HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
                {
                    agg.add(batch);
                    try (Batch result = agg.result(a))
                    {
                        final String what = "decimal(" + precision + "," + scale + ") n=" + n;
                        if (n > 0)
                        {
                            assertEquals(new ArrowType.Decimal(38, scale, 128), result.column("sum(v)").getField()
                                .getType(), what);
                            assertEquals(new ArrowType.Decimal(precision, scale, 128), result.column("min(v)")
                                .getField().getType(), what);
                        }
                        assertSameRows(reference(keys, values, range(0, n), scale), rows(result, 1), what);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object>[] keyLists(final int n)
    {
        final List<Object>[] keys = new List[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = new ArrayList<>();
        }
        return keys;
    }

    private static int[] range(final int from, final int to)
    {
        final int[] rows = new int[to - from];
        for (int i = from; i < to; i++)
        {
            rows[i - from] = i;
        }
        return rows;
    }

    @Test
    void sumsBeyondTwoToThe63AreExactInSeveralBatches()
    {
        final BufferAllocator a = memory.allocator();
        final int n = 4000;
        final BigInteger[] values = new BigInteger[n];
        final Integer[] keyValues = new Integer[n];
        final List<Object>[] keys = keyLists(n);
        final BigInteger big = BigInteger.TEN.pow(18).subtract(BigInteger.ONE);
        final SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++)
        {
            // Mostly near +10^18 in group 0 and near -10^18 in group 1, so sums pass 2^63 many times over.
            keyValues[i] = i % 3 == 2 ? 2 : i % 3;
            values[i] = keyValues[i] == 0 ? big : keyValues[i] == 1 ? big.negate() : value(random, 18);
            keys[i].add(keyValues[i]);
        }
        try (Batch batch = Batch.of(ints(a, "k", keyValues), decimals(a, "v", values, 18, 3));
            HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
        {
            for (int from = 0; from < n; from += 999)
            {
                final int count = Math.min(999, n - from);
                agg.add(Rows.range(from, count), List.of(batch.column("k")), List.of(batch.column("v"),
                    batch.column("v"), batch.column("v"), batch.column("v"), batch.column("v")));
            }
            try (Batch result = agg.result(a))
            {
                final Map<List<Object>, List<Object>> actual = rows(result, 1);
                assertSameRows(reference(keys, values, range(0, n), 3), actual, "big sums");
                final BigDecimal sum0 = (BigDecimal)actual.get(List.of(0)).get(0);
                assertTrue(sum0.unscaledValue().bitLength() > 63, "the test reaches beyond 2^63: " + sum0);
            }
        }
    }

    @Test
    void slicedVectorsAndSelections()
    {
        final BufferAllocator a = memory.allocator();
        final int n = 3001;
        final SplittableRandom random = new SplittableRandom(11);
        final BigInteger[] values = new BigInteger[n];
        final String[] keyValues = new String[n];
        final List<Object>[] keys = keyLists(n);
        final String[] alphabet = {"A", "N", "R", "", null, "long-key"};
        for (int i = 0; i < n; i++)
        {
            values[i] = random.nextInt(7) == 0 ? null : value(random, 15);
            keyValues[i] = alphabet[random.nextInt(i < 2000 ? 5 : 6)];
            keys[i].add(keyValues[i]);
        }
        try (Batch batch = Batch.of(strings(a, "k", keyValues), decimals(a, "v", values, 15, 2)))
        {
            // Slices of the vectors (offset buffers), then a selection over the whole batch.
            final int start = 37;
            final int length = 1501;
            final TransferPair keySlice = batch.column("k").getTransferPair(a);
            final TransferPair valueSlice = batch.column("v").getTransferPair(a);
            keySlice.splitAndTransfer(start, length);
            valueSlice.splitAndTransfer(start, length);
            try (Batch sliced = Batch.of((FieldVector)keySlice.getTo(), (FieldVector)valueSlice.getTo());
                HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
            {
                agg.add(sliced);
                try (Batch result = agg.result(a))
                {
                    assertSameRows(reference(keys, values, range(start, start + length), 2), rows(result, 1),
                        "slice");
                }
            }
            final List<Integer> picked = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                if (random.nextInt(3) == 0)
                {
                    picked.add(i);
                }
            }
            final int[] positions = picked.stream().mapToInt(Integer::intValue).toArray();
            try (SelectionVector selection = SelectionVector.of(a, positions);
                HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
            {
                agg.add(Rows.selected(selection), List.of(batch.column("k")), List.of(batch.column("v"),
                    batch.column("v"), batch.column("v"), batch.column("v"), batch.column("v")));
                try (Batch result = agg.result(a))
                {
                    assertSameRows(reference(keys, values, positions, 2), rows(result, 1), "selection");
                }
            }
        }
    }

    @Test
    void sumBeyond38DigitsIsADataExceptionNamingTheColumn()
    {
        final BufferAllocator a = memory.allocator();
        final BigInteger nines = BigInteger.TEN.pow(38).subtract(BigInteger.ONE);
        final BigInteger[] values = {nines, BigInteger.ONE, nines.negate()};
        try (Batch batch = Batch.of(ints(a, "k", new Integer[] {1, 1, 2}), decimals(a, "price", values, 38, 2));
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("price").build())
        {
            final DataException e = assertThrows(DataException.class, () -> agg.add(batch));
            assertEquals("price", e.column());
            assertTrue(e.getMessage().contains("sum(price)"), e.getMessage());
        }
        // Far beyond: three 38-digit values in one batch pass 2^127, where a 128-bit sum would wrap back into range.
        final BigInteger[] three = {nines, nines, nines, nines.negate(), nines.negate(), nines.negate(),
            nines.negate()};
        try (Batch batch = Batch.of(ints(a, "k", new Integer[] {1, 1, 1, 2, 2, 2, 2}),
            decimals(a, "price", three, 38, 2));
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("price").build())
        {
            final DataException e = assertThrows(DataException.class, () -> agg.add(batch));
            assertEquals("price", e.column());
        }
        // 10^38 - 1 exactly is fine, also when reached over several batches of narrow values.
        final BigInteger[] edge = {nines.subtract(BigInteger.ONE), BigInteger.ONE};
        try (Batch batch = Batch.of(ints(a, "k", new Integer[] {1, 1}), decimals(a, "price", edge, 38, 0));
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("price").build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                assertEquals(new BigDecimal(nines), result.column("sum(price)").getObject(0));
            }
        }
    }

    @Test
    void knownDuckDbAverages()
    {
        // Observed from DuckDB 2.0.0.1 (avg over decimal(4,2), sums 2140 and -14001 of 5 and 11 values): the
        // formula casts the sum to double first, then divides by the count.
        assertEquals(4.279999999999999, DecimalAverage.mean(0, 2140, 5, 2));
        assertEquals(-12.728181818181817, DecimalAverage.mean(-1, -14001, 11, 2));
        assertEquals(-0.1542857142857143, DecimalAverage.mean(-1, -108, 7, 2));
        // Sums beyond 2^53 take DuckDB's quotient + remainder / 10^s path.
        final BigInteger sum = BigInteger.TEN.pow(20).add(BigInteger.valueOf(12345));
        final double expected = sum.divide(BigInteger.TEN.pow(4)).doubleValue() +
            sum.mod(BigInteger.TEN.pow(4)).doubleValue() / 1e4;
        assertEquals(expected / 3, DecimalAverage.mean(sum.shiftRight(64).longValue(), sum.longValue(), 3, 4));
    }

    @Test
    void partialsMergedEqualOneAggregator()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(21);
        for (int round = 0; round < 12; round++)
        {
            final int n = 1 + random.nextInt(3000);
            final BigInteger[] values = new BigInteger[n];
            final String[] flags = new String[n];
            final Integer[] days = new Integer[n];
            final String[] alphabet = {"A", "F", "N", "O", null, ""};
            for (int i = 0; i < n; i++)
            {
                values[i] = random.nextInt(9) == 0 ? null : value(random, round % 2 == 0 ? 15 : 31);
                flags[i] = alphabet[random.nextInt(alphabet.length)];
                days[i] = random.nextInt(10) == 0 ? null : 8000 + random.nextInt(3000);
            }
            final int precision = round % 2 == 0 ? 15 : 31;
            try (Batch batch = Batch.of(strings(a, "flag", flags), decimals(a, "v", values, precision, 2),
                dates(a, "d", days), longs(a, "x", n, random)))
            {
                final HashAggregator.Builder config = all(HashAggregator.builder(a).groupBy("flag"), "v")
                    .min("d").max("d").sum("x").count("d");
                try (HashAggregator single = config.build();
                    HashAggregator merged = config.build())
                {
                    single.add(batch);
                    final int parts = 1 + random.nextInt(8);
                    int from = 0;
                    for (int p = 0; p < parts; p++)
                    {
                        final int to = p == parts - 1 ? n : from + random.nextInt(n - from + 1);
                        try (HashAggregator partial = config.build())
                        {
                            if (to > from)
                            {
                                partial.add(Rows.range(from, to - from), List.of(batch.column("flag")),
                                    List.of(batch.column("v"), batch.column("v"), batch.column("v"),
                                        batch.column("v"), batch.column("v"), batch.column("d"), batch.column("d"),
                                        batch.column("x"), batch.column("d")));
                            }
                            try (Batch state = partial.partialResult(a))
                            {
                                merged.merge(state);
                            }
                        }
                        from = to;
                    }
                    try (Batch expected = single.result(a);
                        Batch actual = merged.result(a))
                    {
                        assertSameRows(rows(expected, 1), rows(actual, 1), "round " + round);
                        assertEquals(expected.schema(), actual.schema());
                    }
                    assertThrows(IllegalStateException.class, () -> merged.add(batch));
                    assertThrows(IllegalStateException.class, () -> single.merge(batch));
                }
            }
        }
    }

    private static DateDayVector dates(final BufferAllocator a, final String name, final Integer[] days)
    {
        final DateDayVector vector = new DateDayVector(name, a);
        vector.allocateNew(days.length);
        for (int i = 0; i < days.length; i++)
        {
            if (days[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, days[i]);
            }
        }
        vector.setValueCount(days.length);
        return vector;
    }

    private static BigIntVector longs(final BufferAllocator a, final String name, final int n,
        final SplittableRandom random)
    {
        final BigIntVector vector = new BigIntVector(name, a);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            vector.set(i, random.nextLong());
        }
        vector.setValueCount(n);
        return vector;
    }

    @Test
    void floatMeansMergeUpToSummationOrder()
    {
        final BufferAllocator a = memory.allocator();
        final int n = 500;
        final Float8Vector v = new Float8Vector("v", a);
        v.allocateNew(n);
        final Integer[] keys = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            v.set(i, i * 0.37);
            keys[i] = i % 4;
        }
        v.setValueCount(n);
        try (Batch batch = Batch.of(ints(a, "k", keys), v);
            HashAggregator single = HashAggregator.builder(a).groupBy("k").mean("v").sum("v").build();
            HashAggregator first = HashAggregator.builder(a).groupBy("k").mean("v").sum("v").build();
            HashAggregator second = HashAggregator.builder(a).groupBy("k").mean("v").sum("v").build();
            HashAggregator merged = HashAggregator.builder(a).groupBy("k").mean("v").sum("v").build())
        {
            single.add(batch);
            first.add(Rows.range(0, 200), List.of(batch.column("k")), List.of(v, v));
            second.add(Rows.range(200, 300), List.of(batch.column("k")), List.of(v, v));
            try (Batch p1 = first.partialResult(a);
                Batch p2 = second.partialResult(a))
            {
                assertEquals(List.of("k", "mean(v)#sum", "mean(v)#count", "sum(v)"),
                    p1.schema().getFields().stream().map(f -> f.getName()).toList());
                merged.merge(p1);
                merged.merge(p2);
            }
            try (Batch expected = single.result(a);
                Batch actual = merged.result(a))
            {
                final Map<List<Object>, List<Object>> e = rows(expected, 1);
                final Map<List<Object>, List<Object>> m = rows(actual, 1);
                for (final List<Object> key : e.keySet())
                {
                    for (int c = 0; c < 2; c++)
                    {
                        final double x = (Double)e.get(key).get(c);
                        final double y = (Double)m.get(key).get(c);
                        assertEquals(x, y, Math.abs(x) * 1e-12, "group " + key);
                    }
                }
            }
        }
    }

    @Test
    void updateStreamKeepingTheLastRowPerKeyEqualsTheResult()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(33);
        final int n = 4000;
        final BigInteger[] values = new BigInteger[n];
        final Integer[] keyValues = new Integer[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.nextInt(11) == 0 ? null : value(random, 12);
            // Groups drift over time, so later batches touch only some of them.
            keyValues[i] = random.nextInt(20) == 0 ? null : i / 50 + random.nextInt(30);
        }
        try (Batch batch = Batch.of(ints(a, "k", keyValues), decimals(a, "v", values, 12, 3));
            HashAggregator agg = all(HashAggregator.builder(a).groupBy("k").trackUpdates(), "v").build())
        {
            final Map<List<Object>, List<Object>> latest = new HashMap<>();
            int from = 0;
            int updates = 0;
            while (from < n)
            {
                final int count = Math.min(n - from, 1 + random.nextInt(400));
                final Map<List<Object>, Integer> touched = new HashMap<>();
                for (int i = from; i < from + count; i++)
                {
                    touched.merge(java.util.Collections.singletonList(keyValues[i]), 1, Integer::sum);
                }
                agg.add(Rows.range(from, count), List.of(batch.column("k")), List.of(batch.column("v"),
                    batch.column("v"), batch.column("v"), batch.column("v"), batch.column("v")));
                from += count;
                try (Batch update = agg.updatedResults(a))
                {
                    final Map<List<Object>, List<Object>> rows = rows(update, 1);
                    assertEquals(touched.keySet(), rows.keySet(), "an update holds exactly the touched groups");
                    latest.putAll(rows);
                    updates += update.rowCount();
                }
            }
            try (Batch empty = agg.updatedResults(a);
                Batch result = agg.result(a))
            {
                assertEquals(0, empty.rowCount());
                assertEquals(result.columnCount(), empty.columnCount());
                assertSameRows(rows(result, 1), latest, "last update per key");
                assertTrue(updates > result.rowCount());
            }
        }
        try (HashAggregator untracked = HashAggregator.builder(a).groupBy("k").count().build())
        {
            assertThrows(IllegalStateException.class, () -> untracked.updatedResults(a));
        }
    }

    @Test
    void dateKeysAndDateMinMax()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(44);
        final int n = 2000;
        final Integer[] keyDays = new Integer[n];
        final Integer[] valueDays = new Integer[n];
        final Map<List<Object>, int[]> expected = new LinkedHashMap<>();
        for (int i = 0; i < n; i++)
        {
            keyDays[i] = random.nextInt(15) == 0 ? null : 9000 + random.nextInt(60);
            valueDays[i] = random.nextInt(9) == 0 ? null : random.nextInt(20000) - 5000;
            final int[] s = expected.computeIfAbsent(java.util.Collections.singletonList(keyDays[i]),
                k -> new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 0});
            s[2]++;
            if (valueDays[i] != null)
            {
                s[0] = Math.min(s[0], valueDays[i]);
                s[1] = Math.max(s[1], valueDays[i]);
            }
        }
        try (Batch batch = Batch.of(dates(a, "shipdate", keyDays), dates(a, "d", valueDays));
            HashAggregator agg = HashAggregator.builder(a).groupBy("shipdate").min("d").max("d").count().build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                assertEquals(new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY),
                    result.column("shipdate").getField().getType());
                assertEquals(new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY),
                    result.column("min(d)").getField().getType());
                final Map<List<Object>, List<Object>> actual = rows(result, 1);
                assertEquals(expected.keySet(), actual.keySet());
                for (final Map.Entry<List<Object>, int[]> e : expected.entrySet())
                {
                    final int[] s = e.getValue();
                    final List<Object> want = new ArrayList<>();
                    want.add(s[0] == Integer.MAX_VALUE ? null : s[0]);
                    want.add(s[1] == Integer.MIN_VALUE ? null : s[1]);
                    want.add((long)s[2]);
                    assertEquals(want, actual.get(e.getKey()), "group " + e.getKey());
                }
            }
        }
    }

    @Test
    void tinyUtf8KeysMixedWithLongerKeysAcrossBatches()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(55);
        final String[] tiny = {"A", "F", "N", "O", "R", "", null, "é"};
        final String[] longer = {"AB", "N", "a-longer-key", null};
        try (HashAggregator agg = HashAggregator.builder(a).groupBy("f1", "f2").count().sum("v").build())
        {
            final Map<List<Object>, long[]> expected = new LinkedHashMap<>();
            for (int b = 0; b < 12; b++)
            {
                final int n = 1 + random.nextInt(700);
                final String[] f1 = new String[n];
                final String[] f2 = new String[n];
                final Integer[] v = new Integer[n];
                // Some batches hold only one-byte keys (the direct byte path), some also longer ones.
                final String[] oneByte = {"A", "F", "N", "O", "R"};
                final String[] pool = b % 4 == 3 ? longer : b % 4 == 1 ? oneByte : tiny;
                for (int i = 0; i < n; i++)
                {
                    f1[i] = pool[random.nextInt(pool.length)];
                    f2[i] = b % 4 == 1 ? oneByte[random.nextInt(oneByte.length)] : tiny[random.nextInt(tiny.length)];
                    v[i] = random.nextInt(1000);
                    final long[] s = expected.computeIfAbsent(java.util.Arrays.asList(f1[i], f2[i]),
                        k -> new long[2]);
                    s[0]++;
                    s[1] += v[i];
                }
                try (Batch batch = Batch.of(strings(a, "f1", f1), strings(a, "f2", f2), ints(a, "v", v)))
                {
                    agg.add(batch);
                }
            }
            try (Batch result = agg.result(a))
            {
                final Map<List<Object>, List<Object>> actual = rows(result, 2);
                assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()),
                    "groups in order of first appearance");
                for (final Map.Entry<List<Object>, long[]> e : expected.entrySet())
                {
                    assertEquals(List.of(e.getValue()[0], e.getValue()[1]), actual.get(e.getKey()));
                }
            }
        }
    }

    @Test
    void singleOneByteUtf8KeyOverSlicesAndSelections()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(66);
        final int n = 2000;
        final String[] keyValues = new String[n];
        final BigInteger[] values = new BigInteger[n];
        final List<Object>[] keys = keyLists(n);
        for (int i = 0; i < n; i++)
        {
            keyValues[i] = String.valueOf((char)('A' + random.nextInt(5)));
            values[i] = value(random, 9);
            keys[i].add(keyValues[i]);
        }
        try (Batch batch = Batch.of(strings(a, "k", keyValues), decimals(a, "v", values, 9, 2));
            HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
        {
            agg.add(Rows.range(13, 1500), List.of(batch.column("k")), List.of(batch.column("v"), batch.column("v"),
                batch.column("v"), batch.column("v"), batch.column("v")));
            try (Batch result = agg.result(a))
            {
                assertSameRows(reference(keys, values, range(13, 1513), 2), rows(result, 1), "one-byte key range");
            }
        }
    }

    @Test
    void narrowSumsOverSeveralUncheckedChunksOfOneBatch()
    {
        // decimal(15, 2) sums run in chunks of 4 * 9223 rows without an overflow test; 80,000 rows of values near
        // 10^15 cross two chunk boundaries and push group 0's sum far past 2^63.
        final BufferAllocator a = memory.allocator();
        final int n = 80_000;
        final SplittableRandom random = new SplittableRandom(77);
        final BigInteger[] values = new BigInteger[n];
        final Integer[] keyValues = new Integer[n];
        final List<Object>[] keys = keyLists(n);
        final BigInteger near = BigInteger.TEN.pow(15).subtract(BigInteger.ONE);
        for (int i = 0; i < n; i++)
        {
            // Group 0 gets ~90% of the rows, so each of its four lanes nears 2^63 within one chunk.
            keyValues[i] = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
            values[i] = keyValues[i] == 2 ? value(random, 15) : keyValues[i] == 0 ? near : near.negate();
            keys[i].add(keyValues[i]);
        }
        try (Batch batch = Batch.of(ints(a, "k", keyValues), decimals(a, "v", values, 15, 2));
            HashAggregator agg = all(HashAggregator.builder(a).groupBy("k"), "v").build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                assertSameRows(reference(keys, values, range(0, n), 2), rows(result, 1), "chunks");
            }
        }
    }
}
