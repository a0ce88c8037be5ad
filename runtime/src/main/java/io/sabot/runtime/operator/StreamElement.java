package io.sabot.runtime.operator;

import io.sabot.kernels.Batch;

/**
 * What flows along an edge between operators: data, a watermark, a checkpoint barrier, or the end of the input.
 * Mailboxes and exchanges carry these; operators see them as calls on {@link Operator}.
 *
 * <p>A {@link Data} element owns its batch until it is handed to an operator, which then owns it.
 */
public sealed interface StreamElement permits StreamElement.Data, Watermark, CheckpointBarrier, EndOfInput
{
    /**
     * A batch of rows.
     *
     * @param batch the rows; ownership travels with the element.
     */
    record Data(Batch batch) implements StreamElement
    {
    }
}
