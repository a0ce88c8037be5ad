package io.sabot.bench.hash;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.hash.Hashing;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import io.sabot.simd.ScalarHashing;
import io.sabot.simd.VectorHashing;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
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
 * Column hashing: the Vector API kernel (emulated 64-bit multiply on AVX2) beside its scalar twin, for int64
 * hash and combine, and the multi-column row-hash kernel (int64, float64, int32) beside a per-row Hash64 loop.
 * Data lives off-heap in Arrow vectors built once per trial; outputs are reused, so B/op is ~0.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HashBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private Float8Vector doubles;
    private IntVector ints;
    private BigIntVector out;
    private MemorySegment longData;
    private MemorySegment hashes;
    private List<FieldVector> columns;

    @Setup
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(1);
        longs = new BigIntVector("l", allocator);
        doubles = new Float8Vector("d", allocator);
        ints = new IntVector("i", allocator);
        longs.allocateNew(size);
        doubles.allocateNew(size);
        ints.allocateNew(size);
        for (int i = 0; i < size; i++)
        {
            longs.set(i, random.nextLong());
            doubles.set(i, random.nextDouble());
            ints.set(i, random.nextInt());
        }
        longs.setValueCount(size);
        doubles.setValueCount(size);
        ints.setValueCount(size);
        out = new BigIntVector("h", allocator);
        out.allocateNew(size);
        longData = ArrowMemory.segment(longs.getDataBuffer());
        hashes = ArrowMemory.segment(out.getDataBuffer());
        columns = List.of(longs, doubles, ints);
    }

    @TearDown
    public void tearDown()
    {
        out.close();
        longs.close();
        doubles.close();
        ints.close();
        allocator.close();
    }

    @Benchmark
    public void hashLongsVector(final Blackhole bh)
    {
        VectorHashing.hashLongs(longData, 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void hashLongsScalar(final Blackhole bh)
    {
        ScalarHashing.hashLongs(longData, 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineLongsVector(final Blackhole bh)
    {
        VectorHashing.combineLongs(longData, 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineLongsScalar(final Blackhole bh)
    {
        ScalarHashing.combineLongs(longData, 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineDoublesVector(final Blackhole bh)
    {
        VectorHashing.combineDoubles(ArrowMemory.segment(doubles.getDataBuffer()), 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineDoublesScalar(final Blackhole bh)
    {
        ScalarHashing.combineDoubles(ArrowMemory.segment(doubles.getDataBuffer()), 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineIntsVector(final Blackhole bh)
    {
        VectorHashing.combineInts(ArrowMemory.segment(ints.getDataBuffer()), 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    @Benchmark
    public void combineIntsScalar(final Blackhole bh)
    {
        ScalarHashing.combineInts(ArrowMemory.segment(ints.getDataBuffer()), 0, null, 0, hashes, 0, size);
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }

    /** The kernel: SEED fill, then one SIMD combine pass per column. */
    @Benchmark
    public void multiColumnKernel(final Blackhole bh)
    {
        Hashing.hash(Rows.range(0, size), columns, out);
        bh.consume(out.get(size - 1));
    }

    /** Baseline: one pass over the rows, per-row Hash64 over the three columns. */
    @Benchmark
    public void multiColumnScalarLoop(final Blackhole bh)
    {
        final MemorySegment l = longData;
        final MemorySegment d = ArrowMemory.segment(doubles.getDataBuffer());
        final MemorySegment i32 = ArrowMemory.segment(ints.getDataBuffer());
        for (int i = 0; i < size; i++)
        {
            long h = Hash64.combine(Hash64.SEED, Hash64.hashLong(l.get(Layouts.LONG_UNALIGNED, i * 8L)));
            h = Hash64.combine(h, Hash64.hashDouble(d.get(Layouts.DOUBLE_UNALIGNED, i * 8L)));
            h = Hash64.combine(h, Hash64.hashLong(i32.get(Layouts.INT_UNALIGNED, i * 4L)));
            hashes.set(Layouts.LONG_UNALIGNED, i * 8L, h);
        }
        bh.consume(hashes.get(Layouts.LONG_UNALIGNED, (size - 1) * 8L));
    }
}
