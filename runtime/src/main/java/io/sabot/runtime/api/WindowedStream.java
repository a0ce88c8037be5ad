package io.sabot.runtime.api;

import io.sabot.runtime.plan.LogicalNode;

import java.time.Duration;
import java.util.List;

/**
 * A keyed stream cut into event-time windows, from {@link KeyedStream#window}. {@link #aggregate} emits, when the
 * watermark passes a window's end (and at end of input for the rest), one row per key that had rows in the window:
 * the keys, {@code window_start}, {@code window_end} (exclusive), then the aggregates. Rows later than the allowed
 * lateness are dropped, or go to {@link #lateRowsTo a side output}; rows within it update the window, which emits its
 * new result again. Immutable.
 */
public final class WindowedStream
{
    /** Most windows one row may belong to (size / slide, rounded up). */
    public static final int MAX_WINDOWS_PER_ROW = 64;

    private final DataStream input;
    private final List<String> keys;
    private final long size;
    private final long slide;
    private final long allowedLateness;
    private final io.sabot.runtime.sink.Sink lateRows;

    WindowedStream(final DataStream input, final List<String> keys, final long size, final long slide,
        final long allowedLateness)
    {
        this(input, keys, size, slide, allowedLateness, null);
    }

    private WindowedStream(final DataStream input, final List<String> keys, final long size, final long slide,
        final long allowedLateness, final io.sabot.runtime.sink.Sink lateRows)
    {
        if (size < 1 || slide < 1 || slide > size)
        {
            throw new IllegalArgumentException("window size " + size + " ms and slide " + slide + " ms: need " +
                "size >= slide >= 1 ms");
        }
        if ((size + slide - 1) / slide > MAX_WINDOWS_PER_ROW)
        {
            // each row is added to every window it is in: beyond this, use a larger slide
            throw new IllegalArgumentException("window size " + size + " ms with slide " + slide + " ms puts each " +
                "row in " + (size + slide - 1) / slide + " windows; at most " + MAX_WINDOWS_PER_ROW +
                " are supported (use a larger slide)");
        }
        this.input = input;
        this.keys = keys;
        this.size = size;
        this.slide = slide;
        this.allowedLateness = allowedLateness;
        this.lateRows = lateRows;
    }

    /**
     * @param lateness how long after a window fired its late rows still count (default 0).
     * @return this windowing with that lateness.
     */
    public WindowedStream allowedLateness(final Duration lateness)
    {
        if (lateness.isNegative())
        {
            throw new IllegalArgumentException("allowed lateness must be >= 0, was " + lateness);
        }
        return new WindowedStream(input, keys, size, slide, lateness.toMillis(), lateRows);
    }

    /**
     * Sends rows too late for every window they belong to (and rows without event time) to {@code sink} instead of
     * dropping them: a side output with the input's columns, committed or aborted with the job.
     *
     * @param sink where late rows go.
     * @return this windowing with that side output.
     */
    public WindowedStream lateRowsTo(final io.sabot.runtime.sink.Sink sink)
    {
        return new WindowedStream(input, keys, size, slide, allowedLateness, java.util.Objects.requireNonNull(sink));
    }

    /**
     * @param aggregates the aggregates, per key and window.
     * @return keys, window_start, window_end, then one column per aggregate.
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return new DataStream(input.environment(), new LogicalNode.WindowAggregate(input.node(), keys, size, slide,
            allowedLateness, List.of(aggregates), lateRows));
    }
}
