package io.sabot.ffi;

import io.sabot.common.SabotException;

/**
 * A native call returned its failure value; names the C function, the {@code errno} it left and the
 * {@code strerror} text for it, e.g. {@code "munmap failed: errno 22 (EINVAL: Invalid argument)"}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class NativeException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;

    /**
     * @param function the C function (or syscall) that failed, never null.
     * @param errno    the errno it left.
     * @param detail   extra context such as arguments, may be null.
     */
    public NativeException(final String function, final int errno, final String detail)
    {
        super(function + " failed: errno " + errno + " (" + Errno.name(errno) + ": " + Libc.strerrorOrUnknown(errno) +
            ")" + (detail == null ? "" : " [" + detail + "]"));
        this.function = function;
        this.errno = errno;
    }

    /**
     * @return the C function or syscall that failed.
     */
    public String function()
    {
        return function;
    }

    /**
     * @return the errno value the call left.
     */
    public int errno()
    {
        return errno;
    }
}
