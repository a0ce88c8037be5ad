package io.sabot.jit.exec;

import io.sabot.common.SchemaException;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.ValueType;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.decimal.Decimal64Vector;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

import java.lang.foreign.MemorySegment;
import io.sabot.simd.Layouts;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds Arrow vectors to a {@link Frame}: the input columns of a batch, and new output vectors for the projections.
 *
 * <p>Ownership: the batch keeps its vectors; {@link #allocateOutputs} hands the new vectors to the caller, who must
 * close them. Thread-safety: stateless; a frame must not be shared between threads.
 */
public final class Frames
{
    /** Initial data bytes per row of a UTF8 output; the writer grows the buffer when values are longer. */
    private static final int UTF8_BYTES_PER_ROW = 16;

    private Frames()
    {
    }

    /**
     * Points the frame's input arrays at the referenced columns of {@code batch}: {@code values} (a DECIMAL column may
     * be a DecimalVector or a Decimal64Vector: the program must have been compiled for that storage), {@code validity}
     * ({@code null} when the column has no nulls) and, for UTF8, {@code offsets}. Other columns are left as they are.
     *
     * @param frame   the frame to fill; its input arrays must have room for every index in {@code columns}.
     * @param batch   the batch read (its selection, if any, is not looked at: the caller passes rows to the program).
     * @param columns the column indexes the program reads.
     * @param types   the expression type expected for each entry of {@code columns} (same length).
     * @throws SchemaException naming the column when it is missing or its Arrow type is not the expected one.
     */
    public static void bindInputs(final Frame frame, final Batch batch, final int[] columns, final DataType[] types)
    {
        if (columns.length != types.length)
        {
            throw new IllegalArgumentException(columns.length + " columns but " + types.length + " types");
        }
        // check everything first so that a bad column leaves the frame untouched
        for (int i = 0; i < columns.length; i++)
        {
            final FieldVector vector = batch.column(columns[i]);
            final DataType actual = DataType.of(vector.getField().getType());
            if (actual != types[i] || !(matchesVectorClass(vector, types[i]) ||
                types[i] == DataType.DECIMAL && vector instanceof Decimal64Vector))
            {
                throw new SchemaException("column '" + vector.getName() + "' (index " + columns[i] + ") is " +
                    vector.getField().getType() + " but the expression reads it as " + types[i]);
            }
        }
        for (final int column : columns)
        {
            final FieldVector vector = batch.column(column);
            frame.values[column] = ArrowMemory.segment(vector.getDataBuffer());
            frame.validity[column] = vector.getNullCount() == 0 ? null :
                ArrowMemory.segment(vector.getValidityBuffer());
            frame.offsets[column] = vector instanceof VarCharVector ?
                ArrowMemory.segment(vector.getOffsetBuffer()) : null;
        }
    }

    private static boolean matchesVectorClass(final FieldVector vector, final DataType type)
    {
        return switch (type)
        {
            case DATE -> vector instanceof DateDayVector;
            case DECIMAL -> vector instanceof DecimalVector;
            case BOOLEAN -> vector instanceof BitVector;
            case INT32 -> vector instanceof IntVector;
            case INT64 -> vector instanceof BigIntVector;
            case FLOAT32 -> vector instanceof Float4Vector;
            case FLOAT64 -> vector instanceof Float8Vector;
            case UTF8 -> vector instanceof VarCharVector;
        };
    }

    /**
     * Points the frame's output arrays at caller-owned vectors, so that one set of output vectors can be reused for
     * batch after batch (the engine's per-morsel path). Each vector must be of its projection's type and have room
     * for {@code count} rows (UTF8 data buffers grow as needed).
     *
     * @param frame   the frame to fill; its output arrays must have {@code vectors.size()} entries.
     * @param vectors one vector per projection, in order; not closed, still owned by the caller.
     * @param types   the projections' types.
     * @param count   the rows that will be written.
     * @throws SchemaException naming the vector when its type or capacity is wrong; the frame is untouched then.
     */
    public static void bindOutputs(final Frame frame, final List<FieldVector> vectors, final List<DataType> types,
        final int count)
    {
        bindTypedOutputs(frame, vectors, valueTypes(types), count);
    }

    private static List<ValueType> valueTypes(final List<DataType> types)
    {
        final List<ValueType> out = new ArrayList<>(types.size());
        for (final DataType t : types)
        {
            out.add(ValueType.of(t));
        }
        return out;
    }

    /**
     * {@link #bindOutputs} with full value types: a DATE projection writes a DateDayVector, a DECIMAL one a
     * DecimalVector of exactly that precision and scale (the program writes 8-byte unscaled values into its data
     * buffer; {@link #finishOutputs} widens them to 16 bytes).
     *
     * @param frame   the frame to fill.
     * @param vectors one vector per projection; still owned by the caller.
     * @param types   the projections' value types.
     * @param count   the rows that will be written.
     * @throws SchemaException naming the vector when its type or capacity is wrong; the frame is untouched then.
     */
    public static void bindTypedOutputs(final Frame frame, final List<FieldVector> vectors,
        final List<ValueType> types, final int count)
    {
        if (vectors.size() != types.size())
        {
            throw new SchemaException(types.size() + " projections but " + vectors.size() + " output vectors");
        }
        for (int p = 0; p < vectors.size(); p++)
        {
            final FieldVector vector = vectors.get(p);
            if (!matchesVectorClass(vector, types.get(p).type()) ||
                types.get(p).isDecimal() && !vector.getField().getType().equals(types.get(p).arrowType()))
            {
                throw new SchemaException("output vector '" + vector.getName() + "' (projection " + p + ") is " +
                    vector.getField().getType() + " but the projection produces " + types.get(p));
            }
            if (vector.getValueCapacity() < count)
            {
                throw new SchemaException("output vector '" + vector.getName() + "' has room for " +
                    vector.getValueCapacity() + " rows but " + count + " will be written");
            }
        }
        for (int p = 0; p < vectors.size(); p++)
        {
            final FieldVector vector = vectors.get(p);
            frame.outValidity[p] = ArrowMemory.segment(vector.getValidityBuffer());
            if (vector instanceof VarCharVector varChar)
            {
                final VarCharWriter writer = new VarCharWriter(varChar, frame, p);
                frame.outUtf8[p] = writer;
                frame.outValues[p] = writer.dataSegment();
            }
            else
            {
                frame.outValues[p] = ArrowMemory.segment(vector.getDataBuffer());
                frame.outUtf8[p] = null;
            }
        }
    }

    /**
     * Allocates one output vector per projection, with room for {@code capacity} rows, and points the frame's output
     * arrays at them: {@code outValues} (the data buffer; for UTF8 the current data buffer, kept up to date by the
     * writer), {@code outValidity}, and for UTF8 a {@link VarCharWriter} in {@code outUtf8}.
     *
     * @param frame     the frame to fill; its output arrays must have {@code names.size()} entries.
     * @param names     output vector names.
     * @param types     output types, same length as {@code names}.
     * @param capacity  the most rows a program run will write (0 is allowed).
     * @param allocator where the vectors are allocated.
     * @return the new vectors, owned by the caller; on failure nothing stays allocated.
     */
    public static List<FieldVector> allocateOutputs(final Frame frame, final List<String> names,
        final List<DataType> types, final int capacity, final BufferAllocator allocator)
    {
        return allocateTypedOutputs(frame, names, valueTypes(types), capacity, allocator);
    }

    /**
     * {@link #allocateOutputs} with full value types (DATE: DateDayVector, DECIMAL: DecimalVector of that precision
     * and scale).
     *
     * @param frame     the frame to fill.
     * @param names     output vector names.
     * @param types     output value types, same length as {@code names}.
     * @param capacity  the most rows a program run will write.
     * @param allocator where the vectors are allocated.
     * @return the new vectors, owned by the caller; on failure nothing stays allocated.
     */
    public static List<FieldVector> allocateTypedOutputs(final Frame frame, final List<String> names,
        final List<ValueType> types, final int capacity, final BufferAllocator allocator)
    {
        if (names.size() != types.size())
        {
            throw new IllegalArgumentException(names.size() + " names but " + types.size() + " types");
        }
        if (capacity < 0)
        {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        final List<FieldVector> outputs = new ArrayList<>(names.size());
        try
        {
            for (int p = 0; p < names.size(); p++)
            {
                final FieldVector vector = allocate(names.get(p), types.get(p), capacity, allocator);
                outputs.add(vector);
                frame.outValidity[p] = ArrowMemory.segment(vector.getValidityBuffer());
                if (vector instanceof VarCharVector varChar)
                {
                    final VarCharWriter writer = new VarCharWriter(varChar, frame, p);
                    frame.outUtf8[p] = writer;
                    frame.outValues[p] = writer.dataSegment();
                }
                else
                {
                    frame.outValues[p] = ArrowMemory.segment(vector.getDataBuffer());
                    frame.outUtf8[p] = null;
                }
            }
        }
        catch (final RuntimeException | Error e)
        {
            for (final FieldVector vector : outputs)
            {
                vector.close();
            }
            throw e;
        }
        return outputs;
    }

    private static FieldVector allocate(final String name, final ValueType valueType, final int capacity,
        final BufferAllocator allocator)
    {
        final FieldVector vector = switch (valueType.type())
        {
            case DATE -> new DateDayVector(name, allocator);
            case DECIMAL -> new DecimalVector(name, allocator, valueType.precision(), valueType.scale());
            case BOOLEAN -> new BitVector(name, allocator);
            case INT32 -> new IntVector(name, allocator);
            case INT64 -> new BigIntVector(name, allocator);
            case FLOAT32 -> new Float4Vector(name, allocator);
            case FLOAT64 -> new Float8Vector(name, allocator);
            case UTF8 -> new VarCharVector(name, allocator);
        };
        try
        {
            if (vector instanceof VarCharVector varChar)
            {
                varChar.allocateNew((long)capacity * UTF8_BYTES_PER_ROW, capacity);
            }
            else if (vector instanceof BaseFixedWidthVector fixed && !(vector instanceof BitVector))
            {
                allocateUnzeroed(fixed, capacity, allocator);
            }
            else
            {
                vector.setInitialCapacity(capacity);
                vector.allocateNew();
            }
        }
        catch (final RuntimeException | Error e)
        {
            vector.close();
            throw e;
        }
        return vector;
    }

    /**
     * Allocates a fixed-width output without zeroing its value buffer (Arrow's {@code allocateNew} zeroes both
     * buffers): the program writes every value slot it reports, and a slot under a null may hold anything. The
     * validity buffer is zeroed, rounded up to whole 64-bit words because programs store validity a word at a time.
     */
    private static void allocateUnzeroed(final BaseFixedWidthVector vector, final int capacity,
        final BufferAllocator allocator)
    {
        final int rows = Math.max(capacity, 1);
        final long validityBytes = ((rows + 63L) >>> 6) << 3;
        try (ArrowBuf validity = allocator.buffer(validityBytes);
             ArrowBuf data = allocator.buffer((long)rows * vector.getTypeWidth()))
        {
            validity.setZero(0, validity.capacity());
            vector.loadFieldBuffers(new ArrowFieldNode(0, 0), List.of(validity, data));
        }
    }

    /**
     * Sets the value count of every output after a program run; widens the 8-byte unscaled values a program wrote
     * into a DecimalVector's buffer to its 16-byte slots (low word, then the sign-extended high word).
     *
     * @param outputs the vectors from {@link #allocateOutputs}.
     * @param count   the rows the program wrote (its return value in PROJECT / FILTER_PROJECT mode).
     */
    public static void finishOutputs(final List<FieldVector> outputs, final int count)
    {
        for (final FieldVector vector : outputs)
        {
            if (vector instanceof VarCharVector varChar)
            {
                // the writer filled the offsets directly; without this setValueCount would "fill holes" over them
                varChar.setLastSet(count - 1);
            }
            else if (vector instanceof DecimalVector)
            {
                widenDecimals(ArrowMemory.segment(vector.getDataBuffer()), count);
            }
            vector.setValueCount(count);
        }
    }

    /** In place, backwards: slot i (bytes 16i..16i+15) only overwrites 8-byte values 2i and 2i+1, already read. */
    private static void widenDecimals(final MemorySegment data, final int count)
    {
        for (int i = count - 1; i >= 0; i--)
        {
            final long v = data.getAtIndex(Layouts.LONG_UNALIGNED, i);
            data.set(Layouts.LONG_UNALIGNED, (long)i << 4, v);
            data.set(Layouts.LONG_UNALIGNED, ((long)i << 4) + 8, v >> 63);
        }
    }
}
