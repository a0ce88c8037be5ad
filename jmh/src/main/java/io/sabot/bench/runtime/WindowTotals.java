package io.sabot.bench.runtime;

import io.sabot.kernels.Batch;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.Sinks;
import org.apache.arrow.vector.BigIntVector;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The window benchmarks' sink: counts the window rows and sums their int64 {@code total} column, so every variant
 * is checked against the same two numbers. Thread-safe (atomic counters); batches are borrowed.
 */
final class WindowTotals
{
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong checksum = new AtomicLong();

    /** @return a sink adding each batch's rows and {@code total} sum to the counters. */
    Sink sink()
    {
        return Sinks.callback((Batch batch) ->
        {
            final BigIntVector total = (BigIntVector)batch.column("total");
            long sum = 0;
            for (int r = 0; r < batch.rowCount(); r++)
            {
                sum += total.get(r);
            }
            windows.addAndGet(batch.rowCount());
            checksum.addAndGet(sum);
        });
    }

    /** @return {windows, checksum}. */
    long[] result()
    {
        return new long[] {windows.get(), checksum.get()};
    }
}
