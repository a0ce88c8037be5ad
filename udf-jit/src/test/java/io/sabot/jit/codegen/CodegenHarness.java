package io.sabot.jit.codegen;

import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Frames;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test helper: random batches over a fixed schema with nulls and edge values, running a {@link Program} over a
 * contiguous range or a selection, and comparing two runs slot by slot (values only where valid).
 */
public final class CodegenHarness
{
    /** The test schema: two columns per type; {@code j} and {@code e} never null (validity-free path). */
    public static final Map<String, DataType> COLUMNS = new LinkedHashMap<>();

    static
    {
        COLUMNS.put("i", DataType.INT32);
        COLUMNS.put("j", DataType.INT32);
        COLUMNS.put("l", DataType.INT64);
        COLUMNS.put("m", DataType.INT64);
        COLUMNS.put("f", DataType.FLOAT32);
        COLUMNS.put("g", DataType.FLOAT32);
        COLUMNS.put("d", DataType.FLOAT64);
        COLUMNS.put("e", DataType.FLOAT64);
        COLUMNS.put("b", DataType.BOOLEAN);
        COLUMNS.put("c", DataType.BOOLEAN);
        COLUMNS.put("s", DataType.UTF8);
        COLUMNS.put("t", DataType.UTF8);
    }

    private static final int[] INTS = {0, 1, -1, 2, -2, 3, 7, -7, 100, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final long[] LONGS = {0, 1, -1, 3, -3, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 53, 1000};
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, 1e-300, 3.0, 10.0};
    private static final String[] STRINGS = {"", "a", "ab", "abc", "b", "ba", "it's", "ü", "naïve", "日本語", "日",
        "😀", "a😀b", "abcabc", "bab", "A", "\u0000", "\u007f", "zz"};

    private CodegenHarness()
    {
    }

    public static Schema schema()
    {
        final List<Field> fields = new ArrayList<>();
        COLUMNS.forEach((name, type) -> fields.add(new Field(name, FieldType.nullable(type.arrowType()), null)));
        return new Schema(fields);
    }

    /** Rows read: a contiguous range, or a selection of positions. */
    public record RowSet(int offset, int count, int[] selection)
    {
        @Override
        public String toString()
        {
            return selection == null ? "range[" + offset + ", +" + count + ")" : "selection(" + count + ")";
        }
    }

    /** Three row sets over a batch of {@code n + 13} rows: [0, n), [7, 7 + n) and a random selection of n rows. */
    public static List<RowSet> rowSets(final Random rnd, final int n)
    {
        final int rows = n + 13;
        final int[] all = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            all[i] = i;
        }
        for (int i = rows - 1; i > 0; i--)
        {
            final int k = rnd.nextInt(i + 1);
            final int tmp = all[i];
            all[i] = all[k];
            all[k] = tmp;
        }
        final int[] sel = Arrays.copyOf(all, n);
        Arrays.sort(sel);
        return List.of(new RowSet(0, n, null), new RowSet(7, n, null), new RowSet(0, n, sel));
    }

    public static Batch randomBatch(final Random rnd, final int rows, final BufferAllocator allocator)
    {
        final List<FieldVector> vectors = new ArrayList<>();
        try
        {
            for (final Map.Entry<String, DataType> e : COLUMNS.entrySet())
            {
                final boolean nullable = !e.getKey().equals("j") && !e.getKey().equals("e");
                vectors.add(vector(rnd, e.getKey(), e.getValue(), rows, nullable, allocator));
            }
        }
        catch (final RuntimeException ex)
        {
            vectors.forEach(FieldVector::close);
            throw ex;
        }
        return Batch.of(vectors);
    }

    private static FieldVector vector(final Random rnd, final String name, final DataType type, final int rows,
        final boolean nullable, final BufferAllocator allocator)
    {
        final FieldVector v = switch (type)
        {
            case BOOLEAN -> new BitVector(name, allocator);
            case INT32 -> new IntVector(name, allocator);
            case INT64 -> new BigIntVector(name, allocator);
            case FLOAT32 -> new Float4Vector(name, allocator);
            case FLOAT64 -> new Float8Vector(name, allocator);
            case UTF8 -> new VarCharVector(name, allocator);
            default -> throw new IllegalArgumentException("unsupported type");
        };
        v.setInitialCapacity(rows);
        v.allocateNew();
        for (int r = 0; r < rows; r++)
        {
            if (nullable && rnd.nextInt(7) == 0)
            {
                v.setNull(r);
                continue;
            }
            switch (v)
            {
                case BitVector b -> b.setSafe(r, rnd.nextBoolean() ? 1 : 0);
                case IntVector x -> x.setSafe(r, rnd.nextInt(3) == 0 ? INTS[rnd.nextInt(INTS.length)] :
                    rnd.nextInt(21) - 10);
                case BigIntVector x -> x.setSafe(r, rnd.nextInt(3) == 0 ? LONGS[rnd.nextInt(LONGS.length)] :
                    rnd.nextInt(41) - 20);
                case Float4Vector x -> x.setSafe(r, rnd.nextInt(3) == 0 ? (float)DOUBLES[rnd.nextInt(DOUBLES.length)] :
                    (rnd.nextInt(81) - 40) / 4.0f);
                case Float8Vector x -> x.setSafe(r, rnd.nextInt(3) == 0 ? DOUBLES[rnd.nextInt(DOUBLES.length)] :
                    (rnd.nextInt(81) - 40) / 4.0);
                case VarCharVector x -> x.setSafe(r, STRINGS[rnd.nextInt(STRINGS.length)]
                    .getBytes(StandardCharsets.UTF_8));
                default -> throw new IllegalStateException();
            }
        }
        v.setValueCount(rows);
        return v;
    }

    /** What a program run produced. */
    public static final class Result implements AutoCloseable
    {
        final int returned;
        final int[] positions;
        final List<FieldVector> outputs;

        Result(final int returned, final int[] positions, final List<FieldVector> outputs)
        {
            this.returned = returned;
            this.positions = positions;
            this.outputs = outputs;
        }

        @Override
        public void close()
        {
            outputs.forEach(FieldVector::close);
        }
    }

    public static Result run(final Program program, final Program.Mode mode, final Batch batch,
        final List<DataType> outTypes, final RowSet rows, final BufferAllocator allocator)
    {
        final int columns = batch.columnCount();
        final Frame frame = new Frame(columns, outTypes.size());
        final int[] indexes = new int[columns];
        final DataType[] types = new DataType[columns];
        for (int c = 0; c < columns; c++)
        {
            indexes[c] = c;
            types[c] = DataType.of(batch.column(c).getField().getType());
        }
        Frames.bindInputs(frame, batch, indexes, types);
        final List<String> names = new ArrayList<>();
        for (int p = 0; p < outTypes.size(); p++)
        {
            names.add("out" + p);
        }
        final List<FieldVector> outputs = Frames.allocateOutputs(frame, names, outTypes, rows.count(), allocator);
        try (ArrowBuf selOut = allocator.buffer(Math.max(4L, 4L * rows.count()));
             SelectionVector selIn = rows.selection() == null ? null :
                 SelectionVector.of(allocator, rows.selection()))
        {
            final MemorySegment out = MemorySegment.ofAddress(selOut.memoryAddress()).reinterpret(selOut.capacity());
            final int returned = program.run(frame, rows.offset(), rows.count(),
                selIn == null ? null : selIn.segment(), mode == Program.Mode.PROJECT ? null : out);
            Frames.finishOutputs(outputs, mode == Program.Mode.FILTER ? 0 : returned);
            final int[] positions = new int[mode == Program.Mode.PROJECT ? 0 : returned];
            for (int k = 0; k < positions.length; k++)
            {
                positions[k] = out.getAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, k);
            }
            return new Result(returned, positions, outputs);
        }
        catch (final RuntimeException | Error e)
        {
            outputs.forEach(FieldVector::close);
            throw e;
        }
    }

    public static void assertSameResult(final Result expected, final Result actual, final String context)
    {
        assertEquals(expected.returned, actual.returned, context + ": rows returned");
        assertArrayEquals(expected.positions, actual.positions, context + ": positions");
        assertEquals(expected.outputs.size(), actual.outputs.size(), context);
        for (int p = 0; p < expected.outputs.size(); p++)
        {
            assertSameVector(expected.outputs.get(p), actual.outputs.get(p), expected.returned,
                context + ": output " + p);
        }
    }

    public static void assertSameVector(final FieldVector expected, final FieldVector actual, final int rows,
        final String context)
    {
        for (int r = 0; r < rows; r++)
        {
            final boolean valid = !expected.isNull(r);
            if (valid == actual.isNull(r))
            {
                fail(context + " row " + r + ": expected " + (valid ? expected.getObject(r) : "null") + " but was " +
                    (valid ? "null" : actual.getObject(r)));
            }
            if (!valid)
            {
                continue;
            }
            final Object e = expected.getObject(r);
            final Object a = actual.getObject(r);
            final boolean same = switch (e)
            {
                case Double x -> Double.compare(x, (Double)a) == 0;
                case Float x -> Float.compare(x, (Float)a) == 0;
                default -> e.toString().equals(a.toString());
            };
            if (!same)
            {
                fail(context + " row " + r + ": expected " + e + " but was " + a);
            }
        }
    }
}
