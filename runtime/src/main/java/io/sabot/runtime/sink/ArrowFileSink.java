package io.sabot.runtime.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SabotIoException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.runtime.source.Dense;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes Arrow IPC files (file format, uncompressed): one file, or one {@code part-NNNNN.arrow} per instance in a
 * directory. Each batch becomes one record batch (a batch with a selection is compacted first). Files appear under
 * their final names only on {@link #commit()}; {@link #abort()} deletes them.
 *
 * <p>The schema is the one given at construction or, if none was, that of the first batch; a writer that receives no
 * batch and knows no schema writes a file with an empty schema. A batch of another schema throws
 * {@link SchemaException}.
 *
 * <p>Thread-safety: thread-safe; each writer is used by one thread. Ownership: batches written are closed by the
 * writer (their buffers are moved into the file writer's vectors, then released after each record batch).
 */
public final class ArrowFileSink implements Sink
{
    private final FileTargets targets;
    private final boolean parallel;
    private final Schema schema;
    private volatile List<Path> committed = List.of();

    ArrowFileSink(final Path location, final boolean parallel, final Schema schema)
    {
        this.targets = new FileTargets(Objects.requireNonNull(location, "location"), !parallel, "arrow");
        this.parallel = parallel;
        this.schema = schema;
    }

    @Override
    public boolean parallel()
    {
        return parallel;
    }

    @Override
    public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        return new Writer(targets.open(instance), allocator);
    }

    @Override
    public void commit()
    {
        committed = targets.commit();
    }

    @Override
    public void abort()
    {
        targets.abort();
    }

    /**
     * @return the files made visible by {@link #commit()}.
     */
    public List<Path> files()
    {
        return committed;
    }

    @Override
    public String describe()
    {
        return "ArrowFile[" + targets.location() + (parallel ? "/part-*.arrow" : "") + "]";
    }

    private final class Writer implements SinkWriter
    {
        private final Path file;
        private final BufferAllocator allocator;
        private FileChannel channel;
        private VectorSchemaRoot root;
        private ArrowFileWriter writer;

        Writer(final Path file, final BufferAllocator allocator)
        {
            this.file = file;
            this.allocator = allocator;
            if (schema != null)
            {
                start(schema);
            }
        }

        private void start(final Schema s)
        {
            try
            {
                channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                root = VectorSchemaRoot.create(s, allocator);
                writer = new ArrowFileWriter(root, null, channel);
                writer.start();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot start writing: " + e.getMessage(), file.toString(), e);
            }
        }

        @Override
        public void write(final Batch batch)
        {
            Batch dense = batch;
            if (batch.selection() != null)
            {
                try (batch)
                {
                    dense = Dense.copy(batch, allocator);
                }
            }
            try (Batch in = dense)
            {
                if (writer == null)
                {
                    start(in.schema());
                }
                final Schema s = root.getSchema();
                if (!CsvSink.sameColumns(s, in.schema()))
                {
                    throw new SchemaException("batch schema " + in.schema() + " differs from the file's " + s +
                        " (" + file + ")");
                }
                for (int i = 0; i < in.columnCount(); i++)
                {
                    in.column(i).makeTransferPair(root.getVector(i)).transfer();
                }
                root.setRowCount(in.rowCount());
                writer.writeBatch();
                root.clear();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot write a record batch: " + e.getMessage(), file.toString(), e);
            }
        }

        @Override
        public void finish()
        {
            try
            {
                if (writer == null)
                {
                    start(new Schema(List.of()));
                }
                writer.end();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot finish: " + e.getMessage(), file.toString(), e);
            }
        }

        @Override
        public void close()
        {
            try
            {
                if (writer != null)
                {
                    writer.close();
                }
            }
            finally
            {
                if (root != null)
                {
                    root.close();
                }
                try
                {
                    if (channel != null)
                    {
                        channel.close();
                    }
                }
                catch (final IOException e)
                {
                    throw new SabotIoException("cannot close: " + e.getMessage(), file.toString(), e);
                }
            }
        }
    }
}
