package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.operator.Harness.DOUBLE;
import static io.sabot.runtime.operator.Harness.INT;
import static io.sabot.runtime.operator.Harness.LONG;
import static io.sabot.runtime.operator.Harness.SCHEMA;
import static io.sabot.runtime.operator.Harness.UTF8;
import static io.sabot.runtime.operator.Harness.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashJoinOperatorTest
{
    private static final Schema BUILD_SCHEMA = Harness.schema("bi", INT, "l", LONG, "d", DOUBLE, "s", UTF8);
    private static final int[] SIZES = {0, 1, 5, 150, 500};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static List<List<Object>> reference(final JoinType type, final List<Object[]> probe,
        final List<Object[]> build, final int[] probeKeys, final int[] buildKeys)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (final Object[] p : probe)
        {
            final List<Object[]> matches = new ArrayList<>();
            for (final Object[] b : build)
            {
                boolean equal = true;
                for (int k = 0; k < probeKeys.length && equal; k++)
                {
                    equal = p[probeKeys[k]] != null && b[buildKeys[k]] != null &&
                        Objects.equals(p[probeKeys[k]], b[buildKeys[k]]);
                }
                if (equal)
                {
                    matches.add(b);
                }
            }
            switch (type)
            {
                case INNER, LEFT_OUTER ->
                {
                    for (final Object[] b : matches)
                    {
                        final List<Object> row = Harness.list(p);
                        row.addAll(Harness.list(b));
                        out.add(row);
                    }
                    if (matches.isEmpty() && type == JoinType.LEFT_OUTER)
                    {
                        final List<Object> row = Harness.list(p);
                        row.addAll(Harness.list(new Object[build.isEmpty() ? 4 : build.get(0).length]));
                        out.add(row);
                    }
                }
                case SEMI ->
                {
                    if (!matches.isEmpty())
                    {
                        out.add(Harness.list(p));
                    }
                }
                case ANTI ->
                {
                    if (matches.isEmpty())
                    {
                        out.add(Harness.list(p));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyJoinTypeMatchesTheNestedLoopReference()
    {
        final SplittableRandom random = new SplittableRandom(11);
        final List<List<String>> probeKeySets = List.of(List.of("i"), List.of("i", "s"));
        final List<List<String>> buildKeySets = List.of(List.of("bi"), List.of("bi", "s"));
        final int[][] probeIdx = {{0}, {0, 3}};
        for (final JoinType type : JoinType.values())
        {
            for (int keys = 0; keys < 2; keys++)
            {
                for (final int probeSize : SIZES)
                {
                    for (final int buildSize : SIZES)
                    {
                        final List<Object[]> probe = Harness.randomRows(random, probeSize, 15, 0.1);
                        final List<Object[]> build = Harness.randomRows(random, buildSize, 15, 0.1);
                        final List<List<Object>> expected = reference(type, probe, build, probeIdx[keys],
                            probeIdx[keys]);
                        final boolean declare = random.nextBoolean();
                        final List<List<Object>> actual = run(random, type, probeKeySets.get(keys),
                            buildKeySets.get(keys), probe, build, declare);
                        final String what = type + " keys " + probeKeySets.get(keys) + " probe " + probeSize +
                            " build " + buildSize;
                        assertSameRows(expected, actual, what);
                    }
                }
            }
        }
    }

    /** Interleaves probe and build batches at random, with probe batches before and after the build ends. */
    private List<List<Object>> run(final SplittableRandom random, final JoinType type, final List<String> probeKeys,
        final List<String> buildKeys, final List<Object[]> probe, final List<Object[]> build, final boolean declare)
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            try (HashJoinOperator op = new HashJoinOperator(type, probeKeys, buildKeys, declare ? BUILD_SCHEMA : null,
                HashJoinOperator.DEFAULT_SUFFIX, random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 4096))
            {
                op.open(Harness.context(allocator, true));
                final List<Batch> probeBatches = Harness.batches(allocator, random, probe, SCHEMA);
                final List<Batch> buildBatches = Harness.batches(allocator, random, build, BUILD_SCHEMA);
                int p = 0;
                int b = 0;
                boolean probeEnded = false;
                while (b < buildBatches.size())
                {
                    if (p < probeBatches.size() && random.nextBoolean())
                    {
                        op.processBatch(HashJoinOperator.PROBE, probeBatches.get(p++), out);
                    }
                    else
                    {
                        op.processBatch(HashJoinOperator.BUILD, buildBatches.get(b++), out);
                    }
                }
                if (p == probeBatches.size())
                {
                    op.endOfInput(HashJoinOperator.PROBE, out);
                    probeEnded = true;
                }
                assertTrue(out.batches.isEmpty(), "nothing is emitted before the build side ends");
                op.endOfInput(HashJoinOperator.BUILD, out);
                while (p < probeBatches.size())
                {
                    op.processBatch(HashJoinOperator.PROBE, probeBatches.get(p++), out);
                }
                if (!probeEnded)
                {
                    op.endOfInput(HashJoinOperator.PROBE, out);
                }
            }
            if (!out.batches.isEmpty() && (type == JoinType.INNER || type == JoinType.LEFT_OUTER) &&
                out.batches.get(0).columnCount() == 8)
            {
                assertEquals(List.of("i", "l", "d", "s", "bi", "l_right", "d_right", "s_right"),
                    Batches.names(out.batches.get(0).schema()));
            }
            return out.rows();
        }
    }

    @Test
    void closeBeforeTheEndReleasesBufferedProbeBatchesAndTheTable()
    {
        final SplittableRandom random = new SplittableRandom(12);
        for (final JoinType type : JoinType.values())
        {
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                 Harness.Collector out = new Harness.Collector())
            {
                try (HashJoinOperator op = new HashJoinOperator(type, List.of("i"), List.of("bi")))
                {
                    op.open(Harness.context(allocator, false));
                    for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 300, 20,
                        0.1), SCHEMA))
                    {
                        op.processBatch(HashJoinOperator.PROBE, batch, out);
                    }
                    for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 300, 20,
                        0.1), BUILD_SCHEMA))
                    {
                        op.processBatch(HashJoinOperator.BUILD, batch, out);
                    }
                }
                assertEquals(0, allocator.getAllocatedMemory());
            }
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                 Harness.Collector out = new Harness.Collector())
            {
                try (HashJoinOperator op = new HashJoinOperator(type, List.of("i"), List.of("bi")))
                {
                    op.open(Harness.context(allocator, false));
                    op.processBatch(HashJoinOperator.BUILD, Harness.batch(allocator, random,
                        Harness.randomRows(random, 50, 20, 0.1), BUILD_SCHEMA, false), out);
                    op.endOfInput(HashJoinOperator.BUILD, out);
                    op.processBatch(HashJoinOperator.PROBE, Harness.batch(allocator, random,
                        Harness.randomRows(random, 50, 20, 0.1), SCHEMA, true), out);
                }
                out.release();
                assertEquals(0, allocator.getAllocatedMemory());
            }
        }
    }

    @Test
    void buildSideWithoutAnyBatch()
    {
        final SplittableRandom random = new SplittableRandom(14);
        for (final JoinType type : JoinType.values())
        {
            for (final boolean declare : new boolean[] {true, false})
            {
                final List<Object[]> probe = Harness.randomRows(random, 40, 5, 0.2);
                final List<List<Object>> expected = reference(type, probe, List.of(), new int[] {0}, new int[] {0});
                try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                     Harness.Collector out = new Harness.Collector())
                {
                    try (HashJoinOperator op = new HashJoinOperator(type, List.of("i"), List.of("bi"),
                        declare ? BUILD_SCHEMA : null, "_b", 16))
                    {
                        op.open(Harness.context(allocator, true));
                        op.processBatch(HashJoinOperator.PROBE, Harness.batch(allocator, random, probe, SCHEMA,
                            true), out);
                        op.endOfInput(HashJoinOperator.BUILD, out);
                        op.endOfInput(HashJoinOperator.PROBE, out);
                    }
                    final List<List<Object>> wanted = new ArrayList<>();
                    for (final List<Object> row : expected)
                    {
                        // Documented: without a declared build schema a left join can only emit the probe columns.
                        wanted.add(declare ? row : row.subList(0, 4));
                    }
                    assertSameRows(wanted, out.rows(), type + " declared " + declare);
                    if (declare && type == JoinType.LEFT_OUTER)
                    {
                        assertEquals(List.of("i", "l", "d", "s", "bi", "l_b", "d_b", "s_b"),
                            Batches.names(out.batches.get(0).schema()));
                    }
                }
            }
        }
    }

    @Test
    void ambiguousRenameIsASchemaError()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final Schema probeSchema = Harness.schema("i", INT, "s_right", LONG, "d", DOUBLE, "s", UTF8);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             HashJoinOperator op = new HashJoinOperator(JoinType.INNER, List.of("i"), List.of("i")))
        {
            op.open(Harness.context(allocator, true));
            final List<Object[]> rows = Harness.randomRows(random, 20, 3, 0);
            op.processBatch(HashJoinOperator.BUILD, Harness.batch(allocator, random, rows, SCHEMA, false), out);
            op.endOfInput(HashJoinOperator.BUILD, out);
            final Batch probe = Harness.batch(allocator, random, rows, probeSchema, false);
            final SchemaException e = assertThrows(SchemaException.class,
                () -> op.processBatch(HashJoinOperator.PROBE, probe, out));
            assertTrue(e.getMessage().contains("s_right"), e.getMessage());
        }
        assertThrows(SchemaException.class, () -> new HashJoinOperator(JoinType.INNER, List.of("a"), List.of()));
    }
}
