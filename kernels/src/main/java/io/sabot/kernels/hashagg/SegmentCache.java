package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;

/**
 * Remembers the {@link MemorySegment} view of the last {@link ArrowBuf} it was asked for, so that the morsels of one
 * vector (same address, same capacity) reuse one view instead of allocating a new one per batch. A view is just an
 * address and a length, so reusing it for a different buffer at the same address and capacity is equally correct.
 * Not thread-safe.
 */
final class SegmentCache
{
    private long address = -1;
    private long capacity = -1;
    private MemorySegment segment = MemorySegment.NULL;

    /**
     * @param buffer an open Arrow buffer.
     * @return a segment over exactly its capacity, as {@link ArrowMemory#segment(ArrowBuf)} gives.
     */
    MemorySegment of(final ArrowBuf buffer)
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
