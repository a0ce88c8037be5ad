package io.sabot.runtime.source;

import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.sabot.kernels.Batch;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Entry points for the built-in sources. Stateless and thread-safe; see each source class for its ownership and
 * split rules.
 */
public final class Sources
{
    /** Rows per batch of row and generator sources unless told otherwise. */
    public static final int DEFAULT_BATCH_ROWS = 8192;

    private Sources()
    {
    }

    /**
     * @param schema  the schema of every batch.
     * @param batches the batches; the source takes ownership (close the source to release them). If a batch does not
     *                match the schema a SchemaException is thrown and the batches stay the caller's.
     * @return a source that hands out zero-copy slices of the batches, one per input batch.
     */
    public static BatchesSource batches(final Schema schema, final List<Batch> batches)
    {
        return new BatchesSource(schema, batches, Integer.MAX_VALUE);
    }

    /**
     * @param schema     the schema of every batch.
     * @param batches    the batches; the source takes ownership (close the source to release them).
     * @param morselRows the largest batch handed out; input batches are sliced (zero-copy) to it.
     * @return the source.
     */
    public static BatchesSource batches(final Schema schema, final List<Batch> batches, final int morselRows)
    {
        return new BatchesSource(schema, batches, morselRows);
    }

    /**
     * @param schema the columns.
     * @param rows   one {@code Object[]} per row with a value (or {@code null}) per column: Integer/Long/Short/Byte,
     *               Double/Float, Boolean, String, LocalDate, BigDecimal (rescaled exactly to the column's scale),
     *               byte[]. The list and arrays are copied.
     * @return a source of {@value #DEFAULT_BATCH_ROWS}-row batches.
     */
    public static RowsSource rows(final Schema schema, final List<Object[]> rows)
    {
        return new RowsSource(schema, rows, DEFAULT_BATCH_ROWS);
    }

    /**
     * @param schema    the columns.
     * @param rows      the rows, as for {@link #rows(Schema, List)}.
     * @param batchRows rows per batch.
     * @return the source.
     */
    public static RowsSource rows(final Schema schema, final List<Object[]> rows, final int batchRows)
    {
        return new RowsSource(schema, rows, batchRows);
    }

    /**
     * @param type    a record class; its components become columns (int, long, short, byte, double, float,
     *                boolean and their boxes, String, LocalDate, BigDecimal as decimal(38, largest scale), byte[];
     *                primitives non-nullable).
     * @param records the rows (copied).
     * @param <R>     the record type.
     * @return the source.
     */
    public static <R extends Record> RowsSource of(final Class<R> type, final Collection<R> records)
    {
        return new RowsSource(RecordSchemas.schema(type, records), RecordSchemas.rows(type, records),
            DEFAULT_BATCH_ROWS);
    }

    /**
     * @param schema    the generated columns.
     * @param rows      how many rows (bounded).
     * @param generator fills chunks of rows.
     * @return the source.
     */
    public static GeneratorSource generator(final Schema schema, final long rows, final RowGenerator generator)
    {
        return GeneratorSource.builder(schema, generator).rows(rows).build();
    }

    /**
     * @param schema    the generated columns.
     * @param generator fills chunks of rows.
     * @return an unbounded source; end it with {@link GeneratorSource#stop()}.
     */
    public static GeneratorSource unbounded(final Schema schema, final RowGenerator generator)
    {
        return GeneratorSource.builder(schema, generator).unbounded().build();
    }

    /**
     * @param name the column name.
     * @param rows how many rows.
     * @return a bounded source of one non-null int64 column holding {@code 0 .. rows-1}.
     */
    public static GeneratorSource range(final String name, final long rows)
    {
        final Schema schema = new Schema(List.of(new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)),
            null)));
        return generator(schema, rows, Sources::fillRange);
    }

    private static void fillRange(final long firstRow, final int rowCount, final List<FieldVector> columns)
    {
        final BigIntVector v = (BigIntVector) columns.get(0);
        for (int i = 0; i < rowCount; i++)
        {
            v.set(i, firstRow + i);
        }
    }

    /**
     * @param location an {@code .arrow} file, a directory of them or a glob.
     * @return a source of all columns, read with {@link IoBackend#AUTO}.
     */
    public static ArrowFileSource arrowFile(final Path location)
    {
        return ArrowFileSource.builder(location).build();
    }

    /**
     * @param location an {@code .arrow} file, a directory of them or a glob.
     * @param expected the columns to read and their types (a mismatch is a SchemaException naming the column).
     * @return the source.
     */
    public static ArrowFileSource arrowFile(final Path location, final Schema expected)
    {
        return ArrowFileSource.builder(location).expectedSchema(expected).build();
    }

    /**
     * @param file a file in the Arrow IPC stream format.
     * @return the source.
     */
    public static ArrowStreamSource arrowStream(final Path file)
    {
        return ArrowStreamSource.of(file, null, IoBackend.AUTO);
    }

    /**
     * @param channels opens the stream, once per run.
     * @param name     the stream's name for errors.
     * @param expected the stream's columns and types.
     * @return the source.
     */
    public static ArrowStreamSource arrowStream(final Supplier<? extends ReadableByteChannel> channels,
        final String name, final Schema expected)
    {
        return ArrowStreamSource.of(channels, name, expected);
    }

    /**
     * @param location a CSV file, a directory of {@code *.csv} files or a glob.
     * @return a source with an inferred schema and {@link CsvOptions#DEFAULT}.
     */
    public static CsvSource csv(final Path location)
    {
        return CsvSource.of(location, null, CsvOptions.DEFAULT);
    }

    /**
     * @param location a CSV file, a directory of {@code *.csv} files or a glob.
     * @param schema   the columns, or {@code null} to infer.
     * @param options  format and bad-row policy.
     * @return the source.
     */
    public static CsvSource csv(final Path location, final Schema schema, final CsvOptions options)
    {
        return CsvSource.of(location, schema, options);
    }
}
