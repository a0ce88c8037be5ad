package io.sabot.kernels.select;

import io.sabot.kernels.decimal.Decimal64Vector;
import java.lang.foreign.MemorySegment;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Compaction;
import io.sabot.simd.Gather;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The copy machinery shared by {@link Filter} and {@link Take}: one column at a time, either by a selection bitmap
 * (compaction) or by int32 row indices (gather), into a new vector of the input's field.
 *
 * <pre>
 *   fixed width : validity bits + values (width bytes each)      -> Compaction.compact / Gather.gather
 *   boolean     : validity bits + value bits                      -> Compaction.compactBits / Gather.gatherBits
 *   utf8/binary : validity bits + offsets (int32/int64, n + 1) + bytes
 *                 pass 1: output offsets from the selected lengths; pass 2: copy bytes, one copy per run of
 *                 consecutive input rows
 * </pre>
 *
 * <p>Thread-safety: stateless. Temporary buffers come from the caller's allocator and are freed before return. The
 * returned vector belongs to the caller; on failure it is closed before the exception leaves.
 */
final class SelectCopy
{
    private static final int BIT = -1;
    private static final int VAR = -2;
    private static final int LARGE_VAR = -3;

    private SelectCopy()
    {
    }

    /**
     * @param in a vector.
     * @return its element width in bytes, or {@link #BIT}, {@link #VAR}, {@link #LARGE_VAR}.
     * @throws SchemaException naming the column and type when the type is not supported.
     */
    static int kind(final FieldVector in)
    {
        if (in instanceof Decimal64Vector)
        {
            return Long.BYTES;
        }
        if (in instanceof BitVector)
        {
            return BIT;
        }
        if (in instanceof BaseFixedWidthVector fixed)
        {
            return fixed.getTypeWidth();
        }
        if (in instanceof BaseVariableWidthVector)
        {
            return VAR;
        }
        if (in instanceof BaseLargeVariableWidthVector)
        {
            return LARGE_VAR;
        }
        throw new SchemaException("filter/take does not support column '" + in.getName() + "' of type " +
            in.getField().getType() + " (" + in.getClass().getSimpleName() + ")");
    }

    static boolean isSimdWidth(final int width)
    {
        return width == 1 || width == 2 || width == 4 || width == 8 || width == 16;
    }

    /**
     * Copies the rows {@code srcStart + i} of {@code in} whose bit {@code i} of {@code mask} is set, {@code i} in
     * {@code [0, n)}.
     *
     * @param in        the input column (not closed).
     * @param srcStart  the input row that mask bit 0 refers to.
     * @param mask      selection bitmap from bit 0, at least {@code ceil(n / 8)} bytes.
     * @param n         rows considered.
     * @param count     the number of set bits in the mask (the output length).
     * @param allocator where the output lives.
     * @return a new vector of {@code count} rows owned by the caller.
     */
    static FieldVector byMask(final FieldVector in, final int srcStart, final MemorySegment mask, final int n,
        final int count, final BufferAllocator allocator)
    {
        if (in instanceof Decimal64Vector d)
        {
            // the int64 storage is copied like any int64 column, then wrapped back
            return Decimal64Vector.wrap(d.getField(), byMask(d.getUnderlyingVector(), srcStart, mask, n, count,
                allocator));
        }
        final int kind = kind(in);
        if (kind == VAR || kind == LARGE_VAR || !isSimdWidth(kind) && kind != BIT)
        {
            try (ArrowBuf positions = allocator.buffer(Math.max(4L, (long)count * Integer.BYTES)))
            {
                final MemorySegment pos = ArrowMemory.segment(positions);
                maskToPositions(mask, n, srcStart, pos);
                return byIndices(in, pos, count, null, allocator);
            }
        }
        final FieldVector out = in.getField().createVector(allocator);
        try
        {
            ((BaseFixedWidthVector)out).allocateNew(count);
            final MemorySegment outValidity = ArrowMemory.segment(out.getValidityBuffer());
            final MemorySegment inValidity = ArrowMemory.segment(in.getValidityBuffer());
            final MemorySegment inData = ArrowMemory.segment(in.getDataBuffer());
            final MemorySegment outData = ArrowMemory.segment(out.getDataBuffer());
            Compaction.compactBits(inValidity, srcStart, mask, 0, n, outValidity);
            if (kind == BIT)
            {
                Compaction.compactBits(inData, srcStart, mask, 0, n, outData);
            }
            else
            {
                Compaction.compact(kind, inData, srcStart, mask, 0, n, outData, 0);
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

    /** Writes the positions ({@code base +} bit index) of the set bits of {@code mask[0, n)} to {@code pos}. */
    static void maskToPositions(final MemorySegment mask, final int n, final int base, final MemorySegment pos)
    {
        long k = 0;
        for (int i = 0; i < n; i += 64)
        {
            long word = loadMaskWord(mask, i, Math.min(64, n - i));
            while (word != 0)
            {
                pos.set(Layouts.INT_UNALIGNED, k << 2, base + i + Long.numberOfTrailingZeros(word));
                k++;
                word &= word - 1;
            }
        }
    }

    private static long loadMaskWord(final MemorySegment mask, final int bit, final int nbits)
    {
        final long byteIndex = bit >>> 3;
        long word;
        if (byteIndex + 8 <= mask.byteSize())
        {
            word = mask.get(Layouts.LONG_UNALIGNED, byteIndex);
        }
        else
        {
            word = 0;
            final int bytes = (nbits + 7) >>> 3;
            for (int b = 0; b < bytes; b++)
            {
                word |= (mask.get(Layouts.BYTE, byteIndex + b) & 0xFFL) << (b << 3);
            }
        }
        return nbits == 64 ? word : word & ((1L << nbits) - 1);
    }

    /**
     * Gathers {@code in[idx[i]]} for {@code i} in {@code [0, count)}. Indices must already be validated; where
     * {@code idxValidity} is given, a cleared bit makes the output row null (its index must still be in range, e.g.
     * 0, unless {@code in} is empty).
     *
     * @param in          the input column (not closed).
     * @param idx         int32 row indices.
     * @param count       output rows.
     * @param idxValidity validity bitmap of the indices from bit 0, or {@code null} when none is null.
     * @param allocator   where the output lives.
     * @return a new vector of {@code count} rows owned by the caller.
     */
    static FieldVector byIndices(final FieldVector in, final MemorySegment idx, final int count,
        final MemorySegment idxValidity, final BufferAllocator allocator)
    {
        if (in instanceof Decimal64Vector d)
        {
            return Decimal64Vector.wrap(d.getField(), byIndices(d.getUnderlyingVector(), idx, count, idxValidity,
                allocator));
        }
        final int kind = kind(in);
        final FieldVector out = in.getField().createVector(allocator);
        try
        {
            if (in.getValueCount() == 0)
            {
                // only possible with every index null: an all-null output
                allocate(out, kind, 0, count);
                for (final ArrowBuf buffer : out.getFieldBuffers())
                {
                    buffer.setZero(0, buffer.capacity());
                }
                finish(out, kind, count);
                return out;
            }
            final MemorySegment inValidity = ArrowMemory.segment(in.getValidityBuffer());
            final MemorySegment inData = ArrowMemory.segment(in.getDataBuffer());
            if (kind == VAR || kind == LARGE_VAR)
            {
                gatherVariable(in, kind == LARGE_VAR, out, idx, count, idxValidity);
            }
            else
            {
                allocate(out, kind, 0, count);
                final MemorySegment outData = ArrowMemory.segment(out.getDataBuffer());
                if (kind == BIT)
                {
                    Gather.gatherBits(inData, 0, idx, 0, count, outData);
                }
                else if (isSimdWidth(kind))
                {
                    Gather.gather(kind, inData, idx, 0, count, outData, 0);
                }
                else
                {
                    for (int i = 0; i < count; i++)
                    {
                        MemorySegment.copy(inData, (long)idx.get(Layouts.INT_UNALIGNED, (long)i << 2) * kind,
                            outData, (long)i * kind, kind);
                    }
                }
            }
            final MemorySegment outValidity = ArrowMemory.segment(out.getValidityBuffer());
            Gather.gatherBits(inValidity, 0, idx, 0, count, outValidity);
            if (idxValidity != null)
            {
                andBits(outValidity, idxValidity, count);
            }
            finish(out, kind, count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static void allocate(final FieldVector out, final int kind, final long bytes, final int count)
    {
        if (kind == VAR)
        {
            ((BaseVariableWidthVector)out).allocateNew(bytes, count);
        }
        else if (kind == LARGE_VAR)
        {
            ((BaseLargeVariableWidthVector)out).allocateNew(bytes, count);
        }
        else
        {
            ((BaseFixedWidthVector)out).allocateNew(count);
        }
    }

    private static void finish(final FieldVector out, final int kind, final int count)
    {
        if (kind == VAR)
        {
            ((BaseVariableWidthVector)out).setLastSet(count - 1);
        }
        else if (kind == LARGE_VAR)
        {
            ((BaseLargeVariableWidthVector)out).setLastSet(count - 1);
        }
        out.setValueCount(count);
    }

    /** {@code dst[0, count) &= src[0, count)} on bitmaps from bit 0. */
    private static void andBits(final MemorySegment dst, final MemorySegment src, final int count)
    {
        final int bytes = (count + 7) >>> 3;
        int b = 0;
        for (; b + 8 <= bytes; b += 8)
        {
            dst.set(Layouts.LONG_UNALIGNED, b, dst.get(Layouts.LONG_UNALIGNED, b) & src.get(Layouts.LONG_UNALIGNED, b));
        }
        for (; b < bytes; b++)
        {
            dst.set(Layouts.BYTE, b, (byte)(dst.get(Layouts.BYTE, b) & src.get(Layouts.BYTE, b)));
        }
    }

    private static boolean isValid(final MemorySegment validity, final int i)
    {
        return validity == null || Bitmaps.isSet(validity, i);
    }

    private static long offsetAt(final MemorySegment offsets, final boolean large, final long row)
    {
        return large ? offsets.get(Layouts.LONG_UNALIGNED, row << 3) : offsets.get(Layouts.INT_UNALIGNED, row << 2);
    }

    private static void setOffset(final MemorySegment offsets, final boolean large, final long row, final long value)
    {
        if (large)
        {
            offsets.set(Layouts.LONG_UNALIGNED, row << 3, value);
        }
        else
        {
            offsets.set(Layouts.INT_UNALIGNED, row << 2, (int)value);
        }
    }

    /** Variable width: output offsets from the selected lengths first, then one byte copy per run of rows. */
    private static void gatherVariable(final FieldVector in, final boolean large, final FieldVector out,
        final MemorySegment idx, final int count, final MemorySegment idxValidity)
    {
        final MemorySegment inOffsets = ArrowMemory.segment(in.getOffsetBuffer());
        final MemorySegment inData = ArrowMemory.segment(in.getDataBuffer());
        long total = 0;
        for (int i = 0; i < count; i++)
        {
            if (isValid(idxValidity, i))
            {
                final long row = idx.get(Layouts.INT_UNALIGNED, (long)i << 2);
                total += offsetAt(inOffsets, large, row + 1) - offsetAt(inOffsets, large, row);
            }
        }
        if (!large && total > Integer.MAX_VALUE)
        {
            throw new DataException("output of " + total + " bytes exceeds the 2 GiB a " + in.getField().getType() +
                " vector can hold; use the large (64-bit offset) type", in.getName(), -1);
        }
        allocate(out, large ? LARGE_VAR : VAR, total, count);
        final MemorySegment outOffsets = ArrowMemory.segment(out.getOffsetBuffer());
        final MemorySegment outData = ArrowMemory.segment(out.getDataBuffer());
        setOffset(outOffsets, large, 0, 0);
        final long inLimit = inData.byteSize();
        final long outLimit = outData.byteSize();
        long at = 0;
        int i = 0;
        while (i < count)
        {
            if (!isValid(idxValidity, i))
            {
                setOffset(outOffsets, large, ++i, at);
                continue;
            }
            final int first = idx.get(Layouts.INT_UNALIGNED, (long)i << 2);
            int end = i + 1;
            while (end < count && isValid(idxValidity, end) &&
                idx.get(Layouts.INT_UNALIGNED, (long)end << 2) == first + (end - i))
            {
                end++;
            }
            final long start = offsetAt(inOffsets, large, first);
            for (int r = i; r < end; r++)
            {
                setOffset(outOffsets, large, r + 1, at + offsetAt(inOffsets, large, first + (r - i) + 1L) - start);
            }
            final long bytes = offsetAt(inOffsets, large, first + (long)(end - i)) - start;
            if (bytes <= 16 && start + 16 <= inLimit && at + 16 <= outLimit)
            {
                // short strings: two 8-byte moves beat MemorySegment.copy's set-up; the overshoot lands in bytes
                // that the next rows overwrite, or in the buffer's slack after the last row
                outData.set(Layouts.LONG_UNALIGNED, at, inData.get(Layouts.LONG_UNALIGNED, start));
                outData.set(Layouts.LONG_UNALIGNED, at + 8, inData.get(Layouts.LONG_UNALIGNED, start + 8));
            }
            else
            {
                MemorySegment.copy(inData, start, outData, at, bytes);
            }
            at += bytes;
            i = end;
        }
    }
}
