package io.sabot.sched;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.sabot.numa.CpuAffinity;
import io.sabot.numa.NumaTopology;
import org.junit.jupiter.api.Test;

/**
 * Steal order by NUMA distance, and a scheduler pinned to the detected topology (pinned when the kernel allows,
 * otherwise unpinned with a reason; both run morsels).
 */
final class NumaPlacementsTest
{
    @Test
    void stealOrderFollowsNodeDistance()
    {
        // nodes 0 and 1, two CPUs each; 10 local, 21 remote
        final NumaTopology topology = NumaTopology.of(NumaTopology.Source.FALLBACK, new int[] {0, 1},
            new int[][] {{0, 1}, {2, 3}}, new int[][] {{10, 21}, {21, 10}});
        final List<WorkerPlacement> placements = NumaPlacements.of(topology, 4);
        assertEquals(2, placements.get(2).cpu());
        assertEquals(1, placements.get(2).node());
        assertArrayEquals(new int[] {1, 2, 3}, placements.get(0).stealOrder());
        assertArrayEquals(new int[] {0, 2, 3}, placements.get(1).stealOrder());
        assertArrayEquals(new int[] {3, 0, 1}, placements.get(2).stealOrder());
        assertArrayEquals(new int[] {2, 0, 1}, placements.get(3).stealOrder());
    }

    @Test
    void unpinnedPlacementsUseARing()
    {
        final List<WorkerPlacement> placements = WorkerPlacement.unpinned(3);
        assertArrayEquals(new int[] {1, 2}, placements.get(0).stealOrder());
        assertArrayEquals(new int[] {0, 1}, placements.get(2).stealOrder());
        assertEquals(-1, placements.get(1).cpu());
    }

    @Test
    void schedulerPinnedToDetectedTopologyRunsOnItsCpus() throws Exception
    {
        final NumaTopology topology = NumaTopology.detect();
        try (MorselScheduler scheduler = MorselScheduler.builder().pinnedTo(topology).build())
        {
            assertEquals(topology.cpuCount(), scheduler.workerCount());
            final ConcurrentHashMap<Integer, Integer> cpuOfWorker = new ConcurrentHashMap<>();
            final TaskGroup group = scheduler.submit(GroupSpec.named("pinned"));
            for (int w = 0; w < scheduler.workerCount(); w++)
            {
                for (int i = 0; i < 50; i++)
                {
                    group.submit(ctx -> cpuOfWorker.put(ctx.workerIndex(), CpuAffinity.currentCpu()), w);
                }
            }
            group.complete();
            assertEquals(GroupStatus.COMPLETED, group.completion().get(10, TimeUnit.SECONDS).status());
            for (int w = 0; w < scheduler.workerCount(); w++)
            {
                final String pinning = scheduler.pinning(w);
                System.out.println("worker " + w + ": " + pinning + ", ran on cpu " + cpuOfWorker.get(w));
                assertFalse(pinning.isEmpty());
                if ("all".equals(System.getProperty("sabot.native.disable")))
                {
                    assertTrue(pinning.startsWith("not pinned"), pinning);
                }
                if (pinning.startsWith("pinned to") && cpuOfWorker.containsKey(w) && cpuOfWorker.get(w) >= 0)
                {
                    assertEquals(scheduler.placement(w).cpu(), cpuOfWorker.get(w), "worker " + w + " " + pinning);
                }
            }
            final int node = scheduler.placement(0).node();
            assertTrue(scheduler.workersOnNode(node).length >= 1);
        }
    }
}
