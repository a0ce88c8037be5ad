package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Operations on Arrow-style bitmaps over bit ranges that may start at any bit (Arrow slices may start mid-byte):
 * and, or, and-not, xor, not, copy, fill, popcount, and the positions of set bits. Dispatches on
 * {@link SimdConfig#VECTOR_ENABLED} to {@link VectorBitmaps} (256-bit chunks when every range is byte-aligned) or
 * {@link ScalarBitmaps}.
 *
 * <pre>
 *   bit i of a range starting at bit p  =  bit ((p + i) % 8) of byte ((p + i) / 8)   (LSB first)
 *
 *   byte:      0          1          2
 *           +--------+ +--------+ +--------+
 *   bits:   |76543210| |fedcba98| |...     |     a range [p=3, p+10) covers bits 3..12
 *           +--------+ +--------+ +--------+
 * </pre>
 *
 * <p>Output ranges: only bytes holding bits of the output range are written, and other bits of the first and last
 * byte are preserved (read-modify-write). Output may alias an input at the same bit offset.
 *
 * <p>Thread-safety: stateless; see {@link ScalarBitmaps} for concurrent writes. Buffer ownership: the caller's
 * segments, which must be large enough. Nulls: none at this level.
 */
public final class Bitmaps
{
    private Bitmaps()
    {
    }

    /**
     * @param bitmap an LSB-first bitmap.
     * @param bitPos the bit to read.
     * @return that bit, 0 or 1.
     */
    public static int bit(final MemorySegment bitmap, final long bitPos)
    {
        return (bitmap.get(Layouts.BYTE, bitPos >>> 3) >>> (bitPos & 7)) & 1;
    }

    /**
     * @param bitmap an LSB-first bitmap.
     * @param bitPos the bit to read.
     * @return true when that bit is set.
     */
    public static boolean isSet(final MemorySegment bitmap, final long bitPos)
    {
        return bit(bitmap, bitPos) != 0;
    }

    /**
     * {@code out[outBit + i] = left[leftBit + i] & right[rightBit + i]} for {@code i} in {@code [0, count)}.
     *
     * @param left     left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right    right bitmap.
     * @param rightBit first bit of the right range.
     * @param out      output bitmap.
     * @param outBit   first output bit.
     * @param count    number of bits.
     */
    public static void and(final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        binary(ScalarBitmaps.AND, left, leftBit, right, rightBit, out, outBit, count);
    }

    /**
     * {@code out = left | right} over the ranges; see {@link #and}.
     *
     * @param left     left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right    right bitmap.
     * @param rightBit first bit of the right range.
     * @param out      output bitmap.
     * @param outBit   first output bit.
     * @param count    number of bits.
     */
    public static void or(final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        binary(ScalarBitmaps.OR, left, leftBit, right, rightBit, out, outBit, count);
    }

    /**
     * {@code out = left & ~right} over the ranges; see {@link #and}.
     *
     * @param left     left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right    right bitmap.
     * @param rightBit first bit of the right range.
     * @param out      output bitmap.
     * @param outBit   first output bit.
     * @param count    number of bits.
     */
    public static void andNot(final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        binary(ScalarBitmaps.AND_NOT, left, leftBit, right, rightBit, out, outBit, count);
    }

    /**
     * {@code out = left ^ right} over the ranges; see {@link #and}.
     *
     * @param left     left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right    right bitmap.
     * @param rightBit first bit of the right range.
     * @param out      output bitmap.
     * @param outBit   first output bit.
     * @param count    number of bits.
     */
    public static void xor(final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        binary(ScalarBitmaps.XOR, left, leftBit, right, rightBit, out, outBit, count);
    }

    private static void binary(final int op, final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorBitmaps.binary(op, left, leftBit, right, rightBit, out, outBit, count);
        }
        else
        {
            ScalarBitmaps.binary(op, left, leftBit, right, rightBit, out, outBit, count);
        }
    }

    /**
     * {@code out[outBit + i] = ~in[inBit + i]} for {@code i} in {@code [0, count)}.
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
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorBitmaps.not(in, inBit, out, outBit, count);
        }
        else
        {
            ScalarBitmaps.not(in, inBit, out, outBit, count);
        }
    }

    /**
     * Copies a bit range (shifting it when the offsets differ). Word-at-a-time; aligned ranges cost one unaligned
     * long load and store per 64 bits, so there is no separate vector path.
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
        ScalarBitmaps.copy(in, inBit, out, outBit, count);
    }

    /**
     * Sets or clears a bit range (a memset for the whole bytes).
     *
     * @param bitmap the bitmap.
     * @param bitPos first bit.
     * @param count  number of bits.
     * @param value  true to set, false to clear.
     */
    public static void fill(final MemorySegment bitmap, final long bitPos, final long count, final boolean value)
    {
        ScalarBitmaps.fill(bitmap, bitPos, count, value);
    }

    /**
     * @param bitmap the bitmap.
     * @param bitPos first bit.
     * @param count  number of bits.
     * @return the number of set bits in {@code [bitPos, bitPos + count)}.
     */
    public static long popcount(final MemorySegment bitmap, final long bitPos, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorBitmaps.popcount(bitmap, bitPos, count) :
            ScalarBitmaps.popcount(bitmap, bitPos, count);
    }

    /**
     * Writes {@code base + i} as int32 for every set bit {@code bitPos + i}, {@code i} in {@code [0, count)}, in
     * ascending order. Works a word at a time: zero words are skipped, all-ones words are written in bulk, other
     * words are walked with {@link Long#numberOfTrailingZeros}.
     *
     * <pre>
     *   positions (int32 LE): | base+i0 | base+i1 | ... | base+i(n-1) |   n = return value, at most count
     * </pre>
     *
     * @param bitmap    the bitmap.
     * @param bitPos    first bit.
     * @param count     number of bits.
     * @param base      added to every position (e.g. the first row of a contiguous range, to get absolute rows).
     * @param positions output, at least {@code 4 * popcount} bytes, written from byte 0.
     * @return the number of positions written.
     */
    public static int selectSetBits(final MemorySegment bitmap, final long bitPos, final int count, final int base,
        final MemorySegment positions)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorBitmaps.selectSetBits(bitmap, bitPos, count, base, positions) :
            ScalarBitmaps.selectSetBits(bitmap, bitPos, count, base, positions);
    }

    /**
     * @param bitmap the bitmap.
     * @param bitPos first bit.
     * @param nbits  number of bits, 0 to 64.
     * @return those bits in the low bits of a long, higher bits zero.
     */
    public static long loadBits(final MemorySegment bitmap, final long bitPos, final int nbits)
    {
        return ScalarBitmaps.loadBits(bitmap, bitPos, nbits);
    }

    /**
     * Stores 64 bits; a single long store when {@code bitPos} is byte-aligned.
     *
     * @param bitmap the bitmap.
     * @param bitPos first bit written.
     * @param word   the bits, bit 0 first.
     */
    public static void storeWord(final MemorySegment bitmap, final long bitPos, final long word)
    {
        ScalarBitmaps.storeWord(bitmap, bitPos, word);
    }

    /**
     * Stores the low {@code nbits} bits of {@code word}, preserving the other bits of the bytes touched.
     *
     * @param bitmap the bitmap.
     * @param bitPos first bit written.
     * @param word   the bits, bit 0 first.
     * @param nbits  number of bits, 0 to 64.
     */
    public static void storeBits(final MemorySegment bitmap, final long bitPos, final long word, final int nbits)
    {
        ScalarBitmaps.storeBits(bitmap, bitPos, word, nbits);
    }
}
