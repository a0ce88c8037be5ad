package io.sabot.runtime.state;

/**
 * A value per key that every {@link #add} folds in with the state's reduce function.
 *
 * @param <T> the value type.
 */
public interface ReducingState<T>
{
    /** @return the current key's reduced value, or {@code null} when nothing was added (or it expired). */
    T get();

    /** @param value folded into the current key's value. */
    void add(T value);

    /** Clears the current key's value. */
    void clear();
}
