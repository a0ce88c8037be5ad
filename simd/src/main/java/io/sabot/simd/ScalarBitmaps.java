package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Plain scalar twin of {@link VectorBitmaps}, and the bit-level load/store helpers every bitmap loop in this package
 * uses. Works a 64-bit word at a time at any bit offset: a word is read with {@link #loadBits} (one unaligned long
 * plus, when the range straddles it, one more byte) and written with {@link #storeBits}.
 *
 * <p>Thread-safety: stateless; concurrent calls on disjoint bit ranges of one bitmap are safe only when the ranges
 * do not share a byte (partial bytes are read-modify-written). Buffer ownership: the caller's segments. Nulls: none.
 */
public final class ScalarBitmaps
{
    static final int AND = 0;
    static final int OR = 1;
    static final int AND_NOT = 2;
    static final int XOR = 3;

    private ScalarBitmaps()
    {
    }

    /**
     * @param bitmap the bitmap.
     * @param bitPos index of the first bit.
     * @param nbits  number of bits, 0 to 64.
     * @return bits {@code [bitPos, bitPos + nbits)} in the low bits of the result, higher bits zero.
     */
    public static long loadBits(final MemorySegment bitmap, final long bitPos, final int nbits)
    {
        if (nbits == 0)
        {
            return 0L;
        }
        final long byteOffset = bitPos >>> 3;
        final int shift = (int)(bitPos & 7);
        long word;
        if (byteOffset + 8 <= bitmap.byteSize())
        {
            word = bitmap.get(Layouts.LONG_UNALIGNED, byteOffset) >>> shift;
            if (shift + nbits > 64)
            {
                word |= (bitmap.get(Layouts.BYTE, byteOffset + 8) & 0xFFL) << (64 - shift);
            }
        }
        else
        {
            // Near the end of the segment: at most 8 bytes are needed here (9 would have passed the test above).
            final int bytes = (shift + nbits + 7) >>> 3;
            long raw = 0;
            for (int b = 0; b < bytes; b++)
            {
                raw |= (bitmap.get(Layouts.BYTE, byteOffset + b) & 0xFFL) << (b << 3);
            }
            word = raw >>> shift;
        }
        return nbits == 64 ? word : word & ((1L << nbits) - 1);
    }

    /**
     * Writes a full word of 64 bits; one unaligned long store when {@code bitPos} is byte-aligned.
     *
     * @param bitmap the bitmap.
     * @param bitPos index of the first bit written.
     * @param word   the 64 bits, bit 0 first.
     */
    public static void storeWord(final MemorySegment bitmap, final long bitPos, final long word)
    {
        if ((bitPos & 7) == 0)
        {
            bitmap.set(Layouts.LONG_UNALIGNED, bitPos >>> 3, word);
        }
        else
        {
            storeBits(bitmap, bitPos, word, 64);
        }
    }

    /**
     * Writes the low {@code nbits} bits of {@code word}. Only the bytes holding bits of the range are touched, and
     * the other bits of its first and last byte are preserved.
     *
     * @param bitmap the bitmap.
     * @param bitPos index of the first bit written.
     * @param word   the bits, bit 0 first; bits at and above {@code nbits} are ignored.
     * @param nbits  number of bits, 0 to 64.
     */
    public static void storeBits(final MemorySegment bitmap, final long bitPos, final long word, final int nbits)
    {
        if (nbits == 64 && (bitPos & 7) == 0)
        {
            bitmap.set(Layouts.LONG_UNALIGNED, bitPos >>> 3, word);
            return;
        }
        long bits = word;
        long at = bitPos >>> 3;
        int pos = (int)(bitPos & 7);
        int remaining = nbits;
        while (remaining > 0)
        {
            final int inByte = Math.min(8 - pos, remaining);
            final int mask = ((1 << inByte) - 1) << pos;
            final int value = (int)(bits << pos) & mask;
            if (mask == 0xFF)
            {
                bitmap.set(Layouts.BYTE, at, (byte)value);
            }
            else
            {
                final int old = bitmap.get(Layouts.BYTE, at);
                bitmap.set(Layouts.BYTE, at, (byte)((old & ~mask) | value));
            }
            bits >>>= inByte;
            remaining -= inByte;
            pos = 0;
            at++;
        }
    }

    /**
     * Sets or clears bits {@code [bitPos, bitPos + count)}.
     *
     * @param bitmap the bitmap.
     * @param bitPos index of the first bit.
     * @param count  number of bits.
     * @param value  true to set, false to clear.
     */
    public static void fill(final MemorySegment bitmap, final long bitPos, final long count, final boolean value)
    {
        final long word = value ? -1L : 0L;
        long i = 0;
        // Head up to a byte boundary, then whole bytes with a memset, then the tail.
        final int head = (int)Math.min(count, (8 - (bitPos & 7)) & 7);
        storeBits(bitmap, bitPos, word, head);
        i += head;
        final long bytes = (count - i) >>> 3;
        if (bytes > 0)
        {
            bitmap.asSlice((bitPos + i) >>> 3, bytes).fill((byte)word);
            i += bytes << 3;
        }
        storeBits(bitmap, bitPos + i, word, (int)(count - i));
    }

    /**
     * See {@link Bitmaps#and}; {@code op} is one of {@link #AND}, {@link #OR}, {@link #AND_NOT}, {@link #XOR}.
     *
     * @param op     the operation.
     * @param left   left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right  right bitmap.
     * @param rightBit first bit of the right range.
     * @param out    output bitmap.
     * @param outBit first output bit.
     * @param count  number of bits.
     */
    public static void binary(final int op, final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        for (long i = 0; i < count; i += 64)
        {
            final int n = (int)Math.min(64, count - i);
            final long a = loadBits(left, leftBit + i, n);
            final long b = loadBits(right, rightBit + i, n);
            final long r = switch (op)
            {
                case AND -> a & b;
                case OR -> a | b;
                case AND_NOT -> a & ~b;
                default -> a ^ b;
            };
            storeBits(out, outBit + i, r, n);
        }
    }

    /**
     * See {@link Bitmaps#not}.
     *
     * @param in     input bitmap.
     * @param inBit  first input bit.
     * @param out    output bitmap.
     * @param outBit first output bit.
     * @param count  number of bits.
     */
    public static void not(final MemorySegment in, final long inBit, final MemorySegment out, final long outBit,
        final long count)
    {
        for (long i = 0; i < count; i += 64)
        {
            final int n = (int)Math.min(64, count - i);
            storeBits(out, outBit + i, ~loadBits(in, inBit + i, n), n);
        }
    }

    /**
     * See {@link Bitmaps#copy}.
     *
     * @param in     input bitmap.
     * @param inBit  first input bit.
     * @param out    output bitmap.
     * @param outBit first output bit.
     * @param count  number of bits.
     */
    public static void copy(final MemorySegment in, final long inBit, final MemorySegment out, final long outBit,
        final long count)
    {
        for (long i = 0; i < count; i += 64)
        {
            final int n = (int)Math.min(64, count - i);
            storeBits(out, outBit + i, loadBits(in, inBit + i, n), n);
        }
    }

    /**
     * See {@link Bitmaps#popcount}.
     *
     * @param bitmap the bitmap.
     * @param bitPos first bit.
     * @param count  number of bits.
     * @return the number of set bits in the range.
     */
    public static long popcount(final MemorySegment bitmap, final long bitPos, final long count)
    {
        long n = 0;
        for (long i = 0; i < count; i += 64)
        {
            n += Long.bitCount(loadBits(bitmap, bitPos + i, (int)Math.min(64, count - i)));
        }
        return n;
    }

    /**
     * See {@link Bitmaps#selectSetBits}.
     *
     * @param bitmap    the bitmap.
     * @param bitPos    first bit.
     * @param count     number of bits.
     * @param base      added to every position written.
     * @param positions output int32 positions, written from index 0.
     * @return the number of positions written.
     */
    public static int selectSetBits(final MemorySegment bitmap, final long bitPos, final int count, final int base,
        final MemorySegment positions)
    {
        int n = 0;
        for (int i = 0; i < count; i += 64)
        {
            long word = loadBits(bitmap, bitPos + i, Math.min(64, count - i));
            final int p = base + i;
            if (word == -1L)
            {
                for (int k = 0; k < 64; k++)
                {
                    positions.set(Layouts.INT_UNALIGNED, (long)(n + k) << 2, p + k);
                }
                n += 64;
                continue;
            }
            while (word != 0)
            {
                positions.set(Layouts.INT_UNALIGNED, (long)n << 2, p + Long.numberOfTrailingZeros(word));
                n++;
                word &= word - 1;
            }
        }
        return n;
    }
}
