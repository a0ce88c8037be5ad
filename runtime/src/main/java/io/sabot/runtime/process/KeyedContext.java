package io.sabot.runtime.process;

import io.sabot.runtime.state.AggregateFunction;
import io.sabot.runtime.state.AggregatingState;
import io.sabot.runtime.state.ListState;
import io.sabot.runtime.state.MapState;
import io.sabot.runtime.state.ReducingState;
import io.sabot.runtime.state.StateSerializer;
import io.sabot.runtime.state.ValueState;

import java.time.Duration;
import java.util.function.BinaryOperator;

/**
 * What a {@link KeyedProcessFunction} can use: keyed state (declare it in {@code open}; handles act on the current
 * key), the current key, event-time timers and the watermark. State declared without a serializer works with the
 * in-memory backend only; with RocksDB ({@code StreamEnvironment.Builder.stateBackend}) registering it fails with
 * an {@link IllegalArgumentException} naming the state. With RocksDB, values read are copies: write changes back.
 *
 * <p>Timers are per key and time, in two {@link TimeDomain}s: event-time timers fire when the watermark reaches
 * them (and at end of input), processing-time timers when the job's processing-time clock does, also on an idle
 * stream (and never at end of input: pending ones are dropped, as in Flink's streaming mode). Both are in the
 * operator's checkpoints; restored processing-time timers whose time has passed fire right after the restore.
 */
public interface KeyedContext
{
    /** @param name unique state name. @param ttl time-to-live or {@code null}. @param <T> type. @return the handle. */
    <T> ValueState<T> valueState(String name, Duration ttl);

    /** @param name unique state name. @param ttl time-to-live or {@code null}. @param <T> type. @return the handle. */
    <T> ListState<T> listState(String name, Duration ttl);

    /**
     * @param name unique state name. @param ttl time-to-live or {@code null}.
     * @param <K> map key type. @param <V> map value type.
     * @return the handle.
     */
    <K, V> MapState<K, V> mapState(String name, Duration ttl);

    /**
     * @param name unique state name. @param reduce the fold. @param ttl time-to-live or {@code null}.
     * @param <T> type.
     * @return the handle.
     */
    <T> ReducingState<T> reducingState(String name, BinaryOperator<T> reduce, Duration ttl);

    /**
     * @param name unique state name. @param function the aggregate. @param ttl time-to-live or {@code null}.
     * @param <IN> input. @param <ACC> accumulator. @param <OUT> result.
     * @return the handle.
     */
    <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(String name, AggregateFunction<IN, ACC, OUT> function,
        Duration ttl);

    /**
     * @param name unique state name. @param serializer values (needed by the RocksDB backend).
     * @param ttl time-to-live or {@code null}. @param <T> type.
     * @return the handle.
     */
    <T> ValueState<T> valueState(String name, StateSerializer<T> serializer, Duration ttl);

    /**
     * @param name unique state name. @param serializer elements (needed by the RocksDB backend).
     * @param ttl time-to-live or {@code null}. @param <T> type.
     * @return the handle.
     */
    <T> ListState<T> listState(String name, StateSerializer<T> serializer, Duration ttl);

    /**
     * @param name unique state name. @param keys map keys. @param values map values (both needed by RocksDB).
     * @param ttl time-to-live or {@code null}. @param <K> map key type. @param <V> map value type.
     * @return the handle.
     */
    <K, V> MapState<K, V> mapState(String name, StateSerializer<K> keys, StateSerializer<V> values, Duration ttl);

    /** @return the current key: a {@code Long} for one integer key column, else a {@code List} of the key values. */
    Object currentKey();

    /** @return the current event-time watermark ({@code Long.MIN_VALUE} before the first). */
    long currentWatermark();

    /**
     * @param timestamp event time (ms): {@link KeyedProcessFunction#onTimer} runs for the current key once the
     *                  watermark reaches it (at end of input at the latest). Registering twice is one timer.
     */
    void registerEventTimeTimer(long timestamp);

    /** @param timestamp a timer of the current key to cancel. */
    void deleteEventTimeTimer(long timestamp);

    /** @return the processing time now, epoch ms (the job's clock: the system's, or a manual one in tests). */
    long currentProcessingTime();

    /**
     * @param timestamp processing time (epoch ms): {@link KeyedProcessFunction#onTimer(long, TimeDomain, KeyedContext,
     *                  RowOutput)} runs for the current key once the clock reads it or later, also when no input
     *                  arrives. Registering twice is one timer; a time in the past fires at the next wake-up.
     */
    void registerProcessingTimeTimer(long timestamp);

    /** @param timestamp a processing-time timer of the current key to cancel. */
    void deleteProcessingTimeTimer(long timestamp);
}
