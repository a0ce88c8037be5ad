package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Scalar twin of {@link VectorCompaction}: copies the elements whose bitmap bit is set to a dense output.
 *
 * <pre>
 *   src     : | e0 | e1 | e2 | e3 | e4 | e5 | ...   elements of 1, 2, 4, 8 or 16 bytes, little-endian
 *   bitmap  :   1    0    1    1    0    1   ...   bit (bitOffset + i) selects element (srcIndex + i)
 *   dst     : | e0 | e2 | e3 | e5 | ...             dense, starting at element dstIndex
 * </pre>
 *
 * <p>Each 64-row word of the bitmap is handled by what it holds: all ones are one bulk copy, all zeros are skipped,
 * sparse words walk their set bits, and dense words run a branch-free loop ({@code dst[j] = src[i]; j += bit}). The
 * branch-free loop writes one element past the word's last selected one, so it only runs while {@code dst} has room
 * for the word's selected elements plus one; otherwise (at the very end of an exactly sized {@code dst}) the exact
 * set-bit walk is used instead. {@code dst} therefore only needs
 * room for the selected elements, no slack.
 *
 * <p>Thread-safety: stateless; safe from any thread as long as callers do not write the same {@code dst} range.
 * Buffers are borrowed, never retained. Segments must not be {@code null}; their bounds checks turn a too-small
 * segment into an {@link IndexOutOfBoundsException}.
 */
public final class ScalarCompaction
{
    /** Words with at most this many set bits walk their set bits instead of running the branch-free loop. */
    static final int SPARSE_BITS = 12;

    private ScalarCompaction()
    {
    }

    /**
     * Reads {@code nbits} (1 to 64) bits of an LSB-first bitmap starting at bit {@code bitPos}; bits above
     * {@code nbits} are zero. Reads no byte beyond the last one holding a requested bit.
     *
     * @param bitmap the bitmap.
     * @param bitPos the first bit.
     * @param nbits  how many bits, 1 to 64.
     * @return the bits, bit 0 = bit {@code bitPos}.
     */
    static long loadBits(final MemorySegment bitmap, final long bitPos, final int nbits)
    {
        final long byteIndex = bitPos >>> 3;
        final int shift = (int)(bitPos & 7);
        long word;
        if (byteIndex + 9 <= bitmap.byteSize())
        {
            word = bitmap.get(Layouts.LONG_UNALIGNED, byteIndex) >>> shift;
            if (shift != 0)
            {
                word |= (bitmap.get(Layouts.BYTE, byteIndex + 8) & 0xFFL) << (64 - shift);
            }
        }
        else
        {
            final int bytes = (shift + nbits + 7) >>> 3;
            long low = 0;
            final int lowBytes = Math.min(bytes, 8);
            for (int b = 0; b < lowBytes; b++)
            {
                low |= (bitmap.get(Layouts.BYTE, byteIndex + b) & 0xFFL) << (b << 3);
            }
            word = low >>> shift;
            if (bytes > 8)
            {
                word |= (bitmap.get(Layouts.BYTE, byteIndex + 8) & 0xFFL) << (64 - shift);
            }
        }
        return nbits == 64 ? word : word & ((1L << nbits) - 1);
    }

    /**
     * Counts the set bits in {@code [bitOffset, bitOffset + count)} of a bitmap.
     *
     * @param bitmap    the bitmap.
     * @param bitOffset the first bit.
     * @param count     how many bits.
     * @return the number of set bits.
     */
    public static int countBits(final MemorySegment bitmap, final long bitOffset, final int count)
    {
        int total = 0;
        for (int i = 0; i < count; i += 64)
        {
            total += Long.bitCount(loadBits(bitmap, bitOffset + i, Math.min(64, count - i)));
        }
        return total;
    }

    /**
     * Compacts elements of {@code width} bytes.
     *
     * @param width     element width: 1, 2, 4, 8 or 16.
     * @param src       the input elements.
     * @param srcIndex  the element of {@code src} that bit {@code bitOffset} selects.
     * @param bitmap    LSB-first selection bitmap.
     * @param bitOffset the bit for the first element.
     * @param count     how many elements to consider.
     * @param dst       the output; needs room for the selected elements after {@code dstIndex}.
     * @param dstIndex  the first output element.
     * @return how many elements were written.
     */
    public static int compact(final int width, final MemorySegment src, final long srcIndex,
        final MemorySegment bitmap, final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        return switch (width)
        {
            case 1 -> compactBytes(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 2 -> compactShorts(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 4 -> compactInts(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 8 -> compactLongs(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 16 -> compact128(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            default -> throw new IllegalArgumentException("element width must be 1, 2, 4, 8 or 16, was " + width);
        };
    }

    /** Compacts 1-byte elements; see {@link #compact}. */
    public static int compactBytes(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() - dstIndex;
        int j = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long word = loadBits(bitmap, bitOffset + i, n);
            j = compactWordBytes(src, srcIndex + i, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    static int compactWordBytes(final MemorySegment src, final long from, final long word, final int n,
        final MemorySegment dst, final long dstIndex, final int j, final long room)
    {
        if (word == 0)
        {
            return j;
        }
        if (word == -1L)
        {
            MemorySegment.copy(src, from, dst, dstIndex + j, 64);
            return j + 64;
        }
        if (Long.bitCount(word) > SPARSE_BITS && j + Long.bitCount(word) + 1 <= room)
        {
            long d = dstIndex + j;
            for (int b = 0; b < n; b++)
            {
                dst.set(Layouts.BYTE, d, src.get(Layouts.BYTE, from + b));
                d += (word >>> b) & 1;
            }
            return (int)(d - dstIndex);
        }
        int k = j;
        long m = word;
        while (m != 0)
        {
            final int b = Long.numberOfTrailingZeros(m);
            dst.set(Layouts.BYTE, dstIndex + k, src.get(Layouts.BYTE, from + b));
            k++;
            m &= m - 1;
        }
        return k;
    }

    /** Compacts 2-byte elements; see {@link #compact}. */
    public static int compactShorts(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 2 - dstIndex;
        int j = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long word = loadBits(bitmap, bitOffset + i, n);
            j = compactWordShorts(src, srcIndex + i, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    static int compactWordShorts(final MemorySegment src, final long from, final long word, final int n,
        final MemorySegment dst, final long dstIndex, final int j, final long room)
    {
        if (word == 0)
        {
            return j;
        }
        if (word == -1L)
        {
            MemorySegment.copy(src, from << 1, dst, (dstIndex + j) << 1, 64 << 1);
            return j + 64;
        }
        if (Long.bitCount(word) > SPARSE_BITS && j + Long.bitCount(word) + 1 <= room)
        {
            long d = (dstIndex + j) << 1;
            final long s = from << 1;
            for (int b = 0; b < n; b++)
            {
                dst.set(Layouts.SHORT_UNALIGNED, d, src.get(Layouts.SHORT_UNALIGNED, s + ((long)b << 1)));
                d += ((word >>> b) & 1) << 1;
            }
            return (int)((d >>> 1) - dstIndex);
        }
        int k = j;
        long m = word;
        while (m != 0)
        {
            final int b = Long.numberOfTrailingZeros(m);
            dst.set(Layouts.SHORT_UNALIGNED, (dstIndex + k) << 1, src.get(Layouts.SHORT_UNALIGNED, (from + b) << 1));
            k++;
            m &= m - 1;
        }
        return k;
    }

    /** Compacts 4-byte elements; see {@link #compact}. */
    public static int compactInts(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 4 - dstIndex;
        int j = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long word = loadBits(bitmap, bitOffset + i, n);
            j = compactWordInts(src, srcIndex + i, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    static int compactWordInts(final MemorySegment src, final long from, final long word, final int n,
        final MemorySegment dst, final long dstIndex, final int j, final long room)
    {
        if (word == 0)
        {
            return j;
        }
        if (word == -1L)
        {
            MemorySegment.copy(src, from << 2, dst, (dstIndex + j) << 2, 64 << 2);
            return j + 64;
        }
        if (Long.bitCount(word) > SPARSE_BITS && j + Long.bitCount(word) + 1 <= room)
        {
            long d = (dstIndex + j) << 2;
            final long s = from << 2;
            for (int b = 0; b < n; b++)
            {
                dst.set(Layouts.INT_UNALIGNED, d, src.get(Layouts.INT_UNALIGNED, s + ((long)b << 2)));
                d += ((word >>> b) & 1) << 2;
            }
            return (int)((d >>> 2) - dstIndex);
        }
        int k = j;
        long m = word;
        while (m != 0)
        {
            final int b = Long.numberOfTrailingZeros(m);
            dst.set(Layouts.INT_UNALIGNED, (dstIndex + k) << 2, src.get(Layouts.INT_UNALIGNED, (from + b) << 2));
            k++;
            m &= m - 1;
        }
        return k;
    }

    /** Compacts 8-byte elements; see {@link #compact}. */
    public static int compactLongs(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 8 - dstIndex;
        int j = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long word = loadBits(bitmap, bitOffset + i, n);
            j = compactWordLongs(src, srcIndex + i, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    static int compactWordLongs(final MemorySegment src, final long from, final long word, final int n,
        final MemorySegment dst, final long dstIndex, final int j, final long room)
    {
        if (word == 0)
        {
            return j;
        }
        if (word == -1L)
        {
            MemorySegment.copy(src, from << 3, dst, (dstIndex + j) << 3, 64 << 3);
            return j + 64;
        }
        if (Long.bitCount(word) > SPARSE_BITS && j + Long.bitCount(word) + 1 <= room)
        {
            long d = (dstIndex + j) << 3;
            final long s = from << 3;
            for (int b = 0; b < n; b++)
            {
                dst.set(Layouts.LONG_UNALIGNED, d, src.get(Layouts.LONG_UNALIGNED, s + ((long)b << 3)));
                d += ((word >>> b) & 1) << 3;
            }
            return (int)((d >>> 3) - dstIndex);
        }
        return walkLongs(src, from, word, dst, dstIndex, j);
    }

    static int walkLongs(final MemorySegment src, final long from, final long word, final MemorySegment dst,
        final long dstIndex, final int j)
    {
        int k = j;
        long m = word;
        while (m != 0)
        {
            final int b = Long.numberOfTrailingZeros(m);
            dst.set(Layouts.LONG_UNALIGNED, (dstIndex + k) << 3, src.get(Layouts.LONG_UNALIGNED, (from + b) << 3));
            k++;
            m &= m - 1;
        }
        return k;
    }

    /** Compacts 16-byte elements (e.g. decimal128); see {@link #compact}. */
    public static int compact128(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 16 - dstIndex;
        int j = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long word = loadBits(bitmap, bitOffset + i, n);
            j = compactWord128(src, srcIndex + i, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    static int compactWord128(final MemorySegment src, final long from, final long word, final int n,
        final MemorySegment dst, final long dstIndex, final int j, final long room)
    {
        if (word == 0)
        {
            return j;
        }
        if (word == -1L)
        {
            MemorySegment.copy(src, from << 4, dst, (dstIndex + j) << 4, 64 << 4);
            return j + 64;
        }
        if (Long.bitCount(word) > SPARSE_BITS && j + Long.bitCount(word) + 1 <= room)
        {
            long d = (dstIndex + j) << 4;
            final long s = from << 4;
            for (int b = 0; b < n; b++)
            {
                final long at = s + ((long)b << 4);
                dst.set(Layouts.LONG_UNALIGNED, d, src.get(Layouts.LONG_UNALIGNED, at));
                dst.set(Layouts.LONG_UNALIGNED, d + 8, src.get(Layouts.LONG_UNALIGNED, at + 8));
                d += ((word >>> b) & 1) << 4;
            }
            return (int)((d >>> 4) - dstIndex);
        }
        int k = j;
        long m = word;
        while (m != 0)
        {
            final int b = Long.numberOfTrailingZeros(m);
            MemorySegment.copy(src, (from + b) << 4, dst, (dstIndex + k) << 4, 16);
            k++;
            m &= m - 1;
        }
        return k;
    }

    /**
     * Compacts a bitmap by another: output bit {@code k} is the {@code k}-th input bit whose mask bit is set. Used for
     * validity and boolean vectors. One {@link Long#compress} (BMI2 {@code pext}) per 64 rows.
     *
     * @param src          the input bitmap.
     * @param srcBitOffset its first bit.
     * @param mask         the selection bitmap.
     * @param maskBitOffset its first bit.
     * @param count        how many bits to consider.
     * @param dst          the output bitmap, written from bit 0; needs {@code ceil(selected / 8)} bytes. Bits
     *                     past the last written one in its last byte are cleared.
     * @return how many bits were written.
     */
    public static int compactBits(final MemorySegment src, final long srcBitOffset, final MemorySegment mask,
        final long maskBitOffset, final int count, final MemorySegment dst)
    {
        long acc = 0;
        int accBits = 0;
        long outByte = 0;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            final long m = loadBits(mask, maskBitOffset + i, n);
            if (m == 0)
            {
                continue;
            }
            final long bits = Long.compress(loadBits(src, srcBitOffset + i, n), m);
            final int got = Long.bitCount(m);
            acc |= bits << accBits;
            if (accBits + got >= 64)
            {
                dst.set(Layouts.LONG_UNALIGNED, outByte, acc);
                outByte += 8;
                final int used = 64 - accBits;
                acc = used == 64 ? 0 : bits >>> used;
                accBits = accBits + got - 64;
            }
            else
            {
                accBits += got;
            }
        }
        flushBits(dst, outByte, acc, accBits);
        return (int)(outByte * 8 + accBits);
    }

    static void flushBits(final MemorySegment dst, final long outByte, final long acc, final int accBits)
    {
        final int bytes = (accBits + 7) >>> 3;
        for (int b = 0; b < bytes; b++)
        {
            dst.set(Layouts.BYTE, outByte + b, (byte)(acc >>> (b << 3)));
        }
    }
}
