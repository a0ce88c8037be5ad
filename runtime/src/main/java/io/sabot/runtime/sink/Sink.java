package io.sabot.runtime.sink;

import org.apache.arrow.memory.BufferAllocator;

/**
 * Where a job's rows end up. The executor opens one {@link SinkWriter} per instance, finishes them all, then calls
 * {@link #commit()} once; on failure or cancellation it closes the writers and calls {@link #abort()} instead.
 *
 * <p>Thread-safety: {@link #open} may be called from several threads; each writer is used by one thread at a time.
 */
public interface Sink
{
    /**
     * @return {@code true} if several instances may write at once; {@code false} makes the planner route all rows,
     * in order, to one instance (needed after a sort, and for single files).
     */
    boolean parallel();

    /**
     * @param instance    the writer's index.
     * @param parallelism how many writers there are.
     * @param allocator   the writer's allocator (owned by the executor).
     * @return a writer.
     */
    SinkWriter open(int instance, int parallelism, BufferAllocator allocator);

    /**
     * Called once after every writer finished successfully: make the output visible.
     */
    default void commit()
    {
    }

    /**
     * Called once after a failure or cancellation: remove partial output where the sink can.
     */
    default void abort()
    {
    }

    /**
     * @return a one-line description for plans.
     */
    String describe();
}
