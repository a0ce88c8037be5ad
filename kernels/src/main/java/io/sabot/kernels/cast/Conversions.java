package io.sabot.kernels.cast;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import io.sabot.common.DataException;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.VarCharVector;

/**
 * The conversion loops behind {@link Cast}. Output row {@code i} is written at element {@code i} of the output data
 * segment; null input rows produce unspecified data under a null output bit (the caller copies validity). Loops over
 * fixed-width inputs convert every row without branching on validity and remember only whether some row was out of
 * range; only then a second pass finds the first non-null offending row and raises.
 *
 * <p>Thread-safety: stateless. Ownership: writes only into the given output.
 */
final class Conversions
{
    private Conversions()
    {
    }

    static long minOf(final int width)
    {
        return -(1L << ((width << 3) - 1));
    }

    static long maxOf(final int width)
    {
        return (1L << ((width << 3) - 1)) - 1;
    }

    static long readInt(final MemorySegment data, final long row, final int width)
    {
        return switch (width)
        {
            case 1 -> data.get(Layouts.BYTE, row);
            case 2 -> data.get(Layouts.SHORT_UNALIGNED, row << 1);
            case 4 -> data.get(Layouts.INT_UNALIGNED, row << 2);
            default -> data.get(Layouts.LONG_UNALIGNED, row << 3);
        };
    }

    static void writeInt(final MemorySegment out, final long i, final int width, final long value)
    {
        switch (width)
        {
            case 1 -> out.set(Layouts.BYTE, i, (byte)value);
            case 2 -> out.set(Layouts.SHORT_UNALIGNED, i << 1, (short)value);
            case 4 -> out.set(Layouts.INT_UNALIGNED, i << 2, (int)value);
            default -> out.set(Layouts.LONG_UNALIGNED, i << 3, value);
        }
    }

    static double readFloat(final MemorySegment data, final long row, final int width)
    {
        return width == 4 ? data.get(Layouts.FLOAT_UNALIGNED, row << 2) : data.get(Layouts.DOUBLE_UNALIGNED, row << 3);
    }

    static void writeFloat(final MemorySegment out, final long i, final int width, final double value)
    {
        if (width == 4)
        {
            out.set(Layouts.FLOAT_UNALIGNED, i << 2, (float)value);
        }
        else
        {
            out.set(Layouts.DOUBLE_UNALIGNED, i << 3, value);
        }
    }

    static void intToInt(final Column in, final int from, final MemorySegment out, final int to,
        final boolean checked)
    {
        final int n = in.count;
        if (in.contiguous && from == 8 && to == 4)
        {
            longToIntContiguous(in, out, checked);
            return;
        }
        final long min = minOf(to);
        final long max = maxOf(to);
        boolean bad = false;
        for (int i = 0; i < n; i++)
        {
            final long v = readInt(in.data, in.row(i), from);
            writeInt(out, i, to, v);
            bad |= v < min | v > max;
        }
        if (bad && checked)
        {
            for (int i = 0; i < n; i++)
            {
                final long row = in.row(i);
                final long v = readInt(in.data, row, from);
                if (in.isValid(row) && (v < min || v > max))
                {
                    throw outOfRange(in, row, Long.toString(v), "int" + (to << 3));
                }
            }
        }
    }

    private static void longToIntContiguous(final Column in, final MemorySegment out, final boolean checked)
    {
        final int n = in.count;
        final MemorySegment data = in.data;
        final long base = in.offset;
        long bad = 0;
        for (int i = 0; i < n; i++)
        {
            final long v = data.get(Layouts.LONG_UNALIGNED, (base + i) << 3);
            final int narrowed = (int)v;
            out.set(Layouts.INT_UNALIGNED, (long)i << 2, narrowed);
            bad |= v ^ narrowed;
        }
        if (bad != 0 && checked)
        {
            for (int i = 0; i < n; i++)
            {
                final long v = data.get(Layouts.LONG_UNALIGNED, (base + i) << 3);
                if (v != (int)v && in.isValid(base + i))
                {
                    throw outOfRange(in, base + i, Long.toString(v), "int32");
                }
            }
        }
    }

    static void intToFloat(final Column in, final int from, final MemorySegment out, final int to)
    {
        for (int i = 0; i < in.count; i++)
        {
            final long v = readInt(in.data, in.row(i), from);
            if (to == 4)
            {
                // (float)long rounds once; (float)(double)long could round twice.
                out.set(Layouts.FLOAT_UNALIGNED, (long)i << 2, (float)v);
            }
            else
            {
                out.set(Layouts.DOUBLE_UNALIGNED, (long)i << 3, (double)v);
            }
        }
    }

    static void floatToInt(final Column in, final int from, final MemorySegment out, final int to,
        final boolean checked)
    {
        // Valid iff low < v < high after truncation toward zero; NaN fails both comparisons.
        final double low = to == 8 ? Math.nextDown(-0x1p63) : minOf(to) - 1.0;
        final double high = to == 8 ? 0x1p63 : maxOf(to) + 1.0;
        boolean bad = false;
        for (int i = 0; i < in.count; i++)
        {
            final double v = readFloat(in.data, in.row(i), from);
            writeInt(out, i, to, (long)v);
            bad |= !(v > low && v < high);
        }
        if (bad && checked)
        {
            for (int i = 0; i < in.count; i++)
            {
                final long row = in.row(i);
                final double v = readFloat(in.data, row, from);
                if (in.isValid(row) && !(v > low && v < high))
                {
                    throw outOfRange(in, row, Double.toString(v), "int" + (to << 3));
                }
            }
        }
    }

    static void floatToFloat(final Column in, final int from, final MemorySegment out, final int to,
        final boolean checked)
    {
        boolean bad = false;
        for (int i = 0; i < in.count; i++)
        {
            final double v = readFloat(in.data, in.row(i), from);
            writeFloat(out, i, to, v);
            bad |= to == 4 && Float.isInfinite((float)v) && !Double.isInfinite(v);
        }
        if (bad && checked)
        {
            for (int i = 0; i < in.count; i++)
            {
                final long row = in.row(i);
                final double v = readFloat(in.data, row, from);
                if (in.isValid(row) && Float.isInfinite((float)v) && !Double.isInfinite(v))
                {
                    throw outOfRange(in, row, Double.toString(v), "float32");
                }
            }
        }
    }

    static void intToDecimal(final Column in, final int from, final MemorySegment out, final int precision,
        final int scale)
    {
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            putRescaled(in, row, readInt(in.data, row, from), scale, out, i, precision, scale);
        }
    }

    static void decimalToDecimal(final Column in, final int fromScale, final MemorySegment out,
        final int precision, final int scale)
    {
        final int shift = scale - fromScale;
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long low = Decimals.low(in.data, row);
            if (Decimals.high(in.data, row) == (low >> 63))
            {
                putRescaled(in, row, low, shift, out, i, precision, scale);
            }
            else
            {
                putBig(in, row, Decimals.rescale(Decimals.big(in.data, row), shift), out, i, precision, scale);
            }
        }
    }

    private static void putRescaled(final Column in, final long row, final long value, final int shift,
        final MemorySegment out, final long i, final int precision, final int scale)
    {
        if (shift >= -18 && shift <= 18)
        {
            final long rescaled = Decimals.rescale(value, shift);
            if (rescaled != Long.MIN_VALUE)
            {
                if (!Decimals.fits(rescaled, precision))
                {
                    throw precisionOverflow(in, row, BigDecimal.valueOf(rescaled, scale), precision, scale);
                }
                Decimals.put(out, i, rescaled);
                return;
            }
        }
        putBig(in, row, Decimals.rescale(BigInteger.valueOf(value), shift), out, i, precision, scale);
    }

    private static void putBig(final Column in, final long row, final BigInteger rescaled, final MemorySegment out,
        final long i, final int precision, final int scale)
    {
        if (!Decimals.fits(rescaled, precision))
        {
            throw precisionOverflow(in, row, new BigDecimal(rescaled, scale), precision, scale);
        }
        Decimals.put(out, i, rescaled);
    }

    static void decimalToFloat(final Column in, final int scale, final MemorySegment out, final int to)
    {
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long low = Decimals.low(in.data, row);
            final boolean small = Decimals.high(in.data, row) == (low >> 63);
            if (to == 8)
            {
                // Exact operands and one IEEE division: correctly rounded (Clinger's fast path).
                final double v = small && Math.abs(low) <= (1L << 53) && scale <= 22 ?
                    (double)low / TextParserPowers.DOUBLE[scale] :
                    new BigDecimal(Decimals.big(in.data, row), scale).doubleValue();
                out.set(Layouts.DOUBLE_UNALIGNED, (long)i << 3, v);
            }
            else
            {
                final float v = small && Math.abs(low) <= (1L << 24) && scale <= 10 ?
                    (float)low / TextParserPowers.FLOAT[scale] :
                    new BigDecimal(Decimals.big(in.data, row), scale).floatValue();
                out.set(Layouts.FLOAT_UNALIGNED, (long)i << 2, v);
            }
        }
    }

    static void decimalToInt(final Column in, final int scale, final MemorySegment out, final int to,
        final boolean checked)
    {
        final long min = minOf(to);
        final long max = maxOf(to);
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long low = Decimals.low(in.data, row);
            final long truncated;
            final boolean inRange;
            if (Decimals.high(in.data, row) == (low >> 63))
            {
                truncated = scale <= 18 ? low / Decimals.POW10[scale] : 0;
                inRange = truncated >= min && truncated <= max;
            }
            else
            {
                final BigInteger q = Decimals.big(in.data, row).divide(Decimals.BIG_POW10[scale]);
                truncated = q.longValue();
                inRange = q.bitLength() < 64 && truncated >= min && truncated <= max;
            }
            if (checked && !inRange)
            {
                throw outOfRange(in, row, new BigDecimal(Decimals.big(in.data, row), scale).toPlainString(),
                    "int" + (to << 3));
            }
            writeInt(out, i, to, truncated);
        }
    }

    static void floatToDecimal(final Column in, final int from, final MemorySegment out, final int precision,
        final int scale)
    {
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final double v = readFloat(in.data, row, from);
            if (Double.isNaN(v) || Double.isInfinite(v))
            {
                throw outOfRange(in, row, Double.toString(v), "decimal(" + precision + ", " + scale + ")");
            }
            final BigInteger unscaled = new BigDecimal(v).setScale(scale, RoundingMode.HALF_UP).unscaledValue();
            putBig(in, row, unscaled, out, i, precision, scale);
        }
    }

    static void parseInt(final Column in, final MemorySegment out, final int to)
    {
        final TextParser parser = new TextParser();
        final long min = minOf(to);
        final long max = maxOf(to);
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long start = in.start(row);
            final long end = in.end(row);
            final long v = parser.parseLong(in.data, start, end, min, max);
            if (parser.status != TextParser.OK)
            {
                throw parseError(in, row, start, end, parser.status, "int" + (to << 3));
            }
            writeInt(out, i, to, v);
        }
    }

    static void parseFloat(final Column in, final MemorySegment out, final int to)
    {
        final TextParser parser = new TextParser();
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long start = in.start(row);
            final long end = in.end(row);
            if (to == 4)
            {
                out.set(Layouts.FLOAT_UNALIGNED, (long)i << 2, parser.parseFloat(in.data, start, end));
            }
            else
            {
                out.set(Layouts.DOUBLE_UNALIGNED, (long)i << 3, parser.parseDouble(in.data, start, end));
            }
            if (parser.status != TextParser.OK)
            {
                throw parseError(in, row, start, end, parser.status, to == 4 ? "float32" : "float64");
            }
        }
    }

    static void parseDecimal(final Column in, final MemorySegment out, final int precision, final int scale)
    {
        final TextParser parser = new TextParser();
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                continue;
            }
            final long start = in.start(row);
            final long end = in.end(row);
            parser.parseDecimal(in.data, start, end, precision, scale, out, i);
            if (parser.status != TextParser.OK)
            {
                throw parseError(in, row, start, end, parser.status, "decimal(" + precision + ", " + scale + ")");
            }
        }
    }

    /** Formats ints ({@code kind 'i'}), floats ({@code 'f'}) or decimals ({@code 'd'}) into a utf8 vector. */
    static void format(final Column in, final char kind, final int width, final int scale, final VarCharVector out)
    {
        final TextFormatter formatter = new TextFormatter();
        for (int i = 0; i < in.count; i++)
        {
            final long row = in.row(i);
            if (!in.isValid(row))
            {
                out.setNull(i);
                continue;
            }
            switch (kind)
            {
                case 'i' -> formatter.formatLong(readInt(in.data, row, width));
                case 'f' -> formatter.copy(width == 4 ? Float.toString(in.data.get(Layouts.FLOAT_UNALIGNED, row << 2)) :
                    Double.toString(in.data.get(Layouts.DOUBLE_UNALIGNED, row << 3)));
                default ->
                {
                    final long low = Decimals.low(in.data, row);
                    if (Decimals.high(in.data, row) == (low >> 63))
                    {
                        formatter.formatDecimal(low, scale);
                    }
                    else
                    {
                        formatter.copy(new BigDecimal(Decimals.big(in.data, row), scale).toPlainString());
                    }
                }
            }
            out.setSafe(i, formatter.scratch, 0, formatter.length);
        }
    }

    private static DataException outOfRange(final Column in, final long row, final String value, final String target)
    {
        return new DataException("value " + value + " is out of range for " + target, in.name, row);
    }

    private static DataException precisionOverflow(final Column in, final long row, final BigDecimal value,
        final int precision, final int scale)
    {
        return new DataException("value " + value.toPlainString() + " does not fit decimal(" + precision + ", " +
            scale + ")", in.name, row);
    }

    private static DataException parseError(final Column in, final long row, final long start, final long end,
        final int status, final String target)
    {
        final String text = TextParser.text(in.data, start, end);
        return new DataException(status == TextParser.OUT_OF_RANGE ?
            "text '" + text + "' is out of range for " + target : "cannot parse '" + text + "' as " + target,
            in.name, row);
    }

    /** Exact powers of ten for the decimal-to-float fast path. */
    private static final class TextParserPowers
    {
        static final double[] DOUBLE = new double[23];
        static final float[] FLOAT = new float[11];

        static
        {
            for (int i = 0; i < DOUBLE.length; i++)
            {
                DOUBLE[i] = i == 0 ? 1 : DOUBLE[i - 1] * 10;
            }
            for (int i = 0; i < FLOAT.length; i++)
            {
                FLOAT[i] = i == 0 ? 1 : FLOAT[i - 1] * 10;
            }
        }

        private TextParserPowers()
        {
        }
    }
}
