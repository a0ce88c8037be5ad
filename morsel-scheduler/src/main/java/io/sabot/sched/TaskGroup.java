package io.sabot.sched;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

/**
 * The morsels of one pipeline (or query stage) run as a unit: add morsels, {@link #complete()} when no more will
 * come, and {@link #completion()} yields a {@link GroupResult} once every morsel has run or been skipped.
 *
 * <p><b>Failure and cancellation.</b> The first morsel to throw fails the group: it is marked cancelled, the
 * failure is recorded as a {@link TaskGroupFailedException}, and workers skip every morsel of the group they have
 * not started yet (the flag is checked before each morsel), so each worker runs at most the one morsel it had
 * already started. {@link #cancel()} does the same from outside. Either way the future still completes (normally,
 * with a {@link GroupResult} whose status says FAILED or CANCELLED), once all queued morsels have been skipped and
 * running ones have returned.
 *
 * <p><b>Backpressure.</b> At most {@link GroupSpec#maxInFlight()} submitted morsels are queued or running at once:
 * {@link #submit} blocks for a slot, {@link #trySubmit} returns false. A sink that cannot take output says "not
 * now" either per morsel ({@link MorselContext#notNow()}: the morsel goes to the back of the group's queue and
 * keeps its slot) or for the whole group ({@link GroupSpec#sinkReady()}: no morsel of the group starts while it
 * returns false).
 *
 * <p>Thread-safety: all methods may be called from any thread; {@link #complete()} must not race with submits
 * that are meant to be part of the group (a submit after complete() throws).
 */
public final class TaskGroup
{
    private final MorselScheduler scheduler;
    private final GroupSpec spec;
    private final BooleanSupplier sinkReady;
    private final Semaphore slots;
    private final ManyToManyConcurrentArrayQueue<Task> queue;
    private final Queue<Task> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicLong outstanding = new AtomicLong(1); // 1 = the "still open" token
    private final AtomicLong nextIndex = new AtomicLong();
    private final LongAdder morselsRun = new LongAdder();
    private final LongAdder morselsSkipped = new LongAdder();
    private final AtomicReference<TaskGroupFailedException> failure = new AtomicReference<>();
    private final CompletableFuture<GroupResult> completion = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile boolean sealed;
    private volatile boolean explicitlyCancelled;

    TaskGroup(final MorselScheduler scheduler, final GroupSpec spec)
    {
        this.scheduler = scheduler;
        this.spec = spec;
        this.sinkReady = spec.sinkReady();
        this.slots = new Semaphore(spec.maxInFlight());
        this.queue = new ManyToManyConcurrentArrayQueue<>(Math.max(2, spec.maxInFlight()));
    }

    /**
     * @return the group's name.
     */
    public String name()
    {
        return spec.name();
    }

    /**
     * @return the spec this group was submitted with.
     */
    public GroupSpec spec()
    {
        return spec;
    }

    /**
     * Adds a morsel, blocking while {@link GroupSpec#maxInFlight()} morsels are in flight.
     *
     * @param morsel non-null morsel.
     * @return true if queued; false if the group was cancelled or failed (or the scheduler closed) or the calling
     *         thread was interrupted while waiting (its interrupt flag is set again).
     * @throws IllegalStateException after {@link #complete()}.
     */
    public boolean submit(final Morsel morsel)
    {
        return submit(morsel, -1);
    }

    /**
     * Adds a morsel that prefers a worker (e.g. one on the node holding its memory); it goes to that worker's
     * deque, where idle workers may still steal it. Blocks like {@link #submit(Morsel)}.
     *
     * @param morsel          non-null morsel.
     * @param preferredWorker worker index, or -1 for any worker.
     * @return as {@link #submit(Morsel)}.
     */
    public boolean submit(final Morsel morsel, final int preferredWorker)
    {
        checkOpen(morsel);
        if (cancelled)
        {
            return false;
        }
        try
        {
            slots.acquire();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        return enqueue(morsel, preferredWorker);
    }

    /**
     * Adds a morsel if a slot is free, without blocking.
     *
     * @param morsel non-null morsel.
     * @return true if queued; false if {@link GroupSpec#maxInFlight()} morsels are in flight or the group is
     *         cancelled ({@link #isCancelled()} tells which).
     * @throws IllegalStateException after {@link #complete()}.
     */
    public boolean trySubmit(final Morsel morsel)
    {
        return trySubmit(morsel, -1);
    }

    /**
     * @param morsel          non-null morsel.
     * @param preferredWorker worker index, or -1 for any worker.
     * @return as {@link #trySubmit(Morsel)}.
     */
    public boolean trySubmit(final Morsel morsel, final int preferredWorker)
    {
        checkOpen(morsel);
        if (cancelled || !slots.tryAcquire())
        {
            return false;
        }
        return enqueue(morsel, preferredWorker);
    }

    /**
     * Says no more morsels will be added; the future completes once the submitted ones are done. Idempotent.
     */
    public void complete()
    {
        seal();
    }

    /**
     * Cancels the group: morsels not yet started are skipped, running ones may poll
     * {@link MorselContext#isCancelled()}. Also seals the group. Idempotent; no effect once the group finished.
     */
    public void cancel()
    {
        explicitlyCancelled = true;
        cancelled = true;
        seal();
    }

    /**
     * @return true once cancelled or failed.
     */
    public boolean isCancelled()
    {
        return cancelled;
    }

    /**
     * @return morsels submitted (or spawned) and not yet finished or skipped.
     */
    public long inFlight()
    {
        return Math.max(0, outstanding.get() - (sealed ? 0 : 1));
    }

    /**
     * @return the future of this group's result; completes normally in all cases (see {@link GroupResult}).
     */
    public CompletableFuture<GroupResult> completion()
    {
        return completion;
    }

    // ---------------------------------------------------------------------------------------------------------
    // worker side

    boolean gateOpen()
    {
        if (cancelled || sinkReady == null)
        {
            return true;
        }
        try
        {
            return sinkReady.getAsBoolean();
        }
        catch (final Throwable ex)
        {
            // a broken gate fails the group (morsel index -1: no morsel was running) instead of the worker
            if (failure.compareAndSet(null, new TaskGroupFailedException(spec.name(), -1, -1, ex)))
            {
                cancelled = true;
                seal();
            }
            return true;
        }
    }

    Task poll()
    {
        final Task task = queue.poll();
        return task != null ? task : overflow.poll();
    }

    void requeue(final Task task)
    {
        if (!queue.offer(task))
        {
            overflow.offer(task);
        }
        scheduler.signalWork(-1);
    }

    Task newSpawnedTask(final Morsel morsel)
    {
        if (morsel == null)
        {
            throw new NullPointerException("morsel");
        }
        outstanding.incrementAndGet();
        if (cancelled)
        {
            done();
            return null;
        }
        return new Task(this, morsel, nextIndex.getAndIncrement(), false);
    }

    void ran(final Task task)
    {
        morselsRun.increment();
        release(task);
    }

    void skipped(final Task task)
    {
        morselsSkipped.increment();
        release(task);
    }

    void fail(final Task task, final int worker, final Throwable cause)
    {
        if (failure.compareAndSet(null, new TaskGroupFailedException(spec.name(), task.index, worker, cause)))
        {
            cancelled = true;
            seal(); // a failed group takes no more morsels, so its future completes once the queue drains
        }
    }

    /** Called by the scheduler on close: cancel and skip everything still queued here. */
    void cancelAndDrain()
    {
        cancel();
        Task task;
        while ((task = poll()) != null)
        {
            skipped(task);
        }
    }

    private void release(final Task task)
    {
        // count down before freeing the slot, so inFlight() never shows more than maxInFlight
        done();
        if (task.holdsSlot)
        {
            slots.release();
        }
    }

    private boolean enqueue(final Morsel morsel, final int preferredWorker)
    {
        outstanding.incrementAndGet();
        if (cancelled || sealed)
        {
            slots.release();
            done();
            if (!cancelled)
            {
                throw new IllegalStateException("task group '" + spec.name() + "' is complete; no more morsels");
            }
            return false;
        }
        final Task task = new Task(this, morsel, nextIndex.getAndIncrement(), true);
        scheduler.enqueue(this, task, preferredWorker);
        if (scheduler.isClosed())
        {
            cancelAndDrain();
            return false;
        }
        return true;
    }

    void offerShared(final Task task)
    {
        if (!queue.offer(task))
        {
            overflow.offer(task);
        }
    }

    private void checkOpen(final Morsel morsel)
    {
        if (morsel == null)
        {
            throw new NullPointerException("morsel");
        }
        if (sealed && !cancelled)
        {
            throw new IllegalStateException("task group '" + spec.name() + "' is complete; no more morsels");
        }
    }

    private void seal()
    {
        synchronized (this)
        {
            if (sealed)
            {
                return;
            }
            sealed = true;
        }
        done();
    }

    private void done()
    {
        if (outstanding.decrementAndGet() == 0)
        {
            finish();
        }
    }

    private void finish()
    {
        scheduler.remove(this);
        final TaskGroupFailedException failed = failure.get();
        final GroupStatus status = failed != null ? GroupStatus.FAILED :
            (explicitlyCancelled || cancelled) ? GroupStatus.CANCELLED : GroupStatus.COMPLETED;
        completion.complete(new GroupResult(spec.name(), status, morselsRun.sum(), morselsSkipped.sum(), failed));
    }

    @Override
    public String toString()
    {
        return "TaskGroup[" + spec.name() + ", inFlight=" + inFlight() + ", cancelled=" + cancelled + "]";
    }
}
