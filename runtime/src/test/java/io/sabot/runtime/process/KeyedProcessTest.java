package io.sabot.runtime.process;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.state.AggregateFunction;
import io.sabot.runtime.state.AggregatingState;
import io.sabot.runtime.state.KeyedStateStore;
import io.sabot.runtime.state.ListState;
import io.sabot.runtime.state.MapState;
import io.sabot.runtime.state.ReducingState;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyed process functions: event-time timers per key against brute force at parallelism 1 and 2 (a per-second
 * count kept in map state, emitted by a timer at the second's end), composite keys, and every state type with
 * time-to-live on an injected clock.
 */
class KeyedProcessTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final Schema EVENTS_SCHEMA = new Schema(List.of(
        Field.notNullable("k", new ArrowType.Int(64, true)), Field.notNullable("city", ArrowType.Utf8.INSTANCE),
        Field.notNullable("ts", new ArrowType.Int(64, true))));
    private static final long ROWS = 60_000;

    static long mix(final long v)
    {
        long x = v + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    private static final String[] CITIES = {"Paris", "Lyon", "Nice"};

    /** Row i: key m % 40, a city, event time i / 10 - (m >>> 40 &amp; 31). */
    private static final RowGenerator EVENTS = (first, count, columns) ->
    {
        final BigIntVector k = (BigIntVector)columns.get(0);
        final VarCharVector city = (VarCharVector)columns.get(1);
        final BigIntVector ts = (BigIntVector)columns.get(2);
        for (int i = 0; i < count; i++)
        {
            final long row = first + i;
            final long m = mix(row);
            k.set(i, Long.remainderUnsigned(m, 40));
            city.setSafe(i, CITIES[(int)Long.remainderUnsigned(m >>> 20, 3)].getBytes(StandardCharsets.UTF_8));
            ts.set(i, row / 10 - ((m >>> 40) & 31));
        }
    };

    /** Counts rows per key and second in map state; a timer at the second's last ms emits and forgets it. */
    static final class PerSecondCount implements KeyedProcessFunction
    {
        private MapState<Long, Long> counts;
        private int ts;

        @Override
        public void open(final KeyedContext ctx, final Row schema)
        {
            counts = ctx.mapState("counts", null);
            ts = schema.column("ts");
        }

        @Override
        public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
        {
            final long second = Math.floorDiv(row.getLong(ts), 1000);
            final Long n = counts.get(second);
            counts.put(second, n == null ? 1 : n + 1);
            ctx.registerEventTimeTimer(second * 1000 + 999);
        }

        @Override
        public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
        {
            final long second = Math.floorDiv(timestamp, 1000);
            out.emit(ctx.currentKey(), second * 1000, counts.get(second));
            counts.remove(second);
        }
    }

    @Test
    void timersPerKeyEqualBruteForceAtParallelismOneAndTwo()
    {
        final Map<List<Long>, Long> expected = new HashMap<>();
        for (long row = 0; row < ROWS; row++)
        {
            final long m = mix(row);
            final long t = row / 10 - ((m >>> 40) & 31);
            expected.merge(List.of(Long.remainderUnsigned(m, 40), Math.floorDiv(t, 1000) * 1000), 1L, Long::sum);
        }
        final List<List<Object>> reference = new ArrayList<>();
        expected.forEach((key, n) -> reference.add(List.of(key.get(0), key.get(1), n)));
        reference.sort(Comparator.comparing(Object::toString));
        final Schema out = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
            Field.notNullable("second", new ArrowType.Int(64, true)),
            Field.notNullable("n", new ArrowType.Int(64, true))));
        for (final int parallelism : new int[] {1, 2})
        {
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(700)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                env.from(Sources.generator(EVENTS_SCHEMA, ROWS, EVENTS)).withEventTime("ts", Duration.ofMillis(32))
                    .keyBy("k").process(PerSecondCount::new, out).writeTo(sink);
                env.execute("per-second counts");
                final List<List<Object>> actual = new ArrayList<>(sink.rows());
                actual.sort(Comparator.comparing(Object::toString));
                assertEquals(reference, actual, "parallelism " + parallelism);
            }
        }
    }

    @Test
    void compositeKeysAndEndOfInputTimers()
    {
        final Schema out = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
            Field.notNullable("city", ArrowType.Utf8.INSTANCE), Field.notNullable("n", new ArrowType.Int(64, true))));
        final Map<List<Object>, Long> expected = new HashMap<>();
        for (long row = 0; row < 5_000; row++)
        {
            final long m = mix(row);
            expected.merge(List.of(Long.remainderUnsigned(m, 40), CITIES[(int)Long.remainderUnsigned(m >>> 20, 3)]),
                1L, Long::sum);
        }
        final List<List<Object>> reference = new ArrayList<>();
        expected.forEach((key, n) -> reference.add(List.of(key.get(0), key.get(1), n)));
        reference.sort(Comparator.comparing(Object::toString));
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .build())
        {
            final CollectSink sink = Sinks.collect();
            env.from(Sources.generator(EVENTS_SCHEMA, 5_000, EVENTS)).keyBy("k", "city")
                .process(() -> new KeyedProcessFunction()
                {
                    private ValueState<Long> count;

                    @Override
                    public void open(final KeyedContext ctx, final Row schema)
                    {
                        count = ctx.valueState("count", null);
                    }

                    @Override
                    public void processRow(final Row row, final KeyedContext ctx, final RowOutput o)
                    {
                        count.update(count.value() == null ? 1L : count.value() + 1);
                        // no watermarks here: fires at end of input
                        ctx.registerEventTimeTimer(Long.MAX_VALUE - 1);
                    }

                    @Override
                    public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput o)
                    {
                        final List<?> key = (List<?>)ctx.currentKey();
                        o.emit(key.get(0), key.get(1), count.value());
                    }
                }, out).writeTo(sink);
            env.execute("composite keys");
            final List<List<Object>> actual = new ArrayList<>(sink.rows());
            actual.sort(Comparator.comparing(Object::toString));
            assertEquals(reference, actual);
        }
    }

    @Test
    void everyStateTypeScopesToTheKeyAndExpiresAfterItsTimeToLive()
    {
        final AtomicLong now = new AtomicLong(1_000);
        final KeyedStateStore store = new KeyedStateStore(true, now::get);
        final ValueState<String> value = store.valueState("v", Duration.ofMillis(100));
        final ListState<Integer> list = store.listState("l", null);
        final MapState<String, Integer> map = store.mapState("m", null);
        final ReducingState<Long> sum = store.reducingState("r", Long::sum, null);
        final AggregatingState<Long, Double> mean = store.aggregatingState("a",
            new AggregateFunction<Long, long[], Double>()
            {
                @Override
                public long[] createAccumulator()
                {
                    return new long[2];
                }

                @Override
                public long[] add(final long[] acc, final Long v)
                {
                    acc[0] += v;
                    acc[1]++;
                    return acc;
                }

                @Override
                public Double getResult(final long[] acc)
                {
                    return (double)acc[0] / acc[1];
                }
            }, null);
        assertThrows(IllegalStateException.class, () -> store.valueState("v", null));
        store.setCurrentKey(7);
        value.update("seven");
        list.add(1);
        list.add(2);
        map.put("a", 1);
        sum.add(5L);
        sum.add(6L);
        mean.add(2L);
        mean.add(4L);
        store.setCurrentKey(8);
        assertNull(value.value());
        assertTrue(list.get().isEmpty());
        assertNull(sum.get());
        value.update("eight");
        store.setCurrentKey(7);
        assertEquals("seven", value.value());
        assertEquals(List.of(1, 2), list.get());
        assertEquals(Map.of("a", 1), map.entries());
        assertEquals(11L, sum.get());
        assertEquals(3.0, mean.get());
        assertEquals(2, store.keyCount());
        // time-to-live: the value of key 7 expires, the others stay
        now.addAndGet(100);
        assertNull(value.value());
        assertEquals(List.of(1, 2), list.get());
        // clearing everything of a key forgets the key
        list.clear();
        map.remove("a");
        sum.clear();
        mean.clear();
        assertEquals(1, store.keyCount());
        store.setCurrentKey(8);
        assertNull(value.value(), "key 8's value expired too");
        assertEquals(0, store.keyCount());
    }
}
