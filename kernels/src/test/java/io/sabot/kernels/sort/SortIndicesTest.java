package io.sabot.kernels.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SortIndicesTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 7, 8, 9, 33, 1000, 4099};
    private static final double[] NULL_RATIOS = {0.0, 0.3, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static List<SortKey> allKeyVariants(final FieldVector v)
    {
        final List<SortKey> keys = new ArrayList<>();
        for (final SortOrder order : SortOrder.values())
        {
            for (final NullPlacement nulls : NullPlacement.values())
            {
                keys.add(SortKey.of(v, order, nulls));
            }
        }
        return keys;
    }

    private static int[] toArray(final IntVector v)
    {
        final int[] out = new int[v.getValueCount()];
        for (int i = 0; i < out.length; i++)
        {
            assertTrue(!v.isNull(i), "output row " + i + " is null");
            out[i] = v.get(i);
        }
        return out;
    }

    private int[] sort(final List<FieldVector> vectors, final Rows rows, final List<SortKey> keys)
    {
        try (IntVector out = SortIndices.sortIndices(memory.allocator(), vectors, rows, keys))
        {
            return toArray(out);
        }
    }

    private int[] topN(final List<FieldVector> vectors, final Rows rows, final List<SortKey> keys, final int n)
    {
        try (IntVector out = SortIndices.topNIndices(memory.allocator(), vectors, rows, keys, n))
        {
            return toArray(out);
        }
    }

    private static List<FieldVector> keyVectors(final List<SortKey> keys)
    {
        final List<FieldVector> vectors = new ArrayList<>();
        for (final SortKey key : keys)
        {
            vectors.add(key.vector());
        }
        return vectors;
    }

    @Test
    void singleKeyOfEveryTypeMatchesReference()
    {
        final BufferAllocator allocator = memory.allocator();
        long seed = 1;
        for (final SortVectors.Type type : SortVectors.ALL)
        {
            for (final int n : SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    try (FieldVector v = type.gen().make(allocator, "k", n, nullRatio, seed++))
                    {
                        for (final SortKey key : allKeyVariants(v))
                        {
                            final List<SortKey> keys = List.of(key);
                            final int[] expected = SortReference.sort(List.of(v), keys, SortReference.range(0, n));
                            assertArrayEquals(expected, sort(List.of(), Rows.all(v), keys),
                                () -> type + " n=" + n + " nulls=" + nullRatio + " " + key);
                        }
                    }
                }
            }
        }
    }

    @Test
    void singleVectorConvenienceOverload()
    {
        try (BigIntVector v = TestData.bigInts(memory.allocator(), "x", 500, 0.1, 7);
             IntVector out = SortIndices.sortIndices(memory.allocator(), v, SortOrder.DESCENDING,
                 NullPlacement.AT_START))
        {
            final List<SortKey> keys = List.of(SortKey.of(v, SortOrder.DESCENDING, NullPlacement.AT_START));
            assertArrayEquals(SortReference.sort(List.of(v), keys, SortReference.range(0, 500)), toArray(out));
        }
    }

    @Test
    void multiColumnMatchesReference()
    {
        final BufferAllocator allocator = memory.allocator();
        final SortVectors.Type[][] combos = {
            {SortVectors.ALL[0], SortVectors.ALL[14], SortVectors.ALL[1]},   // int8, bool, int16: composite radix
            {SortVectors.ALL[2], SortVectors.ALL[2]},                         // int32 x2: 64 bits or comparator
            {SortVectors.ALL[3], SortVectors.ALL[2]},                         // int64, int32: comparator
            {SortVectors.ALL[17], SortVectors.ALL[5]},                        // utf8, float64
            {SortVectors.ALL[14], SortVectors.ALL[16], SortVectors.ALL[18]},  // bool, wide decimal, binary
            {SortVectors.ALL[6], SortVectors.ALL[4]},                         // uint8, float32: composite
            {SortVectors.ALL[10], SortVectors.ALL[15], SortVectors.ALL[20]},  // date, decimal, large binary
            {SortVectors.ALL[16], SortVectors.ALL[17]},                       // wide decimal first, utf8
            {SortVectors.ALL[19], SortVectors.ALL[3]},                        // large utf8 first, int64
            {SortVectors.ALL[18], SortVectors.ALL[0]},                        // binary (ties past 8 bytes), int8
        };
        final SplittableRandom random = new SplittableRandom(42);
        long seed = 100;
        for (final SortVectors.Type[] combo : combos)
        {
            for (final int n : new int[] {0, 1, 17, 1000, 5000})
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    final List<FieldVector> vectors = new ArrayList<>();
                    try
                    {
                        for (final SortVectors.Type type : combo)
                        {
                            vectors.add(type.gen().make(allocator, "c" + vectors.size(), n, nullRatio, seed++));
                        }
                        for (int trial = 0; trial < 4; trial++)
                        {
                            final List<SortKey> keys = new ArrayList<>();
                            for (final FieldVector v : vectors)
                            {
                                keys.add(SortKey.of(v.getName(), SortOrder.values()[random.nextInt(2)],
                                    NullPlacement.values()[random.nextInt(2)]));
                            }
                            final int[] expected = SortReference.sort(vectors, keys, SortReference.range(0, n));
                            assertArrayEquals(expected, sort(vectors, Rows.range(0, n), keys),
                                () -> List.of(combo) + " n=" + n + " nulls=" + nullRatio + " " + keys);
                        }
                    }
                    finally
                    {
                        vectors.forEach(FieldVector::close);
                    }
                }
            }
        }
    }

    @Test
    void lowCardinalityKeysAreStable()
    {
        final BufferAllocator allocator = memory.allocator();
        try (IntVector a = new IntVector("a", allocator); BigIntVector b = new BigIntVector("b", allocator))
        {
            final int n = 20_000;
            a.allocateNew(n);
            b.allocateNew(n);
            final SplittableRandom random = new SplittableRandom(3);
            for (int i = 0; i < n; i++)
            {
                a.set(i, random.nextInt(3));
                if (i % 97 == 0)
                {
                    b.setNull(i); // a range-reduced int64 with nulls still packs into the composite key
                }
                else
                {
                    b.set(i, random.nextInt(5) - 2);
                }
            }
            a.setValueCount(n);
            b.setValueCount(n);
            for (final List<SortKey> keys : List.of(List.of(SortKey.ascending("a")),
                List.of(SortKey.descending("b")), List.of(SortKey.descending("a"), SortKey.ascending("b")),
                List.of(SortKey.of("b", SortOrder.ASCENDING, NullPlacement.AT_START), SortKey.descending("a"))))
            {
                final List<FieldVector> vs = new ArrayList<>();
                for (final SortKey key : keys)
                {
                    vs.add(key.column().equals("a") ? a : b);
                }
                assertArrayEquals(SortReference.sort(vs, keys, SortReference.range(0, n)),
                    sort(List.of(a, b), Rows.all(a), keys), keys::toString);
            }
        }
    }

    @Test
    void rangesSelectionsAndSlicedVectors()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(11);
        long seed = 500;
        for (final SortVectors.Type type : SortVectors.ALL)
        {
            final int n = 777;
            try (FieldVector v = type.gen().make(allocator, "k", n, 0.2, seed++);
                 FieldVector w = TestData.ints(allocator, "w", n, 0.1, seed++))
            {
                final List<SortKey> keys = List.of(SortKey.of("k", SortOrder.DESCENDING, NullPlacement.AT_START),
                    SortKey.ascending("w"));
                final List<FieldVector> cols = List.of(w, v);
                final List<FieldVector> keyVecs = List.of(v, w);
                // a range with an offset: positions are physical rows
                assertArrayEquals(SortReference.sort(keyVecs, keys, SortReference.range(13, 500)),
                    sort(cols, Rows.range(13, 500), keys), type::toString);
                // an unordered selection with repeats
                final int[] picks = new int[300];
                for (int i = 0; i < picks.length; i++)
                {
                    picks[i] = random.nextInt(n);
                }
                try (SelectionVector selection = SelectionVector.of(allocator, picks))
                {
                    assertArrayEquals(SortReference.sort(keyVecs, keys, picks),
                        sort(cols, Rows.selected(selection), keys), type::toString);
                    for (final int limit : new int[] {0, 1, 10, 299, 300, 305})
                    {
                        final int[] full = SortReference.sort(keyVecs, keys, picks);
                        assertArrayEquals(Arrays.copyOf(full, Math.min(limit, full.length)),
                            topN(cols, Rows.selected(selection), keys, limit), type + " top " + limit);
                    }
                }
                // Arrow-sliced vectors (unaligned start)
                final TransferPair tv = v.getTransferPair(allocator);
                final TransferPair tw = w.getTransferPair(allocator);
                tv.splitAndTransfer(5, 600);
                tw.splitAndTransfer(5, 600);
                try (FieldVector sv = (FieldVector)tv.getTo(); FieldVector sw = (FieldVector)tw.getTo())
                {
                    assertArrayEquals(SortReference.sort(List.of(sv, sw), keys, SortReference.range(0, 600)),
                        sort(List.of(sw, sv), Rows.all(sv), keys), type + " sliced");
                }
            }
        }
    }

    @Test
    void floatEdgesFollowArrowPlacement()
    {
        final BufferAllocator allocator = memory.allocator();
        final double negativeNaN = Double.longBitsToDouble(0xFFF8_0000_0000_0001L);
        final double[] values = {Double.NaN, 1.0, 0.0, -0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            negativeNaN, -1.0, 0.0, -0.0};
        try (Float8Vector v = new Float8Vector("f", allocator); Float4Vector g = new Float4Vector("g", allocator))
        {
            v.allocateNew(values.length + 1);
            g.allocateNew(values.length + 1);
            for (int i = 0; i < values.length; i++)
            {
                v.set(i, values[i]);
                g.set(i, (float)values[i]);
            }
            v.setNull(values.length);
            g.setNull(values.length);
            v.setValueCount(values.length + 1);
            g.setValueCount(values.length + 1);
            final int nul = values.length;
            // rows: 0 NaN, 1 1.0, 2 0.0, 3 -0.0, 4 -Inf, 5 +Inf, 6 -NaN, 7 -1.0, 8 0.0, 9 -0.0, 10 null
            final int[] ascEnd = {4, 7, 3, 9, 2, 8, 1, 5, 0, 6, nul};
            final int[] ascStart = {nul, 0, 6, 4, 7, 3, 9, 2, 8, 1, 5};
            final int[] descEnd = {5, 1, 2, 8, 3, 9, 7, 4, 0, 6, nul};
            final int[] descStart = {nul, 0, 6, 5, 1, 2, 8, 3, 9, 7, 4};
            for (final FieldVector f : List.of(v, g))
            {
                assertArrayEquals(ascEnd, sort(List.of(f), Rows.all(f),
                    List.of(SortKey.of(f, SortOrder.ASCENDING, NullPlacement.AT_END))));
                assertArrayEquals(ascStart, sort(List.of(f), Rows.all(f),
                    List.of(SortKey.of(f, SortOrder.ASCENDING, NullPlacement.AT_START))));
                assertArrayEquals(descEnd, sort(List.of(f), Rows.all(f),
                    List.of(SortKey.of(f, SortOrder.DESCENDING, NullPlacement.AT_END))));
                assertArrayEquals(descStart, sort(List.of(f), Rows.all(f),
                    List.of(SortKey.of(f, SortOrder.DESCENDING, NullPlacement.AT_START))));
            }
        }
    }

    @Test
    void millionRowRadixSorts()
    {
        final BufferAllocator allocator = memory.allocator();
        final int n = 1_000_000;
        try (BigIntVector full = new BigIntVector("full", allocator);
             BigIntVector nulls = TestData.bigInts(allocator, "nulls", n, 0.05, 9);
             Float8Vector doubles = TestData.doubles(allocator, "d", n / 4, 0.0, 10))
        {
            full.allocateNew(n);
            final SplittableRandom random = new SplittableRandom(8);
            for (int i = 0; i < n; i++)
            {
                full.set(i, random.nextLong());
            }
            full.setValueCount(n);
            final List<List<SortKey>> cases = List.of(
                List.of(SortKey.of(full, SortOrder.ASCENDING, NullPlacement.AT_END)),
                List.of(SortKey.of(nulls, SortOrder.DESCENDING, NullPlacement.AT_START)));
            for (final List<SortKey> keys : cases)
            {
                final List<FieldVector> vs = keyVectors(keys);
                assertArrayEquals(SortReference.sort(vs, keys, SortReference.range(0, n)),
                    sort(vs, Rows.range(0, n), keys), keys::toString);
            }
            final List<SortKey> doubleKeys = List.of(SortKey.of(doubles, SortOrder.DESCENDING, NullPlacement.AT_END));
            assertArrayEquals(SortReference.sort(List.of(doubles), doubleKeys, SortReference.range(0, n / 4)),
                sort(List.of(doubles), Rows.all(doubles), doubleKeys));
        }
    }

    @Test
    void topNEqualsPrefixOfFullSort()
    {
        final BufferAllocator allocator = memory.allocator();
        long seed = 900;
        final int[][] combos = {{3}, {5}, {17}, {0, 14, 1}, {3, 2}, {17, 5}, {16}};
        for (final int[] combo : combos)
        {
            for (final int rows : new int[] {0, 1, 2, 50, 3000})
            {
                final List<FieldVector> vectors = new ArrayList<>();
                try
                {
                    final List<SortKey> keys = new ArrayList<>();
                    for (final int t : combo)
                    {
                        final FieldVector v = SortVectors.ALL[t].gen().make(allocator, "c" + vectors.size(), rows,
                            0.2, seed++);
                        vectors.add(v);
                        keys.add(SortKey.of(v.getName(), seed % 2 == 0 ? SortOrder.ASCENDING : SortOrder.DESCENDING,
                            seed % 3 == 0 ? NullPlacement.AT_START : NullPlacement.AT_END));
                    }
                    final int[] full = SortReference.sort(vectors, keys, SortReference.range(0, rows));
                    for (final int limit : new int[] {0, 1, 10, Math.max(rows - 1, 0), rows, rows + 5})
                    {
                        assertArrayEquals(Arrays.copyOf(full, Math.min(limit, rows)),
                            topN(vectors, Rows.all(vectors.get(0)), keys, limit),
                            () -> keys + " rows=" + rows + " n=" + limit);
                    }
                }
                finally
                {
                    vectors.forEach(FieldVector::close);
                }
            }
        }
    }

    @Test
    void batchEntryPointsHonourSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        final FieldVector a = TestData.strings(allocator, "s", 200, 4, 0.1, 77);
        final FieldVector b = TestData.doubles(allocator, "d", 200, 0.1, 78);
        final SelectionVector selection = SelectionVector.of(allocator, 5, 9, 10, 100, 150, 151, 152, 199);
        try (Batch batch = Batch.of(List.of(a, b), selection))
        {
            final List<SortKey> keys = List.of(SortKey.descending("d"), SortKey.ascending("s"));
            final int[] expected = SortReference.sort(List.of(b, a), keys, selection.toArray());
            try (IntVector out = SortIndices.sortIndices(allocator, batch, keys);
                 IntVector top = SortIndices.topNIndices(allocator, batch, keys, 3))
            {
                assertArrayEquals(expected, toArray(out));
                assertArrayEquals(Arrays.copyOf(expected, 3), toArray(top));
            }
        }
    }

    @Test
    void badInputRaisesSchemaException()
    {
        final BufferAllocator allocator = memory.allocator();
        try (Batch batch = Batch.of(TestData.ints(allocator, "x", 10, 0, 1));
             FixedSizeBinaryVector fixed = new FixedSizeBinaryVector("fixed", allocator, 4))
        {
            final SchemaException unknown = assertThrows(SchemaException.class,
                () -> SortIndices.sortIndices(allocator, batch, List.of(SortKey.ascending("nope"))));
            assertTrue(unknown.getMessage().contains("'nope'"), unknown.getMessage());
            fixed.allocateNew(3);
            fixed.setValueCount(3);
            final SchemaException unsupported = assertThrows(SchemaException.class,
                () -> SortIndices.sortIndices(allocator, fixed, SortOrder.ASCENDING, NullPlacement.AT_END));
            assertTrue(unsupported.getMessage().contains("'fixed'"), unsupported.getMessage());
            assertThrows(SchemaException.class, () -> SortIndices.sortIndices(allocator, batch, List.of()));
            assertThrows(SchemaException.class,
                () -> SortIndices.topNIndices(allocator, batch, List.of(SortKey.ascending("x")), -1));
            assertThrows(SchemaException.class, () -> SortIndices.sortIndices(allocator, batch.columns(),
                Rows.range(5, 6), List.of(SortKey.ascending("x"))));
            try (SelectionVector outside = SelectionVector.of(allocator, 1, 10))
            {
                assertThrows(SchemaException.class, () -> SortIndices.sortIndices(allocator, batch.columns(),
                    Rows.selected(outside), List.of(SortKey.ascending("x"))));
            }
        }
        assertEquals(0, allocator.getAllocatedMemory());
    }
}
