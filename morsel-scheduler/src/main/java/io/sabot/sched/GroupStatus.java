package io.sabot.sched;

/**
 * How a {@link TaskGroup} ended.
 */
public enum GroupStatus
{
    /** Every submitted morsel ran without failure. */
    COMPLETED,
    /** A morsel threw; the remaining morsels were skipped. */
    FAILED,
    /** {@link TaskGroup#cancel()} was called (or the scheduler closed) before the group finished. */
    CANCELLED
}
