package io.sabot.runtime.sink;

import io.sabot.kernels.Batch;

/**
 * One instance of a {@link Sink}. Not thread-safe: driven by one thread at a time.
 */
public interface SinkWriter extends AutoCloseable
{
    /**
     * @param batch rows to write; ownership passes to the writer.
     */
    void write(Batch batch);

    /**
     * All input has been written (bounded input); flush.
     */
    void finish();

    /**
     * Releases resources; called exactly once, also after failures.
     */
    @Override
    void close();
}
