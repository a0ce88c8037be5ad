package io.sabot.numa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ThreadFactory} whose threads pin themselves, as their first action, to the next CPU of a list (round
 * robin) or to the CPUs of a node, and are named {@code <prefix>-<n>} ({@code sabot-worker-0}, ...).
 *
 * <p>Pinning happens inside the new thread (Linux affinity is per thread and set by the thread itself), before the
 * task runs; its {@link CpuAffinity.Result} is recorded per thread ({@link #pinResult(Thread)}) and never stops the
 * thread: an unpinned worker still runs its task.
 *
 * <p>Thread-safety: {@link #newThread(Runnable)} may be called from any thread concurrently.
 */
public final class PinnedThreadFactory implements ThreadFactory
{
    /** Default thread-name prefix. */
    public static final String DEFAULT_PREFIX = "sabot-worker";

    private final String prefix;
    private final int[][] targets;
    private final boolean daemon;
    private final AtomicInteger next = new AtomicInteger();
    // weak keys: a pool that keeps replacing threads must not keep every dead thread reachable
    private final Map<Thread, CpuAffinity.Result> results = Collections.synchronizedMap(new WeakHashMap<>());

    private PinnedThreadFactory(final String prefix, final int[][] targets, final boolean daemon)
    {
        this.prefix = prefix;
        this.targets = targets;
        this.daemon = daemon;
    }

    /**
     * @param cpus   CPUs handed out round robin, one per thread (thread {@code n} gets {@code cpus[n % len]}).
     * @param daemon whether threads are daemons.
     * @return the factory, names {@code sabot-worker-<n>}.
     */
    public static PinnedThreadFactory forCpus(final int[] cpus, final boolean daemon)
    {
        return forCpus(DEFAULT_PREFIX, cpus, daemon);
    }

    /**
     * @param prefix thread-name prefix.
     * @param cpus   CPUs handed out round robin, one per thread.
     * @param daemon whether threads are daemons.
     * @return the factory.
     */
    public static PinnedThreadFactory forCpus(final String prefix, final int[] cpus, final boolean daemon)
    {
        if (cpus.length == 0)
        {
            throw new IllegalArgumentException("need at least one CPU");
        }
        final int[][] targets = new int[cpus.length][];
        for (int i = 0; i < cpus.length; i++)
        {
            targets[i] = new int[] {cpus[i]};
        }
        return new PinnedThreadFactory(prefix, targets, daemon);
    }

    /**
     * @param topology the topology.
     * @param node     a node id; every thread is pinned to all of its CPUs.
     * @param daemon   whether threads are daemons.
     * @return the factory, names {@code sabot-worker-<n>}.
     */
    public static PinnedThreadFactory forNode(final NumaTopology topology, final int node, final boolean daemon)
    {
        return new PinnedThreadFactory(DEFAULT_PREFIX, new int[][] {topology.cpusOfNode(node)}, daemon);
    }

    /**
     * @param topology the topology.
     * @param node     a node id; threads are pinned one CPU each, round robin over the node's CPUs.
     * @param daemon   whether threads are daemons.
     * @return the factory, names {@code sabot-worker-<n>}.
     */
    public static PinnedThreadFactory forNodeCpus(final NumaTopology topology, final int node, final boolean daemon)
    {
        return forCpus(topology.cpusOfNode(node), daemon);
    }

    @Override
    public Thread newThread(final Runnable task)
    {
        final int n = next.getAndIncrement();
        final int[] cpus = targets[n % targets.length];
        final Thread thread = new Thread(() ->
        {
            results.put(Thread.currentThread(), CpuAffinity.pinToCpus(cpus));
            task.run();
        }, prefix + "-" + n);
        thread.setDaemon(daemon);
        return thread;
    }

    /**
     * @param thread a thread made by this factory.
     * @return its pinning outcome, or {@code null} if it has not started yet (or is not from this factory); kept
     *     while the {@code Thread} object is reachable.
     */
    public CpuAffinity.Result pinResult(final Thread thread)
    {
        return results.get(thread);
    }

    /**
     * @return the pinning outcomes of the started threads still reachable (a snapshot, in no particular order).
     */
    public List<CpuAffinity.Result> pinResults()
    {
        synchronized (results)
        {
            return List.copyOf(new ArrayList<>(results.values()));
        }
    }

    /**
     * @return the number of threads created so far.
     */
    public int threadsCreated()
    {
        return next.get();
    }
}
