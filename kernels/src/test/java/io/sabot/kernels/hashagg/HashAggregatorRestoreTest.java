package io.sabot.kernels.hashagg;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HashAggregator#restore}: a snapshot ({@code partialResult} + {@code inputTypes}) restored into a new
 * aggregator continues bit for bit like the original (integer sums over int32 read back as int64 state, float sums
 * and means with NaN and -0.0, narrow and 128-bit decimal sums, decimal means sharing a sum, mins and maxes of
 * floats, decimals and dates, counts), also when the groups are split over several aggregators by selection.
 */
class HashAggregatorRestoreTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static HashAggregator.Builder config(final BufferAllocator a, final String... keys)
    {
        return HashAggregator.builder(a).groupBy(keys)
            .count().count("v").sum("v").mean("v").min("v").max("v")
            .sum("f").mean("f").min("f").max("f").sum("h").min("h")
            .sum("n").mean("n").min("n").max("n")
            .mean("w").sum("w").max("w")
            .min("day").max("day");
    }

    /** A random batch: keys k (int32, few values, nulls), s (utf8); inputs of every kind, with nulls. */
    private static Batch batch(final BufferAllocator a, final SplittableRandom random, final int n)
    {
        final IntVector k = new IntVector("k", a);
        final VarCharVector s = new VarCharVector("s", a);
        final IntVector v = new IntVector("v", a);
        final Float8Vector f = new Float8Vector("f", a);
        final Float4Vector h = new Float4Vector("h", a);
        final DecimalVector narrow = new DecimalVector("n", a, 12, 2);
        final DecimalVector wide = new DecimalVector("w", a, 30, 3);
        final DateDayVector day = new DateDayVector("day", a);
        final List<FieldVector> all = List.of(k, s, v, f, h, narrow, wide, day);
        for (final FieldVector vector : all)
        {
            vector.setInitialCapacity(Math.max(n, 1));
            vector.allocateNew();
        }
        final String[] words = {"", "a", "bb", "ccc", "éé"};
        for (int i = 0; i < n; i++)
        {
            if (random.nextInt(17) != 0)
            {
                k.set(i, random.nextInt(40) - 10);
            }
            if (random.nextInt(13) != 0)
            {
                s.setSafe(i, words[random.nextInt(words.length)].getBytes(StandardCharsets.UTF_8));
            }
            if (random.nextInt(7) != 0)
            {
                v.set(i, random.nextInt());
            }
            if (random.nextInt(7) != 0)
            {
                final int pick = random.nextInt(30);
                f.set(i, pick == 0 ? Double.NaN : pick == 1 ? -0.0 : pick == 2 ? 0.0 : random.nextDouble() * 1e6 - 5e5);
            }
            if (random.nextInt(7) != 0)
            {
                h.set(i, (float)(random.nextGaussian() * 100));
            }
            if (random.nextInt(7) != 0)
            {
                narrow.set(i, new BigDecimal(BigInteger.valueOf(random.nextLong(-999_999_999_999L, 999_999_999_999L)),
                    2));
            }
            if (random.nextInt(7) != 0)
            {
                final BigInteger unscaled = new BigInteger(99, new java.util.Random(random.nextLong()));
                wide.set(i, new BigDecimal(random.nextBoolean() ? unscaled.negate() : unscaled, 3));
            }
            if (random.nextInt(7) != 0)
            {
                day.set(i, 18_000 + random.nextInt(2_000));
            }
        }
        for (final FieldVector vector : all)
        {
            vector.setValueCount(n);
        }
        if (random.nextBoolean())
        {
            return Batch.of(all);
        }
        final int[] live = random.ints(n, 0, Math.max(n, 1)).distinct().sorted().toArray();
        return Batch.of(all, SelectionVector.of(a, n == 0 ? new int[0] : live));
    }

    /** Rows as Java values; doubles compared with {@link Double#equals} (bits), decimals with their scale. */
    private static List<List<Object>> rows(final Batch batch)
    {
        final List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < batch.rows().count(); i++)
        {
            final int r = batch.rows().rowAt(i);
            final List<Object> row = new ArrayList<>();
            for (final FieldVector column : batch.columns())
            {
                final Object value = column.getObject(r);
                row.add(value instanceof Text t ? t.toString() : value);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<List<Object>, Integer> multiset(final List<List<Object>> rows)
    {
        final Map<List<Object>, Integer> counts = new HashMap<>();
        for (final List<Object> row : rows)
        {
            counts.merge(row, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void restoredAggregatorContinuesExactly()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(6);
        for (final String[] keys : List.of(new String[] {"k"}, new String[] {"s"}, new String[] {"k", "s"}))
        {
            for (int round = 0; round < 4; round++)
            {
                final int batches = 2 + random.nextInt(8);
                final int cut = random.nextInt(batches);
                try (HashAggregator original = config(a, keys).trackUpdates().build();
                    HashAggregator restored = config(a, keys).trackUpdates().build())
                {
                    for (int b = 0; b < cut; b++)
                    {
                        try (Batch input = batch(a, random, random.nextInt(600)))
                        {
                            original.add(input);
                        }
                    }
                    original.updatedResults(a).close();
                    final List<ArrowType> types = original.inputTypes();
                    try (Batch snapshot = original.partialResult(a))
                    {
                        restored.restore(snapshot, types);
                    }
                    try (Batch expected = original.result(a);
                        Batch actual = restored.result(a);
                        Batch none = restored.updatedResults(a))
                    {
                        assertEquals(rows(expected), rows(actual), "restored state, keys " + List.of(keys));
                        assertEquals(0, none.rows().count(), "restored groups are not touched");
                    }
                    for (int b = cut; b < batches; b++)
                    {
                        try (Batch input = batch(a, random, random.nextInt(600)))
                        {
                            original.add(input);
                            restored.add(input);
                        }
                        try (Batch expected = original.updatedResults(a);
                            Batch actual = restored.updatedResults(a))
                        {
                            assertEquals(rows(expected), rows(actual), "update after batch " + b);
                        }
                    }
                    try (Batch expected = original.result(a);
                        Batch actual = restored.result(a))
                    {
                        assertEquals(rows(expected), rows(actual), "keys " + List.of(keys) + " round " + round);
                        assertEquals(expected.schema(), actual.schema());
                    }
                }
            }
        }
    }

    @Test
    void groupsSplitBySelectionRestoreIntoSeveralAggregators()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(7);
        try (HashAggregator original = config(a, "k", "s").build();
            HashAggregator even = config(a, "k", "s").build();
            HashAggregator odd = config(a, "k", "s").build();
            HashAggregator both = config(a, "k", "s").build())
        {
            for (int b = 0; b < 5; b++)
            {
                try (Batch input = batch(a, random, 500))
                {
                    original.add(input);
                }
            }
            final List<ArrowType> types = original.inputTypes();
            try (Batch snapshot = original.partialResult(a))
            {
                final int groups = snapshot.rowCount();
                final int[] evens = java.util.stream.IntStream.range(0, groups).filter(g -> g % 2 == 0).toArray();
                final int[] odds = java.util.stream.IntStream.range(0, groups).filter(g -> g % 2 == 1).toArray();
                try (SelectionVector evenGroups = SelectionVector.of(a, evens);
                    SelectionVector oddGroups = SelectionVector.of(a, odds))
                {
                    // views over the snapshot's vectors: the snapshot batch closes them, the selections close above
                    final Batch first = Batch.ofFiltered(snapshot.columns(), evenGroups);
                    final Batch second = Batch.ofFiltered(snapshot.columns(), oddGroups);
                    even.restore(first, types);
                    odd.restore(second, types);
                    both.restore(second, types);
                    both.restore(first, types);
                }
            }
            for (int b = 0; b < 3; b++)
            {
                try (Batch input = batch(a, random, 500))
                {
                    original.add(input);
                    both.add(input);
                }
            }
            try (Batch expected = original.result(a);
                Batch actual = both.result(a);
                Batch evenRows = even.result(a);
                Batch oddRows = odd.result(a))
            {
                assertEquals(multiset(rows(expected)), multiset(rows(actual)), "two restores into one aggregator");
                assertEquals(expected.rowCount(), evenRows.rowCount() + oddRows.rowCount());
            }
        }
    }

    @Test
    void restoreChecksTypesAndMode()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(8);
        try (HashAggregator original = config(a, "k").build();
            HashAggregator fresh = config(a, "k").build();
            HashAggregator merging = config(a, "k").build())
        {
            assertTrue(original.inputTypes().stream().allMatch(t -> t == null), "no types before the first batch");
            try (Batch empty = original.partialResult(a))
            {
                fresh.restore(empty, original.inputTypes());
                assertEquals(0, fresh.groupCount());
            }
            try (Batch input = batch(a, random, 100))
            {
                original.add(input);
            }
            final List<ArrowType> types = original.inputTypes();
            assertNull(types.get(0), "count(*) reads no column");
            assertEquals(new ArrowType.Int(32, true), types.get(1));
            assertEquals(new ArrowType.Decimal(30, 3, 128), types.get(16));
            final List<ArrowType> wrong = new ArrayList<>(types);
            wrong.set(12, new ArrowType.Decimal(12, 4, 128));
            try (Batch snapshot = original.partialResult(a))
            {
                final SchemaException e = assertThrows(SchemaException.class, () -> fresh.restore(snapshot, wrong));
                assertTrue(e.getMessage().contains("sum(n)"), e.getMessage());
                assertEquals(0, fresh.groupCount());
                merging.merge(snapshot);
                assertThrows(IllegalStateException.class, () -> merging.restore(snapshot, types));
                assertThrows(SchemaException.class, () -> fresh.restore(snapshot, types.subList(1, types.size())));
            }
        }
    }
}
