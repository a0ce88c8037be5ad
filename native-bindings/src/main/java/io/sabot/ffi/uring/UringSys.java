package io.sabot.ffi.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

import io.sabot.ffi.Libc;

/**
 * libc {@code open} and {@code close}, the two calls the reader needs that {@link Libc} does not bind (syscall, mmap
 * and munmap come from {@link Libc}). Kept package-private and minimal; errno goes into {@link Libc#callState()} so
 * {@link Libc#errno(MemorySegment)} reads it. jextract equivalent: {@code jextract --target-package
 * io.sabot.ffi.uring --include-function open --include-function close /usr/include/fcntl.h /usr/include/unistd.h}.
 *
 * <p>Thread-safety: the handles are immutable; errno is captured per thread.
 */
final class UringSys
{
    static final int O_RDONLY = 0;
    static final int O_DIRECT = 0x4000;
    static final int O_CLOEXEC = 0x80000;

    /** {@code int open(const char *path, int flags, ...)}: called without the variadic mode (no O_CREAT). */
    static final FunctionDescriptor OPEN$DESC =
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    /** {@code int close(int fd)}. */
    static final FunctionDescriptor CLOSE$DESC = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final Throwable LINK_FAILURE;

    static
    {
        MethodHandle open = null;
        MethodHandle close = null;
        Throwable failure = null;
        try
        {
            final Linker linker = Linker.nativeLinker();
            final SymbolLookup libc = linker.defaultLookup();
            final Linker.Option errno = Linker.Option.captureCallState("errno");
            open = linker.downcallHandle(libc.find("open").orElseThrow(), OPEN$DESC, errno);
            close = linker.downcallHandle(libc.find("close").orElseThrow(), CLOSE$DESC, errno);
        }
        catch (final RuntimeException e)
        {
            failure = e;
        }
        OPEN = open;
        CLOSE = close;
        LINK_FAILURE = failure;
    }

    private UringSys()
    {
    }

    /**
     * @return why open/close could not be linked, or null.
     */
    static Throwable linkFailure()
    {
        return LINK_FAILURE;
    }

    /**
     * @return errno of the last call on this thread through this class or {@link Libc}'s per-thread state.
     */
    static int lastErrno()
    {
        return Libc.errno(Libc.callState());
    }

    /**
     * @param path  file path (UTF-8).
     * @param flags {@code O_*} flags.
     * @return the fd, or -1 with errno in {@link #lastErrno()}.
     */
    static int open(final String path, final int flags)
    {
        try (Arena arena = Arena.ofConfined())
        {
            return (int)OPEN.invokeExact(Libc.callState(), arena.allocateFrom(path), flags);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    /**
     * @param fd a descriptor.
     * @return 0, or -1 with errno in {@link #lastErrno()}.
     */
    static int close(final int fd)
    {
        try
        {
            return (int)CLOSE.invokeExact(Libc.callState(), fd);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("close downcall failed", t);
        }
    }
}
