package io.sabot.kernels.string;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Layouts;

/**
 * Appends bits to an Arrow bitmap from bit 0, buffering 64 at a time and storing whole words; {@link #finish()}
 * stores the last partial word byte by byte so nothing is written past the bitmap's last needed byte.
 *
 * <p>Thread-safety: confined to the calling thread. Ownership: writes into the caller's segment.
 */
final class BitWriter
{
    private final MemorySegment bitmap;
    private long word;
    private int bits;
    private long wordIndex;

    BitWriter(final MemorySegment bitmap)
    {
        this.bitmap = bitmap;
    }

    void add(final boolean bit)
    {
        word |= (bit ? 1L : 0L) << bits;
        if (++bits == 64)
        {
            bitmap.set(Layouts.LONG_UNALIGNED, wordIndex << 3, word);
            wordIndex++;
            word = 0;
            bits = 0;
        }
    }

    void finish()
    {
        final int bytes = (bits + 7) >>> 3;
        for (int b = 0; b < bytes; b++)
        {
            bitmap.set(Layouts.BYTE, (wordIndex << 3) + b, (byte)(word >>> (b << 3)));
        }
    }
}
