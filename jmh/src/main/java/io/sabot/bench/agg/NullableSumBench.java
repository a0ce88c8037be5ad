package io.sabot.bench.agg;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

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

/**
 * Null-aware int64/float64 sums: 0.1% nulls (mostly all-valid words, the run path) and 10% nulls (nearly every
 * 64-row word mixed, the lane-mask path), vector vs scalar twin.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NullableSumBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"0.001", "0.1"})
    public double nullRatio;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private Float8Vector doubles;
    private MemorySegment longData;
    private MemorySegment longValidity;
    private MemorySegment doubleData;
    private MemorySegment doubleValidity;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator();
        longs = AggData.longs(allocator, size, nullRatio, 5);
        doubles = AggData.doubles(allocator, size, nullRatio, 6);
        longData = AggData.data(longs);
        longValidity = AggData.validity(longs);
        doubleData = AggData.data(doubles);
        doubleValidity = AggData.validity(doubles);
        AggData.check("sumLong", VectorReductions.sumLong(longData, 0, size, longValidity, 0),
            ScalarReductions.sumLong(longData, 0, size, longValidity, 0));
        AggData.check("sumDouble", VectorReductions.sumDouble(doubleData, 0, size, doubleValidity, 0),
            ScalarReductions.sumDouble(doubleData, 0, size, doubleValidity, 0));
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
        return VectorReductions.sumLong(longData, 0, size, longValidity, 0);
    }

    @Benchmark
    public long sumLongScalar()
    {
        return ScalarReductions.sumLong(longData, 0, size, longValidity, 0);
    }

    @Benchmark
    public double sumDoubleVector()
    {
        return VectorReductions.sumDouble(doubleData, 0, size, doubleValidity, 0);
    }

    @Benchmark
    public double sumDoubleScalar()
    {
        return ScalarReductions.sumDouble(doubleData, 0, size, doubleValidity, 0);
    }

    @Benchmark
    public long countValid()
    {
        return ScalarReductions.countValid(longValidity, 0, size);
    }
}
