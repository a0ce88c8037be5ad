package io.sabot.runtime.state;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A growable big-endian byte sink made of fixed-size {@code byte[]} chunks, for capturing heap state at a barrier:
 * appending never copies what was written (unlike a doubling array), and the chunks are written to a file later, on
 * another thread, with a CRC32C of everything appended to it.
 *
 * <p>A primitive is never split across chunks (a chunk is closed early instead), so a reserved int can be patched in
 * place ({@link #reserveInt} / {@link #patchInt}). Thread-safety: written by one thread; after that thread hands the
 * instance over (with a happens-before edge), {@link #writeTo} may run on another.
 */
final class SnapshotBytes
{
    private static final int CHUNK = 1 << 20;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Integer> used = new ArrayList<>();
    private byte[] chunk = new byte[CHUNK];
    private int position;
    private long closedBytes;

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
            chunk = new byte[CHUNK];
            position = 0;
        }
    }

    void putByte(final int v)
    {
        room(1);
        chunk[position++] = (byte)v;
    }

    void putInt(final int v)
    {
        room(4);
        INT.set(chunk, position, v);
        position += 4;
    }

    void putLong(final long v)
    {
        room(8);
        LONG.set(chunk, position, v);
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
            System.arraycopy(bytes, off, chunk, position, n);
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
        INT.set(index == chunks.size() ? chunk : chunks.get(index), (int)handle, v);
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
            final byte[] c = i == chunks.size() ? chunk : chunks.get(i);
            final int n = i == chunks.size() ? position : used.get(i);
            crc.update(c, 0, n);
            final ByteBuffer buffer = ByteBuffer.wrap(c, 0, n);
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

    /** Drops the chunks (the snapshot was written or discarded). */
    void release()
    {
        chunks.clear();
        used.clear();
        chunk = new byte[0];
        position = 0;
        closedBytes = 0;
    }
}
