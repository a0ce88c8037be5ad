package io.sabot.runtime.state;

/**
 * An {@link AggregateFunction}'s accumulator per key.
 *
 * @param <IN>  input type.
 * @param <OUT> result type.
 */
public interface AggregatingState<IN, OUT>
{
    /** @return the current key's result, or {@code null} when nothing was added (or it expired). */
    OUT get();

    /** @param value added to the current key's accumulator. */
    void add(IN value);

    /** Clears the current key's accumulator. */
    void clear();
}
