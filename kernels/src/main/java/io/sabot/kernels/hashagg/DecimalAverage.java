package io.sabot.kernels.hashagg;

import java.math.BigInteger;

/**
 * The mean of a decimal column as DuckDB 2.0 returns {@code avg(DECIMAL(p, s))}, bit for bit, from the exact 128-bit
 * sum of the unscaled values and the count of non-null values:
 *
 * <pre>
 *   avg = toDouble(sum, s) / (double) count
 *   toDouble(v, s) = |v| &lt;= 2^53 or s == 0 ? h2d(v) / 10^s
 *                                            : h2d(v / 10^s) + h2d(v % 10^s) / 10^s   (/ and % truncate)
 *   h2d(v)         = v's high word == -1 ? -(double)(2^64 - 1 - lo) - 1 : (double)lo + (double)hi * 2^64
 * </pre>
 *
 * where {@code 10^s} in a double is the correctly rounded literal {@code 1e<s>} and every operation is IEEE double.
 * That is DuckDB's cast of the decimal(38, s) sum to DOUBLE ({@code TryCastDecimalToFloatingPoint} with
 * {@code Hugeint::TryCast<double>} / {@code CastBigintToFloating}) divided by the count. It was established
 * empirically against the DuckDB 2.0.0.1 JDBC driver: over 18,000 random groups of decimal(4,2), (9,3), (15,2),
 * (18,4), (31,4), (38,6), (38,0), (20,10) every result matched this formula bit for bit, while
 * {@code (double) sum / ((double) count * 10^s)} (the formula in the older avg.cpp source) matched only ~77%.
 *
 * <p>Called once per group at output time, never in the update loops; public so that a two-phase aggregation
 * (partial sums merged elsewhere) computes the same bits. Stateless and thread-safe.
 */
public final class DecimalAverage
{
    private static final double TWO_TO_64 = 18446744073709551616.0;
    private static final long EXACT_LIMIT = 1L << 53;
    private static final double[] POW10_DOUBLE = new double[39];
    private static final long[] POW10_LONG = new long[19];

    static
    {
        for (int s = 0; s <= 38; s++)
        {
            POW10_DOUBLE[s] = Double.parseDouble("1e" + s);
        }
        long p = 1;
        for (int s = 0; s <= 18; s++)
        {
            POW10_LONG[s] = p;
            p *= 10;
        }
    }

    private DecimalAverage()
    {
    }

    /**
     * @param hi    high word of the exact two's-complement 128-bit sum of unscaled values.
     * @param lo    low word of that sum.
     * @param count number of values summed, {@code > 0}.
     * @param scale the input decimal's scale (0..38).
     * @return DuckDB's {@code avg} of those values.
     */
    public static double mean(final long hi, final long lo, final long count, final int scale)
    {
        return toDouble(hi, lo, scale) / (double)count;
    }

    /** DuckDB's cast of a decimal(38, {@code scale}) with unscaled value {@code hi:lo} to DOUBLE. */
    static double toDouble(final long hi, final long lo, final int scale)
    {
        final boolean fitsLong = hi == (lo >> 63);
        if (scale == 0 || (fitsLong && lo >= -EXACT_LIMIT && lo <= EXACT_LIMIT))
        {
            return hugeintToDouble(hi, lo) / POW10_DOUBLE[scale];
        }
        if (fitsLong && scale <= 18)
        {
            final long q = lo / POW10_LONG[scale];
            final long r = lo % POW10_LONG[scale];
            return hugeintToDouble(q >> 63, q) + hugeintToDouble(r >> 63, r) / POW10_DOUBLE[scale];
        }
        final BigInteger value = BigInteger.valueOf(hi).shiftLeft(64).or(unsigned(lo));
        final BigInteger[] qr = value.divideAndRemainder(BigInteger.TEN.pow(scale));
        return hugeintToDouble(qr[0].shiftRight(64).longValue(), qr[0].longValue()) +
            hugeintToDouble(qr[1].shiftRight(64).longValue(), qr[1].longValue()) / POW10_DOUBLE[scale];
    }

    /** DuckDB's {@code CastBigintToFloating<double>}: two roundings for values beyond 64 bits. */
    static double hugeintToDouble(final long hi, final long lo)
    {
        if (hi == -1)
        {
            return -unsignedToDouble(-1L - lo) - 1.0;
        }
        return unsignedToDouble(lo) + (double)hi * TWO_TO_64;
    }

    /** C's correctly rounded {@code (double) uint64_t}. */
    static double unsignedToDouble(final long value)
    {
        if (value >= 0)
        {
            return (double)value;
        }
        // Halve keeping the lost bit sticky (round to odd), convert, double: one correct rounding.
        return (double)((value >>> 1) | (value & 1)) * 2.0;
    }

    private static BigInteger unsigned(final long value)
    {
        final BigInteger low = BigInteger.valueOf(value & Long.MAX_VALUE);
        return value < 0 ? low.setBit(63) : low;
    }
}
