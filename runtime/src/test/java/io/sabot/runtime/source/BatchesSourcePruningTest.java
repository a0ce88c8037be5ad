package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Projection pushdown on in-memory batches: a pruned view hands out slices of the named columns only, shares the
 * batches, and leaves releasing them to the original source.
 */
class BatchesSourcePruningTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static BigIntVector column(final BufferAllocator allocator, final String name, final int rows,
                                       final long factor)
    {
        final BigIntVector v = new BigIntVector(name, allocator);
        v.allocateNew(rows);
        for (int i = 0; i < rows; i++)
        {
            v.set(i, i * factor);
        }
        v.setValueCount(rows);
        return v;
    }

    @Test
    void prunedViewReadsOnlyTheNamedColumns()
    {
        final BufferAllocator allocator = memory.allocator();
        final List<Batch> batches = new ArrayList<>();
        for (int b = 0; b < 3; b++)
        {
            batches.add(Batch.of(column(allocator, "a", 100, 1), column(allocator, "b", 100, 2),
                column(allocator, "c", 100, 3)));
        }
        final BatchesSource full = Sources.batches(batches.get(0).schema(), batches, 64);
        final Source pruned = full.withColumns(List.of("a", "c")).orElseThrow();
        assertEquals(List.of("a", "c"), pruned.schema().getFields().stream().map(f -> f.getName()).toList());
        long rows = 0;
        try (BufferAllocator readers = allocator.newChildAllocator("readers", 0, Long.MAX_VALUE))
        {
            for (final SourceSplit split : pruned.splits(2))
            {
                try (SourceReader reader = pruned.open(split, readers))
                {
                    Batch next;
                    while ((next = reader.poll()) != null)
                    {
                        try (Batch batch = next)
                        {
                            assertEquals(2, batch.columnCount());
                            final List<FieldVector> columns = batch.columns();
                            for (int i = 0; i < batch.rowCount(); i++)
                            {
                                final long a = ((BigIntVector)columns.get(0)).get(i);
                                assertEquals(a * 3, ((BigIntVector)columns.get(1)).get(i));
                            }
                            rows += batch.rowCount();
                        }
                    }
                }
            }
        }
        assertEquals(300, rows);
        assertTrue(allocator.getAllocatedMemory() > 0, "the view does not own the batches");
        full.close();
        assertEquals(0, allocator.getAllocatedMemory());
    }
}
