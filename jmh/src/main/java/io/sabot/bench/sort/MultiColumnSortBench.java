package io.sabot.bench.sort;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Batch;
import io.sabot.kernels.sort.NullPlacement;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortKey;
import io.sabot.kernels.sort.SortOrder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
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
 * Multi-column sorts over one batch: (int16 asc, int32 desc) packs into a 48-bit composite and radix-sorts;
 * (int64 with nulls, float64 desc) and (utf8, int64) take the typed merge sort. Rows/s = size / (s/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MultiColumnSortBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private Batch batch;
    private final List<SortKey> compositeKeys = List.of(SortKey.ascending("s16"), SortKey.descending("i32"));
    private final List<SortKey> numericKeys = List.of(
        SortKey.of("i64", SortOrder.ASCENDING, NullPlacement.AT_START), SortKey.descending("f64"));
    private final List<SortKey> stringKeys = List.of(SortKey.ascending("str"), SortKey.ascending("i64"));

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SmallIntVector s16 = new SmallIntVector("s16", allocator);
        final IntVector i32 = new IntVector("i32", allocator);
        final BigIntVector i64 = new BigIntVector("i64", allocator);
        final Float8Vector f64 = new Float8Vector("f64", allocator);
        final VarCharVector str = new VarCharVector("str", allocator);
        s16.allocateNew(size);
        i32.allocateNew(size);
        i64.allocateNew(size);
        f64.allocateNew(size);
        str.allocateNew((long)size * 12, size);
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < size; i++)
        {
            s16.set(i, (short)random.nextInt(1000));
            i32.set(i, random.nextInt());
            if (random.nextInt(20) == 0)
            {
                i64.setNull(i);
            }
            else
            {
                i64.set(i, random.nextLong(0, 100_000));
            }
            f64.set(i, random.nextDouble());
            str.setSafe(i, ("k" + random.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII));
        }
        s16.setValueCount(size);
        i32.setValueCount(size);
        i64.setValueCount(size);
        f64.setValueCount(size);
        str.setValueCount(size);
        batch = Batch.of(s16, i32, i64, f64, str);
    }

    @TearDown
    public void tearDown()
    {
        batch.close();
        allocator.close();
    }

    @Benchmark
    public void compositeRadix(final Blackhole bh)
    {
        try (IntVector out = SortIndices.sortIndices(allocator, batch, compositeKeys))
        {
            bh.consume(out.get(0));
        }
    }

    @Benchmark
    public void int64NullsThenFloat64(final Blackhole bh)
    {
        try (IntVector out = SortIndices.sortIndices(allocator, batch, numericKeys))
        {
            bh.consume(out.get(0));
        }
    }

    @Benchmark
    public void utf8ThenInt64(final Blackhole bh)
    {
        try (IntVector out = SortIndices.sortIndices(allocator, batch, stringKeys))
        {
            bh.consume(out.get(0));
        }
    }
}
