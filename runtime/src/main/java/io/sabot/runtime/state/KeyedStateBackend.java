package io.sabot.runtime.state;

import java.time.Duration;
import java.util.function.BinaryOperator;

/**
 * Keyed state of one operator instance. Handles are registered once (in the operator's open) and act on the current
 * key, set per row or timer. Time-to-live is processing time: a write sets the expiry to now + ttl; an expired value
 * reads as absent. Serializers are needed by off-heap backends ({@link RocksDbStateBackend}); the in-memory backend
 * ({@link KeyedStateStore}) ignores them, and accepts {@code null}.
 *
 * <p>Checkpoints: {@link #snapshot} captures all state on the operator's thread and returns an
 * {@link io.sabot.runtime.checkpoint.OperatorSnapshot} that is independent of the backend (it may be written after
 * the backend changed or closed); {@link #restore} refills a fresh backend, keeping the keys a {@link KeyFilter}
 * accepts, so a snapshot taken with one parallelism restores into another.
 *
 * <p>Thread-safety: not thread-safe; one operator instance, one thread at a time. {@link #close()} frees everything.
 */
public interface KeyedStateBackend extends AutoCloseable
{
    /** @param key the current key (one integer key column). */
    void setCurrentKey(long key);

    /** @param key the current key: a {@code List} of the key values (Long, Integer, String, Double, Boolean). */
    void setCurrentKey(Object key);

    /**
     * @param name unique state name. @param serializer values. @param ttl time-to-live or {@code null}.
     * @param <T> type.
     * @return the handle.
     */
    <T> ValueState<T> valueState(String name, StateSerializer<T> serializer, Duration ttl);

    /**
     * @param name unique state name. @param serializer elements. @param ttl time-to-live of the list or {@code null}.
     * @param <T> element type.
     * @return the handle.
     */
    <T> ListState<T> listState(String name, StateSerializer<T> serializer, Duration ttl);

    /**
     * @param name unique state name. @param keys map keys. @param values map values.
     * @param ttl time-to-live of each entry or {@code null}.
     * @param <K> map key type. @param <V> map value type.
     * @return the handle.
     */
    <K, V> MapState<K, V> mapState(String name, StateSerializer<K> keys, StateSerializer<V> values, Duration ttl);

    /**
     * @param name unique state name. @param reduce the fold. @param serializer values. @param ttl or {@code null}.
     * @param <T> type.
     * @return the handle.
     */
    <T> ReducingState<T> reducingState(String name, BinaryOperator<T> reduce, StateSerializer<T> serializer,
        Duration ttl);

    /**
     * @param name unique state name. @param function the aggregate. @param accumulators accumulator serializer.
     * @param ttl time-to-live or {@code null}.
     * @param <IN> input. @param <ACC> accumulator. @param <OUT> result.
     * @return the handle.
     */
    <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(String name, AggregateFunction<IN, ACC, OUT> function,
        StateSerializer<ACC> accumulators, Duration ttl);

    /**
     * A hint that the keys {@code keys[0, count)} are about to be read (one input batch): an off-heap backend may
     * fetch them in one call. The default does nothing.
     *
     * @param keys  integer keys.
     * @param count how many.
     */
    default void prefetch(final long[] keys, final int count)
    {
    }

    /** Writes buffered changes (called after each input batch and each round of timers). */
    void flush();

    /**
     * Captures every key's state (the synchronous part of a checkpoint; the caller flushed first); the result is
     * written on the checkpoint's I/O thread while this backend keeps changing.
     * @throws io.sabot.common.StateException when a state cannot be snapshotted (e.g. heap state without serializer)
     */
    io.sabot.runtime.checkpoint.OperatorSnapshot snapshot(long checkpointId);

    /**
     * Fills this just-opened backend (its states already registered by the function's open()) from the snapshots in
     * every directory of context.directories() (written by snapshot()'s result), keeping only keys `owned` accepts.
     * States are matched by name; snapshot states not registered here are skipped.
     */
    void restore(io.sabot.runtime.checkpoint.RestoreContext context, KeyFilter owned);

    @Override
    void close();
}
