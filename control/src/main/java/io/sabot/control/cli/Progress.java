package io.sabot.control.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints a progress line (rows so far, rows/s over the last interval and overall) to stderr once a second while
 * long work runs. Use in try-with-resources; closing prints the final line.
 */
final class Progress implements AutoCloseable
{
    private final String what;
    private final LongSupplier rows;
    private final PrintStream out;
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    Progress(final String what, final LongSupplier rows, final PrintStream out)
    {
        this.what = what;
        this.rows = rows;
        this.out = out;
        this.thread = Thread.ofPlatform().daemon().name("sabot-progress").start(this::loop);
    }

    private void loop()
    {
        long lastRows = 0;
        long lastNanos = start;
        while (running)
        {
            try
            {
                Thread.sleep(1000);
            }
            catch (final InterruptedException e)
            {
                return;
            }
            if (!running)
            {
                return;
            }
            final long now = System.nanoTime();
            final long current = rows.getAsLong();
            out.println(String.format(Locale.ROOT, "  %s: %,d rows, %s rows/s (avg %s rows/s)", what, current,
                rate(current - lastRows, now - lastNanos), rate(current, now - start)));
            lastRows = current;
            lastNanos = now;
        }
    }

    static String rate(final long rows, final long nanos)
    {
        final double perSecond = nanos <= 0 ? 0 : rows * 1e9 / nanos;
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.1fK", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    @Override
    public void close()
    {
        running = false;
        thread.interrupt();
    }
}
