package io.sabot.kernels;

import java.lang.foreign.MemorySegment;

import org.apache.arrow.memory.ArrowBuf;

/**
 * Views Arrow buffers as {@link MemorySegment}s sized to the buffer's capacity, so that a kernel's off-heap access is
 * bounds-checked against the real buffer and can never read outside it.
 *
 * <p>The segment does not own the memory: it is valid only while the {@link ArrowBuf} is open, and kernels use it
 * only for the duration of one call.
 */
public final class ArrowMemory
{
    private ArrowMemory()
    {
    }

    /**
     * @param buf an open Arrow buffer (may be empty).
     * @return a segment over exactly {@code buf.capacity()} bytes at the buffer's address.
     */
    public static MemorySegment segment(final ArrowBuf buf)
    {
        final long capacity = buf.capacity();
        if (capacity == 0)
        {
            return MemorySegment.NULL;
        }
        return MemorySegment.ofAddress(buf.memoryAddress()).reinterpret(capacity);
    }
}
