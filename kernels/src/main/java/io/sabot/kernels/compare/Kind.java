package io.sabot.kernels.compare;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.Types.MinorType;

/**
 * The physical shape a comparison kernel sees behind an Arrow type: fixed-width integers of 1/2/4/8 bytes (which
 * also carry dates, times, timestamps and durations), IEEE floats, 128-bit decimals, bits, and variable-width bytes
 * with int32 offsets. Package-private.
 */
enum Kind
{
    INT8(1), INT16(2), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8), DECIMAL(16), BOOL(0), BINARY(0);

    /** Bytes per value for fixed-width kinds, 0 otherwise. */
    final int width;

    Kind(final int width)
    {
        this.width = width;
    }

    boolean isInteger()
    {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64;
    }

    boolean isFloat()
    {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * @param vector a column.
     * @return its kind, or {@code null} when comparisons do not support its type.
     */
    static Kind of(final FieldVector vector)
    {
        final MinorType type = vector.getMinorType();
        return switch (type)
        {
            case TINYINT -> INT8;
            case SMALLINT -> INT16;
            case INT, DATEDAY, TIMESEC, TIMEMILLI -> INT32;
            case BIGINT, DATEMILLI, TIMEMICRO, TIMENANO, DURATION, TIMESTAMPSEC, TIMESTAMPMILLI, TIMESTAMPMICRO,
                TIMESTAMPNANO, TIMESTAMPSECTZ, TIMESTAMPMILLITZ, TIMESTAMPMICROTZ, TIMESTAMPNANOTZ -> INT64;
            case FLOAT4 -> FLOAT32;
            case FLOAT8 -> FLOAT64;
            case DECIMAL -> DECIMAL;
            case BIT -> BOOL;
            case VARCHAR, VARBINARY -> BINARY;
            default -> null;
        };
    }

    /**
     * @param vector a column.
     * @param what   the kernel name, for the message.
     * @return its kind.
     * @throws SchemaException when the type is not supported.
     */
    static Kind require(final FieldVector vector, final String what)
    {
        final Kind kind = of(vector);
        if (kind == null)
        {
            throw new SchemaException(what + " does not support column '" + vector.getName() + "' of type " +
                vector.getField().getType());
        }
        return kind;
    }

    /**
     * Checks two columns can be compared: same kind and same logical type, except that decimals may differ in
     * precision and scale, and timestamps in time zone as long as both have one or neither has.
     *
     * @param left  left column.
     * @param right right column.
     * @param what  the kernel name, for the message.
     * @return the common kind.
     */
    static Kind requireComparable(final FieldVector left, final FieldVector right, final String what)
    {
        final Kind l = of(left);
        final Kind r = of(right);
        final boolean ok;
        if (l == null || r == null || l != r)
        {
            ok = false;
        }
        else if (l == DECIMAL)
        {
            ok = true;
        }
        else if (left.getMinorType() == MinorType.DURATION)
        {
            ok = left.getField().getType().equals(right.getField().getType());
        }
        else
        {
            // Minor types encode the timestamp/time unit and whether a time zone is present.
            ok = left.getMinorType() == right.getMinorType();
        }
        if (!ok)
        {
            throw new SchemaException(what + " cannot compare column '" + left.getName() + "' of type " +
                left.getField().getType() + " with column '" + right.getName() + "' of type " +
                right.getField().getType() + "; cast one side first");
        }
        if (left.getValueCount() != right.getValueCount())
        {
            throw new SchemaException(what + " needs columns of equal length, but '" + left.getName() + "' has " +
                left.getValueCount() + " rows and '" + right.getName() + "' has " + right.getValueCount());
        }
        return l;
    }

    /**
     * @param vector a decimal column.
     * @return its scale.
     */
    static int scale(final FieldVector vector)
    {
        return ((DecimalVector)vector).getScale();
    }

    /**
     * @param vector a column.
     * @param kind   the kind the scalar demands.
     * @param scalar a description of the scalar for the message.
     * @param what   the kernel name.
     */
    static void requireScalar(final FieldVector vector, final Kind kind, final String scalar, final String what)
    {
        final Kind k = require(vector, what);
        final boolean ok = switch (kind)
        {
            case INT64 -> k.isInteger();
            case FLOAT64 -> k.isFloat();
            default -> k == kind;
        };
        if (!ok)
        {
            throw new SchemaException(what + " cannot compare column '" + vector.getName() + "' of type " +
                vector.getField().getType() + " with a " + scalar + " scalar");
        }
    }
}
