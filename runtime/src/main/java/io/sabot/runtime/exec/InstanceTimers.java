package io.sabot.runtime.exec;

import java.util.Arrays;

import io.sabot.runtime.operator.ProcessingTimers;

/**
 * The processing-time wake-ups of one chain instance, coalesced: each operator keeps its earliest requested time,
 * and the instance has at most one action pending in the job's {@link ProcessingTimeService}, at the minimum of
 * those. When it fires, the instance's driver is woken ({@link #wakeUp}: mark due, schedule the instance); the
 * driver then calls {@link Chain#onProcessingTime()} on the driving thread, which fires every operator whose time
 * has come and schedules the next minimum.
 *
 * <pre>
 *   operator k: requestWakeUp(t) -&gt; requested[k] = min(requested[k], t) -&gt; schedule(t) if t &lt; scheduledAt
 *   timer thread at scheduledAt     -&gt; scheduledAt = none, driver.wake()  (no operator code on the timer thread)
 *   driving thread                  -&gt; due operators fire, then schedule(min requested)
 * </pre>
 *
 * <p>Nothing is scheduled before {@link #start()} (the job's task group must exist to run the driver), nor after
 * {@link #quiesce()} (the instance's input ended: pending wake-ups are dropped, as Flink does in streaming mode).
 *
 * <p>Thread-safety: {@code requested} belongs to the driving thread; the scheduling state is guarded by this
 * object's monitor (held only for a few field updates, never while running operator code or a driver).
 */
final class InstanceTimers
{
    private static final long NONE = Long.MAX_VALUE;

    private final ProcessingTimeService service;
    private final long[] requested;
    private Runnable wakeUp;
    // guarded by this
    private long scheduledAt = NONE;
    private long generation;
    private ProcessingTimeService.Cancellable pending;
    private boolean started;
    private boolean quiesced;

    InstanceTimers(final ProcessingTimeService service, final int operators)
    {
        this.service = service;
        this.requested = new long[operators];
        Arrays.fill(requested, NONE);
    }

    /** @param driver marks the instance due and schedules it (called on the timer thread; must not block). */
    void driver(final Runnable driver)
    {
        this.wakeUp = driver;
    }

    /**
     * @param operator the operator's index in the chain.
     * @return its handle for the operator context.
     */
    ProcessingTimers forOperator(final int operator)
    {
        return new ProcessingTimers()
        {
            @Override
            public long currentTimeMillis()
            {
                return service.currentTimeMillis();
            }

            @Override
            public void requestWakeUp(final long atMillis)
            {
                if (atMillis < requested[operator])
                {
                    requested[operator] = atMillis;
                    schedule(atMillis);
                }
            }
        };
    }

    /** @return the processing time now. */
    long now()
    {
        return service.currentTimeMillis();
    }

    /**
     * Driving thread: whether operator {@code operator}'s wake-up is due at {@code now}; if so it is consumed (the
     * operator re-requests its next one while it fires).
     */
    boolean due(final int operator, final long now)
    {
        if (requested[operator] > now)
        {
            return false;
        }
        requested[operator] = NONE;
        return true;
    }

    /** Driving thread, after firing: makes sure the earliest remaining request is scheduled. */
    void rescheduleRemaining()
    {
        long min = NONE;
        for (final long t : requested)
        {
            min = Math.min(min, t);
        }
        if (min != NONE)
        {
            schedule(min);
        }
    }

    private synchronized void schedule(final long atMillis)
    {
        if (quiesced || atMillis >= scheduledAt)
        {
            // an earlier (or equal) wake-up is pending: it covers this one
            return;
        }
        scheduledAt = atMillis;
        if (started)
        {
            submit();
        }
    }

    /** Under the monitor: replaces the pending action by one at {@code scheduledAt}. */
    private void submit()
    {
        if (pending != null)
        {
            pending.cancel();
        }
        final long token = ++generation;
        pending = service.schedule(scheduledAt, () -> fired(token));
    }

    private void fired(final long token)
    {
        synchronized (this)
        {
            if (token != generation || quiesced)
            {
                // superseded by an earlier wake-up (whose action runs on its own), or the input ended
                return;
            }
            pending = null;
            scheduledAt = NONE;
        }
        wakeUp.run();
    }

    /** The job's task group exists: wake-ups requested so far (in open or restore) are scheduled now. */
    synchronized void start()
    {
        started = true;
        if (scheduledAt != NONE && !quiesced)
        {
            submit();
        }
    }

    /** The instance's last input ended: drops the pending wake-up; none is scheduled from here on. */
    synchronized void quiesce()
    {
        quiesced = true;
        scheduledAt = NONE;
        if (pending != null)
        {
            pending.cancel();
            pending = null;
        }
    }

    /** @return whether the instance's input ended (no wake-up fires any more). */
    synchronized boolean quiesced()
    {
        return quiesced;
    }
}
