package io.sabot.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import io.sabot.common.SchemaException;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.exec.ExecutorSmokeTest;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Every operator through the planner and executor at parallelism 1, 2 and 3: same rows (as multisets, or in order
 * where the API orders them), equal to a plain Java reference, and no memory left behind.
 */
class ParallelDeterminismTest
{
    /** The reference rows of ExecutorSmokeTest.Gen(splits, batches, rows): {a, b} with b null (MIN_VALUE) when i%7==0. */
    static List<long[]> reference(final int splits, final int batches, final int rows)
    {
        final List<long[]> out = new ArrayList<>();
        for (int s = 0; s < splits; s++)
        {
            for (int e = 0; e < batches; e++)
            {
                final Random r = new Random(s * 1000L + e);
                for (int i = 0; i < rows; i++)
                {
                    final long a = ((long)s * batches + e) * rows + i;
                    out.add(new long[] {a, i % 7 == 0 ? Long.MIN_VALUE : r.nextInt(100)});
                }
            }
        }
        return out;
    }

    static List<long[]> run(final int parallelism, final Function<StreamEnvironment, DataStream> job)
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(300)
                 .allocator(root).build())
        {
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            job.apply(env).writeTo(sink);
            env.execute("determinism");
            assertEquals(0, root.getAllocatedMemory(), "leak");
            return new ArrayList<>(sink.rows);
        }
    }

    static List<long[]> sorted(final List<long[]> rows)
    {
        final List<long[]> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Arrays::toString));
        return copy;
    }

    static void assertSameRows(final List<long[]> expected, final List<long[]> actual)
    {
        assertEquals(expected.size(), actual.size());
        final List<long[]> e = sorted(expected);
        final List<long[]> a = sorted(actual);
        for (int i = 0; i < e.size(); i++)
        {
            assertEquals(Arrays.toString(e.get(i)), Arrays.toString(a.get(i)));
        }
    }

    static void assertAllParallelisms(final List<long[]> expected, final boolean ordered,
                                      final Function<StreamEnvironment, DataStream> job)
    {
        for (final int p : new int[] {1, 2, 3})
        {
            final List<long[]> actual = run(p, job);
            if (ordered)
            {
                assertEquals(expected.size(), actual.size());
                for (int i = 0; i < expected.size(); i++)
                {
                    assertEquals(Arrays.toString(expected.get(i)), Arrays.toString(actual.get(i)), "row " + i);
                }
            }
            else
            {
                assertSameRows(expected, actual);
            }
        }
    }

    static DataStream source(final StreamEnvironment env)
    {
        return env.from(new ExecutorSmokeTest.Gen(3, 4, 777));
    }

    @Test
    void keyedAggregate()
    {
        final Map<Long, long[]> groups = new HashMap<>();
        for (final long[] row : reference(3, 4, 777))
        {
            final long[] g = groups.computeIfAbsent(row[0] % 10, k -> new long[] {k, 0, 0, Long.MAX_VALUE});
            g[2]++;
            if (row[1] != Long.MIN_VALUE)
            {
                g[1] += row[1];
                g[3] = Math.min(g[3], row[1]);
            }
        }
        assertAllParallelisms(new ArrayList<>(groups.values()), false, env -> source(env)
            .withColumn("k", "a % 10")
            .keyBy("k")
            .aggregate(Agg.sum("b").as("s"), Agg.count().as("n"), Agg.min("b").as("m")));
    }

    @Test
    void globalAggregateAndSortedOutput()
    {
        long sum = 0;
        long count = 0;
        for (final long[] row : reference(3, 4, 777))
        {
            if (row[1] != Long.MIN_VALUE && row[1] > 30)
            {
                sum += row[1];
                count++;
            }
        }
        assertAllParallelisms(List.<long[]>of(new long[] {sum, count}), true,
            env -> source(env).filter("b > 30").aggregate(Agg.sum("b").as("s"), Agg.count().as("n")));
    }

    @Test
    void sortTopNLimitDistinct()
    {
        final List<long[]> rows = reference(3, 4, 777);
        final List<long[]> bySortKey = new ArrayList<>(rows);
        bySortKey.sort(Comparator.<long[]>comparingLong(r -> r[1] == Long.MIN_VALUE ? Long.MAX_VALUE : r[1])
            .reversed().thenComparingLong(r -> r[0]));
        // nulls last in descending order: put them at the end
        final List<long[]> expectedSort = new ArrayList<>();
        bySortKey.stream().filter(r -> r[1] != Long.MIN_VALUE).forEach(expectedSort::add);
        bySortKey.stream().filter(r -> r[1] == Long.MIN_VALUE).sorted(Comparator.comparingLong(r -> r[0]))
            .forEach(expectedSort::add);
        assertAllParallelisms(expectedSort, true, env -> source(env)
            .sort(SortKey.of("b", io.sabot.kernels.sort.SortOrder.DESCENDING,
                io.sabot.kernels.sort.NullPlacement.AT_END), SortKey.ascending("a")));
        assertAllParallelisms(expectedSort.subList(0, 25), true, env -> source(env)
            .topN(25, SortKey.of("b", io.sabot.kernels.sort.SortOrder.DESCENDING,
                io.sabot.kernels.sort.NullPlacement.AT_END), SortKey.ascending("a")));
        final Set<Long> distinct = new HashSet<>();
        rows.forEach(r -> distinct.add(r[1]));
        final List<long[]> expectedDistinct = new ArrayList<>();
        distinct.forEach(v -> expectedDistinct.add(new long[] {v}));
        assertAllParallelisms(expectedDistinct, false, env -> source(env).select("b").distinct());
        for (final int p : new int[] {1, 2, 3})
        {
            assertEquals(40, run(p, env -> source(env).limit(40)).size());
            assertEquals(expectedSort.subList(0, 7).stream().map(Arrays::toString).toList(),
                run(p, env -> source(env).sort(SortKey.of("b", io.sabot.kernels.sort.SortOrder.DESCENDING,
                    io.sabot.kernels.sort.NullPlacement.AT_END), SortKey.ascending("a")).limit(7)).stream()
                    .map(Arrays::toString).toList());
        }
    }

    @Test
    void joinsAndUnion()
    {
        final List<long[]> rows = reference(3, 4, 777);
        // build side: keys 0..49 with value key*3 (only even keys)
        final Map<Long, Long> build = new HashMap<>();
        for (long k = 0; k < 50; k += 2)
        {
            build.put(k, k * 3);
        }
        final List<long[]> inner = new ArrayList<>();
        final List<long[]> semi = new ArrayList<>();
        final List<long[]> anti = new ArrayList<>();
        for (final long[] row : rows)
        {
            if (row[1] != Long.MIN_VALUE && build.containsKey(row[1]))
            {
                inner.add(new long[] {row[0], row[1], row[1], build.get(row[1])});
                semi.add(row);
            }
            else
            {
                anti.add(row);
            }
        }
        final Function<StreamEnvironment, DataStream> buildSide = env -> source(env)
            .filter("a < 50 and a % 2 = 0").map(List.of(new io.sabot.jit.Projection("k", io.sabot.jit.expr.Exprs
                .col("a")), new io.sabot.jit.Projection("v", io.sabot.jit.expr.ExprParser.parse("a * 3"))));
        assertAllParallelisms(inner, false,
            env -> source(env).join(buildSide.apply(env), JoinType.INNER, List.of("b"), List.of("k")));
        assertAllParallelisms(semi, false,
            env -> source(env).join(buildSide.apply(env), JoinType.SEMI, List.of("b"), List.of("k")));
        assertAllParallelisms(anti, false,
            env -> source(env).join(buildSide.apply(env), JoinType.ANTI, List.of("b"), List.of("k")));
        final List<long[]> twice = new ArrayList<>(rows);
        twice.addAll(rows);
        assertAllParallelisms(twice, false, env -> source(env).union(source(env)));
        // one stream feeding two consumers
        assertAllParallelisms(twice, false, env ->
        {
            final DataStream s = source(env);
            return s.filter("a >= 0").union(s.filter("a >= 0"));
        });
    }

    @Test
    void planErrorsAreTypedAndNameTheColumn()
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).build())
        {
            final SchemaException unknown = assertThrows(SchemaException.class,
                () -> source(env).keyBy("nope"));
            assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
            assertThrows(SchemaException.class, () -> source(env).filter("zz > 1"));
            final SchemaException keys = assertThrows(SchemaException.class,
                () -> source(env).withColumn("c", "a > 1").join(source(env), JoinType.INNER, List.of("c"),
                    List.of("a")));
            assertTrue(keys.getMessage().contains("join key"), keys.getMessage());
            final String plan = source(env).filter("b > 1").keyBy("a").aggregate(Agg.count())
                .explain(new ExecutorSmokeTest.Collect());
            assertTrue(plan.contains("Partial Aggregate") && plan.contains("via hash[a]"), plan);
            assertFalse(plan.isEmpty());
        }
    }

    @Test
    void lambdaUdfsFlatMapAndLeftJoin()
    {
        final List<long[]> rows = reference(3, 4, 777);
        // a lambda UDF in a filter and in a projection (lifted into the generated loop)
        final io.sabot.jit.udf.Udf twice = io.sabot.jit.udf.Udf.longFn("twice", v -> v * 2 + 1);
        final List<long[]> udfExpected = new ArrayList<>();
        for (final long[] row : rows)
        {
            if (row[1] != Long.MIN_VALUE && row[1] * 2 + 1 > 150)
            {
                udfExpected.add(new long[] {row[0], row[1] * 2 + 1});
            }
        }
        assertAllParallelisms(udfExpected, false, env -> source(env)
            .filter(io.sabot.jit.expr.Exprs.call(twice, io.sabot.jit.expr.Exprs.col("b"))
                .gt(io.sabot.jit.expr.Exprs.lit(150L)))
            .map(List.of(new io.sabot.jit.Projection("a", io.sabot.jit.expr.Exprs.col("a")),
                new io.sabot.jit.Projection("t", io.sabot.jit.expr.Exprs.call(twice,
                    io.sabot.jit.expr.Exprs.col("b"))))));
        // flatMap: every row with b > 90 twice, as (a)
        final List<long[]> flat = new ArrayList<>();
        for (final long[] row : rows)
        {
            if (row[1] != Long.MIN_VALUE && row[1] > 90)
            {
                flat.add(new long[] {row[0]});
                flat.add(new long[] {row[0]});
            }
        }
        final org.apache.arrow.vector.types.pojo.Schema aOnly = new org.apache.arrow.vector.types.pojo.Schema(List.of(
            org.apache.arrow.vector.types.pojo.Field.nullable("a",
                new org.apache.arrow.vector.types.pojo.ArrowType.Int(64, true))));
        assertAllParallelisms(flat, false, env -> source(env).flatMap((in, allocator, out) ->
        {
            for (int copy = 0; copy < 2; copy++)
            {
                final org.apache.arrow.vector.BigIntVector a = new org.apache.arrow.vector.BigIntVector("a", allocator);
                a.allocateNew(in.rowCount());
                final org.apache.arrow.vector.BigIntVector inA = (org.apache.arrow.vector.BigIntVector)in.column("a");
                final org.apache.arrow.vector.BigIntVector inB = (org.apache.arrow.vector.BigIntVector)in.column("b");
                int n = 0;
                for (int i = 0; i < in.rowCount(); i++)
                {
                    if (!inB.isNull(i) && inB.get(i) > 90)
                    {
                        a.set(n++, inA.get(i));
                    }
                }
                a.setValueCount(n);
                out.emit(io.sabot.kernels.Batch.of(a));
            }
        }, aOnly));
        // left join: every probe row, build columns null without a match
        final List<long[]> left = new ArrayList<>();
        for (final long[] row : rows)
        {
            final boolean match = row[1] != Long.MIN_VALUE && row[1] < 50 && row[1] % 2 == 0;
            left.add(new long[] {row[0], row[1], match ? row[1] : Long.MIN_VALUE, match ? row[1] * 3 : Long.MIN_VALUE});
        }
        assertAllParallelisms(left, false, env -> source(env).join(source(env)
            .filter("a < 50 and a % 2 = 0").map(List.of(new io.sabot.jit.Projection("k",
                io.sabot.jit.expr.Exprs.col("a")), new io.sabot.jit.Projection("v", io.sabot.jit.expr.ExprParser
                .parse("a * 3")))), io.sabot.kernels.join.JoinType.LEFT_OUTER, List.of("b"), List.of("k")));
    }
}
