package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.Rows;
import io.sabot.simd.Layouts;

/**
 * Output validity of elementwise kernels: the AND of up to three input bitmaps, 64 rows per step.
 *
 * <pre>
 *   input bitmap (any bit offset, from Rows.offset()):   ...|b7 b6 b5 b4 b3 b2 b1 b0|b15 ... b8|...
 *   output bitmap (bit 0 = output row 0):                 word w = rows [64w, 64w + 64), LSB first
 * </pre>
 *
 * Stateless; the segments are borrowed for the call.
 */
final class Validity
{
    private Validity()
    {
    }

    /**
     * Writes bits {@code [0, n)} of {@code out}: bit {@code i} is set when every given input bitmap has row
     * {@code rows.rowAt(i)} set. A {@code null} input stands for a non-null scalar (always valid).
     */
    static void and(final Rows rows, final int n, final MemorySegment out, final MemorySegment a,
        final MemorySegment b, final MemorySegment c)
    {
        final int words = n >>> 6;
        final int rem = n & 63;
        if (rows.isContiguous())
        {
            final long off = rows.offset();
            for (int w = 0; w < words; w++)
            {
                final long bit = off + ((long)w << 6);
                long bits = -1L;
                if (a != null)
                {
                    bits &= word(a, bit, 64);
                }
                if (b != null)
                {
                    bits &= word(b, bit, 64);
                }
                if (c != null)
                {
                    bits &= word(c, bit, 64);
                }
                out.set(Layouts.LONG_UNALIGNED, (long)w << 3, bits);
            }
            if (rem != 0)
            {
                final long bit = off + ((long)words << 6);
                long bits = (1L << rem) - 1;
                if (a != null)
                {
                    bits &= word(a, bit, rem);
                }
                if (b != null)
                {
                    bits &= word(b, bit, rem);
                }
                if (c != null)
                {
                    bits &= word(c, bit, rem);
                }
                writeTail(out, words, rem, bits);
            }
            return;
        }
        long bits = 0;
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final boolean valid = (a == null || bit(a, row)) && (b == null || bit(b, row)) &&
                (c == null || bit(c, row));
            if (valid)
            {
                bits |= 1L << (i & 63);
            }
            if ((i & 63) == 63)
            {
                out.set(Layouts.LONG_UNALIGNED, (long)(i >>> 6) << 3, bits);
                bits = 0;
            }
        }
        if (rem != 0)
        {
            writeTail(out, words, rem, bits);
        }
    }

    /** Clears bits {@code [0, n)}: every output row null. */
    static void clear(final MemorySegment out, final int n)
    {
        if (n > 0)
        {
            out.asSlice(0, (n + 7) >>> 3).fill((byte)0);
        }
    }

    static boolean bit(final MemorySegment bitmap, final long row)
    {
        return (bitmap.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) != 0;
    }

    /** @return {@code count} (1..64) bits starting at bit {@code bit}, in the low bits; the rest zero. */
    static long word(final MemorySegment bitmap, final long bit, final int count)
    {
        final long byteIndex = bit >>> 3;
        final int shift = (int)(bit & 7);
        long v;
        if (byteIndex + 8 <= bitmap.byteSize())
        {
            v = bitmap.get(Layouts.LONG_UNALIGNED, byteIndex) >>> shift;
            if (shift != 0 && shift + count > 64)
            {
                v |= (bitmap.get(Layouts.BYTE, byteIndex + 8) & 0xFFL) << (64 - shift);
            }
        }
        else
        {
            // near the end of the buffer: read only the bytes that hold the wanted bits
            v = 0;
            final int bytes = (shift + count + 7) >>> 3;
            for (int k = 0; k < bytes; k++)
            {
                final long b = bitmap.get(Layouts.BYTE, byteIndex + k) & 0xFFL;
                v |= k < 8 ? (b << (k << 3)) >>> shift : b << (64 - shift);
            }
        }
        return count == 64 ? v : v & ((1L << count) - 1);
    }

    private static void writeTail(final MemorySegment out, final int words, final int rem, final long bits)
    {
        final long base = (long)words << 3;
        final int bytes = (rem + 7) >>> 3;
        for (int k = 0; k < bytes; k++)
        {
            out.set(Layouts.BYTE, base + k, (byte)(bits >>> (k << 3)));
        }
    }
}
