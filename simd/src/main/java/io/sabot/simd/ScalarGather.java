package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Scalar gather by int32 indices ({@code dst[dstIndex + i] = src[idx[indexStart + i]]}) for elements of 1, 2, 4, 8
 * and 16 bytes, and bit gather for validity and boolean bitmaps. Unrolled by four so that four independent loads are
 * in flight; for off-heap data (Arrow buffers) it is the path both facades take (see {@link VectorGather}).
 *
 * <pre>
 *   indices : | i0 | i1 | i2 | ... |   int32 LE, from element indexStart
 *   src     : element k at byte k * width
 *   dst     : | src[i0] | src[i1] | src[i2] | ...   from element dstIndex
 * </pre>
 *
 * <p>Indices are not validated here beyond the segments' own bounds checks (an index outside {@code src} throws
 * {@link IndexOutOfBoundsException}); kernels validate up front with a typed error. Thread-safety: stateless. Buffers
 * are borrowed for the call only; segments must not be {@code null}.
 */
public final class ScalarGather
{
    private ScalarGather()
    {
    }

    /**
     * @param width      element width: 1, 2, 4, 8 or 16.
     * @param src        input elements.
     * @param indices    int32 indices into {@code src}.
     * @param indexStart first index element used.
     * @param count      how many elements to gather.
     * @param dst        output, room for {@code count} elements after {@code dstIndex}.
     * @param dstIndex   first output element.
     */
    public static void gather(final int width, final MemorySegment src, final MemorySegment indices,
        final long indexStart, final int count, final MemorySegment dst, final long dstIndex)
    {
        switch (width)
        {
            case 1 -> gatherBytes(src, indices, indexStart, count, dst, dstIndex);
            case 2 -> gatherShorts(src, indices, indexStart, count, dst, dstIndex);
            case 4 -> gatherInts(src, indices, indexStart, count, dst, dstIndex);
            case 8 -> gatherLongs(src, indices, indexStart, count, dst, dstIndex);
            case 16 -> gather128(src, indices, indexStart, count, dst, dstIndex);
            default -> throw new IllegalArgumentException("element width must be 1, 2, 4, 8 or 16, was " + width);
        }
    }

    private static int index(final MemorySegment indices, final long k)
    {
        return indices.get(Layouts.INT_UNALIGNED, k << 2);
    }

    /** 1-byte elements; see {@link #gather}. */
    public static void gatherBytes(final MemorySegment src, final MemorySegment indices, final long indexStart,
        final int count, final MemorySegment dst, final long dstIndex)
    {
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            final long k = indexStart + i;
            final byte a = src.get(Layouts.BYTE, index(indices, k));
            final byte b = src.get(Layouts.BYTE, index(indices, k + 1));
            final byte c = src.get(Layouts.BYTE, index(indices, k + 2));
            final byte d = src.get(Layouts.BYTE, index(indices, k + 3));
            final long o = dstIndex + i;
            dst.set(Layouts.BYTE, o, a);
            dst.set(Layouts.BYTE, o + 1, b);
            dst.set(Layouts.BYTE, o + 2, c);
            dst.set(Layouts.BYTE, o + 3, d);
        }
        for (; i < count; i++)
        {
            dst.set(Layouts.BYTE, dstIndex + i, src.get(Layouts.BYTE, index(indices, indexStart + i)));
        }
    }

    /** 2-byte elements; see {@link #gather}. */
    public static void gatherShorts(final MemorySegment src, final MemorySegment indices, final long indexStart,
        final int count, final MemorySegment dst, final long dstIndex)
    {
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            final long k = indexStart + i;
            final short a = src.get(Layouts.SHORT_UNALIGNED, (long)index(indices, k) << 1);
            final short b = src.get(Layouts.SHORT_UNALIGNED, (long)index(indices, k + 1) << 1);
            final short c = src.get(Layouts.SHORT_UNALIGNED, (long)index(indices, k + 2) << 1);
            final short d = src.get(Layouts.SHORT_UNALIGNED, (long)index(indices, k + 3) << 1);
            final long o = (dstIndex + i) << 1;
            dst.set(Layouts.SHORT_UNALIGNED, o, a);
            dst.set(Layouts.SHORT_UNALIGNED, o + 2, b);
            dst.set(Layouts.SHORT_UNALIGNED, o + 4, c);
            dst.set(Layouts.SHORT_UNALIGNED, o + 6, d);
        }
        for (; i < count; i++)
        {
            dst.set(Layouts.SHORT_UNALIGNED, (dstIndex + i) << 1,
                src.get(Layouts.SHORT_UNALIGNED, (long)index(indices, indexStart + i) << 1));
        }
    }

    /** 4-byte elements; see {@link #gather}. */
    public static void gatherInts(final MemorySegment src, final MemorySegment indices, final long indexStart,
        final int count, final MemorySegment dst, final long dstIndex)
    {
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            final long k = indexStart + i;
            final int a = src.get(Layouts.INT_UNALIGNED, (long)index(indices, k) << 2);
            final int b = src.get(Layouts.INT_UNALIGNED, (long)index(indices, k + 1) << 2);
            final int c = src.get(Layouts.INT_UNALIGNED, (long)index(indices, k + 2) << 2);
            final int d = src.get(Layouts.INT_UNALIGNED, (long)index(indices, k + 3) << 2);
            final long o = (dstIndex + i) << 2;
            dst.set(Layouts.INT_UNALIGNED, o, a);
            dst.set(Layouts.INT_UNALIGNED, o + 4, b);
            dst.set(Layouts.INT_UNALIGNED, o + 8, c);
            dst.set(Layouts.INT_UNALIGNED, o + 12, d);
        }
        for (; i < count; i++)
        {
            dst.set(Layouts.INT_UNALIGNED, (dstIndex + i) << 2,
                src.get(Layouts.INT_UNALIGNED, (long)index(indices, indexStart + i) << 2));
        }
    }

    /** 8-byte elements; see {@link #gather}. */
    public static void gatherLongs(final MemorySegment src, final MemorySegment indices, final long indexStart,
        final int count, final MemorySegment dst, final long dstIndex)
    {
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            final long k = indexStart + i;
            final long a = src.get(Layouts.LONG_UNALIGNED, (long)index(indices, k) << 3);
            final long b = src.get(Layouts.LONG_UNALIGNED, (long)index(indices, k + 1) << 3);
            final long c = src.get(Layouts.LONG_UNALIGNED, (long)index(indices, k + 2) << 3);
            final long d = src.get(Layouts.LONG_UNALIGNED, (long)index(indices, k + 3) << 3);
            final long o = (dstIndex + i) << 3;
            dst.set(Layouts.LONG_UNALIGNED, o, a);
            dst.set(Layouts.LONG_UNALIGNED, o + 8, b);
            dst.set(Layouts.LONG_UNALIGNED, o + 16, c);
            dst.set(Layouts.LONG_UNALIGNED, o + 24, d);
        }
        for (; i < count; i++)
        {
            dst.set(Layouts.LONG_UNALIGNED, (dstIndex + i) << 3,
                src.get(Layouts.LONG_UNALIGNED, (long)index(indices, indexStart + i) << 3));
        }
    }

    /** 16-byte elements (decimal128); see {@link #gather}. */
    public static void gather128(final MemorySegment src, final MemorySegment indices, final long indexStart,
        final int count, final MemorySegment dst, final long dstIndex)
    {
        int i = 0;
        for (; i + 2 <= count; i += 2)
        {
            final long a = (long)index(indices, indexStart + i) << 4;
            final long b = (long)index(indices, indexStart + i + 1) << 4;
            final long a0 = src.get(Layouts.LONG_UNALIGNED, a);
            final long a1 = src.get(Layouts.LONG_UNALIGNED, a + 8);
            final long b0 = src.get(Layouts.LONG_UNALIGNED, b);
            final long b1 = src.get(Layouts.LONG_UNALIGNED, b + 8);
            final long o = (dstIndex + i) << 4;
            dst.set(Layouts.LONG_UNALIGNED, o, a0);
            dst.set(Layouts.LONG_UNALIGNED, o + 8, a1);
            dst.set(Layouts.LONG_UNALIGNED, o + 16, b0);
            dst.set(Layouts.LONG_UNALIGNED, o + 24, b1);
        }
        for (; i < count; i++)
        {
            final long a = (long)index(indices, indexStart + i) << 4;
            final long o = (dstIndex + i) << 4;
            dst.set(Layouts.LONG_UNALIGNED, o, src.get(Layouts.LONG_UNALIGNED, a));
            dst.set(Layouts.LONG_UNALIGNED, o + 8, src.get(Layouts.LONG_UNALIGNED, a + 8));
        }
    }

    /**
     * Bit gather: output bit {@code i} = input bit {@code srcBitOffset + idx[indexStart + i]}. For validity and
     * boolean bitmaps.
     *
     * @param src          input bitmap, LSB first.
     * @param srcBitOffset bit that index 0 refers to.
     * @param indices      int32 indices.
     * @param indexStart   first index element used.
     * @param count        bits to gather.
     * @param dst          output bitmap written from bit 0; needs {@code ceil(count / 8)} bytes. Bits past
     *                     {@code count} in the last byte are cleared.
     */
    public static void gatherBits(final MemorySegment src, final long srcBitOffset, final MemorySegment indices,
        final long indexStart, final int count, final MemorySegment dst)
    {
        int i = 0;
        for (; i + 64 <= count; i += 64)
        {
            long word = 0;
            for (int b = 0; b < 64; b++)
            {
                final long bit = srcBitOffset + index(indices, indexStart + i + b);
                word |= (long)Bitmaps.bit(src, bit) << b;
            }
            dst.set(Layouts.LONG_UNALIGNED, (long)i >>> 3, word);
        }
        if (i < count)
        {
            long word = 0;
            final int n = count - i;
            for (int b = 0; b < n; b++)
            {
                final long bit = srcBitOffset + index(indices, indexStart + i + b);
                word |= (long)Bitmaps.bit(src, bit) << b;
            }
            ScalarCompaction.flushBits(dst, (long)i >>> 3, word, n);
        }
    }
}
