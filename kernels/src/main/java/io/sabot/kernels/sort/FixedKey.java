package io.sabot.kernels.sort;

/**
 * A fixed-width key normalized to unsigned 64-bit integers whose unsigned order is the sort order: sign bits
 * flipped, IEEE floats mapped by the sign-magnitude trick, descending keys inverted, NaN moved next to the nulls and
 * null rows zeroed. Nulls are kept apart in {@code isNull} so that a 64-bit key loses no value.
 *
 * <p>Heap arrays owned by this object; not thread-safe.
 */
final class FixedKey implements RowComparator
{
    final long[] u;
    final boolean[] isNull;
    final int width;
    final boolean nullsFirst;
    /** Smallest non-null {@code u}; composite fields store {@code u - min} in {@link #rangeBits} bits. */
    private final long min;
    private final int rangeBits;

    /**
     * @param u          normalized values, {@code 0 <= u < 2^width} as unsigned.
     * @param isNull     per-row null flags, or {@code null} when no row is null.
     * @param width      significant bits of {@code u} (1 to 64).
     * @param nullsFirst true for {@link NullPlacement#AT_START}.
     */
    FixedKey(final long[] u, final boolean[] isNull, final int width, final boolean nullsFirst)
    {
        this.u = u;
        this.isNull = isNull;
        this.width = width;
        this.nullsFirst = nullsFirst;
        long lo = -1L;
        long hi = 0L;
        for (int i = 0; i < u.length; i++)
        {
            if (isNull == null || !isNull[i])
            {
                final long x = u[i];
                lo = Long.compareUnsigned(x, lo) < 0 ? x : lo;
                hi = Long.compareUnsigned(x, hi) > 0 ? x : hi;
            }
        }
        // range reduction: keys spanning few values pack into few composite bits whatever their type width
        final boolean any = Long.compareUnsigned(lo, hi) <= 0;
        this.min = any ? lo : 0L;
        this.rangeBits = any ? 64 - Long.numberOfLeadingZeros(hi - lo) : 0;
    }

    /**
     * @return bits this key takes in a composite key: the bits of its value range (max - min over non-null rows)
     *     plus one null bit when a row is null.
     */
    int compositeBits()
    {
        return rangeBits + (isNull == null ? 0 : 1);
    }

    /**
     * @param i a local row.
     * @return the row's composite field: {@code u - min}, with the null bit above it (null bit 1 sorts later).
     */
    long compositeField(final int i)
    {
        if (isNull == null)
        {
            return u[i] - min;
        }
        if (isNull[i])
        {
            return nullsFirst ? 0L : 1L << rangeBits;
        }
        return (nullsFirst ? 1L << rangeBits : 0L) | (u[i] - min);
    }

    @Override
    public int compare(final int a, final int b)
    {
        if (isNull != null)
        {
            final boolean na = isNull[a];
            final boolean nb = isNull[b];
            if (na | nb)
            {
                if (na & nb)
                {
                    return 0;
                }
                return na == nullsFirst ? -1 : 1;
            }
        }
        return Long.compareUnsigned(u[a], u[b]);
    }
}
