package io.sabot.runtime.api;

import java.util.function.Consumer;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * User code for {@link DataStream#flatMap}: turns one batch into zero or more batches of a declared schema.
 *
 * <p>Must be thread-safe (or stateless): with parallelism N it is called from up to N threads at once, each call on
 * its own batch.
 */
@FunctionalInterface
public interface FlatMapFunction
{
    /**
     * @param input     the batch, borrowed: the runtime closes it after the call returns; honour its selection.
     * @param allocator where to allocate output vectors.
     * @param out       receives output batches (ownership passes to the runtime); each must match the declared schema.
     */
    void apply(Batch input, BufferAllocator allocator, Consumer<Batch> out);
}
