package io.sabot.kernels.sort;

/**
 * Top-N selection with a bounded max-heap whose root is the worst row kept: O(n log N) and {@code N} slots of
 * scratch. Ties are broken by local index, so the result equals the first N rows of the stable full sort.
 *
 * <p>Stateless; thread-safe.
 */
final class TopNSelect
{
    private TopNSelect()
    {
    }

    /**
     * @param keys  normalized keys compared as unsigned longs; not modified.
     * @param n     rows.
     * @param limit how many to keep, {@code 0 <= limit < n}.
     * @return the local indices of the best {@code limit} rows, in sorted order.
     */
    static int[] byKey(final long[] keys, final int n, final int limit)
    {
        final long[] hk = new long[limit];
        final int[] hv = new int[limit];
        if (limit == 0)
        {
            return hv;
        }
        for (int i = 0; i < limit; i++)
        {
            hk[i] = keys[i];
            hv[i] = i;
            siftUp(hk, hv, i);
        }
        for (int i = limit; i < n; i++)
        {
            final long k = keys[i];
            // a later row equal to the root has a larger index, so it is worse: strict less only
            if (Long.compareUnsigned(k, hk[0]) < 0)
            {
                hk[0] = k;
                hv[0] = i;
                siftDown(hk, hv, 0, limit);
            }
        }
        for (int size = limit - 1; size > 0; size--)
        {
            final long tk = hk[0];
            final int tv = hv[0];
            hk[0] = hk[size];
            hv[0] = hv[size];
            hk[size] = tk;
            hv[size] = tv;
            siftDown(hk, hv, 0, size);
        }
        return hv;
    }

    /**
     * @param cmp   the row order.
     * @param n     rows.
     * @param limit how many to keep, {@code 0 <= limit < n}.
     * @return the local indices of the best {@code limit} rows, in sorted order.
     */
    static int[] byComparator(final RowComparator cmp, final int n, final int limit)
    {
        final int[] heap = new int[limit];
        if (limit == 0)
        {
            return heap;
        }
        for (int i = 0; i < limit; i++)
        {
            heap[i] = i;
            siftUp(heap, i, cmp);
        }
        for (int i = limit; i < n; i++)
        {
            if (cmp.compare(i, heap[0]) < 0)
            {
                heap[0] = i;
                siftDown(heap, 0, limit, cmp);
            }
        }
        for (int size = limit - 1; size > 0; size--)
        {
            final int t = heap[0];
            heap[0] = heap[size];
            heap[size] = t;
            siftDown(heap, 0, size, cmp);
        }
        return heap;
    }

    private static boolean greater(final long ka, final int va, final long kb, final int vb)
    {
        final int c = Long.compareUnsigned(ka, kb);
        return c > 0 || (c == 0 && va > vb);
    }

    private static void siftUp(final long[] hk, final int[] hv, final int at)
    {
        int i = at;
        final long k = hk[i];
        final int v = hv[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!greater(k, v, hk[parent], hv[parent]))
            {
                break;
            }
            hk[i] = hk[parent];
            hv[i] = hv[parent];
            i = parent;
        }
        hk[i] = k;
        hv[i] = v;
    }

    private static void siftDown(final long[] hk, final int[] hv, final int at, final int size)
    {
        int i = at;
        final long k = hk[i];
        final int v = hv[i];
        while (true)
        {
            int child = (i << 1) + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && greater(hk[child + 1], hv[child + 1], hk[child], hv[child]))
            {
                child++;
            }
            if (!greater(hk[child], hv[child], k, v))
            {
                break;
            }
            hk[i] = hk[child];
            hv[i] = hv[child];
            i = child;
        }
        hk[i] = k;
        hv[i] = v;
    }

    private static boolean greater(final int a, final int b, final RowComparator cmp)
    {
        final int c = cmp.compare(a, b);
        return c > 0 || (c == 0 && a > b);
    }

    private static void siftUp(final int[] heap, final int at, final RowComparator cmp)
    {
        int i = at;
        final int v = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!greater(v, heap[parent], cmp))
            {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = v;
    }

    private static void siftDown(final int[] heap, final int at, final int size, final RowComparator cmp)
    {
        int i = at;
        final int v = heap[i];
        while (true)
        {
            int child = (i << 1) + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && greater(heap[child + 1], heap[child], cmp))
            {
                child++;
            }
            if (!greater(heap[child], v, cmp))
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = v;
    }
}
