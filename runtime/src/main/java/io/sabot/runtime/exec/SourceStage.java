package io.sabot.runtime.exec;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.sabot.kernels.Batch;
import io.sabot.runtime.plan.Stage;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.SourceSplit;
import io.sabot.sched.Morsel;
import io.sabot.sched.MorselContext;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A source-fed stage, run morsel by morsel: a read task per split polls its reader, cuts each batch into morsels of
 * at most {@code morselRows} rows (zero-copy slices) and spawns them; any worker runs a morsel through its own chain
 * instance (instance index = worker index), so fused stateless operators and per-worker partial state need no
 * synchronization, and idle workers steal morsels.
 *
 * <pre>
 *   worker deque (LIFO for the owner, FIFO for thieves):
 *   [ read task | morsel 0 | morsel 1 | ... | morsel k ]   <- owner pops morsel k first (cache-hot),
 *     ^ a thief takes the read task and reads the next batch meanwhile
 * </pre>
 *
 * When every split is exhausted and no morsel is in flight, each chain instance gets end-of-input in its own morsel.
 * With event time, watermarks follow the rows in source order ({@link EventTimeClock}).
 */
final class SourceStage
{
    private final JobExecution job;
    private final Stage plan;
    private final Chain[] chains;
    private final Router router;
    private final BufferAllocator readAllocator;
    private final BufferAllocator morselAllocator;
    private final int morselRows;
    private final int maxMorselsInFlight;
    private final AtomicInteger activeSplits = new AtomicInteger();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Watermarks in source order, when the stage has event time; else null. */
    private final EventTimeClock clock;
    /**
     * Held while a chain instance runs: so a worker can hand a new watermark or a processing-time wake-up to an
     * instance (one running no morsel) without racing the worker that owns it.
     */
    private final java.util.concurrent.locks.ReentrantLock[] chainLocks;
    /** Per instance: a processing-time wake-up fired and the instance has not run its timers yet. */
    private final AtomicBoolean[] timersDue;

    // checkpoint barriers: guarded by barrierLock
    private final Object barrierLock = new Object();
    private final AtomicInteger barriersInjected = new AtomicInteger();
    private ReadTask[] tasks = new ReadTask[0];
    private volatile PendingCheckpoint barrierRequest;
    private io.sabot.runtime.checkpoint.CheckpointMetadata.SplitState[] recorded;
    private int recordedCount;
    private boolean injecting;
    private final List<ReadTask> parked = new java.util.ArrayList<>();

    SourceStage(final JobExecution job, final Stage plan, final Chain[] chains, final Router router,
                final BufferAllocator readAllocator, final BufferAllocator morselAllocator, final int morselRows)
    {
        this.router = router;
        this.job = job;
        this.plan = plan;
        this.chains = chains;
        this.readAllocator = readAllocator;
        this.morselAllocator = morselAllocator;
        this.morselRows = morselRows;
        this.maxMorselsInFlight = 4 * chains.length + 4;
        this.clock = plan.eventTime() == null ? null : new EventTimeClock(plan.eventTime(), chains.length);
        this.chainLocks = new java.util.concurrent.locks.ReentrantLock[chains.length];
        this.timersDue = new AtomicBoolean[chains.length];
        for (int i = 0; i < chains.length; i++)
        {
            chainLocks[i] = new java.util.concurrent.locks.ReentrantLock();
            timersDue[i] = new AtomicBoolean();
        }
    }

    /**
     * Timer thread: instance {@code instance}'s processing-time wake-up is due. A morsel runs its timers under the
     * instance's lock; if the lock is taken, whoever holds it runs them after releasing it ({@link #release}).
     */
    void wakeUp(final int instance)
    {
        timersDue[instance].set(true);
        // preferably on the worker that owns the instance, where its lock is free between morsels
        job.submit(ctx -> runTimers(instance), instance);
    }

    /**
     * Runs the instance's due timers unless another thread holds its lock; that thread then sees the due flag after
     * its unlock (the flag is set before the try, checked after every unlock), so no wake-up is lost and no worker
     * waits for the lock.
     */
    private void runTimers(final int instance)
    {
        final java.util.concurrent.locks.ReentrantLock lock = chainLocks[instance];
        while (timersDue[instance].get() && lock.tryLock())
        {
            try
            {
                if (timersDue[instance].getAndSet(false))
                {
                    chains[instance].onProcessingTime();
                }
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /** Unlocks the instance, then runs timers that came due while it was held. */
    private void release(final int instance)
    {
        chainLocks[instance].unlock();
        if (timersDue[instance].get())
        {
            runTimers(instance);
        }
    }

    Stage plan()
    {
        return plan;
    }

    Chain chain(final int instance)
    {
        return chains[instance];
    }

    int parallelism()
    {
        return chains.length;
    }

    void start()
    {
        start(null);
    }

    /**
     * @param restored the splits and positions of a restored checkpoint, or null to start from the source's splits.
     */
    void start(final List<io.sabot.runtime.checkpoint.CheckpointMetadata.SplitState> restored)
    {
        final List<ReadTask> created = new java.util.ArrayList<>();
        if (restored == null)
        {
            for (final SourceSplit split : plan.source().splits(chains.length))
            {
                created.add(new ReadTask(created.size(), split, null, false));
            }
        }
        else
        {
            final io.sabot.runtime.source.CheckpointedSource source =
                (io.sabot.runtime.source.CheckpointedSource)plan.source();
            for (final io.sabot.runtime.checkpoint.CheckpointMetadata.SplitState state : restored)
            {
                created.add(new ReadTask(created.size(), source.decodeSplit(state.split()), state.position(),
                    state.finished()));
            }
        }
        // every split joins the event-time clock before any is read: a split submitted first could otherwise raise
        // the watermark alone, and the next split's rows would arrive late
        int active = 0;
        for (final ReadTask task : created)
        {
            active += task.done ? 0 : 1;
        }
        activeSplits.set(active);
        synchronized (barrierLock)
        {
            tasks = created.toArray(new ReadTask[0]);
        }
        for (final ReadTask task : created)
        {
            if (!task.done)
            {
                job.submit(task);
            }
        }
        if (active == 0)
        {
            tryFinish();
        }
    }

    /**
     * Asks for a checkpoint barrier: every split records its position at its next read (and stops reading), then,
     * once the morsels already read are through the chains, every chain instance gets the barrier and reading
     * resumes.
     *
     * @return false when the stage is already ending (the checkpoint must be declined).
     */
    boolean requestBarrier(final PendingCheckpoint checkpoint)
    {
        synchronized (barrierLock)
        {
            if (finished.get() || barrierRequest != null)
            {
                return false;
            }
            recorded = new io.sabot.runtime.checkpoint.CheckpointMetadata.SplitState[tasks.length];
            recordedCount = 0;
            barrierRequest = checkpoint;
            for (final ReadTask task : tasks)
            {
                if (task.done)
                {
                    task.record();
                }
            }
        }
        maybeInject();
        return true;
    }

    /** Under barrierLock: after the last split recorded and nothing is in flight, sends the barrier down. */
    private void maybeInject()
    {
        final PendingCheckpoint checkpoint;
        synchronized (barrierLock)
        {
            checkpoint = barrierRequest;
            if (checkpoint == null || injecting || recordedCount < tasks.length || inFlight.get() != 0)
            {
                return;
            }
            injecting = true;
            checkpoint.splits(plan.id(), java.util.Arrays.asList(recorded));
        }
        barriersInjected.set(0);
        for (int i = 0; i < chains.length; i++)
        {
            final Chain chain = chains[i];
            final int instance = i;
            job.submit(ctx ->
            {
                chainLocks[instance].lock();
                try
                {
                    chain.processBarrier(checkpoint.barrier);
                }
                finally
                {
                    release(instance);
                }
                if (barriersInjected.incrementAndGet() == chains.length)
                {
                    resumeReading();
                }
            });
        }
    }

    private void resumeReading()
    {
        final List<ReadTask> resume;
        synchronized (barrierLock)
        {
            barrierRequest = null;
            injecting = false;
            recorded = null;
            for (final ReadTask task : tasks)
            {
                task.atBarrier = false;
            }
            resume = List.copyOf(parked);
            parked.clear();
        }
        for (final ReadTask task : resume)
        {
            job.submit(task);
        }
        tryFinish();
    }

    /**
     * Reads other workers' chain state without synchronization: the answer only ever turns from true to false
     * (limits fill up), so a stale read merely stops the source a little later.
     */
    private boolean chainsSaturated()
    {
        for (final Chain chain : chains)
        {
            if (chain.needsMoreInput())
            {
                return false;
            }
        }
        return true;
    }

    private void tryFinish()
    {
        if (activeSplits.get() != 0 || inFlight.get() != 0 || finished.get())
        {
            return;
        }
        synchronized (barrierLock)
        {
            // a barrier in progress goes first (resumeReading calls this again)
            if (barrierRequest != null || activeSplits.get() != 0 || inFlight.get() != 0 ||
                !finished.compareAndSet(false, true))
            {
                return;
            }
        }
        for (int i = 0; i < chains.length; i++)
        {
            final Chain chain = chains[i];
            final int instance = i;
            job.submit(ctx ->
            {
                final boolean ended;
                chainLocks[instance].lock();
                try
                {
                    ended = chain.endOfInput(0);
                }
                finally
                {
                    release(instance);
                }
                if (ended && plan.sink() != null)
                {
                    job.terminalInstanceFinished();
                }
            });
        }
    }

    private final class ReadTask implements Morsel
    {
        /** This split's place in {@code tasks} and in a checkpoint's recorded positions. */
        private final int index;
        private final SourceSplit split;
        private final EventTimeClock.Split clockSplit;
        /** Where to start reading (a restored position), or null for the split's start. */
        private final byte[] startPosition;
        private SourceReader reader;
        private volatile boolean done;
        /** Under barrierLock: this split's position is recorded for the requested barrier. */
        private boolean atBarrier;

        ReadTask(final int index, final SourceSplit split, final byte[] startPosition, final boolean finished)
        {
            this.index = index;
            this.split = split;
            this.startPosition = startPosition;
            this.clockSplit = clock == null ? null : clock.split();
            this.done = finished;
            if (finished && clockSplit != null)
            {
                clockSplit.exhausted();
            }
        }

        /** Under barrierLock: records where this split is (right after its last read batch). */
        private void record()
        {
            final io.sabot.runtime.source.CheckpointedSource source =
                (io.sabot.runtime.source.CheckpointedSource)plan.source();
            final byte[] position = done ? null : reader == null ? startPosition :
                ((io.sabot.runtime.source.PositionedReader)reader).position();
            recorded[index] = new io.sabot.runtime.checkpoint.CheckpointMetadata.SplitState(
                source.encodeSplit(split), position, done);
            atBarrier = true;
            recordedCount++;
        }

        @Override
        public void run(final MorselContext ctx)
        {
            if (done)
            {
                return;
            }
            if (barrierRequest != null)
            {
                boolean park = false;
                synchronized (barrierLock)
                {
                    if (barrierRequest != null)
                    {
                        if (!atBarrier)
                        {
                            record();
                        }
                        parked.add(this);
                        park = true;
                    }
                }
                if (park)
                {
                    maybeInject();
                    return;
                }
            }
            if (job.stopRequested() || router.consumersSaturated() || chainsSaturated())
            {
                // stopped, or everything downstream is satisfied (e.g. a limit): this split counts as read
                finishSplit();
                return;
            }
            if (inFlight.get() >= maxMorselsInFlight || job.congested() ||
                clockSplit != null && clock.ahead(clockSplit))
            {
                // (ahead: watermark alignment, the slower splits read first)
                ctx.notNow();
                return;
            }
            if (reader == null)
            {
                reader = startPosition == null ? plan.source().open(split, readAllocator) :
                    ((io.sabot.runtime.source.CheckpointedSource)plan.source()).open(split, readAllocator,
                        startPosition);
                job.register(reader);
            }
            final Batch batch = reader.poll();
            if (batch == null)
            {
                if (reader.finished())
                {
                    finishSplit();
                }
                else
                {
                    if (clock != null)
                    {
                        // nothing to read: splits may have gone idle meanwhile
                        clockSplit.dry();
                        clock.refresh();
                        offerWatermarks();
                    }
                    ctx.notNow();
                }
                return;
            }
            final int rows = Batches.liveRows(batch);
            job.rowsRead.add(rows);
            if (rows == 0)
            {
                batch.close();
                ctx.spawn(this);
                return;
            }
            final boolean whole = batch.selection() != null || batch.rowCount() <= morselRows;
            final int morsels = whole ? 1 : (batch.rowCount() + morselRows - 1) / morselRows;
            // in read order, before any of its morsels can run
            final EventTimeClock.Pending pending = clockSplit == null ? null : clockSplit.read(batch, morsels);
            // count the morsels before this task becomes stealable again: a thief that finds the split exhausted
            // must not see zero morsels in flight while these are still being spawned
            inFlight.addAndGet(morsels);
            // spawned first, so the owner runs the morsels below first and a thief may read on meanwhile
            ctx.spawn(this);
            if (whole)
            {
                spawnMorsel(ctx, batch, pending);
                return;
            }
            try (batch)
            {
                for (int offset = 0; offset < batch.rowCount(); offset += morselRows)
                {
                    final int length = Math.min(morselRows, batch.rowCount() - offset);
                    spawnMorsel(ctx, Batches.slice(batch, offset, length, morselAllocator), pending);
                }
            }
        }

        /** Spawns a morsel already counted in {@code inFlight}. */
        private void spawnMorsel(final MorselContext ctx, final Batch batch, final EventTimeClock.Pending pending)
        {
            final ChainMorsel morsel = new ChainMorsel(batch, pending);
            job.registerPending(morsel);
            if (!ctx.spawn(morsel))
            {
                // the group is cancelled: the batch is released by the job's cleanup (it is registered)
                inFlight.decrementAndGet();
            }
        }

        private void finishSplit()
        {
            synchronized (barrierLock)
            {
                done = true;
                if (barrierRequest != null && !atBarrier)
                {
                    record();
                }
            }
            if (reader != null)
            {
                job.closeReader(reader);
                reader = null;
            }
            if (clockSplit != null)
            {
                clockSplit.exhausted();
            }
            activeSplits.decrementAndGet();
            if (barrierRequest != null)
            {
                maybeInject();
            }
            tryFinish();
        }
    }

    /** Gives every instance that is behind and not running (its lock is free) the stage watermark. */
    private void offerWatermarks()
    {
        for (int i = 0; i < chains.length; i++)
        {
            if (clock.behind(i) && chainLocks[i].tryLock())
            {
                try
                {
                    emitDue(i);
                }
                finally
                {
                    release(i);
                }
            }
        }
    }

    /** Under the instance's lock: gives it the stage watermark if that advanced for it. */
    private void emitDue(final int instance)
    {
        final long watermark = clock.due(instance);
        if (watermark != Long.MIN_VALUE)
        {
            chains[instance].processWatermark(new io.sabot.runtime.operator.Watermark(watermark));
        }
    }

    /** Runs one morsel through the running worker's chain instance. */
    final class ChainMorsel implements Morsel
    {
        private final Batch batch;
        private final EventTimeClock.Pending pending;

        ChainMorsel(final Batch batch, final EventTimeClock.Pending pending)
        {
            this.batch = batch;
            this.pending = pending;
        }

        Batch batch()
        {
            return batch;
        }

        @Override
        public void run(final MorselContext ctx)
        {
            job.unregisterPending(this);
            try
            {
                final int instance = ctx.workerIndex();
                final Chain chain = chains[instance];
                // uncontended unless a watermark or a timer is being handed to this instance by another worker
                chainLocks[instance].lock();
                try
                {
                    chain.processBatch(0, batch);
                    if (pending != null)
                    {
                        pending.morselDone();
                        emitDue(instance);
                    }
                }
                finally
                {
                    release(instance);
                }
                if (pending != null)
                {
                    // instances running nothing still get the watermark, or they would hold it back downstream
                    offerWatermarks();
                }
            }
            finally
            {
                inFlight.decrementAndGet();
            }
            if (barrierRequest != null)
            {
                maybeInject();
            }
            tryFinish();
        }
    }
}
