package io.sabot.bench.select;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Layouts;
import io.sabot.simd.ScalarCompaction;
import io.sabot.simd.VectorCompaction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
 * Compaction by bitmap (the copy half of a filter) at a given selectivity with random bits: the Vector API
 * shuffle-table path, its branch-free scalar twin, and a branchy {@code if (bit) dst[j++] = src[i]} loop for
 * reference. Rows/s = ops/s x size. Off-heap Arrow buffers, built in setup and freed in teardown.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompactBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    @Param({"0.5", "0.01", "0.99"})
    public double selectivity;

    /** Element width in bytes: 8 is the headline (int64); 1, 2, 4, 16 are the other Arrow widths. */
    @Param({"8"})
    public int width;

    private BufferAllocator allocator;
    private ArrowBuf srcBuf;
    private ArrowBuf bitsBuf;
    private ArrowBuf dstBuf;
    private MemorySegment src;
    private MemorySegment bits;
    private MemorySegment dst;
    private int expected;

    @Setup(Level.Trial)
    public void setup()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        srcBuf = allocator.buffer((long)size * width);
        bitsBuf = allocator.buffer((size + 7) / 8 + 8);
        bitsBuf.setZero(0, bitsBuf.capacity());
        src = ArrowMemory.segment(srcBuf);
        bits = ArrowMemory.segment(bitsBuf);
        final SplittableRandom random = new SplittableRandom(1);
        for (long b = 0; b + 8 <= src.byteSize(); b += 8)
        {
            src.set(Layouts.LONG_UNALIGNED, b, random.nextLong());
        }
        for (int i = 0; i < size; i++)
        {
            if (random.nextDouble() < selectivity)
            {
                bits.set(Layouts.BYTE, i >>> 3, (byte)(bits.get(Layouts.BYTE, i >>> 3) | (1 << (i & 7))));
                expected++;
            }
        }
        dstBuf = allocator.buffer(Math.max(8L, (long)expected * width));
        dst = ArrowMemory.segment(dstBuf).asSlice(0, (long)expected * width);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        srcBuf.close();
        bitsBuf.close();
        dstBuf.close();
        allocator.close();
    }

    private int check(final int written)
    {
        if (written != expected)
        {
            throw new IllegalStateException("wrote " + written + ", expected " + expected);
        }
        return written;
    }

    @Benchmark
    public void vector(final Blackhole bh)
    {
        bh.consume(check(VectorCompaction.compact(width, src, 0, bits, 0, size, dst, 0)));
    }

    @Benchmark
    public void scalarBranchless(final Blackhole bh)
    {
        bh.consume(check(ScalarCompaction.compact(width, src, 0, bits, 0, size, dst, 0)));
    }

    /** The textbook loop (int64 only): a branch per row, mispredicted half the time at 50%. */
    @Benchmark
    public void branchy(final Blackhole bh)
    {
        if (width != 8)
        {
            throw new IllegalStateException("branchy is the int64 reference only; run it with -p width=8");
        }
        int j = 0;
        final int n = size;
        for (int i = 0; i < n; i++)
        {
            if (((bits.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1) != 0)
            {
                dst.set(Layouts.LONG_UNALIGNED, (long)j << 3, src.get(Layouts.LONG_UNALIGNED, (long)i << 3));
                j++;
            }
        }
        bh.consume(check(j));
    }
}
