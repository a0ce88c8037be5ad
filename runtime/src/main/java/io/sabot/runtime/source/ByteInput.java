package io.sabot.runtime.source;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;

import io.sabot.common.SabotIoException;
import io.sabot.ffi.uring.FileBlockReader;
import io.sabot.ffi.uring.UringException;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A positioned byte input that fills Arrow buffers: a file read through a {@link FileBlockReader} (io_uring or
 * FileChannel), or a channel read sequentially. Not thread-safe. Owns what it opened (the block reader, the channel).
 */
abstract sealed class ByteInput implements AutoCloseable
{
    protected long position;

    /**
     * Reads up to {@code length} bytes at the current position into {@code dst[offset, offset+length)}.
     *
     * @return the bytes read: {@code length}, or fewer only at end of input.
     */
    abstract long read(ArrowBuf dst, long offset, long length);

    /**
     * @return how many bytes are left, or {@link Long#MAX_VALUE} if unknown (streams).
     */
    long remaining()
    {
        return Long.MAX_VALUE;
    }

    /**
     * @return the name of the file or stream, for errors.
     */
    abstract String name();

    /**
     * @return the offset of the next byte.
     */
    final long position()
    {
        return position;
    }

    /**
     * @param to the offset of the next byte to read (files only).
     */
    void seek(final long to)
    {
        throw new UnsupportedOperationException("a stream cannot seek");
    }

    @Override
    public abstract void close();

    /**
     * A file read in blocks into native memory; each read is one {@link FileBlockReader#read} call.
     */
    static final class FileInput extends ByteInput
    {
        private final FileBlockReader reader;
        private final Path file;
        private final long size;

        FileInput(final FileBlockReader reader, final Path file, final long size)
        {
            this.reader = reader;
            this.file = file;
            this.size = size;
        }

        @Override
        long read(final ArrowBuf dst, final long offset, final long length)
        {
            final long n = Math.min(length, size - position);
            if (n <= 0)
            {
                return 0;
            }
            final MemorySegment target = MemorySegment.ofAddress(dst.memoryAddress() + offset).reinterpret(n);
            try
            {
                reader.read(file, position, n, target);
            }
            catch (final UringException e)
            {
                throw new SabotIoException("cannot read " + n + " bytes at offset " + position + " through " +
                    reader.backend() + ": " + e.getMessage(), file.toString(), e);
            }
            position += n;
            return n;
        }

        @Override
        void seek(final long to)
        {
            position = to;
        }

        @Override
        long remaining()
        {
            return Math.max(0, size - position);
        }

        @Override
        String name()
        {
            return file.toString();
        }

        @Override
        public void close()
        {
            reader.close();
        }
    }

    /**
     * A channel read front to back.
     */
    static final class ChannelInput extends ByteInput
    {
        private final ReadableByteChannel channel;
        private final String name;

        ChannelInput(final ReadableByteChannel channel, final String name)
        {
            this.channel = channel;
            this.name = name;
        }

        @Override
        long read(final ArrowBuf dst, final long offset, final long length)
        {
            long done = 0;
            try
            {
                while (done < length)
                {
                    final int chunk = (int) Math.min(length - done, 1 << 30);
                    final ByteBuffer view = dst.nioBuffer(offset + done, chunk);
                    final int n = channel.read(view);
                    if (n < 0)
                    {
                        break;
                    }
                    done += n;
                }
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot read at offset " + (position + done) + ": " + e.getMessage(),
                    name, e);
            }
            position += done;
            return done;
        }

        @Override
        String name()
        {
            return name;
        }

        @Override
        public void close()
        {
            try
            {
                channel.close();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot close: " + e.getMessage(), name, e);
            }
        }
    }
}
