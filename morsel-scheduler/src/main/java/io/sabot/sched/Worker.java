package io.sabot.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * One scheduler thread: its deque, its inbox for morsels submitted to it from outside, and its counters.
 *
 * <pre>
 *   find work, in order:
 *     1. own deque, LIFO              (skipped every 16th round so shared queues are never starved)
 *     2. own inbox -> own deque       (morsels submitted with a preferred worker)
 *     3. group queues, round-robin    (one morsel from the next group after the one served last)
 *     4. own deque again
 *     5. steal from victims, nearest first (FIFO end of their deques)
 *   nothing found: announce idle, look once more, then call the idle strategy
 * </pre>
 *
 * <p>Thread-safety: the run loop, the deque's owner end and the counters' writes belong to the worker thread;
 * {@link #deque}'s steal end, {@link #inbox} offers and counter reads are for any thread.
 */
final class Worker implements Runnable
{
    private static final VarHandle MORSELS_RUN;
    private static final VarHandle STEAL_ATTEMPTS;
    private static final VarHandle STEALS;
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle IDLE_NANOS;
    private static final int LOCAL_BIAS_MASK = 15;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            MORSELS_RUN = lookup.findVarHandle(Worker.class, "morselsRun", long.class);
            STEAL_ATTEMPTS = lookup.findVarHandle(Worker.class, "stealAttempts", long.class);
            STEALS = lookup.findVarHandle(Worker.class, "steals", long.class);
            BUSY_NANOS = lookup.findVarHandle(Worker.class, "busyNanos", long.class);
            IDLE_NANOS = lookup.findVarHandle(Worker.class, "idleNanos", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final int index;
    final WorkerPlacement placement;
    final WorkStealingDeque<Task> deque = new WorkStealingDeque<>(1024);
    final ManyToOneConcurrentArrayQueue<Task> inbox = new ManyToOneConcurrentArrayQueue<>(4096);
    volatile boolean idling;
    volatile Thread thread;
    volatile String pinning = "not started";

    private final MorselScheduler scheduler;
    private final IdleStrategy idleStrategy;
    private final WorkerPinner pinner;
    private final MorselContext ctx;
    private Worker[] victims;
    private int groupCursor;
    private int round;

    // written only by the worker thread (release stores), read by stats()
    private long morselsRun;
    private long stealAttempts;
    private long steals;
    private long busyNanos;
    /** Start of the interval not yet accounted as busy or idle; only the worker thread touches it. */
    private long mark;
    private long idleNanos;

    Worker(
        final MorselScheduler scheduler,
        final int index,
        final WorkerPlacement placement,
        final IdleStrategy idleStrategy,
        final WorkerPinner pinner)
    {
        this.scheduler = scheduler;
        this.index = index;
        this.placement = placement;
        this.idleStrategy = idleStrategy;
        this.pinner = pinner;
        this.ctx = new MorselContext(this);
    }

    void victims(final Worker[] victims)
    {
        this.victims = victims;
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        try
        {
            pinning = pinner.pin(index, placement);
        }
        catch (final RuntimeException ex)
        {
            pinning = "not pinned: pinner failed: " + ex;
        }
        mark = System.nanoTime();
        while (scheduler.isRunning())
        {
            final Task task = findTask();
            if (task != null && runTask(task))
            {
                if (idling)
                {
                    idling = false;
                }
                idleStrategy.reset();
            }
            else if (!idling)
            {
                // announce first, then look once more: a submitter that enqueues after our last look sees the flag
                idling = true;
            }
            else
            {
                idleStrategy.idle();
                final long now = System.nanoTime();
                IDLE_NANOS.setRelease(this, idleNanos + (now - mark));
                mark = now;
            }
        }
        idling = false;
    }

    void pushLocal(final Task task)
    {
        deque.push(task);
        scheduler.signalWork(-1);
    }

    WorkerStats stats()
    {
        return new WorkerStats(
            index,
            (long)MORSELS_RUN.getAcquire(this),
            (long)STEAL_ATTEMPTS.getAcquire(this),
            (long)STEALS.getAcquire(this),
            (long)BUSY_NANOS.getAcquire(this),
            (long)IDLE_NANOS.getAcquire(this));
    }

    private Task findTask()
    {
        Task task;
        if ((++round & LOCAL_BIAS_MASK) != 0 && (task = deque.pop()) != null)
        {
            return task;
        }
        while ((task = inbox.poll()) != null)
        {
            deque.push(task);
        }
        if ((task = pollGroups()) != null)
        {
            return task;
        }
        if ((task = deque.pop()) != null)
        {
            return task;
        }
        return steal();
    }

    private Task pollGroups()
    {
        final TaskGroup[] groups = scheduler.groups();
        final int n = groups.length;
        if (n == 0)
        {
            return null;
        }
        final int start = groupCursor % n;
        for (int i = 0; i < n; i++)
        {
            final int g = start + i < n ? start + i : start + i - n;
            final TaskGroup group = groups[g];
            if (group.gateOpen())
            {
                final Task task = group.poll();
                if (task != null)
                {
                    groupCursor = g + 1;
                    return task;
                }
            }
        }
        return null;
    }

    private Task steal()
    {
        final Worker[] victims = this.victims;
        for (final Worker victim : victims)
        {
            STEAL_ATTEMPTS.setRelease(this, stealAttempts + 1);
            final Task task = victim.deque.steal();
            if (task != null)
            {
                STEALS.setRelease(this, steals + 1);
                return task;
            }
        }
        return null;
    }

    /**
     * @return true if the task was run or skipped, false if its sink said "not now" and it went back to its queue.
     */
    private boolean runTask(final Task task)
    {
        final TaskGroup group = task.group;
        if (group.isCancelled())
        {
            accountBusy();
            group.skipped(task);
            return true;
        }
        if (!group.gateOpen())
        {
            group.offerShared(task);
            return false;
        }
        MORSELS_RUN.setRelease(this, morselsRun + 1);
        ctx.task = task;
        ctx.notNow = false;
        try
        {
            task.morsel.run(ctx);
        }
        catch (final Throwable ex)
        {
            group.fail(task, index, ex);
            ctx.notNow = false;
        }
        ctx.task = null;
        if (ctx.notNow)
        {
            group.requeue(task);
            return false;
        }
        accountBusy();
        group.ran(task);
        return true;
    }

    /** Before the group hears of the morsel, so stats read after its completion future include the interval. */
    private void accountBusy()
    {
        final long now = System.nanoTime();
        BUSY_NANOS.setRelease(this, busyNanos + (now - mark));
        mark = now;
    }

    /** After the thread has stopped: hand back everything left in the deque and inbox. */
    void drainAfterStop()
    {
        Task task;
        while ((task = deque.pop()) != null)
        {
            task.group.skipped(task);
        }
        while ((task = inbox.poll()) != null)
        {
            task.group.skipped(task);
        }
    }
}
