package io.sabot.kernels.arith;

import java.math.BigInteger;

/**
 * A mutable signed 128-bit integer (two's complement, {@code hi:lo}) for decimal128 arithmetic without BigInteger.
 * Operations wrap modulo 2^128 like the hardware would, and also record in {@link #overflow} whether the exact result
 * left the signed 128-bit range, so WRAP and CHECK modes share one code path. One instance per kernel call; not
 * thread-safe.
 */
final class Int128
{
    /** {@code 10^k} for k = 0..38 as (hi, lo) pairs. */
    static final long[] POW10_HI = new long[39];
    static final long[] POW10_LO = new long[39];

    static
    {
        BigInteger p = BigInteger.ONE;
        for (int k = 0; k <= 38; k++)
        {
            POW10_LO[k] = p.longValue();
            POW10_HI[k] = p.shiftRight(64).longValue();
            p = p.multiply(BigInteger.TEN);
        }
    }

    long hi;
    long lo;
    boolean overflow;

    void set(final long hi, final long lo)
    {
        this.hi = hi;
        this.lo = lo;
        this.overflow = false;
    }

    void add(final long bh, final long bl)
    {
        final long rl = lo + bl;
        final long rh = hi + bh + (Long.compareUnsigned(rl, lo) < 0 ? 1 : 0);
        overflow |= ((hi ^ rh) & (bh ^ rh)) < 0;
        hi = rh;
        lo = rl;
    }

    void subtract(final long bh, final long bl)
    {
        final long rl = lo - bl;
        final long rh = hi - bh - (Long.compareUnsigned(lo, bl) < 0 ? 1 : 0);
        overflow |= ((hi ^ bh) & (hi ^ rh)) < 0;
        hi = rh;
        lo = rl;
    }

    void negate()
    {
        overflow |= hi == Long.MIN_VALUE && lo == 0;
        final long rl = -lo;
        hi = ~hi + (lo == 0 ? 1 : 0);
        lo = rl;
    }

    void multiplyPow10(final int k)
    {
        if (k != 0)
        {
            multiply(POW10_HI[k], POW10_LO[k]);
        }
    }

    void multiply(final long bh, final long bl)
    {
        final long ah = hi;
        final long al = lo;
        // wrapped product modulo 2^128
        final long rl = al * bl;
        final long rh = Math.unsignedMultiplyHigh(al, bl) + ah * bl + al * bh;
        overflow |= productOverflows(ah, al, bh, bl);
        hi = rh;
        lo = rl;
    }

    private static boolean productOverflows(final long ah, final long al, final long bh, final long bl)
    {
        final boolean negative = (ah ^ bh) < 0;
        long xh = ah;
        long xl = al;
        if (xh < 0)
        {
            xh = ~xh + (xl == 0 ? 1 : 0);
            xl = -xl;
        }
        long yh = bh;
        long yl = bl;
        if (yh < 0)
        {
            yh = ~yh + (yl == 0 ? 1 : 0);
            yl = -yl;
        }
        // unsigned magnitudes |x| = xh:xl, |y| = yh:yl (at most 2^127)
        if (xh != 0 && yh != 0)
        {
            return true;
        }
        final long bigH = xh != 0 ? xh : yh;
        final long bigL = xh != 0 ? xl : yl;
        final long small = xh != 0 ? yl : xl;
        if (Math.unsignedMultiplyHigh(bigH, small) != 0)
        {
            return true;
        }
        final long t = bigH * small;
        final long mh = Math.unsignedMultiplyHigh(bigL, small) + t;
        if (Long.compareUnsigned(mh, t) < 0)
        {
            return true;
        }
        if (mh < 0)
        {
            return !(negative && mh == Long.MIN_VALUE && bigL * small == 0);
        }
        return false;
    }

    /** @return whether {@code |hi:lo| < 10^precision}. */
    boolean fitsPrecision(final int precision)
    {
        return fits(hi, lo, precision);
    }

    static boolean fits(final long h, final long l, final int precision)
    {
        long mh = h;
        long ml = l;
        if (mh < 0)
        {
            mh = ~mh + (ml == 0 ? 1 : 0);
            ml = -ml;
            if (mh < 0)
            {
                return false; // -2^127
            }
        }
        final long ph = POW10_HI[precision];
        return mh < ph || (mh == ph && Long.compareUnsigned(ml, POW10_LO[precision]) < 0);
    }

    static BigInteger toBigInteger(final long h, final long l)
    {
        return BigInteger.valueOf(h).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(l)));
    }
}
