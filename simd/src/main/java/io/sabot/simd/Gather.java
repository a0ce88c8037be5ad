package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Gather by int32 indices ({@code dst[dstIndex + i] = src[idx[indexStart + i]]}) for elements of 1, 2, 4, 8 and 16
 * bytes, and bit gather for validity and boolean bitmaps: the copy half of take and of filter by selection.
 * Dispatches on {@link SimdConfig#VECTOR_ENABLED} to {@link VectorGather} or {@link ScalarGather}; the Vector API can
 * only gather from heap arrays, so off-heap data always takes the unrolled scalar loop (see {@link VectorGather}).
 *
 * <pre>
 *   indices : | i0 | i1 | ... |   int32 LE          src : element k at byte k * width
 *   dst     : | src[i0] | src[i1] | ... |           from element dstIndex
 * </pre>
 *
 * <p>Thread-safety: stateless. Buffers are borrowed for the call only; segments must not be {@code null}. Indices are
 * only bounds-checked by the segments; callers validate them first for a typed error.
 */
public final class Gather
{
    private Gather()
    {
    }

    /**
     * @param width      element width: 1, 2, 4, 8 or 16.
     * @param src        input elements.
     * @param indices    int32 indices into {@code src}.
     * @param indexStart first index element used.
     * @param count      elements to gather.
     * @param dst        output, room for {@code count} elements after {@code dstIndex}.
     * @param dstIndex   first output element.
     */
    public static void gather(final int width, final MemorySegment src, final MemorySegment indices,
        final long indexStart, final int count, final MemorySegment dst, final long dstIndex)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorGather.gather(width, src, indices, indexStart, count, dst, dstIndex);
        }
        else
        {
            ScalarGather.gather(width, src, indices, indexStart, count, dst, dstIndex);
        }
    }

    /**
     * Bit gather; see {@link ScalarGather#gatherBits}.
     *
     * @param src          input bitmap.
     * @param srcBitOffset bit that index 0 refers to.
     * @param indices      int32 indices.
     * @param indexStart   first index element used.
     * @param count        bits to gather.
     * @param dst          output bitmap from bit 0, {@code ceil(count / 8)} bytes.
     */
    public static void gatherBits(final MemorySegment src, final long srcBitOffset, final MemorySegment indices,
        final long indexStart, final int count, final MemorySegment dst)
    {
        ScalarGather.gatherBits(src, srcBitOffset, indices, indexStart, count, dst);
    }
}
