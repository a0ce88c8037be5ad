package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

/**
 * Runs in both surefire executions: with libnuma every non-empty buffer must be node-bound on node 0 as reported by
 * the kernel; forced off, buffers come from malloc and the node is unknown.
 */
class NumaAllocationManagerTest
{
    private static BufferAllocator root(final NodeMemory memory)
    {
        return new RootAllocator(RootAllocator.configBuilder()
            .allocationManagerFactory(NumaAllocationManager.factory(0, memory)).build());
    }

    @Test
    void buffersOfVariousSizesAreOnNode0AndAllFreed()
    {
        final NodeMemory memory = NodeMemory.shared();
        final boolean bound = memory.isNodeBindingAvailable();
        try (BufferAllocator allocator = root(memory))
        {
            final long[] sizes = {0, 1, 7, 64, 4095, 4096, 4097, 65536, 1 << 20, 3_000_001};
            final ArrowBuf[] bufs = new ArrowBuf[sizes.length];
            for (int i = 0; i < sizes.length; i++)
            {
                bufs[i] = allocator.buffer(sizes[i]);
                final ArrowBuf b = bufs[i];
                assertTrue(b.capacity() >= sizes[i], "capacity " + b.capacity());
                for (long j = 0; j + 8 <= sizes[i]; j += 8)
                {
                    b.setLong(j, j * 7 + i);
                }
                if (sizes[i] > 0)
                {
                    b.setByte(sizes[i] - 1, 0x5A);
                }
            }
            for (int i = 0; i < sizes.length; i++)
            {
                final ArrowBuf b = bufs[i];
                for (long j = 0; j + 8 <= sizes[i]; j += 8)
                {
                    if (j + 8 < sizes[i])
                    {
                        assertEquals(j * 7 + i, b.getLong(j));
                    }
                }
                if (sizes[i] == 0)
                {
                    continue;
                }
                assertEquals(0x5A, b.getByte(sizes[i] - 1));
                assertEquals(bound, NumaAllocationManager.isNodeBound(b), "size " + sizes[i]);
                final MemorySegment seg = MemorySegment.ofAddress(b.memoryAddress()).reinterpret(sizes[i]);
                final int expected = NodeMemory.placementQueriesAvailable() ? 0 : -1;
                assertEquals(expected, memory.nodeOf(seg), "size " + sizes[i]);
                assertEquals(expected, memory.nodeOf(seg.asSlice(sizes[i] - 1)), "last byte, size " + sizes[i]);
            }
            assertSame(allocator.getEmpty().getReferenceManager(), bufs[0].getReferenceManager());
            for (final ArrowBuf b : bufs)
            {
                b.close();
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void vectorsAndChildAllocatorsWork()
    {
        try (BufferAllocator root = new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(NumaAllocationManager.factory(0)).build());
             BufferAllocator child = root.newChildAllocator("child", 0, Long.MAX_VALUE);
             BigIntVector v = new BigIntVector("v", child))
        {
            v.allocateNew(10_000);
            for (int i = 0; i < 10_000; i++)
            {
                v.set(i, i * 3L);
            }
            v.setValueCount(10_000);
            long sum = 0;
            for (int i = 0; i < 10_000; i++)
            {
                sum += v.get(i);
            }
            assertEquals(3L * 9_999 * 10_000 / 2, sum);
            assertEquals(NodeMemory.shared().isNodeBindingAvailable(),
                NumaAllocationManager.isNodeBound(v.getDataBuffer()));
            v.close();
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    @Test
    void portableFactoryUsesMalloc()
    {
        try (BufferAllocator allocator = root(NodeMemory.portable());
             ArrowBuf b = allocator.buffer(10_000))
        {
            b.setLong(0, 99);
            assertEquals(99, b.getLong(0));
            assertEquals(false, NumaAllocationManager.isNodeBound(b));
        }
    }
}
