package io.sabot.kernels.decimal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalsTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Random decimal(p, 2) values, about a tenth null, including the p-digit extremes. */
    private static DecimalVector decimals(final BufferAllocator allocator, final int precision, final int count,
        final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long max = Decimals.maxUnscaled(precision);
        final DecimalVector v = new DecimalVector("d", allocator, precision, 2);
        v.allocateNew(Math.max(count, 1));
        for (int i = 0; i < count; i++)
        {
            final int pick = random.nextInt(10);
            if (pick == 0)
            {
                v.setNull(i);
            }
            else
            {
                final long u = pick == 1 ? max : pick == 2 ? -max : random.nextLong(-max, max + 1);
                v.set(i, BigDecimal.valueOf(u, 2));
            }
        }
        v.setValueCount(count);
        return v;
    }

    private static void assertSameValues(final FieldVector expected, final FieldVector actual)
    {
        assertEquals(expected.getValueCount(), actual.getValueCount());
        for (int i = 0; i < expected.getValueCount(); i++)
        {
            assertEquals(expected.getObject(i), actual.getObject(i), "row " + i);
            assertEquals(expected.isNull(i), actual.isNull(i), "null at row " + i);
        }
    }

    @Test
    void narrowAndWidenRoundTripEveryLaneCount()
    {
        for (final int precision : new int[] {2, 9, 15, 18})
        {
            for (final int count : TestData.SIZES)
            {
                try (DecimalVector in = decimals(memory.allocator(), precision, count, count * 31L + precision);
                     Decimal64Vector narrow = Decimals.narrow(in, memory.allocator());
                     DecimalVector wide = Decimals.widen(narrow, memory.allocator()))
                {
                    assertEquals(new Decimal64Type(precision, 2), narrow.getField().getType());
                    assertSameValues(in, narrow);
                    assertEquals(in.getField().getType(), wide.getField().getType());
                    assertSameValues(in, wide);
                    for (int i = 0; i < count; i++)
                    {
                        if (!in.isNull(i))
                        {
                            assertEquals(in.getObject(i).unscaledValue().longValueExact(), narrow.get(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarLoopsAgree()
    {
        final SplittableRandom random = new SplittableRandom(7);
        try (Arena arena = Arena.ofConfined())
        {
            for (final int count : TestData.SIZES)
            {
                final MemorySegment slots = arena.allocate(16L * count + 16);
                final MemorySegment rowsV = arena.allocate(8L * count + 8);
                final MemorySegment rowsS = arena.allocate(8L * count + 8);
                final int badRow = count == 0 ? -1 : random.nextInt(count);
                for (int i = 0; i < count; i++)
                {
                    final long v = random.nextLong(-999_999_999_999_999_999L, 1_000_000_000_000_000_000L);
                    slots.setAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 2L * i, v);
                    slots.setAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 2L * i + 1,
                        i == badRow ? 1 : v >> 63);
                }
                final long max = Decimals.maxUnscaled(18);
                assertEquals(count > 0, DecimalWords.narrowVector(slots, rowsV, count, max), "count " + count);
                assertEquals(count > 0, DecimalWords.narrowScalar(slots, rowsS, 0, count, max));
                assertArrayEquals(rowsS.asSlice(0, 8L * count).toArray(java.lang.foreign.ValueLayout.JAVA_LONG),
                    rowsV.asSlice(0, 8L * count).toArray(java.lang.foreign.ValueLayout.JAVA_LONG));
                final MemorySegment wideV = arena.allocate(16L * count + 16);
                final MemorySegment wideS = arena.allocate(16L * count + 16);
                DecimalWords.widenVector(rowsV, wideV, count);
                DecimalWords.widenScalar(rowsV, wideS, 0, count);
                for (int i = 0; i < count; i++)
                {
                    final long v = rowsV.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, i);
                    assertEquals(v, wideV.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED, 2L * i));
                    assertEquals(v >> 63, wideV.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED,
                        2L * i + 1));
                }
                assertEquals(wideS.asSlice(0, 16L * count).mismatch(wideV.asSlice(0, 16L * count)), -1L);
            }
        }
    }

    @Test
    void overflowNamesColumnAndRowAndLeavesNothing()
    {
        for (final int count : new int[] {1, 4, 5, 67})
        {
            final int row = count - 1;
            try (DecimalVector in = new DecimalVector("price", memory.allocator(), 18, 2))
            {
                in.allocateNew(count);
                for (int i = 0; i < count; i++)
                {
                    in.set(i, BigDecimal.valueOf(i, 2));
                }
                // 19 digits in a decimal(18, 2) vector: Arrow does not check precision on set(long)
                in.set(row, 1_000_000_000_000_000_000L);
                in.setValueCount(count);
                final DataException e = assertThrows(DataException.class,
                    () -> Decimals.narrow(in, memory.allocator()).close());
                assertEquals("price", e.column());
                assertEquals(row, e.row());
                // a 128-bit value whose low word alone would look small
                in.getDataBuffer().setLong(16L * row, 2);
                in.getDataBuffer().setLong(16L * row + 8, 1);
                assertEquals(row, assertThrows(DataException.class,
                    () -> Decimals.narrow(in, memory.allocator()).close()).row());
                // the same slot under a null is not an error
                in.setNull(row);
                try (Decimal64Vector out = Decimals.narrow(in, memory.allocator()))
                {
                    assertTrue(out.isNull(row));
                }
            }
        }
    }

    @Test
    void wideDecimalIsSchemaError()
    {
        try (DecimalVector in = new DecimalVector("x", memory.allocator(), 19, 2))
        {
            in.allocateNew(1);
            in.setValueCount(1);
            assertTrue(assertThrows(SchemaException.class, () -> Decimals.narrow(in, memory.allocator()))
                .getMessage().contains("'x'"));
        }
        assertThrows(SchemaException.class, () -> new Decimal64Type(19, 0));
        assertThrows(SchemaException.class, () -> new Decimal64Type(4, 5));
    }

    @Test
    void slicesKeepTheTypeAndTheirRows()
    {
        try (DecimalVector in = decimals(memory.allocator(), 15, 1000, 3);
             Decimal64Vector narrow = Decimals.narrow(in, memory.allocator()))
        {
            for (final int offset : new int[] {0, 1, 3, 7, 64, 333})
            {
                final int length = 1000 - offset - 5;
                final TransferPair pair = narrow.getTransferPair(memory.allocator());
                pair.splitAndTransfer(offset, length);
                try (Decimal64Vector slice = assertInstanceOf(Decimal64Vector.class, pair.getTo());
                     DecimalVector wide = Decimals.widen(slice, memory.allocator()))
                {
                    assertEquals(narrow.getField().getType(), slice.getField().getType());
                    for (int i = 0; i < length; i++)
                    {
                        assertEquals(in.getObject(offset + i), slice.getObject(i));
                        assertEquals(in.getObject(offset + i), wide.getObject(i));
                    }
                    // narrowing a slice of the wide vector
                    final TransferPair widePair = in.getTransferPair(memory.allocator());
                    widePair.splitAndTransfer(offset, length);
                    try (DecimalVector wideSlice = (DecimalVector)widePair.getTo();
                         Decimal64Vector again = Decimals.narrow(wideSlice, memory.allocator()))
                    {
                        assertSameValues(slice, again);
                    }
                }
            }
        }
    }

    @Test
    void batchNarrowKeepsOtherColumnsAndSelection()
    {
        final IntVector ints = new IntVector("i", memory.allocator());
        ints.allocateNew(10);
        for (int i = 0; i < 10; i++)
        {
            ints.set(i, i * 3);
        }
        ints.setValueCount(10);
        final DecimalVector wide19 = new DecimalVector("w", memory.allocator(), 20, 2);
        wide19.allocateNew(10);
        wide19.setValueCount(10);
        final SelectionVector selection = new SelectionVector(memory.allocator(), 3);
        selection.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 0, 1);
        selection.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 1, 4);
        selection.segment().setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 2, 9);
        selection.count(3);
        try (Batch in = Batch.of(List.of(ints, decimals(memory.allocator(), 12, 10, 5), wide19), selection);
             Batch narrow = Decimals.narrow(in, memory.allocator());
             Batch wide = Decimals.widen(narrow, memory.allocator()))
        {
            assertEquals(Decimals.narrow(in.schema()), narrow.schema());
            assertInstanceOf(Decimal64Vector.class, narrow.column(1));
            assertInstanceOf(DecimalVector.class, narrow.column(2));
            assertEquals(in.schema().getFields(), wide.schema().getFields());
            assertEquals(in.schema().getFields(), Decimals.widen(narrow.schema()).getFields());
            for (int c = 0; c < 3; c++)
            {
                assertSameValues(in.column(c), narrow.column(c));
                assertSameValues(in.column(c), wide.column(c));
            }
            assertEquals(3, narrow.selection().count());
            assertEquals(9, narrow.selection().segment().getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT, 2));
        }
    }

    @Test
    void ipcFileRoundTrip() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DecimalVector in = decimals(memory.allocator(), 15, 300, 11);
             Decimal64Vector narrow = Decimals.narrow(in, memory.allocator());
             VectorSchemaRoot root = new VectorSchemaRoot(List.of(narrow.getField()), List.of(narrow), 300))
        {
            try (ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(bytes)))
            {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            Decimal64Type.register();
            try (ArrowFileReader reader = new ArrowFileReader(new ByteArrayReadableSeekableByteChannel(
                bytes.toByteArray()), memory.allocator()))
            {
                assertTrue(reader.loadNextBatch());
                final FieldVector read = reader.getVectorSchemaRoot().getVector(0);
                assertEquals(new Decimal64Type(15, 2), read.getField().getType());
                assertSameValues(in, assertInstanceOf(Decimal64Vector.class, read));
                assertFalse(reader.loadNextBatch());
            }
        }
    }

    @Test
    void emptyAndAllNull()
    {
        try (Decimal64Vector empty = new Decimal64Vector("e", memory.allocator(), 10, 0))
        {
            empty.allocateNew();
            empty.setValueCount(0);
            try (DecimalVector wide = Decimals.widen(empty, memory.allocator());
                 Decimal64Vector back = Decimals.narrow(wide, memory.allocator()))
            {
                assertEquals(0, back.getValueCount());
            }
        }
    }
}
