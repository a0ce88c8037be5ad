package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;

/**
 * Copies the rows of a selection into dense scratch buffers, so that selected input can run the same contiguous
 * SIMD code as a range. Package-private; stateless.
 */
final class Gather
{
    private Gather()
    {
    }

    /**
     * {@code dst[i] = src[sel[i]]} for fixed-width values of {@code width} bytes.
     */
    static void fixed(final MemorySegment src, final int width, final SelectionVector selection, final int count,
        final MemorySegment dst)
    {
        switch (width)
        {
            case 1 ->
            {
                for (int i = 0; i < count; i++)
                {
                    dst.set(Layouts.BYTE, i, src.get(Layouts.BYTE, selection.get(i)));
                }
            }
            case 2 ->
            {
                for (int i = 0; i < count; i++)
                {
                    dst.set(Layouts.SHORT_UNALIGNED, 2L * i,
                        src.get(Layouts.SHORT_UNALIGNED, 2L * selection.get(i)));
                }
            }
            case 4 ->
            {
                for (int i = 0; i < count; i++)
                {
                    dst.set(Layouts.INT_UNALIGNED, 4L * i, src.get(Layouts.INT_UNALIGNED, 4L * selection.get(i)));
                }
            }
            case 8 ->
            {
                for (int i = 0; i < count; i++)
                {
                    dst.set(Layouts.LONG_UNALIGNED, 8L * i, src.get(Layouts.LONG_UNALIGNED, 8L * selection.get(i)));
                }
            }
            default ->
            {
                for (int i = 0; i < count; i++)
                {
                    MemorySegment.copy(src, (long)width * selection.get(i), dst, (long)width * i, width);
                }
            }
        }
    }

    /**
     * {@code dst bit i = src bit sel[i]}, written a word at a time.
     */
    static void bits(final MemorySegment src, final SelectionVector selection, final int count,
        final MemorySegment dst)
    {
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int row = selection.get(i + k);
                word |= (long)Bitmaps.bit(src, row) << k;
            }
            Bitmaps.storeBits(dst, i, word, n);
        }
    }
}
