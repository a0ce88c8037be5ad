package io.sabot.runtime.sink;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.sabot.kernels.Batch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Entry points for the built-in sinks. Stateless and thread-safe; see each sink class for ownership and file
 * handling.
 */
public final class Sinks
{
    private Sinks()
    {
    }

    /**
     * @return a new sink gathering all rows as Java values.
     */
    public static CollectSink collect()
    {
        return new CollectSink();
    }

    /**
     * @param callback called with each batch (borrowed, closed when the call returns; calls serialized).
     * @return the sink.
     */
    public static CallbackSink callback(final Consumer<Batch> callback)
    {
        return new CallbackSink(callback);
    }

    /**
     * @param file the Arrow IPC file to write (all rows through one writer, in order).
     * @return the sink.
     */
    public static ArrowFileSink arrowFile(final Path file)
    {
        return new ArrowFileSink(file, false, null);
    }

    /**
     * @param file   the Arrow IPC file to write.
     * @param schema the schema (written even if no row arrives), or {@code null} to take the first batch's.
     * @return the sink.
     */
    public static ArrowFileSink arrowFile(final Path file, final Schema schema)
    {
        return new ArrowFileSink(file, false, schema);
    }

    /**
     * @param directory where each instance writes {@code part-NNNNN.arrow}.
     * @param schema    the schema, or {@code null} to take the first batch's.
     * @return a parallel sink.
     */
    public static ArrowFileSink arrowFiles(final Path directory, final Schema schema)
    {
        return new ArrowFileSink(directory, true, schema);
    }

    /**
     * @param file the CSV file to write (comma-separated, with a header).
     * @return the sink.
     */
    public static CsvSink csv(final Path file)
    {
        return new CsvSink(file, false, null, ',', true);
    }

    /**
     * @param file      the CSV file to write.
     * @param schema    the schema (header written even if no row arrives), or {@code null} to take the first
     *                  batch's.
     * @param delimiter the field delimiter.
     * @param header    whether to write a header line.
     * @return the sink.
     */
    public static CsvSink csv(final Path file, final Schema schema, final char delimiter, final boolean header)
    {
        return new CsvSink(file, false, schema, delimiter, header);
    }

    /**
     * @param directory where each instance writes {@code part-NNNNN.csv}.
     * @param schema    the schema, or {@code null} to take the first batch's.
     * @param delimiter the field delimiter.
     * @param header    whether each file gets a header line.
     * @return a parallel sink.
     */
    public static CsvSink csvFiles(final Path directory, final Schema schema, final char delimiter,
        final boolean header)
    {
        return new CsvSink(directory, true, schema, delimiter, header);
    }

    /**
     * @param directory where each writer's committed transactions appear as {@code part-*.csv} files (with a header
     *                  each).
     * @param schema    the schema (header of files whose first batch is late), or {@code null}.
     * @return a CSV sink that writes every row exactly once in a checkpointed job (files become visible as
     * checkpoints complete).
     */
    public static TransactionalCsvSink csvExactlyOnce(final Path directory, final Schema schema)
    {
        return new TransactionalCsvSink(directory, schema, ',', true);
    }
}
