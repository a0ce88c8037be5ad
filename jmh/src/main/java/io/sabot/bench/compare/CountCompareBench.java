package io.sabot.bench.compare;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.CompareOp;
import io.sabot.simd.ScalarComparisons;
import io.sabot.simd.VectorComparisons;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
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

/**
 * {@code count(x > c)} over an Arrow int64 / float64 column without materializing a bitmap: the Vector API path
 * ({@link VectorComparisons#countCompareInt64}) beside its scalar twin. Selectivity 50%. Throughput is reported per
 * call; rows/s = size * ops/s. The comparison point is a C loop ({@code k += x[i] > c}) built with
 * {@code gcc -O3 -march=native} on the same machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CountCompareBench
{
    @Param({"1000", "1000000", "10000000", "100000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private Float8Vector doubles;
    private MemorySegment longData;
    private MemorySegment doubleData;

    /** Builds the columns (uniform values, half above zero) and checks the two paths agree. */
    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        longs = new BigIntVector("x", allocator);
        doubles = new Float8Vector("y", allocator);
        longs.allocateNew(size);
        doubles.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            final long v = random.nextLong();
            longs.set(i, v);
            doubles.set(i, (double)v);
        }
        longs.setValueCount(size);
        doubles.setValueCount(size);
        longData = ArrowMemory.segment(longs.getDataBuffer());
        doubleData = ArrowMemory.segment(doubles.getDataBuffer());
        if (int64Vector() != int64Scalar() || float64Vector() != float64Scalar())
        {
            throw new IllegalStateException("vector and scalar counts differ");
        }
    }

    /** Releases the columns. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        longs.close();
        doubles.close();
        allocator.close();
    }

    /** @return count of int64 {@code x > 0}, Vector API. */
    @Benchmark
    public long int64Vector()
    {
        return VectorComparisons.countCompareInt64(CompareOp.GT, longData, 0, size, 0L);
    }

    /** @return count of int64 {@code x > 0}, scalar twin. */
    @Benchmark
    public long int64Scalar()
    {
        return ScalarComparisons.countCompareInt64(CompareOp.GT, longData, 0, size, 0L);
    }

    /** @return count of float64 {@code x > 0.0}, Vector API. */
    @Benchmark
    public long float64Vector()
    {
        return VectorComparisons.countCompareFloat64(CompareOp.GT, doubleData, 0, size, 0.0);
    }

    /** @return count of float64 {@code x > 0.0}, scalar twin. */
    @Benchmark
    public long float64Scalar()
    {
        return ScalarComparisons.countCompareFloat64(CompareOp.GT, doubleData, 0, size, 0.0);
    }
}
