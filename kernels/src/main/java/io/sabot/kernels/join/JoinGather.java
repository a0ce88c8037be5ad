package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Gathers rows of a column into a new vector for {@link HashJoinProbe#nextBatch()}: output row {@code i} copies
 * source row {@code index[i]}, or is null where the index is null.
 *
 * <p>Fixed-width columns copy bytes directly; every other type uses Arrow's {@code copyFromSafe}. The result is
 * allocated from the given allocator and owned by the caller.
 */
final class JoinGather
{
    private JoinGather()
    {
    }

    /**
     * @param allocator       where the output lives.
     * @param outField        the output field (may be the nullable version of the source's field).
     * @param src             the source column (not closed).
     * @param indices         int32 source rows.
     * @param indexValidity   validity bitmap of {@code indices}, or {@code null} when every index is valid.
     * @param count           output rows.
     * @return a new vector of {@code count} rows.
     */
    static FieldVector gather(final BufferAllocator allocator, final Field outField, final FieldVector src,
        final MemorySegment indices, final MemorySegment indexValidity, final int count)
    {
        final FieldVector out = outField.createVector(allocator);
        try
        {
            if (src instanceof BaseFixedWidthVector fixed && !(src instanceof BitVector) && fixed.getTypeWidth() > 0)
            {
                gatherFixed((BaseFixedWidthVector)out, fixed, indices, indexValidity, count);
            }
            else
            {
                out.setInitialCapacity(count);
                out.allocateNew();
                for (int i = 0; i < count; i++)
                {
                    if (indexValidity == null || FixedKeyColumn.isValid(indexValidity, i))
                    {
                        out.copyFromSafe(indices.get(Layouts.INT_UNALIGNED, (long)i << 2), i, src);
                    }
                }
            }
            out.setValueCount(count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static void gatherFixed(final BaseFixedWidthVector out, final BaseFixedWidthVector src,
        final MemorySegment indices, final MemorySegment indexValidity, final int count)
    {
        out.allocateNew(count);
        if (count == 0)
        {
            return;
        }
        final int width = src.getTypeWidth();
        final MemorySegment srcData = ArrowMemory.segment(src.getDataBuffer());
        final MemorySegment srcValidity = src.getNullCount() == 0 ? null : ArrowMemory.segment(
            src.getValidityBuffer());
        final MemorySegment outData = ArrowMemory.segment(out.getDataBuffer());
        final MemorySegment outValidity = ArrowMemory.segment(out.getValidityBuffer());
        int bits = 0;
        for (int i = 0; i < count; i++)
        {
            if (indexValidity == null || FixedKeyColumn.isValid(indexValidity, i))
            {
                final int row = indices.get(Layouts.INT_UNALIGNED, (long)i << 2);
                if (width == 8)
                {
                    outData.set(Layouts.LONG_UNALIGNED, (long)i << 3,
                        srcData.get(Layouts.LONG_UNALIGNED, (long)row << 3));
                }
                else if (width == 4)
                {
                    outData.set(Layouts.INT_UNALIGNED, (long)i << 2,
                        srcData.get(Layouts.INT_UNALIGNED, (long)row << 2));
                }
                else
                {
                    MemorySegment.copy(srcData, (long)row * width, outData, (long)i * width, width);
                }
                if (srcValidity == null || FixedKeyColumn.isValid(srcValidity, row))
                {
                    bits |= 1 << (i & 7);
                }
            }
            if ((i & 7) == 7)
            {
                outValidity.set(ValueLayout.JAVA_BYTE, i >>> 3, (byte)bits);
                bits = 0;
            }
        }
        if ((count & 7) != 0)
        {
            outValidity.set(ValueLayout.JAVA_BYTE, (count - 1) >>> 3, (byte)bits);
        }
    }
}
