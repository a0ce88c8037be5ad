package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.sink.Sinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader closed part-way (a cancelled job) releases everything; the batch it already returned stays valid.
 */
class CancelTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path dir;

    @Test
    void everySourceReleasesItsMemoryWhenClosedPartWay()
    {
        final List<Object[]> rows = Harness.mixedRows(200, 8);
        final Path arrow = dir.resolve("c.arrow");
        final Path csv = dir.resolve("c.csv");
        Harness.copy(Sources.rows(Harness.MIXED, rows, 20), 1, Sinks.arrowFile(arrow), memory.allocator());
        Harness.copy(Sources.rows(Harness.MIXED, rows, 20), 1, Sinks.csv(csv), memory.allocator());
        final List<Source> sources = List.of(
            Sources.rows(Harness.MIXED, rows, 20),
            Sources.arrowFile(arrow),
            ArrowFileSource.builder(arrow).columns(List.of("s")).build(),
            Sources.csv(csv, Harness.MIXED, CsvOptions.DEFAULT.withBatchRows(20)),
            Sources.unbounded(Sources.range("x", 1).schema(), (first, count, columns) ->
            {
                for (int i = 0; i < count; i++)
                {
                    ((org.apache.arrow.vector.BigIntVector) columns.get(0)).set(i, first + i);
                }
            }));
        for (final Source source : sources)
        {
            final Batch first;
            try (SourceReader reader = source.open(source.splits(1).get(0), memory.allocator()))
            {
                first = reader.poll();
                assertNotNull(first, source.describe());
            }
            try (first)
            {
                assertEquals(source.schema().getFields().size(), first.columnCount());
                assertEquals(first.rowCount(), io.sabot.runtime.sink.ArrowValues.rows(first).size());
            }
        }
    }
}
