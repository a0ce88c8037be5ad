package io.sabot.jit.expr;

import io.sabot.kernels.decimal.Decimal64Type;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The value types an expression can have, each with one Arrow vector type.
 *
 * <pre>
 *   type      Arrow vector     Java value     text literal
 *   BOOLEAN   BitVector        boolean        true, false
 *   INT32     IntVector        int            42
 *   INT64     BigIntVector     long           42L
 *   FLOAT32   Float4Vector     float          1.5f
 *   FLOAT64   Float8Vector     double         1.5
 *   UTF8      VarCharVector    bytes (UTF-8)  'it''s'
 *   DATE      DateDayVector    LocalDate      date '1994-01-01'    (int32 days since 1970-01-01)
 *   DECIMAL   DecimalVector    BigDecimal     decimal '0.05'       (precision and scale: see {@link ValueType})
 *             or Decimal64Vector                                   (sabot.decimal64 input columns, p &lt;= 18)
 * </pre>
 *
 * <p>DATE and DECIMAL are logical types: the binder lowers them to INT32 days and INT64 unscaled values, so bound
 * trees ({@code io.sabot.jit.bind.Bound}) never carry them; their precision and scale live in {@link ValueType}.
 *
 * <p>Numeric promotion (for arithmetic, comparison, if/case/coalesce branches) is to the wider of the two types in the
 * order INT32 &lt; INT64 &lt; FLOAT32 &lt; FLOAT64, except that INT64 with FLOAT32 promotes to FLOAT64 so that no
 * 64-bit integer is squeezed into a 24-bit mantissa.
 *
 * <p>Thread-safety: immutable.
 */
public enum DataType
{
    /** Two-valued logic plus null (Kleene). */
    BOOLEAN("boolean", 0),
    /** 32-bit two's-complement integer; arithmetic wraps as in Java. */
    INT32("int32", 4),
    /** 64-bit two's-complement integer; arithmetic wraps as in Java. */
    INT64("int64", 8),
    /** IEEE 754 binary32. */
    FLOAT32("float32", 4),
    /** IEEE 754 binary64. */
    FLOAT64("float64", 8),
    /** UTF-8 text, compared byte-wise. */
    UTF8("utf8", 0),
    /** A calendar date, Arrow {@code Date(DAY)}: int32 days since 1970-01-01 (no time zone). */
    DATE("date", 4),
    /**
     * An exact decimal, Arrow {@code Decimal(p, s, 128)} or (input columns only) {@code sabot.decimal64}; precision and
     * scale are carried by {@link ValueType}.
     */
    DECIMAL("decimal", 16);

    private final String typeName;
    private final int byteWidth;

    DataType(final String typeName, final int byteWidth)
    {
        this.typeName = typeName;
        this.byteWidth = byteWidth;
    }

    /**
     * @return the name used by the text form, e.g. {@code float64}.
     */
    public String typeName()
    {
        return typeName;
    }

    /**
     * @return bytes per value in the Arrow value buffer, 0 for BOOLEAN (bits) and UTF8 (variable).
     */
    public int byteWidth()
    {
        return byteWidth;
    }

    /**
     * @return true for INT32, INT64, FLOAT32 and FLOAT64.
     */
    public boolean isNumeric()
    {
        return this == INT32 || this == INT64 || this == FLOAT32 || this == FLOAT64;
    }

    /**
     * @return true for INT32 and INT64.
     */
    public boolean isInteger()
    {
        return this == INT32 || this == INT64;
    }

    /**
     * @return true for FLOAT32 and FLOAT64.
     */
    public boolean isFloating()
    {
        return this == FLOAT32 || this == FLOAT64;
    }

    /**
     * @param a a numeric type.
     * @param b a numeric type.
     * @return the type both promote to.
     */
    public static DataType promote(final DataType a, final DataType b)
    {
        if (!a.isNumeric() || !b.isNumeric())
        {
            throw new IllegalArgumentException("not numeric: " + a + ", " + b);
        }
        if (a == FLOAT64 || b == FLOAT64)
        {
            return FLOAT64;
        }
        if (a == FLOAT32 || b == FLOAT32)
        {
            return (a == INT64 || b == INT64) ? FLOAT64 : FLOAT32;
        }
        return (a == INT64 || b == INT64) ? INT64 : INT32;
    }

    /**
     * @param name a type name of the text form.
     * @return the type, or {@code null} if the name is unknown.
     */
    public static DataType byName(final String name)
    {
        for (final DataType t : values())
        {
            if (t.typeName.equals(name))
            {
                return t;
            }
        }
        return null;
    }

    /**
     * @param arrowType an Arrow field type.
     * @return the expression type reading it, or {@code null} if expressions do not support it.
     */
    public static DataType of(final ArrowType arrowType)
    {
        return switch (arrowType)
        {
            case ArrowType.Bool ignored -> BOOLEAN;
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 32 -> INT32;
            case ArrowType.Int i when i.getIsSigned() && i.getBitWidth() == 64 -> INT64;
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.SINGLE -> FLOAT32;
            case ArrowType.FloatingPoint f when f.getPrecision() == FloatingPointPrecision.DOUBLE -> FLOAT64;
            case ArrowType.Utf8 ignored -> UTF8;
            case ArrowType.Date d when d.getUnit() == DateUnit.DAY -> DATE;
            case ArrowType.Decimal d when d.getBitWidth() == 128 -> DECIMAL;
            case Decimal64Type ignored -> DECIMAL;
            default -> null;
        };
    }

    /**
     * @return the Arrow type of vectors holding this type; DECIMAL gives {@code Decimal(38, 0, 128)}, use
     *     {@link ValueType#arrowType()} for a decimal's own precision and scale.
     */
    public ArrowType arrowType()
    {
        return switch (this)
        {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT32 -> new ArrowType.Int(32, true);
            case INT64 -> new ArrowType.Int(64, true);
            case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case UTF8 -> ArrowType.Utf8.INSTANCE;
            case DATE -> new ArrowType.Date(DateUnit.DAY);
            case DECIMAL -> new ArrowType.Decimal(38, 0, 128);
        };
    }

    @Override
    public String toString()
    {
        return typeName;
    }
}
