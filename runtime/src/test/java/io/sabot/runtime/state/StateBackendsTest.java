package io.sabot.runtime.state;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.fraud.FraudJob;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RocksDB backend against the in-memory one: the same random operations on every state type (integer and
 * composite keys, time-to-live on one injected clock, flushes at random points) read back equal; the fraud job gives
 * the same alerts on both; and RocksDB holds state larger than the heap of a JVM (a child JVM with -Xmx64m).
 */
class StateBackendsTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** The handles of one backend. */
    private record Handles(KeyedStateBackend backend, ValueState<Long> value, ListState<String> list,
                           MapState<Long, String> map, ReducingState<Long> sum, AggregatingState<Long, Long> max)
    {
        static Handles of(final KeyedStateBackend b)
        {
            return new Handles(b, b.valueState("value", StateSerializers.LONG, Duration.ofMillis(50)),
                b.listState("list", StateSerializers.STRING, null),
                b.mapState("map", StateSerializers.LONG, StateSerializers.STRING, Duration.ofMillis(80)),
                b.reducingState("sum", Long::sum, StateSerializers.LONG, null),
                b.aggregatingState("max", new AggregateFunction<Long, Long, Long>()
                {
                    @Override
                    public Long createAccumulator()
                    {
                        return Long.MIN_VALUE;
                    }

                    @Override
                    public Long add(final Long acc, final Long v)
                    {
                        return Math.max(acc, v);
                    }

                    @Override
                    public Long getResult(final Long acc)
                    {
                        return acc;
                    }
                }, StateSerializers.LONG, null));
        }

        List<Object> read()
        {
            return java.util.Arrays.asList(value.value(), list.get(), map.entries(), sum.get(), max.get());
        }
    }

    @Test
    void rocksDbReadsBackWhatMemoryDoesUnderRandomOperations(@TempDir final Path dir)
    {
        for (final boolean longKeys : new boolean[] {true, false})
        {
            final AtomicLong now = new AtomicLong();
            final Random random = new Random(longKeys ? 1 : 2);
            final Handles heap = Handles.of(new KeyedStateStore(longKeys, now::get));
            final Handles rocks = Handles.of(new RocksDbStateBackend(dir.resolve("db" + longKeys), longKeys,
                now::get));
            try
            {
                for (int step = 0; step < 20_000; step++)
                {
                    final long key = random.nextInt(50);
                    for (final Handles h : List.of(heap, rocks))
                    {
                        if (longKeys)
                        {
                            h.backend().setCurrentKey(key);
                        }
                        else
                        {
                            h.backend().setCurrentKey(List.of(key, "k" + key % 7));
                        }
                    }
                    final int op = random.nextInt(12);
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
                            case 8 -> h.max().add(v);
                            case 9 -> h.map().clear();
                            case 10 -> h.backend().flush();
                            default ->
                            {
                                // a batch's keys fetched ahead (then the current key is set again)
                                h.backend().prefetch(new long[] {key, (key + 1) % 50, (key + 7) % 50}, 3);
                                if (longKeys)
                                {
                                    h.backend().setCurrentKey(key);
                                }
                            }
                        }
                    }
                    assertEquals(heap.read(), rocks.read(), "step " + step + " key " + key + " op " + op);
                    if (random.nextInt(50) == 0)
                    {
                        now.addAndGet(random.nextInt(60));
                    }
                }
            }
            finally
            {
                heap.backend().close();
                rocks.backend().close();
            }
        }
    }

    @Test
    void rocksDbRefusesStateWithoutASerializer(@TempDir final Path dir)
    {
        try (RocksDbStateBackend rocks = new RocksDbStateBackend(dir.resolve("db"), true, System::currentTimeMillis))
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rocks.valueState("plain", null, null));
            assertTrue(e.getMessage().contains("'plain'"), e.getMessage());
        }
    }

    @Test
    void theFraudJobGivesTheSameAlertsOnRocksDb(@TempDir final Path dir)
    {
        final List<List<Object>> byBackend = new ArrayList<>();
        for (final StateBackends.Factory backend : List.of(StateBackends.memory(), StateBackends.rocksDb(dir)))
        {
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
                .stateBackend(backend).build())
            {
                final CollectSink sink = Sinks.collect();
                FraudJob.alerts(env, 40_000, 300, 0).writeTo(sink);
                env.execute("fraud");
                final List<List<Object>> rows = new ArrayList<>();
                for (final List<Object> row : sink.rows())
                {
                    // everything but the ingestion clock
                    rows.add(row.subList(0, 8));
                }
                rows.sort(Comparator.comparing(Object::toString));
                byBackend.add(new ArrayList<>(rows));
            }
        }
        assertTrue(byBackend.get(0).size() > 100, "alerts: " + byBackend.get(0).size());
        assertEquals(byBackend.get(0), byBackend.get(1));
    }

    /** Child JVM: writes {@code args[1]} MB of value state into RocksDB under {@code args[0]}, reads it back. */
    public static void main(final String[] args)
    {
        final long megabytes = Long.parseLong(args[1]);
        // the value cache is bounded in entries, not bytes: 64 of these 64 KB values are 4 MB of the 64 MB heap
        try (RocksDbStateBackend rocks = new RocksDbStateBackend(Path.of(args[0]), true, System::currentTimeMillis,
            64))
        {
            final ValueState<byte[]> blob = rocks.valueState("blob", new StateSerializer<>()
            {
                @Override
                public byte[] serialize(final byte[] value)
                {
                    return value;
                }

                @Override
                public byte[] deserialize(final byte[] bytes)
                {
                    return bytes;
                }
            }, null);
            final int size = 64 * 1024;
            final long keys = megabytes * 1024 * 1024 / size;
            for (long k = 0; k < keys; k++)
            {
                rocks.setCurrentKey(k);
                final byte[] value = new byte[size];
                value[0] = (byte)k;
                value[size - 1] = (byte)(k >>> 8);
                blob.update(value);
                if (k % 64 == 63)
                {
                    rocks.flush();
                }
            }
            rocks.flush();
            for (long k = 0; k < keys; k++)
            {
                rocks.setCurrentKey(k);
                final byte[] value = blob.value();
                if (value == null || value[0] != (byte)k || value[size - 1] != (byte)(k >>> 8))
                {
                    System.exit(3);
                }
            }
        }
        System.exit(0);
    }

    @Test
    void rocksDbHoldsStateLargerThanTheHeap(@TempDir final Path dir) throws IOException, InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process child = new ProcessBuilder(java, "-Xmx64m", "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), StateBackendsTest.class.getName(),
            dir.resolve("big").toString(), "256")
            .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));
    }
}
