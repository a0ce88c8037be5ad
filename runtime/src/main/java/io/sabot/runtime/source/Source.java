package io.sabot.runtime.source;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A description of where rows come from: a fixed schema, whether the input ends, and how it divides into splits that
 * are read independently (in parallel). A source is immutable and thread-safe; reading state lives in the
 * {@link SourceReader}s it opens.
 *
 * <p>Only sources know whether a stream ends: {@link #bounded()} decides whether downstream stateful operators emit
 * final results at the end or an update stream.
 */
public interface Source
{
    /**
     * @return the schema of every batch this source produces.
     */
    Schema schema();

    /**
     * @return whether every split ends.
     */
    boolean bounded();

    /**
     * Divides the source into independent splits.
     *
     * @param parallelism the number of instances that will read them (a hint: sources may return more or fewer splits;
     *                    an indivisible source returns one).
     * @return the splits, at least one.
     */
    List<SourceSplit> splits(int parallelism);

    /**
     * Opens a reader over one split.
     *
     * @param split     one of {@link #splits}.
     * @param allocator where the reader allocates batches (owned by the caller, outlives the reader).
     * @return the reader; the caller closes it.
     */
    SourceReader open(SourceSplit split, BufferAllocator allocator);

    /**
     * @return a one-line description for plans ({@code explain()}).
     */
    String describe();

    /**
     * Projection pushdown: offers to produce only some columns, so that the rest is never read or decoded.
     *
     * @param columns names of columns of {@link #schema()}, in schema order, fewer than all.
     * @return a source producing exactly those columns, or empty when this source cannot prune (the default).
     */
    default Optional<Source> withColumns(final List<String> columns)
    {
        return Optional.empty();
    }
}
