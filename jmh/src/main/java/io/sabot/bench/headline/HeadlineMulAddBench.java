package io.sabot.bench.headline;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import io.sabot.bench.BenchData;
import io.sabot.bench.peer.DuckDbPeer;
import io.sabot.bench.ref.CReference;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.arith.Arithmetic;
import io.sabot.simd.ScalarArith;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Headline: {@code out = a * b + c} over float64 (unfused, so every contender gives the same bits). Sabot's kernel
 * writing into a caller-supplied vector, its scalar twin, the C reference, and DuckDB's {@code sum(a*b+c)} (which
 * also sums, so it does a little more work). The bar: >= 0.9x C at 10M rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class HeadlineMulAddBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private Float8Vector a;
    private Float8Vector b;
    private Float8Vector c;
    private Float8Vector out;
    private Rows rows;
    private DuckDbPeer duck;

    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params)
    {
        allocator = new RootAllocator();
        final double[] x = BenchData.doubles(size, 31);
        final double[] y = BenchData.doubles(size, 32);
        final double[] z = BenchData.doubles(size, 33);
        a = BenchData.doubles(allocator, "a", x);
        b = BenchData.doubles(allocator, "b", y);
        c = BenchData.doubles(allocator, "c", z);
        out = new Float8Vector("out", allocator);
        out.allocateNew(size);
        rows = Rows.all(a);
        // Loading DuckDB takes seconds per million rows: only forks that run a duck* method pay it.
        if (params.getBenchmark().contains(".duck"))
        {
            duck = new DuckDbPeer();
            duck.loadDoubles("t", new String[] {"a", "b", "c"}, x, y, z);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (duck != null)
        {
            duck.close();
        }
        a.close();
        b.close();
        c.close();
        out.close();
        allocator.close();
    }

    @Benchmark
    public Float8Vector sabotMulAdd()
    {
        Arithmetic.multiplyAdd(a, b, c, rows, out);
        return out;
    }

    @Benchmark
    public Float8Vector scalarMulAdd()
    {
        ScalarArith.multiplyAddF64(ArrowMemory.segment(a.getDataBuffer()), 0, ArrowMemory.segment(b.getDataBuffer()),
            0, ArrowMemory.segment(c.getDataBuffer()), 0, ArrowMemory.segment(out.getDataBuffer()), 0, size);
        return out;
    }

    @Benchmark
    public MemorySegment cMulAdd()
    {
        final MemorySegment result = ArrowMemory.segment(out.getDataBuffer());
        CReference.multiplyAdd(ArrowMemory.segment(a.getDataBuffer()), ArrowMemory.segment(b.getDataBuffer()),
            ArrowMemory.segment(c.getDataBuffer()), result, size);
        return result;
    }

    @Benchmark
    public double duckSumMulAdd()
    {
        return duck.queryDouble("SELECT sum(a * b + c) FROM t");
    }
}
