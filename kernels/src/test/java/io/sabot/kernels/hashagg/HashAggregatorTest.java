package io.sabot.kernels.hashagg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import io.sabot.kernels.hashagg.Reference.Agg;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashAggregatorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Agg[] allOf(final String column)
    {
        return new Agg[] {new Agg("count*", null), new Agg("count", column), new Agg("sum", column),
            new Agg("min", column), new Agg("max", column), new Agg("mean", column)};
    }

    /** A distinct, well-spread long for group number {@code x}, with the extremes as groups 0 and 1. */
    private static long spread(final long x)
    {
        if (x == 0)
        {
            return Long.MIN_VALUE;
        }
        return x == 1 ? Long.MAX_VALUE : x * 0x9E3779B97F4A7C15L;
    }

    static BigIntVector longKeys(final BufferAllocator allocator, final String name, final int n, final int groups,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BigIntVector vector = new BigIntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, spread(groups == n ? i : random.nextInt(groups)));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    private static IntVector intKeys(final BufferAllocator allocator, final String name, final int n,
        final int groups, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final IntVector vector = new IntVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, (int)spread(random.nextInt(groups)));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    private static VarCharVector stringKeys(final BufferAllocator allocator, final String name, final int n,
        final int groups, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final VarCharVector vector = new VarCharVector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
                continue;
            }
            final int x = groups == n ? i : random.nextInt(groups);
            final String text = x == 0 ? "" : x % 3 == 0 ? "é" + x + "-a-longer-key-over-eight-bytes" : "k" + x;
            vector.setSafe(i, text.getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(n);
        return vector;
    }

    private static final double[] FLOAT_KEYS = {Double.NaN, Double.longBitsToDouble(0x7FF0000000000123L),
        Double.longBitsToDouble(0xFFF8000000000000L), -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        1.5, -2.25, 1e300};

    private static Float8Vector doubleKeys(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Float8Vector vector = new Float8Vector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                vector.set(i, FLOAT_KEYS[random.nextInt(FLOAT_KEYS.length)]);
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    private static Float4Vector floatKeys(final BufferAllocator allocator, final String name, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Float4Vector vector = new Float4Vector(name, allocator);
        vector.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else
            {
                final double pick = FLOAT_KEYS[random.nextInt(FLOAT_KEYS.length)];
                vector.set(i, random.nextBoolean() ? Float.intBitsToFloat(0x7FC00001) : (float)pick);
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    private void check(final Reference reference, final Batch... batches)
    {
        try (HashAggregator agg = reference.configure(HashAggregator.builder(memory.allocator())).build())
        {
            for (final Batch batch : batches)
            {
                agg.add(batch);
                reference.add(batch);
            }
            assertEquals(reference.groupCount(), agg.groupCount());
            try (Batch result = agg.result(memory.allocator()))
            {
                reference.assertMatches(result);
            }
        }
        finally
        {
            for (final Batch batch : batches)
            {
                batch.close();
            }
        }
    }

    @Test
    void int64KeysOverAllSizesGroupCountsAndNulls()
    {
        final BufferAllocator a = memory.allocator();
        long seed = 1;
        for (final int n : TestData.SIZES)
        {
            for (final int groups : new int[] {1, 10, Math.max(1, n)})
            {
                for (final double keyNulls : new double[] {0, 0.1})
                {
                    for (final double valueNulls : new double[] {0, 0.2, 1})
                    {
                        seed++;
                        check(new Reference(new String[] {"k"}, allOf("v")),
                            Batch.of(longKeys(a, "k", n, groups, keyNulls, seed),
                                TestData.bigInts(a, "v", n, valueNulls, seed * 31)));
                    }
                }
            }
        }
    }

    @Test
    void int32KeysWithIntegerAndFloatValues()
    {
        final BufferAllocator a = memory.allocator();
        long seed = 100;
        for (final int n : TestData.SIZES)
        {
            for (final int groups : new int[] {3, 1000})
            {
                for (final double valueNulls : new double[] {0, 0.3})
                {
                    seed++;
                    final List<Agg> aggs = new ArrayList<>();
                    for (final String column : new String[] {"i", "d", "f", "s", "t"})
                    {
                        aggs.addAll(List.of(allOf(column)));
                    }
                    check(new Reference(new String[] {"k"}, aggs.toArray(new Agg[0])),
                        Batch.of(intKeys(a, "k", n, groups, 0.05, seed),
                            TestData.ints(a, "i", n, valueNulls, seed + 1),
                            TestData.doubles(a, "d", n, valueNulls, seed + 2),
                            TestData.floats(a, "f", n, valueNulls, seed + 3),
                            TestData.smallInts(a, "s", n, valueNulls, seed + 4),
                            TestData.tinyInts(a, "t", n, valueNulls, seed + 5)));
                }
            }
        }
    }

    @Test
    void utf8KeysIncludingEmptyAndNull()
    {
        final BufferAllocator a = memory.allocator();
        long seed = 200;
        for (final int n : TestData.SIZES)
        {
            for (final int groups : new int[] {1, 5, 300, Math.max(1, n)})
            {
                seed++;
                check(new Reference(new String[] {"name"}, allOf("v")),
                    Batch.of(stringKeys(a, "name", n, groups, 0.1, seed), TestData.bigInts(a, "v", n, 0.1, seed)));
            }
        }
        // TestData's strings: random short ASCII / multi-byte keys, including many empty strings.
        check(new Reference(new String[] {"s"}, allOf("v")),
            Batch.of(TestData.strings(a, "s", 5000, 3, 0.05, 7), TestData.doubles(a, "v", 5000, 0.1, 8)));
    }

    @Test
    void floatKeysUseCanonicalNanAndZero()
    {
        final BufferAllocator a = memory.allocator();
        final Float8Vector keys = new Float8Vector("x", a);
        final BigIntVector values = new BigIntVector("v", a);
        final double[] input = {Double.NaN, -0.0, 0.0, Double.longBitsToDouble(0x7FF0000000000001L), 1.5, -0.0};
        keys.allocateNew(input.length);
        values.allocateNew(input.length);
        for (int i = 0; i < input.length; i++)
        {
            keys.set(i, input[i]);
            values.set(i, i + 1);
        }
        keys.setValueCount(input.length);
        values.setValueCount(input.length);
        try (Batch batch = Batch.of(keys, values);
            HashAggregator agg = HashAggregator.builder(a).groupBy("x").sum("v").build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                final Float8Vector x = (Float8Vector)result.column("x");
                final BigIntVector sum = (BigIntVector)result.column("sum(v)");
                assertEquals(3, result.rowCount());
                assertTrue(Double.isNaN(x.get(0)));
                assertEquals(1 + 4, sum.get(0));
                assertEquals(0L, Double.doubleToRawLongBits(x.get(1)), "-0.0 is emitted as 0.0");
                assertEquals(2 + 3 + 6, sum.get(1));
                assertEquals(1.5, x.get(2));
                assertEquals(5, sum.get(2));
            }
        }
        long seed = 300;
        for (final int n : TestData.SIZES)
        {
            seed++;
            check(new Reference(new String[] {"d"}, allOf("v")),
                Batch.of(doubleKeys(a, "d", n, 0.1, seed), TestData.doubles(a, "v", n, 0.1, seed)));
            check(new Reference(new String[] {"f"}, allOf("v")),
                Batch.of(floatKeys(a, "f", n, 0.1, seed), TestData.floats(a, "v", n, 0.1, seed)));
        }
    }

    private static Batch mixedBatch(final BufferAllocator a, final int n, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TinyIntVector i8 = new TinyIntVector("i8", a);
        final SmallIntVector i16 = new SmallIntVector("i16", a);
        final BitVector flag = new BitVector("flag", a);
        final DateDayVector day = new DateDayVector("day", a);
        final TimeStampMicroVector ts = new TimeStampMicroVector("ts", a);
        i8.allocateNew(n);
        i16.allocateNew(n);
        flag.allocateNew(n);
        day.allocateNew(n);
        ts.allocateNew(n);
        for (int row = 0; row < n; row++)
        {
            final int i = row;
            setOrNull(random, i8, i, () -> i8.set(i, (byte)(random.nextInt(3) - 128)));
            setOrNull(random, i16, i, () -> i16.set(i, (short)(random.nextInt(2) * 32767)));
            setOrNull(random, flag, i, () -> flag.set(i, random.nextInt(2)));
            setOrNull(random, day, i, () -> day.set(i, 19000 + random.nextInt(2)));
            setOrNull(random, ts, i, () -> ts.set(i, random.nextInt(2) * 1_700_000_000_000_000L));
        }
        for (final FieldVector vector : List.<FieldVector>of(i8, i16, flag, day, ts))
        {
            vector.setValueCount(n);
        }
        return Batch.of(i8, i16, flag, day, ts, floatKeys(a, "f32", n, 0.1, seed), doubleKeys(a, "f64", n, 0.1, seed),
            stringKeys(a, "s", n, 3, 0.1, seed), TestData.bigInts(a, "v", n, 0.1, seed),
            TestData.doubles(a, "w", n, 0.1, seed + 1));
    }

    private static void setOrNull(final SplittableRandom random, final FieldVector vector, final int i,
        final Runnable set)
    {
        if (random.nextInt(10) == 0)
        {
            vector.setNull(i);
        }
        else
        {
            set.run();
        }
    }

    @Test
    void multiColumnKeysOfEveryType()
    {
        final BufferAllocator a = memory.allocator();
        long seed = 400;
        final String[][] keySets = {
            {"i8", "i16"}, {"flag", "s"}, {"f64", "day"}, {"i8", "i16", "flag", "day", "ts", "f32", "f64", "s"},
            {"s", "ts"}, {"flag"}, {"day"}, {"ts"}, {"i8"}, {"i16"}};
        for (final String[] keys : keySets)
        {
            for (final int n : new int[] {0, 1, 17, 1000, 20_000})
            {
                seed++;
                final List<Agg> aggs = new ArrayList<>(List.of(allOf("v")));
                aggs.addAll(List.of(allOf("w")));
                aggs.add(new Agg("count", "s"));
                aggs.add(new Agg("min", "day"));
                aggs.add(new Agg("max", "ts"));
                check(new Reference(keys, aggs.toArray(new Agg[0])), mixedBatch(a, n, seed));
            }
        }
    }

    @Test
    void rangesSelectionsAndSlicedVectors()
    {
        final BufferAllocator a = memory.allocator();
        for (final boolean utf8 : new boolean[] {false, true})
        {
            final int n = 4099;
            final FieldVector keys = utf8 ? stringKeys(a, "k", n, 50, 0.1, 5) : longKeys(a, "k", n, 50, 0.1, 5);
            final Reference.Agg[] aggs = allOf("v");
            try (Batch whole = Batch.of(keys, TestData.bigInts(a, "v", n, 0.1, 6)))
            {
                // Rows.range with an offset through the positional overload.
                final Rows range = Rows.range(37, 3000);
                final Reference reference = new Reference(new String[] {"k"}, aggs);
                try (HashAggregator agg = reference.configure(HashAggregator.builder(a)).build())
                {
                    agg.add(range, List.of(whole.column("k")), List.of(whole.column("v"), whole.column("v"),
                        whole.column("v"), whole.column("v"), whole.column("v")));
                    reference.add(range, whole);
                    try (Batch result = agg.result(a))
                    {
                        reference.assertMatches(result);
                    }
                }
                // A selection (every third row plus a few), via Rows.selected and via a Batch with a selection.
                final List<Integer> picks = new ArrayList<>();
                for (int i = 1; i < n; i += 3)
                {
                    picks.add(i);
                }
                final int[] positions = picks.stream().mapToInt(Integer::intValue).toArray();
                try (SelectionVector selection = SelectionVector.of(a, positions))
                {
                    final Reference selected = new Reference(new String[] {"k"}, aggs);
                    try (HashAggregator agg = selected.configure(HashAggregator.builder(a)).build())
                    {
                        agg.add(Rows.selected(selection), List.of(whole.column("k")), List.of(whole.column("v"),
                            whole.column("v"), whole.column("v"), whole.column("v"), whole.column("v")));
                        selected.add(Rows.selected(selection), whole);
                        try (Batch result = agg.result(a))
                        {
                            selected.assertMatches(result);
                        }
                    }
                }
                final List<FieldVector> copies = new ArrayList<>();
                for (final FieldVector column : whole.columns())
                {
                    final TransferPair pair = column.getTransferPair(a);
                    pair.splitAndTransfer(0, n);
                    copies.add((FieldVector)pair.getTo());
                }
                check(new Reference(new String[] {"k"}, aggs), Batch.of(copies, SelectionVector.of(a, positions)));
                // Arrow slices at offsets that are not byte-aligned for the validity bitmap.
                for (final int start : new int[] {0, 3, 64, 1001})
                {
                    final List<FieldVector> slices = new ArrayList<>();
                    for (final FieldVector column : whole.columns())
                    {
                        final TransferPair pair = column.getTransferPair(a);
                        pair.splitAndTransfer(start, n - start - 5);
                        slices.add((FieldVector)pair.getTo());
                    }
                    check(new Reference(new String[] {"k"}, aggs), Batch.of(slices));
                }
            }
        }
    }

    @Test
    void incrementalAddsWithResultsInBetweenAndReset()
    {
        final BufferAllocator a = memory.allocator();
        for (final boolean utf8 : new boolean[] {false, true})
        {
            final Reference reference = new Reference(new String[] {"k", "k2"}, allOf("v"));
            final Reference single = new Reference(new String[] {"k"}, allOf("v"));
            try (HashAggregator agg = reference.configure(HashAggregator.builder(a)).build();
                HashAggregator one = single.configure(HashAggregator.builder(a)).build())
            {
                for (int round = 0; round < 12; round++)
                {
                    final int n = 500 + round * 700;
                    final double valueNulls = round < 4 ? 0 : round % 2 == 0 ? 0.5 : 0;
                    final FieldVector keys = utf8
                        ? stringKeys(a, "k", n, 100 * (round + 1), 0.05, round)
                        : longKeys(a, "k", n, 100 * (round + 1), 0.05, round);
                    try (Batch batch = Batch.of(keys, intKeys(a, "k2", n, 2, 0.1, round + 50),
                        TestData.bigInts(a, "v", n, valueNulls, round + 99)))
                    {
                        agg.add(batch);
                        one.add(batch);
                        reference.add(batch);
                        single.add(batch);
                    }
                    try (Batch result = agg.result(a); Batch oneResult = one.result(a))
                    {
                        reference.assertMatches(result);
                        single.assertMatches(oneResult);
                    }
                    // Round 7 drops every group (table rebuilt); round 9 drops few groups from a big table
                    // (their slots cleared one by one).
                    if (round == 7 || round == 9)
                    {
                        agg.reset();
                        one.reset();
                        reference.clear();
                        single.clear();
                        assertEquals(0, agg.groupCount());
                        try (Batch empty = agg.result(a))
                        {
                            assertEquals(0, empty.rowCount());
                            assertEquals(2 + 6, empty.columnCount());
                        }
                    }
                }
            }
        }
    }

    private static FieldVector denseKeys(final BufferAllocator allocator, final boolean wide, final int n,
        final long low, final long high, final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final FieldVector vector = wide ? new BigIntVector("k", allocator) : new IntVector("k", allocator);
        vector.setInitialCapacity(n);
        vector.allocateNew();
        for (int i = 0; i < n; i++)
        {
            if (nullRatio > 0 && random.nextDouble() < nullRatio)
            {
                vector.setNull(i);
            }
            else if (wide)
            {
                ((BigIntVector)vector).set(i, random.nextLong(low, high));
            }
            else
            {
                ((IntVector)vector).set(i, (int)random.nextLong(low, high));
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    @Test
    void denseIntegerKeysTakeTheDirectMapAndStayCorrectOutsideIt()
    {
        final BufferAllocator a = memory.allocator();
        for (final boolean wide : new boolean[] {true, false})
        {
            final Reference reference = new Reference(new String[] {"k"}, allOf("v"));
            try (HashAggregator agg = reference.configure(HashAggregator.builder(a)).build())
            {
                // {low, high}: the first batch sets the map's range, later ones go below, above, across; round 3
                // has null keys (hash path), and the 100K-wide round grows the table under the direct map.
                final long[][] shapes = {{100, 600}, {0, 2000}, {-5000, 50}, {300, 400}, {100, 100_000},
                    {Integer.MIN_VALUE, Integer.MAX_VALUE}, {200, 900}, {0, 3}};
                int round = 0;
                for (final long[] shape : shapes)
                {
                    final int n = round == 0 ? 1000 : 20_000;
                    try (Batch batch = Batch.of(denseKeys(a, wide, n, shape[0], shape[1], round == 3 ? 0.2 : 0, round),
                        TestData.bigInts(a, "v", n, 0.05, round)))
                    {
                        agg.add(batch);
                        reference.add(batch);
                    }
                    try (Batch result = agg.result(a))
                    {
                        reference.assertMatches(result);
                    }
                    round++;
                    if (round == 5)
                    {
                        agg.reset();
                        reference.clear();
                    }
                }
            }
        }
        // Extremes: the range overflows a long, so no direct map; must still group exactly.
        final BigIntVector extremes = new BigIntVector("k", a);
        extremes.allocateNew(1000);
        for (int i = 0; i < 1000; i++)
        {
            extremes.set(i, i % 3 == 0 ? Long.MIN_VALUE : i % 3 == 1 ? Long.MAX_VALUE : i % 7);
        }
        extremes.setValueCount(1000);
        check(new Reference(new String[] {"k"}, allOf("v")),
            Batch.of(extremes, TestData.bigInts(a, "v", 1000, 0.1, 3)));
    }

    @Test
    void resetOfAFewGroupsInABigTableClearsOnlyTheirSlots()
    {
        final BufferAllocator a = memory.allocator();
        for (final int mode : new int[] {0, 1, 2})
        {
            final Reference reference = new Reference(new String[] {"k"}, allOf("v"));
            try (HashAggregator agg = reference.configure(HashAggregator.builder(a)).build())
            {
                for (int round = 0; round < 6; round++)
                {
                    // Round 0 grows the table to ~100K groups; later rounds hold a few hundred groups each.
                    final int n = round == 0 ? 100_000 : 2000;
                    final int groups = round == 0 ? 100_000 : 300;
                    final FieldVector keys = switch (mode)
                    {
                        case 0 -> longKeys(a, "k", n, groups, 0.01, round);
                        case 1 -> denseKeys(a, true, n, 0, groups, 0, round);
                        default -> stringKeys(a, "k", n, groups, 0.01, round);
                    };
                    try (Batch batch = Batch.of(keys, TestData.bigInts(a, "v", n, 0.1, round)))
                    {
                        agg.add(batch);
                        reference.add(batch);
                    }
                    try (Batch result = agg.result(a))
                    {
                        reference.assertMatches(result);
                    }
                    agg.reset();
                    reference.clear();
                }
            }
        }
    }

    @Test
    void growsThroughSeveralRehashes()
    {
        final BufferAllocator a = memory.allocator();
        final Reference longs = new Reference(new String[] {"k"}, new Agg("sum", "v"), new Agg("count*", null),
            new Agg("min", "v"));
        final Reference strings = new Reference(new String[] {"k"}, new Agg("sum", "v"), new Agg("max", "v"));
        try (HashAggregator longAgg = longs.configure(HashAggregator.builder(a)).build();
            HashAggregator stringAgg = strings.configure(HashAggregator.builder(a)).build())
        {
            for (int round = 0; round < 20; round++)
            {
                final int n = 10_000;
                try (Batch batch = Batch.of(longKeys(a, "k", n, 300_000, 0.01, round),
                    TestData.bigInts(a, "v", n, 0.01, round)))
                {
                    longAgg.add(batch);
                    longs.add(batch);
                }
                try (Batch batch = Batch.of(stringKeys(a, "k", n, 100_000, 0.01, round),
                    TestData.bigInts(a, "v", n, 0.01, round)))
                {
                    stringAgg.add(batch);
                    strings.add(batch);
                }
            }
            assertTrue(longAgg.groupCount() > 100_000, "several rehashes from 768 groups");
            try (Batch result = longAgg.result(a); Batch stringResult = stringAgg.result(a))
            {
                longs.assertMatches(result);
                strings.assertMatches(stringResult);
            }
        }
    }

    @Test
    void twoMillionGroupsStayFast()
    {
        final BufferAllocator a = memory.allocator();
        final int groups = 2_000_000;
        final int n = 1 << 20;
        final long start = System.nanoTime();
        try (HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("v").count().build())
        {
            for (int round = 0; round < 4; round++)
            {
                final BigIntVector keys = new BigIntVector("k", a);
                final BigIntVector values = new BigIntVector("v", a);
                keys.allocateNew(n);
                values.allocateNew(n);
                for (int i = 0; i < n; i++)
                {
                    final long row = (long)round * n + i;
                    keys.set(i, spread(row % groups));
                    values.set(i, row);
                }
                keys.setValueCount(n);
                values.setValueCount(n);
                try (Batch batch = Batch.of(keys, values))
                {
                    agg.add(batch);
                }
            }
            assertEquals(groups, agg.groupCount());
            try (Batch result = agg.result(a))
            {
                final BigIntVector k = (BigIntVector)result.column("k");
                final BigIntVector sum = (BigIntVector)result.column("sum(v)");
                final BigIntVector count = (BigIntVector)result.column("count(*)");
                final long rows = 4L * n;
                for (int g = 0; g < groups; g++)
                {
                    assertEquals(spread(g), k.get(g));
                    // Rows g, g + groups, ... below 4n carry their own row number as value.
                    long expectedSum = 0;
                    long expectedCount = 0;
                    for (long row = g; row < rows; row += groups)
                    {
                        expectedSum += row;
                        expectedCount++;
                    }
                    assertEquals(expectedSum, sum.get(g));
                    assertEquals(expectedCount, count.get(g));
                }
            }
        }
        final long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 20_000, "2M groups over 4M rows took " + millis + " ms");
    }

    @Test
    void allNullInputsGiveNullAggregatesAndZeroCount()
    {
        final BufferAllocator a = memory.allocator();
        try (Batch batch = Batch.of(longKeys(a, "k", 100, 4, 0, 1), TestData.bigInts(a, "v", 100, 1.0, 2),
            TestData.doubles(a, "d", 100, 1.0, 3));
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").count("v").sum("v").min("v").max("v")
                .mean("v").sum("d").min("d").build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                assertEquals(4, result.rowCount());
                for (int g = 0; g < 4; g++)
                {
                    assertEquals(0, ((BigIntVector)result.column("count(v)")).get(g));
                    for (final String name : new String[] {"sum(v)", "min(v)", "max(v)", "mean(v)", "sum(d)",
                        "min(d)"})
                    {
                        assertTrue(result.column(name).isNull(g), name);
                    }
                }
            }
        }
    }

    @Test
    void integerSumWrapsAround()
    {
        final BufferAllocator a = memory.allocator();
        final BigIntVector keys = new BigIntVector("k", a);
        final BigIntVector values = new BigIntVector("v", a);
        keys.allocateNew(3);
        values.allocateNew(3);
        for (int i = 0; i < 3; i++)
        {
            keys.set(i, 7);
        }
        values.set(0, Long.MAX_VALUE);
        values.set(1, 1);
        values.set(2, 1);
        keys.setValueCount(3);
        values.setValueCount(3);
        try (Batch batch = Batch.of(keys, values);
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("v").mean("v").build())
        {
            agg.add(batch);
            try (Batch result = agg.result(a))
            {
                assertEquals(Long.MIN_VALUE + 1, ((BigIntVector)result.column("sum(v)")).get(0));
                assertEquals(((double)Long.MAX_VALUE + 2) / 3, ((Float8Vector)result.column("mean(v)")).get(0));
            }
        }
    }

    @Test
    void schemaErrorsNameTheColumn()
    {
        final BufferAllocator a = memory.allocator();
        try (Batch batch = Batch.of(longKeys(a, "k", 10, 3, 0, 1), TestData.bigInts(a, "v", 10, 0, 2),
            stringKeys(a, "s", 10, 3, 0, 3), decimals(a, 10));
            Batch ints = Batch.of(intKeys(a, "k", 10, 3, 0, 1), TestData.bigInts(a, "v", 10, 0, 2));
            HashAggregator agg = HashAggregator.builder(a).groupBy("k").sum("v").build())
        {
            try (HashAggregator unknown = HashAggregator.builder(a).groupBy("k").sum("amount").build())
            {
                final SchemaException e = assertThrows(SchemaException.class, () -> unknown.add(batch));
                assertTrue(e.getMessage().contains("'amount'"), e.getMessage());
            }
            try (HashAggregator sumText = HashAggregator.builder(a).groupBy("k").sum("s").build())
            {
                final SchemaException e = assertThrows(SchemaException.class, () -> sumText.add(batch));
                assertTrue(e.getMessage().contains("'s'"), e.getMessage());
            }
            try (HashAggregator decimalKey = HashAggregator.builder(a).groupBy("dec").count().build())
            {
                final SchemaException e = assertThrows(SchemaException.class, () -> decimalKey.add(batch));
                assertTrue(e.getMessage().contains("'dec'"), e.getMessage());
            }
            agg.add(batch);
            final SchemaException changed = assertThrows(SchemaException.class, () -> agg.add(ints));
            assertTrue(changed.getMessage().contains("'k'") && changed.getMessage().contains("changed type"),
                changed.getMessage());
            assertThrows(SchemaException.class, () -> agg.add(Rows.range(5, 10), List.of(batch.column("k")),
                List.of(batch.column("v"))));
            assertThrows(SchemaException.class, () -> agg.add(Rows.all(batch.column("k")), List.of(),
                List.of(batch.column("v"))));
            assertThrows(SchemaException.class, () -> agg.add(Rows.all(batch.column("k")),
                List.of(batch.column("k")), List.of()));
            try (SelectionVector outside = SelectionVector.of(a, 1, 10))
            {
                assertThrows(SchemaException.class, () -> agg.add(Rows.selected(outside),
                    List.of(batch.column("k")), List.of(batch.column("v"))));
            }
            assertEquals(3, agg.groupCount(), "failed adds change nothing");
        }
        assertThrows(IllegalArgumentException.class, () -> HashAggregator.builder(a).count().build());
    }

    private static DecimalVector decimals(final BufferAllocator a, final int n)
    {
        final DecimalVector vector = new DecimalVector("dec", a, 10, 2);
        vector.allocateNew(n);
        vector.setValueCount(n);
        return vector;
    }

    @Test
    void allocatorLimitRaisesTypedErrorAndKeepsAcceptedGroups()
    {
        for (final int mode : new int[] {0, 1, 2})
        {
            final boolean utf8 = mode == 2;
            final double keyNulls = mode == 1 ? 0 : 0.01;
            try (BufferAllocator limited = memory.allocator().newChildAllocator("limited", 0, 2L << 20))
            {
                final Reference reference = new Reference(new String[] {"k"}, allOf("v"));
                int accepted = 0;
                AggregationMemoryException failure = null;
                try (HashAggregator agg = reference.configure(HashAggregator.builder(limited)).build())
                {
                    for (int round = 0; round < 50 && failure == null; round++)
                    {
                        final int n = 4000;
                        // Input batches come from the unlimited allocator; only the aggregator is limited.
                        final FieldVector keys = utf8
                            ? stringKeys(memory.allocator(), "k", n, n, keyNulls, round)
                            : longKeys(memory.allocator(), "k", n, n, keyNulls, round);
                        for (int i = 0; i < n; i++)
                        {
                            if (keys.isNull(i))
                            {
                                continue;
                            }
                            if (utf8)
                            {
                                final String text = "r" + round + "-" + i;
                                ((VarCharVector)keys).setSafe(i, text.getBytes(StandardCharsets.UTF_8));
                            }
                            else
                            {
                                ((BigIntVector)keys).set(i, (long)round * n + i);
                            }
                        }
                        try (Batch batch = Batch.of(keys, TestData.bigInts(memory.allocator(), "v", n, 0.1, round)))
                        {
                            agg.add(batch);
                            reference.add(batch);
                            accepted++;
                        }
                        catch (final AggregationMemoryException e)
                        {
                            failure = e;
                        }
                    }
                    assertTrue(failure != null, "the 2 MiB limit must be hit: " + agg);
                    assertTrue(accepted > 0);
                    assertTrue(failure.getMessage().contains("intact"), failure.getMessage());
                    assertEquals(reference.groupCount(), agg.groupCount());
                    try (Batch result = agg.result(memory.allocator()))
                    {
                        reference.assertMatches(result);
                    }
                    // Still usable: existing groups only, then reset and new groups.
                    agg.reset();
                    reference.clear();
                    try (Batch batch = Batch.of(longOrStringKeys(utf8, 100), TestData.bigInts(memory.allocator(),
                        "v", 100, 0.1, 5)))
                    {
                        agg.add(batch);
                        reference.add(batch);
                    }
                    try (Batch result = agg.result(memory.allocator()))
                    {
                        reference.assertMatches(result);
                    }
                    // A result that does not fit its allocator fails cleanly too.
                    try (BufferAllocator tiny = memory.allocator().newChildAllocator("tiny", 0, 64))
                    {
                        assertThrows(AggregationMemoryException.class, () -> agg.result(tiny));
                    }
                }
                assertEquals(0, limited.getAllocatedMemory());
            }
        }
    }

    private FieldVector longOrStringKeys(final boolean utf8, final int n)
    {
        return utf8 ? stringKeys(memory.allocator(), "k", n, 10, 0.1, 9) : longKeys(memory.allocator(), "k", n, 10,
            0.1, 9);
    }

    @Test
    void closeIsIdempotentAndClosedAggregatorRejectsUse()
    {
        final BufferAllocator a = memory.allocator();
        final HashAggregator agg = HashAggregator.builder(a).groupBy("k").count().build();
        try (Batch batch = Batch.of(longKeys(a, "k", 10, 3, 0, 1)))
        {
            agg.add(batch);
            try (Batch empty = HashAggregator.builder(a).groupBy("k").count().build().result(a))
            {
                assertEquals(0, empty.columnCount(), "nothing added yet: types unknown");
            }
            agg.close();
            agg.close();
            assertThrows(IllegalStateException.class, () -> agg.add(batch));
            assertThrows(IllegalStateException.class, () -> agg.result(a));
        }
    }
}
