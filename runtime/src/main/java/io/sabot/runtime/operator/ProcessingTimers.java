package io.sabot.runtime.operator;

import io.sabot.common.StateException;

/**
 * An operator instance's processing time: the wall clock (or the job's manual clock in tests) and wake-ups. After
 * {@link #requestWakeUp(long) requestWakeUp(t)} the executor calls {@link Operator#onProcessingTime} on the
 * instance's driving thread once the clock reads {@code t} or later, also when no input arrives, and never
 * concurrently with the instance's other calls.
 *
 * <p>Requests coalesce: an instance has at most one pending wake-up, at the earliest time it asked for that has not
 * fired yet; a later request while an earlier one is pending is absorbed by it, so an operator re-requests its next
 * time from {@code onProcessingTime}. A wake-up may come early only in the sense that {@code onProcessingTime} gets
 * the clock as read on the driving thread, which is at or after the requested time. Once the instance's last input
 * ended, no wake-up fires (pending ones are dropped, as in Flink's streaming mode).
 *
 * <p>Thread-safety: call from the operator's driving thread (within {@code open}, {@code restoreState} or any
 * {@code process*} / {@code onProcessingTime} call).
 */
public interface ProcessingTimers
{
    /** @return the processing time now, epoch milliseconds. */
    long currentTimeMillis();

    /**
     * @param atMillis when {@link Operator#onProcessingTime} should run (epoch ms; a time in the past runs as soon as
     *                 the instance can be driven).
     */
    void requestWakeUp(long atMillis);

    /**
     * @param operator the operator's name, for the error.
     * @return timers for an instance that runs outside an executor: it reads the system clock and refuses wake-ups
     * with a {@link StateException} naming the operator.
     */
    static ProcessingTimers unavailable(final String operator)
    {
        return new ProcessingTimers()
        {
            @Override
            public long currentTimeMillis()
            {
                return System.currentTimeMillis();
            }

            @Override
            public void requestWakeUp(final long atMillis)
            {
                throw new StateException("operator '" + operator + "' asked for a processing-time wake-up but runs " +
                    "without a processing-time service");
            }
        };
    }
}
