package io.sabot.runtime.api;

import io.sabot.runtime.plan.LogicalNode;

import java.util.List;

/**
 * A keyed stream cut into processing-time windows, from {@link KeyedStream#windowProcessingTime}: each row belongs to
 * the windows that contain the job's processing-time clock when the window operator sees it, and a window emits
 * once the clock reaches its end, also when no input arrives. {@link #aggregate} emits one row per key that had
 * rows in the window: the keys, {@code window_start}, {@code window_end} (exclusive, timestamp[ms]), then the
 * aggregates. No watermark is needed and no row is late; at end of input windows still open are dropped (Flink's
 * streaming behaviour), so results depend on timing, as processing time does. Immutable.
 */
public final class ProcessingTimeWindowedStream
{
    private final DataStream input;
    private final List<String> keys;
    private final long size;
    private final long slide;

    ProcessingTimeWindowedStream(final DataStream input, final List<String> keys, final long size, final long slide)
    {
        if (size < 1 || slide < 1 || slide > size)
        {
            throw new IllegalArgumentException("window size " + size + " ms and slide " + slide + " ms: need " +
                "size >= slide >= 1 ms");
        }
        if ((size + slide - 1) / slide > WindowedStream.MAX_WINDOWS_PER_ROW)
        {
            throw new IllegalArgumentException("window size " + size + " ms with slide " + slide + " ms puts each " +
                "row in " + (size + slide - 1) / slide + " windows; at most " + WindowedStream.MAX_WINDOWS_PER_ROW +
                " are supported (use a larger slide)");
        }
        this.input = input;
        this.keys = keys;
        this.size = size;
        this.slide = slide;
    }

    /**
     * @param aggregates the aggregates, per key and window.
     * @return keys, window_start, window_end, then one column per aggregate.
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return new DataStream(input.environment(), new LogicalNode.ProcessingTimeWindowAggregate(input.node(), keys,
            size, slide, List.of(aggregates)));
    }
}
