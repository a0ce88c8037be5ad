package io.sabot.sched;

import java.util.List;

import io.sabot.numa.CpuAffinity;
import io.sabot.numa.NumaTopology;

/**
 * Worker placements and pinning from a {@link NumaTopology}: worker i runs on the topology's i-th CPU (wrapping
 * when there are more workers than CPUs), and steals from workers on the nearest nodes first (NUMA distance of
 * the two workers' nodes, ties in ring order from the worker itself).
 *
 * <pre>
 *   2 nodes x 2 CPUs, distances 10 local / 21 remote, 4 workers:
 *     worker 0 (cpu 0, node 0): steals 1, then 2, 3
 *     worker 2 (cpu 2, node 1): steals 3, then 0, 1
 * </pre>
 *
 * <p>Pinning goes through {@link CpuAffinity#pinToCpu(int)}: when libc or the kernel refuses, the worker runs
 * unpinned and {@link MorselScheduler#pinning(int)} says why.
 *
 * <p>Thread-safety: stateless.
 */
public final class NumaPlacements
{
    /** Pins each worker to its placement's CPU (no-op with reason when unavailable or cpu is -1). */
    public static final WorkerPinner CPU_AFFINITY = (worker, placement) ->
        placement.cpu() < 0 ? "not pinned (no cpu in placement)" : CpuAffinity.pinToCpu(placement.cpu()).toString();

    private NumaPlacements()
    {
    }

    /**
     * @param topology the machine's layout, e.g. {@link NumaTopology#detect()}.
     * @param workers  number of workers, at least 1.
     * @return one placement per worker.
     */
    public static List<WorkerPlacement> of(final NumaTopology topology, final int workers)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        final int[] topologyCpus = topology.cpus();
        final int[] cpus = new int[workers];
        final int[] nodes = new int[workers];
        for (int w = 0; w < workers; w++)
        {
            cpus[w] = topologyCpus[w % topologyCpus.length];
            nodes[w] = topology.nodeOfCpu(cpus[w]);
        }
        return WorkerPlacement.byDistance(workers, cpus, nodes, (a, b) -> topology.distance(nodes[a], nodes[b]));
    }
}
