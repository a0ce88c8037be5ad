package io.sabot.runtime.operator;

import io.sabot.kernels.Batch;

/**
 * Where an operator sends what it produces. The next operator of a fused chain, an exchange into another stage, or a
 * sink sits behind it.
 *
 * <p>Not thread-safe: an operator instance is driven by one thread at a time and uses its output from that thread.
 */
public interface Output
{
    /**
     * Sends a batch downstream.
     *
     * @param batch the rows; ownership passes to the output (the caller must not touch or close it afterwards). Empty
     *              batches may be dropped.
     */
    void emit(Batch batch);

    /**
     * Forwards a watermark downstream.
     *
     * @param watermark the watermark.
     */
    void emitWatermark(Watermark watermark);

    /**
     * Forwards a checkpoint barrier downstream.
     *
     * @param barrier the barrier.
     */
    void emitBarrier(CheckpointBarrier barrier);
}
