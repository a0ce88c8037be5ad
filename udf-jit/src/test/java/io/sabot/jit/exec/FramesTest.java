package io.sabot.jit.exec;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.common.SchemaException;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.testing.Vectors;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding batches and output vectors to frames, and the growable UTF8 writer. */
final class FramesTest
{
    private static final List<DataType> ALL_TYPES = List.of(PhysicalTypes.values());

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Map<String, DataType> oneOfEach()
    {
        final Map<String, DataType> columns = new LinkedHashMap<>();
        for (final DataType type : PhysicalTypes.values())
        {
            columns.put("c_" + type.typeName(), type);
        }
        return columns;
    }

    @Test
    void bindsReferencedColumnsWithValidityOnlyWhenThereAreNulls()
    {
        final Random random = new Random(3);
        try (Batch withNulls = RandomBatches.create(memory.allocator(), random, oneOfEach(), 200, 0.3);
             Batch noNulls = RandomBatches.create(memory.allocator(), random, oneOfEach(), 200, 0.0))
        {
            final int[] columns = {0, 1, 2, 3, 4, 5};
            final DataType[] types = PhysicalTypes.values();
            final Frame frame = new Frame(6, 0);
            Frames.bindInputs(frame, withNulls, columns, types);
            for (int c = 0; c < 6; c++)
            {
                assertNotNull(frame.values[c]);
                assertNotNull(frame.validity[c], "column " + c + " has nulls");
                assertEquals(types[c] == DataType.UTF8, frame.offsets[c] != null);
            }
            final Frame clean = new Frame(6, 0);
            Frames.bindInputs(clean, noNulls, new int[]{1, 5}, new DataType[]{DataType.INT32, DataType.UTF8});
            assertNull(clean.validity[1]);
            assertNull(clean.validity[5]);
            assertNotNull(clean.offsets[5]);
            assertNull(clean.values[0], "unreferenced columns stay unbound");
            assertEquals(noNulls.column(1).getDataBuffer().memoryAddress(), clean.values[1].address());
        }
    }

    @Test
    void rejectsAColumnOfTheWrongTypeByName()
    {
        try (Batch batch = RandomBatches.create(memory.allocator(), new Random(1), oneOfEach(), 10, 0.1))
        {
            final Frame frame = new Frame(6, 0);
            final SchemaException e = assertThrows(SchemaException.class, () -> Frames.bindInputs(frame, batch,
                new int[]{0, 2}, new DataType[]{DataType.BOOLEAN, DataType.FLOAT64}));
            assertTrue(e.getMessage().contains("c_int64"), e.getMessage());
            assertTrue(e.getMessage().contains("float64"), e.getMessage());
            assertNull(frame.values[0], "nothing bound when a column is rejected");
            assertThrows(SchemaException.class, () -> Frames.bindInputs(frame, batch, new int[]{9},
                new DataType[]{DataType.INT32}));
        }
    }

    @Test
    void allocatesEveryOutputTypeIncludingZeroCapacity()
    {
        for (final int capacity : new int[]{0, 1, 65, 1000})
        {
            final Frame frame = new Frame(0, ALL_TYPES.size());
            final List<String> names = ALL_TYPES.stream().map(DataType::typeName).toList();
            final List<FieldVector> outputs = Frames.allocateOutputs(frame, names, ALL_TYPES, capacity,
                memory.allocator());
            try
            {
                for (int p = 0; p < ALL_TYPES.size(); p++)
                {
                    final FieldVector vector = outputs.get(p);
                    assertEquals(names.get(p), vector.getName());
                    assertEquals(ALL_TYPES.get(p), DataType.of(vector.getField().getType()));
                    assertTrue(vector.getValueCapacity() >= capacity);
                    assertNotNull(frame.outValidity[p]);
                    assertNotNull(frame.outValues[p]);
                    assertEquals(ALL_TYPES.get(p) == DataType.UTF8, frame.outUtf8[p] != null);
                    if (capacity > 0)
                    {
                        assertTrue(frame.outValidity[p].byteSize() >= (capacity + 7) / 8);
                    }
                }
                Frames.finishOutputs(outputs, 0);
                for (final FieldVector vector : outputs)
                {
                    assertEquals(0, vector.getValueCount());
                }
            }
            finally
            {
                outputs.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void releasesWhatItAllocatedWhenALaterAllocationFails()
    {
        try (BufferAllocator small = memory.allocator().newChildAllocator("small", 0, 20_000))
        {
            final Frame frame = new Frame(0, 3);
            assertThrows(OutOfMemoryException.class, () -> Frames.allocateOutputs(frame, List.of("a", "b", "c"),
                List.of(DataType.INT32, DataType.FLOAT64, DataType.INT64), 1000, small));
            assertEquals(0, small.getAllocatedMemory());
        }
    }

    @Test
    void varCharWriterAppendsGrowsAndKeepsTheFrameCurrent()
    {
        final int rows = 500;
        final Frame frame = new Frame(0, 1);
        final List<FieldVector> outputs = Frames.allocateOutputs(frame, List.of("s"), List.of(DataType.UTF8), rows,
            memory.allocator());
        try
        {
            final VarCharVector vector = (VarCharVector)outputs.get(0);
            final Utf8Writer writer = frame.outUtf8[0];
            final MemorySegment first = frame.outValues[0];
            final List<Object> expected = new ArrayList<>();
            // write twice: a second run starts again at row 0 and overwrites
            for (int run = 0; run < 2; run++)
            {
                expected.clear();
                for (int i = 0; i < rows; i++)
                {
                    if (i % 7 == 3)
                    {
                        writer.appendEmpty(i);
                        setValid(frame, i, false);
                        expected.add(null);
                        continue;
                    }
                    final String value = i % 5 == 0 ? "" : "é🙂".repeat(i % 40) + run;
                    final byte[] bytes = ("xx" + value + "yy").getBytes(StandardCharsets.UTF_8);
                    writer.append(i, MemorySegment.ofArray(bytes), 2, bytes.length - 4);
                    setValid(frame, i, true);
                    expected.add(value);
                }
                Frames.finishOutputs(outputs, rows);
                assertEquals(expected, Vectors.toList(vector));
            }
            assertTrue(frame.outValues[0].byteSize() > first.byteSize(), "the data buffer grew");
            assertEquals(vector.getDataBuffer().memoryAddress(), frame.outValues[0].address());
        }
        finally
        {
            outputs.forEach(FieldVector::close);
        }
    }

    private static void setValid(final Frame frame, final int row, final boolean valid)
    {
        final MemorySegment bitmap = frame.outValidity[0];
        final byte old = bitmap.get(ValueLayout.JAVA_BYTE, row >>> 3);
        final int mask = 1 << (row & 7);
        bitmap.set(ValueLayout.JAVA_BYTE, row >>> 3, (byte)(valid ? old | mask : old & ~mask));
    }

    @Test
    void slicedBatchesAreBoundAtTheirOwnStart()
    {
        final Random random = new Random(5);
        try (Batch whole = RandomBatches.create(memory.allocator(), random, oneOfEach(), 100, 0.2);
             Batch sliced = RandomBatches.slice(whole, 13, 51))
        {
            assertEquals(51, sliced.rowCount());
            for (int c = 0; c < whole.columnCount(); c++)
            {
                final List<Object> all = Vectors.toList(whole.column(c));
                assertEquals(all.subList(13, 64), Vectors.toList(sliced.column(c)));
            }
            final Frame frame = new Frame(6, 0);
            Frames.bindInputs(frame, sliced, new int[]{2}, new DataType[]{DataType.INT64});
            assertEquals(whole.column(2).getDataBuffer().memoryAddress() + 13L * 8, frame.values[2].address());
            assertNull(frame.values[3]);
        }
    }
}
