package io.sabot.runtime.state;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A growable big-endian byte sink made of fixed-size off-heap chunks, for capturing heap state at a barrier:
 * appending never copies what was written (unlike a doubling array), the captured bytes (about the size of the
 * state) add no garbage to the heap that holds the state itself, and {@link #release} frees them at once. The chunks
 * are written to a file later, on another thread, with a CRC32C of everything appended.
 *
 * <p>A primitive is never split across chunks (a chunk is closed early instead), so a reserved int can be patched in
 * place ({@link #reserveInt} / {@link #patchInt}). Ownership: the instance owns its memory until {@link #release}
 * (idempotent); after that it must not be used. Thread-safety: written by one thread; after that thread hands the
 * instance over (with a happens-before edge), {@link #writeTo} and {@link #release} may run on another.
 */
final class SnapshotBytes
{
    private static final int CHUNK = 1 << 20;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** Shared: the snapshot is released on the checkpoint's I/O thread, not the thread that wrote it. */
    private final Arena arena = Arena.ofShared();
    private final List<MemorySegment> chunks = new ArrayList<>();
    private final List<Integer> used = new ArrayList<>();
    private MemorySegment chunk = arena.allocate(CHUNK, 8);
    private int position;
    private long closedBytes;
    private boolean released;

    /** @return the number of bytes appended so far. */
    long size()
    {
        return closedBytes + position;
    }

    private void room(final int bytes)
    {
        if (CHUNK - position < bytes)
        {
            chunks.add(chunk);
            used.add(position);
            closedBytes += position;
            chunk = arena.allocate(CHUNK, 8);
            position = 0;
        }
    }

    void putByte(final int v)
    {
        room(1);
        chunk.set(ValueLayout.JAVA_BYTE, position++, (byte)v);
    }

    void putInt(final int v)
    {
        room(4);
        chunk.set(INT, position, v);
        position += 4;
    }

    void putLong(final long v)
    {
        room(8);
        chunk.set(LONG, position, v);
        position += 8;
    }

    /** Appends {@code bytes} whole, possibly across chunks. */
    void putBytes(final byte[] bytes)
    {
        int off = 0;
        while (off < bytes.length)
        {
            if (position == CHUNK)
            {
                room(1);
            }
            final int n = Math.min(bytes.length - off, CHUNK - position);
            MemorySegment.copy(bytes, off, chunk, ValueLayout.JAVA_BYTE, position, n);
            position += n;
            off += n;
        }
    }

    /** @return a handle to four bytes appended now, filled later by {@link #patchInt}. */
    long reserveInt()
    {
        room(4);
        final long handle = ((long)chunks.size() << 32) | position;
        position += 4;
        return handle;
    }

    /** @param handle from {@link #reserveInt}. @param v the value to store there. */
    void patchInt(final long handle, final int v)
    {
        final int index = (int)(handle >>> 32);
        (index == chunks.size() ? chunk : chunks.get(index)).set(INT, (int)handle, v);
    }

    /**
     * Writes every byte appended, then the CRC32C of those bytes (int32, big-endian).
     *
     * @param channel where to write, at its position.
     * @throws IOException on a write failure.
     */
    void writeTo(final FileChannel channel) throws IOException
    {
        final CRC32C crc = new CRC32C();
        for (int i = 0; i <= chunks.size(); i++)
        {
            final MemorySegment c = i == chunks.size() ? chunk : chunks.get(i);
            final int n = i == chunks.size() ? position : used.get(i);
            final ByteBuffer buffer = c.asSlice(0, n).asByteBuffer();
            crc.update(buffer.duplicate());
            while (buffer.hasRemaining())
            {
                channel.write(buffer);
            }
        }
        final ByteBuffer tail = ByteBuffer.allocate(4).putInt((int)crc.getValue()).flip();
        while (tail.hasRemaining())
        {
            channel.write(tail);
        }
    }

    /** Frees the chunks (the snapshot was written or discarded). Idempotent. */
    void release()
    {
        if (!released)
        {
            released = true;
            chunks.clear();
            used.clear();
            chunk = MemorySegment.NULL;
            arena.close();
        }
    }
}
