package io.sabot.numa;

import java.lang.foreign.MemorySegment;

import io.sabot.common.SabotException;
import io.sabot.ffi.LibNuma;

/**
 * The libnuma calls behind {@link NodeMemory} and {@link NumaAllocationManager}, turned into sentinel results
 * ({@code 0} address, {@code -1} node) so that nothing above throws from an allocation path.
 *
 * <p>Thread-safety: stateless.
 */
final class NumaNative
{
    private static final boolean AVAILABLE = LibNuma.isAvailable();
    private static final int MAX_NODE = AVAILABLE ? maxNodeOrZero() : 0;
    private static final boolean PLACEMENT_QUERIES = LibNuma.placementQueriesAvailable();

    private NumaNative()
    {
    }

    static boolean isAvailable()
    {
        return AVAILABLE;
    }

    static String status()
    {
        return AVAILABLE ? "available" : "libnuma " + LibNuma.status();
    }

    static int maxNode()
    {
        return MAX_NODE;
    }

    static boolean placementQueriesAvailable()
    {
        return PLACEMENT_QUERIES;
    }

    /**
     * @return the address, or 0 when libnuma refused.
     */
    static long allocOnNode(final long bytes, final int node)
    {
        try
        {
            return LibNuma.numa_alloc_onnode(bytes, node).address();
        }
        catch (final SabotException e)
        {
            return 0;
        }
    }

    /**
     * @return the address, or 0 when libnuma refused.
     */
    static long allocLocal(final long bytes)
    {
        try
        {
            return LibNuma.numa_alloc_local(bytes).address();
        }
        catch (final SabotException e)
        {
            return 0;
        }
    }

    static void free(final long address, final long bytes)
    {
        LibNuma.numa_free(MemorySegment.ofAddress(address), bytes);
    }

    /**
     * @return the node of the page holding {@code address} ({@code get_mempolicy}), or -1.
     */
    static int nodeOfAddress(final long address)
    {
        try
        {
            return LibNuma.get_mempolicy_node(MemorySegment.ofAddress(address));
        }
        catch (final SabotException e)
        {
            return -1;
        }
    }

    /**
     * @return per address the node ({@code move_pages} query) or a negative errno; empty array on failure.
     */
    static int[] nodesOfPages(final long[] addresses)
    {
        final MemorySegment[] pages = new MemorySegment[addresses.length];
        for (int i = 0; i < pages.length; i++)
        {
            pages[i] = MemorySegment.ofAddress(addresses[i]);
        }
        try
        {
            return LibNuma.move_pages_query(pages);
        }
        catch (final SabotException e)
        {
            return new int[0];
        }
    }

    private static int maxNodeOrZero()
    {
        try
        {
            return LibNuma.numa_max_node();
        }
        catch (final SabotException e)
        {
            return 0;
        }
    }
}
