package io.sabot.ffi.uring;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Fills caller-owned off-heap memory from a file in blocks. Obtain one from {@link FileReaders#open(ReadConfig)},
 * which prefers io_uring and falls back to FileChannel.
 *
 * <p>Destinations are native {@link MemorySegment}s (for an Arrow buffer use
 * {@code MemorySegment.ofAddress(buf.memoryAddress()).reinterpret(buf.capacity())}). The reader never keeps a
 * reference to the destination after a call returns.
 *
 * <p>Thread-safety: not thread-safe; use one reader per thread. Ownership: the reader owns its ring (or nothing, for
 * the FileChannel reader) until {@link #close()}; each call opens and closes the file itself.
 */
public sealed interface FileBlockReader extends AutoCloseable permits UringFileReader, ChannelFileReader
{
    /**
     * Reads bytes {@code [offset, offset + length)} of {@code file} into {@code destination[0, length)}.
     *
     * @param file        a regular file.
     * @param offset      first file byte, >= 0.
     * @param length      bytes to read; the range must lie within the file.
     * @param destination native memory of at least {@code length} bytes (O_DIRECT: see {@link ReadConfig}).
     * @return {@code length}.
     * @throws UringException naming the file, offset and errno when the file is missing, not a regular file, the range
     *     passes end of file, O_DIRECT alignment is not met, or a read fails.
     */
    long read(Path file, long offset, long length, MemorySegment destination);

    /**
     * Reads the whole file into {@code destination[0, size)}.
     *
     * @param file        a regular file.
     * @param destination native memory at least the file's size (O_DIRECT: rounded up to 4096).
     * @return the file size.
     * @throws UringException as for {@link #read}.
     */
    default long readFully(final Path file, final MemorySegment destination)
    {
        return read(file, 0, FileReaders.size(file), destination);
    }

    /**
     * @return the configuration this reader uses.
     */
    ReadConfig config();

    /**
     * @return "io_uring" or "FileChannel".
     */
    String backend();

    /**
     * Releases the reader's resources. Idempotent.
     */
    @Override
    void close();
}
