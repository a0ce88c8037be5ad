package io.sabot.runtime.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.sabot.common.SabotIoException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IPC files hold exactly the generated rows, whatever the thread count, with one record batch per range.
 */
class TpchWriterTest
{
    private static final double SF = 0.002;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void filesHoldTheGeneratedRows(@TempDir final Path dir) throws IOException
    {
        final TpchGenerator generator = new TpchGenerator(SF);
        final Map<TpchTable, Long> progress = new EnumMap<>(TpchTable.class);
        final Map<TpchTable, Long> written = TpchWriter.writeIpc(dir.resolve("two"), generator, 333, 2,
            (table, rows, total) ->
            {
                progress.put(table, rows);
                assertEquals(generator.rowCount(table), total);
            });
        TpchWriter.writeIpc(dir.resolve("one"), generator, 333, 1, null);
        for (final TpchTable table : TpchTable.values())
        {
            assertEquals(generator.rowCount(table), written.get(table), table.tableName());
            assertEquals(written.get(table), progress.get(table), table.tableName());
            final List<Batch> expected = generator.generateAll(table, 333, memory.allocator());
            try
            {
                final Path file = dir.resolve("two").resolve(table.tableName() + ".arrow");
                assertEquals(TpchGeneratorTest.values(expected), read(file, table));
                assertEquals(-1L, Files.mismatch(file, dir.resolve("one").resolve(table.tableName() + ".arrow")));
            }
            finally
            {
                expected.forEach(Batch::close);
            }
        }
    }

    @Test
    void anUnwritableDirectoryIsATypedError(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThrows(SabotIoException.class, () -> TpchWriter.writeIpc(file, new TpchGenerator(SF), 100, 1, null));
    }

    private List<List<Object>> read(final Path file, final TpchTable table) throws IOException
    {
        final List<List<Object>> rows = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            ArrowFileReader reader = new ArrowFileReader(channel, memory.allocator()))
        {
            final VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals(table.schema(), root.getSchema());
            while (reader.loadNextBatch())
            {
                final List<FieldVector> vectors = root.getFieldVectors();
                for (int r = 0; r < root.getRowCount(); r++)
                {
                    final List<Object> row = new ArrayList<>();
                    for (final FieldVector v : vectors)
                    {
                        final Object value = v.getObject(r);
                        row.add(value instanceof final org.apache.arrow.vector.util.Text t ? t.toString() : value);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
