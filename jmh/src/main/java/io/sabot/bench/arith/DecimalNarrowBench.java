package io.sabot.bench.arith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.kernels.decimal.DecimalWords;
import io.sabot.kernels.decimal.Decimals;
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
 * Decimal128 to decimal64 narrowing (with the range check) and widening back, Vector API body against its scalar
 * twin ({@link DecimalWords}), over decimal(15,2)-sized values in off-heap segments. Time per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecimalNarrowBench
{
    @Param({"1000", "1000000"})
    public int size;

    private Arena arena;
    private MemorySegment slots;
    private MemorySegment rows;
    private MemorySegment wide;
    private final long max = Decimals.maxUnscaled(15);

    @Setup(Level.Trial)
    public void setUp()
    {
        arena = Arena.ofShared();
        slots = arena.allocate(16L * size, 64);
        rows = arena.allocate(8L * size, 64);
        wide = arena.allocate(16L * size, 64);
        final SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < size; i++)
        {
            final long v = random.nextLong(-max, max + 1);
            slots.setAtIndex(ValueLayout.JAVA_LONG, 2L * i, v);
            slots.setAtIndex(ValueLayout.JAVA_LONG, 2L * i + 1, v >> 63);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        arena.close();
    }

    /** @return whether a value was out of range (never). */
    @Benchmark
    public boolean narrowVector()
    {
        return DecimalWords.narrowVector(slots, rows, size, max);
    }

    /** @return whether a value was out of range (never). */
    @Benchmark
    public boolean narrowScalar()
    {
        return DecimalWords.narrowScalar(slots, rows, 0, size, max);
    }

    /** @return the widened buffer. */
    @Benchmark
    public MemorySegment widenVector()
    {
        DecimalWords.widenVector(rows, wide, size);
        return wide;
    }

    /** @return the widened buffer. */
    @Benchmark
    public MemorySegment widenScalar()
    {
        DecimalWords.widenScalar(rows, wide, 0, size);
        return wide;
    }
}
