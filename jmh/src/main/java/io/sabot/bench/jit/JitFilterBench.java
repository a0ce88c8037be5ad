package io.sabot.bench.jit;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import io.sabot.bench.BenchData;
import io.sabot.jit.CompiledFilter;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
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

import static io.sabot.jit.expr.Exprs.col;
import static io.sabot.jit.expr.Exprs.lit;

/**
 * The filter figure: {@code a * b + c > t} over float64 (about 50% selected), the JIT-compiled filter through
 * the public API (into a reused selection) beside the hand-written Vector API kernel of the same expression and the
 * interpreter. Bars: compiled >= 0.8x hand-written, >= 10x the interpreter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class JitFilterBench
{
    @Param({"10000000"})
    public int size;

    private BufferAllocator allocator;
    private Batch batch;
    private SelectionVector selection;
    private CompiledFilter compiled;
    private CompiledFilter interpreted;
    private MemorySegment a;
    private MemorySegment b;
    private MemorySegment c;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator();
        final Float8Vector va = BenchData.doubles(allocator, "a", BenchData.doubles(size, 1));
        final Float8Vector vb = BenchData.doubles(allocator, "b", BenchData.doubles(size, 2));
        final Float8Vector vc = BenchData.doubles(allocator, "c", BenchData.doubles(size, 3));
        batch = Batch.of(va, vb, vc);
        selection = new SelectionVector(allocator, size);
        a = ArrowMemory.segment(va.getDataBuffer());
        b = ArrowMemory.segment(vb.getDataBuffer());
        c = ArrowMemory.segment(vc.getDataBuffer());
        final Expr predicate = col("a").mul(col("b")).add(col("c")).gt(lit(0.0));
        compiled = new ExpressionCompiler().compileFilter(predicate, batch.schema());
        interpreted = new ExpressionCompiler(ExpressionCompiler.Config.DEFAULTS.withForceInterpreter(true))
            .compileFilter(predicate, batch.schema());
        if (!compiled.isCompiled())
        {
            throw new IllegalStateException("not compiled: " + compiled.fallbackReason());
        }
        final int expected = HandWrittenKernels.filterMulAddGreater(a, b, c, 0.0, size, selection.segment());
        if (compiled.filter(batch, selection) != expected || interpreted.filter(batch, selection) != expected)
        {
            throw new IllegalStateException("compiled, interpreted and hand-written filters disagree");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        selection.close();
        batch.close();
        allocator.close();
    }

    @Benchmark
    public int compiled()
    {
        return compiled.filter(batch, selection);
    }

    @Benchmark
    public int handWrittenVector()
    {
        return HandWrittenKernels.filterMulAddGreater(a, b, c, 0.0, size, selection.segment());
    }

    /** Reads the three columns and counts, writing nothing: how fast this machine streams the input. */
    @Benchmark
    public long memoryFloorCount()
    {
        return HandWrittenKernels.countMulAddGreater(a, b, c, 0.0, size);
    }

    @Benchmark
    public int interpreter()
    {
        return interpreted.filter(batch, selection);
    }
}
