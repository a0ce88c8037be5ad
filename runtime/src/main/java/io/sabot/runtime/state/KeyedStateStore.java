package io.sabot.runtime.state;

import io.sabot.common.StateException;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.checkpoint.SnapshotTarget;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * The in-memory keyed state backend of one operator instance (the default): per key an array of slots, one per
 * registered state. Values are kept as objects: a handle returns the stored object itself, so in-place changes are
 * visible without {@code update} (other backends need the update).
 *
 * <pre>
 *   single integer key:  Long2ObjectHashMap&lt;Object[]&gt;   (no boxing per row)
 *   any other key:       HashMap&lt;List&lt;Object&gt;, Object[]&gt;
 *   slot i of a key:     the value / list / map / accumulator of state i, or Expiring(value, expiresAt) with a TTL
 * </pre>
 *
 * Handles are created once ({@link #valueState} etc., in the operator's open) and act on the current key, set per row
 * or timer with {@link #setCurrentKey(long)} / {@link #setCurrentKey(Object)}. Time-to-live is processing time
 * ({@code clock}, ms): a write (or add) sets the expiry to now + ttl, and an expired slot reads as empty and is dropped.
 * A key whose slots are all empty is removed.
 *
 * <p>Checkpoints: {@link #snapshot} serializes every key's slots at the barrier into off-heap chunks
 * ({@link SnapshotBytes}; values are live objects changed in place, so they cannot be shared with a later write,
 * and the copy should not double the garbage of a heap that already holds the state), through each state's
 * {@link StateSerializer} or, for a state registered without one, the built-in forms of {@link HeapValueCodec}
 * (boxed primitives, strings, primitive arrays, ArrayList/HashMap of them); any other value fails the snapshot
 * naming the state. The snapshot's file, {@value #FILE}, big-endian:
 *
 * <pre>
 *   header  magic "SBKH" int32 | version int32 | integer keys byte | state count int32
 *           per state: kind byte (0 value, 1 list, 2 map, 3 reducing, 4 aggregating) | int32 length + UTF-8 name
 *           key count int64
 *   key     record length int32 (bytes after it, so a restore skips keys it does not own)
 *           int64 key | form byte (0 List, 1 single value) + int32 length + {@link KeyCodec} bytes
 *           slot count int32, per non-empty slot: state index int32 | slot length int32 | slot
 *   slot    value, reducing, aggregating: expiry | value        list: expiry | count int32 | value*
 *           map: count int32 | (value(map key) | expiry | value)*       (entries expire one by one)
 *   expiry  0 (none) | 1 + expiresAt int64 (processing time ms, kept as is)
 *   value   see {@link HeapValueCodec}
 *   footer  CRC32C of everything before it, int32
 * </pre>
 *
 * <p>Thread-safety: not thread-safe; one operator instance, one thread at a time. A snapshot owns its bytes and may
 * be written on another thread.
 */
public final class KeyedStateStore implements KeyedStateBackend
{
    /** The snapshot's file name in an instance's checkpoint directory. */
    static final String FILE = "heap-keyed-state";
    private static final int MAGIC = 0x53424b48; // "SBKH"
    private static final int VERSION = 1;
    private static final byte VALUE = 0;
    private static final byte LIST = 1;
    private static final byte MAP = 2;
    private static final byte REDUCING = 3;
    private static final byte AGGREGATING = 4;
    private static final String[] KIND_NAMES = {"value", "list", "map", "reducing", "aggregating"};

    private record Expiring(Object value, long expiresAt)
    {
    }

    private final boolean longKeys;
    private final LongSupplier clock;
    private final Long2ObjectHashMap<Object[]> byLong = new Long2ObjectHashMap<>();
    private final Map<Object, Object[]> byKey = new HashMap<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final List<Long> ttls = new ArrayList<>();
    /** Per state: its name. */
    private final List<String> stateNames = new ArrayList<>();
    /** Per state: its kind ({@link #VALUE} ...), for snapshots. */
    private final List<Byte> kinds = new ArrayList<>();
    /** Per state: the value (list element, map value, accumulator) serializer, or null. */
    private final List<StateSerializer<?>> serializers = new ArrayList<>();
    /** Per state: the map-key serializer (map states), or null. */
    private final List<StateSerializer<?>> keySerializers = new ArrayList<>();
    private Object[] current;
    private long currentLong;
    private Object currentKey;

    /**
     * @param longKeys whether keys are single integers ({@link #setCurrentKey(long)}), else objects.
     * @param clock    processing time in ms, for time-to-live.
     */
    public KeyedStateStore(final boolean longKeys, final LongSupplier clock)
    {
        this.longKeys = longKeys;
        this.clock = clock;
    }

    @Override
    public void setCurrentKey(final long key)
    {
        currentLong = key;
        current = byLong.get(key);
    }

    @Override
    public void setCurrentKey(final Object key)
    {
        currentKey = key;
        current = byKey.get(key);
    }

    /** @return the number of keys holding state. */
    public int keyCount()
    {
        return longKeys ? byLong.size() : byKey.size();
    }

    private int register(final String name, final Duration ttl, final byte kind, final StateSerializer<?> serializer,
        final StateSerializer<?> keySerializer)
    {
        if (names.containsKey(name))
        {
            throw new IllegalStateException("state '" + name + "' is already registered");
        }
        if (ttl != null && (ttl.isNegative() || ttl.isZero()))
        {
            throw new IllegalArgumentException("state '" + name + "': ttl must be positive, was " + ttl);
        }
        final int index = names.size();
        names.put(name, index);
        ttls.add(ttl == null ? 0L : ttl.toMillis());
        stateNames.add(name);
        kinds.add(kind);
        serializers.add(serializer);
        keySerializers.add(keySerializer);
        return index;
    }

    /** @return the current key's slot i, or null (expired slots are dropped). */
    private Object read(final int i)
    {
        if (current == null || i >= current.length)
        {
            return null;
        }
        final Object v = current[i];
        if (v instanceof Expiring e)
        {
            if (e.expiresAt() <= clock.getAsLong())
            {
                write(i, null);
                return null;
            }
            return e.value();
        }
        return v;
    }

    private void write(final int i, final Object value)
    {
        if (value == null)
        {
            if (current != null && i < current.length)
            {
                current[i] = null;
                dropKeyIfEmpty();
            }
            return;
        }
        if (current == null || current.length < names.size())
        {
            final Object[] grown = new Object[names.size()];
            if (current != null)
            {
                System.arraycopy(current, 0, grown, 0, current.length);
            }
            current = grown;
            if (longKeys)
            {
                byLong.put(currentLong, current);
            }
            else
            {
                byKey.put(currentKey, current);
            }
        }
        final long ttl = ttls.get(i);
        current[i] = ttl == 0 ? value : new Expiring(value, clock.getAsLong() + ttl);
    }

    private void dropKeyIfEmpty()
    {
        for (final Object v : current)
        {
            if (v != null)
            {
                return;
            }
        }
        if (longKeys)
        {
            byLong.remove(currentLong);
        }
        else
        {
            byKey.remove(currentKey);
        }
        current = null;
    }

    /**
     * @param name a state name, unique per operator.
     * @param ttl  time-to-live, or {@code null} for none.
     * @param <T>  the value type.
     * @return the handle.
     */
    public <T> ValueState<T> valueState(final String name, final Duration ttl)
    {
        return valueState(name, null, ttl);
    }

    /**
     * @param name a state name, unique per operator.
     * @param ttl  time-to-live of the whole list (refreshed by every write), or {@code null}.
     * @param <T>  the element type.
     * @return the handle.
     */
    public <T> ListState<T> listState(final String name, final Duration ttl)
    {
        return listState(name, null, ttl);
    }

    /**
     * @param name a state name, unique per operator.
     * @param ttl  time-to-live of each entry (set when the entry is written), or {@code null}.
     * @param <K>  map key type.
     * @param <V>  map value type.
     * @return the handle.
     */
    public <K, V> MapState<K, V> mapState(final String name, final Duration ttl)
    {
        return mapState(name, null, null, ttl);
    }

    /**
     * @param name   a state name, unique per operator.
     * @param reduce folds a new value into the current one.
     * @param ttl    time-to-live, or {@code null}.
     * @param <T>    the value type.
     * @return the handle.
     */
    public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce, final Duration ttl)
    {
        return reducingState(name, reduce, null, ttl);
    }

    /**
     * @param name     a state name, unique per operator.
     * @param function the aggregate.
     * @param ttl      time-to-live, or {@code null}.
     * @param <IN>     input type.
     * @param <ACC>    accumulator type.
     * @param <OUT>    result type.
     * @return the handle.
     */
    public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(final String name,
        final AggregateFunction<IN, ACC, OUT> function, final Duration ttl)
    {
        return aggregatingState(name, function, null, ttl);
    }

    @Override
    public void flush()
    {
        // objects on the heap: nothing buffered
    }

    /**
     * Serializes every key's slots now (functions change heap values in place, so nothing can be shared with the
     * snapshot); the returned snapshot only writes those bytes out. Expired values are kept with their expiry.
     *
     * @throws StateException naming the state when a value has neither a serializer nor a built-in form
     *                        ({@link HeapValueCodec}), or a composite key holds a value of an unsupported type.
     */
    @Override
    public OperatorSnapshot snapshot(final long checkpointId)
    {
        final SnapshotBytes out = new SnapshotBytes();
        try
        {
            out.putInt(MAGIC);
            out.putInt(VERSION);
            out.putByte(longKeys ? 1 : 0);
            out.putInt(names.size());
            for (final Map.Entry<String, Integer> e : names.entrySet())
            {
                out.putByte(kinds.get(e.getValue()));
                final byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.putInt(name.length);
                out.putBytes(name);
            }
            out.putLong(keyCount());
            if (longKeys)
            {
                byLong.forEachLong((key, slots) ->
                {
                    final long length = out.reserveInt();
                    final long start = out.size();
                    out.putLong(key);
                    writeSlots(out, slots);
                    out.patchInt(length, (int)(out.size() - start));
                });
            }
            else
            {
                final KeyCodec codec = new KeyCodec();
                for (final Map.Entry<Object, Object[]> e : byKey.entrySet())
                {
                    final long length = out.reserveInt();
                    final long start = out.size();
                    final boolean list = e.getKey() instanceof List;
                    final byte[] key = codec.encode(e.getKey(), 0, true);
                    out.putByte(list ? 0 : 1);
                    out.putInt(key.length);
                    out.putBytes(key);
                    writeSlots(out, e.getValue());
                    out.patchInt(length, (int)(out.size() - start));
                }
            }
        }
        catch (final RuntimeException e)
        {
            out.release();
            throw e;
        }
        return new HeapSnapshot(out);
    }

    private void writeSlots(final SnapshotBytes out, final Object[] slots)
    {
        final long count = out.reserveInt();
        int n = 0;
        for (int i = 0; i < slots.length; i++)
        {
            final Object slot = slots[i];
            if (slot == null)
            {
                continue;
            }
            n++;
            out.putInt(i);
            final long length = out.reserveInt();
            final long start = out.size();
            writeSlot(out, i, slot);
            out.patchInt(length, (int)(out.size() - start));
        }
        out.patchInt(count, n);
    }

    @SuppressWarnings("rawtypes")
    private void writeSlot(final SnapshotBytes out, final int i, final Object slot)
    {
        final String state = stateNames.get(i);
        final StateSerializer serializer = serializers.get(i);
        switch (kinds.get(i))
        {
            case LIST ->
            {
                final Object list = writeExpiry(out, slot);
                final List<?> elements = (List<?>)list;
                out.putInt(elements.size());
                for (int k = 0, n = elements.size(); k < n; k++)
                {
                    HeapValueCodec.write(out, elements.get(k), serializer, state);
                }
            }
            case MAP ->
            {
                final StateSerializer keySerializer = keySerializers.get(i);
                final Map<?, ?> map = (Map<?, ?>)slot;
                out.putInt(map.size());
                for (final Map.Entry<?, ?> e : map.entrySet())
                {
                    HeapValueCodec.write(out, e.getKey(), keySerializer, state);
                    HeapValueCodec.write(out, writeExpiry(out, e.getValue()), serializer, state);
                }
            }
            default -> HeapValueCodec.write(out, writeExpiry(out, slot), serializer, state);
        }
    }

    /** Writes the expiry of {@code stored}. @return the value inside it. */
    private static Object writeExpiry(final SnapshotBytes out, final Object stored)
    {
        if (stored instanceof Expiring e)
        {
            out.putByte(1);
            out.putLong(e.expiresAt());
            return e.value();
        }
        out.putByte(0);
        return stored;
    }

    /**
     * Reads the heap snapshot file of every directory, keeping the keys {@code owned} accepts. Each file's checksum
     * is verified before anything is read from it, so a corrupt file restores nothing from itself.
     *
     * @throws StateException naming the file when it is missing, truncated or corrupt, or was written for the other
     *                        kind of key; naming the state when its kind changed or its values cannot be read.
     */
    @Override
    public void restore(final RestoreContext context, final KeyFilter owned)
    {
        for (final Path directory : context.directories())
        {
            restoreFile(directory.resolve(FILE), owned);
        }
        current = null;
    }

    private void restoreFile(final Path file, final KeyFilter owned)
    {
        if (!Files.isRegularFile(file))
        {
            throw new StateException("keyed state snapshot " + file + " is missing (was the checkpoint written by " +
                "another state backend?)", null);
        }
        final long size;
        try
        {
            size = verifyChecksum(file);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read keyed state snapshot " + file + ": " + e, e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            readSnapshot(in, owned, file);
            if (in.available() != 4)
            {
                throw new StateException("keyed state snapshot " + file + " is corrupt: " + (size - 4) +
                    " bytes of content, records end elsewhere", null);
            }
        }
        catch (final IOException e)
        {
            throw new StateException("keyed state snapshot " + file + " is corrupt or unreadable: " + e, e);
        }
        catch (final RuntimeException e)
        {
            // a StateSerializer's or a KeyFilter's failure, or a state error that does not name the file yet
            throw e instanceof StateException && e.getMessage().contains(file.toString()) ? e
                : new StateException("cannot restore keyed state from " + file + ": " + e.getMessage(), e);
        }
    }

    /** @return the file's size, after checking that its last four bytes are the CRC32C of the rest. */
    private static long verifyChecksum(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < 4 + 21)
            {
                throw new StateException("keyed state snapshot " + file + " is truncated (" + size + " bytes)", null);
            }
            final CRC32C crc = new CRC32C();
            final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
            long left = size - 4;
            while (left > 0)
            {
                buffer.clear().limit((int)Math.min(buffer.capacity(), left));
                final int n = channel.read(buffer);
                if (n < 0)
                {
                    throw new EOFException();
                }
                left -= n;
                crc.update(buffer.flip());
            }
            final ByteBuffer tail = ByteBuffer.allocate(4);
            while (tail.hasRemaining() && channel.read(tail) >= 0)
            {
                // read the stored checksum
            }
            if (tail.hasRemaining() || tail.getInt(0) != (int)crc.getValue())
            {
                throw new StateException("keyed state snapshot " + file + " is corrupt or truncated (checksum " +
                    "mismatch over " + (size - 4) + " bytes)", null);
            }
            return size;
        }
    }

    private void readSnapshot(final DataInputStream in, final KeyFilter owned, final Path file) throws IOException
    {
        if (in.readInt() != MAGIC)
        {
            throw new StateException("keyed state snapshot " + file + " is not a heap state snapshot", null);
        }
        final int version = in.readInt();
        if (version != VERSION)
        {
            throw new StateException("keyed state snapshot " + file + " has format version " + version +
                ", this build reads " + VERSION, null);
        }
        final boolean snapshotLongKeys = in.readByte() != 0;
        if (snapshotLongKeys != longKeys)
        {
            throw new StateException("keyed state snapshot " + file + " holds " + (snapshotLongKeys ? "integer" :
                "composite") + " keys, this operator has " + (longKeys ? "integer" : "composite") + " keys", null);
        }
        final int stateCount = in.readInt();
        // snapshot state index -> registered index, or -1 when not registered here (skipped)
        final int[] local = new int[stateCount];
        for (int s = 0; s < stateCount; s++)
        {
            final byte kind = in.readByte();
            final byte[] name = new byte[in.readInt()];
            in.readFully(name);
            final String stateName = new String(name, StandardCharsets.UTF_8);
            final Integer index = names.get(stateName);
            local[s] = index == null ? -1 : index;
            if (index != null && kinds.get(index) != kind)
            {
                throw new StateException("state '" + stateName + "' is a " + KIND_NAMES[kind] + " state in " +
                    "snapshot " + file + " but registered as a " + KIND_NAMES[kinds.get(index)] + " state", null);
            }
        }
        final long keys = in.readLong();
        for (long k = 0; k < keys; k++)
        {
            final int length = in.readInt();
            if (longKeys)
            {
                final long key = in.readLong();
                if (!owned.ownsLong(key))
                {
                    in.skipNBytes(length - 8);
                    continue;
                }
                Object[] slots = byLong.get(key);
                slots = readSlots(in, local, slots);
                byLong.put(key, slots);
            }
            else
            {
                final boolean list = in.readByte() == 0;
                final byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                final List<Object> values = KeyCodec.decode(encoded, 0, encoded.length);
                final Object key = list ? values : values.getFirst();
                if (!owned.owns(key))
                {
                    in.skipNBytes(length - 5 - encoded.length);
                    continue;
                }
                byKey.put(key, readSlots(in, local, byKey.get(key)));
            }
        }
    }

    private Object[] readSlots(final DataInputStream in, final int[] local, final Object[] existing)
        throws IOException
    {
        Object[] slots = existing;
        if (slots == null || slots.length < names.size())
        {
            slots = existing == null ? new Object[names.size()] : Arrays.copyOf(existing, names.size());
        }
        final int count = in.readInt();
        for (int c = 0; c < count; c++)
        {
            final int state = in.readInt();
            final int length = in.readInt();
            final int i = state >= 0 && state < local.length ? local[state] : -2;
            if (i == -2)
            {
                throw new StateException("corrupt slot: state " + state + " of " + local.length, null);
            }
            if (i < 0)
            {
                in.skipNBytes(length);
                continue;
            }
            slots[i] = readSlot(in, i);
        }
        return slots;
    }

    private Object readSlot(final DataInputStream in, final int i) throws IOException
    {
        final String state = stateNames.get(i);
        final StateSerializer<?> serializer = serializers.get(i);
        switch (kinds.get(i))
        {
            case LIST ->
            {
                final long expiresAt = readExpiry(in);
                final int n = in.readInt();
                final List<Object> list = new ArrayList<>(n);
                for (int k = 0; k < n; k++)
                {
                    list.add(HeapValueCodec.read(in, serializer, state));
                }
                return expiring(list, expiresAt);
            }
            case MAP ->
            {
                final StateSerializer<?> keySerializer = keySerializers.get(i);
                final int n = in.readInt();
                final Map<Object, Object> map = new HashMap<>();
                for (int k = 0; k < n; k++)
                {
                    final Object key = HeapValueCodec.read(in, keySerializer, state);
                    final long expiresAt = readExpiry(in);
                    map.put(key, expiring(HeapValueCodec.read(in, serializer, state), expiresAt));
                }
                return map;
            }
            default ->
            {
                final long expiresAt = readExpiry(in);
                return expiring(HeapValueCodec.read(in, serializer, state), expiresAt);
            }
        }
    }

    /** @return the expiry time, or {@link Long#MIN_VALUE} for none. */
    private static long readExpiry(final DataInputStream in) throws IOException
    {
        return in.readByte() == 0 ? Long.MIN_VALUE : in.readLong();
    }

    private static Object expiring(final Object value, final long expiresAt)
    {
        return expiresAt == Long.MIN_VALUE ? value : new Expiring(value, expiresAt);
    }

    /** The captured bytes of a heap snapshot; writes them to {@link #FILE}. */
    private static final class HeapSnapshot implements OperatorSnapshot
    {
        private final SnapshotBytes bytes;

        HeapSnapshot(final SnapshotBytes bytes)
        {
            this.bytes = bytes;
        }

        @Override
        public void writeTo(final SnapshotTarget target) throws IOException
        {
            try (FileChannel channel = FileChannel.open(target.directory().resolve(FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))
            {
                bytes.writeTo(channel);
                channel.force(true);
            }
        }

        @Override
        public void discard()
        {
            bytes.release();
        }
    }

    @Override
    public void close()
    {
        byLong.clear();
        byKey.clear();
        current = null;
    }

    @Override
    public <T> ValueState<T> valueState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        final int i = register(name, ttl, VALUE, serializer, null);
        return new ValueState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public T value()
            {
                return (T)read(i);
            }

            @Override
            public void update(final T value)
            {
                write(i, value);
            }

            @Override
            public void clear()
            {
                write(i, null);
            }
        };
    }

    @Override
    public <T> ListState<T> listState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        final int i = register(name, ttl, LIST, serializer, null);
        return new ListState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public List<T> get()
            {
                final Object v = read(i);
                return v == null ? Collections.emptyList() : Collections.unmodifiableList((List<T>)v);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void add(final T element)
            {
                List<T> list = (List<T>)read(i);
                if (list == null)
                {
                    list = new ArrayList<>();
                }
                list.add(element);
                write(i, list);
            }

            @Override
            public void update(final List<T> elements)
            {
                write(i, elements == null || elements.isEmpty() ? null : new ArrayList<>(elements));
            }

            @Override
            public void clear()
            {
                write(i, null);
            }
        };
    }

    @Override
    public <K, V> MapState<K, V> mapState(final String name, final StateSerializer<K> keys,
        final StateSerializer<V> values, final Duration ttl)
    {
        // entries expire one by one, so the slot itself has no time-to-live
        final int i = register(name, null, MAP, values, keys);
        final long entryTtl = ttl == null ? 0 : ttl.toMillis();
        if (ttl != null && (ttl.isNegative() || ttl.isZero()))
        {
            throw new IllegalArgumentException("state '" + name + "': ttl must be positive, was " + ttl);
        }
        return new MapState<>()
        {
            @SuppressWarnings("unchecked")
            private Map<K, Object> map()
            {
                return (Map<K, Object>)read(i);
            }

            @SuppressWarnings("unchecked")
            private V live(final Map<K, Object> m, final K key)
            {
                final Object v = m.get(key);
                if (v instanceof Expiring e)
                {
                    if (e.expiresAt() <= clock.getAsLong())
                    {
                        m.remove(key);
                        if (m.isEmpty())
                        {
                            write(i, null);
                        }
                        return null;
                    }
                    return (V)e.value();
                }
                return (V)v;
            }

            @Override
            public V get(final K key)
            {
                final Map<K, Object> m = map();
                return m == null ? null : live(m, key);
            }

            @Override
            public void put(final K key, final V value)
            {
                if (value == null)
                {
                    remove(key);
                    return;
                }
                Map<K, Object> m = map();
                if (m == null)
                {
                    m = new HashMap<>();
                }
                m.put(key, entryTtl == 0 ? value : new Expiring(value, clock.getAsLong() + entryTtl));
                write(i, m);
            }

            @Override
            public void remove(final K key)
            {
                final Map<K, Object> m = map();
                if (m != null)
                {
                    m.remove(key);
                    write(i, m.isEmpty() ? null : m);
                }
            }

            @Override
            public boolean contains(final K key)
            {
                final Map<K, Object> m = map();
                return m != null && live(m, key) != null;
            }

            @Override
            public Map<K, V> entries()
            {
                final Map<K, Object> m = map();
                if (m == null)
                {
                    return Collections.emptyMap();
                }
                final Map<K, V> out = new LinkedHashMap<>();
                for (final K key : new ArrayList<>(m.keySet()))
                {
                    final V v = live(m, key);
                    if (v != null)
                    {
                        out.put(key, v);
                    }
                }
                return Collections.unmodifiableMap(out);
            }

            @Override
            public void clear()
            {
                write(i, null);
            }
        };
    }

    @Override
    public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce,
        final StateSerializer<T> serializer, final Duration ttl)
    {
        final int i = register(name, ttl, REDUCING, serializer, null);
        return new ReducingState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public T get()
            {
                return (T)read(i);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void add(final T value)
            {
                final T old = (T)read(i);
                write(i, old == null ? value : reduce.apply(old, value));
            }

            @Override
            public void clear()
            {
                write(i, null);
            }
        };
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(final String name,
        final AggregateFunction<IN, ACC, OUT> function, final StateSerializer<ACC> accumulators, final Duration ttl)
    {
        final int i = register(name, ttl, AGGREGATING, accumulators, null);
        return new AggregatingState<>()
        {
            @Override
            @SuppressWarnings("unchecked")
            public OUT get()
            {
                final ACC acc = (ACC)read(i);
                return acc == null ? null : function.getResult(acc);
            }

            @Override
            @SuppressWarnings("unchecked")
            public void add(final IN value)
            {
                ACC acc = (ACC)read(i);
                if (acc == null)
                {
                    acc = function.createAccumulator();
                }
                write(i, function.add(acc, value));
            }

            @Override
            public void clear()
            {
                write(i, null);
            }
        };
    }
}
