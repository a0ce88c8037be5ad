package io.sabot.bench.sort;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Rows;
import io.sabot.kernels.sort.NullPlacement;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortKey;
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
 * Top-100 of random int64 (descending, 5% nulls so the comparator heap runs too) beside the full radix sort it
 * replaces. Rows/s = size / (s/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TopNBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"100"})
    public int limit;

    private BufferAllocator allocator;
    private BigIntVector dense;
    private BigIntVector nullable;
    private List<SortKey> denseKeys;
    private List<SortKey> nullableKeys;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        dense = new BigIntVector("dense", allocator);
        nullable = new BigIntVector("nullable", allocator);
        dense.allocateNew(size);
        nullable.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < size; i++)
        {
            dense.set(i, random.nextLong());
            if (random.nextInt(20) == 0)
            {
                nullable.setNull(i);
            }
            else
            {
                nullable.set(i, random.nextLong());
            }
        }
        dense.setValueCount(size);
        nullable.setValueCount(size);
        denseKeys = List.of(SortKey.of(dense, SortOrder.DESCENDING, NullPlacement.AT_END));
        nullableKeys = List.of(SortKey.of(nullable, SortOrder.DESCENDING, NullPlacement.AT_END));
    }

    @TearDown
    public void tearDown()
    {
        dense.close();
        nullable.close();
        allocator.close();
    }

    @Benchmark
    public void topNDense(final Blackhole bh)
    {
        try (IntVector out = SortIndices.topNIndices(allocator, List.of(), Rows.all(dense), denseKeys, limit))
        {
            bh.consume(out.get(0));
        }
    }

    @Benchmark
    public void topNNullable(final Blackhole bh)
    {
        try (IntVector out = SortIndices.topNIndices(allocator, List.of(), Rows.all(nullable), nullableKeys, limit))
        {
            bh.consume(out.get(0));
        }
    }

    @Benchmark
    public void fullSortDense(final Blackhole bh)
    {
        try (IntVector out = SortIndices.sortIndices(allocator, List.of(), Rows.all(dense), denseKeys))
        {
            bh.consume(out.get(0));
        }
    }
}
