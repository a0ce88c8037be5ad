package io.sabot.kernels.cast;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

import io.sabot.simd.Layouts;

/**
 * Parses numbers straight from UTF-8 bytes in native memory, reporting failure through {@link #status} instead of
 * exceptions so the calling loop stays exception-free.
 *
 * <p>Grammar (ASCII only; no whitespace anywhere, no thousands separators, no hex):
 * <pre>
 *   integer : [+-]? digit+
 *   float   : [+-]? (digit+ ('.' digit*)? | '.' digit+) ([eE] [+-]? digit+)?
 *           | [+-]? ("nan" | "inf" | "infinity")          (case-insensitive)
 *   decimal : [+-]? (digit+ ('.' digit*)? | '.' digit+) ([eE] [+-]? digit+)?
 * </pre>
 * Integers never create a String. Floats take a correctly rounded fast path (at most 15 significant digits and a
 * power of ten up to 22, Clinger's exact case) and otherwise hand the validated ASCII to {@link Double#parseDouble}
 * (or {@link Float#parseFloat}); a finite literal that rounds to infinity is {@link #OUT_OF_RANGE}. Decimals with at
 * most 18 digits use long arithmetic, longer ones {@link BigDecimal}; extra fraction digits round half away from
 * zero.
 *
 * <p>Thread-safety: not thread-safe (holds the last status); one instance per cast call.
 */
final class TextParser
{
    static final int OK = 0;
    static final int BAD_TEXT = 1;
    static final int OUT_OF_RANGE = 2;

    private static final double[] DOUBLE_POW10 = new double[23];
    private static final float[] FLOAT_POW10 = new float[11];

    static
    {
        double d = 1;
        for (int i = 0; i < DOUBLE_POW10.length; i++)
        {
            DOUBLE_POW10[i] = d;
            d *= 10;
        }
        float f = 1;
        for (int i = 0; i < FLOAT_POW10.length; i++)
        {
            FLOAT_POW10[i] = f;
            f *= 10;
        }
    }

    /** Outcome of the last parse: {@link #OK}, {@link #BAD_TEXT} or {@link #OUT_OF_RANGE}. */
    int status;

    // Scratch results of scanNumber().
    private long mantissa;
    private int digits;
    private int exponent;
    private boolean negative;

    /**
     * Parses {@code [+-]? digit+}. Leading zeros are skipped; runs of eight digits are validated and converted a
     * 64-bit word at a time (SWAR, as in fast_float's {@code parse_eight_digits_unrolled}); at most 19 significant
     * digits are accumulated as an unsigned value, which cannot wrap, and compared with the signed limit once.
     *
     * @return the integer in bytes {@code [start, end)} if it lies in {@code [min, max]}; check {@link #status}.
     */
    long parseLong(final MemorySegment data, final long start, final long end, final long min, final long max)
    {
        status = OK;
        long i = start;
        if (i == end)
        {
            status = BAD_TEXT;
            return 0;
        }
        final byte first = data.get(Layouts.BYTE, i);
        final boolean minus = first == '-';
        if (minus || first == '+')
        {
            i++;
            if (i == end)
            {
                status = BAD_TEXT;
                return 0;
            }
        }
        while (i < end && data.get(Layouts.BYTE, i) == '0')
        {
            i++;
        }
        if (end - i > 19)
        {
            status = allDigits(data, i, end) ? OUT_OF_RANGE : BAD_TEXT;
            return 0;
        }
        long acc = 0;
        for (; end - i >= 8; i += 8)
        {
            final long word = data.get(Layouts.LONG_UNALIGNED, i);
            if (!isEightDigits(word))
            {
                status = BAD_TEXT;
                return 0;
            }
            acc = acc * 100_000_000L + eightDigits(word);
        }
        for (; i < end; i++)
        {
            final int digit = data.get(Layouts.BYTE, i) - '0';
            if (digit < 0 || digit > 9)
            {
                status = BAD_TEXT;
                return 0;
            }
            acc = acc * 10 + digit;
        }
        // acc < 10^19 < 2^64 read as unsigned; the magnitude limit is 2^63 for negatives, 2^63 - 1 otherwise.
        if (Long.compareUnsigned(acc, minus ? Long.MIN_VALUE : Long.MAX_VALUE) > 0)
        {
            status = OUT_OF_RANGE;
            return 0;
        }
        final long value = minus ? -acc : acc;
        if (value < min || value > max)
        {
            status = OUT_OF_RANGE;
        }
        return value;
    }

    /** @return whether all eight little-endian bytes of {@code word} are ASCII digits. */
    static boolean isEightDigits(final long word)
    {
        return ((word & 0xF0F0F0F0F0F0F0F0L) | (((word + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) ==
            0x3333333333333333L;
    }

    /** @return the value of eight ASCII digits, the first in the lowest byte. */
    static long eightDigits(final long word)
    {
        long v = word - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        v = (((v & 0x000000FF000000FFL) * 0x000F424000000064L) +
            (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
        return v & 0xFFFF_FFFFL;
    }

    private static boolean allDigits(final MemorySegment data, final long from, final long end)
    {
        for (long i = from; i < end; i++)
        {
            final byte b = data.get(Layouts.BYTE, i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    /** @return the float64 in bytes {@code [start, end)}; check {@link #status}. */
    double parseDouble(final MemorySegment data, final long start, final long end)
    {
        status = OK;
        final int special = special(data, start, end);
        if (special != 0)
        {
            return special == 1 ? Double.NaN : negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!scanNumber(data, start, end))
        {
            status = BAD_TEXT;
            return 0;
        }
        if (digits <= 15 && exponent >= -22 && exponent <= 22)
        {
            final double m = mantissa;
            final double v = exponent >= 0 ? m * DOUBLE_POW10[exponent] : m / DOUBLE_POW10[-exponent];
            return negative ? -v : v;
        }
        final double v = Double.parseDouble(ascii(data, start, end));
        if (Double.isInfinite(v))
        {
            status = OUT_OF_RANGE;
        }
        return v;
    }

    /** @return the float32 in bytes {@code [start, end)}, correctly rounded; check {@link #status}. */
    float parseFloat(final MemorySegment data, final long start, final long end)
    {
        status = OK;
        final int special = special(data, start, end);
        if (special != 0)
        {
            return special == 1 ? Float.NaN : negative ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        }
        if (!scanNumber(data, start, end))
        {
            status = BAD_TEXT;
            return 0;
        }
        if (digits <= 7 && exponent >= -10 && exponent <= 10)
        {
            final float m = mantissa;
            final float v = exponent >= 0 ? m * FLOAT_POW10[exponent] : m / FLOAT_POW10[-exponent];
            return negative ? -v : v;
        }
        final float v = Float.parseFloat(ascii(data, start, end));
        if (Float.isInfinite(v))
        {
            status = OUT_OF_RANGE;
        }
        return v;
    }

    /**
     * Parses a decimal and writes its unscaled value at {@code scale} into element {@code index} of {@code out};
     * check {@link #status}.
     */
    void parseDecimal(final MemorySegment data, final long start, final long end, final int precision,
        final int scale, final MemorySegment out, final long index)
    {
        status = OK;
        if (!scanNumber(data, start, end))
        {
            status = BAD_TEXT;
            return;
        }
        final int shift = scale + exponent;
        if (shift < -19)
        {
            // Fewer than 19 significant digits below 10^-19 of the unit: rounds to zero (and avoids a huge
            // BigDecimal exponent).
            Decimals.put(out, index, 0L);
            return;
        }
        if (digits <= 18 && shift >= -18 && shift <= 18)
        {
            final long rescaled = Decimals.rescale(negative ? -mantissa : mantissa, shift);
            if (rescaled != Long.MIN_VALUE)
            {
                if (!Decimals.fits(rescaled, precision))
                {
                    status = OUT_OF_RANGE;
                    return;
                }
                Decimals.put(out, index, rescaled);
                return;
            }
        }
        if (shift > 2 * Decimals.MAX_PRECISION && digits > 0)
        {
            status = OUT_OF_RANGE;
            return;
        }
        final BigInteger unscaled = new BigDecimal(ascii(data, start, end)).setScale(scale, RoundingMode.HALF_UP)
            .unscaledValue();
        if (!Decimals.fits(unscaled, precision))
        {
            status = OUT_OF_RANGE;
            return;
        }
        Decimals.put(out, index, unscaled);
    }

    /**
     * Validates the decimal/float grammar and collects up to 19 significant digits into {@link #mantissa},
     * their count into {@link #digits} (more than 18 means "too long for the fast paths") and the power of ten
     * into {@link #exponent}.
     */
    private boolean scanNumber(final MemorySegment data, final long start, final long end)
    {
        long i = start;
        negative = false;
        if (i < end)
        {
            final byte first = data.get(Layouts.BYTE, i);
            if (first == '-' || first == '+')
            {
                negative = first == '-';
                i++;
            }
        }
        long m = 0;
        int significant = 0;
        int exp = 0;
        int seen = 0;
        boolean point = false;
        for (; i < end; i++)
        {
            final byte b = data.get(Layouts.BYTE, i);
            if (b >= '0' && b <= '9')
            {
                seen++;
                if (significant == 0 && b == '0')
                {
                    exp -= point ? 1 : 0;
                    continue;
                }
                if (significant < 19)
                {
                    m = m * 10 + (b - '0');
                    exp -= point ? 1 : 0;
                }
                else
                {
                    exp += point ? 0 : 1;
                }
                significant++;
            }
            else if (b == '.' && !point)
            {
                point = true;
            }
            else
            {
                break;
            }
        }
        if (seen == 0)
        {
            return false;
        }
        if (i < end)
        {
            final byte e = data.get(Layouts.BYTE, i);
            if (e != 'e' && e != 'E')
            {
                return false;
            }
            i++;
            boolean expNegative = false;
            if (i < end && (data.get(Layouts.BYTE, i) == '-' || data.get(Layouts.BYTE, i) == '+'))
            {
                expNegative = data.get(Layouts.BYTE, i) == '-';
                i++;
            }
            if (i == end)
            {
                return false;
            }
            int written = 0;
            for (; i < end; i++)
            {
                final int digit = data.get(Layouts.BYTE, i) - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }
                // Saturate: anything past 10^6 is out of range (or zero) for every target anyway.
                written = Math.min(written * 10 + digit, 1_000_000);
            }
            exp += expNegative ? -written : written;
        }
        mantissa = m;
        digits = significant;
        exponent = significant == 0 ? 0 : exp;
        return true;
    }

    /** @return 1 for NaN, 2 for infinity (sign in {@link #negative}), 0 for neither. */
    private int special(final MemorySegment data, final long start, final long end)
    {
        long i = start;
        negative = false;
        if (i < end)
        {
            final byte first = data.get(Layouts.BYTE, i);
            if (first == '-' || first == '+')
            {
                negative = first == '-';
                i++;
            }
        }
        final long length = end - i;
        if (length == 3 && matches(data, i, "nan"))
        {
            return 1;
        }
        if ((length == 3 && matches(data, i, "inf")) || (length == 8 && matches(data, i, "infinity")))
        {
            return 2;
        }
        return 0;
    }

    private static boolean matches(final MemorySegment data, final long at, final String lower)
    {
        for (int k = 0; k < lower.length(); k++)
        {
            if ((data.get(Layouts.BYTE, at + k) | 0x20) != lower.charAt(k))
            {
                return false;
            }
        }
        return true;
    }

    /** Copies validated ASCII bytes into a String for the JDK slow paths. */
    static String ascii(final MemorySegment data, final long start, final long end)
    {
        final byte[] bytes = new byte[(int)(end - start)];
        MemorySegment.copy(data, Layouts.BYTE, start, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The raw text of a value for an error message (decoded as UTF-8, shortened past 64 bytes). */
    static String text(final MemorySegment data, final long start, final long end)
    {
        final long shown = Math.min(end - start, 64);
        final byte[] bytes = new byte[(int)shown];
        MemorySegment.copy(data, Layouts.BYTE, start, bytes, 0, bytes.length);
        return new String(bytes, StandardCharsets.UTF_8) + (shown < end - start ? "..." : "");
    }
}
