package io.sabot.bench.arith;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Rows;
import io.sabot.kernels.arith.Arithmetic;
import io.sabot.kernels.arith.BinaryOp;
import io.sabot.kernels.arith.Overflow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
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
 * decimal128 column + column in CHECK mode: decimal(15,2) + decimal(12,4) gives decimal(18,4) (64-bit path) and
 * decimal(30,2) + decimal(25,4) gives decimal(33,4) (128-bit two-long path), into supplied vectors. No SIMD twin:
 * decimals run a row loop. Time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecimalAddBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private DecimalVector narrowA;
    private DecimalVector narrowB;
    private DecimalVector narrowOut;
    private DecimalVector wideA;
    private DecimalVector wideB;
    private DecimalVector wideOut;
    private Rows rows;

    @Setup(Level.Trial)
    public void setUp()
    {
        allocator = new RootAllocator(Long.MAX_VALUE);
        narrowA = vector("na", 15, 2, 1);
        narrowB = vector("nb", 12, 4, 2);
        wideA = vector("wa", 30, 2, 3);
        wideB = vector("wb", 25, 4, 4);
        narrowOut = out(narrowA, narrowB);
        wideOut = out(wideA, wideB);
        rows = Rows.all(narrowA);
    }

    private DecimalVector vector(final String name, final int precision, final int scale, final long seed)
    {
        final DecimalVector v = new DecimalVector(name, allocator, precision, scale);
        v.allocateNew(size);
        final SplittableRandom random = new SplittableRandom(seed);
        final long bound = (long)Math.pow(10, Math.min(precision, 18) - 1);
        for (int i = 0; i < size; i++)
        {
            v.set(i, BigDecimal.valueOf(random.nextLong(-bound, bound), scale));
        }
        v.setValueCount(size);
        return v;
    }

    private DecimalVector out(final DecimalVector x, final DecimalVector y)
    {
        final ArrowType.Decimal t = (ArrowType.Decimal)Arithmetic.resultType(BinaryOp.ADD, x.getField().getType(),
            y.getField().getType());
        final DecimalVector v = new DecimalVector("out", allocator, t.getPrecision(), t.getScale());
        v.allocateNew(size);
        return v;
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        narrowA.close();
        narrowB.close();
        narrowOut.close();
        wideA.close();
        wideB.close();
        wideOut.close();
        allocator.close();
    }

    @Benchmark
    public int decimal18Add()
    {
        Arithmetic.add(narrowA, narrowB, rows, Overflow.CHECK, narrowOut);
        return narrowOut.getValueCount();
    }

    @Benchmark
    public int decimal38Add()
    {
        Arithmetic.add(wideA, wideB, rows, Overflow.CHECK, wideOut);
        return wideOut.getValueCount();
    }
}
