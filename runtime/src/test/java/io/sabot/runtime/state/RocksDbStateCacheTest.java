package io.sabot.runtime.state;

import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.checkpoint.SnapshotTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RocksDB backend's value cache: with no cache, a 7-entry cache (constant eviction) and a large one, random
 * operations on every state type (time-to-live on an injected clock, flushes, prefetches, snapshots) read back what
 * the in-memory backend reads; cached values are neither serialized by a flush nor deserialized by a read; and a
 * snapshot taken with many dirty entries (memtable never flushed) restores, at the same and at another parallelism,
 * exactly the values at the barrier although the live backend kept changing its cached objects in place.
 */
class RocksDbStateCacheTest
{
    /** Count and sum, changed in place by add (the cached accumulator is the live object). */
    private static final AggregateFunction<Long, long[], Long> SUM_COUNT = new AggregateFunction<>()
    {
        @Override
        public long[] createAccumulator()
        {
            return new long[2];
        }

        @Override
        public long[] add(final long[] acc, final Long v)
        {
            acc[0]++;
            acc[1] += v;
            return acc;
        }

        @Override
        public Long getResult(final long[] acc)
        {
            return acc[0] * 1_000_000 + acc[1];
        }
    };

    /** The handles of one backend. */
    private record Handles(KeyedStateBackend backend, ValueState<Long> value, ListState<String> list,
                           MapState<Long, String> map, ReducingState<Long> sum, AggregatingState<Long, Long> agg,
                           ValueState<long[]> array)
    {
        static Handles of(final KeyedStateBackend b)
        {
            return new Handles(b, b.valueState("value", StateSerializers.LONG, Duration.ofMillis(50)),
                b.listState("list", StateSerializers.STRING, Duration.ofMillis(70)),
                b.mapState("map", StateSerializers.LONG, StateSerializers.STRING, Duration.ofMillis(80)),
                b.reducingState("sum", Long::sum, StateSerializers.LONG, null),
                b.aggregatingState("agg", SUM_COUNT, StateSerializers.LONG_ARRAY, null),
                b.valueState("array", StateSerializers.LONG_ARRAY, null));
        }

        List<Object> read()
        {
            final long[] a = array.value();
            return Arrays.asList(value.value(), List.copyOf(list.get()), map.entries(), sum.get(), agg.get(),
                a == null ? null : Arrays.toString(a));
        }
    }

    private static void setKey(final KeyedStateBackend b, final long key, final boolean longKeys)
    {
        if (longKeys)
        {
            b.setCurrentKey(key);
        }
        else
        {
            b.setCurrentKey(List.of(key, "k" + key % 7));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, true", "0, false", "7, true", "7, false", "131072, true", "131072, false"})
    void everyCacheSizeReadsBackWhatMemoryDoes(final int cacheEntries, final boolean longKeys,
        @TempDir final Path dir) throws IOException
    {
        final AtomicLong now = new AtomicLong();
        final Random random = new Random(cacheEntries * 2L + (longKeys ? 1 : 0));
        final Handles heap = Handles.of(new KeyedStateStore(longKeys, now::get));
        final RocksDbStateBackend rocksBackend = new RocksDbStateBackend(dir.resolve("db"), longKeys, now::get,
            cacheEntries);
        final Handles rocks = Handles.of(rocksBackend);
        final int keys = 60;
        try
        {
            for (int step = 0; step < 10_000; step++)
            {
                final long key = random.nextInt(keys);
                setKey(heap.backend(), key, longKeys);
                setKey(rocks.backend(), key, longKeys);
                final int op = random.nextInt(16);
                final long v = random.nextInt(1000) - 500;
                for (final Handles h : List.of(heap, rocks))
                {
                    switch (op)
                    {
                        case 0 -> h.value().update(v);
                        case 1 -> h.value().clear();
                        case 2 -> h.list().add("e" + v);
                        case 3 -> h.list().update(List.of("a" + v, "b"));
                        case 4 -> h.list().clear();
                        case 5 -> h.map().put(v % 5, "m" + v);
                        case 6 -> h.map().remove(v % 5);
                        case 7 -> h.sum().add(v);
                        case 8 -> h.agg().add(v);
                        case 9 -> h.agg().clear();
                        case 10 ->
                        {
                            // the supported pattern: change the handed-out object, then update
                            long[] a = h.array().value();
                            if (a == null)
                            {
                                a = new long[] {0, 0};
                            }
                            a[(int)(v & 1)] += v;
                            h.array().update(a);
                        }
                        case 11 -> h.array().update(v % 3 == 0 ? null : new long[] {v, -v});
                        case 12 -> h.backend().flush();
                        case 13 ->
                        {
                            if (h == rocks)
                            {
                                // the synchronous part writes the dirty entries back; the backend goes on as before
                                final OperatorSnapshot s = h.backend().snapshot(step);
                                s.discard();
                            }
                        }
                        default ->
                        {
                            h.backend().prefetch(new long[] {key, (key + 1) % keys, (key + 7) % keys, key}, 4);
                            setKey(h.backend(), key, longKeys);
                        }
                    }
                }
                assertEquals(heap.read(), rocks.read(), "step " + step + " key " + key + " op " + op);
                if (random.nextInt(40) == 0)
                {
                    now.addAndGet(random.nextInt(60));
                }
            }
            final RocksDbStateBackend.CacheStatistics stats = rocksBackend.cacheStatistics();
            assertEquals(cacheEntries, stats.capacity());
            if (cacheEntries == 7)
            {
                assertTrue(stats.dirtyEvictions() > 1000, stats.toString());
                assertTrue(stats.entries() == 7, stats.toString());
            }
            else if (cacheEntries > 0)
            {
                // every (state, key) fits: after the first read of each, reads hit
                assertEquals(0, stats.evictions(), stats.toString());
                assertTrue(stats.hits() > 20 * stats.misses(), stats.toString());
                assertTrue(stats.snapshotDirtyEntries() > 0, stats.toString());
            }
            else
            {
                assertEquals(0, stats.hits(), stats.toString());
            }
        }
        finally
        {
            heap.backend().close();
            rocks.backend().close();
        }
    }

    /** A long serializer that counts its calls. */
    private static final class Counting implements StateSerializer<long[]>
    {
        final AtomicInteger serialized = new AtomicInteger();
        final AtomicInteger deserialized = new AtomicInteger();

        @Override
        public byte[] serialize(final long[] value)
        {
            serialized.incrementAndGet();
            return StateSerializers.LONG_ARRAY.serialize(value);
        }

        @Override
        public long[] deserialize(final byte[] bytes)
        {
            deserialized.incrementAndGet();
            return StateSerializers.LONG_ARRAY.deserialize(bytes);
        }
    }

    @Test
    void cachedValuesAreSerializedOnlyWhenEvictedOrSnapshotted(@TempDir final Path dir)
    {
        final Counting counting = new Counting();
        try (RocksDbStateBackend rocks = new RocksDbStateBackend(dir.resolve("db"), true, () -> 0L, 1000))
        {
            final ValueState<long[]> state = rocks.valueState("v", counting, null);
            final long[][] objects = new long[500][];
            for (int k = 0; k < 500; k++)
            {
                rocks.setCurrentKey(k);
                objects[k] = new long[] {k};
                state.update(objects[k]);
            }
            rocks.flush();
            for (int k = 0; k < 500; k++)
            {
                rocks.setCurrentKey(k);
                assertSame(objects[k], state.value(), "key " + k + " is the cached instance");
                // read-modify-write in place, as a function does
                state.value()[0] += 1_000;
                state.update(state.value());
            }
            rocks.flush();
            assertEquals(0, counting.serialized.get(), "a flush writes no dirty cached entry");
            assertEquals(0, counting.deserialized.get(), "cached reads deserialize nothing");
            assertEquals(500, rocks.cacheStatistics().dirtyEntries());

            rocks.snapshot(1).discard();
            assertEquals(500, counting.serialized.get());
            assertEquals(500, rocks.cacheStatistics().lastSnapshotDirtyEntries());
            assertEquals(0, rocks.cacheStatistics().dirtyEntries());
            rocks.snapshot(2).discard();
            assertEquals(0, rocks.cacheStatistics().lastSnapshotDirtyEntries(), "nothing changed since");
            assertEquals(500, counting.serialized.get());

            // 700 more keys overflow the 1,000 entries: the evicted ones are the only serializations (none clean)
            for (int k = 500; k < 1200; k++)
            {
                rocks.setCurrentKey(k);
                state.update(new long[] {k});
            }
            final RocksDbStateBackend.CacheStatistics stats = rocks.cacheStatistics();
            assertEquals(200, stats.evictions(), stats.toString());
            assertEquals(500 + stats.dirtyEvictions(), counting.serialized.get());
            rocks.flush();
            for (int k = 0; k < 1200; k++)
            {
                rocks.setCurrentKey(k);
                assertArrayEquals(new long[] {k < 500 ? k + 1_000 : k}, state.value(), "key " + k);
            }
            assertTrue(counting.deserialized.get() >= 200, "evicted keys were read back from RocksDB: " +
                counting.deserialized.get());
        }
    }

    @Test
    void aNegativeCacheSizeIsRefused(@TempDir final Path dir)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> StateBackends.rocksDb(dir, -1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    /** One instance's part of a checkpoint. */
    private record Target(Path directory, Path sharedDirectory) implements SnapshotTarget
    {
        @Override
        public void reference(final String fileName)
        {
        }
    }

    /** What a restoring instance is given. */
    private record Context(int instance, int parallelism, int previousParallelism, List<Path> directories,
                           Path sharedDirectory, long checkpointId) implements RestoreContext
    {
    }

    /** A key's expected state: the value (TTL 50 ms), the array, the list (TTL 70 ms) and the sum. */
    private record Expected(Long value, long valueExpiry, long[] array, List<String> list, long listExpiry, Long sum)
    {
    }

    private static KeyFilter half(final int instance)
    {
        return new KeyFilter()
        {
            @Override
            public boolean ownsLong(final long key)
            {
                return Math.floorMod(Long.hashCode(key), 2) == instance;
            }

            @Override
            public boolean owns(final Object key)
            {
                return Math.floorMod(key.hashCode(), 2) == instance;
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"7, 131072, true", "131072, 7, true", "131072, 0, false"})
    void aSnapshotOfManyDirtyEntriesRestoresTheValuesAtTheBarrier(final int cacheEntries, final int restoreCache,
        final boolean longKeys, @TempDir final Path dir) throws IOException
    {
        final AtomicLong now = new AtomicLong(1_000);
        final Random random = new Random(cacheEntries + restoreCache + (longKeys ? 1 : 0));
        final int keys = 3_000;
        final Map<Long, Expected> model = new HashMap<>();
        final List<KeyedStateBackend> backends = new ArrayList<>();
        try
        {
            final RocksDbStateBackend live = new RocksDbStateBackend(dir.resolve("live"), longKeys, now::get,
                cacheEntries);
            backends.add(live);
            final Handles h = Handles.of(live);
            mutate(h, model, random, keys, longKeys, now, 9_000);
            final int dirtyBefore = live.cacheStatistics().dirtyEntries();
            final Map<Long, Expected> atBarrier = new HashMap<>(model);
            final long barrierTime = now.get();
            // the memtable is never flushed: the values are in the WAL prefix the snapshot keeps
            final OperatorSnapshot snapshot = live.snapshot(1);
            assertEquals(dirtyBefore, live.cacheStatistics().lastSnapshotDirtyEntries());
            if (cacheEntries > keys)
            {
                assertTrue(dirtyBefore > keys, "dirty entries at the barrier: " + dirtyBefore);
            }
            // the live backend keeps changing, the cached arrays in place, before the snapshot is written
            mutate(h, model, random, keys, longKeys, now, 4_000);
            final Path shared = Files.createDirectories(dir.resolve("shared"));
            final Target target = new Target(Files.createDirectories(dir.resolve("chk")), shared);
            snapshot.writeTo(target);
            snapshot.discard();
            final long later = now.get();
            for (int k = 0; k < keys; k++)
            {
                assertKey(h, k, longKeys, model.get((long)k), now, later, "live");
            }

            for (final int parallelism : new int[] {1, 2})
            {
                for (int i = 0; i < parallelism; i++)
                {
                    final RocksDbStateBackend restored = new RocksDbStateBackend(dir.resolve("r" + parallelism + i),
                        longKeys, now::get, restoreCache);
                    backends.add(restored);
                    final Handles r = Handles.of(restored);
                    restored.restore(new Context(i, parallelism, 1, List.of(target.directory()), shared, 1),
                        parallelism == 1 ? KeyFilter.ALL : half(i));
                    assertEquals(0, restored.cacheStatistics().entries(), "the cache starts empty");
                    for (int k = 0; k < keys; k++)
                    {
                        final Object key = longKeys ? (Object)(long)k : List.of((long)k, "k" + k % 7);
                        final boolean mine = parallelism == 1 || (longKeys ? half(i).ownsLong(k) : half(i).owns(key));
                        assertKey(r, k, longKeys, mine ? atBarrier.get((long)k) : null, now, barrierTime,
                            "restored " + i + "/" + parallelism);
                    }
                    // expiry times were kept
                    for (int k = 0; k < keys; k++)
                    {
                        final Object key = longKeys ? (Object)(long)k : List.of((long)k, "k" + k % 7);
                        final boolean mine = parallelism == 1 || (longKeys ? half(i).ownsLong(k) : half(i).owns(key));
                        assertKey(r, k, longKeys, mine ? atBarrier.get((long)k) : null, now, barrierTime + 40,
                            "restored " + i + "/" + parallelism + ", 40 ms on");
                    }
                }
            }
        }
        finally
        {
            backends.forEach(KeyedStateBackend::close);
        }
    }

    private static void assertKey(final Handles h, final long k, final boolean longKeys, final Expected e,
        final AtomicLong now, final long time, final String what)
    {
        now.set(time);
        setKey(h.backend(), k, longKeys);
        assertEquals(e == null || e.value() == null || e.valueExpiry() <= time ? null : e.value(), h.value().value(),
            what + " value of " + k);
        final long[] array = h.array().value();
        if (e == null || e.array() == null)
        {
            assertNull(array, what + " array of " + k);
        }
        else
        {
            assertArrayEquals(e.array(), array, what + " array of " + k);
        }
        assertEquals(e == null || e.list() == null || e.listExpiry() <= time ? List.of() : e.list(), h.list().get(),
            what + " list of " + k);
        assertEquals(e == null ? null : e.sum(), h.sum().get(), what + " sum of " + k);
    }

    /** Random writes (value with TTL, arrays changed in place, lists, sums) mirrored in the model. */
    private static void mutate(final Handles h, final Map<Long, Expected> model, final Random random, final int keys,
        final boolean longKeys, final AtomicLong now, final int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            final long k = random.nextInt(keys);
            setKey(h.backend(), k, longKeys);
            final Expected e = model.getOrDefault(k, new Expected(null, 0, null, null, 0, null));
            final long v = random.nextInt(1000);
            final Expected next = switch (random.nextInt(6))
            {
                case 0 ->
                {
                    h.value().update(v);
                    yield new Expected(v, now.get() + 50, e.array(), e.list(), e.listExpiry(), e.sum());
                }
                case 1 ->
                {
                    long[] a = h.array().value();
                    if (a == null)
                    {
                        a = new long[3];
                    }
                    // in place: a snapshot taken before must not see this
                    a[(int)(v % 3)] += v;
                    h.array().update(a);
                    yield new Expected(e.value(), e.valueExpiry(), a.clone(), e.list(), e.listExpiry(), e.sum());
                }
                case 2 ->
                {
                    h.list().add("x" + v);
                    final boolean alive = e.list() != null && e.listExpiry() > now.get();
                    final List<String> list = new ArrayList<>(alive ? e.list() : List.of());
                    list.add("x" + v);
                    yield new Expected(e.value(), e.valueExpiry(), e.array(), List.copyOf(list), now.get() + 70,
                        e.sum());
                }
                case 3 ->
                {
                    h.sum().add(v);
                    yield new Expected(e.value(), e.valueExpiry(), e.array(), e.list(), e.listExpiry(),
                        e.sum() == null ? v : e.sum() + v);
                }
                case 4 ->
                {
                    h.array().clear();
                    h.list().clear();
                    yield new Expected(e.value(), e.valueExpiry(), null, null, 0, e.sum());
                }
                default ->
                {
                    // time passes (values and lists expire); batches end
                    now.addAndGet(random.nextInt(3));
                    if (random.nextInt(20) == 0)
                    {
                        h.backend().flush();
                    }
                    yield e;
                }
            };
            model.put(k, next);
        }
        h.backend().flush();
    }
}
