package io.sabot.kernels.sort;

/**
 * A 128-bit decimal key normalized to two unsigned 64-bit halves (high half sign-flipped, both inverted when
 * descending, null rows zeroed) so that comparing {@code (hi, lo)} unsigned gives the sort order.
 *
 * <p>Heap arrays owned by this object; not thread-safe.
 */
final class DecimalKey implements RowComparator
{
    private final long[] hi;
    private final long[] lo;
    private final boolean[] isNull;
    private final boolean nullsFirst;

    DecimalKey(final long[] hi, final long[] lo, final boolean[] isNull, final boolean nullsFirst)
    {
        this.hi = hi;
        this.lo = lo;
        this.isNull = isNull;
        this.nullsFirst = nullsFirst;
    }

    /**
     * @return the normalized high halves: their unsigned order is the key's order up to ties.
     */
    long[] hi()
    {
        return hi;
    }

    boolean[] isNull()
    {
        return isNull;
    }

    boolean nullsFirst()
    {
        return nullsFirst;
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
        final int c = Long.compareUnsigned(hi[a], hi[b]);
        return c != 0 ? c : Long.compareUnsigned(lo[a], lo[b]);
    }
}
