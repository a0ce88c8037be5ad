package io.sabot.numa;

import java.util.Arrays;

/**
 * Pins the calling thread to CPUs ({@code sched_setaffinity(0, ...)}, which on Linux affects only the calling
 * thread) and reports the CPU it runs on ({@code sched_getcpu}).
 *
 * <p>Pinning never fails the caller: when libc is unavailable (or forced off with
 * {@code -Dsabot.native.disable=libc}) or the kernel refuses (e.g. a CPU outside the process's cpuset), the call is a
 * no-op that returns a {@link Result} with {@code pinned=false} and the reason.
 *
 * <p>Thread-safety: stateless; every method acts on the calling thread only.
 */
public final class CpuAffinity
{
    /**
     * The outcome of one pinning call.
     *
     * @param pinned true when the kernel accepted the mask.
     * @param cpus   the CPUs asked for (ascending).
     * @param reason empty when pinned, else why not (never {@code null}).
     */
    public record Result(boolean pinned, int[] cpus, String reason)
    {
        @Override
        public String toString()
        {
            return (pinned ? "pinned to " : "not pinned to ") + Arrays.toString(cpus) + (pinned ? "" : ": " + reason);
        }
    }

    private CpuAffinity()
    {
    }

    /**
     * @return true when pinning can work in this process (libc bound).
     */
    public static boolean isAvailable()
    {
        return CpuNative.isAvailable();
    }

    /**
     * @return "available", or why pinning and {@link #currentCpu()} are unavailable.
     */
    public static String status()
    {
        return CpuNative.status();
    }

    /**
     * Pins the calling thread to one CPU.
     *
     * @param cpu a CPU id.
     * @return the outcome; never throws for a refused or unavailable pin.
     */
    public static Result pinToCpu(final int cpu)
    {
        return pinToCpus(new int[] {cpu});
    }

    /**
     * Pins the calling thread to the CPUs of a node (the thread may move between them).
     *
     * @param topology the topology naming the node's CPUs.
     * @param node     a node id of {@code topology}.
     * @return the outcome; a node without CPUs gives {@code pinned=false}.
     * @throws IllegalArgumentException if the node is not in the topology.
     */
    public static Result pinToNode(final NumaTopology topology, final int node)
    {
        return pinToCpus(topology.cpusOfNode(node));
    }

    /**
     * Pins the calling thread to a set of CPUs.
     *
     * @param cpus CPU ids (duplicates allowed).
     * @return the outcome; never throws for a refused or unavailable pin.
     */
    public static Result pinToCpus(final int[] cpus)
    {
        final int[] sorted = Arrays.stream(cpus).sorted().distinct().toArray();
        if (sorted.length == 0)
        {
            return new Result(false, sorted, "no CPUs given");
        }
        if (sorted[0] < 0)
        {
            return new Result(false, sorted, "negative CPU id " + sorted[0]);
        }
        if (!CpuNative.isAvailable())
        {
            return new Result(false, sorted, CpuNative.status());
        }
        final String error = CpuNative.setAffinity(sorted);
        return error == null ? new Result(true, sorted, "") : new Result(false, sorted, error);
    }

    /**
     * @return the CPUs the calling thread may run on, or empty when unavailable.
     */
    public static int[] currentAffinity()
    {
        return CpuNative.isAvailable() ? CpuNative.getAffinity() : new int[0];
    }

    /**
     * @return the CPU the calling thread is running on right now, or {@code -1} when unavailable.
     */
    public static int currentCpu()
    {
        return CpuNative.isAvailable() ? CpuNative.currentCpu() : -1;
    }
}
