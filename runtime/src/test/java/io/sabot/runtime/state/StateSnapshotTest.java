package io.sabot.runtime.state;

import io.sabot.common.StateException;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.checkpoint.SnapshotTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots and restores of both keyed state backends against a model: random operations on every state type
 * (integer and composite keys, time-to-live), a snapshot that later changes do not reach, restores with the same
 * parallelism and rescaled (2 -> 3 -> 1, keys partitioned by a {@link KeyFilter}), incremental RocksDB checkpoints,
 * and the failures (heap state without a serializer, truncated or corrupt files).
 */
class StateSnapshotTest
{
    private static final long VALUE_TTL = 50;
    private static final long LIST_TTL = 70;
    private static final long MAP_TTL = 80;
    private static final int KEYS = 150;

    /** Which backend, and for the heap whether states are registered with serializers. */
    enum Kind
    {
        HEAP, HEAP_WITHOUT_SERIALIZERS, ROCKSDB,
        /** RocksDB with a 7-entry value cache: almost every access evicts a (often dirty) entry. */
        ROCKSDB_TINY_CACHE,
        /** RocksDB without the value cache: every access reads or writes RocksDB. */
        ROCKSDB_NO_CACHE
    }

    /** Count and sum of longs; the result is the mean. The accumulator is changed in place (heap must copy it). */
    private static final AggregateFunction<Long, long[], Double> MEAN = new AggregateFunction<>()
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
        public Double getResult(final long[] acc)
        {
            return (double)acc[1] / acc[0];
        }
    };

    /** The handles of one backend. */
    private record Handles(KeyedStateBackend backend, ValueState<Long> value, ListState<String> list,
                           MapState<Long, String> map, ReducingState<Long> sum, AggregatingState<Long, Double> mean)
    {
        static Handles of(final KeyedStateBackend b, final boolean serializers)
        {
            return new Handles(b,
                b.valueState("value", serializers ? StateSerializers.LONG : null, Duration.ofMillis(VALUE_TTL)),
                b.listState("list", serializers ? StateSerializers.STRING : null, Duration.ofMillis(LIST_TTL)),
                b.mapState("map", serializers ? StateSerializers.LONG : null,
                    serializers ? StateSerializers.STRING : null, Duration.ofMillis(MAP_TTL)),
                b.reducingState("sum", Long::sum, serializers ? StateSerializers.LONG : null, null),
                b.aggregatingState("mean", MEAN, serializers ? StateSerializers.LONG_ARRAY : null, null));
        }

        List<Object> read(final Object key)
        {
            setKey(backend, key);
            return Arrays.asList(value.value(), list.get(), map.entries(), sum.get(), mean.get());
        }
    }

    /** One key's expected state; times are processing-time ms on the test clock. */
    private static final class Expected
    {
        Long value;
        long valueExpiry;
        List<String> list;
        long listExpiry;
        final Map<Long, String> map = new HashMap<>();
        final Map<Long, Long> mapExpiry = new HashMap<>();
        Long sum;
        long[] mean;

        Expected copy()
        {
            final Expected c = new Expected();
            c.value = value;
            c.valueExpiry = valueExpiry;
            c.list = list == null ? null : new ArrayList<>(list);
            c.listExpiry = listExpiry;
            c.map.putAll(map);
            c.mapExpiry.putAll(mapExpiry);
            c.sum = sum;
            c.mean = mean == null ? null : mean.clone();
            return c;
        }

        List<Object> read(final long now)
        {
            final Map<Long, String> live = new HashMap<>();
            map.forEach((k, v) -> {
                if (mapExpiry.get(k) > now)
                {
                    live.put(k, v);
                }
            });
            return Arrays.asList(value != null && valueExpiry > now ? value : null,
                list != null && listExpiry > now ? list : List.of(), live, sum,
                mean == null ? null : (double)mean[1] / mean[0]);
        }
    }

    /** The model: expected state per key, and the clock. */
    private static final class Model
    {
        final AtomicLong now = new AtomicLong(1_000);
        final Map<Object, Expected> keys = new HashMap<>();

        Map<Object, Expected> copy()
        {
            final Map<Object, Expected> c = new HashMap<>();
            keys.forEach((k, e) -> c.put(k, e.copy()));
            return c;
        }
    }

    /** A checkpoint target: a directory per instance and a shared directory; records references. */
    private record Target(Path directory, Path sharedDirectory, Set<String> references) implements SnapshotTarget
    {
        static Target in(final Path checkpoint, final int instance, final Path shared)
        {
            try
            {
                return new Target(Files.createDirectories(checkpoint.resolve("i" + instance)),
                    Files.createDirectories(shared), new TreeSet<>());
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void reference(final String fileName)
        {
            references.add(fileName);
        }
    }

    /** What a restoring instance is given. */
    private record Context(int instance, int parallelism, int previousParallelism, List<Path> directories,
                           Path sharedDirectory, long checkpointId) implements RestoreContext
    {
    }

    private final AtomicInteger databases = new AtomicInteger();

    private KeyedStateBackend create(final Kind kind, final Path dir, final boolean longKeys, final Model model)
    {
        final Path db = dir.resolve("db-" + databases.incrementAndGet());
        return switch (kind)
        {
            case ROCKSDB -> new RocksDbStateBackend(db, longKeys, model.now::get);
            case ROCKSDB_TINY_CACHE -> new RocksDbStateBackend(db, longKeys, model.now::get, 7);
            case ROCKSDB_NO_CACHE -> new RocksDbStateBackend(db, longKeys, model.now::get, 0);
            case HEAP, HEAP_WITHOUT_SERIALIZERS -> new KeyedStateStore(longKeys, model.now::get);
        };
    }

    private static Object key(final int k, final boolean longKeys)
    {
        if (longKeys)
        {
            return k * 7919L - 500_000;
        }
        // the key values a keyed operator passes: Long, Integer, String (or null), Double, Boolean
        return new ArrayList<>(Arrays.asList((long)k << 33, k % 7, k % 11 == 0 ? null : "s" + k, k * 0.5,
            k % 2 == 0));
    }

    private static void setKey(final KeyedStateBackend backend, final Object key)
    {
        if (key instanceof Long l)
        {
            backend.setCurrentKey(l.longValue());
        }
        else
        {
            backend.setCurrentKey(key);
        }
    }

    /** The instance of {@code parallelism} owning a key, by a plain hash (any partition works for the backends). */
    private static int owner(final Object key, final int parallelism)
    {
        return Math.floorMod(key instanceof Long l ? Long.hashCode(l) : key.hashCode(), parallelism);
    }

    private static KeyFilter partition(final int instance, final int parallelism)
    {
        return new KeyFilter()
        {
            @Override
            public boolean ownsLong(final long key)
            {
                return owner(key, parallelism) == instance;
            }

            @Override
            public boolean owns(final Object key)
            {
                return owner(key, parallelism) == instance;
            }
        };
    }

    /** Applies {@code steps} random operations to the owning instance's handles and to the model. */
    private static void mutate(final List<Handles> instances, final boolean longKeys, final Model model,
        final Random random, final int steps)
    {
        for (int step = 0; step < steps; step++)
        {
            final Object key = key(random.nextInt(KEYS), longKeys);
            final Handles h = instances.get(owner(key, instances.size()));
            setKey(h.backend(), key);
            final Expected e = model.keys.computeIfAbsent(key, k -> new Expected());
            final long now = model.now.get();
            final long v = random.nextInt(1000) - 500;
            switch (random.nextInt(11))
            {
                case 0, 1 ->
                {
                    h.value().update(v);
                    e.value = v;
                    e.valueExpiry = now + VALUE_TTL;
                }
                case 2 ->
                {
                    h.value().clear();
                    e.value = null;
                }
                case 3, 4 ->
                {
                    h.list().add("e" + v);
                    if (e.list == null || e.listExpiry <= now)
                    {
                        e.list = new ArrayList<>();
                    }
                    e.list.add("e" + v);
                    e.listExpiry = now + LIST_TTL;
                }
                case 5 ->
                {
                    h.list().update(List.of("a" + v, "b"));
                    e.list = new ArrayList<>(List.of("a" + v, "b"));
                    e.listExpiry = now + LIST_TTL;
                }
                case 6 ->
                {
                    h.map().put(v % 5, "m" + v);
                    e.map.put(v % 5, "m" + v);
                    e.mapExpiry.put(v % 5, now + MAP_TTL);
                }
                case 7 ->
                {
                    h.map().remove(v % 5);
                    e.map.remove(v % 5);
                }
                case 8 ->
                {
                    h.sum().add(v);
                    e.sum = e.sum == null ? v : e.sum + v;
                }
                case 9 ->
                {
                    h.mean().add(v);
                    if (e.mean == null)
                    {
                        e.mean = new long[2];
                    }
                    e.mean[0]++;
                    e.mean[1] += v;
                }
                default -> model.now.addAndGet(random.nextInt(4));
            }
        }
        instances.forEach(i -> i.backend().flush());
    }

    /**
     * Every key of the universe reads as expected at {@code now} on the instance owning it, and as absent on every
     * other instance (so the instances together hold each key exactly once).
     */
    private static void assertState(final List<Handles> instances, final boolean longKeys,
        final Map<Object, Expected> expected, final AtomicLong clock, final long now, final String what)
    {
        clock.set(now);
        final List<Object> empty = new Expected().read(now);
        for (int k = 0; k < KEYS; k++)
        {
            final Object key = key(k, longKeys);
            final Expected e = expected.get(key);
            for (int i = 0; i < instances.size(); i++)
            {
                final List<Object> want = e != null && owner(key, instances.size()) == i ? e.read(now) : empty;
                assertEquals(want, instances.get(i).read(key), what + ": key " + key + " on instance " + i +
                    " of " + instances.size() + " at " + now);
            }
        }
    }

    private static List<Handles> open(final List<KeyedStateBackend> backends, final boolean serializers)
    {
        final List<Handles> out = new ArrayList<>();
        for (final KeyedStateBackend b : backends)
        {
            out.add(Handles.of(b, serializers));
        }
        return out;
    }

    /** Snapshots every instance, then (after {@code between} ran) writes them into {@code checkpoint}. */
    private static List<Path> checkpoint(final List<Handles> instances, final long id, final Path checkpoint,
        final Path shared, final Runnable between) throws IOException
    {
        final List<OperatorSnapshot> snapshots = new ArrayList<>();
        for (final Handles h : instances)
        {
            snapshots.add(h.backend().snapshot(id));
        }
        between.run();
        final List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++)
        {
            final Target target = Target.in(checkpoint, i, shared);
            try
            {
                snapshots.get(i).writeTo(target);
            }
            finally
            {
                snapshots.get(i).discard();
            }
            dirs.add(target.directory());
        }
        return dirs;
    }

    private List<Handles> restore(final Kind kind, final Path dir, final boolean longKeys, final Model model,
        final List<Path> from, final Path shared, final int parallelism)
    {
        final List<Handles> out = new ArrayList<>();
        for (int i = 0; i < parallelism; i++)
        {
            final Handles h = Handles.of(create(kind, dir, longKeys, model), kind != Kind.HEAP_WITHOUT_SERIALIZERS);
            out.add(h);
            final boolean same = parallelism == from.size();
            h.backend().restore(new Context(i, parallelism, from.size(), same ? List.of(from.get(i)) : from, shared,
                1), same ? KeyFilter.ALL : partition(i, parallelism));
        }
        return out;
    }

    private static void close(final List<Handles> instances)
    {
        instances.forEach(h -> h.backend().close());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSnapshotRestoresEveryKeyAsItWasWhenTaken(final Kind kind, @TempDir final Path dir) throws IOException
    {
        for (final boolean longKeys : new boolean[] {true, false})
        {
            final Model model = new Model();
            final Random random = new Random(longKeys ? 11 : 12);
            final boolean serializers = kind != Kind.HEAP_WITHOUT_SERIALIZERS;
            final List<Handles> original = open(List.of(create(kind, dir, longKeys, model)), serializers);
            List<Handles> restored = List.of();
            try
            {
                mutate(original, longKeys, model, random, 3_000);
                final Map<Object, Expected> atSnapshot = model.copy();
                final long snapshotTime = model.now.get();
                // the backend keeps changing (heap lists and accumulators in place) before the snapshot is written
                final List<Path> dirs = checkpoint(original, 1, dir.resolve("chk-" + longKeys), dir.resolve("shared"),
                    () -> mutate(original, longKeys, model, random, 2_000));
                final long later = model.now.get();
                assertState(original, longKeys, model.keys, model.now, later, "live backend");

                restored = restore(kind, dir, longKeys, model, dirs, dir.resolve("shared"), 1);
                assertState(restored, longKeys, atSnapshot, model.now, snapshotTime, "restored");
                // expiry times were kept: values written near the snapshot expire on time after the restore
                assertState(restored, longKeys, atSnapshot, model.now, snapshotTime + 60, "restored, 60 ms on");
                assertTrue(atSnapshot.size() > KEYS / 2, "keys: " + atSnapshot.size());
            }
            finally
            {
                close(original);
                close(restored);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSnapshotRescalesFromTwoToThreeToOneInstances(final Kind kind, @TempDir final Path dir) throws IOException
    {
        for (final boolean longKeys : new boolean[] {true, false})
        {
            final Model model = new Model();
            final Random random = new Random(longKeys ? 21 : 22);
            final boolean serializers = kind != Kind.HEAP_WITHOUT_SERIALIZERS;
            final Path shared = dir.resolve("shared");
            final List<Handles> two = open(List.of(create(kind, dir, longKeys, model),
                create(kind, dir, longKeys, model)), serializers);
            List<Handles> three = List.of();
            List<Handles> one = List.of();
            try
            {
                mutate(two, longKeys, model, random, 3_000);
                final long t1 = model.now.get();
                final Map<Object, Expected> first = model.copy();
                final List<Path> dirs2 = checkpoint(two, 1, dir.resolve("a-" + longKeys), shared, () -> { });

                three = restore(kind, dir, longKeys, model, dirs2, shared, 3);
                assertState(three, longKeys, first, model.now, t1, "2 -> 3");
                assertState(three, longKeys, first, model.now, t1 + 60, "2 -> 3, 60 ms on");

                // (time goes on from t1 + 60: the reads above dropped what had expired by then)
                mutate(three, longKeys, model, random, 1_000);
                final long t2 = model.now.get();
                final Map<Object, Expected> second = model.copy();
                final List<Path> dirs3 = checkpoint(three, 2, dir.resolve("b-" + longKeys), shared, () -> { });

                one = restore(kind, dir, longKeys, model, dirs3, shared, 1);
                assertState(one, longKeys, second, model.now, t2, "3 -> 1");
                assertState(one, longKeys, second, model.now, t2 + 60, "3 -> 1, 60 ms on");
            }
            finally
            {
                close(two);
                close(three);
                close(one);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"HEAP", "ROCKSDB", "ROCKSDB_TINY_CACHE"})
    void aSnapshotIsWrittenAfterItsBackendClosed(final Kind kind, @TempDir final Path dir) throws IOException
    {
        final Model model = new Model();
        final List<Handles> original = open(List.of(create(kind, dir, true, model)), true);
        List<Handles> restored = List.of();
        try
        {
            mutate(original, true, model, new Random(9), 2_000);
            // a failing job closes its operators while the checkpoint's I/O thread may still be writing
            final List<Path> dirs = checkpoint(original, 1, dir.resolve("c"), dir.resolve("s"),
                () -> close(original));
            restored = restore(kind, dir, true, model, dirs, dir.resolve("s"), 1);
            assertState(restored, true, model.keys, model.now, model.now.get(), "after close");
        }
        finally
        {
            // closing twice is harmless; this covers a failure before the snapshot was taken
            close(original);
            close(restored);
        }
    }

    @Test
    void aKeyFilterThatOwnsEverythingButIsNotAllStillRestoresEveryKey(@TempDir final Path dir) throws IOException
    {
        // with RocksDB this takes the redistribution path for one directory (a rescale 1 -> 1 by key ranges)
        for (final Kind kind : List.of(Kind.ROCKSDB, Kind.HEAP))
        {
            final Model model = new Model();
            final List<Handles> original = open(List.of(create(kind, dir, false, model)), true);
            List<Handles> restored = new ArrayList<>();
            try
            {
                mutate(original, false, model, new Random(5), 2_000);
                final List<Path> dirs = checkpoint(original, 1, dir.resolve("c-" + kind), dir.resolve("s"), () -> { });
                restored.add(Handles.of(create(kind, dir, false, model), true));
                restored.getFirst().backend().restore(new Context(0, 1, 1, dirs, dir.resolve("s"), 1),
                    partition(0, 1));
                assertState(restored, false, model.keys, model.now, model.now.get(), kind.name());
            }
            finally
            {
                close(original);
                close(restored);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"HEAP", "ROCKSDB", "ROCKSDB_TINY_CACHE"})
    void statesAreMatchedByNameAndUnregisteredOnesAreSkipped(final Kind kind, @TempDir final Path dir)
        throws IOException
    {
        final Model model = new Model();
        final List<Handles> original = open(List.of(create(kind, dir, true, model)), true);
        final KeyedStateBackend restored = create(kind, dir, true, model);
        try
        {
            mutate(original, true, model, new Random(3), 2_000);
            final List<Path> dirs = checkpoint(original, 1, dir.resolve("c"), dir.resolve("s"), () -> { });
            // registered in another order, some missing, one new
            final ReducingState<Long> sum = restored.reducingState("sum", Long::sum, StateSerializers.LONG, null);
            final ValueState<String> fresh = restored.valueState("fresh", StateSerializers.STRING, null);
            final ListState<String> list = restored.listState("list", StateSerializers.STRING,
                Duration.ofMillis(LIST_TTL));
            restored.restore(new Context(0, 1, 1, dirs, dir.resolve("s"), 1), KeyFilter.ALL);
            int sums = 0;
            for (int k = 0; k < KEYS; k++)
            {
                final Object key = key(k, true);
                final Expected e = model.keys.get(key);
                setKey(restored, key);
                final List<Object> want = e == null ? new Expected().read(model.now.get()) : e.read(model.now.get());
                assertEquals(want.get(3), sum.get(), "sum of " + key);
                assertEquals(want.get(1), list.get(), "list of " + key);
                assertEquals(null, fresh.value());
                sums += sum.get() == null ? 0 : 1;
            }
            assertTrue(sums > 10, "keys with a sum: " + sums);
        }
        finally
        {
            close(original);
            restored.close();
        }
    }

    /** Shared file name -> last modified time. */
    private static Map<String, FileTime> sharedFiles(final Path shared) throws IOException
    {
        final Map<String, FileTime> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(shared))
        {
            for (final Path f : files.sorted().toList())
            {
                out.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }

    private static long bytes(final Path shared, final Set<String> names) throws IOException
    {
        long sum = 0;
        for (final String n : names)
        {
            sum += Files.size(shared.resolve(n));
        }
        return sum;
    }

    @Test
    void rocksDbCheckpointsAreIncrementalAndOlderOnesStayRestorable(@TempDir final Path dir) throws IOException
    {
        final Model model = new Model();
        final Random random = new Random(31);
        final Path shared = dir.resolve("shared");
        final List<Handles> original = open(List.of(create(Kind.ROCKSDB, dir, true, model)), true);
        List<Handles> fromFirst = List.of();
        List<Handles> fromSecond = List.of();
        try
        {
            mutate(original, true, model, random, 3_000);
            final long t1 = model.now.get();
            final Map<Object, Expected> first = model.copy();
            final SnapshotTarget[] targets = new SnapshotTarget[3];
            // SSTs, not the WAL, are what is shared between checkpoints
            ((RocksDbStateBackend)original.getFirst().backend()).flushMemtables();
            final OperatorSnapshot s1 = original.getFirst().backend().snapshot(1);
            targets[0] = Target.in(dir.resolve("chk-1"), 0, shared);
            s1.writeTo(targets[0]);
            s1.discard();
            final Set<String> refs1 = ((Target)targets[0]).references();
            final Map<String, FileTime> shared1 = sharedFiles(shared);
            assertEquals(refs1, shared1.keySet());
            assertTrue(refs1.size() >= 5, "one SST per state at least: " + refs1);

            // a few changes: one new SST per changed state, the others are only referenced again
            for (int k = 0; k < 5; k++)
            {
                setKey(original.getFirst().backend(), key(k, true));
                original.getFirst().sum().add(1L);
                model.keys.computeIfAbsent(key(k, true), x -> new Expected()).sum =
                    original.getFirst().sum().get();
            }
            original.getFirst().backend().flush();
            final long t2 = model.now.get();
            final Map<Object, Expected> second = model.copy();
            // SSTs, not the WAL, are what is shared between checkpoints
            ((RocksDbStateBackend)original.getFirst().backend()).flushMemtables();
            final OperatorSnapshot s2 = original.getFirst().backend().snapshot(2);
            targets[1] = Target.in(dir.resolve("chk-2"), 0, shared);
            s2.writeTo(targets[1]);
            s2.discard();
            final Set<String> refs2 = ((Target)targets[1]).references();
            final Map<String, FileTime> shared2 = sharedFiles(shared);
            final Set<String> added = new HashSet<>(shared2.keySet());
            added.removeAll(shared1.keySet());
            assertEquals(1, added.size(), "only the changed state's new SST is copied: " + added);
            assertTrue(refs2.containsAll(refs1), "the unchanged SSTs are referenced again");
            assertEquals(refs2, union(refs1, added));
            for (final Map.Entry<String, FileTime> e : shared1.entrySet())
            {
                assertEquals(e.getValue(), shared2.get(e.getKey()), e.getKey() + " was not rewritten");
            }
            assertTrue(bytes(shared, added) * 10 < bytes(shared, refs2),
                "new bytes " + bytes(shared, added) + " of " + bytes(shared, refs2));

            // the older checkpoint restores after the newer one was written, and the newer one too
            fromFirst = restore(Kind.ROCKSDB, dir, true, model, List.of(targets[0].directory()), shared, 1);
            assertState(fromFirst, true, first, model.now, t1, "checkpoint 1");
            fromSecond = restore(Kind.ROCKSDB, dir, true, model, List.of(targets[1].directory()), shared, 1);
            assertState(fromSecond, true, second, model.now, t2, "checkpoint 2");

            // a backend restored in place references the restored SSTs instead of copying them again; it copies
            // only its own new files (the reads above deleted expired values, so there are some)
            // SSTs, not the WAL, are what is shared between checkpoints
            ((RocksDbStateBackend)fromSecond.getFirst().backend()).flushMemtables();
            final OperatorSnapshot s3 = fromSecond.getFirst().backend().snapshot(3);
            targets[2] = Target.in(dir.resolve("chk-3"), 0, shared);
            s3.writeTo(targets[2]);
            s3.discard();
            final Set<String> refs3 = ((Target)targets[2]).references();
            final Map<String, FileTime> shared3 = sharedFiles(shared);
            assertTrue(refs3.containsAll(refs2), refs3 + " holds " + refs2);
            final String lineage = refs1.iterator().next().substring(0, 36);
            for (final String name : refs3)
            {
                assertTrue(refs2.contains(name) || !name.startsWith(lineage), name + " is new in checkpoint 3");
            }
            for (final Map.Entry<String, FileTime> e : shared2.entrySet())
            {
                assertEquals(e.getValue(), shared3.get(e.getKey()), e.getKey() + " was not rewritten");
            }
        }
        finally
        {
            close(original);
            close(fromFirst);
            close(fromSecond);
        }
    }

    private static Set<String> union(final Set<String> a, final Set<String> b)
    {
        final Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void rocksDbRestoresStateLargerThanItsMemtable(@TempDir final Path dir) throws IOException
    {
        final AtomicLong now = new AtomicLong();
        final List<KeyedStateBackend> backends = new ArrayList<>();
        try
        {
            // 64 KB memtables: 20k values of ~200 bytes flush into many SST files, and L0 compactions run meanwhile
            // (no value cache, which would keep the values until the snapshot)
            final RocksDbStateBackend original = new RocksDbStateBackend(dir.resolve("big"), true, now::get, 0,
                64 << 10);
            backends.add(original);
            final ValueState<String> value = original.valueState("v", StateSerializers.STRING, null);
            final MapState<Long, String> map = original.mapState("m", StateSerializers.LONG, StateSerializers.STRING,
                null);
            for (long k = 0; k < 20_000; k++)
            {
                original.setCurrentKey(k);
                value.update(padding(k));
                if (k % 4 == 0)
                {
                    map.put(k, "m" + k);
                    map.put(-k - 1, "n" + k);
                }
                if (k % 100 == 99)
                {
                    original.flush();
                }
            }
            final Path shared = dir.resolve("shared");
            final OperatorSnapshot snapshot = original.snapshot(7);
            final Target target = Target.in(dir.resolve("chk"), 0, shared);
            snapshot.writeTo(target);
            snapshot.discard();
            assertTrue(target.references().size() >= 3, "SST files: " + target.references());
            assertTrue(bytes(shared, target.references()) > 3 << 20, "shared bytes " + bytes(shared,
                target.references()));

            for (final int parallelism : new int[] {1, 2})
            {
                long values = 0;
                for (int i = 0; i < parallelism; i++)
                {
                    final RocksDbStateBackend r = new RocksDbStateBackend(dir.resolve("r" + parallelism + i), true,
                        now::get);
                    backends.add(r);
                    final ValueState<String> v = r.valueState("v", StateSerializers.STRING, null);
                    final MapState<Long, String> m = r.mapState("m", StateSerializers.LONG,
                        StateSerializers.STRING, null);
                    r.restore(new Context(i, parallelism, 1, List.of(target.directory()), shared, 7),
                        parallelism == 1 ? KeyFilter.ALL : partition(i, parallelism));
                    for (long k = 0; k < 20_000; k++)
                    {
                        r.setCurrentKey(k);
                        final boolean mine = parallelism == 1 || owner(k, parallelism) == i;
                        assertEquals(mine ? padding(k) : null, v.value(), "value of " + k);
                        assertEquals(mine && k % 4 == 0 ? Map.of(k, "m" + k, -k - 1, "n" + k) : Map.of(), m.entries(),
                            "map of " + k);
                        values += v.value() == null ? 0 : 1;
                    }
                }
                assertEquals(20_000, values, "every key once over " + parallelism + " instances");
            }
        }
        finally
        {
            backends.forEach(KeyedStateBackend::close);
        }
    }

    /** @return 200 random (incompressible) characters, the same for the same key. */
    private static String padding(final long key)
    {
        final Random random = new Random(key);
        final char[] chars = new char[200];
        for (int i = 0; i < chars.length; i++)
        {
            chars[i] = (char)('!' + random.nextInt(90));
        }
        return new String(chars);
    }

    /** A value type with no built-in snapshot form. */
    private record Session(long start, String page)
    {
    }

    @Test
    void heapStateWithoutASerializerOfAnUnknownTypeCannotBeSnapshotted()
    {
        try (KeyedStateStore store = new KeyedStateStore(true, () -> 0))
        {
            final ValueState<Long> count = store.valueState("count", Duration.ofMinutes(1));
            final ValueState<Session> session = store.valueState("session", null);
            store.setCurrentKey(1);
            count.update(1L);
            // built-in forms (a Long) need no serializer
            store.snapshot(1).discard();
            session.update(new Session(5, "/home"));
            final StateException e = assertThrows(StateException.class, () -> store.snapshot(2));
            assertTrue(e.getMessage().contains("'session'") && e.getMessage().contains("StateSerializer") &&
                e.getMessage().contains(Session.class.getName()), e.getMessage());
        }
    }

    @Test
    void heapStateWithASerializerOfItsOwnRoundTrips(@TempDir final Path dir) throws IOException
    {
        final StateSerializer<Session> serializer = new StateSerializer<>()
        {
            @Override
            public byte[] serialize(final Session value)
            {
                return (value.start() + "|" + value.page()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }

            @Override
            public Session deserialize(final byte[] bytes)
            {
                final String[] parts = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\\|", 2);
                return new Session(Long.parseLong(parts[0]), parts[1]);
            }
        };
        try (KeyedStateStore store = new KeyedStateStore(false, () -> 0);
             KeyedStateStore restored = new KeyedStateStore(false, () -> 0))
        {
            final MapState<String, Session> sessions = store.mapState("sessions", StateSerializers.STRING,
                serializer, null);
            // a key that is not a List, and one of every supported key value type
            final List<Object> keys = List.of("plain", new ArrayList<>(Arrays.asList(1L, 2, (short)3, (byte)4, 5.5,
                6.5f, true, "s", new java.math.BigDecimal("12.50"), java.time.LocalDate.of(2024, 2, 29),
                java.time.LocalDateTime.of(1969, 12, 31, 23, 59, 58, 123_456_789),
                java.time.LocalTime.of(13, 14, 15), null)));
            for (final Object key : keys)
            {
                store.setCurrentKey(key);
                sessions.put("a", new Session(1, "/a"));
                sessions.put("b", new Session(2, "/b|c"));
            }
            final List<Path> dirs = checkpoint(List.of(new Handles(store, null, null, null, null, null)), 1,
                dir.resolve("c"), dir.resolve("s"), () -> { });
            final MapState<String, Session> back = restored.mapState("sessions", StateSerializers.STRING,
                serializer, null);
            restored.restore(new Context(0, 1, 1, dirs, dir.resolve("s"), 1), KeyFilter.ALL);
            assertEquals(2, restored.keyCount());
            for (final Object key : keys)
            {
                restored.setCurrentKey(key);
                assertEquals(Map.of("a", new Session(1, "/a"), "b", new Session(2, "/b|c")), back.entries(),
                    "key " + key);
            }
        }
    }

    @Test
    void aTruncatedOrCorruptHeapSnapshotFailsNamingTheFile(@TempDir final Path dir) throws IOException
    {
        final Model model = new Model();
        final List<Handles> original = open(List.of(create(Kind.HEAP, dir, true, model)), true);
        try
        {
            mutate(original, true, model, new Random(4), 1_000);
            final Path file = checkpoint(original, 1, dir.resolve("c"), dir.resolve("s"), () -> { }).getFirst()
                .resolve(KeyedStateStore.FILE);
            final byte[] good = Files.readAllBytes(file);

            Files.write(file, Arrays.copyOf(good, good.length - 100));
            assertRestoreFails(Kind.HEAP, dir, model, file, file.toString());

            final byte[] flipped = good.clone();
            flipped[good.length / 2] ^= 0x10;
            Files.write(file, flipped);
            assertRestoreFails(Kind.HEAP, dir, model, file, file.toString());

            Files.delete(file);
            assertRestoreFails(Kind.HEAP, dir, model, file, file.toString());
        }
        finally
        {
            close(original);
        }
    }

    private void assertRestoreFails(final Kind kind, final Path dir, final Model model, final Path snapshotFile,
        final String named)
    {
        final Path instanceDir = snapshotFile.getParent();
        try (KeyedStateBackend fresh = create(kind, dir, true, model))
        {
            Handles.of(fresh, true);
            final StateException e = assertThrows(StateException.class, () -> fresh.restore(new Context(0, 1, 1,
                List.of(instanceDir), dir.resolve("s"), 1), KeyFilter.ALL));
            assertTrue(e.getMessage().contains(named), e.getMessage());
        }
    }

    @Test
    void aRocksDbCheckpointOfUnflushedStateHoldsExactlyTheWritesBeforeItsBarrier(@TempDir final Path dir)
        throws IOException
    {
        // nothing is flushed: the state is in the memtable and the WAL, and writes after the barrier are appended to
        // the same WAL file before the snapshot copies it; they must not reach the checkpoint
        final Path shared = dir.resolve("shared");
        final Target target = Target.in(dir.resolve("chk-1"), 0, shared);
        try (RocksDbStateBackend original = new RocksDbStateBackend(dir.resolve("original"), true, () -> 0L))
        {
            final ValueState<Long> value = original.valueState("v", StateSerializers.LONG, null);
            for (long k = 0; k < 1_000; k++)
            {
                original.setCurrentKey(k);
                value.update(k * 3);
            }
            original.flush();
            final OperatorSnapshot snapshot = original.snapshot(1);
            for (long k = 0; k < 1_000; k++)
            {
                original.setCurrentKey(k);
                value.update(-1L);
            }
            original.setCurrentKey(5_000L);
            value.update(7L);
            original.flush();
            snapshot.writeTo(target);
            snapshot.discard();
            try (Stream<Path> sst = Files.list(shared))
            {
                assertEquals(0, sst.count(), "the state was never flushed into an SST");
            }
        }
        try (RocksDbStateBackend restored = new RocksDbStateBackend(dir.resolve("restored"), true, () -> 0L))
        {
            final ValueState<Long> value = restored.valueState("v", StateSerializers.LONG, null);
            restored.restore(new Context(0, 1, 1, List.of(target.directory()), shared, 1), KeyFilter.ALL);
            for (long k = 0; k < 1_000; k++)
            {
                restored.setCurrentKey(k);
                assertEquals(k * 3, value.value(), "key " + k);
            }
            restored.setCurrentKey(5_000L);
            assertNull(value.value(), "a key written after the barrier");
        }
    }

    @Test
    void aTruncatedOrCorruptRocksDbCheckpointFileFailsNamingIt(@TempDir final Path dir) throws IOException
    {
        final Model model = new Model();
        final List<Handles> original = open(List.of(create(Kind.ROCKSDB, dir, true, model)), true);
        try
        {
            mutate(original, true, model, new Random(6), 2_000);
            ((RocksDbStateBackend)original.getFirst().backend()).flushMemtables();
            final Path instance = checkpoint(original, 1, dir.resolve("c"), dir.resolve("s"), () -> { }).getFirst();
            final Path manifest = instance.resolve(RocksDbSnapshot.MANIFEST);
            final Path sst;
            final Path rocksManifest;
            try (Stream<Path> files = Files.list(dir.resolve("s")); Stream<Path> own = Files.list(instance))
            {
                sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
                rocksManifest = own.filter(p -> p.getFileName().toString().startsWith("MANIFEST-")).findFirst()
                    .orElseThrow();
            }

            // a truncated shared SST: named, for the in-place and the rescaling restore
            final byte[] sstBytes = Files.readAllBytes(sst);
            try (FileChannel c = FileChannel.open(sst, StandardOpenOption.WRITE))
            {
                c.truncate(sstBytes.length - 1);
            }
            assertRestoreFails(Kind.ROCKSDB, dir, model, manifest, sst.toString());
            try (KeyedStateBackend fresh = create(Kind.ROCKSDB, dir, true, model))
            {
                Handles.of(fresh, true);
                final StateException e = assertThrows(StateException.class, () -> fresh.restore(new Context(0, 2, 1,
                    List.of(instance), dir.resolve("s"), 1), partition(0, 2)));
                assertTrue(e.getMessage().contains(sst.toString()), e.getMessage());
            }
            // a flipped byte, same size
            sstBytes[sstBytes.length / 3] ^= 1;
            Files.write(sst, sstBytes);
            assertRestoreFails(Kind.ROCKSDB, dir, model, manifest, sst.toString());
            sstBytes[sstBytes.length / 3] ^= 1;
            Files.write(sst, sstBytes);

            // a corrupt private RocksDB file
            final byte[] rocksManifestBytes = Files.readAllBytes(rocksManifest);
            final byte[] corrupt = rocksManifestBytes.clone();
            corrupt[corrupt.length - 1] ^= 1;
            Files.write(rocksManifest, corrupt);
            assertRestoreFails(Kind.ROCKSDB, dir, model, manifest, rocksManifest.toString());
            Files.write(rocksManifest, rocksManifestBytes);

            // a truncated manifest of ours
            final byte[] ours = Files.readAllBytes(manifest);
            Files.write(manifest, Arrays.copyOf(ours, ours.length - 20));
            assertRestoreFails(Kind.ROCKSDB, dir, model, manifest, manifest.toString());

            // repaired, it restores
            Files.write(manifest, ours);
            final List<Handles> restored = restore(Kind.ROCKSDB, dir, true, model, List.of(instance),
                dir.resolve("s"), 1);
            try
            {
                assertState(restored, true, model.keys, model.now, model.now.get(), "repaired");
            }
            finally
            {
                close(restored);
            }
        }
        finally
        {
            close(original);
        }
    }

    @Test
    void aRestoreOfTheOtherKeyKindFails(@TempDir final Path dir) throws IOException
    {
        for (final Kind kind : List.of(Kind.HEAP, Kind.ROCKSDB))
        {
            final Model model = new Model();
            final List<Handles> original = open(List.of(create(kind, dir, true, model)), true);
            try
            {
                mutate(original, true, model, new Random(8), 200);
                final List<Path> dirs = checkpoint(original, 1, dir.resolve("k-" + kind), dir.resolve("s"),
                    () -> { });
                try (KeyedStateBackend composite = create(kind, dir, false, model))
                {
                    Handles.of(composite, true);
                    final StateException e = assertThrows(StateException.class, () -> composite.restore(
                        new Context(0, 1, 1, dirs, dir.resolve("s"), 1), KeyFilter.ALL));
                    assertTrue(e.getMessage().contains("composite keys"), e.getMessage());
                }
            }
            finally
            {
                close(original);
            }
        }
    }

    @Test
    void emptyBackendsSnapshotAndRestoreEmpty(@TempDir final Path dir) throws IOException
    {
        for (final Kind kind : Kind.values())
        {
            final Model model = new Model();
            final List<Handles> original = open(List.of(create(kind, dir, false, model)), true);
            final List<Handles> restored = new ArrayList<>();
            try
            {
                final List<Path> dirs = checkpoint(original, 1, dir.resolve("e-" + kind), dir.resolve("s"),
                    () -> { });
                restored.addAll(restore(kind, dir, false, model, dirs, dir.resolve("s"), 2));
                assertState(restored, false, Collections.emptyMap(), model.now, model.now.get(), kind.name());
            }
            finally
            {
                close(original);
                close(restored);
            }
        }
    }
}
