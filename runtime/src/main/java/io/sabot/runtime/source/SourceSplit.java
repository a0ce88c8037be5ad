package io.sabot.runtime.source;

/**
 * One independently readable part of a {@link Source} (a file, a range of record batches, a generator shard).
 * Immutable.
 */
public interface SourceSplit
{
    /**
     * @return a short description (for errors and plans), e.g. {@code lineitem.arrow[batches 0..7]}.
     */
    String describe();
}
