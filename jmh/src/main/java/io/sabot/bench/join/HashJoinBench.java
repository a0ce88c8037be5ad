package io.sabot.bench.join;

import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Batch;
import io.sabot.kernels.join.HashJoinProbe;
import io.sabot.kernels.join.HashJoinTable;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.join.ProbeResult;
import io.sabot.simd.Hash64;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hash join probe throughput, single thread: a 1M-row int64 build side, {@code size} probe rows that each match
 * exactly one build row, counted. {@code keys=random} uses distinct pseudo-random 64-bit keys (open-addressing
 * index); {@code keys=dense} uses the keys 0..1M-1 in shuffled order (direct-index array). The
 * {@code HashMap<Long, Integer>} baseline probes the same keys from a {@code long[]}.
 *
 * <p>Report rows/s as {@code size / time}; every benchmark returns or consumes its match count, and
 * {@link #checkCounts()} asserts the counts once per trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HashJoinBench
{
    private static final int BUILD_ROWS = 1_000_000;

    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"random", "dense"})
    public String keys;

    private BufferAllocator allocator;
    private HashJoinTable table;
    private HashJoinProbe counter;
    private HashJoinProbe pairs;
    private Batch probe;
    private long[] probeKeys;
    private HashMap<Long, Integer> map;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final boolean dense = "dense".equals(keys);
        final long[] buildKeys = new long[BUILD_ROWS];
        for (int i = 0; i < BUILD_ROWS; i++)
        {
            // hashLong is a bijection, so the random keys are distinct.
            buildKeys[i] = dense ? i : Hash64.hashLong(i + 0x5EEDL);
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = BUILD_ROWS - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long t = buildKeys[i];
            buildKeys[i] = buildKeys[j];
            buildKeys[j] = t;
        }
        final Schema schema = new Schema(List.of(Field.nullable("k", new ArrowType.Int(64, true))));
        table = HashJoinTable.create(allocator, schema, List.of("k"), List.of());
        final BigIntVector build = new BigIntVector("k", allocator);
        build.allocateNew(BUILD_ROWS);
        for (int i = 0; i < BUILD_ROWS; i++)
        {
            build.set(i, buildKeys[i]);
        }
        build.setValueCount(BUILD_ROWS);
        try (Batch b = Batch.of(build))
        {
            table.add(b);
        }
        table.finish();
        if (table.isDense() != dense)
        {
            throw new IllegalStateException("expected dense=" + dense + " but index is " + table.describeIndex());
        }
        probeKeys = new long[size];
        final BigIntVector p = new BigIntVector("k", allocator);
        p.allocateNew(size);
        for (int i = 0; i < size; i++)
        {
            probeKeys[i] = buildKeys[random.nextInt(BUILD_ROWS)];
            p.set(i, probeKeys[i]);
        }
        p.setValueCount(size);
        probe = Batch.of(p);
        counter = table.probe(JoinType.INNER, List.of("k"));
        pairs = table.probe(JoinType.INNER, List.of("k"), 65_536);
        map = new HashMap<>(BUILD_ROWS * 2);
        for (int i = 0; i < BUILD_ROWS; i++)
        {
            map.put(buildKeys[i], i);
        }
        checkCounts();
    }

    private void checkCounts()
    {
        if (sabotCount() != size || hashMapCount() != size)
        {
            throw new IllegalStateException("every probe row should match exactly once");
        }
        final Blackhole bh = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        if (sabotPairs(bh) != size)
        {
            throw new IllegalStateException("pair output should have one row per probe row");
        }
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        counter.close();
        pairs.close();
        probe.close();
        table.close();
        allocator.close();
    }

    /** Sabot {@code countMatches}: batch-at-a-time lookup, no output materialized. */
    @Benchmark
    public long sabotCount()
    {
        return counter.countMatches(probe);
    }

    /** Sabot resumable probe producing (probe position, build row) pairs, 64K rows per step. */
    @Benchmark
    public long sabotPairs(final Blackhole bh)
    {
        long rows = 0;
        pairs.start(probe);
        for (ProbeResult r = pairs.next(); r != null; r = pairs.next())
        {
            rows += r.count();
            bh.consume(r.buildRow(r.count() - 1));
        }
        return rows;
    }

    /** Baseline: {@code java.util.HashMap<Long, Integer>} lookups of the same keys from a {@code long[]}. */
    @Benchmark
    public long hashMapCount()
    {
        final HashMap<Long, Integer> m = map;
        final long[] k = probeKeys;
        long matches = 0;
        for (final long key : k)
        {
            if (m.get(key) != null)
            {
                matches++;
            }
        }
        return matches;
    }
}
