package io.sabot.bench.select;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.select.Filter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
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
 * The Filter kernel end to end (mask from the predicate, output allocation, values, validity) on int64 and on utf8
 * (0-16 byte strings, 10% nulls) by a random boolean predicate, beside the plain Arrow Java way
 * ({@code copyFromSafe} row by row) as the peer. Rows/s = ops/s x size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"0.5"})
    public double selectivity;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private VarCharVector strings;
    private BitVector predicate;
    private int expected;

    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(5);
        longs = new BigIntVector("l", allocator);
        longs.allocateNew(size);
        strings = new VarCharVector("s", allocator);
        strings.allocateNew(size * 9L, size);
        predicate = new BitVector("p", allocator);
        predicate.allocateNew(size);
        final byte[] text = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++)
        {
            longs.set(i, random.nextLong());
            if (random.nextInt(10) == 0)
            {
                strings.setNull(i);
            }
            else
            {
                final int length = random.nextInt(17);
                strings.setSafe(i, text, random.nextInt(26 - length + 1), length);
            }
            final boolean keep = random.nextDouble() < selectivity;
            predicate.set(i, keep ? 1 : 0);
            expected += keep ? 1 : 0;
        }
        longs.setValueCount(size);
        strings.setValueCount(size);
        predicate.setValueCount(size);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        longs.close();
        strings.close();
        predicate.close();
        allocator.close();
    }

    private void check(final FieldVector result)
    {
        if (result.getValueCount() != expected)
        {
            throw new IllegalStateException(result.getValueCount() + " rows, expected " + expected);
        }
    }

    @Benchmark
    public void filterInt64(final Blackhole bh)
    {
        try (FieldVector result = Filter.filter(longs, predicate, allocator))
        {
            check(result);
            bh.consume(result.getDataBuffer().getLong(0));
        }
    }

    @Benchmark
    public void arrowCopyInt64(final Blackhole bh)
    {
        try (BigIntVector result = new BigIntVector("l", allocator))
        {
            result.allocateNew(expected);
            int j = 0;
            for (int i = 0; i < size; i++)
            {
                if (!predicate.isNull(i) && predicate.get(i) == 1)
                {
                    result.copyFrom(i, j++, longs);
                }
            }
            result.setValueCount(j);
            check(result);
            bh.consume(result.getDataBuffer().getLong(0));
        }
    }

    @Benchmark
    public void filterUtf8(final Blackhole bh)
    {
        try (FieldVector result = Filter.filter(strings, predicate, allocator))
        {
            check(result);
            bh.consume(result.getDataBuffer().capacity());
        }
    }

    @Benchmark
    public void arrowCopyUtf8(final Blackhole bh)
    {
        try (VarCharVector result = new VarCharVector("s", allocator))
        {
            result.allocateNew(expected);
            int j = 0;
            for (int i = 0; i < size; i++)
            {
                if (!predicate.isNull(i) && predicate.get(i) == 1)
                {
                    result.copyFromSafe(i, j++, strings);
                }
            }
            result.setValueCount(j);
            check(result);
            bh.consume(result.getDataBuffer().capacity());
        }
    }
}
