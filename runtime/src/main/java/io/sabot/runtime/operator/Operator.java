package io.sabot.runtime.operator;

import io.sabot.kernels.Batch;

/**
 * The one operator contract for bounded and unbounded input: batches in, batches out, plus watermarks, checkpoint
 * barriers and the end of each input.
 *
 * <p>Lifecycle: {@link #open} once, then any sequence of {@code process*} calls, then {@link #endOfInput} once per
 * input (for bounded input), then {@link #close()} exactly once, also after a failure or cancellation. An instance is
 * driven by one thread at a time (the executor guarantees happens-before between calls), so implementations need no
 * synchronization. Operators must never block a worker thread: no waiting on locks, queues or I/O of other operators.
 *
 * <p>Ownership: {@link #processBatch} receives ownership of the batch: the operator must close it or hand it on to the
 * output exactly once. Batches it emits pass to the output. On close it releases everything it holds.
 *
 * <p>Multi-input operators (joins, unions) number their inputs from 0; single-input operators only see input 0. The
 * executor combines watermarks (minimum over inputs) and aligns barriers before calling this operator.
 */
public interface Operator extends AutoCloseable
{
    /**
     * Called once, before any other call (the executor opens every instance when the job starts, before any data
     * flows; a failure here fails the job before it reads anything).
     *
     * @param context the instance's context (allocator, instance index, boundedness).
     */
    void open(OperatorContext context);

    /**
     * Processes a batch.
     *
     * @param input which input the batch arrived on (0 for single-input operators).
     * @param batch the rows; ownership passes to the operator.
     * @param out   where results go.
     */
    void processBatch(int input, Batch batch, Output out);

    /**
     * A watermark passed (the minimum over all inputs advanced). The default forwards it.
     *
     * @param watermark the combined watermark.
     * @param out       where results go.
     */
    default void processWatermark(final Watermark watermark, final Output out)
    {
        out.emitWatermark(watermark);
    }

    /**
     * A checkpoint barrier arrived on all inputs. Stateful operators snapshot here. The default forwards it.
     *
     * @param barrier the barrier.
     * @param out     where results go.
     */
    default void processBarrier(final CheckpointBarrier barrier, final Output out)
    {
        out.emitBarrier(barrier);
    }

    /**
     * A processing-time wake-up this instance asked for ({@link ProcessingTimers#requestWakeUp}) is due: the clock
     * reads {@code nowMillis}, at or after the requested time. Called on the instance's driving thread, never
     * concurrently with its other calls, also when no input arrives; never after the last {@link #endOfInput} began.
     * The default does nothing (operators that never ask for wake-ups are never called).
     *
     * @param nowMillis the processing time, epoch ms.
     * @param out       where results go.
     */
    default void onProcessingTime(final long nowMillis, final Output out)
    {
    }

    /**
     * Input {@code input} ended. Called once per input; after the last one the operator must emit everything it still
     * holds (for bounded input this is where aggregations, sorts and joins produce their results).
     *
     * @param input which input ended.
     * @param out   where results go.
     */
    void endOfInput(int input, Output out);

    /**
     * Whether more input could still change this operator's output. A satisfied limit says no; the executor then
     * stops reading the sources that feed only such instances (so a limit over an unbounded stream ends the job).
     * Called after each batch, from the driving thread. The default is {@code true}.
     *
     * @return {@code false} once every further input batch would be dropped.
     */
    default boolean needsMoreInput()
    {
        return true;
    }

    /**
     * Releases everything the instance holds. Called exactly once, also after failures; must not throw for a
     * half-opened instance.
     */
    @Override
    void close();
}
