package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.sink.ArrowValues;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemorySourcesTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private List<Batch> batches(final List<Object[]> rows, final int per, final BufferAllocator allocator)
    {
        final RowsSource src = Sources.rows(Harness.MIXED, rows, per);
        final List<Batch> out = new ArrayList<>();
        try (SourceReader r = src.open(src.splits(1).get(0), allocator))
        {
            while (!r.finished())
            {
                out.add(r.poll());
            }
        }
        return out;
    }

    @Test
    void batchesAreSlicedIntoMorselsAndReadableTwice()
    {
        final List<Object[]> rows = Harness.mixedRows(103, 1);
        try (BufferAllocator home = memory.allocator().newChildAllocator("home", 0, Long.MAX_VALUE))
        {
            final BatchesSource source = Sources.batches(Harness.MIXED, batches(rows, 40, home), 7);
            final List<Batch> kept = new ArrayList<>();
            try (source)
            {
                for (final int p : new int[] {1, 2, 5, 100})
                {
                    assertEquals(Harness.lists(rows), Harness.readAll(source, p, memory.allocator()), "p=" + p);
                }
                final SourceReader r = source.open(source.splits(1).get(0), memory.allocator());
                kept.add(r.poll());
                kept.add(r.poll());
                r.close();
                assertTrue(kept.get(0).rowCount() <= 7);
            }
            // The source is closed; the slices handed out stay valid and own their memory.
            final List<List<Object>> first = new ArrayList<>(ArrowValues.rows(kept.get(0)));
            first.addAll(ArrowValues.rows(kept.get(1)));
            assertEquals(Harness.lists(rows).subList(0, first.size()), first);
            kept.forEach(Batch::close);
            assertEquals(0, home.getAllocatedMemory());
        }
    }

    @Test
    void batchWithSelectionIsCompactedAndEmptySourceHasOneSplit()
    {
        final List<Object[]> rows = Harness.mixedRows(10, 2);
        final Batch plain = batches(rows, 10, memory.allocator()).get(0);
        final Batch selected = Batch.of(plain.columns(), SelectionVector.of(memory.allocator(), 1, 4, 9));
        try (BatchesSource source = Sources.batches(Harness.MIXED, List.of(selected)))
        {
            assertEquals(Harness.lists(List.of(rows.get(1), rows.get(4), rows.get(9))),
                Harness.readAll(source, 3, memory.allocator()));
        }
        try (BatchesSource empty = Sources.batches(Harness.MIXED, List.of()))
        {
            assertEquals(1, empty.splits(4).size());
            assertEquals(List.of(), Harness.readAll(empty, 4, memory.allocator()));
        }
    }

    @Test
    void rowsRoundTripAtEveryParallelismAndBatchSize()
    {
        for (final int n : new int[] {0, 1, 17, 1000})
        {
            final List<Object[]> rows = Harness.mixedRows(n, n);
            for (final int per : new int[] {1, 16, 8192})
            {
                final RowsSource source = Sources.rows(Harness.MIXED, rows, per);
                assertEquals(Harness.lists(rows), Harness.readAll(source, 3, memory.allocator()), n + "/" + per);
            }
        }
    }

    @Test
    void rowOfWrongWidthOrTypeIsATypedError()
    {
        assertThrows(SchemaException.class, () -> Sources.rows(Harness.MIXED, List.<Object[]>of(new Object[] {1L})));
        final Object[] bad = Harness.mixedRows(1, 3).get(0);
        bad[1] = "not an int";
        final RowsSource source = Sources.rows(Harness.MIXED, List.<Object[]>of(bad));
        final DataException e = assertThrows(DataException.class,
            () -> Harness.readAll(source, 1, memory.allocator()));
        assertEquals("i", e.column());
    }

    record Trade(long id, Integer qty, double px, String sym, LocalDate day, BigDecimal amount, boolean buy)
    {
    }

    @Test
    void recordsMapToColumns()
    {
        final List<Trade> trades = List.of(
            new Trade(1, 10, 1.5, "ABC", LocalDate.of(2024, 2, 29), new BigDecimal("12.5"), true),
            new Trade(2, null, -0.25, null, null, new BigDecimal("-0.125"), false),
            new Trade(3, 7, 0, "日本", LocalDate.of(1969, 12, 31), null, true));
        final RowsSource source = Sources.of(Trade.class, trades);
        assertEquals("Schema<id: Int(64, true) not null, qty: Int(32, true), px: FloatingPoint(DOUBLE) not null, " +
            "sym: Utf8, day: Date(DAY), amount: Decimal(38, 3, 128), buy: Bool not null>",
            source.schema().toString());
        final List<List<Object>> expected = List.of(
            Arrays.asList(1L, 10, 1.5, "ABC", LocalDate.of(2024, 2, 29), new BigDecimal("12.500"), true),
            Arrays.asList(2L, null, -0.25, null, null, new BigDecimal("-0.125"), false),
            Arrays.asList(3L, 7, 0.0, "日本", LocalDate.of(1969, 12, 31), null, true));
        assertEquals(expected, Harness.readAll(source, 2, memory.allocator()));
        assertNull(Harness.readAll(source, 1, memory.allocator()).get(2).get(5));
    }
}
