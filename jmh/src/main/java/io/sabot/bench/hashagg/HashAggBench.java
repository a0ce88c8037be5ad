package io.sabot.bench.hashagg;

import java.util.HashMap;
import java.util.List;
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
 * {@code HashMap<Long, long[]>} baseline in the same run. Each row's group is uniform random in
 * {@code [0, groups)}; see {@link #keys} for how a group becomes a key.
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

    /** Rows per pass. */
    @Param({"1000", "1000000", "10000000"})
    public int size;

    /** Distinct groups drawn from (at most {@code size} of them appear). */
    @Param({"1000", "1000000"})
    public int groups;

    /**
     * {@code dense}: keys are 0..groups-1 (the direct map applies); {@code spread}: each group number times a large
     * odd constant (keys all over the int64 range, so every row goes through the hash table).
     */
    @Param({"dense", "spread"})
    public String keys;

    private BufferAllocator allocator;
    private BigIntVector keyVector;
    private BigIntVector valueVector;
    private List<FieldVector> keyList;
    private List<FieldVector> valueList;
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

    /** Builds the int64 key and value vectors (off-heap) and their on-heap copies for the baseline. */
    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        keyVector = new BigIntVector("k", allocator);
        valueVector = new BigIntVector("v", allocator);
        keyVector.allocateNew(size);
        valueVector.allocateNew(size);
        final boolean spread = keys.equals("spread");
        keyArray = new long[size];
        valueArray = new long[size];
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            final long group = random.nextInt(groups);
            keyArray[i] = spread ? group * 0x9E3779B97F4A7C15L : group;
            valueArray[i] = random.nextInt(1_000_000);
            keyVector.set(i, keyArray[i]);
            valueVector.set(i, valueArray[i]);
        }
        keyVector.setValueCount(size);
        valueVector.setValueCount(size);
        keyList = List.of(keyVector);
        valueList = List.of(valueVector);
        morsels = new Rows[(size + MORSEL - 1) / MORSEL];
        for (int m = 0; m < morsels.length; m++)
        {
            final int offset = m * MORSEL;
            morsels[m] = Rows.range(offset, Math.min(MORSEL, size - offset));
        }
        aggregator = HashAggregator.builder(allocator).groupBy("k").sum("v").build();
        map = new HashMap<>();
    }

    /** Frees the aggregator and the vectors. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        aggregator.close();
        keyVector.close();
        valueVector.close();
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
