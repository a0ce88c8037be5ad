package io.sabot.kernels.select;

import static io.sabot.kernels.select.SelectTestSupport.assertRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class TakeTest
{
    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** @return indices with about {@code nullRatio} nulls; {@code rows[i]} = the index, or -1 where null. */
    private static IntVector indices(final BufferAllocator allocator, final int[] rows, final SplittableRandom random)
    {
        final IntVector indices = new IntVector("idx", allocator);
        indices.allocateNew(rows.length);
        for (int i = 0; i < rows.length; i++)
        {
            if (rows[i] < 0)
            {
                // a null index with a garbage value: must be ignored, not validated
                indices.set(i, random.nextInt());
                indices.setNull(i);
            }
            else
            {
                indices.set(i, rows[i]);
            }
        }
        indices.setValueCount(rows.length);
        return indices;
    }

    private static int[] randomRows(final SplittableRandom random, final int n, final int count,
        final double nullRatio)
    {
        final int[] rows = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = n == 0 || random.nextDouble() < nullRatio ? -1 : random.nextInt(n);
        }
        return rows;
    }

    @Test
    void takeMatchesReferenceForEveryType()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(21);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            for (final int n : TestData.SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    final double indexNulls = random.nextInt(3) == 0 ? 0.0 : 0.15;
                    final int[] rows = randomRows(random, n, n == 0 ? 3 : random.nextInt(2 * n + 1), indexNulls);
                    try (FieldVector in = SelectTestSupport.random(allocator, type, n, nullRatio, random.nextLong());
                        IntVector idx = indices(allocator, rows, random);
                        FieldVector out = Take.take(in, idx, allocator))
                    {
                        assertRows(in, rows, out, type + " n=" + n + " nulls=" + nullRatio);
                    }
                }
            }
        }
    }

    @Test
    void runsOfConsecutiveIndicesAndSlicedInputs()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(22);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            try (FieldVector whole = SelectTestSupport.random(allocator, type, 500, 0.2, random.nextLong()))
            {
                final TransferPair pair = whole.getTransferPair(allocator);
                pair.splitAndTransfer(37, 400);
                final int[] rows = IntStream.concat(IntStream.range(10, 90),
                    IntStream.of(5, -1, 6, 7, 399, 0, 1, 2, -1, 3)).toArray();
                try (FieldVector sliced = (FieldVector)pair.getTo();
                    IntVector idx = indices(allocator, rows, random);
                    FieldVector out = Take.take(sliced, idx, allocator))
                {
                    assertRows(whole, IntStream.of(rows).map(r -> r < 0 ? -1 : r + 37).toArray(), out,
                        type + " sliced");
                }
            }
        }
    }

    @Test
    void batchTakeWithAndWithoutOwnSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(23);
        final int n = 777;
        final int[] rows = randomRows(random, n, 1000, 0.1);
        try (Batch batch = Batch.of(TestData.bigInts(allocator, "l", n, 0.1, 1),
            TestData.strings(allocator, "s", n, 6, 0.1, 2));
            IntVector idx = indices(allocator, rows, random);
            Batch out = Take.take(batch, idx, allocator))
        {
            for (int c = 0; c < batch.columnCount(); c++)
            {
                assertRows(batch.column(c), rows, out.column(c), "column " + c);
            }
        }
        final int[] own = IntStream.range(0, n).filter(i -> i % 4 == 0).toArray();
        final int[] logical = randomRows(random, own.length, 300, 0.1);
        try (Batch batch = Batch.of(List.of(TestData.bigInts(allocator, "l", n, 0.1, 1),
            TestData.strings(allocator, "s", n, 6, 0.1, 2)), SelectionVector.of(allocator, own));
            IntVector idx = indices(allocator, logical, random);
            Batch out = Take.take(batch, idx, allocator))
        {
            final int[] physical = IntStream.of(logical).map(r -> r < 0 ? -1 : own[r]).toArray();
            for (int c = 0; c < batch.columnCount(); c++)
            {
                assertRows(batch.column(c), physical, out.column(c), "own selection column " + c);
            }
            try (IntVector bad = indices(allocator, new int[] {0, own.length}, random))
            {
                assertThrows(SchemaException.class, () -> Take.take(batch, bad, allocator));
            }
        }
    }

    @Test
    void outOfRangeIndexNamesPositionAndValue()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(24);
        try (BigIntVector in = TestData.bigInts(allocator, "amount", 10, 0.0, 1);
            IntVector tooBig = indices(allocator, new int[] {1, 2, 3, 10}, random);
            IntVector negative = indices(allocator, new int[] {1, -1, 4}, random))
        {
            negative.set(1, -5);
            final long before = allocator.getAllocatedMemory();
            final SchemaException big = assertThrows(SchemaException.class, () -> Take.take(in, tooBig, allocator));
            assertTrue(big.getMessage().contains("position 3") && big.getMessage().contains("= 10") &&
                big.getMessage().contains("amount"), big.getMessage());
            final SchemaException neg = assertThrows(SchemaException.class,
                () -> Take.take(in, negative, allocator));
            assertTrue(neg.getMessage().contains("position 1") && neg.getMessage().contains("-5"), neg.getMessage());
            assertEquals(before, allocator.getAllocatedMemory(), "nothing allocated before validation");
            assertEquals(10, in.getValueCount());
        }
    }

    @Test
    void allNullIndicesIntoEmptyInput()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(25);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            try (FieldVector in = SelectTestSupport.random(allocator, type, 0, 0.0, 1);
                IntVector idx = indices(allocator, new int[] {-1, -1, -1}, random);
                FieldVector out = Take.take(in, idx, allocator))
            {
                assertRows(in, new int[] {-1, -1, -1}, out, type + " empty input");
            }
        }
    }
}
