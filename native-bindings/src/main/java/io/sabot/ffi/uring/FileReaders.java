package io.sabot.ffi.uring;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sabot.ffi.Errno;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a {@link FileBlockReader}: io_uring when {@link IoUring#unavailableReason()} is null, else FileChannel
 * (the reason is logged once per JVM at INFO).
 *
 * <p>Thread-safety: thread-safe; the readers it returns are not.
 */
public final class FileReaders
{
    private static final Logger LOG = LoggerFactory.getLogger(FileReaders.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();
    /** {@code EISDIR}, not among {@link Errno}'s constants. */
    static final int EISDIR = 21;

    private FileReaders()
    {
    }

    /**
     * @param config how to read.
     * @return an io_uring reader when io_uring is usable, else a FileChannel reader.
     */
    public static FileBlockReader open(final ReadConfig config)
    {
        final String reason = IoUring.unavailableReason();
        if (reason == null)
        {
            return new UringFileReader(config);
        }
        if (LOGGED.compareAndSet(false, true))
        {
            LOG.info("io_uring unavailable ({}); file reads use FileChannel", reason);
        }
        return new ChannelFileReader(config);
    }

    /**
     * @param config how to read.
     * @return an io_uring reader.
     * @throws UringException when io_uring is unavailable.
     */
    public static FileBlockReader uring(final ReadConfig config)
    {
        return new UringFileReader(config);
    }

    /**
     * @param config how to read.
     * @return a FileChannel reader.
     */
    public static FileBlockReader channel(final ReadConfig config)
    {
        return new ChannelFileReader(config);
    }

    static long size(final Path file)
    {
        try
        {
            if (Files.isDirectory(file))
            {
                throw new UringException("cannot read " + file + ": is a directory (EISDIR)", file.toString(), 0,
                    EISDIR);
            }
            return Files.size(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new UringException("cannot read " + file + ": no such file (ENOENT)", file.toString(), 0,
                Errno.ENOENT, e);
        }
        catch (final IOException e)
        {
            throw new UringException("cannot stat " + file + ": " + e.getMessage(), file.toString(), 0, 0, e);
        }
    }

    /**
     * Checks the arguments shared by both readers.
     *
     * @return the file size.
     */
    static long check(final ReadConfig config, final Path file, final long offset, final long length,
        final MemorySegment destination)
    {
        final String name = file.toString();
        if (!destination.isNative())
        {
            throw new IllegalArgumentException("destination must be native (off-heap) memory");
        }
        final long size = size(file);
        if (offset < 0 || length < 0 || offset + length > size)
        {
            throw new UringException("read past end of " + name + ": [" + offset + ", " + (offset + length)
                + ") but the file has " + size + " bytes", name, offset, 0);
        }
        if (destination.byteSize() < length)
        {
            throw new IllegalArgumentException("destination has " + destination.byteSize() + " bytes, need " + length);
        }
        if (config.direct())
        {
            final long a = ReadConfig.DIRECT_ALIGNMENT;
            if (offset % a != 0 || destination.address() % a != 0)
            {
                throw new UringException("O_DIRECT read of " + name + " needs file offset and destination address "
                    + a + "-aligned (offset " + offset + ", address 0x" + Long.toHexString(destination.address())
                    + ")", name, offset, 0);
            }
            final boolean toEnd = offset + length == size;
            if (length % a != 0 && !toEnd)
            {
                throw new UringException("O_DIRECT read of " + name + " needs length a multiple of " + a
                    + " unless it ends at end of file (length " + length + ")", name, offset, 0);
            }
            if (destination.byteSize() < roundUp(length))
            {
                throw new UringException("O_DIRECT read of " + name + " needs a destination of the length rounded up "
                    + "to " + a + " (" + roundUp(length) + " bytes, have " + destination.byteSize() + ")", name,
                    offset, 0);
            }
        }
        return size;
    }

    static long roundUp(final long n)
    {
        final long a = ReadConfig.DIRECT_ALIGNMENT;
        return (n + a - 1) / a * a;
    }
}
