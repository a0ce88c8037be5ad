package io.sabot.runtime.process;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link TimerQueue} against the structure it replaces, a {@code TreeMap<time, LinkedHashSet<key>>}: random
 * registrations (with duplicates), deletions, re-registrations after deletion and polls up to random watermarks give
 * the same answers, the same firing order and the same snapshot order, through index growth and compaction, with
 * random times (mostly the heap) and mostly growing ones (mostly the sorted run).
 */
class TimerQueueTest
{
    @Test
    void randomOperationsMatchATreeMapOfInsertionOrderedKeySets()
    {
        run(false);
    }

    @Test
    void mostlyGrowingTimesMatchToo()
    {
        // event-time timers: mostly registered in time order (the sorted run), some late (the heap)
        run(true);
    }

    private static void run(final boolean growing)
    {
        for (final long seed : new long[] {1, 2, 3, 42})
        {
            final Random random = new Random(seed);
            final TimerQueue queue = new TimerQueue();
            final TreeMap<Long, LinkedHashSet<Long>> reference = new TreeMap<>();
            long watermark = 0;
            // narrow ranges force duplicates and same-time keys; deletions far ahead force compaction
            final int times = 1 + random.nextInt(2000);
            final int keys = 1 + random.nextInt(300);
            for (int op = 0; op < 200_000; op++)
            {
                final int what = random.nextInt(100);
                final long time = growing ? (random.nextInt(10) == 0 ? watermark + random.nextInt(times) :
                    watermark + times + op / 64) : watermark + random.nextInt(times);
                final long key = random.nextInt(keys) - keys / 2;
                if (what < 55)
                {
                    final boolean added = reference.computeIfAbsent(time, t -> new LinkedHashSet<>()).add(key);
                    assertEquals(added, queue.add(time, key), "add " + time + "/" + key);
                }
                else if (what < 85)
                {
                    final LinkedHashSet<Long> set = reference.get(time);
                    final boolean removed = set != null && set.remove(key);
                    if (set != null && set.isEmpty())
                    {
                        reference.remove(time);
                    }
                    assertEquals(removed, queue.remove(time, key), "remove " + time + "/" + key);
                }
                else if (what < 99)
                {
                    watermark += random.nextInt(times / 4 + 1);
                    fire(reference, queue, watermark);
                }
                else
                {
                    assertEquals(flatten(reference), toList(queue.toSortedPairs()), "snapshot order");
                }
                assertEquals(reference.values().stream().mapToInt(LinkedHashSet::size).sum(), queue.size());
                assertEquals(reference.isEmpty() ? Long.MAX_VALUE : reference.firstKey(), queue.isEmpty() ?
                    Long.MAX_VALUE : queue.peekTime());
            }
            fire(reference, queue, Long.MAX_VALUE);
            assertEquals(0, queue.size());
        }
    }

    private static void fire(final TreeMap<Long, LinkedHashSet<Long>> reference, final TimerQueue queue,
        final long upTo)
    {
        while (!reference.isEmpty() && reference.firstKey() <= upTo)
        {
            final Map.Entry<Long, LinkedHashSet<Long>> first = reference.firstEntry();
            final Iterator<Long> it = first.getValue().iterator();
            final long key = it.next();
            it.remove();
            if (first.getValue().isEmpty())
            {
                reference.remove(first.getKey());
            }
            queue.poll();
            assertEquals(first.getKey(), queue.polledTime());
            assertEquals(key, queue.polledKey());
        }
        assertEquals(true, queue.isEmpty() || queue.peekTime() > upTo);
    }

    private static List<Long> flatten(final TreeMap<Long, LinkedHashSet<Long>> reference)
    {
        final List<Long> out = new ArrayList<>();
        reference.forEach((time, keys) -> keys.forEach(k ->
        {
            out.add(time);
            out.add(k);
        }));
        return out;
    }

    private static List<Long> toList(final long[] pairs)
    {
        final List<Long> out = new ArrayList<>(pairs.length);
        for (final long v : pairs)
        {
            out.add(v);
        }
        return out;
    }
}
