package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;

import io.sabot.common.DataException;
import io.sabot.kernels.Rows;
import io.sabot.simd.Arith;
import io.sabot.simd.Layouts;

/**
 * Integer (and date/timestamp) arithmetic over operand buffers. Contiguous same-width int32/int64 add, subtract,
 * multiply, negate and abs run on {@link Arith}; everything else (selections, int8/int16, mixed widths, division)
 * runs the row loop, which computes in 64 bits and narrows to the output width. In CHECK mode the SIMD kernels only
 * raise a flag; the row loop then recomputes and names the first non-null overflowing row, so values under nulls
 * never cause an error. Stateless.
 */
final class IntegerKernels
{
    private IntegerKernels()
    {
    }

    static boolean fits(final long value, final int width)
    {
        return switch (width)
        {
            case 1 -> value == (byte)value;
            case 2 -> value == (short)value;
            case 4 -> value == (int)value;
            default -> true;
        };
    }

    static long read(final MemorySegment data, final int width, final long row)
    {
        return switch (width)
        {
            case 1 -> data.get(Layouts.BYTE, row);
            case 2 -> data.get(Layouts.SHORT_UNALIGNED, row << 1);
            case 4 -> data.get(Layouts.INT_UNALIGNED, row << 2);
            default -> data.get(Layouts.LONG_UNALIGNED, row << 3);
        };
    }

    static void write(final MemorySegment data, final int width, final long index, final long value)
    {
        switch (width)
        {
            case 1 -> data.set(Layouts.BYTE, index, (byte)value);
            case 2 -> data.set(Layouts.SHORT_UNALIGNED, index << 1, (short)value);
            case 4 -> data.set(Layouts.INT_UNALIGNED, index << 2, (int)value);
            default -> data.set(Layouts.LONG_UNALIGNED, index << 3, value);
        }
    }

    static void binary(final BinaryOp op, final Overflow mode, final Operand l, final Operand r, final Rows rows,
        final int n, final MemorySegment out, final NumType outType)
    {
        final int w = outType.width();
        if (rows.isContiguous() && op != BinaryOp.DIVIDE && (w == 4 || w == 8) &&
            (l.isScalar() || l.type.width() == w) && (r.isScalar() || r.type.width() == w))
        {
            final boolean flagged = w == 8 ? simd64(op, mode == Overflow.CHECK, l, r, rows.offset(), out, n) :
                simd32(op, mode == Overflow.CHECK, l, r, rows.offset(), out, n);
            if (!flagged)
            {
                return;
            }
        }
        loop(op, mode, l, r, rows, n, out, outType);
    }

    private static boolean simd64(final BinaryOp op, final boolean check, final Operand l, final Operand r,
        final long off, final MemorySegment out, final int n)
    {
        if (l.isScalar() && op != BinaryOp.SUBTRACT)
        {
            return simd64(op, check, r, l, off, out, n); // add and multiply commute
        }
        if (l.isScalar())
        {
            if (check)
            {
                return Arith.subI64Checked(l.longValue, r.data, off, out, 0, n);
            }
            Arith.subI64(l.longValue, r.data, off, out, 0, n);
            return false;
        }
        if (r.isScalar())
        {
            final long c = r.longValue;
            switch (op)
            {
                case ADD:
                    if (check)
                    {
                        return Arith.addI64Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.addI64(l.data, off, c, out, 0, n);
                    return false;
                case SUBTRACT:
                    if (check)
                    {
                        return Arith.subI64Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.subI64(l.data, off, c, out, 0, n);
                    return false;
                default:
                    if (check)
                    {
                        return Arith.mulI64Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.mulI64(l.data, off, c, out, 0, n);
                    return false;
            }
        }
        switch (op)
        {
            case ADD:
                if (check)
                {
                    return Arith.addI64Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.addI64(l.data, off, r.data, off, out, 0, n);
                return false;
            case SUBTRACT:
                if (check)
                {
                    return Arith.subI64Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.subI64(l.data, off, r.data, off, out, 0, n);
                return false;
            default:
                if (check)
                {
                    return Arith.mulI64Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.mulI64(l.data, off, r.data, off, out, 0, n);
                return false;
        }
    }

    private static boolean simd32(final BinaryOp op, final boolean check, final Operand l, final Operand r,
        final long off, final MemorySegment out, final int n)
    {
        if (l.isScalar() && op != BinaryOp.SUBTRACT)
        {
            return simd32(op, check, r, l, off, out, n);
        }
        if (l.isScalar())
        {
            if (check)
            {
                return Arith.subI32Checked((int)l.longValue, r.data, off, out, 0, n);
            }
            Arith.subI32((int)l.longValue, r.data, off, out, 0, n);
            return false;
        }
        if (r.isScalar())
        {
            final int c = (int)r.longValue;
            switch (op)
            {
                case ADD:
                    if (check)
                    {
                        return Arith.addI32Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.addI32(l.data, off, c, out, 0, n);
                    return false;
                case SUBTRACT:
                    if (check)
                    {
                        return Arith.subI32Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.subI32(l.data, off, c, out, 0, n);
                    return false;
                default:
                    if (check)
                    {
                        return Arith.mulI32Checked(l.data, off, c, out, 0, n);
                    }
                    Arith.mulI32(l.data, off, c, out, 0, n);
                    return false;
            }
        }
        switch (op)
        {
            case ADD:
                if (check)
                {
                    return Arith.addI32Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.addI32(l.data, off, r.data, off, out, 0, n);
                return false;
            case SUBTRACT:
                if (check)
                {
                    return Arith.subI32Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.subI32(l.data, off, r.data, off, out, 0, n);
                return false;
            default:
                if (check)
                {
                    return Arith.mulI32Checked(l.data, off, r.data, off, out, 0, n);
                }
                Arith.mulI32(l.data, off, r.data, off, out, 0, n);
                return false;
        }
    }

    /**
     * The row loop: computes every row in 64 bits (exact for narrower inputs), narrows to the output width, and in
     * CHECK mode throws at the first non-null row that overflows. Division by zero throws in both modes.
     */
    static void loop(final BinaryOp op, final Overflow mode, final Operand l, final Operand r, final Rows rows,
        final int n, final MemorySegment out, final NumType outType)
    {
        final int w = outType.width();
        final boolean check = mode == Overflow.CHECK;
        final boolean lScalar = l.isScalar();
        final boolean rScalar = r.isScalar();
        final int lw = l.type.width();
        final int rw = r.type.width();
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long x = lScalar ? l.longValue : read(l.data, lw, row);
            final long y = rScalar ? r.longValue : read(r.data, rw, row);
            long res;
            boolean bad;
            switch (op)
            {
                case ADD:
                    res = x + y;
                    bad = ((x ^ res) & (y ^ res)) < 0;
                    break;
                case SUBTRACT:
                    res = x - y;
                    bad = ((x ^ y) & (x ^ res)) < 0;
                    break;
                case MULTIPLY:
                    res = x * y;
                    bad = Math.multiplyHigh(x, y) != (res >> 63);
                    break;
                default:
                    if (y == 0)
                    {
                        if (l.valid(row) && r.valid(row))
                        {
                            throw new DataException("integer division by zero in " + l.quoted() + " / " +
                                r.quoted(), rScalar ? l.name : r.name, row);
                        }
                        res = 0;
                        bad = false;
                    }
                    else
                    {
                        res = x / y; // Long.MIN_VALUE / -1 wraps to Long.MIN_VALUE
                        bad = x == Long.MIN_VALUE && y == -1;
                    }
                    break;
            }
            bad |= !fits(res, w);
            write(out, w, i, res);
            if (bad && check && l.valid(row) && r.valid(row))
            {
                throw new DataException(outType + " overflow in " + op.label + ": " + x + " " + op.symbol + " " + y +
                    " (" + l.quoted() + " " + op.symbol + " " + r.quoted() + ")", lScalar ? r.name : l.name, row);
            }
        }
    }

    static void unary(final boolean abs, final Overflow mode, final Operand in, final Rows rows, final int n,
        final MemorySegment out)
    {
        final int w = in.type.width();
        final boolean check = mode == Overflow.CHECK;
        if (rows.isContiguous() && (w == 4 || w == 8))
        {
            final long off = rows.offset();
            final boolean flagged;
            if (w == 8)
            {
                flagged = abs ? (check ? Arith.absI64Checked(in.data, off, out, 0, n) : absI64(in, off, out, n)) :
                    (check ? Arith.negI64Checked(in.data, off, out, 0, n) : negI64(in, off, out, n));
            }
            else
            {
                flagged = abs ? (check ? Arith.absI32Checked(in.data, off, out, 0, n) : absI32(in, off, out, n)) :
                    (check ? Arith.negI32Checked(in.data, off, out, 0, n) : negI32(in, off, out, n));
            }
            if (!flagged)
            {
                return;
            }
        }
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long x = read(in.data, w, row);
            final long res = abs ? Math.abs(x) : -x;
            write(out, w, i, res);
            if (check && (x == Long.MIN_VALUE || !fits(res, w)) && in.valid(row))
            {
                throw new DataException(in.type + " overflow in " + (abs ? "abs" : "negate") + " of " + x, in.name,
                    row);
            }
        }
    }

    private static boolean absI64(final Operand in, final long off, final MemorySegment out, final int n)
    {
        Arith.absI64(in.data, off, out, 0, n);
        return false;
    }

    private static boolean negI64(final Operand in, final long off, final MemorySegment out, final int n)
    {
        Arith.negI64(in.data, off, out, 0, n);
        return false;
    }

    private static boolean absI32(final Operand in, final long off, final MemorySegment out, final int n)
    {
        Arith.absI32(in.data, off, out, 0, n);
        return false;
    }

    private static boolean negI32(final Operand in, final long off, final MemorySegment out, final int n)
    {
        Arith.negI32(in.data, off, out, 0, n);
        return false;
    }
}
