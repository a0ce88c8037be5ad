package io.sabot.bench.sched;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import io.sabot.sched.GroupResult;
import io.sabot.sched.GroupSpec;
import io.sabot.sched.GroupStatus;
import io.sabot.sched.MorselScheduler;
import io.sabot.sched.TaskGroup;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * Memory-bound pipeline: SIMD filter ({@code x > threshold}) then sum over {@code rows} off-heap int64 (800 MB at
 * 100M rows), cut into morsels of {@code morselRows} and run by a 2-worker scheduler, beside the machine's 2-thread
 * read bandwidth in the same run: a plain 2-thread SIMD sum over the same memory ({@code plainTwoThreadSum}) and the
 * same filter+sum on two plain threads ({@code plainTwoThreadFilterSum}). Target: scheduler time <= plain sum time /
 * 0.9. Score = ms per pass.
 *
 * <pre>
 *   data: rows x int64 LE, one shared Arena segment, values in [0, 1000)
 *   morsel m: rows [m * morselRows, min(rows, (m + 1) * morselRows))
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryBoundBench
{
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_PREFERRED;
    private static final long THRESHOLD = 500;

    @Param({"100000000"})
    public long rows;

    @Param({"65536", "131072"})
    public int morselRows;

    private Arena arena;
    private MemorySegment data;
    private MorselScheduler scheduler;
    private ExecutorService plain;
    private AtomicLongArray partials;

    @Setup(Level.Trial)
    public void setUp()
    {
        arena = Arena.ofShared();
        data = arena.allocate(rows * Long.BYTES, 64);
        long x = 0x2545F4914F6CDD1DL;
        for (long i = 0; i < rows; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            data.setAtIndex(ValueLayout.JAVA_LONG, i, Math.floorMod(x, 1000L));
        }
        scheduler = MorselScheduler.builder().workers(2).build();
        plain = Executors.newFixedThreadPool(2);
        partials = new AtomicLongArray(2 * 16);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        scheduler.close();
        plain.shutdownNow();
        arena.close();
    }

    @Benchmark
    public long schedulerFilterSum() throws Exception
    {
        final TaskGroup group = scheduler.submit(GroupSpec.named("filter-sum").withMaxInFlight(1 << 14));
        for (long from = 0; from < rows; from += morselRows)
        {
            final long lo = from;
            final long hi = Math.min(rows, from + morselRows);
            group.submit(ctx -> partials.getAndAdd(ctx.workerIndex() * 16, filterSum(data, lo, hi, THRESHOLD)));
        }
        group.complete();
        final GroupResult result = group.completion().get();
        if (result.status() != GroupStatus.COMPLETED)
        {
            throw new IllegalStateException(result.toString());
        }
        return partials.get(0) + partials.get(16);
    }

    @Benchmark
    public long plainTwoThreadSum() throws Exception
    {
        final long half = rows / 2;
        final Future<Long> a = plain.submit(() -> sum(data, 0, half));
        final Future<Long> b = plain.submit(() -> sum(data, half, rows));
        return a.get() + b.get();
    }

    @Benchmark
    public long plainTwoThreadFilterSum() throws Exception
    {
        final long half = rows / 2;
        final Future<Long> a = plain.submit(() -> filterSum(data, 0, half, THRESHOLD));
        final Future<Long> b = plain.submit(() -> filterSum(data, half, rows, THRESHOLD));
        return a.get() + b.get();
    }

    static long filterSum(final MemorySegment data, final long from, final long to, final long threshold)
    {
        LongVector acc = LongVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        long i = from;
        for (final long bound = to - (to - from) % lanes; i < bound; i += lanes)
        {
            final LongVector v = LongVector.fromMemorySegment(SPECIES, data, i * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            acc = acc.add(v, v.compare(VectorOperators.GT, threshold));
        }
        long total = acc.reduceLanes(VectorOperators.ADD);
        for (; i < to; i++)
        {
            final long v = data.getAtIndex(ValueLayout.JAVA_LONG, i);
            total += v > threshold ? v : 0;
        }
        return total;
    }

    static long sum(final MemorySegment data, final long from, final long to)
    {
        LongVector acc = LongVector.zero(SPECIES);
        final int lanes = SPECIES.length();
        long i = from;
        for (final long bound = to - (to - from) % lanes; i < bound; i += lanes)
        {
            acc = acc.add(LongVector.fromMemorySegment(SPECIES, data, i * Long.BYTES, ByteOrder.LITTLE_ENDIAN));
        }
        long total = acc.reduceLanes(VectorOperators.ADD);
        for (; i < to; i++)
        {
            total += data.getAtIndex(ValueLayout.JAVA_LONG, i);
        }
        return total;
    }
}
