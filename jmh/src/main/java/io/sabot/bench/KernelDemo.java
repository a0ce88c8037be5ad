package io.sabot.bench;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.agg.Aggregates;
import io.sabot.kernels.arith.Arithmetic;
import io.sabot.kernels.compare.Comparison;
import io.sabot.kernels.hashagg.HashAggregator;
import io.sabot.kernels.join.HashJoinProbe;
import io.sabot.kernels.join.HashJoinTable;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.select.Filter;
import io.sabot.kernels.sort.NullPlacement;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortOrder;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Comparisons;
import io.sabot.simd.ScalarArith;
import io.sabot.simd.ScalarComparisons;
import io.sabot.simd.ScalarReductions;
import io.sabot.simd.SimdConfig;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * {@code ./sabot demo}: generates rows off-heap and runs the main kernels over them, printing rows/s for each beside
 * its scalar twin. Figures are the best of several runs after a warm-up; for the careful numbers use the JMH suite.
 * Every result is checked against the scalar twin, and the allocator must end empty.
 */
public final class KernelDemo
{
    private static final int WARMUP_RUNS = 5;
    private static final int RUNS = 7;

    private KernelDemo()
    {
    }

    /**
     * @param args {@code [--rows N]}.
     */
    public static void main(final String[] args)
    {
        int rows = 10_000_000;
        for (int i = 0; i < args.length; i++)
        {
            if ("--rows".equals(args[i]) && i + 1 < args.length)
            {
                rows = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
            }
            else
            {
                System.err.println("usage: ./sabot demo [--rows N]");
                System.exit(2);
            }
        }
        System.out.printf(Locale.ROOT, "Sabot kernel demo: %,d rows, SIMD %s, %s%n", rows, SimdConfig.describe(),
            Runtime.version());
        try (BufferAllocator allocator = new RootAllocator())
        {
            run(allocator, rows);
            if (allocator.getAllocatedMemory() != 0)
            {
                throw new IllegalStateException("allocator not empty: " + allocator.getAllocatedMemory() + " bytes");
            }
        }
        System.out.println("allocator closed with 0 bytes outstanding");
    }

    private static void run(final BufferAllocator allocator, final int n)
    {
        final int buildRows = Math.max(1, n / 10);
        try (BigIntVector v = BenchData.bigInts(allocator, "v", BenchData.longs(n, 1_000_000, 1));
            BigIntVector k = BenchData.bigInts(allocator, "k", BenchData.longs(n, 1_000, 2));
            Float8Vector a = BenchData.doubles(allocator, "a", BenchData.doubles(n, 3));
            Float8Vector b = BenchData.doubles(allocator, "b", BenchData.doubles(n, 4));
            Float8Vector c = BenchData.doubles(allocator, "c", BenchData.doubles(n, 5));
            Float8Vector out = new Float8Vector("out", allocator))
        {
            final MemorySegment vs = ArrowMemory.segment(v.getDataBuffer());
            System.out.printf(Locale.ROOT, "%-44s %14s %14s%n", "kernel", "Sabot Mrows/s", "scalar Mrows/s");

            final long sum = Aggregates.sum(v).orElseThrow();
            report("sum(int64)", n,
                () -> Aggregates.sum(v).orElseThrow(),
                () -> ScalarReductions.sumLong(vs, 0, n), sum);

            final long threshold = 500_000;
            final long greater = ScalarComparisons.countCompareInt64(CompareOp.GT, vs, 0, n, threshold);
            report("count(v > 500000)", n,
                () -> Comparisons.countCompareInt64(CompareOp.GT, vs, 0, n, threshold),
                () -> ScalarComparisons.countCompareInt64(CompareOp.GT, vs, 0, n, threshold), greater);

            report("filter v > 500000 into a new vector (50%)", n,
                () -> filterCount(v, threshold, allocator),
                () -> scalarFilterCount(vs, n, threshold, allocator), greater);

            out.allocateNew(n);
            final MemorySegment as = ArrowMemory.segment(a.getDataBuffer());
            final MemorySegment bs = ArrowMemory.segment(b.getDataBuffer());
            final MemorySegment cs = ArrowMemory.segment(c.getDataBuffer());
            report("a * b + c (float64)", n,
                () ->
                {
                    Arithmetic.multiplyAdd(a, b, c, Rows.all(a), out);
                    return 0;
                },
                () ->
                {
                    ScalarArith.multiplyAddF64(as, 0, bs, 0, cs, 0, ArrowMemory.segment(out.getDataBuffer()), 0, n);
                    return 0;
                }, 0);

            report("group by k (1K groups), sum(v)", n, () -> groupBy(k, v, allocator), null, 1_000);

            try (BigIntVector buildKeys = BenchData.bigInts(allocator, "bk",
                BenchData.shuffledRange(buildRows, 1L << 40, 6));
                BigIntVector probeKeys = BenchData.bigInts(allocator, "pk", probeOf(buildRows, n, 7)))
            {
                report("hash join probe, dense keys (" + buildRows + " build rows)", n,
                    () -> joinCount(buildKeys, probeKeys, allocator), null, n);
            }

            final int sortRows = Math.min(n, 1_000_000);
            try (BigIntVector s = BenchData.bigInts(allocator, "s", BenchData.longs(sortRows, 0, 8)))
            {
                report("sort indices int64 (" + sortRows + " rows, radix)", sortRows,
                    () ->
                    {
                        try (IntVector order = SortIndices.sortIndices(allocator, s, SortOrder.ASCENDING,
                            NullPlacement.AT_END))
                        {
                            return order.getValueCount();
                        }
                    }, null, sortRows);
            }
        }
    }

    private static long filterCount(final BigIntVector v, final long threshold, final BufferAllocator allocator)
    {
        try (SelectionVector selection = Comparison.select(CompareOp.GT, v, threshold, Rows.all(v), allocator);
            FieldVector kept = Filter.filter(v, selection, allocator))
        {
            return kept.getValueCount();
        }
    }

    /** The scalar twin of {@link #filterCount}: a branch-free compare-and-copy loop into a new vector. */
    private static long scalarFilterCount(final MemorySegment values, final int n, final long threshold,
        final BufferAllocator allocator)
    {
        try (BigIntVector kept = new BigIntVector("v", allocator))
        {
            kept.allocateNew(n);
            final MemorySegment out = ArrowMemory.segment(kept.getDataBuffer());
            int j = 0;
            for (int i = 0; i < n; i++)
            {
                final long value = values.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
                out.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, j, value);
                j += value > threshold ? 1 : 0;
            }
            kept.setValueCount(j);
            return j;
        }
    }

    private static long groupBy(final BigIntVector k, final BigIntVector v, final BufferAllocator allocator)
    {
        try (HashAggregator aggregator = HashAggregator.builder(allocator).groupBy("k").sum("v").build())
        {
            aggregator.add(Rows.all(k), List.of(k), List.of(v));
            return aggregator.groupCount();
        }
    }

    private static long joinCount(final BigIntVector buildKeys, final BigIntVector probeKeys,
        final BufferAllocator allocator)
    {
        final BigIntVector build = new BigIntVector("key", allocator);
        buildKeys.makeTransferPair(build).splitAndTransfer(0, buildKeys.getValueCount());
        final BigIntVector probe = new BigIntVector("key", allocator);
        probeKeys.makeTransferPair(probe).splitAndTransfer(0, probeKeys.getValueCount());
        try (Batch buildBatch = Batch.of(build);
            Batch probeBatch = Batch.of(probe);
            HashJoinTable table = HashJoinTable.create(allocator, buildBatch.schema(), List.of("key")))
        {
            table.add(buildBatch);
            table.finish();
            try (HashJoinProbe joiner = table.probe(JoinType.INNER, List.of("key")))
            {
                return joiner.countMatches(probeBatch);
            }
        }
    }

    private static long[] probeOf(final int buildRows, final int n, final long seed)
    {
        final long[] picks = BenchData.longs(n, buildRows, seed);
        for (int i = 0; i < n; i++)
        {
            picks[i] += 1L << 40;
        }
        return picks;
    }

    private static void report(final String name, final int rows, final LongSupplier sabot, final LongSupplier scalar,
        final long expected)
    {
        final long sabotResult = sabot.getAsLong();
        if (scalar != null)
        {
            final long scalarResult = scalar.getAsLong();
            if (sabotResult != scalarResult)
            {
                throw new IllegalStateException(name + ": Sabot gave " + sabotResult + ", scalar twin " +
                    scalarResult);
            }
        }
        if (expected != 0 && sabotResult != expected)
        {
            throw new IllegalStateException(name + ": expected " + expected + ", got " + sabotResult);
        }
        final double sabotRate = rows / bestSeconds(sabot) / 1e6;
        final String scalarRate = scalar == null ? "-" :
            String.format(Locale.ROOT, "%,.0f", rows / bestSeconds(scalar) / 1e6);
        System.out.printf(Locale.ROOT, "%-44s %,14.0f %14s%n", name, sabotRate, scalarRate);
    }

    private static double bestSeconds(final LongSupplier work)
    {
        for (int i = 0; i < WARMUP_RUNS; i++)
        {
            work.getAsLong();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < RUNS; i++)
        {
            final long start = System.nanoTime();
            work.getAsLong();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e9;
    }
}
