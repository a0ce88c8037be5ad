package io.sabot.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Hand-written FFM bindings to the parts of glibc Sabot needs, in the shape jextract emits: descriptors as constants,
 * downcall handles created once in the nested {@code Handles} holder, static methods named like the C functions.
 * Regenerate the raw part with:
 *
 * <pre>
 * jextract --target-package io.sabot.ffi --header-class-name Libc \
 *   --include-function sched_setaffinity --include-function sched_getaffinity --include-function sched_getcpu \
 *   --include-function mmap --include-function munmap --include-function madvise \
 *   --include-function syscall --include-function strerror \
 *   --include-constant PROT_READ --include-constant PROT_WRITE --include-constant MAP_PRIVATE \
 *   --include-constant MAP_ANONYMOUS --include-constant MADV_DONTNEED (and the other PROT_/MAP_/MADV_ constants) \
 *   -D _GNU_SOURCE /usr/include/sched.h /usr/include/sys/mman.h /usr/include/unistd.h /usr/include/string.h
 * </pre>
 *
 * (jextract models {@code syscall} as a variadic invoker, {@code syscall.makeInvoker(JAVA_LONG, ...)}; here the
 * invokers for 0..6 {@code long} arguments are made up front.)
 *
 * <p>Errors: the typed wrappers capture {@code errno} ({@code Linker.Option.captureCallState("errno")}) and throw
 * {@link NativeException} naming the function, errno and {@code strerror} text. Callers that poll (e.g. io_uring_enter
 * returning {@code EINTR}/{@code EAGAIN}) use {@link #syscallNoThrow}, which returns {@code -errno} like the kernel.
 *
 * <p>Availability: libc is always found through the linker's default lookup unless forced off with
 * {@code -Dsabot.native.disable=libc} (or {@code all}); check {@link #isAvailable()} or {@link #status(String)} first,
 * an unavailable call throws {@link NativeUnavailableException}.
 *
 * <p>Thread-safety: all methods are safe from any thread; errno is captured per call into a thread-local segment.
 */
public final class Libc
{
    /** Binding name, see {@link NativeLibraries}. */
    public static final String LIBRARY = NativeLibraries.LIBC;

    /** Page can not be accessed. */
    public static final int PROT_NONE = 0x0;
    /** Page can be read. */
    public static final int PROT_READ = 0x1;
    /** Page can be written. */
    public static final int PROT_WRITE = 0x2;
    /** Page can be executed. */
    public static final int PROT_EXEC = 0x4;

    /** Share changes. */
    public static final int MAP_SHARED = 0x01;
    /** Changes are private. */
    public static final int MAP_PRIVATE = 0x02;
    /** Interpret addr exactly. */
    public static final int MAP_FIXED = 0x10;
    /** Don't use a file. */
    public static final int MAP_ANONYMOUS = 0x20;
    /** Don't check for reservations. */
    public static final int MAP_NORESERVE = 0x4000;
    /** Populate (prefault) page tables. */
    public static final int MAP_POPULATE = 0x8000;
    /** Create a huge page mapping. */
    public static final int MAP_HUGETLB = 0x40000;
    /** The {@code (void *) -1} mmap returns on failure. */
    public static final long MAP_FAILED = -1L;

    /** No further special treatment. */
    public static final int MADV_NORMAL = 0;
    /** Expect random page references. */
    public static final int MADV_RANDOM = 1;
    /** Expect sequential page references. */
    public static final int MADV_SEQUENTIAL = 2;
    /** Will need these pages. */
    public static final int MADV_WILLNEED = 3;
    /** Don't need these pages (anonymous private pages read back as zero). */
    public static final int MADV_DONTNEED = 4;
    /** Free pages only if memory pressure. */
    public static final int MADV_FREE = 8;
    /** Worth backing with huge pages. */
    public static final int MADV_HUGEPAGE = 14;
    /** Not worth backing with huge pages. */
    public static final int MADV_NOHUGEPAGE = 15;
    /** Populate (prefault) page tables readable. */
    public static final int MADV_POPULATE_READ = 22;
    /** Populate (prefault) page tables writable. */
    public static final int MADV_POPULATE_WRITE = 23;

    /** True on x86_64 (amd64); syscall numbers below differ per architecture. */
    public static final boolean X86_64;
    /** True on aarch64. */
    public static final boolean AARCH64;
    /** {@code SYS_getpid}, -1 on an unknown architecture. */
    public static final long SYS_getpid;
    /** {@code SYS_get_mempolicy} (239 on x86_64), -1 on an unknown architecture. */
    public static final long SYS_get_mempolicy;
    /** {@code SYS_move_pages} (279 on x86_64), -1 on an unknown architecture. */
    public static final long SYS_move_pages;
    /** {@code SYS_io_uring_setup}, the same (425) on every architecture. */
    public static final long SYS_io_uring_setup = 425;
    /** {@code SYS_io_uring_enter}, the same (426) on every architecture. */
    public static final long SYS_io_uring_enter = 426;
    /** {@code SYS_io_uring_register}, the same (427) on every architecture. */
    public static final long SYS_io_uring_register = 427;

    static
    {
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        X86_64 = arch.equals("amd64") || arch.equals("x86_64");
        AARCH64 = arch.equals("aarch64");
        SYS_getpid = X86_64 ? 39 : AARCH64 ? 172 : -1;
        SYS_get_mempolicy = X86_64 ? 239 : AARCH64 ? 236 : -1;
        SYS_move_pages = X86_64 ? 279 : AARCH64 ? 239 : -1;
    }

    /** The linker's errno capture layout ({@code Linker.Option.captureStateLayout()}). */
    public static final MemoryLayout CAPTURE_STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /**
     * {@code cpu_set_t}: {@code struct { unsigned long __bits[1024 / 64]; }} (128 bytes); {@link CpuSet} allocates
     * this or a larger multiple of 8 bytes for more than {@value CpuSet#CPU_SETSIZE} CPUs.
     */
    public static final MemoryLayout CPU_SET_T = MemoryLayout.structLayout(
        MemoryLayout.sequenceLayout(CpuSet.CPU_SETSIZE / 64, JAVA_LONG).withName("__bits")).withName("cpu_set_t");

    /** {@code int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask)}. */
    public static final FunctionDescriptor SCHED_SETAFFINITY$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
        ADDRESS);
    /** {@code int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask)}. */
    public static final FunctionDescriptor SCHED_GETAFFINITY$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
        ADDRESS);
    /** {@code int sched_getcpu(void)}. */
    public static final FunctionDescriptor SCHED_GETCPU$DESC = FunctionDescriptor.of(JAVA_INT);
    /** {@code void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)}. */
    public static final FunctionDescriptor MMAP$DESC = FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT,
        JAVA_INT, JAVA_INT, JAVA_LONG);
    /** {@code int munmap(void *addr, size_t length)}. */
    public static final FunctionDescriptor MUNMAP$DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG);
    /** {@code int madvise(void *addr, size_t length, int advice)}. */
    public static final FunctionDescriptor MADVISE$DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    /** {@code char *strerror(int errnum)}. */
    public static final FunctionDescriptor STRERROR$DESC = FunctionDescriptor.of(ADDRESS, JAVA_INT);
    /** The most arguments {@link #syscall} passes after the number (the kernel ABI's six registers). */
    public static final int SYSCALL_MAX_ARGS = 6;

    /**
     * @param argCount the number of variadic {@code long} arguments after the syscall number.
     * @return {@code long syscall(long number, ...)} with {@code argCount} {@code long} varargs.
     */
    public static FunctionDescriptor syscall$descriptor(final int argCount)
    {
        final MemoryLayout[] args = new MemoryLayout[1 + argCount];
        java.util.Arrays.fill(args, JAVA_LONG);
        return FunctionDescriptor.of(JAVA_LONG, args);
    }

    private static final ThreadLocal<MemorySegment> CALL_STATE =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_STATE_LAYOUT));

    private Libc()
    {
    }

    /**
     * The handles, created once when first used (the jextract holder idiom).
     */
    private static final class Handles
    {
        static final NativeStatus STATUS = NativeLibraries.isForcedOff(LIBRARY) ?
            NativeLibraries.forcedOff(LIBRARY) : NativeStatus.available();
        static final SymbolLookup LOOKUP = STATUS.isAvailable() ? NativeLibraries.linker().defaultLookup() : null;
        static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

        static final MethodHandle SCHED_SETAFFINITY = NativeLibraries.downcallOrNull(LOOKUP, "sched_setaffinity",
            SCHED_SETAFFINITY$DESC, ERRNO_OPTION);
        static final MethodHandle SCHED_GETAFFINITY = NativeLibraries.downcallOrNull(LOOKUP, "sched_getaffinity",
            SCHED_GETAFFINITY$DESC, ERRNO_OPTION);
        static final MethodHandle SCHED_GETCPU = NativeLibraries.downcallOrNull(LOOKUP, "sched_getcpu",
            SCHED_GETCPU$DESC, ERRNO_OPTION);
        static final MethodHandle MMAP = NativeLibraries.downcallOrNull(LOOKUP, "mmap", MMAP$DESC, ERRNO_OPTION);
        static final MethodHandle MUNMAP = NativeLibraries.downcallOrNull(LOOKUP, "munmap", MUNMAP$DESC, ERRNO_OPTION);
        static final MethodHandle MADVISE = NativeLibraries.downcallOrNull(LOOKUP, "madvise", MADVISE$DESC,
            ERRNO_OPTION);
        static final MethodHandle STRERROR = NativeLibraries.downcallOrNull(LOOKUP, "strerror", STRERROR$DESC);
        static final MethodHandle SYSCALL0 = syscallHandle(0);
        static final MethodHandle SYSCALL1 = syscallHandle(1);
        static final MethodHandle SYSCALL2 = syscallHandle(2);
        static final MethodHandle SYSCALL3 = syscallHandle(3);
        static final MethodHandle SYSCALL4 = syscallHandle(4);
        static final MethodHandle SYSCALL5 = syscallHandle(5);
        static final MethodHandle SYSCALL6 = syscallHandle(6);

        private static MethodHandle syscallHandle(final int argCount)
        {
            return NativeLibraries.downcallOrNull(LOOKUP, "syscall", syscall$descriptor(argCount),
                Linker.Option.firstVariadicArg(1), ERRNO_OPTION);
        }
    }

    /**
     * @return true unless libc is forced off.
     */
    public static boolean isAvailable()
    {
        return Handles.STATUS.isAvailable();
    }

    /**
     * @return libc's status.
     */
    public static NativeStatus status()
    {
        return Handles.STATUS;
    }

    /**
     * @param function a C function name bound by this class.
     * @return its status (forced off, symbol missing, or available).
     */
    public static NativeStatus status(final String function)
    {
        return NativeLibraries.symbolStatus(LIBRARY, Handles.STATUS, Handles.LOOKUP, function);
    }

    /**
     * @return this thread's errno capture segment (layout {@link #CAPTURE_STATE_LAYOUT}), for raw handle callers.
     */
    public static MemorySegment callState()
    {
        return CALL_STATE.get();
    }

    /**
     * @param callState a segment of {@link #CAPTURE_STATE_LAYOUT} filled by a call.
     * @return the errno it captured.
     */
    public static int errno(final MemorySegment callState)
    {
        return (int)ERRNO.get(callState, 0L);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sched.h
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Raw {@code sched_setaffinity}.
     *
     * @param callState  errno capture segment ({@link #callState()}).
     * @param pid        thread id (0 = calling thread).
     * @param cpusetsize mask size in bytes.
     * @param mask       the mask.
     * @return 0, or -1 with errno in {@code callState}.
     */
    public static int sched_setaffinity(final MemorySegment callState, final int pid, final long cpusetsize,
        final MemorySegment mask)
    {
        final MethodHandle handle = Handles.SCHED_SETAFFINITY;
        if (handle == null)
        {
            throw unavailable("sched_setaffinity");
        }
        try
        {
            return (int)handle.invokeExact(callState, pid, cpusetsize, mask);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("sched_setaffinity downcall", ex);
        }
    }

    /**
     * Pins a thread to the CPUs in {@code cpus}.
     *
     * @param pid  thread id ({@code gettid}), 0 for the calling thread.
     * @param cpus the CPUs allowed.
     * @throws NativeException on failure (e.g. EINVAL when no CPU in the mask is online).
     */
    public static void sched_setaffinity(final int pid, final CpuSet cpus)
    {
        final MemorySegment state = callState();
        if (sched_setaffinity(state, pid, cpus.byteSize(), cpus.segment()) != 0)
        {
            throw new NativeException("sched_setaffinity", errno(state), "pid " + pid + ", cpus " + cpus);
        }
    }

    /**
     * Raw {@code sched_getaffinity}.
     *
     * @param callState  errno capture segment.
     * @param pid        thread id (0 = calling thread).
     * @param cpusetsize mask size in bytes.
     * @param mask       receives the mask.
     * @return the number of bytes the kernel wrote (raw syscall) or 0 (glibc), or -1 with errno in {@code callState}.
     */
    public static int sched_getaffinity(final MemorySegment callState, final int pid, final long cpusetsize,
        final MemorySegment mask)
    {
        final MethodHandle handle = Handles.SCHED_GETAFFINITY;
        if (handle == null)
        {
            throw unavailable("sched_getaffinity");
        }
        try
        {
            return (int)handle.invokeExact(callState, pid, cpusetsize, mask);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("sched_getaffinity downcall", ex);
        }
    }

    /**
     * Reads a thread's affinity mask, growing the mask while the kernel says it is too small (more than
     * {@value CpuSet#CPU_SETSIZE} possible CPUs).
     *
     * @param pid thread id, 0 for the calling thread.
     * @return a new mask (automatic arena).
     * @throws NativeException on failure.
     */
    public static CpuSet sched_getaffinity(final int pid)
    {
        final MemorySegment state = callState();
        int size = CpuSet.CPU_SETSIZE;
        while (true)
        {
            final CpuSet set = new CpuSet(Arena.ofAuto(), size);
            if (sched_getaffinity(state, pid, set.byteSize(), set.segment()) >= 0)
            {
                return set;
            }
            final int errno = errno(state);
            if (errno != Errno.EINVAL || size >= (1 << 20))
            {
                throw new NativeException("sched_getaffinity", errno, "pid " + pid + ", mask of " + size + " CPUs");
            }
            size <<= 1;
        }
    }

    /**
     * @return the CPU the calling thread is running on (may change right after the call unless pinned).
     * @throws NativeException on failure (ENOSYS when the kernel lacks getcpu).
     */
    public static int sched_getcpu()
    {
        final MethodHandle handle = Handles.SCHED_GETCPU;
        if (handle == null)
        {
            throw unavailable("sched_getcpu");
        }
        final MemorySegment state = callState();
        final int cpu;
        try
        {
            cpu = (int)handle.invokeExact(state);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("sched_getcpu downcall", ex);
        }
        if (cpu < 0)
        {
            throw new NativeException("sched_getcpu", errno(state), null);
        }
        return cpu;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // sys/mman.h
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Raw {@code mmap}.
     *
     * @param callState errno capture segment.
     * @param addr      hint or fixed address, {@link MemorySegment#NULL} for none.
     * @param length    bytes.
     * @param prot      {@code PROT_*} bits.
     * @param flags     {@code MAP_*} bits.
     * @param fd        file descriptor, -1 for anonymous.
     * @param offset    file offset, page aligned.
     * @return the zero-length address segment, {@link #MAP_FAILED} as address on failure.
     */
    public static MemorySegment mmap(final MemorySegment callState, final MemorySegment addr, final long length,
        final int prot, final int flags, final int fd, final long offset)
    {
        final MethodHandle handle = Handles.MMAP;
        if (handle == null)
        {
            throw unavailable("mmap");
        }
        try
        {
            return (MemorySegment)handle.invokeExact(callState, addr, length, prot, flags, fd, offset);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("mmap downcall", ex);
        }
    }

    /**
     * Maps memory; the caller owns the mapping and must {@link #munmap(MemorySegment, long)} it.
     *
     * @param addr   hint or fixed address, {@link MemorySegment#NULL} for none.
     * @param length bytes.
     * @param prot   {@code PROT_*} bits.
     * @param flags  {@code MAP_*} bits.
     * @param fd     file descriptor, -1 for anonymous.
     * @param offset file offset, page aligned.
     * @return the mapping as a segment of {@code length} bytes (global scope: it is valid until munmap).
     * @throws NativeException on failure.
     */
    public static MemorySegment mmap(final MemorySegment addr, final long length, final int prot, final int flags,
        final int fd, final long offset)
    {
        final MemorySegment state = callState();
        final MemorySegment result = mmap(state, addr, length, prot, flags, fd, offset);
        if (result.address() == MAP_FAILED)
        {
            throw new NativeException("mmap", errno(state), "length " + length + ", prot " + prot + ", flags 0x" +
                Integer.toHexString(flags) + ", fd " + fd + ", offset " + offset);
        }
        return result.reinterpret(length);
    }

    /**
     * Raw {@code munmap}.
     *
     * @param callState errno capture segment.
     * @param addr      page-aligned start.
     * @param length    bytes.
     * @return 0, or -1 with errno in {@code callState}.
     */
    public static int munmap(final MemorySegment callState, final MemorySegment addr, final long length)
    {
        final MethodHandle handle = Handles.MUNMAP;
        if (handle == null)
        {
            throw unavailable("munmap");
        }
        try
        {
            return (int)handle.invokeExact(callState, addr, length);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("munmap downcall", ex);
        }
    }

    /**
     * Unmaps memory; segments over it must no longer be accessed.
     *
     * @param addr   page-aligned start.
     * @param length bytes.
     * @throws NativeException on failure (EINVAL for an unaligned address).
     */
    public static void munmap(final MemorySegment addr, final long length)
    {
        final MemorySegment state = callState();
        if (munmap(state, addr, length) != 0)
        {
            throw new NativeException("munmap", errno(state), "addr 0x" + Long.toHexString(addr.address()) +
                ", length " + length);
        }
    }

    /**
     * Raw {@code madvise}.
     *
     * @param callState errno capture segment.
     * @param addr      page-aligned start.
     * @param length    bytes.
     * @param advice    a {@code MADV_*} value.
     * @return 0, or -1 with errno in {@code callState}.
     */
    public static int madvise(final MemorySegment callState, final MemorySegment addr, final long length,
        final int advice)
    {
        final MethodHandle handle = Handles.MADVISE;
        if (handle == null)
        {
            throw unavailable("madvise");
        }
        try
        {
            return (int)handle.invokeExact(callState, addr, length, advice);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("madvise downcall", ex);
        }
    }

    /**
     * Advises the kernel about a range.
     *
     * @param addr   page-aligned start.
     * @param length bytes.
     * @param advice a {@code MADV_*} value.
     * @throws NativeException on failure (EINVAL for unknown advice or an unaligned address).
     */
    public static void madvise(final MemorySegment addr, final long length, final int advice)
    {
        final MemorySegment state = callState();
        if (madvise(state, addr, length, advice) != 0)
        {
            throw new NativeException("madvise", errno(state), "addr 0x" + Long.toHexString(addr.address()) +
                ", length " + length + ", advice " + advice);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // unistd.h: syscall
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Raw variadic {@code syscall} with up to six {@code long} arguments.
     *
     * @param callState errno capture segment.
     * @param number    the syscall number ({@code SYS_*}).
     * @param args      up to {@value #SYSCALL_MAX_ARGS} arguments; pointers as {@link MemorySegment#address()}.
     * @return the result, -1 with errno in {@code callState} on failure.
     */
    public static long syscall(final MemorySegment callState, final long number, final long... args)
    {
        try
        {
            switch (args.length)
            {
                case 0:
                    return (long)checked(Handles.SYSCALL0).invokeExact(callState, number);
                case 1:
                    return (long)checked(Handles.SYSCALL1).invokeExact(callState, number, args[0]);
                case 2:
                    return (long)checked(Handles.SYSCALL2).invokeExact(callState, number, args[0], args[1]);
                case 3:
                    return (long)checked(Handles.SYSCALL3).invokeExact(callState, number, args[0], args[1], args[2]);
                case 4:
                    return (long)checked(Handles.SYSCALL4).invokeExact(callState, number, args[0], args[1], args[2],
                        args[3]);
                case 5:
                    return (long)checked(Handles.SYSCALL5).invokeExact(callState, number, args[0], args[1], args[2],
                        args[3], args[4]);
                case 6:
                    return (long)checked(Handles.SYSCALL6).invokeExact(callState, number, args[0], args[1], args[2],
                        args[3], args[4], args[5]);
                default:
                    throw new IllegalArgumentException("syscall takes at most " + SYSCALL_MAX_ARGS + " arguments: " +
                        args.length);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("syscall downcall", ex);
        }
    }

    /**
     * Calls a syscall and returns the kernel convention: the result, or {@code -errno} on failure. For callers that
     * poll and retry (EINTR, EAGAIN, EBUSY) without paying for an exception.
     *
     * @param number the syscall number.
     * @param args   up to six arguments.
     * @return the non-negative result, or {@code -errno}.
     */
    public static long syscallNoThrow(final long number, final long... args)
    {
        final MemorySegment state = callState();
        final long result = syscall(state, number, args);
        return result == -1 ? -errno(state) : result;
    }

    /**
     * Calls a syscall.
     *
     * @param number the syscall number.
     * @param args   up to six arguments.
     * @return the result.
     * @throws NativeException naming {@code syscall(<number>)} on failure.
     */
    public static long syscall(final long number, final long... args)
    {
        final MemorySegment state = callState();
        final long result = syscall(state, number, args);
        if (result == -1)
        {
            throw new NativeException("syscall(" + number + ")", errno(state), null);
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // string.h
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @param errnum an errno value.
     * @return glibc's message for it (glibc returns static strings for known values, so concurrent use is safe).
     */
    public static String strerror(final int errnum)
    {
        final MethodHandle handle = Handles.STRERROR;
        if (handle == null)
        {
            throw unavailable("strerror");
        }
        try
        {
            final MemorySegment text = (MemorySegment)handle.invokeExact(errnum);
            return text.reinterpret(4096).getString(0);
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("strerror downcall", ex);
        }
    }

    static String strerrorOrUnknown(final int errnum)
    {
        return Handles.STRERROR == null ? "strerror unavailable" : strerror(errnum);
    }

    private static MethodHandle checked(final MethodHandle handle)
    {
        if (handle == null)
        {
            throw unavailable("syscall");
        }
        return handle;
    }

    private static NativeUnavailableException unavailable(final String function)
    {
        return new NativeUnavailableException(LIBRARY, function, status(function));
    }

    /**
     * @param segment any segment.
     * @return its address as a syscall argument.
     */
    public static long address(final MemorySegment segment)
    {
        return segment.address();
    }
}
