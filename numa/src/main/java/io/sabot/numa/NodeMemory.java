package io.sabot.numa;

import java.lang.foreign.MemorySegment;

import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Node-local off-heap memory: {@code numa_alloc_onnode}/{@code numa_alloc_local} when libnuma is available, else
 * plain {@code malloc} (Arrow's {@link MemoryUtil}), where pages land on the node of the first thread to touch them.
 *
 * <p>Every allocation is a {@link NodeAllocation} the caller owns and must close. libnuma allocations are
 * page-granular {@code mmap}s bound with {@code mbind}: use them for large blocks, not for many small objects.
 * {@link #nodeOf(MemorySegment)} ({@code get_mempolicy(MPOL_F_NODE | MPOL_F_ADDR)}) and
 * {@link #nodesOfPages(MemorySegment, long)} ({@code move_pages} query) ask the kernel where pages actually are, so
 * tests and diagnostics can check placement rather than trust it.
 *
 * <p>Thread-safety: stateless apart from the immutable availability decided at class initialisation; safe from any
 * thread. No method accepts {@code null}.
 */
public final class NodeMemory
{
    private static final NodeMemory SHARED = new NodeMemory(NumaNative.isAvailable(), NumaNative.status());

    private final boolean nodeBinding;
    private final String status;

    private NodeMemory(final boolean nodeBinding, final String status)
    {
        this.nodeBinding = nodeBinding;
        this.status = status;
    }

    /**
     * @return the process-wide instance (libnuma when available).
     */
    public static NodeMemory shared()
    {
        return SHARED;
    }

    /**
     * @return an instance that never uses libnuma (the portable path), for tests and for callers that want it.
     */
    public static NodeMemory portable()
    {
        return new NodeMemory(false, "portable path requested");
    }

    /**
     * @return true when allocations are bound to their node through libnuma.
     */
    public boolean isNodeBindingAvailable()
    {
        return nodeBinding;
    }

    /**
     * @return "available", or why node binding is unavailable (library missing, forced off...).
     */
    public String status()
    {
        return status;
    }

    /**
     * Allocates {@code bytes} on {@code node}. Falls back to {@code malloc} when libnuma is unavailable or refuses
     * (e.g. the node has no memory); {@link NodeAllocation#isNodeBound()} tells which happened.
     *
     * @param bytes size, {@code >= 0} (0 gives an empty segment that needs no memory).
     * @param node  a node id, {@code >= 0}.
     * @return the owned allocation.
     * @throws IllegalArgumentException if {@code bytes < 0}, {@code node < 0}, or (libnuma bound) the node is above
     *     {@code numa_max_node()}.
     * @throws OutOfMemoryError if even the fallback cannot allocate.
     */
    public NodeAllocation allocate(final long bytes, final int node)
    {
        checkNode(node);
        return allocate(bytes, node, false);
    }

    /**
     * Allocates {@code bytes} on the node of the calling thread's CPU ({@code numa_alloc_local}).
     *
     * @param bytes size, {@code >= 0}.
     * @return the owned allocation; its {@link NodeAllocation#requestedNode()} is {@code -1}.
     */
    public NodeAllocation allocateLocal(final long bytes)
    {
        return allocate(bytes, -1, true);
    }

    /**
     * @return true when {@link #nodeOf} and {@link #nodesOfPages} can ask the kernel (libc bound, known
     *     architecture); independent of libnuma.
     */
    public static boolean placementQueriesAvailable()
    {
        return NumaNative.placementQueriesAvailable();
    }

    /**
     * @param segment native memory (any origin) of at least one byte.
     * @return the node holding the page of {@code segment}'s first byte ({@code get_mempolicy}; an untouched page
     *     is faulted in first), or {@code -1} when placement queries are unavailable or the kernel does not say.
     */
    public int nodeOf(final MemorySegment segment)
    {
        if (!NumaNative.placementQueriesAvailable() || !segment.isNative() || segment.byteSize() == 0)
        {
            return -1;
        }
        return NumaNative.nodeOfAddress(segment.address());
    }

    /**
     * Asks the kernel where each page of a segment is, without touching it ({@code move_pages} with no target nodes).
     *
     * @param segment native memory (any origin).
     * @param pageSize the page size to step by (4096 on x86_64 without huge pages).
     * @return per page the node id, or a negative errno for that page ({@code -2} = ENOENT: not faulted in yet);
     *     empty when placement queries are unavailable.
     */
    public int[] nodesOfPages(final MemorySegment segment, final long pageSize)
    {
        if (!NumaNative.placementQueriesAvailable() || !segment.isNative() || segment.byteSize() == 0)
        {
            return new int[0];
        }
        final long first = segment.address() & -pageSize;
        final long end = segment.address() + segment.byteSize();
        final int pages = Math.toIntExact((end - first + pageSize - 1) / pageSize);
        final long[] addresses = new long[pages];
        for (int i = 0; i < pages; i++)
        {
            addresses[i] = first + i * pageSize;
        }
        return NumaNative.nodesOfPages(addresses);
    }

    /**
     * @param node a node id.
     * @throws IllegalArgumentException if negative, or above {@code numa_max_node()} when libnuma is bound (libnuma
     *     would hand back unbound memory and only print the mbind error).
     */
    void checkNode(final int node)
    {
        if (node < 0 || (nodeBinding && node > NumaNative.maxNode()))
        {
            throw new IllegalArgumentException("no node " + node + " (max node " +
                (nodeBinding ? NumaNative.maxNode() : "unknown") + ")");
        }
    }

    long allocateOnNodeRaw(final long bytes, final int node)
    {
        return nodeBinding ? NumaNative.allocOnNode(bytes, node) : 0;
    }

    void free(final long address, final long bytes, final boolean nodeBound)
    {
        if (bytes == 0)
        {
            return;
        }
        if (nodeBound)
        {
            NumaNative.free(address, bytes);
        }
        else
        {
            MemoryUtil.freeMemory(address);
        }
    }

    private NodeAllocation allocate(final long bytes, final int node, final boolean local)
    {
        if (bytes < 0)
        {
            throw new IllegalArgumentException("bytes must be >= 0: " + bytes);
        }
        if (bytes == 0)
        {
            return new NodeAllocation(this, MemorySegment.NULL, node, false);
        }
        if (nodeBinding)
        {
            final long address = local ? NumaNative.allocLocal(bytes) : NumaNative.allocOnNode(bytes, node);
            if (address != 0)
            {
                return new NodeAllocation(this, MemorySegment.ofAddress(address).reinterpret(bytes), node, true);
            }
        }
        final long address = MemoryUtil.allocateMemory(bytes);
        return new NodeAllocation(this, MemorySegment.ofAddress(address).reinterpret(bytes), node, false);
    }

    @Override
    public String toString()
    {
        return "NodeMemory{" + (nodeBinding ? "libnuma" : "portable: " + status) + '}';
    }
}
