package io.sabot.runtime.state;

/**
 * One value per key.
 *
 * @param <T> the value type.
 */
public interface ValueState<T>
{
    /** @return the current key's value, or {@code null} when unset or expired. */
    T value();

    /** @param value the current key's new value ({@code null} clears it). */
    void update(T value);

    /** Clears the current key's value. */
    void clear();
}
