package io.sabot.runtime.operator;

/**
 * An event-time watermark: no row with an event time at or below {@code timestamp} is expected any more on this edge.
 * Multi-input operators receive the minimum over their inputs (the executor combines them).
 *
 * @param timestamp milliseconds since the epoch; {@link #MAX} means "no more rows will arrive".
 */
public record Watermark(long timestamp) implements StreamElement
{
    /** The watermark of an ended input. */
    public static final Watermark MAX = new Watermark(Long.MAX_VALUE);
}
