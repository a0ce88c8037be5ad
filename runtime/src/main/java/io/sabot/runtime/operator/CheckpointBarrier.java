package io.sabot.runtime.operator;

/**
 * A checkpoint barrier, injected at the sources: every element before it belongs to checkpoint {@code id}, every
 * element after it to the next. Multi-input operators see it once all inputs delivered it (aligned by the executor).
 *
 * @param id        the checkpoint id, increasing.
 * @param timestamp when the checkpoint was triggered, milliseconds since the epoch.
 */
public record CheckpointBarrier(long id, long timestamp) implements StreamElement
{
}
