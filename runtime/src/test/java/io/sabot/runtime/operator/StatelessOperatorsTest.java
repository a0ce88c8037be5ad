package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limit, Union, Select and FlatMap against plain list operations. */
class StatelessOperatorsTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static List<List<Object>> lists(final List<Object[]> rows)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (final Object[] row : rows)
        {
            out.add(Harness.list(row));
        }
        return out;
    }

    @Test
    void limitWithOffsetMatchesSubList()
    {
        final SplittableRandom random = new SplittableRandom(41);
        for (final int size : new int[] {0, 1, 10, 500})
        {
            for (final long offset : new long[] {0, 1, 3, 250, 1000})
            {
                for (final long limit : new long[] {0, 1, 7, 200, 10_000})
                {
                    final List<Object[]> rows = Harness.randomRows(random, size, 10, 0.1);
                    try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
                         Harness.Collector out = new Harness.Collector())
                    {
                        try (LimitOperator op = new LimitOperator(offset, limit))
                        {
                            op.open(Harness.context(allocator, random.nextBoolean()));
                            for (final Batch batch : Harness.batches(allocator, random, rows, SCHEMA))
                            {
                                op.processBatch(0, batch, out);
                            }
                            op.endOfInput(0, out);
                            assertEquals(size >= offset + limit, op.satisfied());
                        }
                        final int from = (int)Math.min(size, offset);
                        final int to = (int)Math.min(size, offset + limit);
                        assertSameRows(lists(rows.subList(from, to)), out.rows(), "offset " + offset + " limit " +
                            limit);
                    }
                }
            }
        }
    }

    @Test
    void unionPassesEveryBatchAndChecksSchemas()
    {
        final SplittableRandom random = new SplittableRandom(42);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final List<List<Object>> expected = new ArrayList<>();
            try (UnionOperator op = new UnionOperator(3))
            {
                op.open(Harness.context(allocator, true));
                for (int b = 0; b < 12; b++)
                {
                    final List<Object[]> rows = Harness.randomRows(random, random.nextInt(50), 10, 0.1);
                    expected.addAll(lists(rows));
                    op.processBatch(b % 3, Harness.batch(allocator, random, rows, SCHEMA, random.nextBoolean()), out);
                }
                final Schema other = Harness.schema("i", INT, "l", LONG, "d", DOUBLE, "x", UTF8);
                final Batch wrong = Harness.batch(allocator, random, Harness.randomRows(random, 3, 3, 0), other,
                    false);
                final SchemaException e = assertThrows(SchemaException.class, () -> op.processBatch(1, wrong, out));
                assertTrue(e.getMessage().contains("input 1"), e.getMessage());
                for (int i = 0; i < 3; i++)
                {
                    op.endOfInput(i, out);
                }
            }
            assertSameRows(expected, out.rows(), "union");
            assertThrows(SchemaException.class, () -> new UnionOperator(0));
        }
    }

    @Test
    void selectKeepsRenamesReordersAndDuplicates()
    {
        final SplittableRandom random = new SplittableRandom(43);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final List<List<Object>> expected = new ArrayList<>();
            try (SelectOperator op = new SelectOperator(List.of("s", "i", "s"), List.of("name", "i", "copy")))
            {
                op.open(Harness.context(allocator, false));
                for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 400, 10, 0.2),
                    SCHEMA))
                {
                    for (final List<Object> row : Harness.rows(batch))
                    {
                        expected.add(new ArrayList<>(java.util.Arrays.asList(row.get(3), row.get(0), row.get(3))));
                    }
                    op.processBatch(0, batch, out);
                }
                final Batch batch = Harness.batch(allocator, random, Harness.randomRows(random, 3, 3, 0),
                    Harness.schema("i", INT, "l", LONG, "d", DOUBLE, "t", UTF8), false);
                final SchemaException e = assertThrows(SchemaException.class, () -> op.processBatch(0, batch, out));
                assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("[i, l, d, t]"), e.getMessage());
                op.endOfInput(0, out);
            }
            assertSameRows(expected, out.rows(), "select");
            assertEquals(List.of("name", "i", "copy"), Batches.names(out.batches.get(0).schema()));
            assertThrows(SchemaException.class, () -> new SelectOperator(List.of("a", "b"), List.of("x", "x")));
        }
    }

    @Test
    void flatMapRowsWritesZeroOrMoreRowsPerInputRow()
    {
        final SplittableRandom random = new SplittableRandom(44);
        final Schema output = Harness.schema("i", INT, "twice", LONG, "word", UTF8);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final List<List<Object>> expected = new ArrayList<>();
            // Each row with a non-null i is written |i| % 3 times; null i gives nothing.
            try (FlatMapOperator op = FlatMapOperator.rows(output, (row, writer) ->
            {
                if (row.isNull(0))
                {
                    return;
                }
                final int i = row.getInt(0);
                for (int k = 0; k < Math.abs(i) % 3; k++)
                {
                    writer.setLong(0, i).setLong(1, 2L * i).setString(2, row.getString(row.column("s")));
                    writer.emitRow();
                }
            }, 7))
            {
                op.open(Harness.context(allocator, true));
                for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 300, 12, 0.2),
                    SCHEMA))
                {
                    for (final List<Object> row : Harness.rows(batch))
                    {
                        if (row.get(0) != null)
                        {
                            final int i = (Integer)row.get(0);
                            for (int k = 0; k < Math.abs(i) % 3; k++)
                            {
                                expected.add(new ArrayList<>(java.util.Arrays.asList(i, 2L * i, row.get(3))));
                            }
                        }
                    }
                    op.processBatch(0, batch, out);
                }
                op.endOfInput(0, out);
            }
            for (final Batch batch : out.batches)
            {
                assertTrue(batch.rowCount() <= 7);
            }
            assertSameRows(expected, out.rows(), "flatMap rows");
            assertThrows(SchemaException.class, () -> FlatMapOperator.rows(
                Harness.schema("x", new org.apache.arrow.vector.types.pojo.ArrowType.Decimal(10, 2, 128)),
                (row, writer) -> writer.emitRow()));
        }
    }

    @Test
    void flatMapBatchesEmitsWhatTheFunctionEmitsAndClosesTheInput()
    {
        final SplittableRandom random = new SplittableRandom(45);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector())
        {
            final List<List<Object>> expected = new ArrayList<>();
            // Emits the live row count as a one-row batch, twice.
            try (FlatMapOperator op = new FlatMapOperator((in, alloc, output) ->
            {
                for (int copy = 0; copy < 2; copy++)
                {
                    final IntVector count = new IntVector("rows", alloc);
                    count.allocateNew(1);
                    count.set(0, in.rows().count());
                    count.setValueCount(1);
                    output.emit(Batch.of(count));
                }
            }))
            {
                op.open(Harness.context(allocator, false));
                for (final Batch batch : Harness.batches(allocator, random, Harness.randomRows(random, 300, 12, 0.2),
                    SCHEMA))
                {
                    final int live = Harness.rows(batch).size();
                    expected.add(List.of(live));
                    expected.add(List.of(live));
                    op.processBatch(0, batch, out);
                }
                op.endOfInput(0, out);
            }
            assertSameRows(expected, out.rows(), "flatMap batches");
        }
    }

    @Test
    void watermarksAndBarriersAreForwardedByDefault()
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             LimitOperator op = new LimitOperator(5))
        {
            op.open(Harness.context(allocator, false));
            op.processWatermark(new Watermark(7), out);
            op.processBarrier(new CheckpointBarrier(1, 2), out);
            assertEquals(List.of(new Watermark(7)), out.watermarks);
            assertEquals(List.of(new CheckpointBarrier(1, 2)), out.barriers);
            assertFalse(op.satisfied());
        }
    }
}
