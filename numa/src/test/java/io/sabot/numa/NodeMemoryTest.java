package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

/**
 * Runs in both surefire executions: with libnuma the memory must be node-bound and the kernel must report node 0;
 * forced off, it must be the malloc fallback with node unknown.
 */
class NodeMemoryTest
{
    private static final int PAGES = 16;
    private static final long PAGE = 4096;

    @Test
    void allocateWriteQueryFreeOnNode0()
    {
        final NodeMemory memory = NodeMemory.shared();
        try (NodeAllocation a = memory.allocate(PAGES * PAGE, 0))
        {
            final MemorySegment s = a.segment();
            assertEquals(PAGES * PAGE, s.byteSize());
            fillAndCheck(s);
            assertEquals(0, a.requestedNode());
            assertEquals(memory.isNodeBindingAvailable(), a.isNodeBound());
            final int expected = NodeMemory.placementQueriesAvailable() ? 0 : -1;
            for (int p = 0; p < PAGES; p++)
            {
                assertEquals(expected, memory.nodeOf(s.asSlice(p * PAGE, 1)), "page " + p);
            }
            final int[] pages = memory.nodesOfPages(s, PAGE);
            assertEquals(NodeMemory.placementQueriesAvailable() ? PAGES : 0, pages.length);
            for (final int node : pages)
            {
                assertEquals(0, node);
            }
        }
    }

    @Test
    void allocateLocalIsOnTheCurrentNode()
    {
        final NodeMemory memory = NodeMemory.shared();
        try (NodeAllocation a = memory.allocateLocal(3 * PAGE + 5))
        {
            fillAndCheck(a.segment());
            assertEquals(-1, a.requestedNode());
            final int node = memory.nodeOf(a.segment());
            assertEquals(NodeMemory.placementQueriesAvailable() ? 0 : -1, node);
        }
    }

    @Test
    void portableInstanceNeverBinds()
    {
        final NodeMemory memory = NodeMemory.portable();
        assertFalse(memory.isNodeBindingAvailable());
        final NodeAllocation a = memory.allocate(1000, 0);
        fillAndCheck(a.segment());
        assertFalse(a.isNodeBound());
        // the kernel still knows where malloc's pages are (first touch, by this thread, on node 0)
        assertEquals(NodeMemory.placementQueriesAvailable() ? 0 : -1, memory.nodeOf(a.segment()));
        a.close();
        a.close();
    }

    @Test
    void zeroBytesAndBadArguments()
    {
        final NodeMemory memory = NodeMemory.shared();
        try (NodeAllocation a = memory.allocate(0, 0))
        {
            assertEquals(0, a.segment().byteSize());
            assertEquals(-1, memory.nodeOf(a.segment()));
        }
        assertThrows(IllegalArgumentException.class, () -> memory.allocate(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> memory.allocate(8, -2));
        assertEquals(-1, memory.nodeOf(MemorySegment.ofArray(new byte[8])));
    }

    @Test
    void untouchedPagesAreReportedNotPresentByMovePages()
    {
        final NodeMemory memory = NodeMemory.shared();
        assumeTrue(memory.isNodeBindingAvailable() && NodeMemory.placementQueriesAvailable());
        try (NodeAllocation a = memory.allocate(4 * PAGE, 0))
        {
            // numa_alloc_onnode only mmaps: no page exists until touched, and the query must not fault them in
            assertArrayEquals(new int[] {-2, -2, -2, -2}, memory.nodesOfPages(a.segment(), PAGE));
            a.segment().set(ValueLayout.JAVA_LONG, 2 * PAGE, 1L);
            assertArrayEquals(new int[] {-2, -2, 0, -2}, memory.nodesOfPages(a.segment(), PAGE));
        }
    }

    @Test
    void nodeAboveMaxIsRejectedWhenBound()
    {
        final NodeMemory memory = NodeMemory.shared();
        assumeTrue(memory.isNodeBindingAvailable());
        assertThrows(IllegalArgumentException.class, () -> memory.allocate(PAGE, 4096));
        assertThrows(IllegalArgumentException.class, () -> NumaAllocationManager.factory(4096));
    }

    static void fillAndCheck(final MemorySegment s)
    {
        final long n = s.byteSize();
        for (long i = 0; i < n; i++)
        {
            s.set(ValueLayout.JAVA_BYTE, i, (byte)(i * 31));
        }
        for (long i = 0; i < n; i++)
        {
            assertEquals((byte)(i * 31), s.get(ValueLayout.JAVA_BYTE, i));
        }
    }
}
