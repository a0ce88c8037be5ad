package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Compaction by bitmap (the copy half of a filter): copies the elements whose bit is set to a dense output and returns
 * how many it wrote. Dispatches once per JVM on {@link SimdConfig#VECTOR_ENABLED} to {@link VectorCompaction} or
 * {@link ScalarCompaction}; both give identical results.
 *
 * <pre>
 *   src     : | e0 | e1 | e2 | e3 | e4 | ...   element (srcIndex + i), width 1, 2, 4, 8 or 16 bytes
 *   bitmap  : bit (bitOffset + i), LSB first: bit k is bit (k % 8) of byte (k / 8)
 *   dst     : | selected elements, in order | ...   from element dstIndex
 * </pre>
 *
 * <p>{@code dst} needs room only for the selected elements (no slack): the implementations switch to exact writes near
 * its end. Elements of {@code dst} after the last one written may be overwritten as scratch; elements before
 * {@code dstIndex} are never touched.
 *
 * <p>Thread-safety: stateless. Buffers are borrowed for the call only; segments must not be {@code null}.
 */
public final class Compaction
{
    private Compaction()
    {
    }

    /**
     * @param width     element width in bytes: 1, 2, 4, 8 or 16.
     * @param src       input elements.
     * @param srcIndex  element selected by bit {@code bitOffset}.
     * @param bitmap    LSB-first selection bitmap.
     * @param bitOffset first bit.
     * @param count     elements considered.
     * @param dst       output; room for the selected elements after {@code dstIndex}.
     * @param dstIndex  first output element.
     * @return how many elements were written.
     */
    public static int compact(final int width, final MemorySegment src, final long srcIndex,
        final MemorySegment bitmap, final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorCompaction.compact(width, src, srcIndex, bitmap, bitOffset, count, dst, dstIndex) :
            ScalarCompaction.compact(width, src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
    }

    /** int64/float64 etc.; see {@link #compact}. @return elements written. */
    public static int compactLongs(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorCompaction.compactLongs(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex) :
            ScalarCompaction.compactLongs(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
    }

    /**
     * Compacts a bitmap by a mask bitmap (validity, booleans); see {@link ScalarCompaction#compactBits}.
     *
     * @return how many bits were written to {@code dst} from bit 0.
     */
    public static int compactBits(final MemorySegment src, final long srcBitOffset, final MemorySegment mask,
        final long maskBitOffset, final int count, final MemorySegment dst)
    {
        return ScalarCompaction.compactBits(src, srcBitOffset, mask, maskBitOffset, count, dst);
    }

    /**
     * @param bitmap    a bitmap.
     * @param bitOffset first bit.
     * @param count     bits considered.
     * @return the number of set bits in {@code [bitOffset, bitOffset + count)}.
     */
    public static int countBits(final MemorySegment bitmap, final long bitOffset, final int count)
    {
        return ScalarCompaction.countBits(bitmap, bitOffset, count);
    }
}
