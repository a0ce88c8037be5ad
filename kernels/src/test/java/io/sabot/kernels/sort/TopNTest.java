package io.sabot.kernels.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopNTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static BigIntVector ids(final BufferAllocator allocator, final int n)
    {
        final BigIntVector id = new BigIntVector("id", allocator);
        id.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            id.set(i, i);
        }
        id.setValueCount(n);
        return id;
    }

    private static FieldVector slice(final FieldVector v, final int start, final int length,
        final BufferAllocator allocator)
    {
        final TransferPair pair = v.getTransferPair(allocator);
        pair.splitAndTransfer(start, length);
        return (FieldVector)pair.getTo();
    }

    @Test
    void accumulatesAcrossBatchesLikeOneStableSort()
    {
        final BufferAllocator allocator = memory.allocator();
        final int total = 6000;
        final SplittableRandom random = new SplittableRandom(5);
        final List<List<SortKey>> keySets = List.of(
            List.of(SortKey.of("k", SortOrder.DESCENDING, NullPlacement.AT_START)),
            List.of(SortKey.ascending("s"), SortKey.descending("k")),
            List.of(SortKey.of("d", SortOrder.ASCENDING, NullPlacement.AT_END), SortKey.ascending("s")));
        try (FieldVector k = TestData.smallInts(allocator, "k", total, 0.1, 1);
             FieldVector s = TestData.strings(allocator, "s", total, 2, 0.1, 2);
             FieldVector d = TestData.doubles(allocator, "d", total, 0.1, 3);
             BigIntVector id = ids(allocator, total))
        {
            final List<FieldVector> all = List.of(id, k, s, d);
            for (final List<SortKey> keys : keySets)
            {
                final List<FieldVector> keyVectors = new ArrayList<>();
                for (final SortKey key : keys)
                {
                    keyVectors.add(key.column().equals("k") ? k : key.column().equals("s") ? s : d);
                }
                final int[] full = SortReference.sort(keyVectors, keys, SortReference.range(0, total));
                for (final int limit : new int[] {0, 1, 10, 100, total - 1, total, total + 5})
                {
                    try (TopN topN = new TopN(allocator, keys, limit))
                    {
                        int at = 0;
                        while (at < total)
                        {
                            final int length = Math.min(total - at, 1 + random.nextInt(1500));
                            final List<FieldVector> parts = new ArrayList<>();
                            for (final FieldVector v : all)
                            {
                                parts.add(slice(v, at, length, allocator));
                            }
                            try (Batch batch = Batch.of(parts))
                            {
                                topN.add(batch);
                            }
                            at += length;
                        }
                        assertEquals(Math.min(limit, total), topN.size());
                        try (Batch result = topN.result())
                        {
                            final BigIntVector ids = (BigIntVector)result.column("id");
                            final int[] got = new int[ids.getValueCount()];
                            for (int i = 0; i < got.length; i++)
                            {
                                got[i] = (int)ids.get(i);
                            }
                            assertArrayEquals(Arrays.copyOf(full, Math.min(limit, total)), got,
                                () -> keys + " n=" + limit);
                        }
                    }
                }
            }
        }
    }

    @Test
    void honoursBatchSelectionsAndEmptyResults()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<SortKey> keys = List.of(SortKey.ascending("x"));
        try (TopN topN = new TopN(allocator, keys, 2))
        {
            try (Batch none = topN.result())
            {
                assertEquals(0, none.columnCount());
            }
            final BigIntVector x = new BigIntVector("x", allocator);
            x.allocateNew(5);
            final long[] values = {5, 1, 3, 0, 2};
            for (int i = 0; i < values.length; i++)
            {
                x.set(i, values[i]);
            }
            x.setValueCount(5);
            try (Batch batch = Batch.of(List.of(x), SelectionVector.of(allocator, 0, 2, 4)))
            {
                topN.add(batch);
            }
            try (Batch result = topN.result())
            {
                final BigIntVector out = (BigIntVector)result.column("x");
                assertEquals(2, out.getValueCount());
                assertEquals(2, out.get(0));
                assertEquals(3, out.get(1));
            }
        }
        try (TopN zero = new TopN(allocator, keys, 0); Batch batch = Batch.of(TestData.bigInts(allocator, "x",
            10, 0, 1)))
        {
            zero.add(batch);
            try (Batch result = zero.result())
            {
                assertEquals(1, result.columnCount());
                assertEquals(0, result.rowCount());
            }
        }
    }

    @Test
    void rejectsBadKeysAndSchemaChanges()
    {
        final BufferAllocator allocator = memory.allocator();
        assertThrows(SchemaException.class, () -> new TopN(allocator, List.of(SortKey.ascending("x")), -1));
        assertThrows(SchemaException.class, () -> new TopN(allocator, List.of(), 3));
        try (BigIntVector v = TestData.bigInts(allocator, "x", 3, 0, 1))
        {
            assertThrows(SchemaException.class, () -> new TopN(allocator,
                List.of(SortKey.of(v, SortOrder.ASCENDING, NullPlacement.AT_END)), 3));
        }
        try (TopN topN = new TopN(allocator, List.of(SortKey.ascending("x")), 3))
        {
            try (Batch batch = Batch.of(TestData.bigInts(allocator, "x", 10, 0, 1)))
            {
                topN.add(batch);
            }
            try (Batch other = Batch.of(TestData.ints(allocator, "x", 10, 0, 1)))
            {
                assertThrows(SchemaException.class, () -> topN.add(other));
            }
            try (Batch missing = Batch.of(TestData.bigInts(allocator, "y", 10, 0, 1)))
            {
                assertThrows(SchemaException.class, () -> topN.add(missing));
            }
        }
    }
}
