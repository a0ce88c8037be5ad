package io.sabot.runtime.state;

/**
 * A user aggregate: an accumulator per key, inputs added one at a time, a result read at any time.
 *
 * @param <IN>  input type.
 * @param <ACC> accumulator type (may be mutable: {@link #add} may return its argument).
 * @param <OUT> result type.
 */
public interface AggregateFunction<IN, ACC, OUT>
{
    /** @return a fresh accumulator. */
    ACC createAccumulator();

    /** @param accumulator the key's accumulator. @param value an input. @return the updated accumulator. */
    ACC add(ACC accumulator, IN value);

    /** @param accumulator the key's accumulator. @return the result. */
    OUT getResult(ACC accumulator);
}
