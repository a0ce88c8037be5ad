package io.sabot.bench.agg;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import io.sabot.simd.VectorReductions;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
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
 * Loop shapes for the int64 vector sum, to check that {@code MemorySegment} bounds checks are hoisted: the shipped
 * {@link VectorReductions#sumLong} (long byte index over a buffer-sized segment) vs an int trip counter, vs the same
 * loop over a segment reinterpreted to the whole address space, vs a single accumulator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SumLoopShapeBench
{
    private static final VectorSpecies<Long> L = LongVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private MemorySegment data;
    private MemorySegment everything;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator();
        longs = AggData.longs(allocator, size, 0.0, 1);
        data = AggData.data(longs);
        everything = MemorySegment.ofAddress(data.address()).reinterpret(Long.MAX_VALUE - data.address());
        final long expected = VectorReductions.sumLong(data, 0, size);
        if (intIndex(data, size) != expected || longIndex(everything, size) != expected ||
            oneAccumulator(data, size) != expected)
        {
            throw new IllegalStateException("loop shapes disagree");
        }
    }

    @TearDown
    public void tearDown()
    {
        longs.close();
        allocator.close();
    }

    private static long intIndex(final MemorySegment data, final int count)
    {
        LongVector a0 = LongVector.zero(L);
        LongVector a1 = LongVector.zero(L);
        LongVector a2 = LongVector.zero(L);
        LongVector a3 = LongVector.zero(L);
        final int blocks = count >>> 4;
        for (int k = 0; k < blocks; k++)
        {
            final long i = (long)k << 7;
            a0 = a0.add(LongVector.fromMemorySegment(L, data, i, LE));
            a1 = a1.add(LongVector.fromMemorySegment(L, data, i + 32, LE));
            a2 = a2.add(LongVector.fromMemorySegment(L, data, i + 64, LE));
            a3 = a3.add(LongVector.fromMemorySegment(L, data, i + 96, LE));
        }
        long s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (int i = blocks << 4; i < count; i++)
        {
            s += data.getAtIndex(io.sabot.simd.Layouts.LONG_UNALIGNED, i);
        }
        return s;
    }

    private static long longIndex(final MemorySegment data, final int count)
    {
        return VectorReductions.sumLong(data, 0, count);
    }

    private static long oneAccumulator(final MemorySegment data, final int count)
    {
        LongVector a0 = LongVector.zero(L);
        long i = 0;
        final long end = (long)count * 8;
        for (; i + 32 <= end; i += 32)
        {
            a0 = a0.add(LongVector.fromMemorySegment(L, data, i, LE));
        }
        long s = a0.reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            s += data.get(io.sabot.simd.Layouts.LONG_UNALIGNED, i);
        }
        return s;
    }

    @Benchmark
    public long shipped()
    {
        return VectorReductions.sumLong(data, 0, size);
    }

    @Benchmark
    public long intTripCounter()
    {
        return intIndex(data, size);
    }

    @Benchmark
    public long wholeAddressSpaceSegment()
    {
        return longIndex(everything, size);
    }

    @Benchmark
    public long singleAccumulator()
    {
        return oneAccumulator(data, size);
    }
}
