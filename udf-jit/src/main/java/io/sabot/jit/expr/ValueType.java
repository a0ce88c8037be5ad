package io.sabot.jit.expr;

import io.sabot.kernels.decimal.Decimal64Type;
import org.apache.arrow.vector.types.pojo.ArrowType;

import java.util.Objects;

/**
 * The full type of an expression's value: a {@link DataType} plus, for DECIMAL, its precision (1..38 digits) and
 * scale (0..precision digits after the point). For every other type precision and scale are 0.
 *
 * <p>Decimal values are computed as 64-bit unscaled integers (value = unscaled / 10^scale); a precision above 18 only
 * says how many digits the result may need, and an operation whose result does not fit 64 bits raises a
 * {@code io.sabot.common.DataException} instead of wrapping.
 *
 * <p>Thread-safety: immutable; compares by value.
 *
 * @param type      the type.
 * @param precision total decimal digits (DECIMAL only, else 0).
 * @param scale     digits after the decimal point (DECIMAL only, else 0).
 */
public record ValueType(DataType type, int precision, int scale)
{
    /** The most digits an Arrow 128-bit decimal holds. */
    public static final int MAX_PRECISION = 38;
    /** The most digits every 64-bit unscaled value holds. */
    public static final int LONG_PRECISION = 18;
    /** The precision and scale of {@code decimal} written without them (DuckDB's default). */
    public static final ValueType DEFAULT_DECIMAL = new ValueType(DataType.DECIMAL, 18, 3);

    /** Checks precision and scale. */
    public ValueType
    {
        Objects.requireNonNull(type, "type");
        if (type == DataType.DECIMAL)
        {
            if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision)
            {
                throw new IllegalArgumentException("decimal(" + precision + ", " + scale + ") needs 1 <= precision" +
                    " <= 38 and 0 <= scale <= precision");
            }
        }
        else if (precision != 0 || scale != 0)
        {
            throw new IllegalArgumentException(type + " has no precision or scale");
        }
    }

    /**
     * @param type any type but DECIMAL.
     * @return that type.
     */
    public static ValueType of(final DataType type)
    {
        if (type == DataType.DECIMAL)
        {
            return DEFAULT_DECIMAL;
        }
        return new ValueType(type, 0, 0);
    }

    /**
     * @param precision total digits, 1..38.
     * @param scale     digits after the point, 0..precision.
     * @return {@code decimal(precision, scale)}.
     */
    public static ValueType decimal(final int precision, final int scale)
    {
        return new ValueType(DataType.DECIMAL, precision, scale);
    }

    /**
     * @param arrowType an Arrow field type.
     * @return the value type reading it, or {@code null} if expressions do not support it; a Decimal128 and a
     *     decimal64 column of the same precision and scale have the same value type.
     */
    public static ValueType of(final ArrowType arrowType)
    {
        final DataType type = DataType.of(arrowType);
        if (type == null)
        {
            return null;
        }
        if (arrowType instanceof Decimal64Type d)
        {
            return decimal(d.precision(), d.scale());
        }
        if (type == DataType.DECIMAL)
        {
            final ArrowType.Decimal d = (ArrowType.Decimal)arrowType;
            if (d.getPrecision() < 1 || d.getPrecision() > MAX_PRECISION || d.getScale() < 0 ||
                d.getScale() > d.getPrecision())
            {
                return null;
            }
            return decimal(d.getPrecision(), d.getScale());
        }
        return of(type);
    }

    /** @return true for DECIMAL. */
    public boolean isDecimal()
    {
        return type == DataType.DECIMAL;
    }

    /** @return the Arrow type of vectors holding values of this type. */
    public ArrowType arrowType()
    {
        return type == DataType.DECIMAL ? new ArrowType.Decimal(precision, scale, 128) : type.arrowType();
    }

    /** @return the text form's name, e.g. {@code decimal(15,2)} or {@code date}. */
    @Override
    public String toString()
    {
        return type == DataType.DECIMAL ? "decimal(" + precision + "," + scale + ")" : type.typeName();
    }
}
