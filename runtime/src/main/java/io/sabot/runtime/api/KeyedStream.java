package io.sabot.runtime.api;

import java.util.List;

import io.sabot.runtime.plan.LogicalNode;

/**
 * A stream grouped by key columns, from {@link DataStream#keyBy}.
 *
 * <p>On bounded input {@link #aggregate} emits one row per key when the input ends. On unbounded input it emits an
 * update stream: after each batch, the new current row of every key that batch touched. Immutable.
 */
public final class KeyedStream
{
    private final DataStream input;
    private final List<String> keys;

    KeyedStream(final DataStream input, final List<String> keys)
    {
        this.input = input;
        this.keys = keys;
    }

    /** @return the key columns. */
    public List<String> keys()
    {
        return keys;
    }

    /**
     * Runs a user operator per key: one function instance per parallel instance (from {@code factory}), rows
     * hash-partitioned by the keys, keyed state and event-time timers ({@link
     * io.sabot.runtime.process.KeyedProcessFunction}).
     *
     * @param factory      creates the function of each parallel instance.
     * @param outputSchema the rows the function emits.
     * @return the emitted rows.
     */
    public DataStream process(final java.util.function.Supplier<? extends io.sabot.runtime.process.KeyedProcessFunction>
        factory, final org.apache.arrow.vector.types.pojo.Schema outputSchema)
    {
        return new DataStream(input.environment(), new LogicalNode.KeyedProcess(input.node(), keys, factory,
            outputSchema));
    }

    /**
     * Tumbling event-time windows: {@code [k * size, (k + 1) * size)}. Needs {@link DataStream#withEventTime} on the
     * source.
     *
     * @param size the window length (whole milliseconds, &gt;= 1 ms).
     * @return the windowed stream.
     */
    public WindowedStream window(final java.time.Duration size)
    {
        return new WindowedStream(input, keys, size.toMillis(), size.toMillis(), 0);
    }

    /**
     * Sliding (hopping) event-time windows of {@code size} starting every {@code slide}: a row belongs to
     * {@code size / slide} windows (rounded up).
     *
     * @param size  the window length (&gt;= 1 ms).
     * @param slide the distance between window starts (1 ms .. size).
     * @return the windowed stream.
     */
    public WindowedStream window(final java.time.Duration size, final java.time.Duration slide)
    {
        return new WindowedStream(input, keys, size.toMillis(), slide.toMillis(), 0);
    }

    /**
     * Event-time session windows: per key, rows less than {@code gap} apart form one session
     * {@code [first event, last event + gap)}, and a row that bridges two sessions merges them. Needs
     * {@link DataStream#withEventTime} on the source.
     *
     * @param gap the inactivity that closes a session (whole milliseconds, 1 ms .. 2^40 ms).
     * @return the session-windowed stream.
     */
    public SessionWindowedStream sessionWindow(final java.time.Duration gap)
    {
        return new SessionWindowedStream(input, keys, gap.toMillis(), 0, null);
    }

    /**
     * Processing-time session windows: per key, rows the window operator sees less than {@code gap} apart on the
     * job's processing-time clock form one session, which emits once the clock passes its last row + gap. No event
     * time or watermark is needed; see {@link ProcessingTimeSessionWindowedStream}.
     *
     * @param gap the inactivity that closes a session (whole milliseconds, 1 ms .. 2^40 ms).
     * @return the windowed stream.
     */
    public ProcessingTimeSessionWindowedStream sessionWindowProcessingTime(final java.time.Duration gap)
    {
        return new ProcessingTimeSessionWindowedStream(input, keys, gap.toMillis());
    }

    /**
     * Tumbling processing-time windows: {@code [k * size, (k + 1) * size)} of the job's processing-time clock (epoch
     * ms). No event time or watermark is needed; see {@link ProcessingTimeWindowedStream}.
     *
     * @param size the window length (whole milliseconds, &gt;= 1 ms).
     * @return the windowed stream.
     */
    public ProcessingTimeWindowedStream windowProcessingTime(final java.time.Duration size)
    {
        return new ProcessingTimeWindowedStream(input, keys, size.toMillis(), size.toMillis());
    }

    /**
     * Sliding processing-time windows of {@code size} starting every {@code slide} (multiples of the slide, epoch
     * ms).
     *
     * @param size  the window length (&gt;= 1 ms).
     * @param slide the distance between window starts (1 ms .. size).
     * @return the windowed stream.
     */
    public ProcessingTimeWindowedStream windowProcessingTime(final java.time.Duration size,
        final java.time.Duration slide)
    {
        return new ProcessingTimeWindowedStream(input, keys, size.toMillis(), slide.toMillis());
    }

    /**
     * @param aggregates the aggregates, computed per key.
     * @return the key columns followed by one column per aggregate.
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return new DataStream(input.environment(), new LogicalNode.Aggregate(input.node(), keys,
            List.of(aggregates)));
    }
}
