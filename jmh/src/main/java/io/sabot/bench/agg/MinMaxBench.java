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
 * Min/max of int64 and float64 (NaN-ignoring) without nulls: Vector API path vs scalar twin vs {@link Aggregates}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MinMaxBench
{
    @Param({"1000", "1000000", "10000000"})
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
        longs = AggData.longs(allocator, size, 0.0, 3);
        doubles = AggData.doubles(allocator, size, 0.0, 4);
        longData = AggData.data(longs);
        doubleData = AggData.data(doubles);
        AggData.check("minLong", VectorReductions.minLong(longData, 0, size),
            ScalarReductions.minLong(longData, 0, size));
        AggData.check("maxDouble", VectorReductions.maxDouble(doubleData, 0, size),
            ScalarReductions.maxDouble(doubleData, 0, size));
    }

    @TearDown
    public void tearDown()
    {
        longs.close();
        doubles.close();
        allocator.close();
    }

    @Benchmark
    public long minLongVector()
    {
        return VectorReductions.minLong(longData, 0, size);
    }

    @Benchmark
    public long minLongScalar()
    {
        return ScalarReductions.minLong(longData, 0, size);
    }

    @Benchmark
    public void minLongAggregates(final Blackhole bh)
    {
        bh.consume(Aggregates.min(longs).getAsLong());
    }

    @Benchmark
    public double maxDoubleVector()
    {
        return VectorReductions.maxDouble(doubleData, 0, size);
    }

    @Benchmark
    public double maxDoubleScalar()
    {
        return ScalarReductions.maxDouble(doubleData, 0, size);
    }

    @Benchmark
    public void maxDoubleAggregates(final Blackhole bh)
    {
        bh.consume(Aggregates.max(doubles).getAsDouble());
    }
}
