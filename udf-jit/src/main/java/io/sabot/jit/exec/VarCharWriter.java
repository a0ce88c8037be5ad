package io.sabot.jit.exec;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.VarCharVector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@link Utf8Writer} appending to a {@link VarCharVector} whose validity and offset buffers already have room for
 * every row that will be written (see {@link Frames#allocateOutputs}). It writes offsets and data directly and
 * doubles the data buffer when a value does not fit, then points {@code frame.outValues[projection]} at the new
 * buffer. Validity bits are not its business: the program writes them into {@code frame.outValidity}.
 *
 * <p>Call {@link Frames#finishOutputs} afterwards so the vector's value count and last-set row match what was written.
 *
 * <p>Thread-safety: not thread-safe; belongs to one frame. Ownership: the vector is owned by the caller.
 */
public final class VarCharWriter implements Utf8Writer
{
    /** Values up to this many bytes are copied byte by byte. */
    private static final int SHORT = 16;

    private final VarCharVector vector;
    private final Frame frame;
    private final int projection;
    private final MemorySegment offsets;
    private MemorySegment data;
    private int end;

    /**
     * @param vector     an allocated vector; the writer starts at row 0 and overwrites whatever is there.
     * @param frame      the frame whose {@code outValues[projection]} tracks the data buffer.
     * @param projection the projection number.
     */
    public VarCharWriter(final VarCharVector vector, final Frame frame, final int projection)
    {
        this.vector = vector;
        this.frame = frame;
        this.projection = projection;
        this.offsets = ArrowMemory.segment(vector.getOffsetBuffer());
        this.data = ArrowMemory.segment(vector.getDataBuffer());
    }

    /**
     * @return the segment over the current data buffer.
     */
    public MemorySegment dataSegment()
    {
        return data;
    }

    @Override
    public void append(final int row, final MemorySegment source, final long start, final int length)
    {
        if (row == 0)
        {
            end = 0;
            offsets.set(Layouts.INT_UNALIGNED, 0, 0);
        }
        final long needed = (long)end + length;
        if (needed > data.byteSize())
        {
            grow(needed);
        }
        if (length <= SHORT)
        {
            // MemorySegment.copy's overlap and bounds checks cost more than the bytes (flags, codes, statuses)
            for (int i = 0; i < length; i++)
            {
                data.set(ValueLayout.JAVA_BYTE, end + i, source.get(ValueLayout.JAVA_BYTE, start + i));
            }
        }
        else
        {
            MemorySegment.copy(source, start, data, end, length);
        }
        end += length;
        offsets.set(Layouts.INT_UNALIGNED, 4L * (row + 1), end);
    }

    @Override
    public void appendEmpty(final int row)
    {
        if (row == 0)
        {
            end = 0;
            offsets.set(Layouts.INT_UNALIGNED, 0, 0);
        }
        offsets.set(Layouts.INT_UNALIGNED, 4L * (row + 1), end);
    }

    private void grow(final long needed)
    {
        if (needed > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("utf8 output '" + vector.getName() + "' would exceed 2 GiB");
        }
        long size = Math.max(data.byteSize(), 64);
        while (size < needed)
        {
            size *= 2;
        }
        vector.reallocDataBuffer(size);
        data = ArrowMemory.segment(vector.getDataBuffer());
        frame.outValues[projection] = data;
    }
}
