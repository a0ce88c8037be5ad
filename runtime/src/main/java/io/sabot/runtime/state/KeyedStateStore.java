package io.sabot.runtime.state;

import org.agrona.collections.Long2ObjectHashMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.LongSupplier;

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
 * <p>Thread-safety: not thread-safe; one operator instance, one thread at a time.
 */
public final class KeyedStateStore implements KeyedStateBackend
{
    private record Expiring(Object value, long expiresAt)
    {
    }

    private final boolean longKeys;
    private final LongSupplier clock;
    private final Long2ObjectHashMap<Object[]> byLong = new Long2ObjectHashMap<>();
    private final Map<Object, Object[]> byKey = new HashMap<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final List<Long> ttls = new ArrayList<>();
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
        final int index = names.size();
        names.put(name, index);
        ttls.add(ttl == null ? 0L : ttl.toMillis());
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

    @Override
    public <T> ValueState<T> valueState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        return valueState(name, ttl);
    }

    @Override
    public <T> ListState<T> listState(final String name, final StateSerializer<T> serializer, final Duration ttl)
    {
        return listState(name, ttl);
    }

    @Override
    public <K, V> MapState<K, V> mapState(final String name, final StateSerializer<K> keys,
        final StateSerializer<V> values, final Duration ttl)
    {
        return mapState(name, ttl);
    }

    @Override
    public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce,
        final StateSerializer<T> serializer, final Duration ttl)
    {
        return reducingState(name, reduce, ttl);
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(final String name,
        final AggregateFunction<IN, ACC, OUT> function, final StateSerializer<ACC> accumulators, final Duration ttl)
    {
        return aggregatingState(name, function, ttl);
    }

    @Override
    public void flush()
    {
        // objects on the heap: nothing buffered
    }

    @Override
    public void close()
    {
        byLong.clear();
        byKey.clear();
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
        final int i = register(name, ttl);
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

    /**
     * @param name a state name, unique per operator.
     * @param ttl  time-to-live of the whole list (refreshed by every write), or {@code null}.
     * @param <T>  the element type.
     * @return the handle.
     */
    public <T> ListState<T> listState(final String name, final Duration ttl)
    {
        final int i = register(name, ttl);
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

    /**
     * @param name a state name, unique per operator.
     * @param ttl  time-to-live of each entry (set when the entry is written), or {@code null}.
     * @param <K>  map key type.
     * @param <V>  map value type.
     * @return the handle.
     */
    public <K, V> MapState<K, V> mapState(final String name, final Duration ttl)
    {
        // entries expire one by one, so the slot itself has no time-to-live
        final int i = register(name, null);
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

    /**
     * @param name   a state name, unique per operator.
     * @param reduce folds a new value into the current one.
     * @param ttl    time-to-live, or {@code null}.
     * @param <T>    the value type.
     * @return the handle.
     */
    public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce, final Duration ttl)
    {
        final int i = register(name, ttl);
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
        final int i = register(name, ttl);
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
