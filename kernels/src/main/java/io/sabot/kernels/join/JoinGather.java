package io.sabot.kernels.join;

import io.sabot.kernels.decimal.Decimal64Vector;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Row copies between Arrow vectors for the join: {@link #gather} builds {@link HashJoinProbe#nextBatch()} columns
 * (output row {@code i} copies source row {@code index[i]}, or is null where the index is null), and
 * {@link #append} copies build rows into the table's payload columns.
 *
 * <p>Fixed-width columns copy bytes directly; every other type uses Arrow's {@code copyFromSafe}. Gather results are
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
        if (src instanceof Decimal64Vector d)
        {
            // gathered as its int64 storage, wrapped back into the (possibly nullable) decimal64 field
            return Decimal64Vector.wrap(outField, gather(allocator, d.getUnderlyingVector().getField(),
                d.getUnderlyingVector(), indices, indexValidity, count));
        }
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

    /**
     * Appends {@code rows} of {@code src} to {@code dst} at rows {@code dstStart, dstStart + 1, ...} and sets
     * {@code dst}'s value count to the new end. {@code dst} grows as needed; {@code src} is not modified.
     */
    static void append(final FieldVector dst, final int dstStart, final FieldVector src, final Rows rows)
    {
        if (dst instanceof Decimal64Vector d && src instanceof Decimal64Vector s)
        {
            append(d.getUnderlyingVector(), dstStart, s.getUnderlyingVector(), rows);
            return;
        }
        final int n = rows.count();
        final int end = dstStart + n;
        if (dst instanceof BaseFixedWidthVector out && src instanceof BaseFixedWidthVector in &&
            !(src instanceof BitVector) && in.getTypeWidth() > 0)
        {
            while (out.getValueCapacity() < end)
            {
                out.reAlloc();
            }
            final int width = in.getTypeWidth();
            final MemorySegment srcData = ArrowMemory.segment(in.getDataBuffer());
            final MemorySegment srcValidity = in.getNullCount() == 0 ? null : ArrowMemory.segment(
                in.getValidityBuffer());
            final MemorySegment outData = ArrowMemory.segment(out.getDataBuffer());
            final MemorySegment outValidity = ArrowMemory.segment(out.getValidityBuffer());
            if (rows.isContiguous())
            {
                MemorySegment.copy(srcData, (long)rows.offset() * width, outData, (long)dstStart * width,
                    (long)n * width);
            }
            for (int i = 0; i < n; i++)
            {
                final int row = rows.rowAt(i);
                final int target = dstStart + i;
                if (!rows.isContiguous())
                {
                    MemorySegment.copy(srcData, (long)row * width, outData, (long)target * width, width);
                }
                final long byteIndex = target >>> 3;
                final byte old = outValidity.get(ValueLayout.JAVA_BYTE, byteIndex);
                final int bit = 1 << (target & 7);
                final boolean valid = srcValidity == null || FixedKeyColumn.isValid(srcValidity, row);
                outValidity.set(ValueLayout.JAVA_BYTE, byteIndex, (byte)(valid ? old | bit : old & ~bit));
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                dst.copyFromSafe(rows.rowAt(i), dstStart + i, src);
            }
        }
        dst.setValueCount(end);
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
