package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Temporary off-heap buffers for one kernel call (gathered values, intermediate bitmaps), allocated from the
 * caller's allocator so they are accounted, and all released by {@link #close()}. Package-private; not thread-safe.
 */
final class Scratch implements AutoCloseable
{
    private final BufferAllocator allocator;
    private ArrowBuf[] buffers;
    private int used;

    Scratch(final BufferAllocator allocator)
    {
        this.allocator = allocator;
    }

    /**
     * @param bytes the size wanted; rounded up to a multiple of 8 (at least 8) so whole-word stores fit.
     * @return a zeroed segment of at least {@code bytes} bytes, valid until {@link #close()}.
     */
    MemorySegment allocate(final long bytes)
    {
        // Created on first use: contiguous inputs usually need no scratch at all.
        if (buffers == null)
        {
            buffers = new ArrowBuf[4];
        }
        else if (used == buffers.length)
        {
            buffers = Arrays.copyOf(buffers, used * 2);
        }
        final ArrowBuf buf = allocator.buffer(Math.max(8L, (bytes + 7) & ~7L));
        buffers[used++] = buf;
        buf.setZero(0, buf.capacity());
        return ArrowMemory.segment(buf);
    }

    /**
     * @param bits number of bits.
     * @return a zeroed bitmap of at least that many bits.
     */
    MemorySegment bitmap(final long bits)
    {
        return allocate((bits + 7) >>> 3);
    }

    @Override
    public void close()
    {
        for (int i = 0; i < used; i++)
        {
            buffers[i].close();
        }
        used = 0;
    }
}
