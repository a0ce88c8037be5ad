package io.sabot.kernels.cast;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

import io.sabot.simd.Layouts;

/**
 * decimal128 helpers: powers of ten and reading/writing the 16-byte little-endian two's-complement unscaled value.
 *
 * <pre>
 *   one decimal128 value (16 bytes, little-endian):
 *   +---------------------------+---------------------------+
 *   | low 64 bits               | high 64 bits (sign, ...)  |
 *   +---------------------------+---------------------------+
 *   a value "fits in a long" when high == low >> 63
 * </pre>
 *
 * <p>Thread-safety: immutable tables only. Values that fit in a long use long arithmetic; larger ones fall back to
 * {@link BigInteger}, which allocates, on that row only.
 */
final class Decimals
{
    /** The largest decimal128 precision. */
    static final int MAX_PRECISION = 38;
    /** 10^0 .. 10^18 as longs. */
    static final long[] POW10 = new long[19];
    /** 10^0 .. 10^76 as BigIntegers. */
    static final BigInteger[] BIG_POW10 = new BigInteger[77];

    static
    {
        long p = 1;
        for (int i = 0; i < POW10.length; i++)
        {
            POW10[i] = p;
            p *= 10;
        }
        for (int i = 0; i < BIG_POW10.length; i++)
        {
            BIG_POW10[i] = BigInteger.TEN.pow(i);
        }
    }

    private Decimals()
    {
    }

    static long low(final MemorySegment data, final long row)
    {
        return data.get(Layouts.LONG_UNALIGNED, row << 4);
    }

    static long high(final MemorySegment data, final long row)
    {
        return data.get(Layouts.LONG_UNALIGNED, (row << 4) + 8);
    }

    static BigInteger big(final MemorySegment data, final long row)
    {
        final long low = low(data, row);
        final long high = high(data, row);
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    static void put(final MemorySegment out, final long i, final long value)
    {
        out.set(Layouts.LONG_UNALIGNED, i << 4, value);
        out.set(Layouts.LONG_UNALIGNED, (i << 4) + 8, value >> 63);
    }

    /** Writes a value already checked to fit 38 digits. */
    static void put(final MemorySegment out, final long i, final BigInteger value)
    {
        out.set(Layouts.LONG_UNALIGNED, i << 4, value.longValue());
        out.set(Layouts.LONG_UNALIGNED, (i << 4) + 8, value.shiftRight(64).longValue());
    }

    static boolean fits(final long unscaled, final int precision)
    {
        return precision >= 19 || (unscaled < POW10[precision] && unscaled > -POW10[precision]);
    }

    static boolean fits(final BigInteger unscaled, final int precision)
    {
        return unscaled.abs().compareTo(BIG_POW10[precision]) < 0;
    }

    /**
     * Rescales by {@code 10^shift}: multiplies for {@code shift > 0}, divides rounding half away from zero
     * (BigDecimal's HALF_UP) for {@code shift < 0}.
     */
    static BigInteger rescale(final BigInteger value, final int shift)
    {
        if (shift >= 0)
        {
            return value.multiply(BIG_POW10[shift]);
        }
        final BigInteger[] qr = value.divideAndRemainder(BIG_POW10[-shift]);
        if (qr[1].abs().shiftLeft(1).compareTo(BIG_POW10[-shift]) >= 0)
        {
            return qr[0].add(BigInteger.valueOf(value.signum()));
        }
        return qr[0];
    }

    /**
     * Long form of {@link #rescale(BigInteger, int)} for {@code |shift| <= 18}.
     *
     * @return the rescaled value, or {@code Long.MIN_VALUE} when it does not fit in a long (caller then uses
     *         BigInteger); {@code Long.MIN_VALUE} itself is never a valid 38-digit-checked result of this path.
     */
    static long rescale(final long value, final int shift)
    {
        if (shift >= 0)
        {
            final long factor = POW10[shift];
            final long high = Math.multiplyHigh(value, factor);
            final long low = value * factor;
            return high == (low >> 63) && low != Long.MIN_VALUE ? low : Long.MIN_VALUE;
        }
        final long divisor = POW10[-shift];
        final long q = value / divisor;
        final long r = value % divisor;
        final long absR = Math.abs(r);
        return absR >= divisor - absR ? q + Long.signum(value) : q;
    }
}
