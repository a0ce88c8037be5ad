package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A growable off-heap byte array backed by one {@link ArrowBuf} from the aggregator's allocator, so every byte is
 * accounted and limited by that allocator.
 *
 * <p>Growth allocates the new buffer before releasing the old one: if the allocator refuses, the allocator's
 * {@code OutOfMemoryException} propagates and the old contents are untouched. Not thread-safe.
 */
final class OffHeapBuffer implements AutoCloseable
{
    private static final long MIN_BYTES = 64;

    private final BufferAllocator allocator;
    private ArrowBuf buffer;
    private MemorySegment segment = MemorySegment.NULL;
    private long capacity;

    OffHeapBuffer(final BufferAllocator allocator)
    {
        this.allocator = allocator;
    }

    MemorySegment segment()
    {
        return segment;
    }

    long capacity()
    {
        return capacity;
    }

    /**
     * Makes room for at least {@code bytes} bytes, keeping the first {@code keepBytes} bytes of the old contents.
     * New bytes are not zeroed.
     */
    void ensure(final long bytes, final long keepBytes)
    {
        if (bytes <= capacity)
        {
            return;
        }
        final long target = Math.max(MIN_BYTES, Math.max(bytes, capacity * 2));
        final ArrowBuf grown = allocator.buffer(target);
        final MemorySegment grownSegment = ArrowMemory.segment(grown);
        if (keepBytes > 0)
        {
            MemorySegment.copy(segment, 0, grownSegment, 0, Math.min(keepBytes, capacity));
        }
        release();
        buffer = grown;
        segment = grownSegment;
        capacity = grown.capacity();
    }

    /**
     * Replaces the contents with exactly {@code bytes} fresh bytes (old contents dropped first, so the peak is one
     * buffer). Used for the hash table, which is rebuilt rather than copied.
     */
    void replace(final long bytes)
    {
        final ArrowBuf fresh = allocator.buffer(bytes);
        release();
        buffer = fresh;
        segment = ArrowMemory.segment(fresh);
        capacity = fresh.capacity();
    }

    private void release()
    {
        if (buffer != null)
        {
            buffer.close();
            buffer = null;
            segment = MemorySegment.NULL;
            capacity = 0;
        }
    }

    @Override
    public void close()
    {
        release();
    }
}
