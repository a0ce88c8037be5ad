package io.sabot.kernels.sort;

/**
 * The direction one sort key orders its column in. Immutable enum, thread-safe.
 */
public enum SortOrder
{
    /** Smallest value first. */
    ASCENDING,
    /** Largest value first. */
    DESCENDING
}
