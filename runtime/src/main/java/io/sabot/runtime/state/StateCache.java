package io.sabot.runtime.state;

import java.util.Arrays;

/**
 * A bounded write-back cache of deserialized state values for {@link RocksDbStateBackend}: entries are (state index,
 * key) -&gt; (value object, expiry, dirty), at most {@code capacity} of them, evicted by CLOCK (second chance) over
 * the table. Evicting a dirty entry hands it to the {@link WriteBack} given at construction; a clean one is dropped.
 *
 * <pre>
 *   table: open addressing, linear probing, 2 longs per position (one cache line holds both), positions a power of
 *          two &gt;= 2 x slots; removal shifts the rest of the probe run back (no tombstones)
 *     [2p]     key (integer keys) | hash of (state, key bytes) (composite keys)
 *     [2p + 1] state int32 &lt;&lt; 32 | USED (bit 31) | DIRTY (bit 30) | REFERENCED (bit 29) | slot (bits 0..28)
 *            0: empty
 *   slots (grown by doubling up to capacity, dense: 0 .. size - 1):
 *     values[s] Object (null: absent)    expiries[s] int64 ms (0: none)    keys[s] byte[] (composite keys only)
 * </pre>
 *
 * A hit reads one table line and the value's slot (no expiry unless asked): the same memory touches as a heap map.
 * {@link #find} and {@link #add} return an <em>entry</em> (a table position), valid until the next {@link #add}
 * (which may move entries). A key is either a {@code long} (integer-keyed backends) or a {@code byte[]} (composite
 * keys: the row key bytes, kept by reference, so callers must not change an array after handing it in). Lookups and
 * updates of cached entries allocate nothing; growth allocates (at most log2(capacity) times).
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
    private static final long USED = 1L << 31;
    private static final long DIRTY = 1L << 30;
    private static final long REFERENCED = 1L << 29;
    private static final long SLOT = REFERENCED - 1;
    private static final int INITIAL_SLOTS = 1024;

    private final int capacity;
    private final boolean longKeyed;
    private final WriteBack eviction;
    private long[] table;
    private int mask;
    private Object[] values;
    private long[] expiries;
    private byte[][] keys;
    private int size;
    private int hand;
    private int dirty;
    private long evictions;
    private long dirtyEvictions;

    /**
     * @param capacity  the most entries held (1 .. 2^28).
     * @param longKeyed whether keys are {@code long}s (otherwise {@code byte[]}).
     * @param eviction  where evicted dirty entries go.
     */
    StateCache(final int capacity, final boolean longKeyed, final WriteBack eviction)
    {
        if (capacity <= 0 || capacity > 1 << 28)
        {
            throw new IllegalArgumentException("state cache capacity must be in 1.." + (1 << 28) + ", was " +
                capacity);
        }
        this.capacity = capacity;
        this.longKeyed = longKeyed;
        this.eviction = eviction;
        allocate(Math.min(capacity, INITIAL_SLOTS));
    }

    private void allocate(final int slots)
    {
        values = new Object[slots];
        expiries = new long[slots];
        keys = longKeyed ? null : new byte[slots][];
        // the smallest power of two >= 2 x slots: probe runs stay short at a load factor of at most 1/2
        final int positions = Integer.highestOneBit(slots * 2 - 1) << 1;
        table = new long[positions * 2];
        mask = positions - 1;
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

    /** @return the entry of (state, key), without marking it referenced, or {@link #MISS}. */
    int entry(final int state, final long key, final int hash)
    {
        for (int p = hash & mask; ; p = p + 1 & mask)
        {
            final long meta = table[2 * p + 1];
            if (meta == 0)
            {
                return MISS;
            }
            if (table[2 * p] == key && (int)(meta >>> 32) == state)
            {
                return p;
            }
        }
    }

    /** @return the entry of (state, key bytes), without marking it referenced, or {@link #MISS}. */
    int entry(final int state, final byte[] key, final int hash)
    {
        for (int p = hash & mask; ; p = p + 1 & mask)
        {
            final long meta = table[2 * p + 1];
            if (meta == 0)
            {
                return MISS;
            }
            if ((int)table[2 * p] == hash && (int)(meta >>> 32) == state &&
                Arrays.equals(keys[(int)(meta & SLOT)], key))
            {
                return p;
            }
        }
    }

    /** @return the integer keys of the dirty entries of a state (integer-keyed caches), in table order. */
    long[] dirtyLongKeys(final int state)
    {
        long[] out = new long[Math.min(dirty, 1024)];
        int n = 0;
        for (int p = 0; p < table.length; p += 2)
        {
            final long meta = table[p + 1];
            if ((meta & DIRTY) != 0 && (int)(meta >>> 32) == state)
            {
                if (n == out.length)
                {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = table[p];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** @return the key bytes of the dirty entries of a state (composite-keyed caches), in table order. */
    byte[][] dirtyKeys(final int state)
    {
        byte[][] out = new byte[Math.min(dirty, 1024)][];
        int n = 0;
        for (int p = 0; p < table.length; p += 2)
        {
            final long meta = table[p + 1];
            if ((meta & DIRTY) != 0 && (int)(meta >>> 32) == state)
            {
                if (n == out.length)
                {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = keys[(int)(meta & SLOT)];
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Marks an entry clean (its value was written back). */
    void markClean(final int entry)
    {
        final long meta = table[2 * entry + 1];
        if ((meta & DIRTY) != 0)
        {
            table[2 * entry + 1] = meta & ~DIRTY;
            dirty--;
        }
    }

    /** @return the entry of (state, key), marked referenced, or {@link #MISS}. */
    int find(final int state, final long key, final int hash)
    {
        return referenced(entry(state, key, hash));
    }

    /** @return the entry of (state, key bytes), marked referenced, or {@link #MISS}. */
    int find(final int state, final byte[] key, final int hash)
    {
        return referenced(entry(state, key, hash));
    }

    /** Marks a found entry referenced for CLOCK (written only when the bit changes: hits stay read-only). */
    private int referenced(final int p)
    {
        if (p != MISS)
        {
            final long meta = table[2 * p + 1];
            if ((meta & REFERENCED) == 0)
            {
                table[2 * p + 1] = meta | REFERENCED;
            }
        }
        return p;
    }

    /**
     * Adds (state, key), which must not be cached, as a clean absent entry; when full, first evicts one (a dirty
     * one goes to the eviction {@link WriteBack}). Entries returned before are invalid afterwards.
     *
     * @return its entry.
     */
    int add(final int state, final long key, final byte[] keyBytes, final int hash)
    {
        final int s;
        if (size < values.length)
        {
            s = size++;
        }
        else if (values.length < capacity)
        {
            grow();
            s = size++;
        }
        else
        {
            final int victim = victim();
            s = (int)(table[2 * victim + 1] & SLOT);
            evict(victim);
        }
        values[s] = null;
        expiries[s] = 0;
        if (!longKeyed)
        {
            keys[s] = keyBytes;
        }
        return insert(longKeyed ? key : hash, (long)state << 32 | USED | s, hash);
    }

    private int insert(final long word, final long meta, final int hash)
    {
        int p = hash & mask;
        while (table[2 * p + 1] != 0)
        {
            p = p + 1 & mask;
        }
        table[2 * p] = word;
        table[2 * p + 1] = meta;
        return p;
    }

    /** @return the hash the entry at position p was placed by. */
    private int hashAt(final int p)
    {
        return longKeyed ? hash((int)(table[2 * p + 1] >>> 32), table[2 * p]) : (int)table[2 * p];
    }

    private void grow()
    {
        final long[] old = table;
        final Object[] v = values;
        final long[] e = expiries;
        final byte[][] k = keys;
        allocate(Math.min(capacity, v.length * 2));
        System.arraycopy(v, 0, values, 0, size);
        System.arraycopy(e, 0, expiries, 0, size);
        if (!longKeyed)
        {
            System.arraycopy(k, 0, keys, 0, size);
        }
        for (int p = 0; p < old.length; p += 2)
        {
            if (old[p + 1] != 0)
            {
                final int h = longKeyed ? hash((int)(old[p + 1] >>> 32), old[p]) : (int)old[p];
                insert(old[p], old[p + 1], h);
            }
        }
        hand = 0;
    }

    /** CLOCK over the table: the first entry from the hand without its referenced bit, clearing the bits it passes. */
    private int victim()
    {
        while (true)
        {
            final int p = hand;
            hand = p + 1 & mask;
            final long meta = table[2 * p + 1];
            if (meta == 0)
            {
                continue;
            }
            if ((meta & REFERENCED) == 0)
            {
                return p;
            }
            table[2 * p + 1] = meta & ~REFERENCED;
        }
    }

    private void evict(final int p)
    {
        evictions++;
        final long meta = table[2 * p + 1];
        final int s = (int)(meta & SLOT);
        if ((meta & DIRTY) != 0)
        {
            dirtyEvictions++;
            dirty--;
            eviction.write((int)(meta >>> 32), longKeyed ? table[2 * p] : 0, longKeyed ? null : keys[s], values[s],
                expiries[s]);
        }
        remove(p);
        values[s] = null;
        if (!longKeyed)
        {
            keys[s] = null;
        }
    }

    /** Removes position p, shifting the rest of its probe run back so lookups need no tombstones. */
    private void remove(final int p)
    {
        int hole = p;
        for (int next = hole + 1 & mask; table[2 * next + 1] != 0; next = next + 1 & mask)
        {
            final int home = hashAt(next) & mask;
            // the entry at next may fill the hole when the hole lies on its probe path (home .. next)
            if ((next - home & mask) >= (next - hole & mask))
            {
                table[2 * hole] = table[2 * next];
                table[2 * hole + 1] = table[2 * next + 1];
                hole = next;
            }
        }
        table[2 * hole] = 0;
        table[2 * hole + 1] = 0;
    }

    private int slot(final int entry)
    {
        return (int)(table[2 * entry + 1] & SLOT);
    }

    /** @return the value of an entry (null: absent). */
    Object value(final int entry)
    {
        return values[slot(entry)];
    }

    /** @return the expiry of an entry in ms (0: none). */
    long expiresAt(final int entry)
    {
        return expiries[slot(entry)];
    }

    /** @return whether an entry differs from what RocksDB (with the pending writes) holds. */
    boolean isDirty(final int entry)
    {
        return (table[2 * entry + 1] & DIRTY) != 0;
    }

    /** Sets an entry to a value the store already holds (a load): it stays as clean or dirty as it was. */
    void setClean(final int entry, final Object value, final long expiresAt)
    {
        final int s = slot(entry);
        values[s] = value;
        expiries[s] = expiresAt;
    }

    /** Sets an entry to a new value (null: a delete), to be written back later. */
    void setDirty(final int entry, final Object value, final long expiresAt)
    {
        final int s = slot(entry);
        values[s] = value;
        expiries[s] = expiresAt;
        markDirty(entry);
    }

    /** Marks an entry dirty after its value object was changed in place. */
    void markDirty(final int entry)
    {
        final long meta = table[2 * entry + 1];
        if ((meta & DIRTY) == 0)
        {
            table[2 * entry + 1] = meta | DIRTY;
            dirty++;
        }
    }

    /**
     * Hands every dirty entry to {@code to} (in table order) and marks it clean; entries stay cached.
     *
     * @return how many were written.
     */
    int writeBackDirty(final WriteBack to)
    {
        final int written = dirty;
        for (int p = 0; p < table.length && dirty > 0; p += 2)
        {
            final long meta = table[p + 1];
            if ((meta & DIRTY) != 0)
            {
                final int s = (int)(meta & SLOT);
                to.write((int)(meta >>> 32), longKeyed ? table[p] : 0, longKeyed ? null : keys[s], values[s],
                    expiries[s]);
                table[p + 1] = meta & ~DIRTY;
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
