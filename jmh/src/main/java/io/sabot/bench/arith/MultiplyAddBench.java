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
import org.apache.arrow.vector.Float8Vector;
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
 * float64 {@code out = a * b + c} (4 memory streams): the Vector API kernel, its scalar twin, the fused kernel API
 * call, and the same result composed from {@code multiply} then {@code add} through the kernel API (6 streams plus
 * two validity passes). Time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MultiplyAddBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private Float8Vector a;
    private Float8Vector b;
    private Float8Vector c;
    private Float8Vector tmp;
    private Float8Vector out;
    private MemorySegment sa;
    private MemorySegment sb;
    private MemorySegment sc;
    private MemorySegment so;
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        a = vector("a", 1);
        b = vector("b", 2);
        c = vector("c", 3);
        tmp = new Float8Vector("tmp", allocator);
        tmp.allocateNew(size);
        out = new Float8Vector("out", allocator);
        out.allocateNew(size);
        sa = ArrowMemory.segment(a.getDataBuffer());
        sb = ArrowMemory.segment(b.getDataBuffer());
        sc = ArrowMemory.segment(c.getDataBuffer());
        so = ArrowMemory.segment(out.getDataBuffer());
        rows = Rows.all(a);
    }

    private Float8Vector vector(final String name, final long seed)
    {
        final Float8Vector v = new Float8Vector(name, allocator);
        v.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++)
        {
            v.set(i, random.nextDouble() * 100.0);
        }
        v.setValueCount(size);
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        a.close();
        b.close();
        c.close();
        tmp.close();
        out.close();
        allocator.close();
    }

    @Benchmark
    public double simdVector()
    {
        VectorArith.multiplyAddF64(sa, 0, sb, 0, sc, 0, so, 0, size);
        return so.getAtIndex(Layouts.DOUBLE_UNALIGNED, size - 1);
    }

    @Benchmark
    public double simdScalar()
    {
        ScalarArith.multiplyAddF64(sa, 0, sb, 0, sc, 0, so, 0, size);
        return so.getAtIndex(Layouts.DOUBLE_UNALIGNED, size - 1);
    }

    @Benchmark
    public double kernel()
    {
        Arithmetic.multiplyAdd(a, b, c, rows, out);
        return out.get(size - 1);
    }

    @Benchmark
    public double kernelComposed()
    {
        Arithmetic.multiply(a, b, rows, Overflow.WRAP, tmp);
        Arithmetic.add(tmp, c, rows, Overflow.WRAP, out);
        return out.get(size - 1);
    }
}
