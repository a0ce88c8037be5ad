package io.sabot.runtime.process;

import java.util.Arrays;

/**
 * The timers of one time domain of a keyed operator: at most one timer per (time, key), fired in time order and, for
 * one time, in registration order (what a {@code TreeMap<time, LinkedHashSet<key>>} gives), with keys as longs (the
 * key itself, or an interned key id). No boxing and no allocation per timer once the arrays have grown.
 *
 * <pre>
 *   run:   long[] ring of entries (time, seq, key) registered in non-decreasing time order (the common case: event
 *          times mostly grow), so already sorted on (time, seq): appended and polled in O(1)
 *   heap:  long[] of the other entries, a binary min-heap on (time, seq); seq grows with each registration
 *   index: open addressing (linear probing, backward-shift deletion) of (time, key) -&gt; seq of the live timer,
 *          slots (time, key, seq), seq 0 = empty; load at most 1/2
 * </pre>
 *
 * The first timer is the smaller of the run's head and the heap's top. A deleted timer stays in the run or heap until
 * it is first, where it is dropped because the index no longer maps
 * its (time, key) to its seq; re-registering it after a delete gives a new seq, so it fires in its new place.
 *
 * <p>Not thread-safe: one operator thread.
 */
final class TimerQueue
{
    private static final int ENTRY = 3;

    private long[] heap = new long[ENTRY * 64];
    private int heapSize;
    private long[] index = new long[ENTRY * 128];
    private int mask = 127;
    private int live;
    private long nextSeq = 1;
    /** The index slot of the heap's top once {@link #dropStale} validated it, else -1 (any change resets it). */
    private int topSlot = -1;
    private long[] run = new long[ENTRY * 64];
    /** Run entries [runHead, runHead + runSize) modulo its capacity. */
    private int runHead;
    private int runSize;
    /** Like {@link #topSlot}, for the run's head. */
    private int runSlot = -1;

    /** @return how many timers are registered. */
    int size()
    {
        return live;
    }

    /** @return whether no timer is registered. */
    boolean isEmpty()
    {
        return live == 0;
    }

    /**
     * @param time a time.
     * @param key  a key.
     * @return true when the timer was new (false: it was already registered, nothing changed).
     */
    boolean add(final long time, final long key)
    {
        int slot = slot(time, key);
        while (index[ENTRY * slot + 2] != 0)
        {
            if (index[ENTRY * slot] == time && index[ENTRY * slot + 1] == key)
            {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        final long seq = nextSeq++;
        topSlot = -1;
        runSlot = -1;
        index[ENTRY * slot] = time;
        index[ENTRY * slot + 1] = key;
        index[ENTRY * slot + 2] = seq;
        if (++live > (mask + 1) >>> 1)
        {
            growIndex();
        }
        if (heapSize + runSize > 2 * live + 1024)
        {
            compact();
        }
        if (runSize == 0 || time >= run[ENTRY * ((runHead + runSize - 1) & runMask())])
        {
            append(time, seq, key);
        }
        else
        {
            push(time, seq, key);
        }
        return true;
    }

    /**
     * Drops deleted entries from the run and the heap (so deletes far ahead of the watermark do not pile up; the
     * index is unchanged) and re-heaps.
     */
    private void compact()
    {
        int kept = 0;
        final long[] compacted = new long[run.length];
        for (int i = 0; i < runSize; i++)
        {
            final int at = ENTRY * ((runHead + i) & runMask());
            if (seqOf(run[at], run[at + 2]) == run[at + 1])
            {
                System.arraycopy(run, at, compacted, ENTRY * kept++, ENTRY);
            }
        }
        run = compacted;
        runHead = 0;
        runSize = kept;
        runSlot = -1;
        int n = 0;
        for (int i = 0; i < heapSize; i++)
        {
            if (seqOf(heap[ENTRY * i], heap[ENTRY * i + 2]) == heap[ENTRY * i + 1])
            {
                System.arraycopy(heap, ENTRY * i, heap, ENTRY * n++, ENTRY);
            }
        }
        heapSize = 0;
        topSlot = -1;
        final long[] entries = Arrays.copyOf(heap, ENTRY * n);
        for (int i = 0; i < n; i++)
        {
            push(entries[ENTRY * i], entries[ENTRY * i + 1], entries[ENTRY * i + 2]);
        }
    }

    /**
     * @param time a time.
     * @param key  a key.
     * @return true when that timer was registered (it is removed).
     */
    boolean remove(final long time, final long key)
    {
        int slot = slot(time, key);
        while (index[ENTRY * slot + 2] != 0)
        {
            if (index[ENTRY * slot] == time && index[ENTRY * slot + 1] == key)
            {
                topSlot = -1;
                runSlot = -1;
                deleteSlot(slot);
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    /** @return the earliest registered time, or {@link Long#MAX_VALUE} when none is. */
    long peekTime()
    {
        dropStale();
        final long heapTime = heapSize == 0 ? Long.MAX_VALUE : heap[0];
        final long runTime = runSize == 0 ? Long.MAX_VALUE : run[ENTRY * runHead];
        return Math.min(heapTime, runTime);
    }

    /**
     * Removes the first timer (call after {@link #peekTime()} said there is one); read it with {@link #polledTime()}
     * and {@link #polledKey()}.
     */
    void poll()
    {
        dropStale();
        final int slot;
        final int r = ENTRY * runHead;
        if (runSize > 0 && (heapSize == 0 || less(run[r], run[r + 1], heap[0], heap[1])))
        {
            polledTime = run[r];
            polledKey = run[r + 2];
            slot = runSlot;
            removeRunHead();
        }
        else
        {
            polledTime = heap[0];
            polledKey = heap[2];
            slot = topSlot;
            removeTop();
        }
        topSlot = -1;
        runSlot = -1;
        deleteSlot(slot);
    }

    private int runMask()
    {
        return run.length / ENTRY - 1;
    }

    private void append(final long time, final long seq, final long key)
    {
        if (runSize == run.length / ENTRY)
        {
            // unroll the ring into a twice larger one
            final long[] grown = new long[run.length * 2];
            final int first = run.length - ENTRY * runHead;
            System.arraycopy(run, ENTRY * runHead, grown, 0, first);
            System.arraycopy(run, 0, grown, first, ENTRY * runHead);
            run = grown;
            runHead = 0;
        }
        final int at = ENTRY * ((runHead + runSize) & runMask());
        run[at] = time;
        run[at + 1] = seq;
        run[at + 2] = key;
        runSize++;
    }

    private void removeRunHead()
    {
        runHead = (runHead + 1) & runMask();
        runSize--;
    }

    private long polledTime;
    private long polledKey;

    /** @return the time of the timer last {@link #poll() polled}. */
    long polledTime()
    {
        return polledTime;
    }

    /** @return the key of the timer last {@link #poll() polled}. */
    long polledKey()
    {
        return polledKey;
    }

    /**
     * @return the registered timers as (time, key) pairs in firing order: {@code [t0, k0, t1, k1, ...]} (a copy, for
     * checkpoints).
     */
    long[] toSortedPairs()
    {
        final long[][] entries = new long[live][];
        int n = 0;
        for (int i = 0; i < heapSize; i++)
        {
            final long time = heap[ENTRY * i];
            final long seq = heap[ENTRY * i + 1];
            final long key = heap[ENTRY * i + 2];
            if (seqOf(time, key) == seq)
            {
                entries[n++] = new long[] {time, seq, key};
            }
        }
        for (int i = 0; i < runSize; i++)
        {
            final int at = ENTRY * ((runHead + i) & runMask());
            if (seqOf(run[at], run[at + 2]) == run[at + 1])
            {
                entries[n++] = new long[] {run[at], run[at + 1], run[at + 2]};
            }
        }
        Arrays.sort(entries, 0, n, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        final long[] out = new long[2 * n];
        for (int i = 0; i < n; i++)
        {
            out[2 * i] = entries[i][0];
            out[2 * i + 1] = entries[i][2];
        }
        return out;
    }

    /** Removes every timer. */
    void clear()
    {
        topSlot = -1;
        runSlot = -1;
        runSize = 0;
        runHead = 0;
        heapSize = 0;
        live = 0;
        Arrays.fill(index, 0);
    }

    private long seqOf(final long time, final long key)
    {
        int slot = slot(time, key);
        while (index[ENTRY * slot + 2] != 0)
        {
            if (index[ENTRY * slot] == time && index[ENTRY * slot + 1] == key)
            {
                return index[ENTRY * slot + 2];
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /** Pops heap tops that were deleted (or deleted and registered again, with a newer seq). */
    private void dropStale()
    {
        while (topSlot < 0 && heapSize > 0)
        {
            final int slot = slotOf(heap[0], heap[2]);
            if (slot >= 0 && index[ENTRY * slot + 2] == heap[1])
            {
                topSlot = slot;
            }
            else
            {
                removeTop();
            }
        }
        while (runSlot < 0 && runSize > 0)
        {
            final int r = ENTRY * runHead;
            final int slot = slotOf(run[r], run[r + 2]);
            if (slot >= 0 && index[ENTRY * slot + 2] == run[r + 1])
            {
                runSlot = slot;
            }
            else
            {
                removeRunHead();
            }
        }
    }

    private int slotOf(final long time, final long key)
    {
        int slot = slot(time, key);
        while (index[ENTRY * slot + 2] != 0)
        {
            if (index[ENTRY * slot] == time && index[ENTRY * slot + 1] == key)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(final long time, final long key)
    {
        long h = time * 0x9E3779B97F4A7C15L + key;
        h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
        return (int)(h ^ (h >>> 32)) & mask;
    }

    private void deleteSlot(final int removed)
    {
        live--;
        // backward shift: move later entries of the probe run into the hole when their home allows it
        int hole = removed;
        int next = (hole + 1) & mask;
        while (index[ENTRY * next + 2] != 0)
        {
            final int home = slot(index[ENTRY * next], index[ENTRY * next + 1]);
            if (((next - home) & mask) >= ((next - hole) & mask))
            {
                System.arraycopy(index, ENTRY * next, index, ENTRY * hole, ENTRY);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        index[ENTRY * hole] = 0;
        index[ENTRY * hole + 1] = 0;
        index[ENTRY * hole + 2] = 0;
    }

    private void growIndex()
    {
        final long[] old = index;
        index = new long[old.length * 2];
        mask = (index.length / ENTRY) - 1;
        for (int s = 0; s < old.length; s += ENTRY)
        {
            if (old[s + 2] != 0)
            {
                int slot = slot(old[s], old[s + 1]);
                while (index[ENTRY * slot + 2] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, s, index, ENTRY * slot, ENTRY);
            }
        }
    }

    private static boolean less(final long timeA, final long seqA, final long timeB, final long seqB)
    {
        return timeA < timeB || timeA == timeB && seqA < seqB;
    }

    private void push(final long time, final long seq, final long key)
    {
        if (ENTRY * (heapSize + 1) > heap.length)
        {
            heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int at = heapSize++;
        while (at > 0)
        {
            final int parent = (at - 1) >>> 1;
            if (!less(time, seq, heap[ENTRY * parent], heap[ENTRY * parent + 1]))
            {
                break;
            }
            System.arraycopy(heap, ENTRY * parent, heap, ENTRY * at, ENTRY);
            at = parent;
        }
        heap[ENTRY * at] = time;
        heap[ENTRY * at + 1] = seq;
        heap[ENTRY * at + 2] = key;
    }

    private void removeTop()
    {
        final int last = --heapSize;
        if (last == 0)
        {
            return;
        }
        final long time = heap[ENTRY * last];
        final long seq = heap[ENTRY * last + 1];
        final long key = heap[ENTRY * last + 2];
        int at = 0;
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= last)
            {
                break;
            }
            if (child + 1 < last && less(heap[ENTRY * (child + 1)], heap[ENTRY * (child + 1) + 1],
                heap[ENTRY * child], heap[ENTRY * child + 1]))
            {
                child++;
            }
            if (!less(heap[ENTRY * child], heap[ENTRY * child + 1], time, seq))
            {
                break;
            }
            System.arraycopy(heap, ENTRY * child, heap, ENTRY * at, ENTRY);
            at = child;
        }
        heap[ENTRY * at] = time;
        heap[ENTRY * at + 1] = seq;
        heap[ENTRY * at + 2] = key;
    }
}
