package io.sabot.kernels.cast;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Formats numbers as UTF-8 bytes into a reusable scratch array.
 *
 * <p>Integers: plain decimal digits with a leading {@code '-'} when negative, no String per row. Decimals: plain
 * notation with exactly {@code scale} fraction digits (e.g. {@code -0.05}); values that fit in a long are formatted
 * without allocation, larger ones through {@link BigDecimal#toPlainString()}. Floats: Java's
 * {@link Double#toString(double)} / {@link Float#toString(float)} (shortest repr that round-trips, e.g.
 * {@code 1.0}, {@code 1.0E10}, {@code NaN}, {@code -Infinity}); this creates one String per row.
 *
 * <p>Thread-safety: not thread-safe (owns the scratch); one instance per cast call.
 */
final class TextFormatter
{
    /** The formatted bytes of the last call are {@code scratch[0, length)}. */
    byte[] scratch = new byte[64];
    int length;

    void formatLong(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            copy("-9223372036854775808");
            return;
        }
        long v = Math.abs(value);
        int pos = scratch.length;
        do
        {
            scratch[--pos] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (value < 0)
        {
            scratch[--pos] = '-';
        }
        length = scratch.length - pos;
        System.arraycopy(scratch, pos, scratch, 0, length);
    }

    void formatDecimal(final long unscaled, final int scale)
    {
        if (unscaled == Long.MIN_VALUE || scale > 40)
        {
            copy(BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        long v = Math.abs(unscaled);
        int pos = scratch.length;
        for (int d = 0; d < scale; d++)
        {
            scratch[--pos] = (byte)('0' + v % 10);
            v /= 10;
        }
        if (scale > 0)
        {
            scratch[--pos] = '.';
        }
        do
        {
            scratch[--pos] = (byte)('0' + v % 10);
            v /= 10;
        }
        while (v != 0);
        if (unscaled < 0)
        {
            scratch[--pos] = '-';
        }
        length = scratch.length - pos;
        System.arraycopy(scratch, pos, scratch, 0, length);
    }

    void copy(final String ascii)
    {
        final byte[] bytes = ascii.getBytes(StandardCharsets.ISO_8859_1);
        if (bytes.length > scratch.length)
        {
            scratch = new byte[bytes.length];
        }
        System.arraycopy(bytes, 0, scratch, 0, bytes.length);
        length = bytes.length;
    }
}
