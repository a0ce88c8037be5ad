package io.sabot.bench.runtime;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.state.ValueState;
import org.agrona.collections.Long2LongHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A keyed process function with value state (a running count per key, an output row every 1,000th row of a key)
 * over {@code events} generated events of {@link TumblingWindowBench}'s workload, one worker, beside its twin: the
 * same count in a plain Java loop over the same generated values into an Agrona {@code Long2LongHashMap} (no
 * engine, no Arrow). The ratio is the per-row cost of the operator, the row view and the state handles.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class KeyedProcessBench
{
    /** Events per run. */
    @Param({"20000000"})
    public long events;

    private static final Schema SCHEMA = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(32, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));
    private static final Schema OUT = new Schema(List.of(Field.notNullable("key", new ArrowType.Int(64, true)),
        Field.notNullable("n", new ArrowType.Int(64, true))));

    private BufferAllocator allocator;

    /** Running count per key; every 1,000th row of a key emits (key, count). */
    static final class Count implements KeyedProcessFunction
    {
        private ValueState<long[]> count;

        @Override
        public void open(final KeyedContext ctx, final Row schema)
        {
            count = ctx.valueState("count", null);
        }

        @Override
        public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
        {
            long[] n = count.value();
            if (n == null)
            {
                n = new long[1];
                count.update(n);
            }
            if (++n[0] % 1000 == 0)
            {
                out.emit(ctx.currentKey(), n[0]);
            }
        }
    }

    /** A fresh allocator per trial. */
    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator();
    }

    /** Closes it (fails on a leak). */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        allocator.close();
    }

    /** @return output rows. */
    @Benchmark
    public long sabotKeyedProcess()
    {
        final AtomicLong rows = new AtomicLong();
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(allocator).build())
        {
            env.from(GeneratorSource.builder(SCHEMA, TumblingWindowBench.EVENTS).rows(events).batchRows(65536)
                    .build())
                .keyBy("key").process(Count::new, OUT)
                .writeTo(Sinks.callback(batch -> rows.addAndGet(batch.rowCount())));
            env.execute("keyed-process");
        }
        return rows.get();
    }

    /** @return output rows of the plain loop (same generated keys, same counting, no engine). */
    @Benchmark
    public long plainJavaLoop()
    {
        final Long2LongHashMap counts = new Long2LongHashMap(0);
        long rows = 0;
        for (long i = 0; i < events; i++)
        {
            final long m = TumblingWindowBench.mix(i);
            // the generator's other columns, so both sides compute the same values
            final long amount = Long.remainderUnsigned(m >>> 11, 100_000);
            final long ts = i / 50 - ((m >>> 40) & 0x3F);
            final long key = Long.remainderUnsigned(m, 1000) + (amount + ts) * 0;
            final long n = counts.get(key) + 1;
            counts.put(key, n);
            rows += n % 1000 == 0 ? 1 : 0;
        }
        return rows;
    }
}
