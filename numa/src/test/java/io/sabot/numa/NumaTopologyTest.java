package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.sabot.ffi.LibNuma;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumaTopologyTest
{
    @TempDir
    Path tmp;

    @Test
    void parsesCpuListRangesAndSingles()
    {
        assertArrayEquals(new int[] {0, 1, 2, 3, 8, 9, 10, 11}, NumaTopology.parseCpuList("0-3,8-11\n"));
        assertArrayEquals(new int[] {5}, NumaTopology.parseCpuList("5"));
        assertArrayEquals(new int[] {0, 2, 4, 5}, NumaTopology.parseCpuList("4-5,0,2"));
        assertArrayEquals(new int[0], NumaTopology.parseCpuList("\n"));
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.parseCpuList("3-1"));
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.parseCpuList("a-b"));
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.parseCpuList("-4"));
    }

    @Test
    void parsesTwoNodeTreeWithRangesAndAsymmetricDistances() throws IOException
    {
        node(0, "0-3,8-11\n", "10 21\n");
        node(1, "4-7,12-15\n", "31 10\n");
        final NumaTopology t = NumaTopology.fromSysfs(tmp).orElseThrow();

        assertEquals(NumaTopology.Source.SYSFS, t.source());
        assertEquals(2, t.nodeCount());
        assertEquals(16, t.cpuCount());
        assertArrayEquals(new int[] {0, 1, 2, 3, 8, 9, 10, 11}, t.cpusOfNode(0));
        assertArrayEquals(new int[] {4, 5, 6, 7, 12, 13, 14, 15}, t.cpusOfNode(1));
        assertEquals(0, t.nodeOfCpu(9));
        assertEquals(1, t.nodeOfCpu(12));
        assertEquals(-1, t.nodeOfCpu(16));
        assertEquals(21, t.distance(0, 1));
        assertEquals(31, t.distance(1, 0));
        assertEquals(10, t.distance(1, 1));
        assertArrayEquals(new int[] {1, 0}, t.nodesByDistanceFrom(1));
        // CPU 9 first, then its node-mates rotated to start after 9, then the remote node's CPUs likewise
        assertArrayEquals(
            new int[] {9, 10, 11, 0, 1, 2, 3, 8, 12, 13, 14, 15, 4, 5, 6, 7}, t.cpusByDistanceFrom(9));
    }

    @Test
    void nodesOrderedByDistanceWithSparseIds() throws IOException
    {
        node(0, "0", "10 30 20");
        node(2, "1", "30 10 20");
        node(5, "", "20 20 10");
        final NumaTopology t = NumaTopology.fromSysfs(tmp).orElseThrow();
        assertArrayEquals(new int[] {0, 2, 5}, t.nodeIds());
        assertArrayEquals(new int[] {0, 5, 2}, t.nodesByDistanceFrom(0));
        assertArrayEquals(new int[] {2, 5, 0}, t.nodesByDistanceFrom(2));
        assertArrayEquals(new int[0], t.cpusOfNode(5));
        assertArrayEquals(new int[] {1, 0}, t.cpusByDistanceFrom(1));
    }

    @Test
    void missingFilesGiveEmptyCpuListsAndDefaultDistances() throws IOException
    {
        Files.createDirectories(tmp.resolve("node0"));
        Files.writeString(tmp.resolve("node0/cpulist"), "0-1");
        Files.createDirectories(tmp.resolve("node1"));
        Files.createDirectories(tmp.resolve("possible"));
        final NumaTopology t = NumaTopology.fromSysfs(tmp).orElseThrow();
        assertEquals(2, t.nodeCount());
        assertArrayEquals(new int[0], t.cpusOfNode(1));
        assertEquals(NumaTopology.LOCAL_DISTANCE, t.distance(0, 0));
        assertEquals(NumaTopology.REMOTE_DISTANCE, t.distance(0, 1));
    }

    @Test
    void missingTreeGivesEmpty()
    {
        assertEquals(Optional.empty(), NumaTopology.fromSysfs(tmp.resolve("absent")));
        assertEquals(Optional.empty(), NumaTopology.fromSysfs(tmp));
    }

    @Test
    void malformedDistanceIsAnError() throws IOException
    {
        node(0, "0", "ten");
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.fromSysfs(tmp));
    }

    @Test
    void fallbackIsOneNode()
    {
        final NumaTopology t = NumaTopology.fallback(3);
        assertEquals(NumaTopology.Source.FALLBACK, t.source());
        assertArrayEquals(new int[] {0, 1, 2}, t.cpusOfNode(0));
        assertArrayEquals(new int[] {1, 2, 0}, t.cpusByDistanceFrom(1));
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.fallback(0));
    }

    @Test
    void thisMachineWithoutLibnumaIsOneNodeTwoCpus()
    {
        final NumaTopology t = NumaTopology.detectWithoutLibnuma();
        assertTrue(t.source() == NumaTopology.Source.SYSFS || t.source() == NumaTopology.Source.FALLBACK);
        assertEquals(1, t.nodeCount());
        assertEquals(Runtime.getRuntime().availableProcessors(), t.cpuCount());
        assertEquals(10, t.distance(0, 0));
    }

    @Test
    void detectOnThisMachineUsesLibnumaWhenBoundAndAgreesWithSysfs()
    {
        final NumaTopology t = NumaTopology.detect();
        if (LibNuma.isAvailable())
        {
            assertEquals(NumaTopology.Source.LIBNUMA, t.source());
        }
        else
        {
            assertTrue(t.source() != NumaTopology.Source.LIBNUMA);
        }
        // this machine: 1 node, every CPU on it, distance 10
        assertArrayEquals(new int[] {0}, t.nodeIds());
        assertEquals(Runtime.getRuntime().availableProcessors(), t.cpusOfNode(0).length);
        assertEquals(10, t.distance(0, 0));
        assertArrayEquals(new int[] {0}, t.nodesByDistanceFrom(0));
        final NumaTopology sysfs = NumaTopology.detectWithoutLibnuma();
        assertArrayEquals(sysfs.nodeIds(), t.nodeIds());
        assertArrayEquals(sysfs.cpusOfNode(0), t.cpusOfNode(0));
    }

    @Test
    void rejectsCpuInTwoNodes()
    {
        assertThrows(IllegalArgumentException.class, () -> NumaTopology.of(
            NumaTopology.Source.SYSFS, new int[] {0, 1}, new int[][] {{0}, {0}}, new int[][] {{10, 20}, {20, 10}}));
    }

    private void node(final int id, final String cpulist, final String distance) throws IOException
    {
        final Path dir = Files.createDirectories(tmp.resolve("node" + id));
        Files.writeString(dir.resolve("cpulist"), cpulist);
        Files.writeString(dir.resolve("distance"), distance);
    }
}
