package io.sabot.runtime.state;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value cache against a map: random lookups, adds (with evictions) and updates over more keys than fit; every
 * entry the map holds is either found with its value or was evicted clean (a dirty entry is never lost: it reaches
 * the write-back exactly once, with its last value), the size never exceeds the capacity, and a write-back of the
 * dirty entries hands out exactly those.
 */
class StateCacheTest
{
    /** A (state, key) entry of the reference. */
    private record Key(int state, long key)
    {
    }

    private static final class Ref
    {
        Object value;
        long expiresAt;
        boolean dirty;
    }

    private static byte[] bytes(final long key)
    {
        // composite row keys have different lengths: a long key's digits
        return Long.toString(key * 1_000_003).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({"1, true", "7, true", "7, false", "100, true", "100, false", "3000, true", "3000, false"})
    void theCacheKeepsWhatAMapKeepsAndNeverLosesADirtyEntry(final int capacity, final boolean longKeys)
    {
        final Random random = new Random(capacity * 31L + (longKeys ? 1 : 0));
        final Map<Key, Ref> reference = new HashMap<>();
        final Map<Key, Ref> written = new HashMap<>();
        final StateCache.WriteBack sink = (state, longKey, key, value, expiresAt) ->
        {
            final Key k = new Key(state, longKeys ? longKey : Long.parseLong(new String(key,
                java.nio.charset.StandardCharsets.UTF_8)) / 1_000_003);
            if (longKeys)
            {
                assertEquals(null, key);
            }
            final Ref r = reference.get(k);
            assertNotNull(r, "wrote back an entry it does not hold: " + k);
            assertTrue(r.dirty, "wrote back a clean entry " + k);
            assertSame(r.value, value, "value of " + k);
            assertEquals(r.expiresAt, expiresAt, "expiry of " + k);
            assertFalse(written.containsKey(k), "wrote back twice: " + k);
            written.put(k, r);
        };
        final StateCache cache = new StateCache(capacity, longKeys, (state, longKey, key, value, expiresAt) ->
        {
            sink.write(state, longKey, key, value, expiresAt);
            // evicted: gone from the cache
            reference.remove(new Key(state, longKeys ? longKey : Long.parseLong(new String(key,
                java.nio.charset.StandardCharsets.UTF_8)) / 1_000_003));
        });
        final int keys = capacity * 3 + 5;
        final int steps = Math.max(20_000, capacity * 20);
        for (int step = 0; step < steps; step++)
        {
            final Key k = new Key(random.nextInt(3), random.nextInt(keys));
            final byte[] b = longKeys ? null : bytes(k.key());
            final int hash = longKeys ? StateCache.hash(k.state(), k.key())
                : StateCache.hash(k.state(), java.util.Arrays.hashCode(b));
            int slot = longKeys ? cache.find(k.state(), k.key(), hash) : cache.find(k.state(), b, hash);
            final Ref r = reference.get(k);
            if (slot == StateCache.MISS)
            {
                if (r != null)
                {
                    // evicted without a write-back: must have been clean
                    assertFalse(r.dirty, "a dirty entry vanished: " + k + " at step " + step);
                    reference.remove(k);
                }
                written.remove(k);
                slot = cache.add(k.state(), k.key(), b, hash);
                assertEquals(null, cache.value(slot));
                assertFalse(cache.isDirty(slot));
                reference.put(k, new Ref());
            }
            else
            {
                assertNotNull(r, "found an entry the reference does not hold: " + k);
                assertSame(r.value, cache.value(slot), "value of " + k + " at step " + step);
                assertEquals(r.expiresAt, cache.expiresAt(slot));
                assertEquals(r.dirty, cache.isDirty(slot), "dirty of " + k);
            }
            final Ref now = reference.get(k);
            // a write-back of this entry is over: it may be written again once dirty again
            written.remove(k);
            switch (random.nextInt(4))
            {
                case 0 ->
                {
                    now.value = "v" + step;
                    now.expiresAt = random.nextInt(3);
                    now.dirty = true;
                    cache.setDirty(slot, now.value, now.expiresAt);
                }
                case 1 ->
                {
                    if (!now.dirty)
                    {
                        now.value = "loaded" + step;
                        cache.setClean(slot, now.value, 0);
                        now.expiresAt = 0;
                    }
                }
                case 2 ->
                {
                    now.dirty = true;
                    cache.markDirty(slot);
                }
                default ->
                {
                    // read only
                }
            }
            assertTrue(cache.size() <= capacity, "size " + cache.size());
            if (step % 997 == 0)
            {
                checkEverything(cache, reference, longKeys);
            }
            if (step % 4999 == 4998)
            {
                final int dirty = (int)reference.values().stream().filter(x -> x.dirty).count();
                assertEquals(dirty, cache.dirty());
                written.clear();
                assertEquals(dirty, cache.writeBackDirty(sink));
                assertEquals(dirty, written.size());
                written.clear();
                reference.values().forEach(x -> x.dirty = false);
                assertEquals(0, cache.dirty());
            }
        }
        checkEverything(cache, reference, longKeys);
        assertTrue(cache.evictions() > 0, "evictions");
        cache.clear();
        assertEquals(0, cache.size());
        assertEquals(0, cache.dirty());
    }

    /** Drops reference entries evicted clean, then checks the rest is found with its value. */
    private static void checkEverything(final StateCache cache, final Map<Key, Ref> reference, final boolean longKeys)
    {
        final List<Key> gone = new ArrayList<>();
        for (final Iterator<Map.Entry<Key, Ref>> it = reference.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<Key, Ref> e = it.next();
            final Key k = e.getKey();
            final byte[] b = longKeys ? null : bytes(k.key());
            final int hash = longKeys ? StateCache.hash(k.state(), k.key())
                : StateCache.hash(k.state(), java.util.Arrays.hashCode(b));
            final int slot = longKeys ? cache.find(k.state(), k.key(), hash) : cache.find(k.state(), b, hash);
            if (slot == StateCache.MISS)
            {
                assertFalse(e.getValue().dirty, "a dirty entry vanished: " + k);
                gone.add(k);
                it.remove();
            }
            else
            {
                assertSame(e.getValue().value, cache.value(slot), "value of " + k);
            }
        }
        assertEquals(reference.size(), cache.size(), "entries (evicted clean: " + gone.size() + ")");
        final int dirty = (int)reference.values().stream().filter(x -> x.dirty).count();
        assertEquals(dirty, cache.dirty(), "dirty entries");
    }
}
