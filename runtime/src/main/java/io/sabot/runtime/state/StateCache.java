package io.sabot.runtime.state;

import java.util.Arrays;

/**
 * A bounded write-back cache of deserialized state values for {@link RocksDbStateBackend}: entries are (state index,
 * key) -&gt; (value object, expiry, dirty), at most {@code capacity} of them, evicted by CLOCK (second chance).
 * Evicting a dirty entry hands it to the {@link WriteBack} given at construction; a clean one is dropped.
 *
 * <pre>
 *   slots (parallel arrays, grown by doubling up to capacity; slot s is live iff s &lt; size):
 *     states[s] int   hashes[s] int   longKeys[s] int64 | keys[s] byte[]   values[s] Object (null: absent)
 *     expiries[s] int64 (0: none)     flags[s] byte: bit 0 dirty, bit 1 referenced (CLOCK)
 *   index: open addressing, linear probing, length a power of two &gt;= 2 x slots; holds slot + 1 (0: empty);
 *          removal shifts the following run back (no tombstones)
 * </pre>
 *
 * A key is either a {@code long} (integer-keyed backends) or a {@code byte[]} (composite keys: the row key bytes,
 * kept by reference, so callers must not change an array after handing it in). Lookups and updates of cached entries
 * allocate nothing; growth allocates (at most log2(capacity) times).
 *
 * <p>Thread-safety: not thread-safe; owned by one backend.
 */
final class StateCache
{
    /** Receives the entries the cache writes back: on eviction, and from {@link #writeBackDirty}. */
    interface WriteBack
    {
        /**
         * @param state     the state index.
         * @param longKey   the key when keys are integers.
         * @param key       the key bytes when keys are composite (null otherwise).
         * @param value     the value, or null for a delete.
         * @param expiresAt the expiry in ms (0: none).
         */
        void write(int state, long longKey, byte[] key, Object value, long expiresAt);
    }

    static final int MISS = -1;
    private static final byte DIRTY = 1;
    private static final byte REFERENCED = 2;
    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private final boolean longKeyed;
    private final WriteBack eviction;
    private int[] states;
    private int[] hashes;
    private long[] longKeys;
    private byte[][] keys;
    private Object[] values;
    private long[] expiries;
    private byte[] flags;
    private int[] index;
    private int mask;
    private int size;
    private int hand;
    private int dirty;
    private long evictions;
    private long dirtyEvictions;

    /**
     * @param capacity  the most entries held (&gt; 0).
     * @param longKeyed whether keys are {@code long}s (otherwise {@code byte[]}).
     * @param eviction  where evicted dirty entries go.
     */
    StateCache(final int capacity, final boolean longKeyed, final WriteBack eviction)
    {
        if (capacity <= 0 || capacity > 1 << 29)
        {
            throw new IllegalArgumentException("state cache capacity must be in 1.." + (1 << 29) + ", was " +
                capacity);
        }
        this.capacity = capacity;
        this.longKeyed = longKeyed;
        this.eviction = eviction;
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    private void allocate(final int slots)
    {
        states = new int[slots];
        hashes = new int[slots];
        if (longKeyed)
        {
            longKeys = new long[slots];
        }
        else
        {
            keys = new byte[slots][];
        }
        values = new Object[slots];
        expiries = new long[slots];
        flags = new byte[slots];
        // the smallest power of two >= 2 x slots: probe runs stay short at a load factor of at most 1/2
        index = new int[Integer.highestOneBit(slots * 2 - 1) << 1];
        mask = index.length - 1;
    }

    /** @return the hash of an integer key of a state (murmur3's 64-bit finalizer). */
    static int hash(final int state, final long key)
    {
        long h = key ^ (state + 1) * 0x9E3779B97F4A7C15L;
        h = (h ^ h >>> 33) * 0xFF51AFD7ED558CCDL;
        h = (h ^ h >>> 33) * 0xC4CEB9FE1A85EC53L;
        return (int)(h ^ h >>> 33);
    }

    /** @param keyHash {@link Arrays#hashCode(byte[])} of the key bytes. @return the hash of a composite key. */
    static int hash(final int state, final int keyHash)
    {
        return hash(state, keyHash & 0xFFFFFFFFL);
    }

    /** @return the slot of (state, key), marked referenced, or {@link #MISS}. */
    int find(final int state, final long key, final int hash)
    {
        for (int pos = hash & mask; ; pos = pos + 1 & mask)
        {
            final int s = index[pos] - 1;
            if (s < 0)
            {
                return MISS;
            }
            if (hashes[s] == hash && states[s] == state && longKeys[s] == key)
            {
                flags[s] |= REFERENCED;
                return s;
            }
        }
    }

    /** @return the slot of (state, key bytes), marked referenced, or {@link #MISS}. */
    int find(final int state, final byte[] key, final int hash)
    {
        for (int pos = hash & mask; ; pos = pos + 1 & mask)
        {
            final int s = index[pos] - 1;
            if (s < 0)
            {
                return MISS;
            }
            if (hashes[s] == hash && states[s] == state && Arrays.equals(keys[s], key))
            {
                flags[s] |= REFERENCED;
                return s;
            }
        }
    }

    /**
     * Adds (state, key), which must not be cached, as a clean absent entry; when full, first evicts one (a dirty
     * one goes to the eviction {@link WriteBack}).
     *
     * @return its slot.
     */
    int add(final int state, final long key, final byte[] keyBytes, final int hash)
    {
        final int s;
        if (size < states.length)
        {
            s = size++;
        }
        else if (states.length < capacity)
        {
            grow();
            s = size++;
        }
        else
        {
            s = victim();
            evict(s);
        }
        states[s] = state;
        hashes[s] = hash;
        if (longKeyed)
        {
            longKeys[s] = key;
        }
        else
        {
            keys[s] = keyBytes;
        }
        values[s] = null;
        expiries[s] = 0;
        flags[s] = 0;
        insert(s);
        return s;
    }

    private void insert(final int s)
    {
        int pos = hashes[s] & mask;
        while (index[pos] != 0)
        {
            pos = pos + 1 & mask;
        }
        index[pos] = s + 1;
    }

    private void grow()
    {
        final int[] st = states;
        final int[] h = hashes;
        final long[] lk = longKeys;
        final byte[][] k = keys;
        final Object[] v = values;
        final long[] e = expiries;
        final byte[] f = flags;
        allocate(Math.min(capacity, st.length * 2));
        System.arraycopy(st, 0, states, 0, size);
        System.arraycopy(h, 0, hashes, 0, size);
        if (longKeyed)
        {
            System.arraycopy(lk, 0, longKeys, 0, size);
        }
        else
        {
            System.arraycopy(k, 0, keys, 0, size);
        }
        System.arraycopy(v, 0, values, 0, size);
        System.arraycopy(e, 0, expiries, 0, size);
        System.arraycopy(f, 0, flags, 0, size);
        for (int s = 0; s < size; s++)
        {
            insert(s);
        }
    }

    /** CLOCK: the first slot from the hand without its referenced bit, clearing the bits it passes. */
    private int victim()
    {
        while (true)
        {
            final int s = hand;
            hand = s + 1 == size ? 0 : s + 1;
            if ((flags[s] & REFERENCED) == 0)
            {
                return s;
            }
            flags[s] &= ~REFERENCED;
        }
    }

    private void evict(final int s)
    {
        evictions++;
        if ((flags[s] & DIRTY) != 0)
        {
            dirtyEvictions++;
            dirty--;
            eviction.write(states[s], longKeyed ? longKeys[s] : 0, longKeyed ? null : keys[s], values[s],
                expiries[s]);
        }
        remove(s);
        values[s] = null;
        if (!longKeyed)
        {
            keys[s] = null;
        }
    }

    /** Removes slot s from the index, shifting the rest of its probe run back so lookups need no tombstones. */
    private void remove(final int s)
    {
        int hole = hashes[s] & mask;
        while (index[hole] != s + 1)
        {
            hole = hole + 1 & mask;
        }
        for (int next = hole + 1 & mask; index[next] != 0; next = next + 1 & mask)
        {
            final int home = hashes[index[next] - 1] & mask;
            // the entry at next may fill the hole when the hole lies on its probe path (home .. next)
            if ((next - home & mask) >= (next - hole & mask))
            {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
    }

    /** @return the value in slot s (null: absent). */
    Object value(final int s)
    {
        return values[s];
    }

    /** @return the expiry of slot s in ms (0: none). */
    long expiresAt(final int s)
    {
        return expiries[s];
    }

    /** @return whether slot s differs from what RocksDB (with the pending writes) holds. */
    boolean isDirty(final int s)
    {
        return (flags[s] & DIRTY) != 0;
    }

    /** Sets slot s to a value the store already holds (a load): clean. */
    void setClean(final int s, final Object value, final long expiresAt)
    {
        values[s] = value;
        expiries[s] = expiresAt;
    }

    /** Sets slot s to a new value (null: a delete), to be written back later. */
    void setDirty(final int s, final Object value, final long expiresAt)
    {
        values[s] = value;
        expiries[s] = expiresAt;
        if ((flags[s] & DIRTY) == 0)
        {
            flags[s] |= DIRTY;
            dirty++;
        }
    }

    /** Marks slot s dirty after its value object was changed in place. */
    void markDirty(final int s)
    {
        if ((flags[s] & DIRTY) == 0)
        {
            flags[s] |= DIRTY;
            dirty++;
        }
    }

    /**
     * Hands every dirty entry to {@code to} (in slot order) and marks it clean; entries stay cached.
     *
     * @return how many were written.
     */
    int writeBackDirty(final WriteBack to)
    {
        final int written = dirty;
        for (int s = 0; s < size && dirty > 0; s++)
        {
            if ((flags[s] & DIRTY) != 0)
            {
                to.write(states[s], longKeyed ? longKeys[s] : 0, longKeyed ? null : keys[s], values[s], expiries[s]);
                flags[s] &= ~DIRTY;
                dirty--;
            }
        }
        return written;
    }

    /** Forgets every entry, dirty ones included, and releases the arrays beyond the initial size. */
    void clear()
    {
        allocate(Math.min(capacity, INITIAL_SLOTS));
        size = 0;
        hand = 0;
        dirty = 0;
    }

    /** @return the most entries held. */
    int capacity()
    {
        return capacity;
    }

    /** @return the entries held. */
    int size()
    {
        return size;
    }

    /** @return the dirty entries held. */
    int dirty()
    {
        return dirty;
    }

    /** @return entries evicted so far. */
    long evictions()
    {
        return evictions;
    }

    /** @return dirty entries evicted (so written back) so far. */
    long dirtyEvictions()
    {
        return dirtyEvictions;
    }
}
