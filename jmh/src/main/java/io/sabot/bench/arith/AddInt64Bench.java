package io.sabot.bench.arith;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.arith.Arithmetic;
import io.sabot.kernels.arith.Overflow;
import io.sabot.simd.Layouts;
import io.sabot.simd.ScalarArith;
import io.sabot.simd.VectorArith;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
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

/**
 * int64 column + column: the Vector API kernel beside its scalar twin, wrapping and checked, and the kernel API
 * (validity AND included) writing into a supplied vector. Time per call; divide by {@code size} for ns/row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AddInt64Bench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private BigIntVector a;
    private BigIntVector b;
    private BigIntVector out;
    private MemorySegment sa;
    private MemorySegment sb;
    private MemorySegment so;
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        a = new BigIntVector("a", allocator);
        b = new BigIntVector("b", allocator);
        out = new BigIntVector("out", allocator);
        a.allocateNew(size);
        b.allocateNew(size);
        out.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < size; i++)
        {
            a.set(i, random.nextLong(-1_000_000, 1_000_000));
            if (i % 10 == 9)
            {
                b.setNull(i);
            }
            else
            {
                b.set(i, random.nextLong(-1_000_000, 1_000_000));
            }
        }
        a.setValueCount(size);
        b.setValueCount(size);
        sa = ArrowMemory.segment(a.getDataBuffer());
        sb = ArrowMemory.segment(b.getDataBuffer());
        so = ArrowMemory.segment(out.getDataBuffer());
        rows = Rows.all(a);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        a.close();
        b.close();
        out.close();
        allocator.close();
    }

    @Benchmark
    public long simdVector()
    {
        VectorArith.addI64(sa, 0, sb, 0, so, 0, size);
        return so.getAtIndex(Layouts.LONG_UNALIGNED, size - 1);
    }

    @Benchmark
    public long simdScalar()
    {
        ScalarArith.addI64(sa, 0, sb, 0, so, 0, size);
        return so.getAtIndex(Layouts.LONG_UNALIGNED, size - 1);
    }

    @Benchmark
    public boolean simdCheckedVector()
    {
        return VectorArith.addI64Checked(sa, 0, sb, 0, so, 0, size);
    }

    @Benchmark
    public boolean simdCheckedScalar()
    {
        return ScalarArith.addI64Checked(sa, 0, sb, 0, so, 0, size);
    }

    @Benchmark
    public int kernelWrap()
    {
        Arithmetic.add(a, b, rows, Overflow.WRAP, out);
        return out.getValueCount();
    }

    @Benchmark
    public int kernelCheck()
    {
        Arithmetic.add(a, b, rows, Overflow.CHECK, out);
        return out.getValueCount();
    }
}
