package io.sabot.runtime.state;

import java.util.List;

/**
 * A list per key.
 *
 * @param <T> the element type.
 */
public interface ListState<T>
{
    /** @return the current key's elements in insertion order (a live view; empty when unset or expired). */
    List<T> get();

    /** @param element appended to the current key's list. */
    void add(T element);

    /** @param elements the current key's new list (copied). */
    void update(List<T> elements);

    /** Clears the current key's list. */
    void clear();
}
