package io.sabot.kernels.arith;

import io.sabot.kernels.SegmentCache;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;

import io.sabot.common.SchemaException;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One input of an arithmetic kernel: a column (its type and buffer views) or a scalar already converted to the type
 * it takes part in. Mutable and reused across calls on one thread (see {@link Scratch}); it borrows the vector's
 * buffers for one call only.
 */
final class Operand
{
    FieldVector vector;
    String name;
    NumType type;
    MemorySegment data;
    MemorySegment validity;
    boolean isNull;
    /** Integer, temporal and float32/64 scalars; for decimals the low 64 bits of the unscaled value. */
    long longValue;
    /** The high 64 bits of a decimal scalar's unscaled value. */
    long highValue;
    double doubleValue;

    private final SegmentCache dataCache = new SegmentCache();
    private final SegmentCache validityCache = new SegmentCache();
    // the last column type seen in this slot, so typing the same column again allocates nothing
    private ArrowType lastArrow;
    private NumType lastType;

    private Operand set(final FieldVector vector, final String name, final NumType type, final boolean isNull,
        final long longValue, final long highValue, final double doubleValue)
    {
        this.vector = vector;
        this.name = name;
        this.type = type;
        this.isNull = isNull;
        this.longValue = longValue;
        this.highValue = highValue;
        this.doubleValue = doubleValue;
        if (vector != null)
        {
            this.data = dataCache.of(vector.getDataBuffer());
            this.validity = validityCache.of(vector.getValidityBuffer());
        }
        else
        {
            this.data = null;
            this.validity = null;
        }
        return this;
    }

    /** Describes a column operand; {@code role} names it in the error when the column is missing. */
    Operand column(final FieldVector vector, final String role)
    {
        if (vector == null)
        {
            throw new SchemaException("the " + role + " column of an arithmetic kernel is null");
        }
        final ArrowType arrow = vector.getField().getType();
        if (arrow != lastArrow)
        {
            lastType = NumType.of(arrow, vector.getName());
            lastArrow = arrow;
        }
        return set(vector, vector.getName(), lastType, false, 0, 0, 0);
    }

    /**
     * Describes a scalar typed by the column it meets, as Arrow casts a literal to the column's type.
     *
     * @param value the scalar, {@code null} for a null scalar (the result is then all null).
     * @param other the column on the other side.
     */
    Operand scalar(final Number value, final Operand other)
    {
        final NumType o = other.type;
        if (value == null)
        {
            final NumType type = o.kind() == NumType.Kind.TEMPORAL ? NumType.ofInt(8) : o;
            return set(null, "null", type, true, 0, 0, 0);
        }
        final String name = String.valueOf(value);
        if (value instanceof BigDecimal decimal)
        {
            if (o.kind() == NumType.Kind.FLOAT)
            {
                return set(null, name, o, false, 0, 0, decimal.doubleValue());
            }
            if (o.kind() != NumType.Kind.DECIMAL)
            {
                throw new SchemaException("decimal scalar " + name + " cannot meet " + o + " column '" + other.name +
                    "': cast the column to a decimal first");
            }
            return decimal(decimal.scale() < 0 ? decimal.setScale(0) : decimal);
        }
        if (value instanceof Double || value instanceof Float)
        {
            if (o.kind() != NumType.Kind.FLOAT)
            {
                throw new SchemaException("floating-point scalar " + name + " cannot meet " + o + " column '" +
                    other.name + "': cast the column to a float type first");
            }
            final double d = o.width() == 4 ? value.floatValue() : value.doubleValue();
            return set(null, name, o, false, 0, 0, d);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            final long v = value.longValue();
            switch (o.kind())
            {
                case INT:
                    if (!IntegerKernels.fits(v, o.width()))
                    {
                        throw new SchemaException("scalar " + v + " does not fit " + o + " column '" + other.name +
                            "': cast the column to a wider type first");
                    }
                    return set(null, name, o, false, v, 0, 0);
                case FLOAT:
                    return set(null, name, o, false, 0, 0, o.width() == 4 ? (float)v : (double)v);
                case DECIMAL:
                    return decimal(BigDecimal.valueOf(v));
                default:
                    return set(null, name, NumType.ofInt(8), false, v, 0, 0);
            }
        }
        throw new SchemaException("scalar " + name + " of class " + value.getClass().getName() +
            " is not supported: use Long, Integer, Short, Byte, Double, Float or BigDecimal");
    }

    private Operand decimal(final BigDecimal value)
    {
        final int precision = Math.max(1, Math.max(value.precision(), value.scale()));
        if (precision > NumType.MAX_DECIMAL_PRECISION)
        {
            throw new SchemaException("decimal scalar " + value + " needs precision " + precision + " > 38");
        }
        final BigInteger unscaled = value.unscaledValue();
        return set(null, value.toPlainString(), NumType.ofDecimal(precision, value.scale()), false,
            unscaled.longValue(), unscaled.shiftRight(64).longValue(), 0);
    }

    boolean isScalar()
    {
        return vector == null;
    }

    /** @return whether this operand is non-null at input row {@code row}. */
    boolean valid(final int row)
    {
        if (vector == null)
        {
            return !isNull;
        }
        return (validity.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) != 0;
    }

    /** @return the name quoted for messages: {@code 'price'} for a column, the literal for a scalar. */
    String quoted()
    {
        return vector == null ? name : "'" + name + "'";
    }
}
