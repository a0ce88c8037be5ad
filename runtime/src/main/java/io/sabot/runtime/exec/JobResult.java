package io.sabot.runtime.exec;

import java.time.Duration;

/**
 * What a finished job reports.
 *
 * @param name        the job's name.
 * @param rowsRead    rows produced by the sources.
 * @param rowsWritten rows that reached the sinks.
 * @param elapsed     wall time from start to the sinks' commit.
 */
public record JobResult(String name, long rowsRead, long rowsWritten, Duration elapsed)
{
    /**
     * @return rows read per second.
     */
    public double rowsPerSecond()
    {
        final double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsRead / seconds;
    }
}
