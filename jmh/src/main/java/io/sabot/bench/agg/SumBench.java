package io.sabot.bench.agg;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.agg.Aggregates;
import io.sabot.simd.ScalarReductions;
import io.sabot.simd.VectorReductions;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Sum of int64 and float64 without nulls: Vector API path vs its scalar twin vs {@link Aggregates} on the Arrow
 * vector (which adds a validity popcount and the Optional). 100M rows are 800 MB per column, off-heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SumBench
{
    @Param({"1000", "1000000", "10000000", "100000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private Float8Vector doubles;
    private MemorySegment longData;
    private MemorySegment doubleData;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator();
        longs = AggData.longs(allocator, size, 0.0, 1);
        doubles = AggData.doubles(allocator, size, 0.0, 2);
        longData = AggData.data(longs);
        doubleData = AggData.data(doubles);
        AggData.check("sumLong", VectorReductions.sumLong(longData, 0, size),
            ScalarReductions.sumLong(longData, 0, size));
        AggData.check("sumDouble", VectorReductions.sumDouble(doubleData, 0, size),
            ScalarReductions.sumDouble(doubleData, 0, size));
    }

    @TearDown
    public void tearDown()
    {
        longs.close();
        doubles.close();
        allocator.close();
    }

    @Benchmark
    public long sumLongVector()
    {
        return VectorReductions.sumLong(longData, 0, size);
    }

    @Benchmark
    public long sumLongScalar()
    {
        return ScalarReductions.sumLong(longData, 0, size);
    }

    @Benchmark
    public void sumLongAggregates(final Blackhole bh)
    {
        bh.consume(Aggregates.sum(longs).getAsLong());
    }

    @Benchmark
    public double sumDoubleVector()
    {
        return VectorReductions.sumDouble(doubleData, 0, size);
    }

    @Benchmark
    public double sumDoubleScalar()
    {
        return ScalarReductions.sumDouble(doubleData, 0, size);
    }

    @Benchmark
    public void sumDoubleAggregates(final Blackhole bh)
    {
        bh.consume(Aggregates.sum(doubles).getAsDouble());
    }
}
