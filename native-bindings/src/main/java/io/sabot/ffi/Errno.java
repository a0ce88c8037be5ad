package io.sabot.ffi;

/**
 * Linux errno values (asm-generic/errno-base.h and errno.h, identical on x86_64 and aarch64) that Sabot's callers
 * test for, and their symbolic names for error messages.
 *
 * <p>Thread-safety: constants only.
 */
public final class Errno
{
    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** No such process. */
    public static final int ESRCH = 3;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** I/O error. */
    public static final int EIO = 5;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Try again. */
    public static final int EAGAIN = 11;
    /** Out of memory. */
    public static final int ENOMEM = 12;
    /** Permission denied. */
    public static final int EACCES = 13;
    /** Bad address. */
    public static final int EFAULT = 14;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Function not implemented (syscall missing in this kernel). */
    public static final int ENOSYS = 38;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** Connection timed out / timer expired. */
    public static final int ETIME = 62;
    /** Operation canceled. */
    public static final int ECANCELED = 125;

    private static final String[] NAMES = new String[126];

    static
    {
        NAMES[EPERM] = "EPERM";
        NAMES[ENOENT] = "ENOENT";
        NAMES[ESRCH] = "ESRCH";
        NAMES[EINTR] = "EINTR";
        NAMES[EIO] = "EIO";
        NAMES[EBADF] = "EBADF";
        NAMES[EAGAIN] = "EAGAIN";
        NAMES[ENOMEM] = "ENOMEM";
        NAMES[EACCES] = "EACCES";
        NAMES[EFAULT] = "EFAULT";
        NAMES[EBUSY] = "EBUSY";
        NAMES[EINVAL] = "EINVAL";
        NAMES[ENOSYS] = "ENOSYS";
        NAMES[ETIME] = "ETIME";
        NAMES[EOPNOTSUPP] = "EOPNOTSUPP";
        NAMES[ECANCELED] = "ECANCELED";
    }

    private Errno()
    {
    }

    /**
     * @param errno an errno value.
     * @return its symbolic name, or {@code "errno<n>"} for values not listed here.
     */
    public static String name(final int errno)
    {
        if (errno > 0 && errno < NAMES.length && NAMES[errno] != null)
        {
            return NAMES[errno];
        }
        return "errno" + errno;
    }
}
