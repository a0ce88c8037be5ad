package io.sabot.ffi.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc entry points the io_uring code calls: {@code syscall}, {@code mmap}, {@code munmap}, {@code open} and
 * {@code close}, each capturing {@code errno}. Kept package-private and minimal: it exists because the shared
 * {@code io.sabot.ffi.Libc} binding was not on this branch while the reader was written; the shape is what
 * {@code jextract --library c -t io.sabot.ffi.uring --include-function syscall --include-function mmap
 * --include-function munmap --include-function open --include-function close sys/syscall.h sys/mman.h fcntl.h}
 * would emit, reduced to the calls used here. Each call returns the raw C result; a negative result (or
 * {@code MAP_FAILED}) means {@link #lastErrno()} holds the error of that call on this thread.
 *
 * <p>Thread-safety: the handles are immutable; errno is captured into a per-thread buffer.
 */
final class UringSys
{
    static final long MAP_FAILED = -1L;
    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x01;
    static final int MAP_POPULATE = 0x8000;
    static final int O_RDONLY = 0;
    static final int O_DIRECT = 0x4000;
    static final int O_CLOEXEC = 0x80000;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EISDIR = 21;
    static final int EBUSY = 16;
    static final int ENOSYS = 38;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> STATE =
        ThreadLocal.withInitial(() -> Arena.global().allocate(CALL_STATE));

    private static final MethodHandle SYSCALL6;
    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    private static final MethodHandle OPEN;
    private static final MethodHandle CLOSE;
    private static final Throwable LINK_FAILURE;

    static
    {
        MethodHandle syscall = null;
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        MethodHandle open = null;
        MethodHandle close = null;
        Throwable failure = null;
        try
        {
            final Linker linker = Linker.nativeLinker();
            final SymbolLookup libc = linker.defaultLookup();
            final Linker.Option errno = Linker.Option.captureCallState("errno");
            final ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
            // long syscall(long number, ...): the six possible arguments are passed as variadic longs.
            syscall = linker.downcallHandle(
                libc.find("syscall").orElseThrow(),
                FunctionDescriptor.of(j, j, j, j, j, j, j, j),
                errno, Linker.Option.firstVariadicArg(1));
            // void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
            mmap = linker.downcallHandle(
                libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(j, j, j, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, j),
                errno);
            // int munmap(void *addr, size_t length)
            munmap = linker.downcallHandle(
                libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, j, j), errno);
            // int open(const char *path, int flags, ...): mode is never passed (no O_CREAT).
            open = linker.downcallHandle(
                libc.find("open").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), errno);
            // int close(int fd)
            close = linker.downcallHandle(
                libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
        }
        catch (final Throwable t)
        {
            failure = t;
        }
        SYSCALL6 = syscall;
        MMAP = mmap;
        MUNMAP = munmap;
        OPEN = open;
        CLOSE = close;
        LINK_FAILURE = failure;
    }

    private UringSys()
    {
    }

    /**
     * @return why libc could not be linked, or null when it could.
     */
    static Throwable linkFailure()
    {
        return LINK_FAILURE;
    }

    /**
     * @return errno left by the last call made through this class on this thread.
     */
    static int lastErrno()
    {
        return (int)ERRNO.get(STATE.get(), 0L);
    }

    static long syscall(final long number, final long a0, final long a1, final long a2, final long a3,
        final long a4, final long a5)
    {
        try
        {
            return (long)SYSCALL6.invokeExact(STATE.get(), number, a0, a1, a2, a3, a4, a5);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("syscall(" + number + ") downcall failed", t);
        }
    }

    static long mmap(final long length, final int prot, final int flags, final int fd, final long offset)
    {
        try
        {
            return (long)MMAP.invokeExact(STATE.get(), 0L, length, prot, flags, fd, offset);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("mmap downcall failed", t);
        }
    }

    static int munmap(final long address, final long length)
    {
        try
        {
            return (int)MUNMAP.invokeExact(STATE.get(), address, length);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("munmap downcall failed", t);
        }
    }

    static int open(final String path, final int flags)
    {
        try (Arena arena = Arena.ofConfined())
        {
            return (int)OPEN.invokeExact(STATE.get(), arena.allocateFrom(path), flags);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("open downcall failed", t);
        }
    }

    static int close(final int fd)
    {
        try
        {
            return (int)CLOSE.invokeExact(STATE.get(), fd);
        }
        catch (final Throwable t)
        {
            throw new IllegalStateException("close downcall failed", t);
        }
    }
}
