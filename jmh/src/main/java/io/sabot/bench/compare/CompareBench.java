package io.sabot.bench.compare;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.compare.BooleanLogic;
import io.sabot.kernels.compare.Comparison;
import io.sabot.simd.CompareOp;
import io.sabot.simd.ScalarBitmaps;
import io.sabot.simd.ScalarComparisons;
import io.sabot.simd.VectorBitmaps;
import io.sabot.simd.VectorComparisons;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
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
 * int64 {@code x > 0} at 50% selectivity into a bitmap and into a selection (positions), at the SIMD level (Vector
 * API beside the scalar twin) and through the kernels ({@link Comparison} into a reused {@link BitVector}, and
 * {@link Comparison#select}); plus Kleene AND of two boolean columns with 10% nulls. Throughput per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompareBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector longs;
    private MemorySegment data;
    private ArrowBuf bitmapBuf;
    private MemorySegment bitmap;
    private ArrowBuf positionsBuf;
    private MemorySegment positions;
    private BitVector out;
    private BitVector a;
    private BitVector b;
    private BitVector kleeneOut;
    private Rows rows;

    /** Builds the columns and scratch outputs. */
    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        longs = new BigIntVector("x", allocator);
        longs.allocateNew(size);
        a = new BitVector("a", allocator);
        b = new BitVector("b", allocator);
        a.allocateNew(size);
        b.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            longs.set(i, random.nextLong());
            a.set(i, random.nextInt(2));
            b.set(i, random.nextInt(2));
            if (random.nextInt(10) == 0)
            {
                a.setNull(i);
            }
            if (random.nextInt(10) == 0)
            {
                b.setNull(i);
            }
        }
        longs.setValueCount(size);
        a.setValueCount(size);
        b.setValueCount(size);
        data = ArrowMemory.segment(longs.getDataBuffer());
        bitmapBuf = allocator.buffer((size + 63) / 64 * 8L);
        bitmap = ArrowMemory.segment(bitmapBuf);
        positionsBuf = allocator.buffer(4L * size);
        positions = ArrowMemory.segment(positionsBuf);
        out = new BitVector("out", allocator);
        out.allocateNew(size);
        kleeneOut = new BitVector("kleene", allocator);
        kleeneOut.allocateNew(size);
        rows = Rows.all(longs);
        if (selectionVector() != selectionScalar())
        {
            throw new IllegalStateException("vector and scalar selections differ");
        }
    }

    /** Releases everything. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        longs.close();
        a.close();
        b.close();
        out.close();
        kleeneOut.close();
        bitmapBuf.close();
        positionsBuf.close();
        allocator.close();
    }

    /** @return first bitmap word; Vector API compare into a bitmap. */
    @Benchmark
    public long bitmapVector()
    {
        VectorComparisons.compareInt64(CompareOp.GT, data, 0, size, 0L, bitmap, 0);
        return bitmap.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
    }

    /** @return first bitmap word; scalar twin. */
    @Benchmark
    public long bitmapScalar()
    {
        ScalarComparisons.compareInt64(CompareOp.GT, data, 0, size, 0L, bitmap, 0);
        return bitmap.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0);
    }

    /** @return number of positions; Vector API compare to bitmap, then set-bit positions. */
    @Benchmark
    public int selectionVector()
    {
        VectorComparisons.compareInt64(CompareOp.GT, data, 0, size, 0L, bitmap, 0);
        return VectorBitmaps.selectSetBits(bitmap, 0, size, 0, positions);
    }

    /** @return number of positions; scalar twins. */
    @Benchmark
    public int selectionScalar()
    {
        ScalarComparisons.compareInt64(CompareOp.GT, data, 0, size, 0L, bitmap, 0);
        return ScalarBitmaps.selectSetBits(bitmap, 0, size, 0, positions);
    }

    /** Kernel: compare into a reused BitVector (validity + values). */
    @Benchmark
    public void kernelBitVector(final Blackhole bh)
    {
        Comparison.compare(CompareOp.GT, longs, 0L, rows, out);
        bh.consume(out.getValueCount());
    }

    /** @return selected count; kernel: compare into a new SelectionVector (allocated and closed per call). */
    @Benchmark
    public int kernelSelection()
    {
        try (SelectionVector selection = Comparison.select(CompareOp.GT, longs, 0L, rows, allocator))
        {
            return selection.count();
        }
    }

    /** Kernel: Kleene AND into a reused BitVector. */
    @Benchmark
    public void kleeneAnd(final Blackhole bh)
    {
        BooleanLogic.and(a, b, rows, kleeneOut);
        bh.consume(kleeneOut.getValueCount());
    }
}
