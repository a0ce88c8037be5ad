package io.sabot.bench.headline;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

import io.sabot.bench.BenchData;
import io.sabot.bench.ref.CReference;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.select.Filter;
import io.sabot.simd.Compaction;
import io.sabot.simd.ScalarCompaction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Headline: filter + compact int64 by a random 50% predicate bitmap. Sabot's compaction into a reused buffer (what
 * the engine does per morsel) and through the public {@code Filter} kernel (which allocates its output vector),
 * beside the branch-free scalar twin, a branchy loop and the C AVX2 compaction. The bar: >= 0.8x C.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class HeadlineFilterBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector values;
    private BitVector predicate;
    private ArrowBuf output;
    private MemorySegment in;
    private MemorySegment bits;
    private MemorySegment out;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator();
        values = BenchData.bigInts(allocator, "v", BenchData.longs(size, 0, 21));
        predicate = BenchData.randomBits(allocator, "p", size, 0.5, 22);
        output = allocator.buffer((size + 8L) * Long.BYTES);
        in = ArrowMemory.segment(values.getDataBuffer());
        bits = ArrowMemory.segment(predicate.getDataBuffer());
        out = ArrowMemory.segment(output);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        output.close();
        values.close();
        predicate.close();
        allocator.close();
    }

    @Benchmark
    public int sabotCompact()
    {
        return Compaction.compactLongs(in, 0, bits, 0, size, out, 0);
    }

    @Benchmark
    public int sabotFilterKernel()
    {
        try (FieldVector kept = Filter.filter(values, predicate, allocator))
        {
            return kept.getValueCount();
        }
    }

    @Benchmark
    public int scalarCompact()
    {
        return ScalarCompaction.compactLongs(in, 0, bits, 0, size, out, 0);
    }

    @Benchmark
    public int scalarBranchy()
    {
        int j = 0;
        for (int i = 0; i < size; i++)
        {
            if ((bits.get(ValueLayout.JAVA_BYTE, i >>> 3) >> (i & 7) & 1) != 0)
            {
                out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, j++, in.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i));
            }
        }
        return j;
    }

    @Benchmark
    public long cCompact()
    {
        return CReference.compactLong(in, bits, size, out);
    }
}
