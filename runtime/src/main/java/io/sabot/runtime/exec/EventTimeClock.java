package io.sabot.runtime.exec;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.runtime.plan.Stage;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.FieldVector;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The watermarks of a source stage with event time, released in source order although morsels run out of order (the
 * owner of a deque pops its newest morsel first, and thieves run others meanwhile).
 *
 * <pre>
 *   split s reads batch b (in order) -&gt; candidate(s, b) = max event time of s up to b - maxOutOfOrderness - 1
 *   batch b's morsels all processed and every earlier batch of s too -&gt; released(s) = candidate(s, b)
 *   stage watermark = min over splits of released(s)   (an exhausted split counts as +infinity)
 *   after running a morsel, a worker's chain instance gets the stage watermark if it advanced for that instance
 * </pre>
 *
 * So when an instance emits watermark W, every row of every batch that W covers has already passed through the
 * chain instance that ran it, and rows of later batches trail their split's maximum by at most the bound (or they
 * are late by the data's own fault). An instance that runs no morsels is handed the watermark by the worker that
 * released it, under that instance's lock ({@code SourceStage}), so idle instances do not hold the combined
 * watermark back downstream. A split that read nothing for the idle timeout (when one is set) is left out of the
 * minimum until it reads again; the check runs whenever a batch completes and whenever a read task finds nothing to
 * read.
 *
 * <p>Alignment: a split whose largest event time is more than {@link #ALIGNMENT_SPANS} of its own batches' event-time
 * spans ahead of the slowest split that is reading (not exhausted, not idle, and whose last poll found rows) does
 * not read ({@link #ahead}); otherwise a split that happens to be scheduled more often runs away from the others,
 * the stage watermark (their minimum) stays with the slowest, and everything downstream waiting for it (timers,
 * windows) buffers the difference: latency and heap grow without bound. A split that finds nothing to read stops
 * counting, so an empty partition never blocks the others.
 *
 * <p>Thread-safety: {@link Split#read} is called by the split's read task (one thread at a time),
 * {@link Pending#morselDone} by any worker, {@link #due} under the instance's lock; the bookkeeping is under this
 * object's lock, the released value is volatile.
 */
final class EventTimeClock
{
    private final String column;
    private final long bound;
    private final long idleNanos;
    /** How many batch spans a split may read ahead of the slowest reading split. */
    static final int ALIGNMENT_SPANS = 4;

    private final java.util.List<Split> splits = new java.util.ArrayList<>();
    /** The splits for the lock-free alignment check (copied on each new split). */
    private volatile Split[] splitArray = new Split[0];
    private final long[] emitted;
    private volatile long released = Long.MIN_VALUE;

    /**
     * @param eventTime the stage's event time.
     * @param instances the chain instances.
     */
    EventTimeClock(final Stage.EventTime eventTime, final int instances)
    {
        this.column = eventTime.column();
        this.bound = eventTime.maxOutOfOrderness();
        this.idleNanos = eventTime.idleTimeout() * 1_000_000L;
        this.emitted = new long[instances];
        java.util.Arrays.fill(emitted, Long.MIN_VALUE);
    }

    /** @return a new split's tracker; call before the split's first batch. */
    synchronized Split split()
    {
        final Split split = new Split();
        splits.add(split);
        splitArray = splits.toArray(new Split[0]);
        return split;
    }

    /**
     * @param instance a chain instance, driven by the calling worker.
     * @return the watermark to give that instance now, or {@link Long#MIN_VALUE} when it has nothing new.
     */
    long due(final int instance)
    {
        final long w = released;
        if (w > emitted[instance])
        {
            emitted[instance] = w;
            return w;
        }
        return Long.MIN_VALUE;
    }

    /**
     * A racy hint (read without the instance's lock) that {@link #due} has something for the instance.
     *
     * @param instance a chain instance.
     * @return true when the stage watermark is ahead of what the instance last got.
     */
    boolean behind(final int instance)
    {
        return released > emitted[instance];
    }

    /**
     * Racy by design (a hint for the read task): whether {@code split} should leave reading to slower splits.
     *
     * @param split a split of this clock.
     * @return true when it is more than {@link #ALIGNMENT_SPANS} batch spans ahead of the slowest reading split.
     */
    boolean ahead(final Split split)
    {
        final long max = split.max;
        final long span = split.span;
        if (max == Long.MIN_VALUE || span <= 0)
        {
            return false;
        }
        for (final Split other : splitArray)
        {
            if (other != split && other.reading && other.max < max - ALIGNMENT_SPANS * span &&
                (idleNanos <= 0 || System.nanoTime() - other.lastRead < idleNanos))
            {
                return true;
            }
        }
        return false;
    }

    /** Re-evaluates the stage watermark (splits may have become idle since the last batch completed). */
    void refresh()
    {
        recompute();
    }

    private synchronized void recompute()
    {
        long min = Long.MAX_VALUE;
        for (final Split s : splits)
        {
            min = Math.min(min, s.released());
        }
        // an all-exhausted stage ends with end-of-input, not with a MAX watermark
        if (min != Long.MAX_VALUE && min > released)
        {
            released = min;
        }
    }

    /** One split's batches in read order. */
    final class Split
    {
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        /** Largest event time read (written by the split's read task, read racily by others' alignment checks). */
        private volatile long max = Long.MIN_VALUE;
        /** Largest max - min event time of one of its batches. */
        private volatile long span;
        /** Not exhausted and its last poll found rows: alignment waits for it. */
        private volatile boolean reading = true;
        private long releasedHere = Long.MIN_VALUE;
        private boolean exhausted;
        private long lastRead = System.nanoTime();

        /**
         * Records a batch read from the split (before its morsels are spawned).
         *
         * @param batch   the batch.
         * @param morsels how many morsels it is cut into.
         * @return the batch's completion handle, to call once per morsel processed.
         */
        Pending read(final Batch batch, final int morsels)
        {
            final FieldVector time = batch.column(column);
            final MemorySegment values = ArrowMemory.segment(time.getDataBuffer());
            final boolean nulls = time.getNullCount() > 0;
            final SelectionVector selection = batch.selection();
            final int n = selection == null ? batch.rowCount() : selection.count();
            long m = max;
            long batchMin = Long.MAX_VALUE;
            long batchMax = Long.MIN_VALUE;
            for (int i = 0; i < n; i++)
            {
                final int row = selection == null ? i : selection.get(i);
                if (!nulls || !time.isNull(row))
                {
                    final long t = values.get(Layouts.LONG_UNALIGNED, 8L * row);
                    batchMin = Math.min(batchMin, t);
                    batchMax = Math.max(batchMax, t);
                }
            }
            m = Math.max(m, batchMax);
            if (batchMax != Long.MIN_VALUE && batchMax - batchMin > span)
            {
                span = batchMax - batchMin;
            }
            max = m;
            reading = true;
            final long candidate = m == Long.MIN_VALUE ? Long.MIN_VALUE : m - bound - 1;
            final Pending p = new Pending(this, candidate, morsels);
            synchronized (EventTimeClock.this)
            {
                pending.addLast(p);
                lastRead = System.nanoTime();
            }
            return p;
        }

        /** Its last poll found nothing to read (it is read again later): alignment stops waiting for it. */
        void dry()
        {
            reading = false;
        }

        /** The split has no more batches. */
        void exhausted()
        {
            reading = false;
            synchronized (EventTimeClock.this)
            {
                exhausted = true;
            }
            recompute();
        }

        /** Under the clock's lock. */
        private long released()
        {
            while (!pending.isEmpty() && pending.peekFirst().remaining.get() == 0)
            {
                releasedHere = Math.max(releasedHere, pending.pollFirst().candidate);
            }
            if (pending.isEmpty() && (exhausted || idleNanos > 0 && System.nanoTime() - lastRead >= idleNanos))
            {
                // exhausted, or idle: it holds nothing back (an idle split's next rows may be late)
                return Long.MAX_VALUE;
            }
            return releasedHere;
        }
    }

    /** A read batch whose morsels are not all processed yet. */
    final class Pending
    {
        private final Split split;
        private final long candidate;
        private final AtomicInteger remaining;

        Pending(final Split split, final long candidate, final int morsels)
        {
            this.split = split;
            this.candidate = candidate;
            this.remaining = new AtomicInteger(morsels);
        }

        /** One of the batch's morsels went through its chain. */
        void morselDone()
        {
            if (remaining.decrementAndGet() == 0)
            {
                recompute();
            }
        }
    }
}
