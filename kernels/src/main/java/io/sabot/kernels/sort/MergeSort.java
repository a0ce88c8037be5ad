package io.sabot.kernels.sort;

import java.util.Arrays;

/**
 * Stable bottom-up merge sort of local row indices under a {@link RowComparator}: insertion-sorted runs of 32, then
 * pairwise merges that skip already-ordered neighbours. O(n log n) comparisons, one {@code int[n]} of scratch.
 *
 * <p>Stateless; thread-safe.
 */
final class MergeSort
{
    private static final int RUN = 32;

    private MergeSort()
    {
    }

    /**
     * @param a   the indices to sort in place.
     * @param n   how many.
     * @param cmp the order.
     */
    static void sort(final int[] a, final int n, final RowComparator cmp)
    {
        for (int lo = 0; lo < n; lo += RUN)
        {
            insertion(a, lo, Math.min(lo + RUN, n), cmp);
        }
        if (n <= RUN)
        {
            return;
        }
        int[] src = a;
        int[] dst = new int[n];
        for (int width = RUN; width < n; width <<= 1)
        {
            for (int lo = 0; lo < n; lo += width << 1)
            {
                final int mid = Math.min(lo + width, n);
                final int hi = Math.min(lo + (width << 1), n);
                merge(src, dst, lo, mid, hi, cmp);
            }
            final int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a)
        {
            System.arraycopy(src, 0, a, 0, n);
        }
    }

    /**
     * Sorts {@code a[from, to)} in place.
     *
     * @param a    the indices.
     * @param from first position.
     * @param to   one past the last position.
     * @param cmp  the order.
     */
    static void sortRange(final int[] a, final int from, final int to, final RowComparator cmp)
    {
        if (to - from <= RUN)
        {
            insertion(a, from, to, cmp);
            return;
        }
        final int[] run = Arrays.copyOfRange(a, from, to);
        sort(run, run.length, cmp);
        System.arraycopy(run, 0, a, from, run.length);
    }

    private static void insertion(final int[] a, final int lo, final int hi, final RowComparator cmp)
    {
        for (int i = lo + 1; i < hi; i++)
        {
            final int x = a[i];
            int j = i;
            while (j > lo && cmp.compare(a[j - 1], x) > 0)
            {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
    }

    private static void merge(final int[] src, final int[] dst, final int lo, final int mid, final int hi,
        final RowComparator cmp)
    {
        if (mid >= hi || cmp.compare(src[mid - 1], src[mid]) <= 0)
        {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi)
        {
            // take the right element only when strictly smaller: keeps ties in input order
            dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid)
        {
            dst[k++] = src[i++];
        }
        while (j < hi)
        {
            dst[k++] = src[j++];
        }
    }
}
