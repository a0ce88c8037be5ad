package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.FieldVector;

/**
 * Byte-wise lexicographic comparison of utf8/binary values (unsigned bytes; a proper prefix sorts first), which for
 * valid UTF-8 is also code-point order. Equality checks lengths first. Bytes are compared with
 * {@link MemorySegment#mismatch}, which the JDK vectorizes. Package-private; stateless.
 *
 * <pre>
 *   offsets (int32 LE): | o[0] | o[1] | ... | o[n] |     value r = data[o[r], o[r + 1])
 * </pre>
 */
final class BinaryCompare
{
    private BinaryCompare()
    {
    }

    static int compare(final MemorySegment a, final long aStart, final long aLength, final MemorySegment b,
        final long bStart, final long bLength)
    {
        final long m = MemorySegment.mismatch(a, aStart, aStart + aLength, b, bStart, bStart + bLength);
        if (m == -1)
        {
            return 0;
        }
        if (m == aLength || m == bLength)
        {
            return Long.compare(aLength, bLength);
        }
        return Integer.compare(a.get(Layouts.BYTE, aStart + m) & 0xFF, b.get(Layouts.BYTE, bStart + m) & 0xFF);
    }

    static boolean test(final CompareOp op, final MemorySegment a, final long aStart, final long aLength,
        final MemorySegment b, final long bStart, final long bLength)
    {
        if (op == CompareOp.EQ || op == CompareOp.NE)
        {
            final boolean equal = aLength == bLength &&
                MemorySegment.mismatch(a, aStart, aStart + aLength, b, bStart, bStart + bLength) == -1;
            return equal == (op == CompareOp.EQ);
        }
        return op.test(compare(a, aStart, aLength, b, bStart, bLength));
    }

    static void columns(final CompareOp op, final FieldVector left, final FieldVector right, final Rows rows,
        final MemorySegment values)
    {
        final MemorySegment lo = ArrowMemory.segment(left.getOffsetBuffer());
        final MemorySegment ld = ArrowMemory.segment(left.getDataBuffer());
        final MemorySegment ro = ArrowMemory.segment(right.getOffsetBuffer());
        final MemorySegment rd = ArrowMemory.segment(right.getDataBuffer());
        final int count = rows.count();
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long row = (long)rows.rowAt(i + k) << 2;
                final int ls = lo.get(Layouts.INT_UNALIGNED, row);
                final int rs = ro.get(Layouts.INT_UNALIGNED, row);
                final boolean hit = test(op, ld, ls, lo.get(Layouts.INT_UNALIGNED, row + 4) - ls, rd, rs,
                    ro.get(Layouts.INT_UNALIGNED, row + 4) - rs);
                word |= (hit ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(values, i, word, n);
        }
    }

    static void scalar(final CompareOp op, final FieldVector left, final byte[] scalar, final Rows rows,
        final MemorySegment values)
    {
        final MemorySegment lo = ArrowMemory.segment(left.getOffsetBuffer());
        final MemorySegment ld = ArrowMemory.segment(left.getDataBuffer());
        final MemorySegment s = MemorySegment.ofArray(scalar);
        final int count = rows.count();
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long row = (long)rows.rowAt(i + k) << 2;
                final int ls = lo.get(Layouts.INT_UNALIGNED, row);
                final boolean hit = test(op, ld, ls, lo.get(Layouts.INT_UNALIGNED, row + 4) - ls, s, 0,
                    scalar.length);
                word |= (hit ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(values, i, word, n);
        }
    }
}
