package io.sabot.bench.select;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.select.Take;
import io.sabot.simd.ScalarGather;
import io.sabot.simd.VectorGather;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
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
 * Take int64 by uniformly random int32 indices (as many indices as rows). {@code take} is the whole kernel (validation,
 * output allocation, gather, validity); the {@code gather*} methods are the bare primitive: the unrolled scalar loop
 * on off-heap Arrow buffers (what the kernel uses), and on heap arrays the Vector API index-map gather
 * ({@code LongVector.fromArray(species, long[], 0, int[], i)}) beside the same scalar loop, to decide whether a vector
 * gather is worth having. Rows/s = ops/s x size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TakeBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector values;
    private IntVector indices;
    private BigIntVector out;
    private MemorySegment src;
    private MemorySegment idx;
    private MemorySegment dst;
    private MemorySegment heapSrc;
    private MemorySegment heapIdx;
    private MemorySegment heapDst;
    private long expected;

    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        final SplittableRandom random = new SplittableRandom(3);
        values = new BigIntVector("v", allocator);
        values.allocateNew(size);
        indices = new IntVector("i", allocator);
        indices.allocateNew(size);
        final long[] heapValues = new long[size];
        final int[] heapIndices = new int[size];
        for (int i = 0; i < size; i++)
        {
            heapValues[i] = random.nextLong();
            values.set(i, heapValues[i]);
            heapIndices[i] = random.nextInt(size);
            indices.set(i, heapIndices[i]);
        }
        values.setValueCount(size);
        indices.setValueCount(size);
        out = new BigIntVector("o", allocator);
        out.allocateNew(size);
        src = ArrowMemory.segment(values.getDataBuffer());
        idx = ArrowMemory.segment(indices.getDataBuffer());
        dst = ArrowMemory.segment(out.getDataBuffer());
        heapSrc = MemorySegment.ofArray(heapValues);
        heapIdx = MemorySegment.ofArray(heapIndices);
        heapDst = MemorySegment.ofArray(new long[size]);
        expected = heapValues[heapIndices[size - 1]];
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        values.close();
        indices.close();
        out.close();
        allocator.close();
    }

    private void check(final long last)
    {
        if (last != expected)
        {
            throw new IllegalStateException("last row " + last + " != " + expected);
        }
    }

    @Benchmark
    public void take(final Blackhole bh)
    {
        try (FieldVector result = Take.take(values, indices, allocator))
        {
            check(((BigIntVector)result).get(size - 1));
            bh.consume(result.getValueCount());
        }
    }

    @Benchmark
    public void gatherScalarOffHeap(final Blackhole bh)
    {
        ScalarGather.gatherLongs(src, idx, 0, size, dst, 0);
        check(out.getDataBuffer().getLong((size - 1) * 8L));
        bh.consume(dst);
    }

    @Benchmark
    public void gatherScalarHeap(final Blackhole bh)
    {
        ScalarGather.gatherLongs(heapSrc, heapIdx, 0, size, heapDst, 0);
        check(heapDst.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, size - 1));
        bh.consume(heapDst);
    }

    @Benchmark
    public void gatherVectorHeap(final Blackhole bh)
    {
        VectorGather.gatherLongs(heapSrc, heapIdx, 0, size, heapDst, 0);
        check(heapDst.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, size - 1));
        bh.consume(heapDst);
    }
}
