package io.sabot.runtime.state;

import java.util.Map;

/**
 * A map per key. With a time-to-live, each entry expires on its own (from when it was last written).
 *
 * @param <K> the map key type.
 * @param <V> the map value type.
 */
public interface MapState<K, V>
{
    /** @param key a map key. @return its value for the current key, or {@code null}. */
    V get(K key);

    /** @param key a map key. @param value its new value. */
    void put(K key, V value);

    /** @param key a map key to remove. */
    void remove(K key);

    /** @param key a map key. @return whether the current key's map holds it. */
    boolean contains(K key);

    /** @return the current key's live entries (a read-only snapshot; expired entries are left out). */
    Map<K, V> entries();

    /** Clears the current key's map. */
    void clear();
}
