package io.sabot.runtime.operator;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.sort.NullPlacement;
import io.sabot.kernels.sort.SortKey;
import io.sabot.kernels.sort.SortOrder;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.operator.Harness.SCHEMA;
import static io.sabot.runtime.operator.Harness.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SortOperator} and {@link TopNOperator} against a stable sort with a scalar comparator. */
class SortOperatorTest
{
    private static final List<List<SortKey>> KEY_SETS = List.of(
        List.of(SortKey.ascending("i")),
        List.of(SortKey.of("d", SortOrder.DESCENDING, NullPlacement.AT_START)),
        List.of(SortKey.of("d", SortOrder.ASCENDING, NullPlacement.AT_END), SortKey.descending("i")),
        List.of(SortKey.ascending("s"), SortKey.of("i", SortOrder.DESCENDING, NullPlacement.AT_START)),
        List.of(SortKey.descending("l")));
    private static final int[] SIZES = {0, 1, 9, 400, 1300};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static Comparator<List<Object>> comparator(final List<SortKey> keys)
    {
        Comparator<List<Object>> all = (a, b) -> 0;
        for (final SortKey key : keys)
        {
            final int c = Batches.indexOf(SCHEMA, key.column(), "sort");
            all = all.thenComparing((a, b) -> compare(a.get(c), b.get(c), key));
        }
        return all;
    }

    /** Nulls and NaNs where {@link NullPlacement} says (NaN nearer the values), values in key order. */
    private static int compare(final Object a, final Object b, final SortKey key)
    {
        final int ra = rank(a);
        final int rb = rank(b);
        if (ra != rb || ra != 0)
        {
            final int byRank = Integer.compare(ra, rb);
            return key.nulls() == NullPlacement.AT_END ? byRank : -byRank;
        }
        final int value = switch (a)
        {
            case Integer x -> Integer.compare(x, (Integer)b);
            case Long x -> Long.compare(x, (Long)b);
            case Double x -> Double.compare(x, (Double)b);
            case String x -> java.util.Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                ((String)b).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException(String.valueOf(a));
        };
        return key.order() == SortOrder.ASCENDING ? value : -value;
    }

    private static int rank(final Object v)
    {
        return v == null ? 2 : v instanceof Double d && d.isNaN() ? 1 : 0;
    }

    private static List<List<Object>> sorted(final List<Object[]> rows, final List<SortKey> keys)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (final Object[] row : rows)
        {
            out.add(Harness.list(row));
        }
        out.sort(comparator(keys));
        return out;
    }

    @Test
    void sortMatchesAStableReferenceSort()
    {
        final SplittableRandom random = new SplittableRandom(21);
        for (final List<SortKey> keys : KEY_SETS)
        {
            for (final int size : SIZES)
            {
                final List<Object[]> rows = Harness.randomRows(random, size, 20, 0.15);
                final int batchSize = random.nextBoolean() ? SortOperator.DEFAULT_BATCH_SIZE : 1 + random.nextInt(100);
                try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                     Harness.Collector out = new Harness.Collector())
                {
                    try (SortOperator op = new SortOperator(keys, batchSize))
                    {
                        op.open(Harness.context(allocator, true));
                        for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                        {
                            op.processBatch(0, batch, out);
                        }
                        assertTrue(out.batches.isEmpty());
                        op.endOfInput(0, out);
                    }
                    for (final Batch batch : out.batches)
                    {
                        assertTrue(batch.rowCount() <= batchSize && batch.rowCount() > 0, batch.toString());
                    }
                    assertSameRows(sorted(rows, keys), out.rows(), "sort " + keys + " size " + size);
                }
            }
        }
    }

    @Test
    void sortsDateAndDecimalColumnsAcrossBatches()
    {
        final SplittableRandom random = new SplittableRandom(25);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final List<List<Object>> expected = new ArrayList<>();
            try (SortOperator op = new SortOperator(List.of(SortKey.descending("day"), SortKey.ascending("price")), 5))
            {
                op.open(Harness.context(allocator, true));
                for (int b = 0; b < 4; b++)
                {
                    final int n = 1 + random.nextInt(20);
                    final DateDayVector day = new DateDayVector("day", allocator);
                    final DecimalVector price = new DecimalVector("price", allocator, 15, 2);
                    day.allocateNew(n);
                    price.allocateNew(n);
                    for (int r = 0; r < n; r++)
                    {
                        final int d = random.nextInt(5);
                        final BigDecimal p = BigDecimal.valueOf(random.nextLong(-100_000, 100_000), 2);
                        day.set(r, d);
                        price.set(r, p);
                        expected.add(new ArrayList<>(List.of(d, p)));
                    }
                    day.setValueCount(n);
                    price.setValueCount(n);
                    op.processBatch(0, Batch.of(day, price), out);
                }
                op.endOfInput(0, out);
            }
            expected.sort(Comparator.<List<Object>, Integer>comparing(r -> (Integer)r.get(0)).reversed()
                .thenComparing(r -> (BigDecimal)r.get(1)));
            final List<List<Object>> actual = new ArrayList<>();
            for (final List<Object> row : out.rows())
            {
                actual.add(new ArrayList<>(List.of(row.get(0), row.get(1))));
            }
            assertSameRows(expected, actual, "date/decimal sort");
        }
    }

    @Test
    void sortRefusesUnboundedInputAndReleasesOnEarlyClose()
    {
        final SplittableRandom random = new SplittableRandom(22);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final SortOperator unbounded = new SortOperator(KEY_SETS.get(0));
            assertThrows(SchemaException.class, () -> unbounded.open(Harness.context(allocator, false)));
            unbounded.close();
            try (SortOperator op = new SortOperator(KEY_SETS.get(3)))
            {
                op.open(Harness.context(allocator, true));
                for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 500, 9, 0.1),
                    SCHEMA))
                {
                    op.processBatch(0, batch, out);
                }
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void topNBoundedMatchesTheReference()
    {
        final SplittableRandom random = new SplittableRandom(23);
        for (final List<SortKey> keys : KEY_SETS)
        {
            for (final int size : SIZES)
            {
                for (final int n : new int[] {0, 1, 7, 100})
                {
                    final List<Object[]> rows = Harness.randomRows(random, size, 20, 0.15);
                    try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                         Harness.Collector out = new Harness.Collector())
                    {
                        try (TopNOperator op = new TopNOperator(keys, n))
                        {
                            op.open(Harness.context(allocator, true));
                            for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                            {
                                op.processBatch(0, batch, out);
                            }
                            assertTrue(out.batches.isEmpty());
                            op.endOfInput(0, out);
                        }
                        final List<List<Object>> all = sorted(rows, keys);
                        assertSameRows(all.subList(0, Math.min(n, all.size())), out.rows(), "top " + n + " " + keys);
                    }
                }
            }
        }
    }

    @Test
    void topNUnboundedEmitsTheCurrentTopAfterEachBatch()
    {
        final SplittableRandom random = new SplittableRandom(24);
        for (final List<SortKey> keys : KEY_SETS)
        {
            final int n = 1 + random.nextInt(30);
            final List<Object[]> rows = Harness.randomRows(random, 700, 20, 0.15);
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                 Harness.Collector out = new Harness.Collector())
            {
                try (TopNOperator op = new TopNOperator(keys, n))
                {
                    op.open(Harness.context(allocator, false));
                    final List<Object[]> prefix = new ArrayList<>();
                    for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                    {
                        final List<Object[]> live = AggregateOperatorTest.objects(Harness.rows(batch));
                        prefix.addAll(live);
                        final int before = out.batches.size();
                        op.processBatch(0, batch, out);
                        if (live.isEmpty())
                        {
                            assertEquals(before, out.batches.size());
                            continue;
                        }
                        assertEquals(before + 1, out.batches.size());
                        final List<List<Object>> all = sorted(prefix, keys);
                        assertSameRows(all.subList(0, Math.min(n, all.size())), out.rowsSince(before), "top " + n);
                    }
                    final int before = out.batches.size();
                    op.endOfInput(0, out);
                    assertEquals(before, out.batches.size());
                }
                out.release();
                try (TopNOperator op = new TopNOperator(keys, n))
                {
                    op.open(Harness.context(allocator, true));
                    op.processBatch(0, Harness.batch(allocator, random, rows, SCHEMA, true), out);
                }
                assertEquals(0, allocator.getAllocatedMemory());
            }
        }
    }
}
