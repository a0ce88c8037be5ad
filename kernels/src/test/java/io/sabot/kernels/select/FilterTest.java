package io.sabot.kernels.select;

import static io.sabot.kernels.select.SelectTestSupport.assertRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class FilterTest
{
    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};
    private static final double[] DENSITIES = {0.0, 0.01, 0.5, 0.99, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static int[] randomSelection(final SplittableRandom random, final int n, final boolean sorted)
    {
        if (n == 0)
        {
            return new int[0];
        }
        if (sorted)
        {
            return IntStream.range(0, n).filter(i -> random.nextBoolean()).toArray();
        }
        return random.ints(random.nextInt(n + 3), 0, n).toArray();
    }

    @Test
    void filterBySelectionMatchesReferenceForEveryType()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(3);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            for (final int n : TestData.SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    try (FieldVector in = SelectTestSupport.random(allocator, type, n, nullRatio, random.nextLong()))
                    {
                        for (final boolean sorted : new boolean[] {true, false})
                        {
                            final int[] rows = randomSelection(random, n, sorted);
                            try (SelectionVector selection = SelectionVector.of(allocator, rows);
                                FieldVector out = Filter.filter(in, selection, allocator))
                            {
                                assertRows(in, rows, out, type + " n=" + n + " nulls=" + nullRatio);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void filterByPredicateMatchesReferenceForEveryType()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(4);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            for (final int n : TestData.SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    final double density = DENSITIES[random.nextInt(DENSITIES.length)];
                    try (FieldVector in = SelectTestSupport.random(allocator, type, n, nullRatio, random.nextLong());
                        BitVector predicate = SelectTestSupport.predicate(allocator, n, density, 0.1,
                            random.nextLong());
                        FieldVector out = Filter.filter(in, predicate, allocator))
                    {
                        assertRows(in, SelectTestSupport.kept(predicate), out,
                            type + " n=" + n + " nulls=" + nullRatio + " density=" + density);
                    }
                }
            }
        }
    }

    @Test
    void everyDensityOnLargeInt64AndUtf8()
    {
        final BufferAllocator allocator = memory.allocator();
        final int n = 65_537;
        for (final double density : DENSITIES)
        {
            try (BigIntVector longs = TestData.bigInts(allocator, "l", n, 0.1, 1);
                VarCharVector strings = TestData.strings(allocator, "s", n, 9, 0.1, 2);
                BitVector predicate = SelectTestSupport.predicate(allocator, n, density, 0.0, 3);
                BitVector nullPredicate = SelectTestSupport.predicate(allocator, n, density, 1.0, 3);
                FieldVector outLongs = Filter.filter(longs, predicate, allocator);
                FieldVector outStrings = Filter.filter(strings, predicate, allocator);
                FieldVector none = Filter.filter(longs, nullPredicate, allocator))
            {
                final int[] kept = SelectTestSupport.kept(predicate);
                assertRows(longs, kept, outLongs, "int64 density=" + density);
                assertRows(strings, kept, outStrings, "utf8 density=" + density);
                assertEquals(0, none.getValueCount(), "a null predicate row drops the row");
            }
        }
    }

    @Test
    void ieeeEdgesAndValuesSurviveBitExact()
    {
        final BufferAllocator allocator = memory.allocator();
        try (Float8Vector in = TestData.doubles(allocator, "d", 4099, 0.1, 8);
            BitVector predicate = SelectTestSupport.predicate(allocator, 4099, 0.7, 0.05, 9);
            Float8Vector out = (Float8Vector)Filter.filter(in, predicate, allocator))
        {
            final int[] kept = SelectTestSupport.kept(predicate);
            for (int i = 0; i < kept.length; i++)
            {
                assertEquals(in.getObject(kept[i]), out.getObject(i), "row " + i);
            }
        }
    }

    @Test
    void rowsRangeWithOffsetAndSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(5);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            try (FieldVector in = SelectTestSupport.random(allocator, type, 300, 0.3, random.nextLong()))
            {
                for (final int offset : new int[] {0, 1, 7, 9, 64, 65, 299, 300})
                {
                    final int count = random.nextInt(300 - offset + 1);
                    try (FieldVector out = Filter.filter(in, Rows.range(offset, count), allocator))
                    {
                        assertRows(in, IntStream.range(offset, offset + count).toArray(), out,
                            type + " offset=" + offset);
                    }
                }
                try (SelectionVector selection = SelectionVector.of(allocator, 5, 3, 299);
                    FieldVector out = Filter.filter(in, Rows.selected(selection), allocator))
                {
                    assertRows(in, new int[] {5, 3, 299}, out, type + " selected");
                }
                assertThrows(SchemaException.class, () -> Filter.filter(in, Rows.range(290, 11), allocator));
            }
        }
    }

    @Test
    void slicedInputs()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(6);
        for (final ArrowType type : SelectTestSupport.TYPES)
        {
            try (FieldVector whole = SelectTestSupport.random(allocator, type, 1000, 0.25, random.nextLong()))
            {
                for (final int start : new int[] {0, 3, 8, 13, 64, 501})
                {
                    final int length = 1000 - start - random.nextInt(50);
                    final TransferPair pair = whole.getTransferPair(allocator);
                    pair.splitAndTransfer(start, length);
                    try (FieldVector sliced = (FieldVector)pair.getTo();
                        BitVector predicate = SelectTestSupport.predicate(allocator, length, 0.5, 0.1, start);
                        FieldVector byMask = Filter.filter(sliced, predicate, allocator);
                        SelectionVector selection = SelectionVector.of(allocator, SelectTestSupport.kept(predicate));
                        FieldVector bySelection = Filter.filter(sliced, selection, allocator))
                    {
                        final int[] kept = SelectTestSupport.kept(predicate);
                        final int[] inWhole = IntStream.of(kept).map(k -> k + start).toArray();
                        assertRows(whole, inWhole, byMask, type + " slice " + start + " by mask");
                        assertRows(whole, inWhole, bySelection, type + " slice " + start + " by selection");
                    }
                }
            }
        }
    }

    @Test
    void batchFilterMaterializeWithAndWithoutOwnSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        final int n = 1023;
        try (Batch batch = Batch.of(TestData.bigInts(allocator, "l", n, 0.1, 1),
            TestData.strings(allocator, "s", n, 6, 0.1, 2),
            SelectTestSupport.random(allocator, ArrowType.Bool.INSTANCE, n, 0.1, 3),
            SelectTestSupport.random(allocator, new ArrowType.Decimal(20, 2, 128), n, 0.1, 4)))
        {
            try (BitVector predicate = SelectTestSupport.predicate(allocator, n, 0.4, 0.1, 5);
                Batch out = Filter.filter(batch, predicate, allocator))
            {
                final int[] kept = SelectTestSupport.kept(predicate);
                assertNull(out.selection());
                assertEquals(batch.schema(), out.schema());
                for (int c = 0; c < batch.columnCount(); c++)
                {
                    assertRows(batch.column(c), kept, out.column(c), "batch predicate column " + c);
                }
            }
            try (Batch copy = Filter.materialize(batch, allocator))
            {
                for (int c = 0; c < batch.columnCount(); c++)
                {
                    assertRows(batch.column(c), IntStream.range(0, n).toArray(), copy.column(c), "copy " + c);
                }
            }
        }
        // a batch that carries its own selection: predicates and selections index its live rows
        final int[] own = IntStream.range(0, n).filter(i -> i % 3 != 1).toArray();
        try (Batch batch = Batch.of(List.of(TestData.bigInts(allocator, "l", n, 0.1, 1),
            TestData.strings(allocator, "s", n, 6, 0.1, 2)), SelectionVector.of(allocator, own)))
        {
            try (Batch dense = Filter.materialize(batch, allocator);
                BitVector predicate = SelectTestSupport.predicate(allocator, own.length, 0.5, 0.1, 6);
                Batch filtered = Filter.filter(batch, predicate, allocator);
                SelectionVector pick = SelectionVector.of(allocator, 0, own.length - 1, 2, 2);
                Batch picked = Filter.filter(batch, pick, allocator))
            {
                final int[] kept = IntStream.of(SelectTestSupport.kept(predicate)).map(i -> own[i]).toArray();
                for (int c = 0; c < batch.columnCount(); c++)
                {
                    assertRows(batch.column(c), own, dense.column(c), "materialize " + c);
                    assertRows(batch.column(c), kept, filtered.column(c), "own selection + predicate " + c);
                    assertRows(batch.column(c), new int[] {own[0], own[own.length - 1], own[2], own[2]},
                        picked.column(c), "own selection + selection " + c);
                }
                try (BitVector wrong = SelectTestSupport.predicate(allocator, n, 0.5, 0.0, 7))
                {
                    final SchemaException e = assertThrows(SchemaException.class,
                        () -> Filter.filter(batch, wrong, allocator));
                    assertTrue(e.getMessage().contains(String.valueOf(own.length)), e.getMessage());
                }
            }
        }
    }

    @Test
    void nonNullableFieldKeepsItsField()
    {
        final BufferAllocator allocator = memory.allocator();
        final Field field = new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null);
        try (BigIntVector in = (BigIntVector)field.createVector(allocator))
        {
            in.allocateNew(100);
            for (int i = 0; i < 100; i++)
            {
                in.set(i, i * 7L);
            }
            in.setValueCount(100);
            try (SelectionVector selection = SelectionVector.of(allocator, 99, 0, 50);
                FieldVector out = Filter.filter(in, selection, allocator))
            {
                assertEquals(field, out.getField());
                assertRows(in, new int[] {99, 0, 50}, out, "not nullable");
                assertEquals(693L, ((BigIntVector)out).get(0));
            }
        }
    }

    @Test
    void badInputRaisesTypedErrorsAndLeavesInputsOpen()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector in = TestData.bigInts(allocator, "prices", 10, 0.0, 1);
            BitVector shortPredicate = SelectTestSupport.predicate(allocator, 9, 0.5, 0.0, 2);
            SelectionVector outside = SelectionVector.of(allocator, 1, 10);
            ListVector list = ListVector.empty("tags", allocator))
        {
            final SchemaException length = assertThrows(SchemaException.class,
                () -> Filter.filter(in, shortPredicate, allocator));
            assertTrue(length.getMessage().contains("prices") && length.getMessage().contains("9"),
                length.getMessage());
            final SchemaException range = assertThrows(SchemaException.class,
                () -> Filter.filter(in, outside, allocator));
            assertTrue(range.getMessage().contains("prices") && range.getMessage().contains("10"), range.getMessage());
            final SchemaException type = assertThrows(SchemaException.class,
                () -> Filter.filter(list, outside, allocator));
            assertTrue(type.getMessage().contains("tags"), type.getMessage());
            assertThrows(NullPointerException.class, () -> Filter.filter(in, (BitVector)null, allocator));
            // the inputs are still open and intact
            assertEquals(10, in.getValueCount());
            assertEquals(2, outside.count());
        }
    }
}
