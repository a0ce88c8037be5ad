package io.sabot.runtime.source;

import io.sabot.kernels.Batch;

/**
 * Reads one split. Polled by the executor: {@link #poll()} never blocks for long (an unbounded source with nothing
 * ready returns {@code null} and is asked again later), so readers can share worker threads with operators.
 *
 * <p>Not thread-safe: one thread at a time (the executor guarantees happens-before between calls).
 */
public interface SourceReader extends AutoCloseable
{
    /**
     * @return the next batch (the caller owns it), or {@code null} if none is ready now or the split is exhausted (see
     * {@link #finished()}).
     * @throws io.sabot.common.SabotException a typed error naming the file/line/offset for bad input; every batch
     *                                        returned before it stays valid.
     */
    Batch poll();

    /**
     * @return {@code true} once {@link #poll()} will never return a batch again.
     */
    boolean finished();

    /**
     * Releases the reader's resources (files, buffers). Batches already returned are unaffected.
     */
    @Override
    void close();
}
