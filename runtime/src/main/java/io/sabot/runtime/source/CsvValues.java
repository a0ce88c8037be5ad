package io.sabot.runtime.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Parses CSV field bytes straight into Arrow vectors. Supported column types: int8/16/32/64, float32/64, bool
 * ({@code true/false/t/f/1/0}, any case), date32 (ISO {@code yyyy-mm-dd}), decimal128 (exact: digits are accumulated
 * as an integer, extra fraction digits round half away from zero), utf8. No whitespace is trimmed from non-text
 * values.
 *
 * <p>Failures are reported by returning a reason string (no exceptions in the per-field path). Not thread-safe (one
 * per reader): holds scratch state.
 */
final class CsvValues
{
    static final int I8 = 0;
    static final int I16 = 1;
    static final int I32 = 2;
    static final int I64 = 3;
    static final int F32 = 4;
    static final int F64 = 5;
    static final int BOOL = 6;
    static final int DATE = 7;
    static final int DECIMAL = 8;
    static final int UTF8 = 9;

    private static final double[] POW10 = new double[23];
    private static final long[] LONG_POW10 = new long[19];

    static
    {
        double d = 1;
        long l = 1;
        for (int i = 0; i < POW10.length; i++)
        {
            POW10[i] = d;
            d *= 10;
        }
        for (int i = 0; i < LONG_POW10.length; i++)
        {
            LONG_POW10[i] = l;
            l *= 10;
        }
    }

    private final byte[] nullBytes;
    private final byte quote;
    private byte[] scratch = new byte[256];

    // Results of the last parse.
    private boolean ok;
    private long longValue;
    private double doubleValue;

    /**
     * @return whether the last {@link #parseLong}, {@link #parseDouble} or {@link #parseDate} succeeded.
     */
    boolean okay()
    {
        return ok;
    }

    CsvValues(final String nullString, final char quote)
    {
        this.nullBytes = nullString.getBytes(StandardCharsets.UTF_8);
        this.quote = (byte) quote;
    }

    /**
     * @return the kind of each column of {@code schema}.
     * @throws SchemaException naming the first column of an unsupported type.
     */
    static int[] kinds(final Schema schema)
    {
        final List<Field> fields = schema.getFields();
        final int[] kinds = new int[fields.size()];
        for (int i = 0; i < kinds.length; i++)
        {
            final ArrowType t = fields.get(i).getType();
            kinds[i] = switch (t)
            {
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 8 -> I8;
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 16 -> I16;
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 32 -> I32;
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 64 -> I64;
                case ArrowType.FloatingPoint x -> switch (x.getPrecision())
                {
                    case SINGLE -> F32;
                    case DOUBLE -> F64;
                    default -> unsupported(fields.get(i));
                };
                case ArrowType.Bool x -> BOOL;
                case ArrowType.Date x when x.getUnit() == DateUnit.DAY -> DATE;
                case ArrowType.Decimal x when x.getBitWidth() == 128 -> DECIMAL;
                case ArrowType.Utf8 x -> UTF8;
                default -> unsupported(fields.get(i));
            };
        }
        return kinds;
    }

    private static int unsupported(final Field f)
    {
        throw new SchemaException("CSV column '" + f.getName() + "' has type " + f.getType() +
            ", which CSV sources do not read (int8..int64, float32/64, bool, date32, decimal128, utf8)");
    }

    /**
     * Writes field bytes {@code [s, e)} of {@code b} into {@code vector[row]}.
     *
     * @return {@code null} on success, else why the value does not parse.
     */
    String write(final int kind, final FieldVector vector, final int row, final byte[] b, final int s, final int e,
        final byte flag)
    {
        if (flag == CsvTokenizer.PLAIN && isNull(b, s, e))
        {
            if (kind == UTF8)
            {
                ((VarCharVector) vector).setSafe(row, b, s, 0);
            }
            vector.setNull(row);
            return null;
        }
        switch (kind)
        {
            case I8, I16, I32, I64 ->
            {
                parseLong(b, s, e);
                if (!ok)
                {
                    return "not an integer";
                }
                final long v = longValue;
                switch (kind)
                {
                    case I8 ->
                    {
                        if (v != (byte) v)
                        {
                            return "out of range for int8";
                        }
                        ((TinyIntVector) vector).set(row, (byte) v);
                    }
                    case I16 ->
                    {
                        if (v != (short) v)
                        {
                            return "out of range for int16";
                        }
                        ((SmallIntVector) vector).set(row, (short) v);
                    }
                    case I32 ->
                    {
                        if (v != (int) v)
                        {
                            return "out of range for int32";
                        }
                        ((IntVector) vector).set(row, (int) v);
                    }
                    default -> ((BigIntVector) vector).set(row, v);
                }
            }
            case F32, F64 ->
            {
                parseDouble(b, s, e);
                if (!ok)
                {
                    return "not a number";
                }
                if (kind == F32)
                {
                    ((Float4Vector) vector).set(row, (float) doubleValue);
                }
                else
                {
                    ((Float8Vector) vector).set(row, doubleValue);
                }
            }
            case BOOL ->
            {
                final int v = parseBool(b, s, e);
                if (v < 0)
                {
                    return "not a boolean";
                }
                ((BitVector) vector).set(row, v);
            }
            case DATE ->
            {
                parseDate(b, s, e);
                if (!ok)
                {
                    return "not an ISO date (yyyy-mm-dd)";
                }
                ((DateDayVector) vector).set(row, (int) longValue);
            }
            case DECIMAL ->
            {
                return parseDecimal((DecimalVector) vector, row, b, s, e);
            }
            default ->
            {
                if (flag == CsvTokenizer.ESCAPED)
                {
                    final int n = unescape(b, s, e);
                    ((VarCharVector) vector).setSafe(row, scratch, 0, n);
                }
                else
                {
                    ((VarCharVector) vector).setSafe(row, b, s, e - s);
                }
            }
        }
        return null;
    }

    private boolean isNull(final byte[] b, final int s, final int e)
    {
        final byte[] n = nullBytes;
        if (e - s != n.length)
        {
            return false;
        }
        for (int i = 0; i < n.length; i++)
        {
            if (b[s + i] != n[i])
            {
                return false;
            }
        }
        return true;
    }

    /** Collapses doubled quotes into {@link #scratch}; returns the length. */
    private int unescape(final byte[] b, final int s, final int e)
    {
        if (scratch.length < e - s)
        {
            scratch = new byte[Math.max(e - s, scratch.length * 2)];
        }
        int n = 0;
        for (int i = s; i < e; i++)
        {
            scratch[n++] = b[i];
            if (b[i] == quote)
            {
                i++; // the second of a pair
            }
        }
        return n;
    }

    /** Sets {@link #ok} and {@link #longValue}. Accumulates negatively so that Long.MIN_VALUE parses. */
    void parseLong(final byte[] b, final int s, final int e)
    {
        ok = false;
        int i = s;
        if (i >= e)
        {
            return;
        }
        final boolean negative = b[i] == '-';
        if (negative || b[i] == '+')
        {
            i++;
            if (i >= e)
            {
                return;
            }
        }
        long acc = 0;
        final long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        final long multMin = limit / 10;
        for (; i < e; i++)
        {
            final int d = b[i] - '0';
            if (d < 0 || d > 9 || acc < multMin)
            {
                return;
            }
            acc *= 10;
            if (acc < limit + d)
            {
                return;
            }
            acc -= d;
        }
        longValue = negative ? acc : -acc;
        ok = true;
    }

    /**
     * Sets {@link #ok} and {@link #doubleValue}. Validates {@code [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?} or
     * {@code nan/inf/infinity}; exact fast path for at most 15 significant digits and a power of ten up to 22,
     * else {@link Double#parseDouble} on the validated ASCII (rare).
     */
    void parseDouble(final byte[] b, final int s, final int e)
    {
        ok = false;
        int i = s;
        boolean negative = false;
        if (i < e && (b[i] == '-' || b[i] == '+'))
        {
            negative = b[i] == '-';
            i++;
        }
        if (i < e && (b[i] | 0x20) >= 'a' && (b[i] | 0x20) <= 'z')
        {
            final String word = new String(b, i, e - i, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
            if (word.equals("nan"))
            {
                doubleValue = Double.NaN;
                ok = true;
            }
            else if (word.equals("inf") || word.equals("infinity"))
            {
                doubleValue = negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                ok = true;
            }
            return;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        int seen = 0;
        for (; i < e && b[i] >= '0' && b[i] <= '9'; i++)
        {
            seen++;
            if (digits > 0 || b[i] != '0')
            {
                if (digits < 19)
                {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    digits++;
                }
                else
                {
                    exponent++;
                    digits++;
                }
            }
        }
        if (i < e && b[i] == '.')
        {
            i++;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++)
            {
                seen++;
                if (digits > 0 || b[i] != '0')
                {
                    if (digits < 19)
                    {
                        mantissa = mantissa * 10 + (b[i] - '0');
                        digits++;
                        exponent--;
                    }
                    else
                    {
                        digits++;
                    }
                }
                else
                {
                    exponent--;
                }
            }
        }
        if (seen == 0)
        {
            return;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E'))
        {
            i++;
            boolean expNegative = false;
            if (i < e && (b[i] == '-' || b[i] == '+'))
            {
                expNegative = b[i] == '-';
                i++;
            }
            if (i >= e)
            {
                return;
            }
            int x = 0;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++)
            {
                x = Math.min(x * 10 + (b[i] - '0'), 100_000);
            }
            exponent += expNegative ? -x : x;
        }
        if (i != e)
        {
            return;
        }
        if (digits <= 15 && exponent >= -22 && exponent <= 22)
        {
            final double m = mantissa;
            final double v = exponent >= 0 ? m * POW10[exponent] : m / POW10[-exponent];
            doubleValue = negative ? -v : v;
        }
        else
        {
            doubleValue = Double.parseDouble(new String(b, s, e - s, StandardCharsets.US_ASCII));
        }
        ok = true;
    }

    /** @return 1, 0, or -1 if not a boolean. */
    static int parseBool(final byte[] b, final int s, final int e)
    {
        final int n = e - s;
        if (n == 1)
        {
            final byte c = b[s];
            if (c == '1' || (c | 0x20) == 't')
            {
                return 1;
            }
            return c == '0' || (c | 0x20) == 'f' ? 0 : -1;
        }
        if (n == 4 && (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u' &&
            (b[s + 3] | 0x20) == 'e')
        {
            return 1;
        }
        if (n == 5 && (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l' &&
            (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e')
        {
            return 0;
        }
        return -1;
    }

    /** Sets {@link #ok} and {@link #longValue} (days since 1970-01-01) for {@code yyyy-mm-dd}. */
    void parseDate(final byte[] b, final int s, final int e)
    {
        ok = false;
        if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-')
        {
            return;
        }
        final int y = digits(b, s, 4);
        final int m = digits(b, s + 5, 2);
        final int d = digits(b, s + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > CivilDates.daysInMonth(y, m))
        {
            return;
        }
        longValue = CivilDates.epochDay(y, m, d);
        ok = true;
    }

    private static int digits(final byte[] b, final int s, final int n)
    {
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            final int c = b[s + i] - '0';
            if (c < 0 || c > 9)
            {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /** Exact decimal parse; rounds extra fraction digits half away from zero. */
    private String parseDecimal(final DecimalVector vector, final int row, final byte[] b, final int s, final int e)
    {
        final int scale = vector.getScale();
        final int precision = vector.getPrecision();
        int i = s;
        boolean negative = false;
        if (i < e && (b[i] == '-' || b[i] == '+'))
        {
            negative = b[i] == '-';
            i++;
        }
        long unscaled = 0;
        int significant = 0;
        int seen = 0;
        int fraction = 0;
        boolean roundUp = false;
        boolean big = false;
        for (; i < e && b[i] >= '0' && b[i] <= '9'; i++)
        {
            seen++;
            if (significant > 0 || b[i] != '0')
            {
                significant++;
                if (significant > 18)
                {
                    big = true;
                }
                else
                {
                    unscaled = unscaled * 10 + (b[i] - '0');
                }
            }
        }
        if (i < e && b[i] == '.')
        {
            i++;
            for (; i < e && b[i] >= '0' && b[i] <= '9'; i++)
            {
                seen++;
                if (fraction < scale)
                {
                    fraction++;
                    if (significant > 0 || b[i] != '0')
                    {
                        significant++;
                        if (significant > 18)
                        {
                            big = true;
                        }
                        else
                        {
                            unscaled = unscaled * 10 + (b[i] - '0');
                        }
                    }
                }
                else if (fraction == scale)
                {
                    roundUp = b[i] >= '5';
                    fraction++;
                }
            }
        }
        if (seen == 0 || i != e)
        {
            return "not a decimal";
        }
        if (big)
        {
            try
            {
                final BigDecimal v = new BigDecimal(new String(b, s, e - s, StandardCharsets.US_ASCII))
                    .setScale(scale, RoundingMode.HALF_UP);
                if (v.precision() > precision && v.signum() != 0)
                {
                    return "more than " + precision + " digits for decimal(" + precision + "," + scale + ")";
                }
                vector.setSafe(row, v);
                return null;
            }
            catch (final NumberFormatException | ArithmeticException x)
            {
                return "not a decimal";
            }
        }
        // Pad the missing fraction digits (unscaled has at most 18 digits, the padding keeps it within precision).
        final int pad = scale - Math.min(fraction, scale);
        if (significant + pad > 18)
        {
            final BigInteger v = BigInteger.valueOf(unscaled).multiply(BigInteger.TEN.pow(pad))
                .add(roundUp ? BigInteger.ONE : BigInteger.ZERO);
            if (v.signum() != 0 && v.toString().length() > precision)
            {
                return "more than " + precision + " digits for decimal(" + precision + "," + scale + ")";
            }
            vector.setSafe(row, new BigDecimal(negative ? v.negate() : v, scale));
            return null;
        }
        long v = unscaled * LONG_POW10[pad] + (roundUp ? 1 : 0);
        if (precision < 19 && v >= LONG_POW10[precision])
        {
            return "more than " + precision + " digits for decimal(" + precision + "," + scale + ")";
        }
        vector.set(row, negative ? -v : v);
        return null;
    }
}
