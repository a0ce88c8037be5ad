package io.sabot.bench.hashagg;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.kernels.Rows;
import io.sabot.kernels.hashagg.HashAggregator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The same workload as {@link HashAggBench}, timed by the thread's CPU time as well as wall time, for a machine
 * shared with other jobs, where wall-clock JMH scores mostly measure the scheduler. Prints the median of several
 * passes for Sabot and the {@code HashMap} baseline, and their ratio.
 *
 * <p>Usage: {@code java @sabot-jvm.args -cp ... io.sabot.bench.hashagg.HashAggCpuTime [rows] [passes]}.
 */
public final class HashAggCpuTime
{
    private static final int MORSEL = 1 << 16;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HashAggCpuTime()
    {
    }

    /**
     * @param args optional row count (default 10M) and passes per case (default 7).
     */
    public static void main(final String[] args)
    {
        final int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final int passes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        for (final int groups : new int[] {1000, 1_000_000})
        {
            for (final boolean spread : new boolean[] {false, true})
            {
                run(size, groups, spread, passes);
            }
        }
    }

    private static void run(final int size, final int groups, final boolean spread, final int passes)
    {
        try (BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);
            BigIntVector keys = new BigIntVector("k", allocator);
            BigIntVector values = new BigIntVector("v", allocator))
        {
            keys.allocateNew(size);
            values.allocateNew(size);
            final long[] keyArray = new long[size];
            final long[] valueArray = new long[size];
            final SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < size; i++)
            {
                final long group = random.nextInt(groups);
                keyArray[i] = spread ? group * 0x9E3779B97F4A7C15L : group;
                valueArray[i] = random.nextInt(1_000_000);
                keys.set(i, keyArray[i]);
                values.set(i, valueArray[i]);
            }
            keys.setValueCount(size);
            values.setValueCount(size);
            final Rows[] morsels = new Rows[(size + MORSEL - 1) / MORSEL];
            for (int m = 0; m < morsels.length; m++)
            {
                morsels[m] = Rows.range(m * MORSEL, Math.min(MORSEL, size - m * MORSEL));
            }
            final List<FieldVector> keyList = List.of(keys);
            final List<FieldVector> valueList = List.of(values);
            final double[] sabotCpu = new double[passes];
            final double[] sabotWall = new double[passes];
            long check = 0;
            try (HashAggregator agg = HashAggregator.builder(allocator).groupBy("k").sum("v").build())
            {
                for (int p = 0; p < passes; p++)
                {
                    final long cpu = THREADS.getCurrentThreadCpuTime();
                    final long wall = System.nanoTime();
                    agg.reset();
                    for (final Rows morsel : morsels)
                    {
                        agg.add(morsel, keyList, valueList);
                    }
                    sabotCpu[p] = size * 1e3 / (THREADS.getCurrentThreadCpuTime() - cpu);
                    sabotWall[p] = size * 1e3 / (System.nanoTime() - wall);
                    check += agg.groupCount();
                }
            }
            final double[] mapCpu = new double[passes];
            final double[] mapWall = new double[passes];
            final HashMap<Long, long[]> map = new HashMap<>();
            for (int p = 0; p < passes; p++)
            {
                final long cpu = THREADS.getCurrentThreadCpuTime();
                final long wall = System.nanoTime();
                map.clear();
                for (int i = 0; i < size; i++)
                {
                    map.computeIfAbsent(keyArray[i], unused -> new long[1])[0] += valueArray[i];
                }
                mapCpu[p] = size * 1e3 / (THREADS.getCurrentThreadCpuTime() - cpu);
                mapWall[p] = size * 1e3 / (System.nanoTime() - wall);
                check -= map.size();
            }
            if (check != 0)
            {
                throw new AssertionError("group counts differ between Sabot and HashMap");
            }
            System.out.printf("rows=%d groups=%d keys=%s: sabot %.1f M rows/s cpu (%.1f wall), HashMap %.1f M rows/s "
                + "cpu (%.1f wall), ratio %.1fx [median of %d, first pass included]%n", size, groups,
                spread ? "spread" : "dense", median(sabotCpu), median(sabotWall), median(mapCpu), median(mapWall),
                median(sabotCpu) / median(mapCpu), passes);
        }
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
