package io.sabot.runtime.source;

import io.sabot.ffi.uring.FileBlockReader;
import io.sabot.ffi.uring.FileReaders;
import io.sabot.ffi.uring.ReadConfig;

/**
 * Which {@link FileBlockReader} file sources read through.
 */
public enum IoBackend
{
    /**
     * io_uring when usable ({@link io.sabot.ffi.uring.IoUring#unavailableReason()} is null; the system property
     * {@code -Dsabot.native.disable=io_uring} turns it off), else FileChannel.
     */
    AUTO,
    /** Always io_uring; opening a reader fails with {@link io.sabot.ffi.uring.UringException} if unavailable. */
    IO_URING,
    /** Always FileChannel. */
    FILE_CHANNEL;

    /**
     * @param config how to read.
     * @return a new reader; the caller closes it.
     */
    public FileBlockReader open(final ReadConfig config)
    {
        return switch (this)
        {
            case AUTO -> FileReaders.open(config);
            case IO_URING -> FileReaders.uring(config);
            case FILE_CHANNEL -> FileReaders.channel(config);
        };
    }
}
