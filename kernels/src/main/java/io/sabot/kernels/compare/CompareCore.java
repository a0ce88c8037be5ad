package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Comparisons;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.DecimalUtility;

/**
 * The comparison evaluators behind {@link Comparison}: each writes {@code rows.count()} value bits and validity bits
 * from bit 0 of two caller-provided bitmaps. Inputs must already be checked. Selected rows of fixed-width columns
 * are first gathered into dense scratch so one SIMD path serves ranges and selections. Package-private; stateless.
 */
final class CompareCore
{
    private CompareCore()
    {
    }

    /** A fixed-width operand seen densely: element {@code i} of the rows is element {@code from + i} of seg. */
    record Dense(MemorySegment seg, long from)
    {
    }

    static Dense data(final FieldVector vector, final Kind kind, final Rows rows, final Scratch scratch)
    {
        final MemorySegment seg = ArrowMemory.segment(vector.getDataBuffer());
        if (rows.isContiguous())
        {
            return new Dense(seg, rows.offset());
        }
        final int count = rows.count();
        if (kind == Kind.BOOL)
        {
            final MemorySegment dst = scratch.bitmap(count);
            Gather.bits(seg, rows.selection(), count, dst);
            return new Dense(dst, 0);
        }
        final MemorySegment dst = scratch.allocate((long)count * kind.width);
        Gather.fixed(seg, kind.width, rows.selection(), count, dst);
        return new Dense(dst, 0);
    }

    static Dense validity(final FieldVector vector, final Rows rows, final Scratch scratch)
    {
        final MemorySegment seg = ArrowMemory.segment(vector.getValidityBuffer());
        if (rows.isContiguous())
        {
            return new Dense(seg, rows.offset());
        }
        final MemorySegment dst = scratch.bitmap(rows.count());
        Gather.bits(seg, rows.selection(), rows.count(), dst);
        return new Dense(dst, 0);
    }

    // ---------------------------------------------------------------------------------------------------- columns

    static void columns(final CompareOp op, final Kind kind, final FieldVector left, final FieldVector right,
        final Rows rows, final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        final int count = rows.count();
        final Dense lv = validity(left, rows, scratch);
        final Dense rv = validity(right, rows, scratch);
        Bitmaps.and(lv.seg, lv.from, rv.seg, rv.from, validity, 0, count);
        if (kind == Kind.BINARY)
        {
            BinaryCompare.columns(op, left, right, rows, values);
            return;
        }
        if (kind == Kind.DECIMAL && Kind.scale(left) != Kind.scale(right))
        {
            decimalColumnsRescaled(op, (DecimalVector)left, (DecimalVector)right, rows, values);
            return;
        }
        final Dense l = data(left, kind, rows, scratch);
        final Dense r = data(right, kind, rows, scratch);
        switch (kind)
        {
            case INT8 -> Comparisons.compareInt8(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case INT16 -> Comparisons.compareInt16(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case INT32 -> Comparisons.compareInt32(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case INT64 -> Comparisons.compareInt64(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case FLOAT32 -> Comparisons.compareFloat32(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case FLOAT64 -> Comparisons.compareFloat64(op, l.seg, l.from, r.seg, r.from, count, values, 0);
            case DECIMAL -> decimalColumns(op, l, r, count, values);
            case BOOL -> boolColumns(op, l, r, count, values);
            default -> throw new IllegalStateException("unreachable kind " + kind);
        }
    }

    private static void boolColumns(final CompareOp op, final Dense l, final Dense r, final int count,
        final MemorySegment values)
    {
        // false < true: a < b is ~a & b, a <= b is ~(a & ~b), and so on, all word-wise.
        switch (op)
        {
            case EQ ->
            {
                Bitmaps.xor(l.seg, l.from, r.seg, r.from, values, 0, count);
                Bitmaps.not(values, 0, values, 0, count);
            }
            case NE -> Bitmaps.xor(l.seg, l.from, r.seg, r.from, values, 0, count);
            case LT -> Bitmaps.andNot(r.seg, r.from, l.seg, l.from, values, 0, count);
            case LE ->
            {
                Bitmaps.andNot(l.seg, l.from, r.seg, r.from, values, 0, count);
                Bitmaps.not(values, 0, values, 0, count);
            }
            case GT -> Bitmaps.andNot(l.seg, l.from, r.seg, r.from, values, 0, count);
            case GE ->
            {
                Bitmaps.andNot(r.seg, r.from, l.seg, l.from, values, 0, count);
                Bitmaps.not(values, 0, values, 0, count);
            }
        }
    }

    static int compare128(final long hiA, final long loA, final long hiB, final long loB)
    {
        final int c = Long.compare(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    private static void decimalColumns(final CompareOp op, final Dense l, final Dense r, final int count,
        final MemorySegment values)
    {
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = (l.from + i + k) << 4;
                final long b = (r.from + i + k) << 4;
                final int c = compare128(l.seg.get(Layouts.LONG_UNALIGNED, a + 8), l.seg.get(Layouts.LONG_UNALIGNED, a),
                    r.seg.get(Layouts.LONG_UNALIGNED, b + 8), r.seg.get(Layouts.LONG_UNALIGNED, b));
                word |= (op.test(c) ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(values, i, word, n);
        }
    }

    private static void decimalColumnsRescaled(final CompareOp op, final DecimalVector left,
        final DecimalVector right, final Rows rows, final MemorySegment values)
    {
        // Scales differ: exact comparison through BigDecimal (slow path; rows that are null are skipped).
        final int count = rows.count();
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int row = rows.rowAt(i + k);
                if (left.isNull(row) || right.isNull(row))
                {
                    continue;
                }
                final BigDecimal a = DecimalUtility.getBigDecimalFromArrowBuf(left.getDataBuffer(), row,
                    left.getScale(), DecimalVector.TYPE_WIDTH);
                final BigDecimal b = DecimalUtility.getBigDecimalFromArrowBuf(right.getDataBuffer(), row,
                    right.getScale(), DecimalVector.TYPE_WIDTH);
                word |= (op.test(a.compareTo(b)) ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(values, i, word, n);
        }
    }

    // ---------------------------------------------------------------------------------------------------- scalars

    private static void scalarValidity(final FieldVector left, final Rows rows, final Scratch scratch,
        final MemorySegment validity)
    {
        final Dense v = validity(left, rows, scratch);
        Bitmaps.copy(v.seg, v.from, validity, 0, rows.count());
    }

    /** Integer-like column against a long; out-of-range scalars give a constant result. */
    static void scalarLong(final CompareOp op, final Kind kind, final FieldVector left, final long scalar,
        final Rows rows, final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        final int count = rows.count();
        scalarValidity(left, rows, scratch, validity);
        final long min = switch (kind)
        {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        final long max = switch (kind)
        {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case INT32 -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        if (scalar > max || scalar < min)
        {
            // Every value is below (or above) the scalar.
            Bitmaps.fill(values, 0, count, op.test(scalar > max ? -1 : 1));
            return;
        }
        final Dense d = data(left, kind, rows, scratch);
        switch (kind)
        {
            case INT8 -> Comparisons.compareInt8(op, d.seg, d.from, count, (byte)scalar, values, 0);
            case INT16 -> Comparisons.compareInt16(op, d.seg, d.from, count, (short)scalar, values, 0);
            case INT32 -> Comparisons.compareInt32(op, d.seg, d.from, count, (int)scalar, values, 0);
            default -> Comparisons.compareInt64(op, d.seg, d.from, count, scalar, values, 0);
        }
    }

    /** Float column against a double, exactly (a float32 column is compared as if widened to double). */
    static void scalarDouble(final CompareOp op, final Kind kind, final FieldVector left, final double scalar,
        final Rows rows, final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        final int count = rows.count();
        scalarValidity(left, rows, scratch, validity);
        final Dense d = data(left, kind, rows, scratch);
        if (kind == Kind.FLOAT64)
        {
            Comparisons.compareFloat64(op, d.seg, d.from, count, scalar, values, 0);
            return;
        }
        final float f = (float)scalar;
        if (scalar != scalar || f == scalar)
        {
            Comparisons.compareFloat32(op, d.seg, d.from, count, f, values, 0);
            return;
        }
        // The scalar falls strictly between two floats: no float equals it, and x < s iff x < f when f rounded up,
        // iff x <= f when f rounded down.
        final boolean roundedUp = f > scalar;
        final CompareOp adjusted = switch (op)
        {
            case LT, LE -> roundedUp ? CompareOp.LT : CompareOp.LE;
            case GT, GE -> roundedUp ? CompareOp.GE : CompareOp.GT;
            default -> op;
        };
        if (op == CompareOp.EQ || op == CompareOp.NE)
        {
            Bitmaps.fill(values, 0, count, op == CompareOp.NE);
            return;
        }
        Comparisons.compareFloat32(adjusted, d.seg, d.from, count, f, values, 0);
    }

    /** Decimal column against an exact BigDecimal, in the column's scale with a floor and a fraction flag. */
    static void scalarDecimal(final CompareOp op, final FieldVector left, final BigDecimal scalar, final Rows rows,
        final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        final int count = rows.count();
        scalarValidity(left, rows, scratch, validity);
        final BigDecimal scaled = scalar.scaleByPowerOfTen(Kind.scale(left));
        final BigInteger floor = scaled.setScale(0, RoundingMode.FLOOR).unscaledValue();
        final boolean fraction = scaled.compareTo(new BigDecimal(floor)) != 0;
        if (floor.bitLength() > 127)
        {
            Bitmaps.fill(values, 0, count, op.test(floor.signum() > 0 ? -1 : 1));
            return;
        }
        CompareOp effective = op;
        if (fraction)
        {
            // column < s iff column <= floor(s); column > s iff column > floor(s); never equal.
            if (op == CompareOp.EQ || op == CompareOp.NE)
            {
                Bitmaps.fill(values, 0, count, op == CompareOp.NE);
                return;
            }
            effective = op == CompareOp.LT || op == CompareOp.LE ? CompareOp.LE : CompareOp.GT;
        }
        final long hi = floor.shiftRight(64).longValue();
        final long lo = floor.longValue();
        final Dense d = data(left, Kind.DECIMAL, rows, scratch);
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = (d.from + i + k) << 4;
                final int c = compare128(d.seg.get(Layouts.LONG_UNALIGNED, a + 8), d.seg.get(Layouts.LONG_UNALIGNED, a),
                    hi, lo);
                word |= (effective.test(c) ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(values, i, word, n);
        }
    }

    /** Boolean column against a boolean, with false < true. */
    static void scalarBool(final CompareOp op, final FieldVector left, final boolean scalar, final Rows rows,
        final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        final int count = rows.count();
        scalarValidity(left, rows, scratch, validity);
        final Dense d = data(left, Kind.BOOL, rows, scratch);
        // 0 = constant false, 1 = constant true, 2 = copy, 3 = negate.
        final int action = switch (op)
        {
            case EQ -> scalar ? 2 : 3;
            case NE -> scalar ? 3 : 2;
            case LT -> scalar ? 3 : 0;
            case LE -> scalar ? 1 : 3;
            case GT -> scalar ? 0 : 2;
            case GE -> scalar ? 2 : 1;
        };
        switch (action)
        {
            case 0 -> Bitmaps.fill(values, 0, count, false);
            case 1 -> Bitmaps.fill(values, 0, count, true);
            case 2 -> Bitmaps.copy(d.seg, d.from, values, 0, count);
            default -> Bitmaps.not(d.seg, d.from, values, 0, count);
        }
    }

    /** utf8/binary column against bytes. */
    static void scalarBytes(final CompareOp op, final FieldVector left, final byte[] scalar, final Rows rows,
        final Scratch scratch, final MemorySegment values, final MemorySegment validity)
    {
        scalarValidity(left, rows, scratch, validity);
        BinaryCompare.scalar(op, left, scalar, rows, values);
    }
}
