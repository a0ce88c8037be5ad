package io.sabot.runtime.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.sabot.runtime.plan.LogicalNode;
import io.sabot.runtime.sink.Sink;

/**
 * A keyed stream cut into event-time session windows, from {@link KeyedStream#sessionWindow}. {@link #aggregate}
 * emits, when the watermark passes a session's end ({@code last event + gap}, and at end of input for the rest), one
 * row per session: the keys, {@code window_start} (first event), {@code window_end} (last event + gap, exclusive),
 * then the aggregates. A row later than the allowed lateness (its session, merged with whatever it joins, ended at or
 * before the watermark minus the lateness) is dropped or goes to {@link #lateRowsTo a side output}; a row within it
 * extends or merges sessions, and the merged session emits again (with its new bounds; the rows emitted before for
 * the sessions it absorbed stay as they were). Immutable.
 */
public final class SessionWindowedStream
{
    private final DataStream input;
    private final List<String> keys;
    private final long gap;
    private final long allowedLateness;
    private final Sink lateRows;

    SessionWindowedStream(final DataStream input, final List<String> keys, final long gap,
        final long allowedLateness, final Sink lateRows)
    {
        if (gap < 1 || gap > 1L << 40)
        {
            throw new IllegalArgumentException("session gap must be 1 ms .. 2^40 ms, was " + gap + " ms");
        }
        this.input = input;
        this.keys = keys;
        this.gap = gap;
        this.allowedLateness = allowedLateness;
        this.lateRows = lateRows;
    }

    /**
     * @param lateness how long after a session fired its late rows still count (default 0, at most 2^60 ms).
     * @return this windowing with that lateness.
     */
    public SessionWindowedStream allowedLateness(final Duration lateness)
    {
        if (lateness.isNegative() || lateness.toMillis() > 1L << 60)
        {
            throw new IllegalArgumentException("allowed lateness must be 0 .. 2^60 ms, was " + lateness);
        }
        return new SessionWindowedStream(input, keys, gap, lateness.toMillis(), lateRows);
    }

    /**
     * Sends late rows (and rows without event time) to {@code sink} instead of dropping them: a side output with the
     * input's columns, committed or aborted with the job.
     *
     * @param sink where late rows go.
     * @return this windowing with that side output.
     */
    public SessionWindowedStream lateRowsTo(final Sink sink)
    {
        return new SessionWindowedStream(input, keys, gap, allowedLateness, Objects.requireNonNull(sink));
    }

    /**
     * @param aggregates the aggregates per session (built-in and {@link Agg#of user} ones).
     * @return keys, window_start, window_end, then one column per aggregate.
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return new DataStream(input.environment(), new LogicalNode.SessionWindowAggregate(input.node(), keys, gap,
            allowedLateness, List.of(aggregates), lateRows));
    }
}
