package io.sabot.runtime.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A processing-time clock that only moves when told ({@link #advanceTo}), for deterministic tests and benchmarks.
 * As a {@link ProcessingTimeService.Factory} it gives every job attempt its own service over this one clock: a
 * restored attempt continues at the same time, and closing one attempt's service drops only that attempt's
 * wake-ups.
 *
 * <p>Wake-up actions run on the thread that moves the clock, in time order (ties in scheduling order), after the
 * clock shows the new time; an action scheduled at or before the current time runs at once on the scheduling thread
 * (as the system service would run it right away), so a wake-up re-requested for a time the clock already passed
 * is never stranded until the next move.
 *
 * <p>Thread-safety: thread-safe; moves are serialized.
 */
public final class ManualProcessingTime implements ProcessingTimeService.Factory
{
    private final Object moveLock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private volatile long now;
    private long sequence;

    /** @param startMillis the initial time, epoch ms. */
    public ManualProcessingTime(final long startMillis)
    {
        this.now = startMillis;
    }

    /** @return the clock's time, epoch ms. */
    public long currentTimeMillis()
    {
        return now;
    }

    /**
     * Moves the clock forward by {@code step} and runs every wake-up that became due.
     *
     * @param step how far (&gt;= 0).
     */
    public void advance(final Duration step)
    {
        if (step.isNegative())
        {
            throw new IllegalArgumentException("processing time cannot go back: step " + step);
        }
        advanceTo(now + step.toMillis());
    }

    /**
     * Sets the clock (it never goes back: an earlier time leaves it) and runs every wake-up due at the new time.
     *
     * @param millis the new time, epoch ms.
     */
    public void advanceTo(final long millis)
    {
        synchronized (moveLock)
        {
            final List<Entry> due = new ArrayList<>();
            synchronized (queue)
            {
                now = Math.max(now, millis);
                Entry head;
                while ((head = queue.peek()) != null && head.at <= now)
                {
                    due.add(queue.poll());
                }
            }
            for (final Entry entry : due)
            {
                entry.action.run();
            }
        }
    }

    /** @return wake-ups pending over every attempt (coalescing keeps at most one per chain instance). */
    public int pending()
    {
        synchronized (queue)
        {
            return queue.size();
        }
    }

    @Override
    public ProcessingTimeService create(final String jobName)
    {
        return new Attempt();
    }

    /** One job attempt's view: its own wake-ups over the shared clock. */
    private final class Attempt implements ProcessingTimeService
    {
        private boolean closed;

        @Override
        public long currentTimeMillis()
        {
            return now;
        }

        @Override
        public Cancellable schedule(final long atMillis, final Runnable action)
        {
            final Entry entry;
            synchronized (queue)
            {
                if (closed)
                {
                    return () ->
                    {
                    };
                }
                entry = atMillis <= now ? null : new Entry(atMillis, sequence++, action, this);
                if (entry != null)
                {
                    queue.add(entry);
                }
            }
            if (entry == null)
            {
                // due already: runs right here, outside the clock's lock (actions are short and never block)
                action.run();
                return () ->
                {
                };
            }
            return () ->
            {
                synchronized (queue)
                {
                    queue.remove(entry);
                }
            };
        }

        @Override
        public void close()
        {
            synchronized (queue)
            {
                closed = true;
                queue.removeIf(e -> e.owner == this);
            }
        }
    }

    private record Entry(long at, long sequence, Runnable action, Attempt owner) implements Comparable<Entry>
    {
        @Override
        public int compareTo(final Entry other)
        {
            final int byTime = Long.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }
}
