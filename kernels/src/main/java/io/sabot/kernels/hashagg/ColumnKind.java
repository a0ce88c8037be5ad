package io.sabot.kernels.hashagg;

import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The physical shape of a column the aggregator reads: its value width and how a value becomes a 64-bit key word.
 * Logical types that share a shape share a kind (date32 and time32 are {@link #I32}; date64, time64 and every
 * timestamp are {@link #I64}); the output column keeps the original Arrow type.
 */
enum ColumnKind
{
    /** int8, sign-extended. */
    I8(1),
    /** int16, sign-extended. */
    I16(2),
    /** int32, date32, time32, sign-extended. */
    I32(4),
    /** int64, date64, time64, timestamp. */
    I64(8),
    /** float32, widened to double, NaN and -0.0 canonicalized for keys. */
    F32(4),
    /** float64, NaN and -0.0 canonicalized for keys. */
    F64(8),
    /** boolean (bit-packed), 0 or 1. */
    BOOL(0),
    /** utf8 (int32 offsets). */
    UTF8(0),
    /** decimal128: 16-byte little-endian two's complement unscaled values; aggregated, never a key. */
    DEC128(16);

    final int width;

    ColumnKind(final int width)
    {
        this.width = width;
    }

    boolean isFloat()
    {
        return this == F32 || this == F64;
    }

    boolean isInteger()
    {
        return this == I8 || this == I16 || this == I32 || this == I64;
    }

    /**
     * @param type an Arrow type.
     * @return its kind, or {@code null} if the aggregator cannot read it.
     */
    static ColumnKind of(final ArrowType type)
    {
        if (type instanceof ArrowType.Int integer)
        {
            if (!integer.getIsSigned())
            {
                return null;
            }
            return switch (integer.getBitWidth())
            {
                case 8 -> I8;
                case 16 -> I16;
                case 32 -> I32;
                case 64 -> I64;
                default -> null;
            };
        }
        if (type instanceof ArrowType.FloatingPoint floating)
        {
            if (floating.getPrecision() == FloatingPointPrecision.SINGLE)
            {
                return F32;
            }
            return floating.getPrecision() == FloatingPointPrecision.DOUBLE ? F64 : null;
        }
        if (type instanceof ArrowType.Date date)
        {
            return switch (date.getUnit())
            {
                case DAY -> I32;
                case MILLISECOND -> I64;
            };
        }
        if (type instanceof ArrowType.Time time)
        {
            return time.getBitWidth() == 32 ? I32 : I64;
        }
        if (type instanceof ArrowType.Timestamp)
        {
            return I64;
        }
        if (type instanceof ArrowType.Bool)
        {
            return BOOL;
        }
        if (type instanceof ArrowType.Utf8)
        {
            return UTF8;
        }
        if (type instanceof ArrowType.Decimal decimal)
        {
            return decimal.getBitWidth() == 128 ? DEC128 : null;
        }
        return null;
    }
}
