package io.sabot.bench.sched;

import java.util.concurrent.TimeUnit;

import io.sabot.sched.GroupResult;
import io.sabot.sched.GroupSpec;
import io.sabot.sched.Morsel;
import io.sabot.sched.MorselScheduler;
import io.sabot.sched.TaskGroup;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scheduling overhead: a group of {@value #MORSELS} empty morsels submitted from the benchmark thread, completed
 * and awaited. Score = nanoseconds per morsel, end to end (submit, queue, take, run, count down); the target is
 * <= 1 us. {@code spawned} pushes the morsels from one seed morsel onto a worker's own deque (no shared queue, no
 * submitter thread), which is the overhead a pipeline pays when it hands work on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmptyMorselBench
{
    static final int MORSELS = 100_000;
    private static final Morsel EMPTY = ctx -> { };

    @Param({"1", "2"})
    public int workers;

    @Param({"backoff", "spin"})
    public String idle;

    private MorselScheduler scheduler;

    @Setup(Level.Trial)
    public void setUp()
    {
        scheduler = MorselScheduler.builder()
            .workers(workers)
            .idleStrategy("spin".equals(idle) ? BusySpinIdleStrategy::new :
                () -> new BackoffIdleStrategy(100, 10, 1_000, 1_000_000))
            .build();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        scheduler.close();
    }

    @Benchmark
    @OperationsPerInvocation(MORSELS)
    public GroupResult submitted() throws Exception
    {
        final TaskGroup group = scheduler.submit(GroupSpec.named("empty").withMaxInFlight(1 << 16));
        for (int i = 0; i < MORSELS; i++)
        {
            group.submit(EMPTY);
        }
        group.complete();
        return group.completion().get();
    }

    @Benchmark
    @OperationsPerInvocation(MORSELS)
    public GroupResult spawned() throws Exception
    {
        final TaskGroup group = scheduler.submit(GroupSpec.named("spawned"));
        group.submit(ctx ->
        {
            for (int i = 0; i < MORSELS; i++)
            {
                ctx.spawn(EMPTY);
            }
        });
        group.complete();
        return group.completion().get();
    }
}
