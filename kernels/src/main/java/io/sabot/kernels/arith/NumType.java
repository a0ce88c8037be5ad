package io.sabot.kernels.arith;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * An Arrow type as arithmetic sees it: a kind, the storage width in bytes, and for decimals precision and scale.
 * Immutable.
 */
record NumType(NumType.Kind kind, int width, int precision, int scale, ArrowType arrow)
{
    /** The families arithmetic distinguishes. */
    enum Kind
    {
        INT, FLOAT, DECIMAL, TEMPORAL
    }

    static final int MAX_DECIMAL_PRECISION = 38;

    // shared instances for the common types, so typing a call allocates nothing
    private static final NumType[] INTS = {null, make(Kind.INT, 1), make(Kind.INT, 2), null, make(Kind.INT, 4), null,
        null, null, make(Kind.INT, 8)};
    private static final NumType FLOAT32 = make(Kind.FLOAT, 4);
    private static final NumType FLOAT64 = make(Kind.FLOAT, 8);

    private static NumType make(final Kind kind, final int width)
    {
        return new NumType(kind, width, 0, 0, kind == Kind.INT ? new ArrowType.Int(width * 8, true) :
            new ArrowType.FloatingPoint(width == 4 ? FloatingPointPrecision.SINGLE : FloatingPointPrecision.DOUBLE));
    }

    static NumType of(final ArrowType type, final String column)
    {
        if (type instanceof ArrowType.Int i)
        {
            if (!i.getIsSigned())
            {
                throw new SchemaException("unsigned " + type + " column '" + column +
                    "' is not supported by arithmetic: cast it to a signed type first");
            }
            return ofInt(i.getBitWidth() / 8);
        }
        if (type instanceof ArrowType.FloatingPoint f)
        {
            if (f.getPrecision() == FloatingPointPrecision.HALF)
            {
                throw new SchemaException("float16 column '" + column + "' is not supported: cast it to float32");
            }
            return ofFloat(f.getPrecision() == FloatingPointPrecision.SINGLE ? 4 : 8);
        }
        if (type instanceof ArrowType.Decimal d)
        {
            if (d.getBitWidth() != 128)
            {
                throw new SchemaException("decimal" + d.getBitWidth() + " column '" + column +
                    "' is not supported: only decimal128");
            }
            return new NumType(Kind.DECIMAL, 16, d.getPrecision(), d.getScale(), type);
        }
        if (type instanceof ArrowType.Date d)
        {
            return new NumType(Kind.TEMPORAL, d.getUnit() == DateUnit.DAY ? 4 : 8, 0, 0, type);
        }
        if (type instanceof ArrowType.Timestamp)
        {
            return new NumType(Kind.TEMPORAL, 8, 0, 0, type);
        }
        throw new SchemaException("column '" + column + "' has type " + type + ", which arithmetic does not accept");
    }

    static NumType ofInt(final int width)
    {
        return INTS[width];
    }

    static NumType ofFloat(final int width)
    {
        return width == 4 ? FLOAT32 : FLOAT64;
    }

    static NumType ofDecimal(final int precision, final int scale)
    {
        return new NumType(Kind.DECIMAL, 16, precision, scale, new ArrowType.Decimal(precision, scale, 128));
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case INT -> "int" + width * 8;
            case FLOAT -> "float" + width * 8;
            case DECIMAL -> "decimal(" + precision + ", " + scale + ")";
            case TEMPORAL -> arrow.toString();
        };
    }
}
