package io.sabot.bench.sched;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.sched.GroupResult;
import io.sabot.sched.GroupSpec;
import io.sabot.sched.GroupStatus;
import io.sabot.sched.MorselScheduler;
import io.sabot.sched.TaskGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compute-bound pipeline through the scheduler: each morsel hashes a cache-resident block of ints into its worker's
 * small aggregation table (1024 long slots, L1-resident). Run with {@code workers} = 1 and 2; the target on a
 * 2-core machine is time(1) / time(2) >= 1.8. Score = time per group of {@code morsels} morsels.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ComputeBoundBench
{
    private static final int TABLE_SLOTS = 1024;
    private static final int TABLE_STRIDE = TABLE_SLOTS + 16; // keep workers' tables off each other's lines

    @Param({"1", "2"})
    public int workers;

    @Param({"2048"})
    public int morsels;

    @Param({"16384"})
    public int rowsPerMorsel;

    private MorselScheduler scheduler;
    private int[] data;
    private long[] tables;

    @Setup(Level.Trial)
    public void setUp()
    {
        scheduler = MorselScheduler.builder().workers(workers).build();
        final SplittableRandom random = new SplittableRandom(11);
        data = new int[rowsPerMorsel * 4]; // 4 blocks, 256 KiB at the default: L2-resident
        for (int i = 0; i < data.length; i++)
        {
            data[i] = random.nextInt();
        }
        tables = new long[TABLE_STRIDE * workers];
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        scheduler.close();
    }

    @Benchmark
    public GroupResult hashAggregate() throws Exception
    {
        final TaskGroup group = scheduler.submit(GroupSpec.named("compute").withMaxInFlight(morsels));
        final int blocks = data.length / rowsPerMorsel;
        for (int m = 0; m < morsels; m++)
        {
            final int from = (m % blocks) * rowsPerMorsel;
            group.submit(ctx -> aggregate(data, from, from + rowsPerMorsel, tables, ctx.workerIndex() * TABLE_STRIDE));
        }
        group.complete();
        final GroupResult result = group.completion().get();
        if (result.status() != GroupStatus.COMPLETED)
        {
            throw new IllegalStateException(result.toString());
        }
        return result;
    }

    static void aggregate(final int[] data, final int from, final int to, final long[] tables, final int base)
    {
        for (int i = from; i < to; i++)
        {
            final int x = data[i];
            long h = x * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 32;
            tables[base + ((int)h & (TABLE_SLOTS - 1))] += x;
        }
    }
}
