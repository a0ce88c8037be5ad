package io.sabot.runtime.operator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hash.Hashing;
import io.sabot.runtime.checkpoint.KeyOwnership;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.checkpoint.SnapshotTarget;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * The checkpoint files of this package's stateful operators (aggregations, windows, distinct, limit), one directory
 * per operator instance:
 *
 * <pre>
 *   state.properties   format, operator kind and description (checked on restore), the operator's scalars
 *                      (watermark, counters, per-window flags) and the aggregations' input types
 *   groups.arrow       Arrow IPC file, one record batch per hash aggregation (per window): its groups in the
 *                      kernels' partial format (HashAggregator.partialResult: keys, then each aggregate's state)
 * </pre>
 *
 * <p>Capture copies the state into heap memory as the finished file bytes ({@link Capture}), so the snapshot
 * shares nothing with the operator and holds no memory of its allocator: the operator may go on, or close, while
 * the checkpoint's I/O thread writes it. Restore reads the files back; with another parallelism
 * ({@link RestoreContext#rescaled()}) an operator reads every previous instance's directory and keeps the groups
 * whose keys hash to it ({@link #restoreGroups}).
 *
 * <p>Stateless helpers; {@link Capture} is used by one thread, the snapshot it produces is immutable.
 */
final class SnapshotFiles
{
    static final String PROPERTIES = "state.properties";
    static final String GROUPS = "groups.arrow";
    private static final String FORMAT = "1";
    private static final int CHUNK = 1 << 20;

    private SnapshotFiles()
    {
    }

    /**
     * @param kind        the operator kind, e.g. {@code "Aggregate"}.
     * @param description the operator's description; a restore into a different operator fails on it.
     * @return the properties every snapshot starts with.
     */
    static Properties header(final String kind, final String description)
    {
        final Properties properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("operator", kind);
        properties.setProperty("description", description);
        return properties;
    }

    /** @return the snapshot directories this instance restores from: its own, or every one after a rescale. */
    static List<Path> sources(final RestoreContext context)
    {
        if (context.rescaled())
        {
            return context.directories();
        }
        if (context.instance() >= context.directories().size())
        {
            throw new StateException("checkpoint " + context.checkpointId() + " has " +
                context.directories().size() + " snapshot directories, none for instance " + context.instance(),
                null);
        }
        return List.of(context.directories().get(context.instance()));
    }

    /**
     * Reads and checks a snapshot's properties.
     *
     * @throws StateException when the file is missing or unreadable, or was written by another operator or format.
     */
    static Properties read(final Path directory, final String kind, final String description)
    {
        final Path file = directory.resolve(PROPERTIES);
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file))
        {
            properties.load(in);
        }
        catch (final NoSuchFileException e)
        {
            throw new StateException(kind + " snapshot file " + file + " is missing", e);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read " + kind + " snapshot file " + file + ": " + e.getMessage(), e);
        }
        if (!FORMAT.equals(properties.getProperty("format")) || !kind.equals(properties.getProperty("operator")) ||
            !description.equals(properties.getProperty("description")))
        {
            throw new StateException("snapshot " + file + " was written by " + properties.getProperty("operator") +
                " '" + properties.getProperty("description") + "' (format " + properties.getProperty("format") +
                "), not by " + kind + " '" + description + "' (format " + FORMAT + ")", null);
        }
        return properties;
    }

    /** @return the long property {@code key}. @throws StateException when it is missing or not a number. */
    static long longValue(final Properties properties, final String key, final Path directory)
    {
        final String value = properties.getProperty(key);
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException e)
        {
            throw new StateException("snapshot " + directory.resolve(PROPERTIES) + " has no valid '" + key +
                "' (found " + value + ")", e);
        }
    }

    /** @return the boolean property {@code key}. @throws StateException when it is missing. */
    static boolean booleanValue(final Properties properties, final String key, final Path directory)
    {
        final String value = properties.getProperty(key);
        if (!"true".equals(value) && !"false".equals(value))
        {
            throw new StateException("snapshot " + directory.resolve(PROPERTIES) + " has no valid '" + key +
                "' (found " + value + ")", null);
        }
        return Boolean.parseBoolean(value);
    }

    /**
     * @param types per aggregate the input type ({@code null} for count(*)).
     * @return the types as the JSON of a schema with one field per aggregate (Null type for {@code null}).
     */
    static String encodeTypes(final List<ArrowType> types)
    {
        final List<Field> fields = new ArrayList<>(types.size());
        for (int a = 0; a < types.size(); a++)
        {
            final ArrowType type = types.get(a);
            fields.add(new Field("a" + a, FieldType.nullable(type == null ? ArrowType.Null.INSTANCE : type), null));
        }
        return new Schema(fields).toJson();
    }

    /** @return the types {@link #encodeTypes} wrote. @throws StateException when the text is not such a schema. */
    static List<ArrowType> decodeTypes(final String json, final Path directory)
    {
        final Schema schema = decodeSchema(json, directory);
        final List<ArrowType> types = new ArrayList<>(schema.getFields().size());
        for (final Field field : schema.getFields())
        {
            types.add(field.getType() instanceof ArrowType.Null ? null : field.getType());
        }
        return types;
    }

    /** @return the schema whose JSON is {@code json}. @throws StateException when it is not one. */
    static Schema decodeSchema(final String json, final Path directory)
    {
        if (json == null)
        {
            throw new StateException("snapshot " + directory.resolve(PROPERTIES) + " lacks a schema entry", null);
        }
        try
        {
            return Schema.fromJSON(json);
        }
        catch (final IOException | RuntimeException e)
        {
            throw new StateException("snapshot " + directory.resolve(PROPERTIES) + " has an unreadable schema: " +
                e.getMessage(), e);
        }
    }

    /**
     * Gives {@code target} the groups of {@code groups} this instance keeps: all of them when the parallelism did
     * not change; after a rescale, those whose key columns (the first {@code keyColumns}) hash to this instance as
     * the hash exchange routes them, or, for an operator without keys ({@code keyColumns == 0}; it runs as one
     * instance), all of them on instance 0. The batch passed on may be a view with a selection; the target reads
     * it during the call only.
     */
    static void restoreGroups(final Batch groups, final int keyColumns, final RestoreContext context,
        final BufferAllocator allocator, final Consumer<Batch> target)
    {
        if (!context.rescaled())
        {
            target.accept(groups);
            return;
        }
        if (keyColumns == 0)
        {
            if (context.instance() == 0)
            {
                target.accept(groups);
            }
            return;
        }
        final int rows = groups.rowCount();
        final List<FieldVector> keys = groups.columns().subList(0, keyColumns);
        try (BigIntVector hashes = Hashing.hash(keys, allocator);
            SelectionVector owned = new SelectionVector(allocator, Math.max(rows, 1)))
        {
            int count = 0;
            for (int r = 0; r < rows; r++)
            {
                if (KeyOwnership.partition(hashes.get(r), context.parallelism()) == context.instance())
                {
                    owned.set(count++, r);
                }
            }
            if (count == 0)
            {
                return;
            }
            owned.count(count);
            // A view: the vectors stay the caller's batch's, the selection is closed here.
            target.accept(Batch.ofFiltered(groups.columns(), owned));
        }
    }

    /**
     * Reads the record batches of a snapshot's {@code groups.arrow}, in order.
     *
     * @param directory the snapshot directory.
     * @param allocator where the batches live.
     * @param each      receives each batch's index and the batch, which is closed after the call.
     * @throws StateException when the file cannot be read.
     */
    static void readGroups(final Path directory, final BufferAllocator allocator, final GroupConsumer each)
    {
        final Path file = directory.resolve(GROUPS);
        if (!Files.exists(file))
        {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            ArrowFileReader reader = new ArrowFileReader(channel, allocator))
        {
            final List<ArrowBlock> blocks = reader.getRecordBlocks();
            for (int b = 0; b < blocks.size(); b++)
            {
                reader.loadRecordBatch(blocks.get(b));
                final VectorSchemaRoot root = reader.getVectorSchemaRoot();
                final List<FieldVector> columns = new ArrayList<>(root.getFieldVectors().size());
                try
                {
                    for (final FieldVector vector : root.getFieldVectors())
                    {
                        final TransferPair transfer = vector.getTransferPair(allocator);
                        transfer.transfer();
                        columns.add((FieldVector)transfer.getTo());
                    }
                }
                catch (final RuntimeException | Error e)
                {
                    Batches.closeAll(columns);
                    throw e;
                }
                try (Batch batch = Batch.of(columns))
                {
                    each.accept(b, batch);
                }
            }
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read snapshot groups " + file + ": " + e.getMessage(), e);
        }
    }

    /** Receives the record batches of {@link #readGroups}. */
    @FunctionalInterface
    interface GroupConsumer
    {
        /**
         * @param index the record batch's index in the file.
         * @param batch its groups (read only, closed after the call).
         */
        void accept(int index, Batch batch);
    }

    /**
     * Builds a snapshot on the driving thread: the operator's properties and its group batches serialized at once
     * into an Arrow IPC file in heap chunks. Not thread-safe; one capture per snapshot.
     */
    static final class Capture implements AutoCloseable
    {
        private final BufferAllocator allocator;
        private final HeapBytes bytes = new HeapBytes();
        private VectorSchemaRoot root;
        private ArrowFileWriter writer;
        private int batches;

        /** @param allocator where the transfer target vectors live (they hold memory only during {@link #add}). */
        Capture(final BufferAllocator allocator)
        {
            this.allocator = allocator;
        }

        /**
         * Appends one aggregation's groups as the next record batch, and closes them.
         *
         * @param groups a partial result with columns (all batches of one snapshot have one schema).
         * @return the record batch's index in the file.
         * @throws StateException when the schema differs from the earlier batches' or serialization fails.
         */
        int add(final Batch groups)
        {
            try (groups)
            {
                if (root == null)
                {
                    root = VectorSchemaRoot.create(groups.schema(), allocator);
                    writer = new ArrowFileWriter(root, null, Channels.newChannel(bytes));
                    writer.start();
                }
                else if (!root.getSchema().equals(groups.schema()))
                {
                    throw new StateException("cannot snapshot groups of schema " + groups.schema() +
                        " beside groups of schema " + root.getSchema() + " in one operator", null);
                }
                for (int c = 0; c < groups.columnCount(); c++)
                {
                    groups.column(c).makeTransferPair(root.getVector(c)).transfer();
                }
                root.setRowCount(groups.rowCount());
                writer.writeBatch();
                root.clear();
                return batches++;
            }
            catch (final IOException e)
            {
                throw new StateException("cannot serialize snapshot groups: " + e.getMessage(), e);
            }
        }

        /**
         * @param properties the operator's properties (copied).
         * @return the finished snapshot; it holds heap memory only.
         */
        OperatorSnapshot finish(final Properties properties)
        {
            try
            {
                if (writer != null)
                {
                    writer.end();
                }
            }
            catch (final IOException e)
            {
                throw new StateException("cannot serialize snapshot groups: " + e.getMessage(), e);
            }
            final Properties copy = new Properties();
            copy.putAll(properties);
            return new HeapSnapshot(copy, writer == null ? null : bytes.chunks());
        }

        @Override
        public void close()
        {
            if (writer != null)
            {
                writer.close();
            }
            if (root != null)
            {
                root.close();
            }
        }
    }

    /** A captured snapshot: properties and the groups file's bytes on the heap. Immutable. */
    private record HeapSnapshot(Properties properties, List<byte[]> groups) implements OperatorSnapshot
    {
        @Override
        public void writeTo(final SnapshotTarget target) throws IOException
        {
            final Path directory = target.directory();
            if (groups != null)
            {
                try (OutputStream out = Files.newOutputStream(directory.resolve(GROUPS)))
                {
                    for (final byte[] chunk : groups)
                    {
                        out.write(chunk);
                    }
                }
            }
            // Written last: a directory with the properties file holds a whole snapshot.
            try (OutputStream out = Files.newOutputStream(directory.resolve(PROPERTIES)))
            {
                properties.store(out, null);
            }
        }
    }

    /**
     * An output stream into heap chunks of up to 1 MiB (no copying on growth, no 2 GiB array limit). Not
     * thread-safe.
     */
    private static final class HeapBytes extends OutputStream
    {
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] current;
        private int used;
        private long total;

        @Override
        public void write(final int b)
        {
            ensure();
            current[used++] = (byte)b;
        }

        @Override
        public void write(final byte[] source, final int offset, final int length)
        {
            int from = offset;
            int left = length;
            while (left > 0)
            {
                ensure();
                final int n = Math.min(left, current.length - used);
                System.arraycopy(source, from, current, used, n);
                used += n;
                from += n;
                left -= n;
            }
        }

        private void ensure()
        {
            if (current == null || used == current.length)
            {
                if (current != null)
                {
                    chunks.add(current);
                    total += current.length;
                }
                // chunks double up to 1 MiB: small snapshots stay small, large ones are not copied on growth
                current = new byte[(int)Math.min(CHUNK, Math.max(4096, total))];
                used = 0;
            }
        }

        /** @return the bytes written, as chunks (the last one trimmed). */
        List<byte[]> chunks()
        {
            final List<byte[]> all = new ArrayList<>(chunks);
            if (current != null && used > 0)
            {
                all.add(used == current.length ? current : Arrays.copyOf(current, used));
            }
            return List.copyOf(all);
        }
    }
}
