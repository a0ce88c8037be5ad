package io.sabot.ffi.uring;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The portable reader: positional {@link FileChannel#read(ByteBuffer, long)} calls, one block at a time, into
 * {@link ByteBuffer} views of the destination segment (no copy through a heap or temporary direct buffer). With
 * {@link ReadConfig#direct()} the channel is opened with {@code com.sun.nio.file.ExtendedOpenOption.DIRECT}, which has
 * the same alignment rules as O_DIRECT. Queue depth is ignored (one read at a time).
 *
 * <p>Thread-safety: not thread-safe; one instance per thread (it holds no state besides the config).
 */
public final class ChannelFileReader implements FileBlockReader
{
    private final ReadConfig config;

    /**
     * @param config how to read.
     */
    public ChannelFileReader(final ReadConfig config)
    {
        this.config = config;
    }

    @Override
    public long read(final Path file, final long offset, final long length, final MemorySegment destination)
    {
        FileReaders.check(config, file, offset, length, destination);
        if (length == 0)
        {
            return 0;
        }
        final OpenOption[] options = config.direct() ?
            new OpenOption[] {StandardOpenOption.READ, com.sun.nio.file.ExtendedOpenOption.DIRECT} :
            new OpenOption[] {StandardOpenOption.READ};
        long done = 0;
        try (FileChannel channel = FileChannel.open(file, options))
        {
            while (done < length)
            {
                final long need = Math.min(config.blockSize(), length - done);
                final long request = config.direct() ? FileReaders.roundUp(need) : need;
                final ByteBuffer view = destination.asSlice(done, request).asByteBuffer();
                long got = 0;
                while (got < need)
                {
                    final int r = channel.read(view, offset + done + got);
                    if (r <= 0)
                    {
                        throw new UringException("unexpected end of " + file + " at offset " + (offset + done + got),
                            file.toString(), offset + done + got, 0);
                    }
                    got += r;
                }
                done += need;
            }
        }
        catch (final IOException e)
        {
            throw new UringException("read of " + file + " at offset " + (offset + done) + " failed: " + e,
                file.toString(), offset + done, 0, e);
        }
        return length;
    }

    @Override
    public ReadConfig config()
    {
        return config;
    }

    @Override
    public String backend()
    {
        return "FileChannel";
    }

    @Override
    public void close()
    {
        // Nothing held between calls.
    }
}
