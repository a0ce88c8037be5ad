package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.operator.Harness.SCHEMA;
import static io.sabot.runtime.operator.Harness.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregateOperatorTest
{
    private static final List<Aggregate> AGGREGATES = List.of(
        Aggregate.count("n"), Aggregate.count("l", "nl"), Aggregate.sum("l", "sl"), Aggregate.sum("d", "sd"),
        Aggregate.min("i", "mi"), Aggregate.max("d", "xd"), Aggregate.min("d", "md"), Aggregate.mean("l", "ml"),
        Aggregate.mean("d", "avgd"), Aggregate.max("l", "xl"));
    private static final List<List<String>> KEY_SETS = List.of(List.of("i"), List.of("s"), List.of("i", "s"),
        List.of("d"), List.of());
    private static final int[] SIZES = {0, 1, 7, 300, 1500};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** The scalar reference: per group, in order of first appearance. */
    private static final class Reference
    {
        final List<String> keys;
        final Map<List<Object>, State> groups = new LinkedHashMap<>();

        Reference(final List<String> keys)
        {
            this.keys = keys;
        }

        Set<List<Object>> add(final List<Object[]> rows)
        {
            final Set<List<Object>> touched = new HashSet<>();
            for (final Object[] row : rows)
            {
                final List<Object> key = key(keys, row);
                touched.add(key);
                groups.computeIfAbsent(key, k -> new State()).add(row);
            }
            return touched;
        }

        List<List<Object>> rows(final Set<List<Object>> only, final boolean globalWhenEmpty)
        {
            final List<List<Object>> out = new ArrayList<>();
            if (groups.isEmpty() && keys.isEmpty() && globalWhenEmpty)
            {
                out.add(new State().output(List.of()));
            }
            for (final Map.Entry<List<Object>, State> e : groups.entrySet())
            {
                if (only == null || only.contains(e.getKey()))
                {
                    out.add(e.getValue().output(e.getKey()));
                }
            }
            return out;
        }
    }

    static List<Object> key(final List<String> keys, final Object[] row)
    {
        final List<Object> key = new ArrayList<>();
        for (final String name : keys)
        {
            Object value = row[Batches.indexOf(SCHEMA, name, "key")];
            if (value instanceof Double d && d == 0.0)
            {
                value = 0.0;
            }
            key.add(value);
        }
        return key;
    }

    private static final class State
    {
        long n;
        long nl;
        long sl;
        double sd;
        long nd;
        double sumL;
        Integer mi;
        Double xd;
        Double md;
        Long xl;

        void add(final Object[] row)
        {
            n++;
            if (row[0] != null)
            {
                mi = mi == null ? (Integer)row[0] : Math.min(mi, (Integer)row[0]);
            }
            if (row[1] != null)
            {
                final long l = (Long)row[1];
                nl++;
                sl += l;
                sumL += l;
                xl = xl == null ? l : Math.max(xl, l);
            }
            if (row[2] != null)
            {
                final double d = (Double)row[2];
                nd++;
                sd += d;
                xd = fold(xd, d, true);
                md = fold(md, d, false);
            }
        }

        private static Double fold(final Double current, final double d, final boolean max)
        {
            if (current == null || Double.isNaN(current))
            {
                return d;
            }
            if (Double.isNaN(d))
            {
                return current;
            }
            return max ? Math.max(current, d) : Math.min(current, d);
        }

        List<Object> output(final List<Object> key)
        {
            final List<Object> out = new ArrayList<>(key);
            out.add(n);
            out.add(nl);
            out.add(nl == 0 ? null : sl);
            out.add(nd == 0 ? null : sd);
            out.add(mi);
            out.add(xd);
            out.add(md);
            out.add(nl == 0 ? null : sumL / nl);
            out.add(nd == 0 ? null : sd / nd);
            out.add(xl);
            return out;
        }
    }

    @Test
    void boundedSingleMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(1);
        for (final List<String> keys : KEY_SETS)
        {
            for (final int size : SIZES)
            {
                final List<Object[]> rows = Harness.randomRows(random, size, 12, 0.15);
                final Reference reference = new Reference(keys);
                reference.add(rows);
                try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                     Harness.Collector out = new Harness.Collector())
                {
                    try (AggregateOperator op = new AggregateOperator(keys, AGGREGATES))
                    {
                        op.open(Harness.context(allocator, true));
                        for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                        {
                            op.processBatch(0, batch, out);
                        }
                        assertTrue(out.batches.isEmpty(), "bounded aggregation emits only at the end");
                        op.endOfInput(0, out);
                    }
                    assertSameRows(reference.rows(null, true), out.rows(), "keys " + keys + " size " + size);
                }
            }
        }
    }

    @Test
    void unboundedEmitsTheTouchedGroupsAfterEachBatch()
    {
        final SplittableRandom random = new SplittableRandom(2);
        for (final List<String> keys : KEY_SETS)
        {
            for (final int size : SIZES)
            {
                final List<Object[]> rows = Harness.randomRows(random, size, 10, 0.1);
                final Reference reference = new Reference(keys);
                try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                     Harness.Collector out = new Harness.Collector();
                     AggregateOperator op = new AggregateOperator(keys, AGGREGATES))
                {
                    op.open(Harness.context(allocator, false));
                    for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                    {
                        final List<Object[]> live = objects(Harness.rows(batch));
                        final Set<List<Object>> touched = reference.add(live);
                        final int before = out.batches.size();
                        op.processBatch(0, batch, out);
                        final List<List<Object>> expected = live.isEmpty() ? List.of() : reference.rows(touched, false);
                        assertSameRows(expected, out.rowsSince(before), "update for keys " + keys);
                    }
                    final int before = out.batches.size();
                    op.endOfInput(0, out);
                    assertEquals(before, out.batches.size(), "nothing more at the end of unbounded input");
                }
            }
        }
    }

    @Test
    void partialThenFinalMatchesSingle()
    {
        final SplittableRandom random = new SplittableRandom(3);
        for (final boolean bounded : new boolean[] {true, false})
        {
            for (final List<String> keys : KEY_SETS)
            {
                for (final int size : SIZES)
                {
                    final List<Object[]> rows = Harness.randomRows(random, size, 9, 0.1);
                    final Reference reference = new Reference(keys);
                    reference.add(rows);
                    try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                         Harness.Collector partials = new Harness.Collector();
                         Harness.Collector out = new Harness.Collector())
                    {
                        try (AggregateOperator p0 = new AggregateOperator(AggregateOperator.Mode.PARTIAL, keys,
                            AGGREGATES);
                             AggregateOperator p1 = new AggregateOperator(AggregateOperator.Mode.PARTIAL, keys,
                                 AGGREGATES);
                             AggregateOperator fin = new AggregateOperator(AggregateOperator.Mode.FINAL, keys,
                                 AGGREGATES))
                        {
                            p0.open(Harness.context(allocator, bounded));
                            p1.open(Harness.context(allocator, bounded));
                            fin.open(Harness.context(allocator, bounded));
                            int i = 0;
                            for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                            {
                                (i++ % 2 == 0 ? p0 : p1).processBatch(0, batch, partials);
                            }
                            p0.endOfInput(0, partials);
                            p1.endOfInput(0, partials);
                            for (final Batch partial : partials.batches)
                            {
                                fin.processBatch(0, partial, out);
                            }
                            partials.batches.clear();
                            fin.endOfInput(0, out);
                        }
                        final Map<List<Object>, List<Object>> actual = new HashMap<>();
                        for (final List<Object> row : out.rows())
                        {
                            actual.put(new ArrayList<>(row.subList(0, keys.size())), row);
                        }
                        // An update stream says nothing about groups that never saw a row (no global row either).
                        final List<List<Object>> expected = reference.rows(null, bounded);
                        assertEquals(expected.size(), actual.size(), "groups, keys " + keys + " bounded " + bounded);
                        for (final List<Object> row : expected)
                        {
                            final List<Object> got = actual.get(new ArrayList<>(row.subList(0, keys.size())));
                            assertSameRows(List.of(row), got == null ? List.of() : List.of(got),
                                "keys " + keys + " bounded " + bounded);
                        }
                    }
                }
            }
        }
    }

    @Test
    void globalAggregateOfNothing()
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            try (AggregateOperator op = new AggregateOperator(List.of(),
                List.of(Aggregate.count("n"), Aggregate.sum("l", "s"), Aggregate.mean("d", "m"))))
            {
                op.open(Harness.context(allocator, true));
                op.endOfInput(0, out);
            }
            assertEquals(1, out.batches.size());
            final List<Object> row = out.rows().get(0);
            assertEquals(0L, row.get(0));
            assertNull(row.get(1));
            assertNull(row.get(2));
            assertEquals(List.of("n", "s", "m"), Batches.names(out.batches.get(0).schema()));
        }
    }

    @Test
    void outputNamesAndTypes()
    {
        final SplittableRandom random = new SplittableRandom(4);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             AggregateOperator op = new AggregateOperator(List.of("s", "i"), AGGREGATES))
        {
            op.open(Harness.context(allocator, true));
            op.processBatch(0, Harness.batch(allocator, random, Harness.randomRows(random, 50, 5, 0.1), SCHEMA,
                false), out);
            op.endOfInput(0, out);
            assertEquals(List.of("s", "i", "n", "nl", "sl", "sd", "mi", "xd", "md", "ml", "avgd", "xl"),
                Batches.names(out.batches.get(0).schema()));
            assertEquals(Harness.UTF8, out.batches.get(0).column(0).getField().getType());
            assertEquals(Harness.INT, out.batches.get(0).column("mi").getField().getType());
        }
    }

    @Test
    void unknownColumnIsASchemaErrorAndClosesTheBatch()
    {
        final SplittableRandom random = new SplittableRandom(5);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             AggregateOperator op = new AggregateOperator(List.of("nope"), AGGREGATES))
        {
            op.open(Harness.context(allocator, true));
            final Batch batch = Harness.batch(allocator, random, Harness.randomRows(random, 5, 5, 0), SCHEMA, true);
            final SchemaException e = assertThrows(SchemaException.class, () -> op.processBatch(0, batch, out));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
        assertThrows(SchemaException.class, () -> new AggregateOperator(List.of("a"), List.of(Aggregate.count("a"))));
    }

    @Test
    void closeWithoutEndOfInputReleasesEverything()
    {
        final SplittableRandom random = new SplittableRandom(6);
        for (final boolean bounded : new boolean[] {true, false})
        {
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                 Harness.Collector out = new Harness.Collector())
            {
                try (AggregateOperator op = new AggregateOperator(List.of("i"), AGGREGATES))
                {
                    op.open(Harness.context(allocator, bounded));
                    for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 500, 50,
                        0.1), SCHEMA))
                    {
                        op.processBatch(0, batch, out);
                    }
                }
                out.release();
                assertEquals(0, allocator.getAllocatedMemory());
            }
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE))
            {
                new AggregateOperator(List.of(), AGGREGATES).close();
                final AggregateOperator opened = new AggregateOperator(List.of(), AGGREGATES);
                opened.open(Harness.context(allocator, bounded));
                opened.close();
            }
        }
    }

    static List<Object[]> objects(final List<List<Object>> rows)
    {
        final List<Object[]> out = new ArrayList<>(rows.size());
        for (final List<Object> row : rows)
        {
            out.add(row.toArray());
        }
        return out;
    }
}
