package io.sabot.sched;

/**
 * A snapshot of one worker's counters (see {@link MorselScheduler#stats()}). Each field is read atomically but the
 * fields are not read at one instant.
 *
 * <p>Thread-safety: immutable.
 *
 * @param worker        worker index.
 * @param morselsRun    morsels started (including ones that said "not now").
 * @param stealAttempts steal calls on other workers' deques.
 * @param steals        successful steals.
 * @param busyNanos     time spent finding and running work.
 * @param idleNanos     time spent in the idle strategy or finding nothing.
 */
public record WorkerStats(int worker, long morselsRun, long stealAttempts, long steals, long busyNanos, long idleNanos)
{
}
