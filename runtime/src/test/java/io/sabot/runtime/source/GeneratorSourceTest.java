package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GeneratorSourceTest
{
    private static final Schema SCHEMA = new Schema(List.of(
        new Field("n", FieldType.notNullable(new ArrowType.Int(64, true)), null),
        new Field("s", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Row k: (k*k mod 1009, "r" + k, null every 7th). */
    private static void fill(final long first, final int count, final List<FieldVector> columns)
    {
        final BigIntVector n = (BigIntVector) columns.get(0);
        final VarCharVector s = (VarCharVector) columns.get(1);
        for (int i = 0; i < count; i++)
        {
            final long k = first + i;
            n.set(i, k * k % 1009);
            if (k % 7 != 0)
            {
                s.setSafe(i, ("r" + k).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static List<List<Object>> reference(final long rows)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (long k = 0; k < rows; k++)
        {
            out.add(java.util.Arrays.asList(k * k % 1009, k % 7 != 0 ? "r" + k : null));
        }
        return out;
    }

    @Test
    void shardsUnionToTheSameRowsAtEveryParallelism()
    {
        for (final long rows : new long[] {0, 1, 99, 1000})
        {
            final GeneratorSource source = GeneratorSource.builder(SCHEMA, GeneratorSourceTest::fill).rows(rows)
                .batchRows(64).build();
            assertEquals(reference(rows), Harness.readAll(source, 1, memory.allocator()));
            final Comparator<List<Object>> byRow = Comparator.comparing(r -> String.valueOf(r));
            for (final int p : new int[] {2, 3, 7})
            {
                final List<List<Object>> got = new ArrayList<>(Harness.readAll(source, p, memory.allocator()));
                final List<List<Object>> expected = new ArrayList<>(reference(rows));
                got.sort(byRow);
                expected.sort(byRow);
                assertEquals(expected, got, rows + " rows at p=" + p);
            }
        }
    }

    @Test
    void shardTakesEveryPthChunk()
    {
        final GeneratorSource source = Sources.range("x", 10);
        final GeneratorSource small = GeneratorSource.builder(source.schema(), (f, c, cols) ->
        {
            for (int i = 0; i < c; i++)
            {
                ((BigIntVector) cols.get(0)).set(i, f + i);
            }
        }).rows(10).batchRows(2).build();
        final List<SourceSplit> splits = small.splits(2);
        final List<Long> shard1 = new ArrayList<>();
        try (SourceReader r = small.open(splits.get(1), memory.allocator()))
        {
            while (!r.finished())
            {
                try (Batch b = r.poll())
                {
                    for (int i = 0; i < b.rowCount(); i++)
                    {
                        shard1.add(((BigIntVector) b.column(0)).get(i));
                    }
                }
            }
        }
        assertEquals(List.of(2L, 3L, 6L, 7L), shard1);
        assertEquals(10, Harness.readAll(source, 4, memory.allocator()).size());
    }

    @Test
    void rateLimitReturnsNullWhenAheadAndNeverBlocks()
    {
        final AtomicLong now = new AtomicLong(1_000_000_000L);
        final GeneratorSource source = GeneratorSource.builder(SCHEMA, GeneratorSourceTest::fill).batchRows(100)
            .rateLimit(100).clock(now::get).build();
        assertFalse(source.bounded());
        try (SourceReader r = source.open(source.splits(1).get(0), memory.allocator()))
        {
            try (Batch b = r.poll())
            {
                assertEquals(100, b.rowCount());
            }
            assertNull(r.poll(), "100 rows emitted at t=0 at 100 rows/s: ahead of schedule");
            assertFalse(r.finished());
            now.addAndGet(500_000_000L);
            assertNull(r.poll(), "only 50 rows allowed by t=0.5s");
            now.addAndGet(500_000_000L);
            try (Batch b = r.poll())
            {
                assertNotNull(b);
                assertEquals(List.of(10_000L % 1009, "r100"), io.sabot.runtime.sink.ArrowValues.rows(b).get(0));
            }
            source.stop();
            assertTrue(r.finished());
            assertNull(r.poll());
        }
        assertTrue(source.stopped());
    }
}
