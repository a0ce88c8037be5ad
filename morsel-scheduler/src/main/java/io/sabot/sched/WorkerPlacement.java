package io.sabot.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Where one worker runs and whom it robs: the CPU and NUMA node it is pinned to (or -1 for "not pinned") and the
 * order in which it tries the other workers' deques when its own work runs out (nearest first).
 *
 * <p>Thread-safety: immutable; {@link #stealOrder()} returns a copy.
 *
 * @param cpu        CPU to pin to, or -1 to leave the thread to the OS.
 * @param node       NUMA node of that CPU, or -1 when unknown.
 * @param stealOrder victims, by worker index, nearest first; must not contain the worker itself.
 */
public record WorkerPlacement(int cpu, int node, int[] stealOrder)
{
    /**
     * Validates and copies.
     */
    public WorkerPlacement
    {
        if (stealOrder == null)
        {
            throw new NullPointerException("stealOrder");
        }
        stealOrder = stealOrder.clone();
    }

    @Override
    public int[] stealOrder()
    {
        return stealOrder.clone();
    }

    @Override
    public String toString()
    {
        return "WorkerPlacement[cpu=" + cpu + ", node=" + node + ", stealOrder=" + Arrays.toString(stealOrder) + "]";
    }

    /**
     * Unpinned workers with a ring steal order (worker i tries i+1, i+2, ... so victims spread evenly).
     *
     * @param workers number of workers, at least 1.
     * @return one placement per worker.
     */
    public static List<WorkerPlacement> unpinned(final int workers)
    {
        final int[] cpus = new int[workers];
        Arrays.fill(cpus, -1);
        return byDistance(workers, cpus, null, (a, b) -> 0);
    }

    /**
     * Placements from a worker-to-CPU assignment and a CPU distance function: steal order by distance between the
     * workers' CPUs, ties broken in ring order.
     *
     * @param workers  number of workers.
     * @param cpus     CPU per worker (-1 = unpinned), length {@code workers}.
     * @param nodes    NUMA node per worker, or null when unknown.
     * @param distance distance between two workers' placements (e.g. NUMA distance of their nodes).
     * @return one placement per worker.
     */
    public static List<WorkerPlacement> byDistance(
        final int workers, final int[] cpus, final int[] nodes, final IntBinaryOperator distance)
    {
        final List<WorkerPlacement> placements = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++)
        {
            final Integer[] victims = new Integer[workers - 1];
            for (int k = 1; k < workers; k++)
            {
                victims[k - 1] = (w + k) % workers;
            }
            final int self = w;
            // stable sort keeps the ring order among equally distant victims
            Arrays.sort(victims, (x, y) -> Integer.compare(distance.applyAsInt(self, x), distance.applyAsInt(self, y)));
            final int[] order = new int[workers - 1];
            for (int k = 0; k < order.length; k++)
            {
                order[k] = victims[k];
            }
            placements.add(new WorkerPlacement(cpus[w], nodes == null ? -1 : nodes[w], order));
        }
        return placements;
    }
}
