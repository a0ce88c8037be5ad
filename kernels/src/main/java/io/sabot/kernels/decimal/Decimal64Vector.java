package io.sabot.kernels.decimal;

import java.math.BigDecimal;

import io.sabot.common.SchemaException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.CallBack;
import org.apache.arrow.vector.util.TransferPair;

/**
 * A column of {@link Decimal64Type} values: an Arrow extension vector over a {@link BigIntVector} that holds the
 * unscaled int64 of each row (layout drawn in {@link Decimal64Type}). Kernels read {@link #getDataBuffer()} as plain
 * int64 lanes, stride 8.
 *
 * <p>Transfers and slices ({@code getTransferPair(...).splitAndTransfer}) produce Decimal64Vectors, not bare
 * BigIntVectors, so a decimal64 column keeps its type through morsel slicing and projections.
 *
 * <p>Thread-safety: like any Arrow vector, not thread-safe for writes. Ownership: owns its buffers (through the
 * underlying vector); close it once. {@link #getObject} gives {@code null} for a null row, else a BigDecimal of the
 * column's scale.
 */
public final class Decimal64Vector extends ExtensionTypeVector<BigIntVector>
{
    private final Field field;
    private final int scale;
    private final int precision;

    /**
     * @param field     a field of type {@link Decimal64Type}.
     * @param allocator where buffers come from.
     * @throws SchemaException when the field is not a decimal64.
     */
    public Decimal64Vector(final Field field, final BufferAllocator allocator)
    {
        super(field, allocator, new BigIntVector(field.getName(), allocator));
        if (!(field.getType() instanceof Decimal64Type type))
        {
            throw new SchemaException("field '" + field.getName() + "' is " + field.getType() + ", not decimal64");
        }
        this.field = field;
        this.precision = type.precision();
        this.scale = type.scale();
    }

    /**
     * A nullable column.
     *
     * @param name      column name.
     * @param allocator where buffers come from.
     * @param precision total digits, 1..18.
     * @param scale     digits after the point.
     */
    public Decimal64Vector(final String name, final BufferAllocator allocator, final int precision, final int scale)
    {
        this(Decimal64Type.field(name, precision, scale), allocator);
    }

    /**
     * Wraps int64 unscaled values that a type-agnostic kernel produced (a gather, a filter copy) as a decimal64
     * column: the storage's buffers move into the result, and the storage is closed.
     *
     * @param field     the decimal64 field of the result.
     * @param storage   int64 values; ownership passes to this call.
     * @return a new vector owned by the caller.
     */
    public static Decimal64Vector wrap(final Field field, final FieldVector storage)
    {
        try (FieldVector in = storage)
        {
            if (!(in instanceof BigIntVector ints))
            {
                throw new SchemaException("decimal64 column '" + field.getName() + "' needs int64 storage, got " +
                    in.getField().getType());
            }
            final Decimal64Vector out = new Decimal64Vector(field, ints.getAllocator());
            ints.makeTransferPair(out.getUnderlyingVector()).transfer();
            return out;
        }
    }

    /** @return total digits, 1..18. */
    public int precision()
    {
        return precision;
    }

    /** @return digits after the point. */
    public int scale()
    {
        return scale;
    }

    /** @return the decimal64 field (the underlying vector's own field is its Int(64) storage). */
    @Override
    public Field getField()
    {
        return field;
    }

    /** @return the column's type. */
    public Decimal64Type type()
    {
        return (Decimal64Type)getField().getType();
    }

    /**
     * @param index a non-null row.
     * @return its unscaled value (undefined for a null row).
     */
    public long get(final int index)
    {
        return getUnderlyingVector().getDataBuffer().getLong((long)index << 3);
    }

    /**
     * Sets a row (the vector must have room: {@code setSafe} grows).
     *
     * @param index    the row.
     * @param unscaled its unscaled value; the caller keeps it within the precision.
     */
    public void set(final int index, final long unscaled)
    {
        getUnderlyingVector().set(index, unscaled);
    }

    /**
     * Sets a row, growing the vector when needed.
     *
     * @param index    the row.
     * @param unscaled its unscaled value; the caller keeps it within the precision.
     */
    public void setSafe(final int index, final long unscaled)
    {
        getUnderlyingVector().setSafe(index, unscaled);
    }

    /** Marks a row null, growing the vector when needed. @param index the row. */
    public void setNullSafe(final int index)
    {
        getUnderlyingVector().setNull(index);
    }

    @Override
    public Object getObject(final int index)
    {
        return isNull(index) ? null : BigDecimal.valueOf(get(index), scale);
    }

    @Override
    public void copyFrom(final int fromIndex, final int thisIndex, final ValueVector from)
    {
        getUnderlyingVector().copyFrom(fromIndex, thisIndex, storageOf(from));
    }

    @Override
    public void copyFromSafe(final int fromIndex, final int thisIndex, final ValueVector from)
    {
        getUnderlyingVector().copyFromSafe(fromIndex, thisIndex, storageOf(from));
    }

    private ValueVector storageOf(final ValueVector from)
    {
        if (!(from instanceof Decimal64Vector d) || !d.getField().getType().equals(getField().getType()))
        {
            throw new SchemaException("cannot copy " + from.getField().getType() + " column '" + from.getName() +
                "' into " + getField().getType() + " column '" + getName() + "'");
        }
        return d.getUnderlyingVector();
    }

    @Override
    public int hashCode(final int index)
    {
        return getUnderlyingVector().hashCode(index);
    }

    @Override
    public int hashCode(final int index, final ArrowBufHasher hasher)
    {
        return getUnderlyingVector().hashCode(index, hasher);
    }

    @Override
    public TransferPair getTransferPair(final String ref, final BufferAllocator allocator)
    {
        return new Transfer(this, new Decimal64Vector(getField().getType() instanceof Decimal64Type t ?
            Decimal64Type.field(ref, t.precision(), t.scale()) : getField(), allocator));
    }

    @Override
    public TransferPair getTransferPair(final String ref, final BufferAllocator allocator, final CallBack callBack)
    {
        return getTransferPair(ref, allocator);
    }

    @Override
    public TransferPair getTransferPair(final BufferAllocator allocator)
    {
        return getTransferPair(getName(), allocator);
    }

    @Override
    public TransferPair getTransferPair(final Field field, final BufferAllocator allocator)
    {
        return new Transfer(this, new Decimal64Vector(field, allocator));
    }

    @Override
    public TransferPair getTransferPair(final Field field, final BufferAllocator allocator, final CallBack callBack)
    {
        return getTransferPair(field, allocator);
    }

    @Override
    public TransferPair makeTransferPair(final ValueVector target)
    {
        if (!(target instanceof Decimal64Vector to))
        {
            throw new SchemaException("cannot transfer decimal64 column '" + getName() + "' into " +
                target.getField().getType() + " column '" + target.getName() + "'");
        }
        return new Transfer(this, to);
    }

    /** Moves or slices the underlying int64 buffers between two decimal64 vectors. */
    private static final class Transfer implements TransferPair
    {
        private final Decimal64Vector to;
        private final TransferPair storage;

        Transfer(final Decimal64Vector from, final Decimal64Vector to)
        {
            this.to = to;
            this.storage = from.getUnderlyingVector().makeTransferPair(to.getUnderlyingVector());
        }

        @Override
        public void transfer()
        {
            storage.transfer();
        }

        @Override
        public void splitAndTransfer(final int startIndex, final int length)
        {
            storage.splitAndTransfer(startIndex, length);
        }

        @Override
        public ValueVector getTo()
        {
            return to;
        }

        @Override
        public void copyValueSafe(final int from, final int to)
        {
            storage.copyValueSafe(from, to);
        }
    }
}
