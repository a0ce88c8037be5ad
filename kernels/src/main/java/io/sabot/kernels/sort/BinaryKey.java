package io.sabot.kernels.sort;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Layouts;

/**
 * A utf8/binary key compared byte-wise (unsigned bytes, shorter prefix first). The first 8 bytes of each row are
 * cached big-endian in {@code prefix}, so most comparisons are one unsigned long compare; ties fall back to
 * {@link MemorySegment#mismatch} over the Arrow data buffer.
 *
 * <p>Reads the vector's buffers, which must stay open while this object is used; not thread-safe.
 */
final class BinaryKey implements RowComparator
{
    private final MemorySegment offsets;
    private final MemorySegment data;
    private final boolean largeOffsets;
    private final int[] positions;
    private final int offset;
    private final long[] prefix;
    private final boolean[] isNull;
    private final boolean descending;
    private final boolean nullsFirst;

    BinaryKey(final MemorySegment offsets, final MemorySegment data, final boolean largeOffsets,
        final int[] positions, final int offset, final long[] prefix, final boolean[] isNull,
        final boolean descending, final boolean nullsFirst)
    {
        this.offsets = offsets;
        this.data = data;
        this.largeOffsets = largeOffsets;
        this.positions = positions;
        this.offset = offset;
        this.prefix = prefix;
        this.isNull = isNull;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
    }

    /**
     * @return the prefixes as radix keys: unsigned order equals the key's order on the first 8 bytes.
     */
    long[] radixPrefix()
    {
        if (!descending)
        {
            return prefix;
        }
        final long[] inverted = new long[prefix.length];
        for (int i = 0; i < inverted.length; i++)
        {
            inverted[i] = ~prefix[i];
        }
        return inverted;
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
        int c = Long.compareUnsigned(prefix[a], prefix[b]);
        if (c == 0)
        {
            c = compareBytes(positions == null ? offset + a : positions[a],
                positions == null ? offset + b : positions[b]);
        }
        return descending ? -c : c;
    }

    private int compareBytes(final int rowA, final int rowB)
    {
        final long startA = start(rowA);
        final long startB = start(rowB);
        final long lengthA = start(rowA + 1) - startA;
        final long lengthB = start(rowB + 1) - startB;
        // equal prefixes mean the first min(8, lengthA, lengthB) bytes are equal
        final long skip = Math.min(8L, Math.min(lengthA, lengthB));
        final long m = MemorySegment.mismatch(data, startA + skip, startA + lengthA, data, startB + skip,
            startB + lengthB);
        if (m < 0)
        {
            return 0;
        }
        if (m == Math.min(lengthA, lengthB) - skip)
        {
            return Long.compare(lengthA, lengthB);
        }
        return Integer.compare(data.get(Layouts.BYTE, startA + skip + m) & 0xFF,
            data.get(Layouts.BYTE, startB + skip + m) & 0xFF);
    }

    private long start(final int row)
    {
        return largeOffsets ? offsets.get(Layouts.LONG_UNALIGNED, (long)row << 3) :
            offsets.get(Layouts.INT_UNALIGNED, (long)row << 2);
    }
}
