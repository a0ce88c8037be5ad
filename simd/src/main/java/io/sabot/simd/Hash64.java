package io.sabot.simd;

/**
 * The one 64-bit hash function of Sabot, in scalar form. Every vectorized hash, hash table, partitioner and join
 * must produce exactly these values, so that a row hashes the same way wherever it goes.
 *
 * <p>Fixed-width values are finalized with the MurmurHash3 64-bit mixer (a bijection, so distinct keys never collide
 * before masking). Floating-point values are canonicalized first: every NaN hashes as the canonical NaN and
 * {@code -0.0} hashes as {@code 0.0}. Multi-column hashes fold each column's hash into a running hash with
 * {@link #combine(long, long)}, starting from {@link #SEED}. A null value hashes as {@link #NULL_HASH}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Hash64
{
    /** Start value for a multi-column hash. */
    public static final long SEED = 0x243F6A8885A308D3L;

    /** Hash of a null value, in any column type. */
    public static final long NULL_HASH = 0x13198A2E03707344L;

    static final long C1 = 0xFF51AFD7ED558CCDL;
    static final long C2 = 0xC4CEB9FE1A85EC53L;
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Hash64()
    {
    }

    /**
     * @param value a 64-bit value (ints and shorts are sign-extended to long first).
     * @return its hash.
     */
    public static long hashLong(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= C1;
        h ^= h >>> 33;
        h *= C2;
        h ^= h >>> 33;
        return h;
    }

    /**
     * @param value a double; NaNs and -0.0 are canonicalized.
     * @return its hash.
     */
    public static long hashDouble(final double value)
    {
        return hashLong(canonicalBits(value));
    }

    /**
     * @param value a float; hashed as the equal double, so 1.5f and 1.5d hash alike.
     * @return its hash.
     */
    public static long hashFloat(final float value)
    {
        return hashDouble(value);
    }

    /**
     * @param value a double.
     * @return its bits with every NaN mapped to the canonical NaN and -0.0 mapped to 0.0.
     */
    public static long canonicalBits(final double value)
    {
        if (value != value)
        {
            return 0x7FF8000000000000L;
        }
        return value == 0.0 ? 0L : Double.doubleToRawLongBits(value);
    }

    /**
     * Folds one column's hash into the running hash of a row.
     *
     * @param running the row hash so far ({@link #SEED} for the first column).
     * @param column  the hash of the next column's value.
     * @return the new running hash.
     */
    public static long combine(final long running, final long column)
    {
        return hashLong(running * GOLDEN + column);
    }

    /**
     * Hashes bytes read from native memory, 8 bytes at a time (little-endian words), then the tail, then the length.
     *
     * @param segment the memory holding the bytes.
     * @param offset  byte offset of the first byte.
     * @param length  number of bytes.
     * @return the hash of those bytes.
     */
    public static long hashBytes(final java.lang.foreign.MemorySegment segment, final long offset, final int length)
    {
        long h = SEED ^ (length * GOLDEN);
        long i = 0;
        final long wordEnd = length & ~7L;
        for (; i < wordEnd; i += 8)
        {
            final long word = segment.get(Layouts.LONG_UNALIGNED, offset + i);
            h = (h ^ hashLong(word)) * GOLDEN;
        }
        if (i < length)
        {
            long tail = 0;
            for (int shift = 0; i < length; i++, shift += 8)
            {
                tail |= (segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset + i) & 0xFFL) << shift;
            }
            h = (h ^ hashLong(tail)) * GOLDEN;
        }
        return hashLong(h);
    }
}
