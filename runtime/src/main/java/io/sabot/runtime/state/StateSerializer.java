package io.sabot.runtime.state;

/**
 * Turns state values into bytes and back, for backends that keep state off the heap ({@link RocksDbStateBackend}).
 * The in-memory backend keeps objects and does not use it. Implementations must be deterministic (equal values give
 * equal bytes: map-state keys are looked up by their bytes) and thread-safe (stateless).
 *
 * @param <T> the value type.
 */
public interface StateSerializer<T>
{
    /** @param value a non-null value. @return its bytes (the caller may keep them). */
    byte[] serialize(T value);

    /** @param bytes what {@link #serialize} returned. @return the value. */
    T deserialize(byte[] bytes);
}
