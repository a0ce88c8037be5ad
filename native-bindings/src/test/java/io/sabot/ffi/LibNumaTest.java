package io.sabot.ffi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * libnuma and the placement syscalls on the real machine, checked against /sys/devices/system/node.
 */
class LibNumaTest
{
    private static final Path NODES = Path.of("/sys/devices/system/node");
    private static final long MIB = 1 << 20;
    private static final long PAGE = 4096;

    private static void assumeNuma()
    {
        assumeTrue(LibNuma.isAvailable(), "libnuma unavailable here: " + LibNuma.status());
    }

    private static List<Integer> sysfsNodes() throws IOException
    {
        final List<Integer> nodes = new ArrayList<>();
        try (Stream<Path> entries = Files.list(NODES))
        {
            entries.map(p -> p.getFileName().toString())
                .filter(n -> n.matches("node[0-9]+"))
                .forEach(n -> nodes.add(Integer.parseInt(n.substring(4))));
        }
        nodes.sort(null);
        return nodes;
    }

    private static List<Integer> parseList(final String list)
    {
        final List<Integer> values = new ArrayList<>();
        for (final String part : list.trim().split(","))
        {
            if (part.isEmpty())
            {
                continue;
            }
            final String[] range = part.split("-");
            final int from = Integer.parseInt(range[0]);
            final int to = range.length == 1 ? from : Integer.parseInt(range[1]);
            for (int i = from; i <= to; i++)
            {
                values.add(i);
            }
        }
        return values;
    }

    @Test
    void queriesMatchSysfs() throws IOException
    {
        assumeNuma();
        assumeTrue(Files.isDirectory(NODES), "no sysfs node directory");
        final List<Integer> nodes = sysfsNodes();
        assertEquals(0, LibNuma.numa_available());
        assertEquals(nodes.get(nodes.size() - 1), LibNuma.numa_max_node());
        assertEquals(nodes.size(), LibNuma.numa_num_configured_nodes());
        assertTrue(LibNuma.numa_num_configured_cpus() >= Runtime.getRuntime().availableProcessors());
        for (final int node : nodes)
        {
            for (final int cpu : parseList(Files.readString(NODES.resolve("node" + node).resolve("cpulist"))))
            {
                assertEquals(node, LibNuma.numa_node_of_cpu(cpu), "cpu " + cpu);
            }
            final String[] distances = Files.readString(NODES.resolve("node" + node).resolve("distance")).trim()
                .split("\\s+");
            for (int i = 0; i < nodes.size(); i++)
            {
                assertEquals(Integer.parseInt(distances[i]), LibNuma.numa_distance(node, nodes.get(i)));
            }
        }
        assertEquals(-1, LibNuma.numa_node_of_cpu(1 << 20));
    }

    @Test
    void allocOnNodeZeroIsPlacedOnNodeZero()
    {
        assumeNuma();
        final MemorySegment memory = LibNuma.numa_alloc_onnode(MIB, 0);
        try
        {
            assertEquals(MIB, memory.byteSize());
            assertEquals(0, memory.address() % PAGE);
            for (long offset = 0; offset < MIB; offset += PAGE)
            {
                memory.set(ValueLayout.JAVA_LONG, offset, offset);
            }
            assertEquals(5 * PAGE, memory.get(ValueLayout.JAVA_LONG, 5 * PAGE));
            assertArrayEquals(new int[]{0, 0, 0}, LibNuma.move_pages_query(memory,
                memory.asSlice(MIB / 2), memory.asSlice(MIB - PAGE)));
            assertEquals(0, LibNuma.get_mempolicy_node(memory));
            assertEquals(0, LibNuma.get_mempolicy_node(memory.asSlice(MIB - 8)));
        }
        finally
        {
            LibNuma.numa_free(memory, MIB);
        }
    }

    @Test
    void allocLocalAndToNodeMemory()
    {
        assumeNuma();
        final MemorySegment memory = LibNuma.numa_alloc_local(4 * PAGE);
        try
        {
            LibNuma.numa_tonode_memory(memory, 4 * PAGE, 0);
            memory.fill((byte)7);
            assertEquals(7, memory.get(ValueLayout.JAVA_BYTE, 4 * PAGE - 1));
            assertEquals(0, LibNuma.move_pages_query(memory)[0]);
        }
        finally
        {
            LibNuma.numa_free(memory, 4 * PAGE);
        }
    }

    @Test
    void movePagesOnUntouchedPageIsNegativeErrno()
    {
        assumeTrue(LibNuma.placementQueriesAvailable());
        final MemorySegment map = Libc.mmap(MemorySegment.NULL, 2 * PAGE, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        try
        {
            map.set(ValueLayout.JAVA_BYTE, 0, (byte)1);
            final int[] nodes = LibNuma.move_pages_query(map, map.asSlice(PAGE));
            assertTrue(nodes[0] >= 0, "touched page has a node");
            assertEquals(-Errno.ENOENT, nodes[1], "untouched page is not present");
        }
        finally
        {
            Libc.munmap(map, 2 * PAGE);
        }
    }

    @Test
    void runOnNodeAndPreferredInADedicatedThread() throws Exception
    {
        assumeNuma();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                LibNuma.numa_run_on_node(0);
                assertEquals(0, LibNuma.numa_node_of_cpu(Libc.sched_getcpu()));
                LibNuma.numa_run_on_node(-1);
                final NativeException ex = assertThrows(NativeException.class,
                    () -> LibNuma.numa_run_on_node(LibNuma.numa_max_node() + 100));
                assertEquals("numa_run_on_node", ex.function());
                LibNuma.numa_set_preferred(0);
                final MemorySegment map = Libc.mmap(MemorySegment.NULL, PAGE, Libc.PROT_READ | Libc.PROT_WRITE,
                    Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
                map.set(ValueLayout.JAVA_INT, 0, 1);
                assertEquals(0, LibNuma.get_mempolicy_node(map));
                Libc.munmap(map, PAGE);
                LibNuma.numa_set_preferred(-1);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "numa-run-on-node");
        thread.start();
        thread.join();
        assertNull(failure.get());
    }

    @Test
    void getMempolicyOfUnmappedAddressIsEfault()
    {
        assumeTrue(LibNuma.placementQueriesAvailable());
        final NativeException ex = assertThrows(NativeException.class,
            () -> LibNuma.get_mempolicy_node(MemorySegment.ofAddress(PAGE)));
        assertEquals(Errno.EFAULT, ex.errno());
        assertTrue(ex.getMessage().startsWith("get_mempolicy failed: errno 14 (EFAULT: Bad address)"),
            ex.getMessage());
    }
}
