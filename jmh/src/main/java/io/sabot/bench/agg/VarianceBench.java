package io.sabot.bench.agg;

import java.util.concurrent.TimeUnit;

import io.sabot.kernels.Rows;
import io.sabot.kernels.agg.Aggregates;
import io.sabot.kernels.agg.VarianceState;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Population variance of float64 with 1% nulls: {@link Aggregates} (blocked two-pass + merge) vs a per-row Welford
 * loop over Arrow's getters (the obvious scalar alternative).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VarianceBench
{
    @Param({"1000", "1000000", "10000000"})
    public int size;

    private BufferAllocator allocator;
    private Float8Vector doubles;
    private final VarianceState state = new VarianceState();

    @Setup
    public void setup()
    {
        allocator = new RootAllocator();
        doubles = AggData.doubles(allocator, size, 0.01, 7);
        AggData.check("variance", Aggregates.variancePopulation(doubles).getAsDouble(), welford());
    }

    @TearDown
    public void tearDown()
    {
        doubles.close();
        allocator.close();
    }

    private double welford()
    {
        state.reset();
        for (int i = 0; i < size; i++)
        {
            if (!doubles.isNull(i))
            {
                state.add(doubles.get(i));
            }
        }
        return state.variance(0).orElse(Double.NaN);
    }

    @Benchmark
    public void aggregates(final Blackhole bh)
    {
        bh.consume(Aggregates.variancePopulation(doubles, Rows.all(doubles)).getAsDouble());
    }

    @Benchmark
    public double welfordScalar()
    {
        return welford();
    }
}
