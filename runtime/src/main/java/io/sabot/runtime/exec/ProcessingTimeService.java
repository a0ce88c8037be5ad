package io.sabot.runtime.exec;

/**
 * A job's processing-time clock and wake-up scheduler: the executor asks it to run a short action (mark a chain
 * instance due and schedule it) at or after a wall-clock time. One per job attempt, closed when the attempt ends.
 *
 * <p>Implementations: {@link SystemProcessingTimeService} (the system clock, one daemon timer thread per job,
 * started on the first wake-up) and {@link ManualProcessingTime} (a clock that tests move by hand).
 *
 * <p>Thread-safety: every method from any thread. Actions run on the service's thread (or, for the manual clock, on
 * the thread that moves it), never on a worker; they must not block.
 */
public interface ProcessingTimeService
{
    /** @return the processing time now, epoch milliseconds. */
    long currentTimeMillis();

    /**
     * @param atMillis when to run {@code action} (epoch ms; the past means as soon as possible).
     * @param action   a short, non-blocking action.
     * @return a handle that drops the action if it has not started; after {@link #close()} a handle that does
     * nothing (the action never runs).
     */
    Cancellable schedule(long atMillis, Runnable action);

    /** Drops every pending action and releases the thread, if any. Idempotent. */
    void close();

    /** A scheduled action that can still be dropped. */
    @FunctionalInterface
    interface Cancellable
    {
        /** Drops the action if it has not started (no effect otherwise). */
        void cancel();
    }

    /** Creates the service of each job attempt. */
    @FunctionalInterface
    interface Factory
    {
        /**
         * @param jobName the attempt's name (for the thread's name).
         * @return a new service, owned (and closed) by the attempt.
         */
        ProcessingTimeService create(String jobName);
    }

    /** @return the default factory: the system clock with a timer thread per job. */
    static Factory system()
    {
        return SystemProcessingTimeService::new;
    }
}
