package io.sabot.bench.hashagg;

import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Rows;
import io.sabot.kernels.hashagg.HashAggregator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code SELECT k, sum(v) FROM t GROUP BY k} over int64 keys and values, single thread: Sabot's
 * {@link HashAggregator} (fed in morsels of {@value #MORSEL} rows, as the engine does) beside a plain
 * {@code HashMap<Long, long[]>} baseline in the same run. Keys are uniform random in {@code [0, groups)}.
 *
 * <p>The {@code rows} aux counter reports rows/s directly; one operation is a whole pass over {@code size} rows
 * (after a {@code reset()}, which keeps the aggregator's memory).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class HashAggBench
{
    private static final int MORSEL = 1 << 16;

    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"1000", "1000000"})
    public int groups;

    private BufferAllocator allocator;
    private BigIntVector keys;
    private BigIntVector values;
    private java.util.List<FieldVector> keyList;
    private java.util.List<FieldVector> valueList;
    private Rows[] morsels;
    private long[] keyArray;
    private long[] valueArray;
    private HashAggregator aggregator;
    private HashMap<Long, long[]> map;

    /** Rows processed, reported by JMH as rows/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters
    {
        /** Rows aggregated. */
        public long rows;
    }

    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        keys = new BigIntVector("k", allocator);
        values = new BigIntVector("v", allocator);
        keys.allocateNew(size);
        values.allocateNew(size);
        keyArray = new long[size];
        valueArray = new long[size];
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            keyArray[i] = random.nextInt(groups);
            valueArray[i] = random.nextInt(1_000_000);
            keys.set(i, keyArray[i]);
            values.set(i, valueArray[i]);
        }
        keys.setValueCount(size);
        values.setValueCount(size);
        keyList = java.util.List.of(keys);
        valueList = java.util.List.of(values);
        morsels = new Rows[(size + MORSEL - 1) / MORSEL];
        for (int m = 0; m < morsels.length; m++)
        {
            final int offset = m * MORSEL;
            morsels[m] = Rows.range(offset, Math.min(MORSEL, size - offset));
        }
        aggregator = HashAggregator.builder(allocator).groupBy("k").sum("v").build();
        map = new HashMap<>();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        aggregator.close();
        keys.close();
        values.close();
        allocator.close();
    }

    /** Sabot: reset, then add every morsel. */
    @Benchmark
    public void sabot(final Counters counters, final Blackhole blackhole)
    {
        final HashAggregator agg = aggregator;
        agg.reset();
        for (final Rows morsel : morsels)
        {
            agg.add(morsel, keyList, valueList);
        }
        counters.rows += size;
        blackhole.consume(agg.groupCount());
    }

    /** Java baseline: a HashMap from boxed key to a one-element sum array, over on-heap arrays. */
    @Benchmark
    public void javaHashMap(final Counters counters, final Blackhole blackhole)
    {
        final HashMap<Long, long[]> m = map;
        m.clear();
        final long[] k = keyArray;
        final long[] v = valueArray;
        for (int i = 0; i < k.length; i++)
        {
            m.computeIfAbsent(k[i], unused -> new long[1])[0] += v[i];
        }
        counters.rows += size;
        blackhole.consume(m.size());
    }
}
