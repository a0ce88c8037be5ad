package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A growable off-heap byte buffer accounted to one {@link BufferAllocator}: the storage behind the join's build keys,
 * hash table and chain arrays.
 *
 * <p>Growth doubles the capacity and copies, so appends are amortised O(1). The segment returned by
 * {@link #segment()} is replaced on growth; callers re-read it after {@link #ensureCapacity(long)}. Memory is not
 * zeroed unless {@link #zero()} is called.
 *
 * <p>Thread-safety: not thread-safe; reads of a buffer that no longer grows may be shared.
 */
final class OffHeapBuffer implements AutoCloseable
{
    private final BufferAllocator allocator;
    private ArrowBuf buf;
    private MemorySegment segment;

    OffHeapBuffer(final BufferAllocator allocator, final long initialBytes)
    {
        this.allocator = allocator;
        this.buf = allocator.buffer(Math.max(8L, initialBytes));
        this.segment = ArrowMemory.segment(buf);
    }

    MemorySegment segment()
    {
        return segment;
    }

    long capacity()
    {
        return buf.capacity();
    }

    void ensureCapacity(final long bytes)
    {
        final long capacity = buf.capacity();
        if (bytes <= capacity)
        {
            return;
        }
        final long newCapacity = Math.max(bytes, capacity * 2);
        final ArrowBuf grown = allocator.buffer(newCapacity);
        MemorySegment.copy(segment, 0, ArrowMemory.segment(grown), 0, capacity);
        buf.close();
        buf = grown;
        segment = ArrowMemory.segment(grown);
    }

    void zero()
    {
        segment.fill((byte)0);
    }

    void fill(final byte value)
    {
        segment.fill(value);
    }

    @Override
    public void close()
    {
        buf.close();
    }
}
