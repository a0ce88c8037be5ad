package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.operator.Harness.SCHEMA;
import static io.sabot.runtime.operator.Harness.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DistinctOperatorTest
{
    private static final List<List<String>> COLUMN_SETS = List.of(List.of(), List.of("i"), List.of("s", "d"),
        List.of("d"));
    private static final int[] SIZES = {0, 1, 6, 300, 1200};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void emitsEachDistinctValueOnceWhenFirstSeen()
    {
        final SplittableRandom random = new SplittableRandom(31);
        for (final boolean bounded : new boolean[] {true, false})
        {
            for (final List<String> columns : COLUMN_SETS)
            {
                for (final int size : SIZES)
                {
                    // Few distinct longs, so distinct over all columns also finds duplicates.
                    final List<Object[]> rows = Harness.randomRows(random, size, 4, 0.2);
                    for (final Object[] row : rows)
                    {
                        row[1] = row[1] == null ? null : (Long)row[1] % 2;
                    }
                    final List<String> keyColumns = columns.isEmpty() ? List.of("i", "l", "d", "s") : columns;
                    try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                         Harness.Collector out = new Harness.Collector())
                    {
                        try (DistinctOperator op = columns.isEmpty() ? new DistinctOperator() :
                            new DistinctOperator(columns))
                        {
                            op.open(Harness.context(allocator, bounded));
                            final Set<List<Object>> seen = new HashSet<>();
                            for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                            {
                                final List<List<Object>> expected = new ArrayList<>();
                                for (final Object[] row : AggregateOperatorTest.objects(Harness.rows(batch)))
                                {
                                    if (seen.add(AggregateOperatorTest.key(keyColumns, row)))
                                    {
                                        expected.add(Harness.list(row));
                                    }
                                }
                                final int before = out.batches.size();
                                op.processBatch(0, batch, out);
                                assertSameRows(expected, out.rowsSince(before), "distinct " + columns);
                            }
                            final int before = out.batches.size();
                            op.endOfInput(0, out);
                            assertEquals(before, out.batches.size());
                        }
                    }
                }
            }
        }
    }

    @Test
    void closeWithoutEndOfInputReleasesEverything()
    {
        final SplittableRandom random = new SplittableRandom(32);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            try (DistinctOperator op = new DistinctOperator(List.of("s", "i")))
            {
                op.open(Harness.context(allocator, false));
                for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 800, 30, 0.1),
                    SCHEMA))
                {
                    op.processBatch(0, batch, out);
                }
            }
            out.release();
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }
}
