package io.sabot.sched;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.sabot.numa.NumaTopology;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Morsel-driven scheduler: a fixed set of worker threads, one work-stealing deque each, running the morsels of any
 * number of concurrent {@link TaskGroup}s. It knows nothing about data.
 *
 * <pre>
 *   submit(spec) -> TaskGroup --submit(m)---------> group queue (MPMC, bounded by maxInFlight)
 *                             --submit(m, w)------> worker w's inbox --> worker w's deque
 *   morsel --ctx.spawn(m)-------------------------> own deque
 *
 *   worker w: own deque (LIFO) | group queues round-robin | steal from victims' deques (FIFO) by placement order
 * </pre>
 *
 * <p><b>Fairness.</b> Each worker keeps a cursor over the live groups and takes one morsel from the group after the
 * one it served last, so k groups with queued morsels each get about 1/k of the workers' morsel starts, whatever
 * their sizes: a 10-morsel query submitted behind a 10^5-morsel one finishes after about 10 * k morsel times. A
 * worker also skips its own deque every 16th round to look at the group queues, so groups are not starved by a
 * deque that keeps refilling through spawns.
 *
 * <p><b>Placement.</b> Worker i runs with {@link WorkerPlacement} i: its CPU/node (applied by the
 * {@link WorkerPinner} on the worker thread) and its steal order. The defaults are unpinned with a ring steal
 * order; {@link NumaPlacements} builds both from a NUMA topology ({@link Builder#pinnedTo}).
 *
 * <p><b>Idling.</b> Each worker has its own Agrona {@link IdleStrategy} from the supplied factory (busy spin,
 * yielding, backoff, sleeping). A worker announces it is idle before its last look for work; submitters unpark an
 * announced worker, so parked workers wake as soon as work arrives rather than when their park times out.
 *
 * <p>Thread-safety: all public methods are thread-safe. {@link #close()} stops the workers, cancels the live groups
 * and completes their futures.
 */
public final class MorselScheduler implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MorselScheduler.class);
    private static final TaskGroup[] NO_GROUPS = new TaskGroup[0];

    private final Worker[] workers;
    private final Thread[] threads;
    private volatile TaskGroup[] groups = NO_GROUPS;
    private volatile boolean running = true;
    private volatile boolean closed;
    private int wakeCursor;

    private MorselScheduler(final Builder builder)
    {
        final int n = builder.workers;
        final List<WorkerPlacement> placements =
            builder.placements != null ? builder.placements : WorkerPlacement.unpinned(n);
        if (placements.size() != n)
        {
            throw new IllegalArgumentException("need " + n + " placements, got " + placements.size());
        }
        workers = new Worker[n];
        for (int i = 0; i < n; i++)
        {
            final IdleStrategy idle = builder.idleStrategy.get();
            if (idle == null)
            {
                throw new NullPointerException("idle strategy supplier returned null");
            }
            workers[i] = new Worker(this, i, placements.get(i), idle, builder.pinner);
        }
        for (int i = 0; i < n; i++)
        {
            final int[] order = placements.get(i).stealOrder();
            final Worker[] victims = new Worker[order.length];
            for (int k = 0; k < order.length; k++)
            {
                if (order[k] == i || order[k] < 0 || order[k] >= n)
                {
                    throw new IllegalArgumentException("worker " + i + " has a bad steal order " +
                        Arrays.toString(order));
                }
                victims[k] = workers[order[k]];
            }
            workers[i].victims(victims);
        }
        threads = new Thread[n];
        for (int i = 0; i < n; i++)
        {
            final Thread thread = new Thread(workers[i], builder.threadNamePrefix + i);
            thread.setDaemon(true);
            threads[i] = thread;
        }
        for (final Thread thread : threads)
        {
            thread.start();
        }
    }

    /**
     * @return a builder with defaults: one worker per available processor, backoff idling, no pinning.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Starts a new group; add its morsels through the returned handle.
     *
     * @param spec the group's name and limits.
     * @return the group.
     * @throws IllegalStateException when the scheduler is closed.
     */
    public TaskGroup submit(final GroupSpec spec)
    {
        final TaskGroup group = new TaskGroup(this, spec);
        synchronized (this)
        {
            if (closed)
            {
                throw new IllegalStateException("scheduler is closed");
            }
            final TaskGroup[] current = groups;
            final TaskGroup[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = group;
            groups = next;
        }
        return group;
    }

    /**
     * @return number of workers.
     */
    public int workerCount()
    {
        return workers.length;
    }

    /**
     * @param worker worker index.
     * @return that worker's placement.
     */
    public WorkerPlacement placement(final int worker)
    {
        return workers[worker].placement;
    }

    /**
     * Workers placed on a NUMA node, for submitting morsels whose memory lives there
     * ({@link TaskGroup#submit(Morsel, int)}).
     *
     * @param node NUMA node id.
     * @return indexes of the workers whose placement is on that node (empty if none or unknown).
     */
    public int[] workersOnNode(final int node)
    {
        return Arrays.stream(workers).filter(w -> w.placement.node() == node).mapToInt(w -> w.index).toArray();
    }

    /**
     * @param worker worker index.
     * @return what the pinner reported for that worker ("not started" until its thread ran).
     */
    public String pinning(final int worker)
    {
        return workers[worker].pinning;
    }

    /**
     * @return one counter snapshot per worker.
     */
    public List<WorkerStats> stats()
    {
        final List<WorkerStats> stats = new ArrayList<>(workers.length);
        for (final Worker worker : workers)
        {
            stats.add(worker.stats());
        }
        return stats;
    }

    /**
     * @return the worker threads (for leak checks and diagnostics).
     */
    public List<Thread> threads()
    {
        return List.of(threads);
    }

    /**
     * Stops the workers (each finishes the morsel it is running), cancels every live group, skips their queued
     * morsels and completes their futures. Idempotent. Must not be called from a morsel.
     *
     * @throws IllegalStateException when called on a worker thread.
     */
    @Override
    public void close()
    {
        for (final Thread thread : threads)
        {
            if (thread == Thread.currentThread())
            {
                throw new IllegalStateException("close() called from worker " + thread.getName() +
                    " would wait for itself; close from outside the scheduler");
            }
        }
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        running = false;
        for (final Thread thread : threads)
        {
            LockSupport.unpark(thread);
        }
        for (final Thread thread : threads)
        {
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while joining {}", thread.getName());
                break;
            }
        }
        for (final TaskGroup group : groups)
        {
            group.cancel();
        }
        for (final Worker worker : workers)
        {
            worker.drainAfterStop();
        }
        for (final TaskGroup group : groups)
        {
            group.cancelAndDrain();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    boolean isRunning()
    {
        return running;
    }

    boolean isClosed()
    {
        return closed;
    }

    TaskGroup[] groups()
    {
        return groups;
    }

    synchronized void remove(final TaskGroup group)
    {
        final TaskGroup[] current = groups;
        for (int i = 0; i < current.length; i++)
        {
            if (current[i] == group)
            {
                final TaskGroup[] next = new TaskGroup[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                groups = next;
                return;
            }
        }
    }

    void enqueue(final TaskGroup group, final Task task, final int preferredWorker)
    {
        if (preferredWorker >= 0 && preferredWorker < workers.length && workers[preferredWorker].inbox.offer(task))
        {
            signalWork(preferredWorker);
            return;
        }
        group.offerShared(task);
        signalWork(-1);
    }

    /**
     * Wakes an idle worker, the preferred one if it is idle, else the next idle one in rotation.
     */
    void signalWork(final int preferredWorker)
    {
        final Worker[] workers = this.workers;
        if (preferredWorker >= 0 && workers[preferredWorker].idling)
        {
            LockSupport.unpark(workers[preferredWorker].thread);
            return;
        }
        final int n = workers.length;
        final int start = (wakeCursor++ & Integer.MAX_VALUE) % n; // racy cursor: only spreads wake-ups
        for (int i = 0; i < n; i++)
        {
            final Worker worker = workers[(start + i) % n];
            if (worker.idling)
            {
                final Thread thread = worker.thread;
                if (thread != null)
                {
                    LockSupport.unpark(thread);
                }
                return;
            }
        }
    }

    /**
     * Configures a {@link MorselScheduler}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder
    {
        private int workers = Runtime.getRuntime().availableProcessors();
        private Supplier<IdleStrategy> idleStrategy =
            () -> new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        private List<WorkerPlacement> placements;
        private WorkerPinner pinner = WorkerPinner.NONE;
        private String threadNamePrefix = "sabot-morsel-";

        private Builder()
        {
        }

        /**
         * @param workers number of worker threads, at least 1; resets placements.
         * @return this.
         */
        public Builder workers(final int workers)
        {
            if (workers < 1)
            {
                throw new IllegalArgumentException("workers must be >= 1: " + workers);
            }
            this.workers = workers;
            this.placements = null;
            return this;
        }

        /**
         * @param idleStrategy makes one strategy per worker (they are stateful), e.g.
         *                     {@code BusySpinIdleStrategy::new} or {@code () -> new SleepingIdleStrategy(1000)}.
         * @return this.
         */
        public Builder idleStrategy(final Supplier<IdleStrategy> idleStrategy)
        {
            if (idleStrategy == null)
            {
                throw new NullPointerException("idleStrategy");
            }
            this.idleStrategy = idleStrategy;
            return this;
        }

        /**
         * @param placements one per worker; also sets the worker count.
         * @return this.
         */
        public Builder placements(final List<WorkerPlacement> placements)
        {
            if (placements == null || placements.isEmpty())
            {
                throw new IllegalArgumentException("placements must name at least one worker");
            }
            this.placements = List.copyOf(placements);
            this.workers = placements.size();
            return this;
        }

        /**
         * One worker per CPU of the topology, pinned to it, stealing nearest node first ({@link NumaPlacements}).
         *
         * @param topology e.g. {@code NumaTopology.detect()}.
         * @return this.
         */
        public Builder pinnedTo(final NumaTopology topology)
        {
            placements(NumaPlacements.of(topology, topology.cpuCount()));
            this.pinner = NumaPlacements.CPU_AFFINITY;
            return this;
        }

        /**
         * @param pinner applies each worker's placement on its thread; {@link WorkerPinner#NONE} by default.
         * @return this.
         */
        public Builder pinner(final WorkerPinner pinner)
        {
            if (pinner == null)
            {
                throw new NullPointerException("pinner");
            }
            this.pinner = pinner;
            return this;
        }

        /**
         * @param prefix worker thread name prefix (the worker index is appended).
         * @return this.
         */
        public Builder threadNamePrefix(final String prefix)
        {
            this.threadNamePrefix = prefix;
            return this;
        }

        /**
         * @return a started scheduler.
         */
        public MorselScheduler build()
        {
            return new MorselScheduler(this);
        }
    }
}
