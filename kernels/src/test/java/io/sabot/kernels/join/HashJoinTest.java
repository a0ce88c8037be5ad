package io.sabot.kernels.join;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.join.JoinTestData.Col;
import io.sabot.kernels.join.JoinTestData.Kind;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HashJoinTest
{
    private static final int[] LIMITS = {1, 3, 64, 1000, HashJoinProbe.DEFAULT_MAX_OUTPUT_ROWS};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** How the probe rows are chosen. */
    enum ProbeRows
    {
        ALL, RANGE, SELECTION, SLICED
    }

    // ------------------------------------------------------------------ value generators

    private static Object[] values(final int n, final double nullRatio, final SplittableRandom random,
        final Function<SplittableRandom, Object> gen)
    {
        final Object[] values = new Object[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = nullRatio > 0 && random.nextDouble() < nullRatio ? null : gen.apply(random);
        }
        return values;
    }

    private static Function<SplittableRandom, Object> denseLongs(final long base, final int domain)
    {
        return r -> base + r.nextInt(domain);
    }

    private static Object sparseLong(final SplittableRandom r)
    {
        return TestData.nextLong(r);
    }

    private static Object shortString(final SplittableRandom r)
    {
        final int length = r.nextInt(4);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            final int pick = r.nextInt(8);
            sb.append(pick == 0 ? "é" : pick == 1 ? "日本" : String.valueOf((char)('a' + r.nextInt(3))));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ the checker

    /**
     * Builds from {@code build} in several batches (every third one with a selection), probes {@code probe} with every
     * join type and several output limits, and compares pairs, counts and gathered batches with the reference.
     */
    private void check(final List<Col> build, final List<String> buildKeys, final List<Col> probe,
        final List<String> probeKeys, final int buildBatches, final ProbeRows mode, final long seed,
        final Boolean expectDense)
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(seed);
        final int buildSize = build.get(0).values().length;
        final List<Integer> added = new ArrayList<>();
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), buildKeys))
        {
            final int step = Math.max(1, (buildSize + buildBatches - 1) / Math.max(1, buildBatches));
            int batchNo = 0;
            for (int from = 0; from < buildSize; from += step, batchNo++)
            {
                final int to = Math.min(buildSize, from + step);
                if (batchNo % 3 == 2)
                {
                    final List<Integer> picked = new ArrayList<>();
                    for (int i = 0; i < to - from; i++)
                    {
                        if (random.nextBoolean())
                        {
                            picked.add(i);
                        }
                    }
                    final int[] selection = picked.stream().mapToInt(Integer::intValue).toArray();
                    try (Batch b = JoinTestData.batch(allocator, build, from, to, selection))
                    {
                        table.add(b);
                    }
                    for (final int i : selection)
                    {
                        added.add(from + i);
                    }
                }
                else
                {
                    try (Batch b = JoinTestData.batch(allocator, build, from, to))
                    {
                        table.add(b);
                    }
                    for (int i = from; i < to; i++)
                    {
                        added.add(i);
                    }
                }
            }
            table.finish();
            assertEquals(added.size(), table.rowCount());
            if (expectDense != null)
            {
                assertEquals(expectDense, table.isDense(), table.describeIndex());
            }
            final int[] buildOrder = added.stream().mapToInt(Integer::intValue).toArray();
            probeAll(table, build, buildKeys, buildOrder, probe, probeKeys, mode, random);
        }
    }

    private void probeAll(final HashJoinTable table, final List<Col> build, final List<String> buildKeys,
        final int[] buildOrder, final List<Col> probe, final List<String> probeKeys, final ProbeRows mode,
        final SplittableRandom random)
    {
        final BufferAllocator allocator = memory.allocator();
        final int probeSize = probe.get(0).values().length;
        final List<Col> buildKeyCols = pick(build, buildKeys);
        final List<Col> probeKeyCols = pick(probe, probeKeys);
        try (Batch full = JoinTestData.batch(allocator, probe, 0, probeSize))
        {
            Batch batch = full;
            Batch sliced = null;
            SelectionVector selection = null;
            final Rows rows;
            final int[] probeRows;
            final int sliceOffset = probeSize > 2 ? 1 + random.nextInt(probeSize / 2) : 0;
            switch (mode)
            {
                case RANGE ->
                {
                    final int offset = probeSize == 0 ? 0 : random.nextInt(probeSize);
                    final int count = probeSize - offset == 0 ? 0 : random.nextInt(probeSize - offset + 1);
                    rows = Rows.range(offset, count);
                    probeRows = range(offset, count);
                }
                case SELECTION ->
                {
                    final List<Integer> picked = new ArrayList<>();
                    for (int i = 0; i < probeSize; i++)
                    {
                        if (random.nextInt(3) != 0)
                        {
                            picked.add(i);
                        }
                    }
                    probeRows = picked.stream().mapToInt(Integer::intValue).toArray();
                    selection = SelectionVector.of(allocator, probeRows);
                    rows = Rows.selected(selection);
                }
                case SLICED ->
                {
                    final List<FieldVector> parts = new ArrayList<>();
                    for (final FieldVector v : full.columns())
                    {
                        final TransferPair pair = v.getTransferPair(allocator);
                        pair.splitAndTransfer(sliceOffset, probeSize - sliceOffset);
                        parts.add((FieldVector)pair.getTo());
                    }
                    sliced = Batch.of(parts);
                    batch = sliced;
                    rows = sliced.rows();
                    probeRows = range(0, probeSize - sliceOffset);
                }
                default ->
                {
                    rows = full.rows();
                    probeRows = range(0, probeSize);
                }
            }
            // In sliced mode, physical row p of the slice is row p + sliceOffset of the Java columns.
            final int shift = mode == ProbeRows.SLICED ? sliceOffset : 0;
            final int[] javaRows = new int[probeRows.length];
            for (int i = 0; i < probeRows.length; i++)
            {
                javaRows[i] = probeRows[i] + shift;
            }
            try
            {
                for (final JoinType type : JoinType.values())
                {
                    final List<long[]> expected = JoinTestData.reference(type, buildKeyCols, buildOrder,
                        probeKeyCols, javaRows);
                    if (type == JoinType.INNER && (long)buildOrder.length * javaRows.length <= 200_000)
                    {
                        assertPairs(JoinTestData.nestedLoopInner(buildKeyCols, buildOrder, probeKeyCols, javaRows),
                            expected, "HashMap reference vs nested loop");
                    }
                    for (final int limit : LIMITS)
                    {
                        try (HashJoinProbe prober = table.probe(type, probeKeys, limit))
                        {
                            prober.start(batch, rows);
                            final List<long[]> actual = new ArrayList<>();
                            for (ProbeResult r = prober.next(); r != null; r = prober.next())
                            {
                                final int got = r.count();
                                assertTrue(got >= 1 && got <= limit, () -> "chunk of " + got);
                                for (int i = 0; i < r.count(); i++)
                                {
                                    actual.add(new long[] {r.probeRow(i) + shift, r.buildRow(i)});
                                }
                            }
                            assertNull(prober.next(), "stays exhausted");
                            assertPairs(expected, actual, type + " limit " + limit);
                            assertEquals(expected.size(), prober.countMatches(batch, rows), type + " count");
                        }
                    }
                    checkGathered(table, type, probeKeys, batch, rows, build, buildOrder, probe, shift, expected);
                }
            }
            finally
            {
                if (sliced != null)
                {
                    sliced.close();
                }
                if (selection != null)
                {
                    selection.close();
                }
            }
        }
    }

    private void checkGathered(final HashJoinTable table, final JoinType type, final List<String> probeKeys,
        final Batch batch, final Rows rows, final List<Col> build, final int[] buildOrder, final List<Col> probe,
        final int shift, final List<long[]> expected)
    {
        final boolean withBuild = type == JoinType.INNER || type == JoinType.LEFT_OUTER;
        try (HashJoinProbe prober = table.probe(type, probeKeys, 97))
        {
            prober.start(batch, rows);
            int k = 0;
            for (Batch out = prober.nextBatch(); out != null; out = prober.nextBatch())
            {
                try (Batch b = out)
                {
                    assertEquals(probe.size() + (withBuild ? build.size() : 0), b.columnCount());
                    for (int i = 0; i < b.rowCount(); i++, k++)
                    {
                        final long[] pair = expected.get(k);
                        for (int c = 0; c < probe.size(); c++)
                        {
                            final int column = c;
                            final int row = i;
                            assertEquals(probe.get(c).values()[(int)pair[0]],
                                JoinTestData.value(b.column(c), i), () -> "probe column " + column + " row " + row);
                        }
                        if (withBuild)
                        {
                            for (int c = 0; c < build.size(); c++)
                            {
                                final Object want = pair[1] < 0 ? null :
                                    build.get(c).values()[buildOrder[(int)pair[1]]];
                                final int column = c;
                                final int row = i;
                                assertEquals(want, JoinTestData.value(b.column(probe.size() + c), i),
                                    () -> "build column " + column + " row " + row);
                            }
                        }
                    }
                }
            }
            assertEquals(expected.size(), k, type + " gathered rows");
        }
    }

    private static void assertPairs(final List<long[]> expected, final List<long[]> actual, final String what)
    {
        assertEquals(expected.size(), actual.size(), what + " row count");
        for (int i = 0; i < expected.size(); i++)
        {
            final int row = i;
            assertArrayEquals(expected.get(i), actual.get(i), () -> what + " output row " + row);
        }
    }

    private static int[] range(final int offset, final int count)
    {
        final int[] rows = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = offset + i;
        }
        return rows;
    }

    private static List<Col> pick(final List<Col> cols, final List<String> names)
    {
        final List<Col> picked = new ArrayList<>();
        for (final String name : names)
        {
            picked.add(cols.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow());
        }
        return picked;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void int64DenseKeysWithDuplicatesAndNulls()
    {
        final int[] buildSizes = {0, 1, 7, 33, 129, 1000};
        final int[] probeSizes = {0, 1, 9, 65, 1023};
        long seed = 1;
        for (final int b : buildSizes)
        {
            for (final int p : probeSizes)
            {
                for (final double nulls : new double[] {0, 0.1, 1})
                {
                    final SplittableRandom r = new SplittableRandom(seed++);
                    final int domain = Math.max(1, b / 2);
                    final List<Col> build = List.of(
                        new Col("k", Kind.INT64, values(b, nulls, r, denseLongs(-5, domain))),
                        new Col("payload", Kind.UTF8, values(b, 0.2, r, HashJoinTest::shortString)));
                    final List<Col> probe = List.of(
                        new Col("pk", Kind.INT64, values(p, nulls, r, denseLongs(-7, domain + 4))),
                        new Col("pv", Kind.INT32, values(p, 0.1, r, x -> x.nextInt())));
                    final ProbeRows mode = ProbeRows.values()[(int)(seed % 4)];
                    final Boolean dense = nulls == 1 || b == 0 ? Boolean.FALSE : null;
                    check(build, List.of("k"), probe, List.of("pk"), 1 + (int)(seed % 5), mode, seed, dense);
                }
            }
        }
    }

    @Test
    void int64SparseKeysUseHashTable()
    {
        long seed = 100;
        for (final int b : new int[] {1, 33, 1000, 4099})
        {
            for (final int p : new int[] {0, 17, 4099})
            {
                final SplittableRandom r = new SplittableRandom(seed++);
                final Object[] buildKeys = values(b, 0.05, r, HashJoinTest::sparseLong);
                buildKeys[0] = Long.MIN_VALUE;
                if (b > 1)
                {
                    buildKeys[1] = Long.MAX_VALUE;
                }
                // Probe keys drawn mostly from the build keys so there are matches and duplicates.
                final Object[] probeKeys = values(p, 0.05, r,
                    x -> x.nextInt(4) == 0 ? sparseLong(x) : buildKeys[x.nextInt(b)]);
                final List<Col> build = List.of(new Col("k", Kind.INT64, buildKeys),
                    new Col("v", Kind.INT64, values(b, 0.3, r, HashJoinTest::sparseLong)));
                final List<Col> probe = List.of(new Col("k", Kind.INT64, probeKeys));
                // A single build row is a range of one: dense is right there.
                check(build, List.of("k"), probe, List.of("k"), 3, ProbeRows.values()[(int)(seed % 4)], seed,
                    b == 1 ? null : Boolean.FALSE);
            }
        }
    }

    @Test
    void int32KeysDenseAndSparse()
    {
        long seed = 200;
        for (final boolean dense : new boolean[] {true, false})
        {
            for (final int b : new int[] {5, 300, 2000})
            {
                final SplittableRandom r = new SplittableRandom(seed++);
                final Function<SplittableRandom, Object> gen = dense ? x -> 1000 + x.nextInt(b) :
                    x -> x.nextInt(20) == 0 ? (Object)Integer.MIN_VALUE : (Object)(x.nextInt() | 1);
                final Object[] buildKeys = values(b, 0.1, r, gen);
                final Object[] probeKeys = values(3000, 0.1, r,
                    x -> x.nextBoolean() ? gen.apply(x) : buildKeys[x.nextInt(b)]);
                final List<Col> build = List.of(new Col("id", Kind.INT32, buildKeys),
                    new Col("d", Kind.DATE, values(b, 0.1, r, x -> x.nextInt(20000))));
                final List<Col> probe = List.of(new Col("fk", Kind.INT32, probeKeys),
                    new Col("s", Kind.UTF8, values(3000, 0.1, r, HashJoinTest::shortString)));
                check(build, List.of("id"), probe, List.of("fk"), 4, ProbeRows.values()[(int)(seed % 4)], seed,
                    dense);
            }
        }
    }

    @Test
    void utf8KeysWithEmptyAndMultiByteStrings()
    {
        long seed = 300;
        for (final int b : new int[] {0, 1, 20, 500})
        {
            for (final ProbeRows mode : ProbeRows.values())
            {
                final SplittableRandom r = new SplittableRandom(seed++);
                final Object[] buildKeys = values(b, 0.1, r, HashJoinTest::shortString);
                if (b > 0)
                {
                    buildKeys[0] = "";
                }
                final Object[] probeKeys = values(700, 0.1, r, HashJoinTest::shortString);
                probeKeys[0] = "";
                probeKeys[1] = "日本";
                final List<Col> build = List.of(new Col("name", Kind.UTF8, buildKeys),
                    new Col("n", Kind.INT64, values(b, 0.1, r, HashJoinTest::sparseLong)));
                final List<Col> probe = List.of(new Col("name", Kind.UTF8, probeKeys),
                    new Col("m", Kind.INT64, values(700, 0, r, HashJoinTest::sparseLong)));
                check(build, List.of("name"), probe, List.of("name"), 3, mode, seed, Boolean.FALSE);
            }
        }
    }

    @Test
    void multiColumnKeysMixingIntsUtf8AndDates()
    {
        long seed = 400;
        for (final int b : new int[] {1, 64, 1500})
        {
            for (final ProbeRows mode : ProbeRows.values())
            {
                final SplittableRandom r = new SplittableRandom(seed++);
                final int p = 2000;
                final List<Col> build = List.of(
                    new Col("a", Kind.INT32, values(b, 0.05, r, x -> x.nextInt(4))),
                    new Col("s", Kind.UTF8, values(b, 0.05, r, HashJoinTest::shortString)),
                    new Col("d", Kind.DATE, values(b, 0.05, r, x -> 19000 + x.nextInt(3))),
                    new Col("payload", Kind.INT64, values(b, 0.1, r, HashJoinTest::sparseLong)));
                final List<Col> probe = List.of(
                    new Col("pd", Kind.DATE, values(p, 0.05, r, x -> 19000 + x.nextInt(3))),
                    new Col("pa", Kind.INT32, values(p, 0.05, r, x -> x.nextInt(4))),
                    new Col("ps", Kind.UTF8, values(p, 0.05, r, HashJoinTest::shortString)));
                check(build, List.of("a", "s", "d"), probe, List.of("pa", "ps", "pd"), 4, mode, seed,
                    Boolean.FALSE);
            }
        }
    }

    @Test
    void largeProbeWithHeavyDuplicatesResumesAcrossChunks()
    {
        final SplittableRandom r = new SplittableRandom(500);
        // 3 keys, ~300 build rows each: every probe row produces hundreds of rows, far above any output limit.
        final List<Col> build = List.of(new Col("k", Kind.INT64, values(900, 0, r, denseLongs(0, 3))));
        final List<Col> probe = List.of(new Col("k", Kind.INT64, values(600, 0.01, r, denseLongs(0, 4))));
        check(build, List.of("k"), probe, List.of("k"), 2, ProbeRows.ALL, 501, Boolean.TRUE);
    }

    @Test
    void bigSparseTableAcrossManyChunks()
    {
        final SplittableRandom r = new SplittableRandom(600);
        final Object[] buildKeys = values(65_537, 0.01, r, x -> x.nextLong());
        final Object[] probeKeys = values(65_537, 0.01, r, x -> x.nextInt(3) == 0 ? x.nextLong() :
            buildKeys[x.nextInt(buildKeys.length)]);
        final List<Col> build = List.of(new Col("k", Kind.INT64, buildKeys));
        final List<Col> probe = List.of(new Col("k", Kind.INT64, probeKeys));
        final BufferAllocator allocator = memory.allocator();
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
            Batch b = JoinTestData.batch(allocator, build, 0, buildKeys.length);
            Batch p = JoinTestData.batch(allocator, probe, 0, probeKeys.length))
        {
            table.add(b);
            table.finish();
            assertFalse(table.isDense());
            final int[] order = range(0, buildKeys.length);
            for (final JoinType type : JoinType.values())
            {
                final List<long[]> expected = JoinTestData.reference(type, build, order, probe,
                    range(0, probeKeys.length));
                try (HashJoinProbe prober = table.probe(type, List.of("k"), 4096))
                {
                    assertEquals(expected.size(), prober.countMatches(p), type.toString());
                    prober.start(p);
                    final List<long[]> actual = new ArrayList<>();
                    for (ProbeResult res = prober.next(); res != null; res = prober.next())
                    {
                        for (int i = 0; i < res.count(); i++)
                        {
                            actual.add(new long[] {res.probeRow(i), res.buildRow(i)});
                        }
                    }
                    assertPairs(expected, actual, type.toString());
                }
            }
        }
    }

    @Test
    void denseDetectionOnRangeAndFallbackOnWideRange()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> dense = List.of(new Col("k", Kind.INT64, new Object[] {10L, 11L, 13L, 12L, 10L}));
        final List<Col> wide = List.of(new Col("k", Kind.INT64, new Object[] {0L, 1L << 40, 5L}));
        try (HashJoinTable a = HashJoinTable.create(allocator, JoinTestData.schema(dense), List.of("k"));
            HashJoinTable b = HashJoinTable.create(allocator, JoinTestData.schema(wide), List.of("k"));
            Batch da = JoinTestData.batch(allocator, dense, 0, 5);
            Batch wb = JoinTestData.batch(allocator, wide, 0, 3))
        {
            a.add(da);
            a.finish();
            b.add(wb);
            b.finish();
            assertTrue(a.isDense(), a.describeIndex());
            assertFalse(b.isDense(), b.describeIndex());
            try (HashJoinProbe pa = a.probe(JoinType.INNER, List.of("k"));
                HashJoinProbe pb = b.probe(JoinType.INNER, List.of("k")))
            {
                // Key 10 is there twice (2 + 1 + 1 + 1 + 2 for probe 10, 11, 13, 12, 10); no wide key is in range.
                assertEquals(7, pa.countMatches(da));
                assertEquals(0, pa.countMatches(wb));
                assertEquals(3, pb.countMatches(wb));
            }
        }
    }

    @Test
    void emptyBuildSide()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> probe = List.of(new Col("k", Kind.INT64, new Object[] {1L, null, 3L}));
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(probe), List.of("k"));
            Batch p = JoinTestData.batch(allocator, probe, 0, 3))
        {
            table.finish();
            assertEquals(0, table.rowCount());
            for (final JoinType type : JoinType.values())
            {
                try (HashJoinProbe prober = table.probe(type, List.of("k")))
                {
                    final long want = type == JoinType.INNER || type == JoinType.SEMI ? 0 : 3;
                    assertEquals(want, prober.countMatches(p), type.toString());
                }
            }
        }
    }

    @Test
    void nullKeysNeverMatchButAntiEmitsThem()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> build = List.of(new Col("k", Kind.UTF8, new Object[] {null, "a", ""}));
        final List<Col> probe = List.of(new Col("k", Kind.UTF8, new Object[] {null, "a", "", "b"}));
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
            Batch b = JoinTestData.batch(allocator, build, 0, 3);
            Batch p = JoinTestData.batch(allocator, probe, 0, 4))
        {
            table.add(b);
            table.finish();
            assertEquals(2, table.matchableRows());
            try (HashJoinProbe anti = table.probe(JoinType.ANTI, List.of("k"));
                HashJoinProbe inner = table.probe(JoinType.INNER, List.of("k")))
            {
                anti.start(p);
                final ProbeResult r = anti.next();
                assertNotNull(r);
                assertArrayEquals(new int[] {0, 3}, r.probePositions().toArray());
                assertNull(anti.next());
                inner.start(p);
                final ProbeResult m = inner.next();
                assertEquals(2, m.count());
                assertEquals(1, m.probeRow(0));
                assertEquals(1, m.buildRow(0));
                assertEquals(2, m.probeRow(1));
                assertEquals(2, m.buildRow(1));
            }
        }
    }

    @Test
    void payloadSubsetAndNoPayload()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> build = List.of(new Col("k", Kind.INT32, new Object[] {1, 2, 2}),
            new Col("x", Kind.UTF8, new Object[] {"one", "two", "deux"}),
            new Col("y", Kind.INT64, new Object[] {10L, 20L, 21L}));
        final List<Col> probe = List.of(new Col("k", Kind.INT32, new Object[] {2, 3}));
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"),
            List.of("y"));
            HashJoinTable none = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"), List.of());
            Batch b = JoinTestData.batch(allocator, build, 0, 3);
            Batch p = JoinTestData.batch(allocator, probe, 0, 2))
        {
            table.add(b);
            table.finish();
            none.add(b);
            none.finish();
            try (HashJoinProbe left = table.probe(JoinType.LEFT_OUTER, List.of("k"));
                HashJoinProbe leftNone = none.probe(JoinType.LEFT_OUTER, List.of("k")))
            {
                left.start(p);
                try (Batch out = left.nextBatch())
                {
                    assertEquals(2, out.columnCount());
                    assertEquals("y", out.column(1).getName());
                    assertEquals(3, out.rowCount());
                    assertEquals(20L, JoinTestData.value(out.column(1), 0));
                    assertEquals(21L, JoinTestData.value(out.column(1), 1));
                    assertNull(JoinTestData.value(out.column(1), 2));
                    assertTrue(out.column(1).getField().isNullable());
                }
                assertNull(left.nextBatch());
                leftNone.start(p);
                try (Batch out = leftNone.nextBatch())
                {
                    assertEquals(1, out.columnCount());
                    assertEquals(3, out.rowCount());
                }
            }
        }
    }

    @Test
    void typedErrors()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> build = List.of(new Col("k", Kind.INT64, new Object[] {1L}),
            new Col("f", Kind.UTF8, new Object[] {"x"}));
        final List<Col> probe = List.of(new Col("pk", Kind.INT32, new Object[] {1}),
            new Col("ps", Kind.UTF8, new Object[] {"x"}));
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
            Batch b = JoinTestData.batch(allocator, build, 0, 1);
            Batch p = JoinTestData.batch(allocator, probe, 0, 1))
        {
            final SchemaException unknownKey = assertThrows(SchemaException.class,
                () -> HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("nope")));
            assertTrue(unknownKey.getMessage().contains("nope"), unknownKey.getMessage());
            table.add(b);
            final IllegalStateException early = assertThrows(IllegalStateException.class,
                () -> table.probe(JoinType.INNER, List.of("pk")));
            assertTrue(early.getMessage().contains("finish"), early.getMessage());
            table.finish();
            assertThrows(IllegalStateException.class, () -> table.add(b));
            assertThrows(IllegalStateException.class, table::finish);
            assertThrows(SchemaException.class, () -> table.probe(JoinType.INNER, List.of("pk", "ps")));
            try (HashJoinProbe prober = table.probe(JoinType.INNER, List.of("pk"));
                HashJoinProbe strings = table.probe(JoinType.INNER, List.of("ps"));
                HashJoinProbe missing = table.probe(JoinType.INNER, List.of("zz")))
            {
                final SchemaException mismatch = assertThrows(SchemaException.class, () -> prober.start(p));
                assertTrue(mismatch.getMessage().contains("'pk'") && mismatch.getMessage().contains("'k'"),
                    mismatch.getMessage());
                assertThrows(SchemaException.class, () -> strings.countMatches(p));
                final SchemaException unknown = assertThrows(SchemaException.class, () -> missing.start(p));
                assertTrue(unknown.getMessage().contains("zz"), unknown.getMessage());
                assertNull(prober.next(), "nothing started");
                assertThrows(SchemaException.class, () -> missing.start(p, Rows.range(0, 5)));
            }
        }
        // Float keys are not joinable.
        final org.apache.arrow.vector.types.pojo.Schema floats = new org.apache.arrow.vector.types.pojo.Schema(
            List.of(org.apache.arrow.vector.types.pojo.Field.nullable("f",
                new org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint(
                    org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE))));
        assertThrows(SchemaException.class, () -> HashJoinTable.create(allocator, floats, List.of("f")));
    }

    @Test
    void buildTypeMismatchAndClosedUse()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Col> build = List.of(new Col("k", Kind.INT64, new Object[] {1L}));
        final List<Col> other = List.of(new Col("k", Kind.INT32, new Object[] {1}));
        final HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
        try (Batch o = JoinTestData.batch(allocator, other, 0, 1))
        {
            assertThrows(SchemaException.class, () -> table.add(o));
            table.finish();
            final HashJoinProbe prober = table.probe(JoinType.SEMI, List.of("k"));
            prober.close();
            assertThrows(IllegalStateException.class, prober::next);
        }
        table.close();
        table.close();
        assertThrows(IllegalStateException.class, () -> table.probe(JoinType.INNER, List.of("k")));
        assertTrue(Objects.nonNull(table.describeIndex()));
    }

    @Test
    void slicedBuildBatchAndProbeBatchWithOwnSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom r = new SplittableRandom(700);
        final int n = 300;
        final List<Col> build = List.of(new Col("k", Kind.INT64, values(n, 0.1, r, denseLongs(0, 50))),
            new Col("s", Kind.UTF8, values(n, 0.1, r, HashJoinTest::shortString)));
        final List<Col> probe = List.of(new Col("k", Kind.INT64, values(n, 0.1, r, denseLongs(0, 60))));
        final int offset = 5;
        final int[] selection = {0, 3, 4, 10, 200, 299};
        try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
            Batch full = JoinTestData.batch(allocator, build, 0, n);
            Batch p = JoinTestData.batch(allocator, probe, 0, n, selection))
        {
            final List<FieldVector> parts = new ArrayList<>();
            for (final FieldVector v : full.columns())
            {
                final TransferPair pair = v.getTransferPair(allocator);
                pair.splitAndTransfer(offset, n - offset);
                parts.add((FieldVector)pair.getTo());
            }
            try (Batch sliced = Batch.of(parts))
            {
                table.add(sliced);
            }
            table.finish();
            final int[] order = range(offset, n - offset);
            for (final JoinType type : JoinType.values())
            {
                final List<long[]> expected = JoinTestData.reference(type, List.of(build.get(0)), order, probe,
                    selection);
                try (HashJoinProbe prober = table.probe(type, List.of("k"), 2))
                {
                    prober.start(p);
                    final List<long[]> actual = new ArrayList<>();
                    for (ProbeResult res = prober.next(); res != null; res = prober.next())
                    {
                        for (int i = 0; i < res.count(); i++)
                        {
                            actual.add(new long[] {res.probeRow(i), res.buildRow(i)});
                        }
                    }
                    assertPairs(expected, actual, type.toString());
                    assertEquals(expected.size(), prober.countMatches(p), type.toString());
                }
                checkGathered(table, type, List.of("k"), p, p.rows(), build, order, probe, 0, expected);
            }
        }
    }

    @Test
    void probeKeysEqualToTheEmptySentinelNeverMatchFreeSlots()
    {
        final BufferAllocator allocator = memory.allocator();
        final long sentinel = LongHashIndex.FIRST_SENTINEL;
        final long next = sentinel + 0x9E3779B97F4A7C15L;
        // 20 half-full sparse tables: the sentinel's home slot is occupied in some, so probing walks to a free slot.
        for (int t = 0; t < 20; t++)
        {
            final SplittableRandom r = new SplittableRandom(800 + t);
            final Object[] keys = values(1000, 0, r, x -> x.nextLong());
            final boolean withSentinel = t % 2 == 1;
            if (withSentinel)
            {
                keys[7] = sentinel;
            }
            final List<Col> build = List.of(new Col("k", Kind.INT64, keys));
            final List<Col> probe = List.of(new Col("k", Kind.INT64, new Object[] {sentinel, next, keys[3]}));
            try (HashJoinTable table = HashJoinTable.create(allocator, JoinTestData.schema(build), List.of("k"));
                Batch b = JoinTestData.batch(allocator, build, 0, keys.length);
                Batch p = JoinTestData.batch(allocator, probe, 0, 3))
            {
                table.add(b);
                table.finish();
                assertFalse(table.isDense());
                try (HashJoinProbe prober = table.probe(JoinType.INNER, List.of("k")))
                {
                    prober.start(p);
                    final ProbeResult res = prober.next();
                    final int expected = withSentinel ? 2 : 1;
                    assertEquals(expected, res.count(), table.describeIndex());
                    assertEquals(withSentinel ? 0 : 2, res.probeRow(0));
                    assertEquals(withSentinel ? 7 : 3, res.buildRow(0));
                    assertEquals(expected, prober.countMatches(p));
                }
            }
        }
    }
}
