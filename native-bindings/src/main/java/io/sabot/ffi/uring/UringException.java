package io.sabot.ffi.uring;

import io.sabot.common.SabotException;

/**
 * An io_uring or file-read call failed: names the operation, the file (when there is one), the file offset and the
 * errno the kernel returned ({@code 0} when the failure is not an errno, e.g. a rejected alignment).
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class UringException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;
    private final int errno;

    /**
     * @param message what went wrong.
     * @param file    the file involved, or null.
     * @param offset  the file offset involved, or -1.
     * @param errno   the errno, or 0.
     */
    public UringException(final String message, final String file, final long offset, final int errno)
    {
        super(message);
        this.file = file;
        this.offset = offset;
        this.errno = errno;
    }

    /**
     * @param message what went wrong.
     * @param file    the file involved, or null.
     * @param offset  the file offset involved, or -1.
     * @param errno   the errno, or 0.
     * @param cause   the underlying failure.
     */
    public UringException(
        final String message, final String file, final long offset, final int errno, final Throwable cause)
    {
        super(message, cause);
        this.file = file;
        this.offset = offset;
        this.errno = errno;
    }

    /**
     * @return the file involved, or null.
     */
    public String file()
    {
        return file;
    }

    /**
     * @return the file offset involved, or -1.
     */
    public long offset()
    {
        return offset;
    }

    /**
     * @return the errno (positive), or 0 when the failure was not a system error.
     */
    public int errno()
    {
        return errno;
    }
}
