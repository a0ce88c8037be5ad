package io.sabot.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Hand-written FFM bindings to libnuma ({@code libnuma.so.1}, loaded with {@code SymbolLookup.libraryLookup} into the
 * global arena) in jextract's shape, plus the two kernel placement queries ({@code get_mempolicy},
 * {@code move_pages}) called as raw syscalls through {@link Libc#syscall}. Regenerate the raw part with:
 *
 * <pre>
 * jextract --target-package io.sabot.ffi --header-class-name LibNuma -l numa \
 *   --include-function numa_available --include-function numa_max_node \
 *   --include-function numa_num_configured_nodes --include-function numa_num_configured_cpus \
 *   --include-function numa_node_of_cpu --include-function numa_distance \
 *   --include-function numa_alloc_onnode --include-function numa_alloc_local --include-function numa_free \
 *   --include-function numa_tonode_memory --include-function numa_run_on_node --include-function numa_set_preferred \
 *   /usr/include/numa.h
 * </pre>
 *
 * (get_mempolicy/move_pages are declared in numaif.h but live in libnuma only as thin syscall wrappers; they are
 * bound here to the syscalls so they work whether or not libnuma loads.)
 *
 * <p>Availability: {@link #isAvailable()} is true when libnuma loads, exports every function above and
 * {@code numa_available()} is not -1 (-1 means the kernel has no NUMA support: reason
 * {@link NativeStatus.Reason#NOT_SUPPORTED}). {@code -Dsabot.native.disable=libnuma} (or {@code all}) forces it off.
 * The placement queries depend only on {@link Libc} ({@link #placementQueriesAvailable()}).
 *
 * <p>Errors: libnuma functions report failure by return value (-1) and most do not set a reliable errno, so the
 * wrappers return the C result unchanged except {@link #numa_alloc_onnode}/{@link #numa_alloc_local} (throw
 * {@link NativeException} with ENOMEM on NULL) and {@link #numa_run_on_node} (throws with errno on -1). The syscall
 * queries throw {@link NativeException}.
 *
 * <p>Thread-safety: all methods are safe from any thread; libnuma's functions are thread-safe after
 * {@code numa_available()} has run, which class initialisation does.
 */
public final class LibNuma
{
    /** Binding name, see {@link NativeLibraries}. */
    public static final String LIBRARY = NativeLibraries.LIBNUMA;
    /** The shared library file loaded. */
    public static final String SONAME = "libnuma.so.1";

    /** {@code get_mempolicy} flag: return the node id (of {@code addr} with {@link #MPOL_F_ADDR}) in {@code mode}. */
    public static final int MPOL_F_NODE = 1;
    /** {@code get_mempolicy} flag: look up the policy of the given address. */
    public static final int MPOL_F_ADDR = 1 << 1;
    /** {@code move_pages} flag: move pages of this process only. */
    public static final int MPOL_MF_MOVE = 1 << 1;

    /** {@code int numa_available(void)}. */
    public static final FunctionDescriptor NUMA_AVAILABLE$DESC = FunctionDescriptor.of(JAVA_INT);
    /** {@code int numa_max_node(void)}. */
    public static final FunctionDescriptor NUMA_MAX_NODE$DESC = FunctionDescriptor.of(JAVA_INT);
    /** {@code int numa_num_configured_nodes(void)}. */
    public static final FunctionDescriptor NUMA_NUM_CONFIGURED_NODES$DESC = FunctionDescriptor.of(JAVA_INT);
    /** {@code int numa_num_configured_cpus(void)}. */
    public static final FunctionDescriptor NUMA_NUM_CONFIGURED_CPUS$DESC = FunctionDescriptor.of(JAVA_INT);
    /** {@code int numa_node_of_cpu(int cpu)}. */
    public static final FunctionDescriptor NUMA_NODE_OF_CPU$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    /** {@code int numa_distance(int node1, int node2)}. */
    public static final FunctionDescriptor NUMA_DISTANCE$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT);
    /** {@code void *numa_alloc_onnode(size_t size, int node)}. */
    public static final FunctionDescriptor NUMA_ALLOC_ONNODE$DESC = FunctionDescriptor.of(ADDRESS, JAVA_LONG,
        JAVA_INT);
    /** {@code void *numa_alloc_local(size_t size)}. */
    public static final FunctionDescriptor NUMA_ALLOC_LOCAL$DESC = FunctionDescriptor.of(ADDRESS, JAVA_LONG);
    /** {@code void numa_free(void *start, size_t size)}. */
    public static final FunctionDescriptor NUMA_FREE$DESC = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG);
    /** {@code void numa_tonode_memory(void *start, size_t size, int node)}. */
    public static final FunctionDescriptor NUMA_TONODE_MEMORY$DESC = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG,
        JAVA_INT);
    /** {@code int numa_run_on_node(int node)}. */
    public static final FunctionDescriptor NUMA_RUN_ON_NODE$DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    /** {@code void numa_set_preferred(int node)}. */
    public static final FunctionDescriptor NUMA_SET_PREFERRED$DESC = FunctionDescriptor.ofVoid(JAVA_INT);

    private static final String[] FUNCTIONS = {
        "numa_available", "numa_max_node", "numa_num_configured_nodes", "numa_num_configured_cpus",
        "numa_node_of_cpu", "numa_distance", "numa_alloc_onnode", "numa_alloc_local", "numa_free",
        "numa_tonode_memory", "numa_run_on_node", "numa_set_preferred"};

    private LibNuma()
    {
    }

    /**
     * The library, its status and the handles, created once when first used.
     */
    private static final class Handles
    {
        static final SymbolLookup LOOKUP;
        static final NativeStatus LIBRARY_STATUS;

        static
        {
            if (NativeLibraries.isForcedOff(LIBRARY))
            {
                LOOKUP = null;
                LIBRARY_STATUS = NativeLibraries.forcedOff(LIBRARY);
            }
            else
            {
                final Optional<SymbolLookup> lookup = NativeLibraries.loadLibrary(SONAME);
                LOOKUP = lookup.orElse(null);
                LIBRARY_STATUS = lookup.isPresent() ? NativeStatus.available() : NativeStatus.unavailable(
                    NativeStatus.Reason.LIBRARY_NOT_FOUND, SONAME + " could not be loaded (is libnuma1 installed?)");
            }
        }

        static final MethodHandle NUMA_AVAILABLE = downcall("numa_available", NUMA_AVAILABLE$DESC);
        static final MethodHandle NUMA_MAX_NODE = downcall("numa_max_node", NUMA_MAX_NODE$DESC);
        static final MethodHandle NUMA_NUM_CONFIGURED_NODES = downcall("numa_num_configured_nodes",
            NUMA_NUM_CONFIGURED_NODES$DESC);
        static final MethodHandle NUMA_NUM_CONFIGURED_CPUS = downcall("numa_num_configured_cpus",
            NUMA_NUM_CONFIGURED_CPUS$DESC);
        static final MethodHandle NUMA_NODE_OF_CPU = downcall("numa_node_of_cpu", NUMA_NODE_OF_CPU$DESC);
        static final MethodHandle NUMA_DISTANCE = downcall("numa_distance", NUMA_DISTANCE$DESC);
        static final MethodHandle NUMA_ALLOC_ONNODE = downcall("numa_alloc_onnode", NUMA_ALLOC_ONNODE$DESC);
        static final MethodHandle NUMA_ALLOC_LOCAL = downcall("numa_alloc_local", NUMA_ALLOC_LOCAL$DESC);
        static final MethodHandle NUMA_FREE = downcall("numa_free", NUMA_FREE$DESC);
        static final MethodHandle NUMA_TONODE_MEMORY = downcall("numa_tonode_memory", NUMA_TONODE_MEMORY$DESC);
        static final MethodHandle NUMA_RUN_ON_NODE = downcall("numa_run_on_node", NUMA_RUN_ON_NODE$DESC,
            java.lang.foreign.Linker.Option.captureCallState("errno"));
        static final MethodHandle NUMA_SET_PREFERRED = downcall("numa_set_preferred", NUMA_SET_PREFERRED$DESC);

        /** Overall status: library loaded, every symbol present, numa_available() != -1. */
        static final NativeStatus STATUS = evaluate();

        private static MethodHandle downcall(final String name, final FunctionDescriptor descriptor,
            final java.lang.foreign.Linker.Option... options)
        {
            return NativeLibraries.downcallOrNull(LOOKUP, name, descriptor, options);
        }

        private static NativeStatus evaluate()
        {
            if (!LIBRARY_STATUS.isAvailable())
            {
                return LIBRARY_STATUS;
            }
            for (final String function : FUNCTIONS)
            {
                final NativeStatus status = NativeLibraries.symbolStatus(LIBRARY, LIBRARY_STATUS, LOOKUP, function);
                if (!status.isAvailable())
                {
                    return status;
                }
            }
            final int available;
            try
            {
                available = (int)NUMA_AVAILABLE.invokeExact();
            }
            catch (final Throwable ex)
            {
                throw new AssertionError("numa_available downcall", ex);
            }
            return available == -1 ? NativeStatus.unavailable(NativeStatus.Reason.NOT_SUPPORTED,
                "numa_available() returned -1: the kernel has no NUMA support") : NativeStatus.available();
        }
    }

    /**
     * @return true when libnuma loaded, exports every bound function and {@code numa_available() != -1}.
     */
    public static boolean isAvailable()
    {
        return Handles.STATUS.isAvailable();
    }

    /**
     * @return libnuma's overall status with the precise reason when unavailable.
     */
    public static NativeStatus status()
    {
        return Handles.STATUS;
    }

    /**
     * @param function a libnuma function name.
     * @return whether that one symbol is usable (library status, else symbol missing or available); note that a
     *         symbol can be present while {@link #status()} is NOT_SUPPORTED.
     */
    public static NativeStatus status(final String function)
    {
        return NativeLibraries.symbolStatus(LIBRARY, Handles.LIBRARY_STATUS, Handles.LOOKUP, function);
    }

    private static MethodHandle handle(final MethodHandle handle, final String function)
    {
        if (handle == null || !Handles.STATUS.isAvailable())
        {
            final NativeStatus symbol = status(function);
            throw new NativeUnavailableException(LIBRARY, function, symbol.isAvailable() ? Handles.STATUS : symbol);
        }
        return handle;
    }

    /**
     * @return {@code numa_available()}: 0 when NUMA works, -1 when not (also checked by {@link #isAvailable()}).
     * @throws NativeUnavailableException when the library or symbol is missing or forced off.
     */
    public static int numa_available()
    {
        final MethodHandle handle = Handles.NUMA_AVAILABLE;
        if (handle == null)
        {
            throw new NativeUnavailableException(LIBRARY, "numa_available", status("numa_available"));
        }
        try
        {
            return (int)handle.invokeExact();
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_available downcall", ex);
        }
    }

    /**
     * @return the highest node number on the system.
     */
    public static int numa_max_node()
    {
        try
        {
            return (int)handle(Handles.NUMA_MAX_NODE, "numa_max_node").invokeExact();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_max_node downcall", ex);
        }
    }

    /**
     * @return the number of memory nodes configured (from /sys/devices/system/node).
     */
    public static int numa_num_configured_nodes()
    {
        try
        {
            return (int)handle(Handles.NUMA_NUM_CONFIGURED_NODES, "numa_num_configured_nodes").invokeExact();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_num_configured_nodes downcall", ex);
        }
    }

    /**
     * @return the number of CPUs configured (including offline ones).
     */
    public static int numa_num_configured_cpus()
    {
        try
        {
            return (int)handle(Handles.NUMA_NUM_CONFIGURED_CPUS, "numa_num_configured_cpus").invokeExact();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_num_configured_cpus downcall", ex);
        }
    }

    /**
     * @param cpu a CPU number.
     * @return its node, or -1 (errno EINVAL) for an unknown CPU.
     */
    public static int numa_node_of_cpu(final int cpu)
    {
        try
        {
            return (int)handle(Handles.NUMA_NODE_OF_CPU, "numa_node_of_cpu").invokeExact(cpu);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_node_of_cpu downcall", ex);
        }
    }

    /**
     * @param node1 a node.
     * @param node2 a node.
     * @return the ACPI SLIT distance (10 = local), or 0 when it cannot be determined.
     */
    public static int numa_distance(final int node1, final int node2)
    {
        try
        {
            return (int)handle(Handles.NUMA_DISTANCE, "numa_distance").invokeExact(node1, node2);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_distance downcall", ex);
        }
    }

    /**
     * Allocates page-granular memory bound to a node (mmap + mbind; pages are placed when first touched). The caller
     * owns it and must release it with {@link #numa_free} and the same size.
     *
     * @param size bytes (rounded up to pages by libnuma).
     * @param node the node.
     * @return a segment of {@code size} bytes (global scope: valid until numa_free).
     * @throws NativeException ENOMEM when libnuma returns NULL.
     */
    public static MemorySegment numa_alloc_onnode(final long size, final int node)
    {
        final MemorySegment memory;
        try
        {
            memory = (MemorySegment)handle(Handles.NUMA_ALLOC_ONNODE, "numa_alloc_onnode").invokeExact(size, node);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_alloc_onnode downcall", ex);
        }
        if (memory.address() == 0)
        {
            throw new NativeException("numa_alloc_onnode", Errno.ENOMEM, "size " + size + ", node " + node);
        }
        return memory.reinterpret(size);
    }

    /**
     * Allocates page-granular memory on the calling thread's node; release with {@link #numa_free}.
     *
     * @param size bytes.
     * @return a segment of {@code size} bytes.
     * @throws NativeException ENOMEM when libnuma returns NULL.
     */
    public static MemorySegment numa_alloc_local(final long size)
    {
        final MemorySegment memory;
        try
        {
            memory = (MemorySegment)handle(Handles.NUMA_ALLOC_LOCAL, "numa_alloc_local").invokeExact(size);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_alloc_local downcall", ex);
        }
        if (memory.address() == 0)
        {
            throw new NativeException("numa_alloc_local", Errno.ENOMEM, "size " + size);
        }
        return memory.reinterpret(size);
    }

    /**
     * Frees memory from {@link #numa_alloc_onnode}/{@link #numa_alloc_local}.
     *
     * @param start the allocation.
     * @param size  the size it was allocated with.
     */
    public static void numa_free(final MemorySegment start, final long size)
    {
        try
        {
            handle(Handles.NUMA_FREE, "numa_free").invokeExact(start, size);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_free downcall", ex);
        }
    }

    /**
     * Binds a page-aligned range to a node (mbind MPOL_BIND); pages already present are not moved. libnuma reports
     * failures on stderr only, so nothing is returned.
     *
     * @param start page-aligned start.
     * @param size  bytes.
     * @param node  the node.
     */
    public static void numa_tonode_memory(final MemorySegment start, final long size, final int node)
    {
        try
        {
            handle(Handles.NUMA_TONODE_MEMORY, "numa_tonode_memory").invokeExact(start, size, node);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_tonode_memory downcall", ex);
        }
    }

    /**
     * Restricts the calling thread to the CPUs of a node; -1 allows all CPUs again.
     *
     * @param node the node, or -1.
     * @throws NativeException with errno on failure (e.g. EINVAL for a node that does not exist).
     */
    public static void numa_run_on_node(final int node)
    {
        final MemorySegment state = Libc.callState();
        final int result;
        try
        {
            result = (int)handle(Handles.NUMA_RUN_ON_NODE, "numa_run_on_node").invokeExact(state, node);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_run_on_node downcall", ex);
        }
        if (result != 0)
        {
            throw new NativeException("numa_run_on_node", Libc.errno(state), "node " + node);
        }
    }

    /**
     * Sets the calling thread's preferred node for new allocations (MPOL_PREFERRED); -1 means local allocation.
     *
     * @param node the node, or -1.
     */
    public static void numa_set_preferred(final int node)
    {
        try
        {
            handle(Handles.NUMA_SET_PREFERRED, "numa_set_preferred").invokeExact(node);
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new AssertionError("numa_set_preferred downcall", ex);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Kernel placement queries (numaif.h), as raw syscalls through Libc.
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * @return true when the get_mempolicy/move_pages queries can be called (libc available, known architecture).
     */
    public static boolean placementQueriesAvailable()
    {
        return Libc.isAvailable() && Libc.SYS_get_mempolicy > 0 && Libc.SYS_move_pages > 0;
    }

    /**
     * Asks the kernel which node backs an address: {@code get_mempolicy(&node, NULL, 0, addr,
     * MPOL_F_NODE | MPOL_F_ADDR)}. The page must have been touched, otherwise the kernel faults it in first.
     *
     * @param address any address inside the mapping.
     * @return the node id.
     * @throws NativeException on failure (EFAULT for an unmapped address, ENOSYS without NUMA in the kernel).
     * @throws NativeUnavailableException when libc is forced off or the architecture is unknown.
     */
    public static int get_mempolicy_node(final MemorySegment address)
    {
        requirePlacementQueries("get_mempolicy");
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mode = arena.allocate(JAVA_INT);
            final MemorySegment state = Libc.callState();
            final long result = Libc.syscall(state, Libc.SYS_get_mempolicy, mode.address(), 0L, 0L,
                address.address(), (long)(MPOL_F_NODE | MPOL_F_ADDR));
            if (result != 0)
            {
                throw new NativeException("get_mempolicy", Libc.errno(state), "addr 0x" +
                    Long.toHexString(address.address()));
            }
            return mode.get(JAVA_INT, 0);
        }
    }

    /**
     * Asks the kernel which node each page is on: {@code move_pages(0, count, pages, NULL, status, 0)}, which moves
     * nothing when {@code nodes} is NULL.
     *
     * @param pages addresses of the pages to query (any address inside each page).
     * @return per page the node id, or a negative errno (-ENOENT: not present yet, -EFAULT: not mapped).
     * @throws NativeException when the call itself fails.
     * @throws NativeUnavailableException when libc is forced off or the architecture is unknown.
     */
    public static int[] move_pages_query(final MemorySegment... pages)
    {
        requirePlacementQueries("move_pages");
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment addresses = arena.allocate(ValueLayout.ADDRESS, pages.length);
            for (int i = 0; i < pages.length; i++)
            {
                addresses.setAtIndex(ValueLayout.ADDRESS, i, MemorySegment.ofAddress(pages[i].address()));
            }
            final MemorySegment status = arena.allocate(JAVA_INT, Math.max(1, pages.length));
            status.fill((byte)0xFF);
            final MemorySegment state = Libc.callState();
            final long result = Libc.syscall(state, Libc.SYS_move_pages, 0L, pages.length, addresses.address(), 0L,
                status.address(), 0L);
            if (result < 0)
            {
                throw new NativeException("move_pages", Libc.errno(state), pages.length + " pages");
            }
            final int[] nodes = new int[pages.length];
            for (int i = 0; i < nodes.length; i++)
            {
                nodes[i] = status.getAtIndex(JAVA_INT, i);
            }
            return nodes;
        }
    }

    private static void requirePlacementQueries(final String function)
    {
        if (!Libc.isAvailable())
        {
            throw new NativeUnavailableException(Libc.LIBRARY, function, Libc.status());
        }
        if (Libc.SYS_get_mempolicy <= 0 || Libc.SYS_move_pages <= 0)
        {
            throw new NativeUnavailableException(Libc.LIBRARY, function, NativeStatus.unavailable(
                NativeStatus.Reason.NOT_SUPPORTED, "no syscall number for " + function + " on os.arch=" +
                System.getProperty("os.arch")));
        }
    }
}
