package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;

import io.sabot.common.DataException;
import io.sabot.kernels.Rows;
import io.sabot.simd.Layouts;

/**
 * Decimal128 arithmetic on unscaled values. Results of precision <= 18 are computed as scaled 64-bit integers;
 * wider results in 128-bit two-long arithmetic ({@link Int128}); only decimal division with a result precision above
 * 18 uses BigInteger, per row. Operands are rescaled to the result scale (add/subtract), multiplied exactly
 * (multiply), or the dividend is scaled up by {@code 10^(s - s1 + s2)} before a truncating division (divide).
 *
 * <pre>
 *   decimal128 value (16 bytes, little-endian two's complement):  | lo: bits 0..63 | hi: bits 64..127 |
 * </pre>
 *
 * In CHECK mode a non-null row whose result does not fit the result precision raises {@link DataException}; in WRAP
 * mode no precision check is made and results wrap modulo 2^64 (precision <= 18) or 2^128. Division by zero raises in
 * both modes. Stateless.
 */
final class DecimalKernels
{
    static final long[] POW10 = new long[19];

    static
    {
        long p = 1;
        for (int k = 0; k < POW10.length; k++)
        {
            POW10[k] = p;
            p *= 10;
        }
    }

    private DecimalKernels()
    {
    }

    private static long lo(final Operand o, final int row)
    {
        return o.isScalar() ? o.longValue : o.data.get(Layouts.LONG_UNALIGNED, (long)row << 4);
    }

    private static long hi(final Operand o, final int row)
    {
        return o.isScalar() ? o.highValue : o.data.get(Layouts.LONG_UNALIGNED, ((long)row << 4) + 8);
    }

    private static void write(final MemorySegment out, final int i, final long hi, final long lo)
    {
        out.set(Layouts.LONG_UNALIGNED, (long)i << 4, lo);
        out.set(Layouts.LONG_UNALIGNED, ((long)i << 4) + 8, hi);
    }

    static void binary(final BinaryOp op, final Overflow mode, final Operand l, final Operand r, final Rows rows,
        final int n, final MemorySegment out, final NumType outType)
    {
        if (outType.precision() <= 18)
        {
            narrow(op, mode == Overflow.CHECK, l, r, rows, n, out, outType);
        }
        else
        {
            wide(op, mode == Overflow.CHECK, l, r, rows, n, out, outType);
        }
    }

    private static void narrow(final BinaryOp op, final boolean check, final Operand l, final Operand r,
        final Rows rows, final int n, final MemorySegment out, final NumType t)
    {
        final int s = t.scale();
        final long ka;
        final long kb;
        switch (op)
        {
            case ADD, SUBTRACT ->
            {
                ka = POW10[s - l.type.scale()];
                kb = POW10[s - r.type.scale()];
            }
            case DIVIDE ->
            {
                ka = POW10[s - l.type.scale() + r.type.scale()];
                kb = 1;
            }
            default ->
            {
                ka = 1;
                kb = 1;
            }
        }
        final long limit = POW10[t.precision()];
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long x = lo(l, row);
            final long y = lo(r, row);
            long res;
            boolean bad = false;
            switch (op)
            {
                case ADD, SUBTRACT ->
                {
                    final long xa = x * ka;
                    final long yb = y * kb;
                    bad = Math.multiplyHigh(x, ka) != (xa >> 63) || Math.multiplyHigh(y, kb) != (yb >> 63);
                    if (op == BinaryOp.ADD)
                    {
                        res = xa + yb;
                        bad |= ((xa ^ res) & (yb ^ res)) < 0;
                    }
                    else
                    {
                        res = xa - yb;
                        bad |= ((xa ^ yb) & (xa ^ res)) < 0;
                    }
                }
                case MULTIPLY ->
                {
                    res = x * y;
                    bad = Math.multiplyHigh(x, y) != (res >> 63);
                }
                default ->
                {
                    if (y == 0)
                    {
                        checkDivisor(l, r, row);
                        res = 0;
                    }
                    else
                    {
                        final long xa = x * ka;
                        bad = Math.multiplyHigh(x, ka) != (xa >> 63);
                        res = xa / y;
                    }
                }
            }
            write(out, i, res >> 63, res);
            if (check)
            {
                // inputs beyond 64 bits exceed their declared precision; the 64-bit path cannot hold them
                bad |= hi(l, row) != (x >> 63) | hi(r, row) != (y >> 63) | res >= limit | res <= -limit;
                if (bad && l.valid(row) && r.valid(row))
                {
                    throw overflow(op, l, r, row, t);
                }
            }
        }
    }

    private static void wide(final BinaryOp op, final boolean check, final Operand l, final Operand r,
        final Rows rows, final int n, final MemorySegment out, final NumType t)
    {
        if (op == BinaryOp.DIVIDE)
        {
            wideDivide(check, l, r, rows, n, out, t);
            return;
        }
        final int s = t.scale();
        final int ka = op == BinaryOp.MULTIPLY ? 0 : s - l.type.scale();
        final int kb = op == BinaryOp.MULTIPLY ? 0 : s - r.type.scale();
        final Scratch scratch = Scratch.get();
        final Int128 acc = scratch.acc;
        final Int128 other = scratch.other;
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            acc.set(hi(l, row), lo(l, row));
            if (op == BinaryOp.MULTIPLY)
            {
                acc.multiply(hi(r, row), lo(r, row));
            }
            else
            {
                acc.multiplyPow10(ka);
                other.set(hi(r, row), lo(r, row));
                other.multiplyPow10(kb);
                if (op == BinaryOp.ADD)
                {
                    acc.add(other.hi, other.lo);
                }
                else
                {
                    acc.subtract(other.hi, other.lo);
                }
                acc.overflow |= other.overflow;
            }
            write(out, i, acc.hi, acc.lo);
            if (check && (acc.overflow || !acc.fitsPrecision(t.precision())) && l.valid(row) && r.valid(row))
            {
                throw overflow(op, l, r, row, t);
            }
        }
    }

    private static void wideDivide(final boolean check, final Operand l, final Operand r, final Rows rows,
        final int n, final MemorySegment out, final NumType t)
    {
        final BigInteger scaleUp = BigInteger.TEN.pow(t.scale() - l.type.scale() + r.type.scale());
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long yh = hi(r, row);
            final long yl = lo(r, row);
            if (yh == 0 && yl == 0)
            {
                checkDivisor(l, r, row);
                write(out, i, 0, 0);
                continue;
            }
            final BigInteger q = Int128.toBigInteger(hi(l, row), lo(l, row)).multiply(scaleUp)
                .divide(Int128.toBigInteger(yh, yl));
            final long qh = q.shiftRight(64).longValue();
            final long ql = q.longValue();
            write(out, i, qh, ql);
            if (check && (q.bitLength() > 127 || !Int128.fits(qh, ql, t.precision())) && l.valid(row) &&
                r.valid(row))
            {
                throw overflow(BinaryOp.DIVIDE, l, r, row, t);
            }
        }
    }

    private static void checkDivisor(final Operand l, final Operand r, final int row)
    {
        if (l.valid(row) && r.valid(row))
        {
            throw new DataException("decimal division by zero in " + l.quoted() + " / " + r.quoted(),
                r.isScalar() ? l.name : r.name, row);
        }
    }

    private static DataException overflow(final BinaryOp op, final Operand l, final Operand r, final int row,
        final NumType t)
    {
        return new DataException("decimal overflow in " + op.label + ": result of " + l.quoted() + " " + op.symbol +
            " " + r.quoted() + " does not fit " + t, l.isScalar() ? r.name : l.name, row);
    }

    static void unary(final boolean abs, final Operand in, final Rows rows, final int n, final MemorySegment out)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long h = hi(in, row);
            final long l = lo(in, row);
            if (abs && h >= 0)
            {
                write(out, i, h, l);
            }
            else
            {
                write(out, i, ~h + (l == 0 ? 1 : 0), -l);
            }
        }
    }
}
