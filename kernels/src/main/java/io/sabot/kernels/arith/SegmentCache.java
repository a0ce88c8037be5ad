package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Remembers the last {@link MemorySegment} view made for a buffer, so that a kernel called again on the same buffers
 * (a reused output vector, the same input batch) creates no garbage. A view is reused only when the buffer's address
 * and capacity are unchanged, in which case it is exactly the view {@link ArrowMemory#segment} would make. One cache
 * per operand slot of a thread's {@link Scratch}; not thread-safe.
 */
final class SegmentCache
{
    private long address = -1;
    private long capacity = -1;
    private MemorySegment segment = MemorySegment.NULL;

    MemorySegment of(final ArrowBuf buf)
    {
        final long a = buf.memoryAddress();
        final long c = buf.capacity();
        if (a != address || c != capacity)
        {
            segment = ArrowMemory.segment(buf);
            address = a;
            capacity = c;
        }
        return segment;
    }
}
