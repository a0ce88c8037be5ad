package io.sabot.numa;

import java.lang.foreign.MemorySegment;

/**
 * One block of off-heap memory from {@link NodeMemory}, owned by whoever holds this object until {@link #close()}.
 *
 * <p>Ownership: the segment is valid until {@link #close()}; using it afterwards is a use-after-free (the segment is
 * not bound to an arena, so the JDK cannot catch it). {@code close()} frees exactly once; later calls do nothing.
 * Thread-safety: the segment may be shared for reading and writing like any native memory; {@code close()} must
 * happen after every other thread is done with it.
 */
public final class NodeAllocation implements AutoCloseable
{
    private final NodeMemory memory;
    private final MemorySegment segment;
    private final int requestedNode;
    private final boolean nodeBound;
    private boolean closed;

    NodeAllocation(final NodeMemory memory, final MemorySegment segment, final int requestedNode,
        final boolean nodeBound)
    {
        this.memory = memory;
        this.segment = segment;
        this.requestedNode = requestedNode;
        this.nodeBound = nodeBound;
    }

    /**
     * @return the memory ({@code byteSize()} = the size asked for; zero-filled when node-bound, else unspecified).
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * @return the node asked for.
     */
    public int requestedNode()
    {
        return requestedNode;
    }

    /**
     * @return true when the memory came from {@code numa_alloc_onnode} (pages bound to {@link #requestedNode()}),
     *     false when it came from the portable fallback (pages land wherever the first touching thread runs).
     */
    public boolean isNodeBound()
    {
        return nodeBound;
    }

    /**
     * Frees the memory; idempotent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            memory.free(segment.address(), segment.byteSize(), nodeBound);
        }
    }
}
