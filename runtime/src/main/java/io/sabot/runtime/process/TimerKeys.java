package io.sabot.runtime.process;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Ids for composite (non-integer) keys while they have timers, so {@link TimerQueue} keeps longs: a key gets an id
 * when its first timer is registered and gives it back when its last one fires or is deleted (ids are reused).
 *
 * <p>Not thread-safe: one operator thread. Keys are compared with {@code equals}; they must not change.
 */
final class TimerKeys
{
    private final HashMap<Object, Integer> ids = new HashMap<>();
    private Object[] keys = new Object[16];
    private int[] timers = new int[16];
    private int[] free = new int[16];
    private int freeCount;
    private int next;

    /** @param key a key. @return its id (a new one when the key has no timers yet). */
    long idOf(final Object key)
    {
        final Integer id = ids.get(key);
        if (id != null)
        {
            return id;
        }
        final int fresh;
        if (freeCount > 0)
        {
            fresh = free[--freeCount];
        }
        else
        {
            fresh = next++;
            if (fresh == keys.length)
            {
                keys = Arrays.copyOf(keys, fresh * 2);
                timers = Arrays.copyOf(timers, fresh * 2);
            }
        }
        keys[fresh] = key;
        timers[fresh] = 0;
        ids.put(key, fresh);
        return fresh;
    }

    /** @param key a key. @return its id, or -1 when it has no timers. */
    long existingId(final Object key)
    {
        final Integer id = ids.get(key);
        return id == null ? -1 : id;
    }

    /** @param id an id. @return its key. */
    Object key(final long id)
    {
        return keys[(int)id];
    }

    /** @param id an id that got one more timer. */
    void retain(final long id)
    {
        timers[(int)id]++;
    }

    /** @param id an id that lost a timer (fired or deleted); the id is freed with its last timer. */
    void release(final long id)
    {
        final int i = (int)id;
        if (--timers[i] <= 0)
        {
            ids.remove(keys[i]);
            keys[i] = null;
            if (freeCount == free.length)
            {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = i;
        }
    }

    /** Forgets every key. */
    void clear()
    {
        ids.clear();
        Arrays.fill(keys, null);
        freeCount = 0;
        next = 0;
    }
}
