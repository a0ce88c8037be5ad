package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Scalar twin of {@link VectorReductions}: the same reductions as plain loops, and the reference the vector path is
 * tested against. Semantics are described on {@link Reductions}; integer results are identical to the vector path,
 * floating sums differ only by rounding (this class adds strictly left to right).
 *
 * <p>Thread-safety: stateless. Buffer ownership: segments are only read, never retained.
 */
public final class ScalarReductions
{
    /** Rows per chunk for the exact int64 sum: keeps the sum of the high words inside a long. */
    static final long EXACT_CHUNK = 1L << 30;

    private ScalarReductions()
    {
    }

    // ---------------------------------------------------------------------------------------------- validity bits

    /**
     * Loads {@code n} (1..64) validity bits starting at bit {@code bit}, least significant bit first. Reads whole
     * longs when the segment has room and falls back to bytes near its end, so it never reads past the bitmap.
     */
    static long word(final MemorySegment validity, final long bit, final int n)
    {
        final long byteIndex = bit >>> 3;
        final int shift = (int)(bit & 7);
        long w;
        if (byteIndex + 9 <= validity.byteSize())
        {
            w = validity.get(Layouts.LONG_UNALIGNED, byteIndex) >>> shift;
            if (shift != 0)
            {
                w |= (long)(validity.get(Layouts.BYTE, byteIndex + 8) & 0xFF) << (64 - shift);
            }
        }
        else
        {
            w = 0;
            final int bytes = (shift + n + 7) >>> 3;
            for (int k = 0; k < bytes; k++)
            {
                final long b = validity.get(Layouts.BYTE, byteIndex + k) & 0xFFL;
                final int at = k * 8 - shift;
                w |= at >= 0 ? b << at : b >>> -at;
            }
        }
        return n == 64 ? w : w & ((1L << n) - 1);
    }

    /** @return a word with the low {@code n} (1..64) bits set. */
    static long full(final int n)
    {
        return n == 64 ? -1L : (1L << n) - 1;
    }

    /**
     * @return the end (exclusive, relative row) of the run of all-valid 64-row words that starts at {@code row}; a
     *     trailing partial word counts when it is all valid.
     */
    static long runEnd(final MemorySegment validity, final long bitOffset, final long row, final long count)
    {
        long r = row;
        while (r < count)
        {
            final int n = (int)Math.min(64, count - r);
            if (word(validity, bitOffset + r, n) != full(n))
            {
                break;
            }
            r += n;
        }
        return r;
    }

    /**
     * Counts set bits: the number of valid rows.
     *
     * @param validity  an Arrow validity bitmap.
     * @param bitOffset the bit of the first row.
     * @param count     how many rows.
     * @return the number of set bits in {@code [bitOffset, bitOffset + count)}.
     */
    public static long countValid(final MemorySegment validity, final long bitOffset, final long count)
    {
        long valid = 0;
        long row = 0;
        // Byte-align first so the main loop reads whole aligned-to-bitmap longs.
        final int head = (int)Math.min(count, (8 - (bitOffset & 7)) & 7);
        if (head > 0)
        {
            valid += Long.bitCount(word(validity, bitOffset, head));
            row = head;
        }
        long byteIndex = (bitOffset + row) >>> 3;
        for (; row + 64 <= count; row += 64, byteIndex += 8)
        {
            valid += Long.bitCount(validity.get(Layouts.LONG_UNALIGNED, byteIndex));
        }
        if (row < count)
        {
            valid += Long.bitCount(word(validity, bitOffset + row, (int)(count - row)));
        }
        return valid;
    }

    // ---------------------------------------------------------------------------------------------- int32

    /** @see Reductions#sumInt(MemorySegment, long, long) */
    public static long sumInt(final MemorySegment data, final long offset, final long count)
    {
        long s = 0;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            s += data.getAtIndex(Layouts.INT_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumInt(MemorySegment, long, long, MemorySegment, long) */
    public static long sumInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long s = 0;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                s += data.getAtIndex(Layouts.INT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                w &= w - 1;
            }
        }
        return s;
    }

    /** @see Reductions#minInt(MemorySegment, long, long) */
    public static int minInt(final MemorySegment data, final long offset, final long count)
    {
        int m = Integer.MAX_VALUE;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            m = Math.min(m, data.getAtIndex(Layouts.INT_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#minInt(MemorySegment, long, long, MemorySegment, long) */
    public static int minInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        int m = Integer.MAX_VALUE;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                m = Math.min(m, data.getAtIndex(Layouts.INT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w)));
                w &= w - 1;
            }
        }
        return m;
    }

    /** @see Reductions#maxInt(MemorySegment, long, long) */
    public static int maxInt(final MemorySegment data, final long offset, final long count)
    {
        int m = Integer.MIN_VALUE;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            m = Math.max(m, data.getAtIndex(Layouts.INT_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#maxInt(MemorySegment, long, long, MemorySegment, long) */
    public static int maxInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        int m = Integer.MIN_VALUE;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                m = Math.max(m, data.getAtIndex(Layouts.INT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w)));
                w &= w - 1;
            }
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- int64

    /** @see Reductions#sumLong(MemorySegment, long, long) */
    public static long sumLong(final MemorySegment data, final long offset, final long count)
    {
        long s = 0;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            s += data.getAtIndex(Layouts.LONG_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumLong(MemorySegment, long, long, MemorySegment, long) */
    public static long sumLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long s = 0;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            if (w == -1L)
            {
                for (long i = offset + row, end = i + 64; i < end; i++)
                {
                    s += data.getAtIndex(Layouts.LONG_UNALIGNED, i);
                }
                continue;
            }
            while (w != 0)
            {
                s += data.getAtIndex(Layouts.LONG_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                w &= w - 1;
            }
        }
        return s;
    }

    /** @see Reductions#sumLongExact(MemorySegment, long, long, long[]) */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final long[] out)
    {
        final ExactSum sum = new ExactSum();
        for (long start = 0; start < count; start += EXACT_CHUNK)
        {
            final long n = Math.min(EXACT_CHUNK, count - start);
            long wrapped = 0;
            long high = 0;
            for (long i = offset + start, end = i + n; i < end; i++)
            {
                final long x = data.getAtIndex(Layouts.LONG_UNALIGNED, i);
                wrapped += x;
                high += x >> 32;
            }
            sum.addChunk(wrapped, high);
        }
        return sum.finish(out);
    }

    /** @see Reductions#sumLongExact(MemorySegment, long, long, MemorySegment, long, long[]) */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset, final long[] out)
    {
        final ExactSum sum = new ExactSum();
        for (long start = 0; start < count; start += EXACT_CHUNK)
        {
            final long chunkEnd = Math.min(count, start + EXACT_CHUNK);
            long wrapped = 0;
            long high = 0;
            for (long row = start; row < chunkEnd; row += 64)
            {
                final int n = (int)Math.min(64, chunkEnd - row);
                long w = word(validity, bitOffset + row, n);
                while (w != 0)
                {
                    final long x = data.getAtIndex(Layouts.LONG_UNALIGNED,
                        offset + row + Long.numberOfTrailingZeros(w));
                    wrapped += x;
                    high += x >> 32;
                    w &= w - 1;
                }
            }
            sum.addChunk(wrapped, high);
        }
        return sum.finish(out);
    }

    /** @see Reductions#minLong(MemorySegment, long, long) */
    public static long minLong(final MemorySegment data, final long offset, final long count)
    {
        long m = Long.MAX_VALUE;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            m = Math.min(m, data.getAtIndex(Layouts.LONG_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#minLong(MemorySegment, long, long, MemorySegment, long) */
    public static long minLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long m = Long.MAX_VALUE;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                m = Math.min(m, data.getAtIndex(Layouts.LONG_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w)));
                w &= w - 1;
            }
        }
        return m;
    }

    /** @see Reductions#maxLong(MemorySegment, long, long) */
    public static long maxLong(final MemorySegment data, final long offset, final long count)
    {
        long m = Long.MIN_VALUE;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            m = Math.max(m, data.getAtIndex(Layouts.LONG_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#maxLong(MemorySegment, long, long, MemorySegment, long) */
    public static long maxLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long m = Long.MIN_VALUE;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                m = Math.max(m, data.getAtIndex(Layouts.LONG_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w)));
                w &= w - 1;
            }
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- float32

    /** @see Reductions#sumFloat(MemorySegment, long, long) */
    public static double sumFloat(final MemorySegment data, final long offset, final long count)
    {
        double s = 0.0;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            s += data.getAtIndex(Layouts.FLOAT_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumFloat(MemorySegment, long, long, MemorySegment, long) */
    public static double sumFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double s = 0.0;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                s += data.getAtIndex(Layouts.FLOAT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                w &= w - 1;
            }
        }
        return s;
    }

    /** @see Reductions#minFloat(MemorySegment, long, long) */
    public static float minFloat(final MemorySegment data, final long offset, final long count)
    {
        float m = Float.POSITIVE_INFINITY;
        boolean any = false;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            final float x = data.getAtIndex(Layouts.FLOAT_UNALIGNED, i);
            if (x == x)
            {
                m = Math.min(m, x);
                any = true;
            }
        }
        return any || count == 0 ? m : Float.NaN;
    }

    /** @see Reductions#minFloat(MemorySegment, long, long, MemorySegment, long) */
    public static float minFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        float m = Float.POSITIVE_INFINITY;
        boolean any = false;
        boolean anyValid = false;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            anyValid |= w != 0;
            while (w != 0)
            {
                final float x = data.getAtIndex(Layouts.FLOAT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                if (x == x)
                {
                    m = Math.min(m, x);
                    any = true;
                }
                w &= w - 1;
            }
        }
        return any || !anyValid ? m : Float.NaN;
    }

    /** @see Reductions#maxFloat(MemorySegment, long, long) */
    public static float maxFloat(final MemorySegment data, final long offset, final long count)
    {
        float m = Float.NEGATIVE_INFINITY;
        boolean any = false;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            final float x = data.getAtIndex(Layouts.FLOAT_UNALIGNED, i);
            if (x == x)
            {
                m = Math.max(m, x);
                any = true;
            }
        }
        return any || count == 0 ? m : Float.NaN;
    }

    /** @see Reductions#maxFloat(MemorySegment, long, long, MemorySegment, long) */
    public static float maxFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        float m = Float.NEGATIVE_INFINITY;
        boolean any = false;
        boolean anyValid = false;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            anyValid |= w != 0;
            while (w != 0)
            {
                final float x = data.getAtIndex(Layouts.FLOAT_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                if (x == x)
                {
                    m = Math.max(m, x);
                    any = true;
                }
                w &= w - 1;
            }
        }
        return any || !anyValid ? m : Float.NaN;
    }

    // ---------------------------------------------------------------------------------------------- float64

    /** @see Reductions#sumDouble(MemorySegment, long, long) */
    public static double sumDouble(final MemorySegment data, final long offset, final long count)
    {
        double s = 0.0;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            s += data.getAtIndex(Layouts.DOUBLE_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double sumDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double s = 0.0;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            if (w == -1L)
            {
                for (long i = offset + row, end = i + 64; i < end; i++)
                {
                    s += data.getAtIndex(Layouts.DOUBLE_UNALIGNED, i);
                }
                continue;
            }
            while (w != 0)
            {
                s += data.getAtIndex(Layouts.DOUBLE_UNALIGNED, offset + row + Long.numberOfTrailingZeros(w));
                w &= w - 1;
            }
        }
        return s;
    }

    /** @see Reductions#minDouble(MemorySegment, long, long) */
    public static double minDouble(final MemorySegment data, final long offset, final long count)
    {
        double m = Double.POSITIVE_INFINITY;
        boolean any = false;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            final double x = data.getAtIndex(Layouts.DOUBLE_UNALIGNED, i);
            if (x == x)
            {
                m = Math.min(m, x);
                any = true;
            }
        }
        return any || count == 0 ? m : Double.NaN;
    }

    /** @see Reductions#minDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double minDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double m = Double.POSITIVE_INFINITY;
        boolean any = false;
        boolean anyValid = false;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            anyValid |= w != 0;
            while (w != 0)
            {
                final double x = data.getAtIndex(Layouts.DOUBLE_UNALIGNED,
                    offset + row + Long.numberOfTrailingZeros(w));
                if (x == x)
                {
                    m = Math.min(m, x);
                    any = true;
                }
                w &= w - 1;
            }
        }
        return any || !anyValid ? m : Double.NaN;
    }

    /** @see Reductions#maxDouble(MemorySegment, long, long) */
    public static double maxDouble(final MemorySegment data, final long offset, final long count)
    {
        double m = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            final double x = data.getAtIndex(Layouts.DOUBLE_UNALIGNED, i);
            if (x == x)
            {
                m = Math.max(m, x);
                any = true;
            }
        }
        return any || count == 0 ? m : Double.NaN;
    }

    /** @see Reductions#maxDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double maxDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double m = Double.NEGATIVE_INFINITY;
        boolean any = false;
        boolean anyValid = false;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            anyValid |= w != 0;
            while (w != 0)
            {
                final double x = data.getAtIndex(Layouts.DOUBLE_UNALIGNED,
                    offset + row + Long.numberOfTrailingZeros(w));
                if (x == x)
                {
                    m = Math.max(m, x);
                    any = true;
                }
                w &= w - 1;
            }
        }
        return any || !anyValid ? m : Double.NaN;
    }

    /** @see Reductions#sumSquaredDeviationsDouble(MemorySegment, long, long, double) */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean)
    {
        double s = 0.0;
        for (long i = offset, end = offset + count; i < end; i++)
        {
            final double d = data.getAtIndex(Layouts.DOUBLE_UNALIGNED, i) - mean;
            s += d * d;
        }
        return s;
    }

    /** @see Reductions#sumSquaredDeviationsDouble(MemorySegment, long, long, double, MemorySegment, long) */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean, final MemorySegment validity, final long bitOffset)
    {
        double s = 0.0;
        for (long row = 0; row < count; row += 64)
        {
            final int n = (int)Math.min(64, count - row);
            long w = word(validity, bitOffset + row, n);
            while (w != 0)
            {
                final double d = data.getAtIndex(Layouts.DOUBLE_UNALIGNED,
                    offset + row + Long.numberOfTrailingZeros(w)) - mean;
                s += d * d;
                w &= w - 1;
            }
        }
        return s;
    }

    /**
     * Folds chunks of an int64 sum into an exact 96-bit total. Each chunk (at most {@link #EXACT_CHUNK} rows) reports
     * its wrapping sum {@code W} and the exact sum {@code H} of the values' high words ({@code x >> 32}); the chunk's
     * exact sum is {@code H * 2^32 + L} with {@code L = W - (H << 32)} (the sum of the unsigned low words, which is
     * non-negative and below 2^62). One per call, never per row.
     */
    static final class ExactSum
    {
        private long high;
        private long low;
        private boolean saturated;

        void addChunk(final long wrapped, final long highWords)
        {
            final long lowWords = wrapped - (highWords << 32);
            final long lo = low + lowWords;
            final long carry = lo >>> 32;
            low = lo & 0xFFFF_FFFFL;
            final long h = high + highWords + carry;
            // Both addends are below 2^62 in magnitude, so overflow of h means |total| > 2^93: certainly too big.
            if (((high ^ h) & ((highWords + carry) ^ h)) < 0)
            {
                saturated = true;
            }
            high = h;
        }

        boolean finish(final long[] out)
        {
            out[0] = (high << 32) | low;
            return !saturated && high >= Integer.MIN_VALUE && high <= Integer.MAX_VALUE;
        }
    }
}
