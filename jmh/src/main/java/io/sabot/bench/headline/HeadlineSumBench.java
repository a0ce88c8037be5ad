package io.sabot.bench.headline;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import io.sabot.bench.BenchData;
import io.sabot.bench.peer.DuckDbPeer;
import io.sabot.bench.ref.CReference;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.agg.Aggregates;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Comparisons;
import io.sabot.simd.ScalarComparisons;
import io.sabot.simd.ScalarReductions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Headline: sum of int64 and float64, and count(x > c), over non-null columns (int64 values uniform in [0, 2^32), so no sum overflows and count(x > c) keeps half). Sabot's kernel (through the public
 * {@code Aggregates} API, or the SIMD count facade that the comparison kernels use) beside its scalar twin, the C
 * reference and DuckDB ({@code threads=1}, same values). The bar: Sabot >= 0.9x C at 100M rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
public class HeadlineSumBench
{
    private static final long BOUND = 1L << 32;
    private static final long THRESHOLD = BOUND / 2;

    @Param({"1000", "1000000", "100000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private Float8Vector doubles;
    private MemorySegment longData;
    private MemorySegment doubleData;
    private DuckDbPeer duck;

    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params)
    {
        allocator = new RootAllocator();
        final long[] l = BenchData.longs(size, BOUND, 11);
        final double[] d = BenchData.doubles(size, 12);
        longs = BenchData.bigInts(allocator, "l", l);
        doubles = BenchData.doubles(allocator, "d", d);
        longData = ArrowMemory.segment(longs.getDataBuffer());
        doubleData = ArrowMemory.segment(doubles.getDataBuffer());
        // Loading DuckDB takes seconds per million rows: only forks that run a duck* method pay it.
        if (params.getBenchmark().contains(".duck"))
        {
            duck = new DuckDbPeer();
            duck.loadLongs("tl", new String[] {"l"}, l);
            duck.loadDoubles("td", new String[] {"d"}, d);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (duck != null)
        {
            duck.close();
        }
        longs.close();
        doubles.close();
        allocator.close();
    }

    @Benchmark
    public long sabotSumLong()
    {
        return Aggregates.sum(longs).orElseThrow();
    }

    @Benchmark
    public long scalarSumLong()
    {
        return ScalarReductions.sumLong(longData, 0, size);
    }

    @Benchmark
    public long cSumLong()
    {
        return CReference.sumLong(longData, size);
    }

    @Benchmark
    public long duckSumLong()
    {
        return duck.queryLong("SELECT sum(l)::BIGINT FROM tl");
    }

    @Benchmark
    public double sabotSumDouble()
    {
        return Aggregates.sum(doubles).orElseThrow();
    }

    @Benchmark
    public double scalarSumDouble()
    {
        return ScalarReductions.sumDouble(doubleData, 0, size);
    }

    @Benchmark
    public double cSumDouble()
    {
        return CReference.sumDouble(doubleData, size);
    }

    @Benchmark
    public double duckSumDouble()
    {
        return duck.queryDouble("SELECT sum(d) FROM td");
    }

    @Benchmark
    public long sabotCountGreater()
    {
        return Comparisons.countCompareInt64(CompareOp.GT, longData, 0, size, THRESHOLD);
    }

    @Benchmark
    public long scalarCountGreater()
    {
        return ScalarComparisons.countCompareInt64(CompareOp.GT, longData, 0, size, THRESHOLD);
    }

    @Benchmark
    public long cCountGreater()
    {
        return CReference.countGreater(longData, size, THRESHOLD);
    }

    @Benchmark
    public long duckCountGreater()
    {
        return duck.queryLong("SELECT count(*) FROM tl WHERE l > " + THRESHOLD);
    }
}
