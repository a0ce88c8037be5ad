package io.sabot.kernels.sort;

/**
 * Full stable sort led by a radix sort on the first key: the first key's nulls are partitioned off (kept in input
 * order), the other rows are radix-sorted on the key's normalized 64-bit prefix, and every run of rows that tie on
 * that prefix (and the null block) is finished by a merge sort under the remaining keys, or under all keys when the
 * prefix is not the whole value (utf8/binary, wide decimals).
 *
 * <p>Stateless; thread-safe. Scratch is on-heap, about 24 bytes per row.
 */
final class PrefixSort
{
    private PrefixSort()
    {
    }

    /**
     * @param first the first key.
     * @param all   the comparator over every key.
     * @param rest  the comparator over the keys after the first, or {@code null} when there is one key.
     * @param n     rows.
     * @return local indices in sorted order.
     */
    static int[] sort(final RowComparator first, final RowComparator all, final RowComparator rest, final int n)
    {
        final long[] prefix;
        final boolean[] isNull;
        final boolean nullsFirst;
        final boolean exact;
        switch (first)
        {
            case FixedKey f ->
            {
                prefix = f.u;
                isNull = f.isNull;
                nullsFirst = f.nullsFirst;
                exact = true;
            }
            case BinaryKey b ->
            {
                prefix = b.radixPrefix();
                isNull = b.isNull();
                nullsFirst = b.nullsFirst();
                exact = false;
            }
            case DecimalKey d ->
            {
                prefix = d.hi();
                isNull = d.isNull();
                nullsFirst = d.nullsFirst();
                exact = false;
            }
            default ->
            {
                final int[] idx = SortIndices.identity(n);
                MergeSort.sort(idx, n, all);
                return idx;
            }
        }
        final RowComparator refine = exact ? rest : all;
        int nulls = 0;
        if (isNull != null)
        {
            for (int i = 0; i < n; i++)
            {
                nulls += isNull[i] ? 1 : 0;
            }
        }
        final int live = n - nulls;
        final long[] keys = new long[live];
        final int[] idx = new int[live];
        final int[] out = new int[n];
        final int nullStart = nullsFirst ? 0 : live;
        final int liveStart = nullsFirst ? nulls : 0;
        int nullAt = nullStart;
        int liveAt = 0;
        for (int i = 0; i < n; i++)
        {
            if (isNull != null && isNull[i])
            {
                out[nullAt++] = i;
            }
            else
            {
                keys[liveAt] = prefix[i];
                idx[liveAt++] = i;
            }
        }
        RadixSort.sort(keys, idx, live, new long[live], new int[live]);
        System.arraycopy(idx, 0, out, liveStart, live);
        if (refine != null)
        {
            if (nulls > 1)
            {
                MergeSort.sortRange(out, nullStart, nullStart + nulls, refine);
            }
            int runStart = 0;
            for (int i = 1; i <= live; i++)
            {
                if (i == live || keys[i] != keys[runStart])
                {
                    if (i - runStart > 1)
                    {
                        MergeSort.sortRange(out, liveStart + runStart, liveStart + i, refine);
                    }
                    runStart = i;
                }
            }
        }
        return out;
    }
}
