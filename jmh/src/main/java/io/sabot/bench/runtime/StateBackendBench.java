package io.sabot.bench.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.state.KeyedStateBackend;
import io.sabot.runtime.state.KeyedStateStore;
import io.sabot.runtime.state.RocksDbStateBackend;
import io.sabot.runtime.state.StateSerializers;
import io.sabot.runtime.state.ValueState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keyed value state, read-modify-write of a long per key over {@code keys} keys in a scrambled order, 4,096
 * operations then a flush (as the keyed process operator flushes after each input batch): the RocksDB backend beside
 * its twin, the in-memory backend. RocksDB without its value cache ({@code rocksdb}: a JNI get and a deserialization
 * per read, a serialization per write), with a cache every key fits in ({@code rocksdb-cache}, the default 2^17
 * entries), and with a cache of a tenth of the keys ({@code rocksdb-cache-tenth}: most accesses miss and evict a dirty
 * entry). ns per operation.
 *
 * <p>{@code snapshotAfterEveryKeyChanged}: the synchronous part of a checkpoint (what the operator's thread waits for at
 * a barrier) after every key was written since the last one: the heap serializes every key, RocksDB without a cache
 * writes its pending batch and links files, RocksDB with a cache first writes its dirty entries (here all of them).
 * ms per snapshot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class StateBackendBench
{
    private static final int BATCH = 4096;

    /** Distinct keys. */
    @Param({"100000"})
    public int keys;

    /** memory, rocksdb (no value cache), rocksdb-cache (every key cached), rocksdb-cache-tenth (keys / 10 cached). */
    @Param({"memory", "rocksdb", "rocksdb-cache", "rocksdb-cache-tenth"})
    public String backend;

    private KeyedStateBackend state;
    private ValueState<Long> counter;
    private Path directory;
    private long next;
    private long checkpointId;

    /** Opens the backend and fills every key once. */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        final int cache = switch (backend)
        {
            case "memory" -> -1;
            case "rocksdb" -> 0;
            case "rocksdb-cache" -> Math.max(keys, RocksDbStateBackend.DEFAULT_CACHE_ENTRIES);
            case "rocksdb-cache-tenth" -> keys / 10;
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        };
        if (cache >= 0)
        {
            directory = Files.createTempDirectory("sabot-state-bench");
            state = new RocksDbStateBackend(directory.resolve("db"), true, System::currentTimeMillis, cache);
        }
        else
        {
            state = new KeyedStateStore(true, System::currentTimeMillis);
        }
        counter = state.valueState("counter", StateSerializers.LONG, null);
        for (int k = 0; k < keys; k++)
        {
            state.setCurrentKey(k);
            counter.update(0L);
        }
        state.flush();
    }

    /** Before each snapshot (not timed), every key of the benchmark's backend is written once. */
    @State(Scope.Benchmark)
    public static class EveryKeyChanged
    {
        /** Read-modify-writes every key, so the next snapshot finds all of them changed. */
        @Setup(Level.Invocation)
        public void changeEveryKey(final StateBackendBench bench)
        {
            for (int k = 0; k < bench.keys; k++)
            {
                bench.state.setCurrentKey(k);
                final Long value = bench.counter.value();
                bench.counter.update(value == null ? 1 : value + 1);
            }
            bench.state.flush();
        }
    }

    /**
     * @param changed makes every key changed before each call.
     * @return the snapshot's id (the snapshot is discarded right away).
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long snapshotAfterEveryKeyChanged(final EveryKeyChanged changed)
    {
        final OperatorSnapshot snapshot = state.snapshot(++checkpointId);
        snapshot.discard();
        return checkpointId;
    }

    /** Closes (and for RocksDB deletes) the state. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        state.close();
    }

    /** @return the last value read. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long readModifyWrite()
    {
        long last = 0;
        for (int i = 0; i < BATCH; i++)
        {
            // a multiplicative scramble of a counter: every key, no locality
            final long key = Long.remainderUnsigned((next++) * 0x9E3779B97F4A7C15L >>> 17, keys);
            state.setCurrentKey(key);
            final Long value = counter.value();
            last = value == null ? 0 : value + 1;
            counter.update(last);
        }
        state.flush();
        return last;
    }
}
