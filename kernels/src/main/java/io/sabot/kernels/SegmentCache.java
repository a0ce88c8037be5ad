package io.sabot.kernels;

import java.lang.foreign.MemorySegment;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Remembers the {@link MemorySegment} view of the last {@link ArrowBuf} it was asked for, so that repeated kernel
 * calls on the same vector (every morsel of it) reuse one view instead of allocating a new one per call. A view is
 * only an address and a length, so reusing it for another buffer at the same address and capacity is equally correct.
 *
 * <p>Thread-safety: not thread-safe; keep one per column per thread (or per kernel instance).
 */
public final class SegmentCache
{
    private long address = -1;
    private long capacity = -1;
    private MemorySegment segment = MemorySegment.NULL;

    /**
     * @param buffer an open Arrow buffer.
     * @return a view of exactly that buffer, as {@link ArrowMemory#segment(ArrowBuf)} would give.
     */
    public MemorySegment of(final ArrowBuf buffer)
    {
        final long bufferAddress = buffer.memoryAddress();
        final long bufferCapacity = buffer.capacity();
        if (bufferAddress != address || bufferCapacity != capacity)
        {
            segment = ArrowMemory.segment(buffer);
            address = bufferAddress;
            capacity = bufferCapacity;
        }
        return segment;
    }
}
