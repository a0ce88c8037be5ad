package io.sabot.runtime.state;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Where keyed state lives: {@link #memory()} (the default: objects on the heap) or {@link #rocksDb(Path)} (RocksDB
 * under a directory, for state larger than memory, with a bounded cache of hot values as objects in front of it;
 * state values need {@link StateSerializer}s).
 */
public final class StateBackends
{
    /** Creates one operator instance's backend. Implementations are thread-safe (called from any worker). */
    @FunctionalInterface
    public interface Factory
    {
        /**
         * @param instance the operator's parallel instance.
         * @param longKeys whether keys are single integers.
         * @param clock    processing time in ms (time-to-live).
         * @return a new backend, owned by the operator instance.
         */
        KeyedStateBackend create(int instance, boolean longKeys, LongSupplier clock);
    }

    private StateBackends()
    {
    }

    /** @return the in-memory backend. */
    public static Factory memory()
    {
        return (instance, longKeys, clock) -> new KeyedStateStore(longKeys, clock);
    }

    /**
     * @param directory a directory; each operator instance gets its own database under it
     *                  ({@code keyed-<instance>-<uuid>}), deleted when the instance closes.
     * @return the RocksDB backend, with a value cache of {@link RocksDbStateBackend#DEFAULT_CACHE_ENTRIES} per
     *         instance.
     */
    public static Factory rocksDb(final Path directory)
    {
        return rocksDb(directory, RocksDbStateBackend.DEFAULT_CACHE_ENTRIES);
    }

    /**
     * @param directory    a directory; each operator instance gets its own database under it
     *                     ({@code keyed-<instance>-<uuid>}), deleted when the instance closes.
     * @param cacheEntries per operator instance, the most (state, key) values kept as objects in front of RocksDB
     *                     (value, reducing, aggregating and list state); 0 reads and writes RocksDB on every access.
     *                     The heap it takes is this many values, whatever their size.
     * @see RocksDbStateBackend the cache's memory contract
     * @return the RocksDB backend.
     * @throws IllegalArgumentException when cacheEntries is negative or above
     *                                  {@link RocksDbStateBackend#MAX_CACHE_ENTRIES}.
     */
    public static Factory rocksDb(final Path directory, final int cacheEntries)
    {
        if (cacheEntries < 0 || cacheEntries > RocksDbStateBackend.MAX_CACHE_ENTRIES)
        {
            throw new IllegalArgumentException("RocksDB state cache entries must be in 0.." +
                RocksDbStateBackend.MAX_CACHE_ENTRIES + ", was " + cacheEntries);
        }
        return (instance, longKeys, clock) -> new RocksDbStateBackend(
            directory.resolve("keyed-" + instance + "-" + UUID.randomUUID()), longKeys, clock, cacheEntries);
    }
}
