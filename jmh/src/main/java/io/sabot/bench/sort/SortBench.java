package io.sabot.bench.sort;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.sort.NullPlacement;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortOrder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-key sort of random int64: Sabot's radix {@code sortIndices} (off-heap Arrow in, IntVector out) against
 * {@code Arrays.sort} of a {@code long[]} copy (values only, no indices) and a boxed comparison sort of
 * {@code Integer} indices (what a naive index sort costs). Rows/s = size / (s/op).
 *
 * <p>The sort kernels have no Vector API path (the radix scatter is a random-access store), so there is no
 * SIMD/scalar pair here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SortBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector vector;
    private long[] values;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        vector = new BigIntVector("v", allocator);
        vector.allocateNew(size);
        values = new long[size];
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            values[i] = random.nextLong();
            vector.set(i, values[i]);
        }
        vector.setValueCount(size);
    }

    @TearDown
    public void tearDown()
    {
        vector.close();
        allocator.close();
    }

    @Benchmark
    public void radixSortIndices(final Blackhole bh)
    {
        try (IntVector out = SortIndices.sortIndices(allocator, vector, SortOrder.ASCENDING, NullPlacement.AT_END))
        {
            bh.consume(out.get(0));
            bh.consume(out.get(size - 1));
        }
    }

    @Benchmark
    public void arraysSortLongCopy(final Blackhole bh)
    {
        final long[] copy = values.clone();
        Arrays.sort(copy);
        bh.consume(copy[0]);
        bh.consume(copy[size - 1]);
    }

    @Benchmark
    public void comparisonSortBoxedIndices(final Blackhole bh)
    {
        final long[] keys = values;
        final Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++)
        {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(keys[a], keys[b]));
        bh.consume(idx[0]);
        bh.consume(idx[size - 1]);
    }

}
