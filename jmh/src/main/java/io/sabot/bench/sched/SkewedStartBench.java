package io.sabot.bench.sched;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sabot.sched.GroupResult;
import io.sabot.sched.GroupSpec;
import io.sabot.sched.MorselScheduler;
import io.sabot.sched.TaskGroup;
import io.sabot.sched.WorkerStats;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Skewed start: one seed morsel on worker 0 spawns every morsel onto worker 0's deque; worker 1 only gets work by
 * stealing. Score = ms per group; the secondary counters {@code busy0Us}/{@code busy1Us} are each worker's busy time
 * over the iteration (from {@link MorselScheduler#stats()}); the target is both within 10% of each other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SkewedStartBench
{
    @Param({"4096"})
    public int morsels;

    @Param({"16384"})
    public int rowsPerMorsel;

    private MorselScheduler scheduler;
    private int[] data;
    private long[] tables;

    @Setup(Level.Trial)
    public void setUp()
    {
        scheduler = MorselScheduler.builder().workers(2).build();
        data = new int[rowsPerMorsel];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = i * 0x61C88647;
        }
        tables = new long[2 * 1040];
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        scheduler.close();
    }

    /**
     * Per-iteration busy time of each worker, reported by JMH as secondary results.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Busy
    {
        public long busy0Us;
        public long busy1Us;
        public long steals1;
    }

    @Benchmark
    public GroupResult skewed(final Busy busy) throws Exception
    {
        final List<WorkerStats> before = scheduler.stats();
        final TaskGroup group = scheduler.submit(GroupSpec.named("skew"));
        group.submit(ctx ->
        {
            for (int m = 0; m < morsels; m++)
            {
                ctx.spawn(child -> ComputeBoundBench.aggregate(data, 0, data.length, tables, child.workerIndex() * 1040));
            }
        }, 0);
        group.complete();
        final GroupResult result = group.completion().get();
        final List<WorkerStats> after = scheduler.stats();
        busy.busy0Us += (after.get(0).busyNanos() - before.get(0).busyNanos()) / 1000;
        busy.busy1Us += (after.get(1).busyNanos() - before.get(1).busyNanos()) / 1000;
        busy.steals1 += after.get(1).steals() - before.get(1).steals();
        return result;
    }
}
