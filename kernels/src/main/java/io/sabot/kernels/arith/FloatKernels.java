package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.Rows;
import io.sabot.simd.Arith;
import io.sabot.simd.Layouts;

/**
 * Float32/float64 arithmetic over operand buffers, IEEE 754 throughout (no errors, so values under nulls are simply
 * computed). Contiguous same-width rows run on {@link Arith}; selections and mixed float32/float64 run a row loop in
 * double precision, which rounds to float32 exactly as float arithmetic would (53 >= 2 * 24 + 2). Stateless.
 */
final class FloatKernels
{
    private FloatKernels()
    {
    }

    static double read(final MemorySegment data, final int width, final long row)
    {
        return width == 4 ? data.get(Layouts.FLOAT_UNALIGNED, row << 2) : data.get(Layouts.DOUBLE_UNALIGNED, row << 3);
    }

    static void write(final MemorySegment data, final int width, final long index, final double value)
    {
        if (width == 4)
        {
            data.set(Layouts.FLOAT_UNALIGNED, index << 2, (float)value);
        }
        else
        {
            data.set(Layouts.DOUBLE_UNALIGNED, index << 3, value);
        }
    }

    static void binary(final BinaryOp op, final Operand l, final Operand r, final Rows rows, final int n,
        final MemorySegment out, final int w)
    {
        if (rows.isContiguous() && (l.isScalar() || l.type.width() == w) && (r.isScalar() || r.type.width() == w))
        {
            if (w == 8)
            {
                simd64(op, l, r, rows.offset(), out, n);
            }
            else
            {
                simd32(op, l, r, rows.offset(), out, n);
            }
            return;
        }
        final boolean lScalar = l.isScalar();
        final boolean rScalar = r.isScalar();
        final int lw = l.type.width();
        final int rw = r.type.width();
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final double x = lScalar ? l.doubleValue : read(l.data, lw, row);
            final double y = rScalar ? r.doubleValue : read(r.data, rw, row);
            final double res = switch (op)
            {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> x / y;
            };
            write(out, w, i, res);
        }
    }

    private static void simd64(final BinaryOp op, final Operand l, final Operand r, final long off,
        final MemorySegment out, final int n)
    {
        if (l.isScalar())
        {
            final double c = l.doubleValue;
            switch (op)
            {
                case ADD -> Arith.addF64(r.data, off, c, out, 0, n);
                case SUBTRACT -> Arith.subF64(c, r.data, off, out, 0, n);
                case MULTIPLY -> Arith.mulF64(r.data, off, c, out, 0, n);
                case DIVIDE -> Arith.divF64(c, r.data, off, out, 0, n);
            }
        }
        else if (r.isScalar())
        {
            final double c = r.doubleValue;
            switch (op)
            {
                case ADD -> Arith.addF64(l.data, off, c, out, 0, n);
                case SUBTRACT -> Arith.subF64(l.data, off, c, out, 0, n);
                case MULTIPLY -> Arith.mulF64(l.data, off, c, out, 0, n);
                case DIVIDE -> Arith.divF64(l.data, off, c, out, 0, n);
            }
        }
        else
        {
            switch (op)
            {
                case ADD -> Arith.addF64(l.data, off, r.data, off, out, 0, n);
                case SUBTRACT -> Arith.subF64(l.data, off, r.data, off, out, 0, n);
                case MULTIPLY -> Arith.mulF64(l.data, off, r.data, off, out, 0, n);
                case DIVIDE -> Arith.divF64(l.data, off, r.data, off, out, 0, n);
            }
        }
    }

    private static void simd32(final BinaryOp op, final Operand l, final Operand r, final long off,
        final MemorySegment out, final int n)
    {
        if (l.isScalar())
        {
            final float c = (float)l.doubleValue;
            switch (op)
            {
                case ADD -> Arith.addF32(r.data, off, c, out, 0, n);
                case SUBTRACT -> Arith.subF32(c, r.data, off, out, 0, n);
                case MULTIPLY -> Arith.mulF32(r.data, off, c, out, 0, n);
                case DIVIDE -> Arith.divF32(c, r.data, off, out, 0, n);
            }
        }
        else if (r.isScalar())
        {
            final float c = (float)r.doubleValue;
            switch (op)
            {
                case ADD -> Arith.addF32(l.data, off, c, out, 0, n);
                case SUBTRACT -> Arith.subF32(l.data, off, c, out, 0, n);
                case MULTIPLY -> Arith.mulF32(l.data, off, c, out, 0, n);
                case DIVIDE -> Arith.divF32(l.data, off, c, out, 0, n);
            }
        }
        else
        {
            switch (op)
            {
                case ADD -> Arith.addF32(l.data, off, r.data, off, out, 0, n);
                case SUBTRACT -> Arith.subF32(l.data, off, r.data, off, out, 0, n);
                case MULTIPLY -> Arith.mulF32(l.data, off, r.data, off, out, 0, n);
                case DIVIDE -> Arith.divF32(l.data, off, r.data, off, out, 0, n);
            }
        }
    }

    static void unary(final boolean abs, final Operand in, final Rows rows, final int n, final MemorySegment out)
    {
        final int w = in.type.width();
        if (rows.isContiguous())
        {
            final long off = rows.offset();
            if (w == 8)
            {
                if (abs)
                {
                    Arith.absF64(in.data, off, out, 0, n);
                }
                else
                {
                    Arith.negF64(in.data, off, out, 0, n);
                }
            }
            else if (abs)
            {
                Arith.absF32(in.data, off, out, 0, n);
            }
            else
            {
                Arith.negF32(in.data, off, out, 0, n);
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            final double x = read(in.data, w, rows.rowAt(i));
            write(out, w, i, abs ? Math.abs(x) : -x);
        }
    }

    static void multiplyAdd(final Operand a, final Operand b, final Operand c, final Rows rows, final int n,
        final MemorySegment out)
    {
        if (rows.isContiguous())
        {
            final long off = rows.offset();
            Arith.multiplyAddF64(a.data, off, b.data, off, c.data, off, out, 0, n);
            return;
        }
        for (int i = 0; i < n; i++)
        {
            final long row = rows.rowAt(i);
            final double x = a.data.get(Layouts.DOUBLE_UNALIGNED, row << 3);
            final double y = b.data.get(Layouts.DOUBLE_UNALIGNED, row << 3);
            final double z = c.data.get(Layouts.DOUBLE_UNALIGNED, row << 3);
            out.set(Layouts.DOUBLE_UNALIGNED, (long)i << 3, x * y + z);
        }
    }
}
