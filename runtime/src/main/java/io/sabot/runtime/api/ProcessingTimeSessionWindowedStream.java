package io.sabot.runtime.api;

import io.sabot.runtime.plan.LogicalNode;

import java.util.List;

/**
 * A keyed stream cut into processing-time session windows, from {@link KeyedStream#sessionWindowProcessingTime}: a
 * batch's rows take the job's processing-time clock when the session operator sees them, rows of a key less than the
 * gap apart share a session, and a session emits once the clock passes its last row + gap, also when no input
 * arrives. {@link #aggregate} emits one row per session: the keys, {@code window_start} (first row),
 * {@code window_end} (last row + gap, exclusive; both timestamp[ms]), then the aggregates. No watermark is needed and
 * no row is late; at end of input sessions still open are dropped (Flink's streaming behaviour), so results depend on
 * timing, as processing time does. Immutable.
 *
 * <pre>{@code
 * env.from(clicks).keyBy("user").sessionWindowProcessingTime(Duration.ofSeconds(30))
 *     .aggregate(Agg.count("clicks"), Agg.sum("ms", "dwell"));
 * }</pre>
 */
public final class ProcessingTimeSessionWindowedStream
{
    private final DataStream input;
    private final List<String> keys;
    private final long gap;

    ProcessingTimeSessionWindowedStream(final DataStream input, final List<String> keys, final long gap)
    {
        if (gap < 1 || gap > 1L << 40)
        {
            throw new IllegalArgumentException("session gap must be 1 ms .. 2^40 ms, was " + gap + " ms");
        }
        this.input = input;
        this.keys = keys;
        this.gap = gap;
    }

    /**
     * @param aggregates the aggregates per session (built-in and {@link Agg#of user} ones).
     * @return keys, window_start, window_end, then one column per aggregate.
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return new DataStream(input.environment(), new LogicalNode.ProcessingTimeSessionWindowAggregate(input.node(),
            keys, gap, List.of(aggregates)));
    }
}
