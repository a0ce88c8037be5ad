package io.sabot.runtime.state;

import io.sabot.common.StateException;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.LogFile;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WalFileType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BinaryOperator;
import java.util.function.LongSupplier;

/**
 * Keyed state in RocksDB, for state larger than memory: one column family per state, keys and values as bytes
 * through {@link StateSerializer}s, writes buffered and applied as one {@link WriteBatch} per {@link #flush()} (after
 * each input batch and each round of timers; encoded on the heap by {@link WriteBatchEncoder}), so a batch of rows
 * costs one JNI write call instead of one per row.
 *
 * <pre>
 *   row key       [len int32][key bytes]            long key: 8 bytes big-endian; composite: {@link KeyCodec}
 *   value/list/reducing/aggregating state:   row key                   -&gt; [expiresAt int64][payload]
 *   map state:                                row key + map key bytes   -&gt; [expiresAt int64][value]
 *   list payload: [count int32]([len int32][element])*      expiresAt 0: no time-to-live
 * </pre>
 *
 * <p>Value cache: value, reducing, aggregating and list state keep up to {@code cacheEntries} (state, key) values per
 * instance as deserialized objects ({@link #DEFAULT_CACHE_ENTRIES} unless configured, 0: none) in a {@link StateCache}
 * (flat arrays, an open-addressing table, CLOCK eviction). A read of a cached key returns the cached object (no JNI call, no
 * deserialization); an update replaces it and marks it dirty (no serialization). A dirty entry is serialized only when
 * evicted (into the pending writes, with the expiry it was given) or at a {@link #snapshot}, which writes all dirty
 * entries first, in key order ({@link #cacheStatistics()}: the dirty entries and time per snapshot, the synchronous
 * cost: about 1 us per entry). {@link #flush()} writes only the pending writes. Expired cached values read as absent, as in RocksDB. Map state is not cached: its
 * iteration and clear are prefix scans of RocksDB, which would have to merge or write back the cache on every scan.
 *
 * <p>Memory contract: the cache holds at most {@code cacheEntries} value objects (a list state's entry is its
 * {@code ArrayList}), plus the key bytes of composite keys, beside RocksDB's own off-heap block cache and memtables.
 * The bound is in entries, not bytes: size it by the values (the default holds ~128 MB of heap with 1 KB values; use
 * a small cache, or 0, for large values in a small heap).
 * Values handed out by a cached state are the cached instances, as on the heap: changing one then calling
 * {@code update} is the supported pattern; a change without {@code update} may be lost when the entry is evicted and
 * is not in a checkpoint unless the entry was dirty at the barrier. Uncached state (map state, or cache 0) hands out
 * copies.
 *
 * <p>Other reads look at the pending writes first, then what {@link #prefetch} fetched for the batch (one
 * {@code multiGet} for all its keys and states not in the cache, kept with the batch's writes until the next
 * prefetch, bounded), then RocksDB. Map iteration ({@link MapState#entries()}) flushes first and scans the key's
 * prefix. The database lives in its own directory, deleted by {@link #close()}.
 *
 * <p>Checkpoints ({@link #snapshot}): pending writes and dirty cached entries go out and the live files (SSTs,
 * MANIFEST, the WAL with its length at the barrier) are hard-linked into a scratch directory, without flushing the memtable (the quick
 * synchronous part); the {@link RocksDbSnapshot} then links new SST files into the checkpoint storage's shared
 * directory (incremental: files a previous checkpoint holds are only referenced) and copies the MANIFEST and WAL
 * prefixes into the instance's directory. {@link #restore} opens a same-parallelism
 * checkpoint in place, or, when rescaling, reads every previous instance's checkpoint and keeps the owned keys
 * (the grouping key is the {@code [len][key bytes]} prefix of every RocksDB key, so map entries follow their key).
 *
 * <p>Thread-safety: not thread-safe; one operator instance, one thread at a time.
 */
public final class RocksDbStateBackend implements KeyedStateBackend
{
    private static final byte[] DELETED = new byte[0];
    /** Cached (state, key) values per backend instance when not configured (about 130K objects). */
    public static final int DEFAULT_CACHE_ENTRIES = 1 << 17;
    /** The largest cache (its table holds 4 longs per entry, rounded up to a power of two: 2 GiB at this size). */
    public static final int MAX_CACHE_ENTRIES = 1 << 26;
    /** Pending writes above this many are flushed early, to bound the heap. */
    private static final int MAX_PENDING = 1 << 16;
    /** A rescaling restore writes owned entries in batches of about this many bytes. */
    private static final int RESTORE_BATCH_BYTES = 4 << 20;

    static
    {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final boolean longKeys;
    private final LongSupplier clock;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions;
    /** Names this backend's SST files in the checkpoints' shared directory. */
    private final String uuid = UUID.randomUUID().toString();
    /** Shared files this backend wrote or restored from: shared name -> size and checksum (read by I/O threads). */
    private final ConcurrentMap<String, RocksDbSnapshot.FileInfo> sharedFiles = new ConcurrentHashMap<>();
    /** SST files restored in place from a checkpoint: file name -> shared name (so they are not copied again). */
    private final Map<String, String> restoredSharedNames = new HashMap<>();
    /** Block cache per database (off-heap, outside the JVM heap limit). */
    static final long BLOCK_CACHE_BYTES = 256L << 20;
    /**
     * Memtable size per state: the synchronous part of a checkpoint waits for its flush, so it is kept below
     * RocksDB's default (64 MiB) to bound that pause.
     */
    static final long WRITE_BUFFER_BYTES = 32L << 20;

    private final Cache blockCache;
    private final BloomFilter bloomFilter;
    private RocksDB db;
    private final List<ColumnFamilyHandle> families = new ArrayList<>();
    private int snapshots;
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final List<Long> ttls = new ArrayList<>();
    /** Per state: pending writes by key bytes (DELETED for a delete). */
    private final List<Map<Bytes, byte[]>> pending = new ArrayList<>();
    /** Per state: values fetched by {@link #prefetch} or flushed since (DELETED: known absent); reset per prefetch. */
    private final List<Map<Bytes, byte[]>> fetched = new ArrayList<>();
    /** Per state: whether it is a map state (prefix keys, not prefetched). */
    private final List<Boolean> mapStates = new ArrayList<>();
    private boolean prefetched;
    private int fetchedCount;
    private int pendingCount;
    /** The current key's row key bytes; for integer keys built on first use (a cache hit needs none). */
    private byte[] rowKey;
    /** The current integer key. */
    private long currentLong;
    /** {@link Arrays#hashCode(byte[])} of {@link #rowKey} for composite keys (the cache's key hash). */
    private int currentHash;
    /** Whether the current key goes through the cache (not for a composite key handed to an integer backend). */
    private boolean cacheable;
    private final KeyCodec keyCodec = new KeyCodec();
    /** Serialized write batches (one JNI call per batch instead of one per entry). */
    private final WriteBatchEncoder encoder = new WriteBatchEncoder();
    /** Deserialized values of value, reducing, aggregating and list state; null when disabled. */
    private final StateCache cache;
    /** Per state: its value codec when the cache holds it, else null (map state). */
    private final List<Codec> codecs = new ArrayList<>();
    /**
     * Per state: whether its values may carry an expiry (it has a time-to-live, or a value loaded from a checkpoint
     * written with one had it); only then does a cache hit read the expiry.
     */
    private boolean[] expiring = new boolean[0];
    private long hits;
    private long misses;
    private int lastSnapshotDirty;
    private long lastSnapshotWriteBackNanos;
    private long snapshotDirty;

    /** Turns a cached value object into a payload and back. */
    private interface Codec
    {
        byte[] serialize(Object value);

        Object deserialize(byte[] payload);
    }

    /**
     * What the value cache did so far: a snapshot's synchronous write-back cost is {@code lastSnapshotDirtyEntries}
     * serializations (and {@code lastSnapshotWriteBackNanos}).
     *
     * @param capacity                   the most entries the cache holds (0: disabled).
     * @param entries                    entries held now.
     * @param dirtyEntries               entries held now that RocksDB does not have yet.
     * @param hits                       reads served from the cache.
     * @param misses                     reads that went to RocksDB (or to the pending and prefetched bytes).
     * @param evictions                  entries evicted.
     * @param dirtyEvictions             evicted entries that were written back (serialized into the pending writes).
     * @param lastSnapshotDirtyEntries   dirty entries the last {@link #snapshot} wrote before linking files.
     * @param lastSnapshotWriteBackNanos how long that write took.
     * @param snapshotDirtyEntries       dirty entries written by all snapshots.
     */
    public record CacheStatistics(int capacity, int entries, int dirtyEntries, long hits, long misses, long evictions,
                                  long dirtyEvictions, int lastSnapshotDirtyEntries, long lastSnapshotWriteBackNanos,
                                  long snapshotDirtyEntries)
    {
    }

    /** A byte[] with value equality, for the pending-write maps. */
    private record Bytes(byte[] b)
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Bytes other && Arrays.equals(b, other.b);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(b);
        }
    }

    /**
     * @param directory a directory for this instance's database (created; deleted on close).
     * @param longKeys  whether keys are single integers.
     * @param clock     processing time in ms, for time-to-live.
     * @throws StateException when RocksDB cannot open there.
     */
    public RocksDbStateBackend(final Path directory, final boolean longKeys, final LongSupplier clock)
    {
        this(directory, longKeys, clock, DEFAULT_CACHE_ENTRIES, 0);
    }

    /**
     * @param directory    a directory for this instance's database (created; deleted on close).
     * @param longKeys     whether keys are single integers.
     * @param clock        processing time in ms, for time-to-live.
     * @param cacheEntries the most (state, key) values the cache holds as objects; 0 disables it.
     * @throws StateException           when RocksDB cannot open there.
     * @throws IllegalArgumentException when cacheEntries is negative or above {@link #MAX_CACHE_ENTRIES}.
     */
    public RocksDbStateBackend(final Path directory, final boolean longKeys, final LongSupplier clock,
        final int cacheEntries)
    {
        this(directory, longKeys, clock, cacheEntries, 0);
    }

    /**
     * @param directory        a directory for this instance's database (created; deleted on close).
     * @param longKeys         whether keys are single integers.
     * @param clock            processing time in ms, for time-to-live.
     * @param cacheEntries     the most (state, key) values the cache holds as objects; 0 disables it.
     * @param writeBufferBytes the memtable size per state, or 0 for RocksDB's default (tests use small ones to get
     *                         several SST files from little data).
     * @throws StateException when RocksDB cannot open there.
     */
    RocksDbStateBackend(final Path directory, final boolean longKeys, final LongSupplier clock,
        final int cacheEntries, final long writeBufferBytes)
    {
        if (cacheEntries < 0 || cacheEntries > MAX_CACHE_ENTRIES)
        {
            throw new IllegalArgumentException("RocksDB state cache entries must be in 0.." + MAX_CACHE_ENTRIES +
                ", was " + cacheEntries);
        }
        this.directory = directory;
        this.longKeys = longKeys;
        this.clock = clock;
        this.rowKey = longKeys ? null : new byte[0];
        this.cache = cacheEntries == 0 ? null : new StateCache(cacheEntries, longKeys, this::evicted);
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot create the RocksDB state directory " + directory + ": " + e, e);
        }
        options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        blockCache = new LRUCache(BLOCK_CACHE_BYTES);
        bloomFilter = new BloomFilter(10);
        // point lookups of keyed state: a block cache holding index and filter blocks, bloom filters so a new key's
        // first read skips the files, LZ4 (cheap to try on incompressible values) instead of the default Snappy
        familyOptions = new ColumnFamilyOptions()
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloomFilter)
                .setCacheIndexAndFilterBlocks(true).setPinL0FilterAndIndexBlocksInCache(true))
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setWriteBufferSize(writeBufferBytes > 0 ? writeBufferBytes : WRITE_BUFFER_BYTES);
        options.setMaxBackgroundJobs(2);
        // the WAL lets a checkpoint keep the memtable's content as a log prefix instead of waiting for a flush
        writeOptions = new WriteOptions();
        readOptions = new ReadOptions();
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        try
        {
            db = RocksDB.open(options, directory.toString(), List.of(new ColumnFamilyDescriptor(
                RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions)), handles);
        }
        catch (final RocksDBException e)
        {
            closeOptions();
            throw new StateException("cannot open RocksDB state in " + directory + ": " + e.getMessage(), e);
        }
        handles.forEach(ColumnFamilyHandle::close);
    }

    private void closeOptions()
    {
        readOptions.close();
        writeOptions.close();
        familyOptions.close();
        options.close();
        bloomFilter.close();
        blockCache.close();
    }

    @Override
    public void setCurrentKey(final long key)
    {
        currentLong = key;
        cacheable = true;
        if (longKeys)
        {
            rowKey = null;
        }
        else
        {
            rowKey = longRowKey(key);
            currentHash = Arrays.hashCode(rowKey);
        }
    }

    @Override
    public void setCurrentKey(final Object key)
    {
        rowKey = keyCodec.encode(key, 4, false);
        ByteBuffer.wrap(rowKey).putInt(rowKey.length - 4);
        currentHash = Arrays.hashCode(rowKey);
        // an integer backend's cache is keyed by longs: such a key (no operator sets one) bypasses it
        cacheable = !longKeys;
    }

    private static byte[] longRowKey(final long key)
    {
        return ByteBuffer.allocate(12).putInt(8).putLong(key).array();
    }

    /** @return the current key's row key bytes (fresh for every key: pending writes and the cache keep them). */
    private byte[] rowKey()
    {
        if (rowKey == null)
        {
            rowKey = longRowKey(currentLong);
        }
        return rowKey;
    }

    private int register(final String name, final Duration ttl)
    {
        if (names.containsKey(name))
        {
            throw new IllegalStateException("state '" + name + "' is already registered");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero()))
        {
            throw new IllegalArgumentException("state '" + name + "': ttl must be positive, was " + ttl);
        }
        try
        {
            families.add(db.createColumnFamily(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8),
                familyOptions)));
        }
        catch (final RocksDBException e)
        {
            throw new StateException("cannot create column family for state '" + name + "': " + e.getMessage(), e);
        }
        names.put(name, names.size());
        ttls.add(ttl == null ? 0L : ttl.toMillis());
        pending.add(new HashMap<>());
        fetched.add(new HashMap<>());
        mapStates.add(false);
        codecs.add(null);
        expiring = Arrays.copyOf(expiring, names.size());
        expiring[names.size() - 1] = ttl != null;
        return names.size() - 1;
    }

    private static <T> StateSerializer<T> require(final String name, final StateSerializer<T> serializer)
    {
        if (serializer == null)
        {
            throw new IllegalArgumentException("state '" + name + "' needs a StateSerializer with the RocksDB " +
                "backend (see StateSerializers)");
        }
        return serializer;
    }

    /** @return the payload stored under {@code key} in state i, or null when absent or expired. */
    private byte[] get(final int i, final byte[] key)
    {
        final byte[] stored = stored(i, key);
        if (stored == null)
        {
            return null;
        }
        final long expiresAt = ByteBuffer.wrap(stored).getLong();
        if (expiresAt != 0 && expiresAt <= clock.getAsLong())
        {
            put(i, key, null);
            return null;
        }
        return Arrays.copyOfRange(stored, 8, stored.length);
    }

    /** @return {@code [expiresAt][payload]} under {@code key} in state i (pending, prefetched, RocksDB), or null. */
    private byte[] stored(final int i, final byte[] key)
    {
        final Bytes k = new Bytes(key);
        byte[] stored = pending.get(i).get(k);
        if (stored == null)
        {
            stored = fetched.get(i).get(k);
        }
        if (stored == null)
        {
            try
            {
                stored = db.get(families.get(i), readOptions, key);
            }
            catch (final RocksDBException e)
            {
                throw new StateException("RocksDB read of state " + i + " failed: " + e.getMessage(), e);
            }
        }
        return stored == DELETED ? null : stored;
    }

    /** Buffers a write of {@code payload} (null: delete) under {@code key} in state i. */
    private void put(final int i, final byte[] key, final byte[] payload)
    {
        final long ttl = ttls.get(i);
        putStored(i, key, payload == null ? DELETED : stored(ttl == 0 ? 0 : clock.getAsLong() + ttl, payload));
    }

    private static byte[] stored(final long expiresAt, final byte[] payload)
    {
        return ByteBuffer.allocate(8 + payload.length).putLong(expiresAt).put(payload).array();
    }

    /** Buffers a write of {@code stored} ({@link #DELETED}: delete) under {@code key} in state i. */
    private void putStored(final int i, final byte[] key, final byte[] stored)
    {
        if (pending.get(i).put(new Bytes(key), stored) == null)
        {
            pendingCount++;
        }
        if (pendingCount >= MAX_PENDING)
        {
            flush();
        }
    }

    /** Whether state accesses for the current key go through the cache (per state: {@code codecs.get(i)}). */
    private boolean cached()
    {
        return cache != null && cacheable;
    }

    /** @return the current key's cache slot in state i, or {@link StateCache#MISS}. */
    private int lookup(final int i)
    {
        return longKeys ? cache.find(i, currentLong, StateCache.hash(i, currentLong))
            : cache.find(i, rowKey, StateCache.hash(i, currentHash));
    }

    /** @return a new clean, absent cache slot for the current key in state i (may evict one). */
    private int insert(final int i)
    {
        return longKeys ? cache.add(i, currentLong, null, StateCache.hash(i, currentLong))
            : cache.add(i, 0, rowKey, StateCache.hash(i, currentHash));
    }

    /**
     * @return the current key's cache entry in state i, read from RocksDB on a miss (as {@link #get} does, an
     * expired value there is deleted); a cached value that expired becomes a dirty absent entry.
     */
    private int load(final int i)
    {
        int slot = lookup(i);
        if (slot != StateCache.MISS)
        {
            hits++;
            if (expiring[i])
            {
                final long expiresAt = cache.expiresAt(slot);
                if (expiresAt != 0 && expiresAt <= clock.getAsLong())
                {
                    cache.setDirty(slot, null, 0);
                }
            }
            return slot;
        }
        misses++;
        final byte[] key = rowKey();
        final byte[] stored = stored(i, key);
        slot = insert(i);
        if (stored != null)
        {
            final long expiresAt = ByteBuffer.wrap(stored).getLong();
            expiring[i] |= expiresAt != 0;
            if (expiresAt != 0 && expiresAt <= clock.getAsLong())
            {
                put(i, key, null);
            }
            else
            {
                cache.setClean(slot, codecs.get(i).deserialize(Arrays.copyOfRange(stored, 8, stored.length)),
                    expiresAt);
            }
        }
        return slot;
    }

    /** Sets the current key's value in state i to {@code value} (null: cleared) in the cache. */
    private void write(final int i, final Object value, final long ttl)
    {
        int slot = lookup(i);
        if (slot == StateCache.MISS)
        {
            // not cached: RocksDB may hold a value, so even a clear is written back
            slot = insert(i);
        }
        else if (value == null && cache.value(slot) == null && !cache.isDirty(slot))
        {
            // cached as absent and clean: RocksDB has nothing to delete
            return;
        }
        cache.setDirty(slot, value, value == null || ttl == 0 ? 0 : clock.getAsLong() + ttl);
    }

    /** The cache's eviction: a dirty entry becomes a pending write, with the expiry it was given. */
    private void evicted(final int state, final long longKey, final byte[] key, final Object value,
        final long expiresAt)
    {
        putStored(state, key != null ? key : longRowKey(longKey),
            value == null ? DELETED : stored(expiresAt, codecs.get(state).serialize(value)));
    }

    /**
     * Writes every dirty cached entry into RocksDB (after the pending writes), in batches of about
     * {@link #RESTORE_BATCH_BYTES}; the entries stay cached, clean. Entries go in key order per state: the memtable's
     * skip list inserts ascending keys far faster than random ones (it reuses the previous insert's position).
     * What {@link #prefetch} fetched may be older than what was written, so it is dropped.
     *
     * @return how many entries were written.
     */
    private int writeBackCache()
    {
        if (cache == null || cache.dirty() == 0)
        {
            return 0;
        }
        flush();
        int written = 0;
        for (int i = 0; i < codecs.size(); i++)
        {
            final Codec codec = codecs.get(i);
            if (codec == null)
            {
                continue;
            }
            final int family = families.get(i).getID();
            if (longKeys)
            {
                final long[] dirty = cache.dirtyLongKeys(i);
                // row keys are [8][key big-endian]: byte order is the unsigned order of the keys
                for (int k = 0; k < dirty.length; k++)
                {
                    dirty[k] ^= Long.MIN_VALUE;
                }
                Arrays.sort(dirty);
                for (final long flipped : dirty)
                {
                    final long key = flipped ^ Long.MIN_VALUE;
                    final int entry = cache.entry(i, key, StateCache.hash(i, key));
                    final Object value = cache.value(entry);
                    if (value == null)
                    {
                        encoder.delete(family, key);
                    }
                    else
                    {
                        encoder.put(family, key, cache.expiresAt(entry), codec.serialize(value));
                    }
                    cache.markClean(entry);
                    written++;
                    writeIfFull();
                }
            }
            else
            {
                final byte[][] dirty = cache.dirtyKeys(i);
                Arrays.sort(dirty, Arrays::compareUnsigned);
                for (final byte[] key : dirty)
                {
                    final int entry = cache.entry(i, key, StateCache.hash(i, Arrays.hashCode(key)));
                    final Object value = cache.value(entry);
                    if (value == null)
                    {
                        encoder.delete(family, key);
                    }
                    else
                    {
                        encoder.put(family, key, cache.expiresAt(entry), codec.serialize(value));
                    }
                    cache.markClean(entry);
                    written++;
                    writeIfFull();
                }
            }
        }
        encoder.writeTo(db, writeOptions, "cached state changes");
        fetched.forEach(Map::clear);
        fetchedCount = 0;
        prefetched = false;
        return written;
    }

    private void writeIfFull()
    {
        if (encoder.bytes() >= RESTORE_BATCH_BYTES)
        {
            encoder.writeTo(db, writeOptions, "cached state changes");
        }
    }

    /**
     * @return what the value cache did so far (all zero with capacity 0 when disabled).
     */
    public CacheStatistics cacheStatistics()
    {
        return cache == null ? new CacheStatistics(0, 0, 0, hits, misses, 0, 0, 0, 0, 0)
            : new CacheStatistics(cache.capacity(), cache.size(), cache.dirty(), hits, misses, cache.evictions(),
                cache.dirtyEvictions(), lastSnapshotDirty, lastSnapshotWriteBackNanos, snapshotDirty);
    }

    @Override
    public void flush()
    {
        if (pendingCount == 0)
        {
            return;
        }
        for (int i = 0; i < pending.size(); i++)
        {
            final int family = families.get(i).getID();
            for (final Map.Entry<Bytes, byte[]> e : pending.get(i).entrySet())
            {
                if (e.getValue() == DELETED)
                {
                    encoder.delete(family, e.getKey().b());
                }
                else
                {
                    encoder.putStored(family, e.getKey().b(), e.getValue());
                }
            }
        }
        // one batch: the pending writes of a flush are atomic, as before
        encoder.writeTo(db, writeOptions, "state changes");
        final boolean keep = prefetched && pendingCount + fetchedCount < MAX_PENDING;
        for (int i = 0; i < pending.size(); i++)
        {
            if (keep)
            {
                // what was just written is what a read finds now (timers after the batch read the same keys)
                fetched.get(i).putAll(pending.get(i));
                fetchedCount += pending.get(i).size();
            }
            else
            {
                fetched.get(i).clear();
            }
            pending.get(i).clear();
        }
        if (!keep)
        {
            fetchedCount = 0;
            prefetched = false;
        }
        pendingCount = 0;
    }

    @Override
    public void prefetch(final long[] keys, final int count)
    {
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        final List<byte[]> rowKeys = new ArrayList<>();
        final List<Integer> states = new ArrayList<>();
        fetchedCount = 0;
        prefetched = true;
        for (int i = 0; i < families.size(); i++)
        {
            fetched.get(i).clear();
            if (mapStates.get(i))
            {
                continue;
            }
            final boolean cachedState = cache != null && longKeys && codecs.get(i) != null;
            for (int k = 0; k < count; k++)
            {
                if (cachedState && cache.find(i, keys[k], StateCache.hash(i, keys[k])) != StateCache.MISS)
                {
                    // the cache answers this key's reads
                    continue;
                }
                handles.add(families.get(i));
                rowKeys.add(ByteBuffer.allocate(12).putInt(8).putLong(keys[k]).array());
                states.add(i);
            }
        }
        if (rowKeys.isEmpty())
        {
            return;
        }
        final List<byte[]> values;
        try
        {
            values = db.multiGetAsList(readOptions, handles, rowKeys);
        }
        catch (final RocksDBException e)
        {
            throw new StateException("RocksDB multiGet of " + rowKeys.size() + " keys failed: " + e.getMessage(), e);
        }
        for (int j = 0; j < rowKeys.size(); j++)
        {
            final byte[] v = values.get(j);
            fetched.get(states.get(j)).put(new Bytes(rowKeys.get(j)), v == null ? DELETED : v);
        }
        fetchedCount = rowKeys.size();
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public <T> ValueState<T> valueState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        final StateSerializer<T> s = require(name, serializer);
        final int i = register(name, ttl);
        final long millis = ttls.get(i);
        codecs.set(i, new Codec()
        {
            @Override
            @SuppressWarnings("unchecked")
            public byte[] serialize(final Object value)
            {
                return s.serialize((T)value);
            }

            @Override
            public Object deserialize(final byte[] payload)
            {
                return s.deserialize(payload);
            }
        });
        return new ValueState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public T value()
            {
                if (cached())
                {
                    return (T)cache.value(load(i));
                }
                final byte[] b = get(i, rowKey());
                return b == null ? null : s.deserialize(b);
            }

            @Override
            public void update(final T value)
            {
                if (cached())
                {
                    write(i, value, millis);
                    return;
                }
                put(i, rowKey(), value == null ? null : s.serialize(value));
            }

            @Override
            public void clear()
            {
                update(null);
            }
        };
    }

    @Override
    public <T> ListState<T> listState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        final StateSerializer<T> s = require(name, serializer);
        final int i = register(name, ttl);
        final long millis = ttls.get(i);
        final Codec codec = new Codec()
        {
            @Override
            @SuppressWarnings("unchecked")
            public byte[] serialize(final Object value)
            {
                final List<T> elements = (List<T>)value;
                final List<byte[]> parts = new ArrayList<>(elements.size());
                int size = 4;
                for (final T e : elements)
                {
                    final byte[] p = s.serialize(e);
                    parts.add(p);
                    size += 4 + p.length;
                }
                final ByteBuffer out = ByteBuffer.allocate(size).putInt(parts.size());
                for (final byte[] p : parts)
                {
                    out.putInt(p.length).put(p);
                }
                return out.array();
            }

            /** @return a mutable list (the cache appends to it in place). */
            @Override
            public Object deserialize(final byte[] payload)
            {
                final ByteBuffer in = ByteBuffer.wrap(payload);
                final int n = in.getInt();
                final List<T> out = new ArrayList<>(n);
                for (int k = 0; k < n; k++)
                {
                    final byte[] element = new byte[in.getInt()];
                    in.get(element);
                    out.add(s.deserialize(element));
                }
                return out;
            }
        };
        codecs.set(i, codec);
        return new ListState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public List<T> get()
            {
                final List<T> list;
                if (cached())
                {
                    list = (List<T>)cache.value(load(i));
                }
                else
                {
                    final byte[] b = RocksDbStateBackend.this.get(i, rowKey());
                    list = b == null ? null : (List<T>)codec.deserialize(b);
                }
                return list == null ? Collections.emptyList() : Collections.unmodifiableList(list);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void add(final T element)
            {
                if (cached())
                {
                    final int slot = load(i);
                    List<T> list = (List<T>)cache.value(slot);
                    if (list == null)
                    {
                        list = new ArrayList<>();
                    }
                    // the cached list grows in place, as on the heap
                    list.add(element);
                    cache.setDirty(slot, list, millis == 0 ? 0 : clock.getAsLong() + millis);
                    return;
                }
                final List<T> all = new ArrayList<>(get());
                all.add(element);
                update(all);
            }

            @Override
            public void update(final List<T> elements)
            {
                final List<T> copy = elements == null || elements.isEmpty() ? null : new ArrayList<>(elements);
                if (cached())
                {
                    write(i, copy, millis);
                    return;
                }
                put(i, rowKey(), copy == null ? null : codec.serialize(copy));
            }

            @Override
            public void clear()
            {
                update(null);
            }
        };
    }

    @Override
    public <K, V> MapState<K, V> mapState(final String name, final StateSerializer<K> keys,
        final StateSerializer<V> values, final Duration ttl)
    {
        final StateSerializer<K> ks = require(name, keys);
        final StateSerializer<V> vs = require(name, values);
        final int i = register(name, ttl);
        mapStates.set(i, true);
        return new MapState<>()
        {
            @Override
            public V get(final K key)
            {
                final byte[] b = RocksDbStateBackend.this.get(i, concat(rowKey(), ks.serialize(key)));
                return b == null ? null : vs.deserialize(b);
            }

            @Override
            public void put(final K key, final V value)
            {
                RocksDbStateBackend.this.put(i, concat(rowKey(), ks.serialize(key)),
                    value == null ? null : vs.serialize(value));
            }

            @Override
            public void remove(final K key)
            {
                RocksDbStateBackend.this.put(i, concat(rowKey(), ks.serialize(key)), null);
            }

            @Override
            public boolean contains(final K key)
            {
                return RocksDbStateBackend.this.get(i, concat(rowKey(), ks.serialize(key))) != null;
            }

            @Override
            public Map<K, V> entries()
            {
                final Map<K, V> out = new LinkedHashMap<>();
                for (final byte[][] e : scan(i))
                {
                    final byte[] payload = RocksDbStateBackend.this.get(i, e[0]);
                    if (payload != null)
                    {
                        out.put(ks.deserialize(Arrays.copyOfRange(e[0], rowKey().length, e[0].length)),
                            vs.deserialize(payload));
                    }
                }
                return Collections.unmodifiableMap(out);
            }

            @Override
            public void clear()
            {
                for (final byte[][] e : scan(i))
                {
                    RocksDbStateBackend.this.put(i, e[0], null);
                }
            }
        };
    }

    /** @return the keys (as single-element arrays) under the current row key's prefix in state i, after a flush. */
    private List<byte[][]> scan(final int i)
    {
        flush();
        final byte[] rowKey = rowKey();
        final List<byte[][]> out = new ArrayList<>();
        try (RocksIterator it = db.newIterator(families.get(i), readOptions))
        {
            for (it.seek(rowKey); it.isValid(); it.next())
            {
                final byte[] key = it.key();
                if (key.length < rowKey.length || !Arrays.equals(key, 0, rowKey.length, rowKey, 0, rowKey.length))
                {
                    break;
                }
                out.add(new byte[][] {key});
            }
        }
        return out;
    }

    @Override
    public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce,
        final StateSerializer<T> serializer, final Duration ttl)
    {
        final ValueState<T> value = valueState(name, serializer, ttl);
        return new ReducingState<>()
        {
            @Override
            public T get()
            {
                return value.value();
            }

            @Override
            public void add(final T v)
            {
                final T old = value.value();
                value.update(old == null ? v : reduce.apply(old, v));
            }

            @Override
            public void clear()
            {
                value.clear();
            }
        };
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(final String name,
        final AggregateFunction<IN, ACC, OUT> function, final StateSerializer<ACC> accumulators, final Duration ttl)
    {
        final ValueState<ACC> value = valueState(name, accumulators, ttl);
        return new AggregatingState<>()
        {
            @Override
            public OUT get()
            {
                final ACC acc = value.value();
                return acc == null ? null : function.getResult(acc);
            }

            @Override
            public void add(final IN v)
            {
                ACC acc = value.value();
                if (acc == null)
                {
                    acc = function.createAccumulator();
                }
                value.update(function.add(acc, v));
            }

            @Override
            public void clear()
            {
                value.clear();
            }
        };
    }

    /**
     * Writes the pending writes and flushes every memtable into SST files (tests use it to get SSTs from a small
     * state; checkpoints do not need it).
     *
     * @throws StateException when RocksDB cannot flush.
     */
    void flushMemtables()
    {
        writeBackCache();
        flush();
        try (FlushOptions flushOptions = new FlushOptions().setWaitForFlush(true))
        {
            if (!families.isEmpty())
            {
                db.flush(flushOptions, families);
            }
        }
        catch (final RocksDBException e)
        {
            throw new StateException("RocksDB flush of " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The synchronous part of a checkpoint, without waiting for a memtable flush: the pending writes go out, the WAL
     * buffer reaches its file, and with file deletions paused the live files are hard-linked into a sibling scratch
     * directory: SST files, the MANIFEST and the WAL files, whose current lengths are recorded (both are still
     * appended to through the same inode, so the snapshot later copies only the recorded prefix); CURRENT is written
     * for that MANIFEST. A restore replays the WAL prefix into the memtable. This is what RocksDB's checkpoint does
     * when it may keep the log instead of flushing (an option RocksJava does not expose), and it keeps the pause of
     * the operator's thread to file-system metadata calls instead of a memtable flush.
     *
     * @throws StateException when RocksDB cannot list its files or a link fails.
     */
    @Override
    public OperatorSnapshot snapshot(final long checkpointId)
    {
        flush();
        final long start = System.nanoTime();
        lastSnapshotDirty = writeBackCache();
        lastSnapshotWriteBackNanos = System.nanoTime() - start;
        snapshotDirty += lastSnapshotDirty;
        final Path temporary = directory.resolveSibling(directory.getFileName() + ".chk-" + checkpointId + "-" +
            ++snapshots);
        RocksDbSnapshot.deleteRecursively(temporary);
        final Map<String, String> shared = new TreeMap<>();
        final List<String> others = new ArrayList<>();
        final Map<String, Long> limits = new HashMap<>();
        try
        {
            Files.createDirectories(temporary);
            db.flushWal(false);
            db.disableFileDeletions();
            try
            {
                final RocksDB.LiveFiles live = db.getLiveFiles(false);
                String manifest = null;
                for (final String file : live.files)
                {
                    final String name = file.startsWith("/") ? file.substring(1) : file;
                    if (name.equals("CURRENT"))
                    {
                        continue;
                    }
                    Files.createLink(temporary.resolve(name), directory.resolve(name));
                    if (name.endsWith(".sst"))
                    {
                        shared.put(name, restoredSharedNames.getOrDefault(name, uuid + "-" + name));
                    }
                    else
                    {
                        others.add(name);
                        if (name.startsWith("MANIFEST-"))
                        {
                            manifest = name;
                            limits.put(name, live.manifestFileSize);
                        }
                    }
                }
                if (manifest == null)
                {
                    throw new StateException("RocksDB listed no MANIFEST among its live files in " + directory,
                        null);
                }
                for (final LogFile wal : db.getSortedWalFiles())
                {
                    if (wal.type() != WalFileType.kAliveLogFile)
                    {
                        continue;
                    }
                    final String name = wal.pathName().startsWith("/") ? wal.pathName().substring(1) :
                        wal.pathName();
                    final Path link = temporary.resolve(name);
                    Files.createLink(link, directory.resolve(name));
                    // after flushWal every write before the barrier is in the file; later ones are appended
                    limits.put(name, Files.size(link));
                    others.add(name);
                }
                Files.writeString(temporary.resolve("CURRENT"), manifest + "\n");
                others.add("CURRENT");
            }
            finally
            {
                db.enableFileDeletions();
            }
        }
        catch (final RocksDBException | IOException e)
        {
            RocksDbSnapshot.deleteRecursively(temporary);
            throw new StateException("RocksDB checkpoint " + checkpointId + " of " + directory + " into " +
                temporary + " failed: " + e.getMessage(), e);
        }
        catch (final RuntimeException e)
        {
            RocksDbSnapshot.deleteRecursively(temporary);
            throw e;
        }
        Collections.sort(others);
        // forget files compacted away (a snapshot still writing recomputes a forgotten checksum from the file)
        sharedFiles.keySet().retainAll(new HashSet<>(shared.values()));
        return new RocksDbSnapshot(temporary, longKeys, shared, others, limits, sharedFiles);
    }

    /**
     * With one directory and {@link KeyFilter#ALL} (same parallelism), the checkpoint's files replace this
     * database and are opened in place (SST files hard-linked from the shared directory; later checkpoints
     * reference them instead of copying them again). Otherwise (rescaling) each directory's checkpoint is opened
     * read-only in a scratch directory and the entries of owned keys are written into this database in batches,
     * values (with their expiry) unchanged. States are matched by column family name; others are dropped.
     *
     * @throws StateException naming the file when a checkpoint file is missing, truncated or corrupt, or when the
     *                        snapshot holds the other kind of key or RocksDB fails.
     */
    @Override
    public void restore(final RestoreContext context, final KeyFilter owned)
    {
        final List<RocksDbSnapshot.Manifest> manifests = new ArrayList<>();
        for (final Path dir : context.directories())
        {
            final RocksDbSnapshot.Manifest manifest = RocksDbSnapshot.read(dir);
            if (manifest.longKeys() != longKeys)
            {
                throw new StateException("RocksDB state snapshot " + manifest.path() + " holds " +
                    (manifest.longKeys() ? "integer" : "composite") + " keys, this operator has " +
                    (longKeys ? "integer" : "composite") + " keys", null);
            }
            manifests.add(manifest);
        }
        writeBackCache();
        flush();
        if (cache != null)
        {
            // restored values replace whatever was cached
            cache.clear();
        }
        if (manifests.size() == 1 && owned == KeyFilter.ALL)
        {
            restoreInPlace(manifests.getFirst(), context.sharedDirectory());
        }
        else
        {
            for (int k = 0; k < manifests.size(); k++)
            {
                redistribute(manifests.get(k), context.sharedDirectory(), owned, k);
            }
        }
        fetched.forEach(Map::clear);
        prefetched = false;
        fetchedCount = 0;
    }

    private void restoreInPlace(final RocksDbSnapshot.Manifest manifest, final Path shared)
    {
        // files are checked and linked into a staging directory first: a bad checkpoint leaves this database as is
        final Path staging = staging("restore");
        try
        {
            RocksDbSnapshot.materialize(manifest, shared, staging);
            families.forEach(ColumnFamilyHandle::close);
            families.clear();
            db.close();
            RocksDbSnapshot.deleteRecursively(directory);
            Files.move(staging, directory);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot move the restored RocksDB state into " + directory + ": " + e, e);
        }
        finally
        {
            RocksDbSnapshot.deleteRecursively(staging);
        }
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        try
        {
            final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (final byte[] name : columnFamilies(directory))
            {
                descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
            }
            db = RocksDB.open(options, directory.toString(), descriptors, handles);
            final Map<String, ColumnFamilyHandle> byName = new HashMap<>();
            for (final ColumnFamilyHandle h : handles)
            {
                byName.put(new String(h.getName(), StandardCharsets.UTF_8), h);
            }
            handles.clear();
            for (final String name : names.keySet())
            {
                final ColumnFamilyHandle h = byName.remove(name);
                families.add(h != null ? h : db.createColumnFamily(new ColumnFamilyDescriptor(
                    name.getBytes(StandardCharsets.UTF_8), familyOptions)));
            }
            for (final Map.Entry<String, ColumnFamilyHandle> e : byName.entrySet())
            {
                if (!Arrays.equals(e.getKey().getBytes(StandardCharsets.UTF_8), RocksDB.DEFAULT_COLUMN_FAMILY))
                {
                    // a state the function no longer registers: its data would only be carried along
                    db.dropColumnFamily(e.getValue());
                }
                e.getValue().close();
            }
        }
        catch (final RocksDBException e)
        {
            handles.forEach(ColumnFamilyHandle::close);
            throw new StateException("cannot open the RocksDB state restored from " + manifest.path().getParent() +
                " in " + directory + ": " + e.getMessage(), e);
        }
        for (final RocksDbSnapshot.SharedFile f : manifest.shared())
        {
            restoredSharedNames.put(f.fileName(), f.sharedName());
            sharedFiles.put(f.sharedName(), f.info());
        }
    }

    private Path staging(final String what)
    {
        final Path staging = directory.resolveSibling(directory.getFileName() + "." + what);
        RocksDbSnapshot.deleteRecursively(staging);
        try
        {
            Files.createDirectories(staging);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot create RocksDB restore directory " + staging + ": " + e, e);
        }
        return staging;
    }

    private static List<byte[]> columnFamilies(final Path db) throws RocksDBException
    {
        try (Options o = new Options())
        {
            return RocksDB.listColumnFamilies(o, db.toString());
        }
    }

    private void redistribute(final RocksDbSnapshot.Manifest manifest, final Path shared, final KeyFilter owned,
        final int index)
    {
        final Path staging = staging("restore-" + index);
        try
        {
            final List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDbSnapshot.materialize(manifest, shared, staging);
            final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (final byte[] name : columnFamilies(staging))
            {
                descriptors.add(new ColumnFamilyDescriptor(name, familyOptions));
            }
            try (DBOptions readOnly = new DBOptions();
                 RocksDB source = RocksDB.openReadOnly(readOnly, staging.toString(), descriptors, handles);
                 WriteBatch batch = new WriteBatch())
            {
                try
                {
                    for (final ColumnFamilyHandle from : handles)
                    {
                        final Integer state = names.get(new String(from.getName(), StandardCharsets.UTF_8));
                        if (state != null)
                        {
                            copyOwned(source, from, families.get(state), owned, batch);
                        }
                    }
                    if (batch.count() > 0)
                    {
                        db.write(writeOptions, batch);
                    }
                }
                finally
                {
                    // column family handles go before their database
                    handles.forEach(ColumnFamilyHandle::close);
                }
            }
        }
        catch (final RocksDBException e)
        {
            throw new StateException("cannot restore RocksDB state from " + manifest.path().getParent() + ": " +
                e.getMessage(), e);
        }
        finally
        {
            RocksDbSnapshot.deleteRecursively(staging);
        }
    }

    /** Puts the entries of {@code from} whose grouping key {@code owned} accepts into {@code to}. */
    private void copyOwned(final RocksDB source, final ColumnFamilyHandle from, final ColumnFamilyHandle to,
        final KeyFilter owned, final WriteBatch batch) throws RocksDBException
    {
        byte[] lastKey = null;
        boolean lastOwned = false;
        try (RocksIterator it = source.newIterator(from))
        {
            for (it.seekToFirst(); it.isValid(); it.next())
            {
                final byte[] key = it.key();
                final int length = key.length < 4 ? -1 : ByteBuffer.wrap(key).getInt(0);
                if (length < 0 || 4 + length > key.length || longKeys && length != 8)
                {
                    throw new StateException("corrupt RocksDB state key of " + key.length + " bytes in state '" +
                        new String(from.getName(), StandardCharsets.UTF_8) + "'", null);
                }
                final boolean keep;
                if (longKeys)
                {
                    keep = owned.ownsLong(ByteBuffer.wrap(key).getLong(4));
                }
                else if (lastKey != null && Arrays.equals(key, 0, 4 + length, lastKey, 0, lastKey.length))
                {
                    // map state: the entries of one key are adjacent, decode its key once
                    keep = lastOwned;
                }
                else
                {
                    lastKey = Arrays.copyOf(key, 4 + length);
                    keep = lastOwned = owned.owns(KeyCodec.decode(key, 4, length));
                }
                if (keep)
                {
                    batch.put(to, key, it.value());
                    if (batch.getDataSize() >= RESTORE_BATCH_BYTES)
                    {
                        db.write(writeOptions, batch);
                        batch.clear();
                    }
                }
            }
            it.status();
        }
    }

    @Override
    public void close()
    {
        pending.forEach(Map::clear);
        fetched.forEach(Map::clear);
        if (cache != null)
        {
            // no write-back: the state dies with the instance
            cache.clear();
        }
        families.forEach(ColumnFamilyHandle::close);
        db.close();
        closeOptions();
        try (var files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException e)
        {
            // the directory is scratch; a leftover is harmless
        }
    }

    @Override
    public String toString()
    {
        return "RocksDbStateBackend[" + directory + (longKeys ? ", integer keys" : "") + ", states " + names.keySet() +
            ", cache " + (cache == null ? "off" : cache.size() + "/" + cache.capacity() + " entries") + "]";
    }
}
