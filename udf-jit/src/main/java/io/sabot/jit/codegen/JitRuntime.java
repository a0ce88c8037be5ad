package io.sabot.jit.codegen;

import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;

import java.lang.foreign.MemorySegment;

/**
 * Static helpers the generated classes call per row for what is not worth inlining as bytecode: bitmap bits and the
 * UTF8 operations. A UTF8 value is passed as {@code (segment, start, length)}. The interpreter's semantics apply
 * (byte-wise, unsigned order, code-point length, the empty pattern matches everything).
 *
 * <p>Thread-safety: stateless. Nulls: none at this level (callers test validity first).
 */
public final class JitRuntime
{
    private JitRuntime()
    {
    }

    /**
     * The bits of one block's rows, gathered into a word: one unaligned load for a contiguous range, one bit read
     * per row for a selection.
     *
     * @param bitmap an LSB-first bitmap.
     * @param sel    positions, or {@code null} for the contiguous rows {@code base + i}.
     * @param base   first row, or first index into {@code sel}.
     * @param mask   the rows of the block (bit i = row i); other bits of the result are zero.
     * @return bit i = the bitmap's bit of row i.
     */
    public static long gatherBits(final MemorySegment bitmap, final MemorySegment sel, final int base, final long mask)
    {
        if (mask == 0)
        {
            return 0;
        }
        if (sel == null)
        {
            // only up to the highest row of the mask: the bitmap may end right after it
            return Bitmaps.loadBits(bitmap, base, 64 - Long.numberOfLeadingZeros(mask)) & mask;
        }
        long word = 0;
        long m = mask;
        while (m != 0)
        {
            final int i = Long.numberOfTrailingZeros(m);
            word |= (long)Bitmaps.bit(bitmap, position(sel, base + i)) << i;
            m &= m - 1;
        }
        return word;
    }

    /**
     * @param validity a validity bitmap, or {@code null} when the column has no nulls.
     * @param sel      positions or {@code null}.
     * @param base     first row or first index into {@code sel}.
     * @param mask     the rows of the block.
     * @return bit i set when row i of the mask is null.
     */
    public static long nullWord(final MemorySegment validity, final MemorySegment sel, final int base,
        final long mask)
    {
        return validity == null ? 0L : ~gatherBits(validity, sel, base, mask) & mask;
    }

    /**
     * @param sel   int32 positions.
     * @param index an index into them.
     * @return the position.
     */
    public static int position(final MemorySegment sel, final int index)
    {
        return sel.get(Layouts.INT_UNALIGNED, (long)index << 2);
    }

    /**
     * Unsigned byte-wise three-way comparison, a shorter prefix first.
     *
     * @param a  left bytes. @param as left start. @param al left length.
     * @param b  right bytes. @param bs right start. @param bl right length.
     * @return negative, zero or positive.
     */
    public static int compare(final MemorySegment a, final long as, final int al, final MemorySegment b,
        final long bs, final int bl)
    {
        final long m = MemorySegment.mismatch(a, as, as + al, b, bs, bs + bl);
        if (m < 0)
        {
            return 0;
        }
        if (m == al || m == bl)
        {
            return Integer.compare(al, bl);
        }
        return Integer.compare(a.get(Layouts.BYTE, as + m) & 0xFF, b.get(Layouts.BYTE, bs + m) & 0xFF);
    }

    /** @param a left. @param as start. @param al length. @param b right. @param bs start. @param bl length.
     * @return 1 when equal, else 0. */
    public static int equals(final MemorySegment a, final long as, final int al, final MemorySegment b,
        final long bs, final int bl)
    {
        return al == bl && MemorySegment.mismatch(a, as, as + al, b, bs, bs + bl) < 0 ? 1 : 0;
    }

    /** @param a text. @param as start. @param al length. @param b prefix. @param bs start. @param bl length.
     * @return 1 when {@code a} starts with {@code b}, else 0. */
    public static int startsWith(final MemorySegment a, final long as, final int al, final MemorySegment b,
        final long bs, final int bl)
    {
        return bl <= al && MemorySegment.mismatch(a, as, as + bl, b, bs, bs + bl) < 0 ? 1 : 0;
    }

    /** @param a text. @param as start. @param al length. @param b suffix. @param bs start. @param bl length.
     * @return 1 when {@code a} ends with {@code b}, else 0. */
    public static int endsWith(final MemorySegment a, final long as, final int al, final MemorySegment b,
        final long bs, final int bl)
    {
        final long from = as + al - bl;
        return bl <= al && MemorySegment.mismatch(a, from, from + bl, b, bs, bs + bl) < 0 ? 1 : 0;
    }

    /** @param a text. @param as start. @param al length. @param b pattern. @param bs start. @param bl length.
     * @return 1 when {@code b} occurs in {@code a}, else 0. */
    public static int contains(final MemorySegment a, final long as, final int al, final MemorySegment b,
        final long bs, final int bl)
    {
        if (bl == 0)
        {
            return 1;
        }
        final byte first = b.get(Layouts.BYTE, bs);
        final long last = as + al - bl;
        for (long i = as; i <= last; i++)
        {
            if (a.get(Layouts.BYTE, i) == first && MemorySegment.mismatch(a, i, i + bl, b, bs, bs + bl) < 0)
            {
                return 1;
            }
        }
        return 0;
    }

    /**
     * @param a bytes. @param as start. @param al length.
     * @return the number of code points (bytes that are not continuation bytes).
     */
    public static int length(final MemorySegment a, final long as, final int al)
    {
        int n = 0;
        final long end = as + al;
        for (long i = as; i < end; i++)
        {
            n += (a.get(Layouts.BYTE, i) & 0xC0) != 0x80 ? 1 : 0;
        }
        return n;
    }
}
