package io.sabot.numa;

import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.BufferLedger;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * An Arrow {@link AllocationManager} whose buffers live on one chosen NUMA node.
 *
 * <pre>
 *   BufferAllocator root = new RootAllocator(RootAllocator.configBuilder()
 *       .allocationManagerFactory(NumaAllocationManager.factory(node)).build());
 * </pre>
 *
 * <p>Each buffer is one {@code numa_alloc_onnode} mapping (page-granular: a small buffer still takes a page and an
 * {@code mmap}) released with {@code numa_free}; without libnuma it is plain {@code malloc}/{@code free} through
 * Arrow's {@link MemoryUtil}, exactly as {@code arrow-memory-unsafe} does, and placement is first touch.
 * Zero-byte buffers are the factory's shared empty buffer, as in Arrow's own managers (Arrow never calls
 * {@code create} with size 0).
 *
 * <p>Thread-safety: Arrow's ledger calls {@link #release0()} exactly once; the manager itself is immutable.
 */
public final class NumaAllocationManager extends AllocationManager
{
    private static final ArrowBuf EMPTY =
        new ArrowBuf(ReferenceManager.NO_OP, null, 0, MemoryUtil.allocateMemory(0));

    private final NodeMemory memory;
    private final long size;
    private final long address;
    private final boolean nodeBound;
    private final int node;

    private NumaAllocationManager(final BufferAllocator accountingAllocator, final NodeMemory memory,
        final long size, final int node)
    {
        super(accountingAllocator);
        this.memory = memory;
        this.size = size;
        this.node = node;
        final long nodeAddress = memory.allocateOnNodeRaw(size, node);
        if (nodeAddress != 0)
        {
            this.address = nodeAddress;
            this.nodeBound = true;
        }
        else
        {
            // MemoryUtil.allocateMemory throws OutOfMemoryError itself, which Arrow's allocator expects
            this.address = MemoryUtil.allocateMemory(size);
            this.nodeBound = false;
        }
    }

    /**
     * @param node the node every buffer is placed on (a node of {@link NumaTopology#detect()}).
     * @throws IllegalArgumentException if the node is negative or above libnuma's highest node.
     * @return a factory for {@code RootAllocator.configBuilder().allocationManagerFactory(...)}.
     */
    public static AllocationManager.Factory factory(final int node)
    {
        return factory(node, NodeMemory.shared());
    }

    static AllocationManager.Factory factory(final int node, final NodeMemory memory)
    {
        memory.checkNode(node);
        return new AllocationManager.Factory()
        {
            @Override
            public AllocationManager create(final BufferAllocator accountingAllocator, final long size)
            {
                return new NumaAllocationManager(accountingAllocator, memory, size, node);
            }

            @Override
            public ArrowBuf empty()
            {
                return EMPTY;
            }

            @Override
            public String toString()
            {
                return "NumaAllocationManager.factory(node=" + node + ", " + memory + ")";
            }
        };
    }

    /**
     * @param buf an open buffer allocated through a {@link #factory(int)} allocator.
     * @return true when the buffer's memory came from {@code numa_alloc_onnode}.
     */
    public static boolean isNodeBound(final ArrowBuf buf)
    {
        return buf.getReferenceManager() instanceof BufferLedger ledger &&
            ledger.getAllocationManager() instanceof NumaAllocationManager manager && manager.nodeBound;
    }

    /**
     * @return the node this buffer was asked for.
     */
    public int node()
    {
        return node;
    }

    /**
     * @return true when this buffer came from {@code numa_alloc_onnode}, false for the malloc fallback.
     */
    public boolean isNodeBound()
    {
        return nodeBound;
    }

    @Override
    public long getSize()
    {
        return size;
    }

    @Override
    protected long memoryAddress()
    {
        return address;
    }

    @Override
    protected void release0()
    {
        if (nodeBound)
        {
            memory.free(address, size, true);
        }
        else
        {
            MemoryUtil.freeMemory(address);
        }
    }
}
