package io.sabot.runtime.exec;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Processing time from {@link System#currentTimeMillis()}, with one daemon thread per job ({@code
 * sabot-timer-<job>}) that runs the wake-up actions. The thread starts with the first {@link #schedule} (a job
 * without processing-time operators never has one) and exits after {@link #close()}, which drops pending actions
 * and does not wait (so a worker that ends the job never blocks on it).
 *
 * <p>Delays are measured on the JVM's monotonic clock; an action can run up to a millisecond before the wall clock
 * shows its time (rounding), so callers re-check the time and re-schedule, as the executor does.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SystemProcessingTimeService implements ProcessingTimeService
{
    private static final Cancellable NONE = () ->
    {
    };

    private final String jobName;
    private ScheduledThreadPoolExecutor thread;
    private boolean closed;

    /** @param jobName the job (names the thread). */
    public SystemProcessingTimeService(final String jobName)
    {
        this.jobName = jobName;
    }

    @Override
    public long currentTimeMillis()
    {
        return System.currentTimeMillis();
    }

    @Override
    public Cancellable schedule(final long atMillis, final Runnable action)
    {
        final ScheduledThreadPoolExecutor executor;
        synchronized (this)
        {
            if (closed)
            {
                return NONE;
            }
            if (thread == null)
            {
                thread = new ScheduledThreadPoolExecutor(1, r ->
                {
                    final Thread t = new Thread(r, "sabot-timer-" + jobName);
                    t.setDaemon(true);
                    return t;
                });
                // a superseded wake-up leaves the queue at once: at most one entry per chain instance
                thread.setRemoveOnCancelPolicy(true);
                thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            }
            executor = thread;
        }
        final long delay = Math.max(0, atMillis - System.currentTimeMillis());
        try
        {
            return cancellable(executor.schedule(action, delay, TimeUnit.MILLISECONDS));
        }
        catch (final java.util.concurrent.RejectedExecutionException e)
        {
            // closed meanwhile: the job ended
            return NONE;
        }
    }

    private static Cancellable cancellable(final java.util.concurrent.Future<?> future)
    {
        return () -> future.cancel(false);
    }

    /** @return pending actions (for tests: coalescing keeps one per chain instance). */
    public synchronized int pending()
    {
        return thread == null ? 0 : thread.getQueue().size();
    }

    @Override
    public void close()
    {
        final ScheduledThreadPoolExecutor executor;
        synchronized (this)
        {
            closed = true;
            executor = thread;
            thread = null;
        }
        if (executor != null)
        {
            executor.shutdownNow();
        }
    }
}
