package io.sabot.runtime.source;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SabotIoException;
import io.sabot.common.SchemaException;
import io.sabot.ffi.uring.ReadConfig;
import io.sabot.kernels.Batch;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A bounded source over Arrow IPC files (the random-access "file" format: {@code ARROW1} magic, messages, footer).
 *
 * <p>Reading: every byte goes through a {@link io.sabot.ffi.uring.FileBlockReader} ({@link IoBackend#AUTO}: io_uring
 * where available, FileChannel otherwise) into off-heap Arrow memory: small reads for a record batch's message
 * prefix and metadata, then one read for its body, from which the vectors are loaded as zero-copy slices. With a column projection only the projected
 * columns' byte ranges of each record batch body are read (one read per column).
 *
 * <p>Splits: one per file when there are at least {@code parallelism} files, otherwise each file's record batches
 * are divided into contiguous ranges (by the footer's block index) so that there are about {@code parallelism}
 * splits. Files are taken in path order.
 *
 * <p>Damaged files: a file without a valid footer (e.g. truncated) is read front to back as a message stream; every
 * complete record batch is delivered, then {@link SourceReader#poll()} throws {@link MalformedInputException} naming
 * the file and the byte offset where it breaks off. A file whose schema differs from the expected one throws
 * {@link SchemaException} naming the column and the file (at construction). Dictionary-encoded and compressed files
 * are rejected with typed errors.
 *
 * <p>Thread-safety: immutable and thread-safe (the footers are read once, at construction). Ownership: polled
 * batches are owned by the caller.
 */
public final class ArrowFileSource implements Source
{
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private final List<Path> files;
    private final List<List<ArrowBlock>> blocks;
    private final Schema fileSchema;
    private final Schema schema;
    private final int[] projection;
    private final IoBackend backend;
    private final ReadConfig readConfig;
    private final String location;

    private ArrowFileSource(final Builder b)
    {
        this.location = b.location.toString();
        this.files = List.copyOf(expand(b.location));
        this.backend = b.backend;
        this.readConfig = b.readConfig;
        if (files.isEmpty())
        {
            throw new SabotIoException("no Arrow IPC files match", location, null);
        }
        final List<List<ArrowBlock>> layouts = new ArrayList<>(files.size());
        Schema first = null;
        try (BufferAllocator scratch = new RootAllocator())
        {
            for (final Path file : files)
            {
                final Layout layout = layout(file, scratch);
                if (first == null)
                {
                    first = layout.schema();
                }
                else if (b.expected == null && !sameTypes(first, layout.schema()))
                {
                    throw new SchemaException("schema of " + file + " " + layout.schema() + " differs from that of " +
                        files.get(0) + " " + first);
                }
                if (b.expected != null)
                {
                    check(b.expected, layout.schema(), file);
                }
                layouts.add(layout.blocks());
            }
        }
        this.blocks = layouts;
        this.fileSchema = first;
        final List<String> wanted = b.expected != null ? names(b.expected) : b.columns;
        if (wanted == null)
        {
            this.projection = null;
            this.schema = first;
        }
        else
        {
            this.projection = new int[wanted.size()];
            final List<Field> fields = new ArrayList<>(wanted.size());
            for (int i = 0; i < wanted.size(); i++)
            {
                projection[i] = indexOf(first, wanted.get(i), files.get(0));
                fields.add(first.getFields().get(projection[i]));
            }
            this.schema = new Schema(fields);
        }
    }

    private ArrowFileSource(final ArrowFileSource full, final int[] projection, final Schema schema)
    {
        this.location = full.location;
        this.files = full.files;
        this.blocks = full.blocks;
        this.fileSchema = full.fileSchema;
        this.backend = full.backend;
        this.readConfig = full.readConfig;
        this.projection = projection;
        this.schema = schema;
    }

    /**
     * Only the named columns' buffers are read (their byte ranges in each record batch).
     */
    @Override
    public Optional<Source> withColumns(final List<String> columns)
    {
        final int[] pruned = new int[columns.size()];
        final List<Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++)
        {
            final int inSchema = indexOf(schema, columns.get(i), files.get(0));
            pruned[i] = projection == null ? inSchema : projection[inSchema];
            fields.add(schema.getFields().get(inSchema));
        }
        return Optional.of(new ArrowFileSource(this, pruned, new Schema(fields)));
    }

    /**
     * @param location a file, a directory (all {@code *.arrow} files in it) or a glob in the last path element
     *                 (e.g. {@code data/part-*.arrow}).
     * @return a builder.
     */
    public static Builder builder(final Path location)
    {
        return new Builder(location);
    }

    static List<Path> expand(final Path location)
    {
        final String last = location.getFileName() == null ? "" : location.getFileName().toString();
        try
        {
            if (Files.isDirectory(location))
            {
                return list(location, FileSystems.getDefault().getPathMatcher("glob:*.arrow"));
            }
            if (last.indexOf('*') >= 0 || last.indexOf('?') >= 0 || last.indexOf('[') >= 0 || last.indexOf('{') >= 0)
            {
                final Path dir = location.getParent() == null ? Path.of(".") : location.getParent();
                return list(dir, FileSystems.getDefault().getPathMatcher("glob:" + last));
            }
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot list: " + e.getMessage(), location.toString(), e);
        }
        return List.of(location);
    }

    private static List<Path> list(final Path dir, final PathMatcher matcher) throws IOException
    {
        try (Stream<Path> s = Files.list(dir))
        {
            return s.filter(p -> Files.isRegularFile(p) && matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    private static List<String> names(final Schema schema)
    {
        return schema.getFields().stream().map(Field::getName).toList();
    }

    private static boolean sameTypes(final Schema a, final Schema b)
    {
        if (a.getFields().size() != b.getFields().size())
        {
            return false;
        }
        for (int i = 0; i < a.getFields().size(); i++)
        {
            final Field x = a.getFields().get(i);
            final Field y = b.getFields().get(i);
            if (!x.getName().equals(y.getName()) || !x.getType().equals(y.getType()))
            {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(final Schema schema, final String name, final Object file)
    {
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++)
        {
            if (fields.get(i).getName().equals(name))
            {
                return i;
            }
        }
        throw new SchemaException("column '" + name + "' is not in " + file + ", which has " + names(schema));
    }

    /**
     * Checks that every expected column is in the file with the same type.
     */
    static void check(final Schema expected, final Schema actual, final Object file)
    {
        for (final Field e : expected.getFields())
        {
            final Field a = actual.getFields().get(indexOf(actual, e.getName(), file));
            if (!a.getType().equals(e.getType()))
            {
                throw new SchemaException("column '" + e.getName() + "' of " + file + " has type " + a.getType() +
                    " but " + e.getType() + " was expected");
            }
        }
    }

    private record Layout(Schema schema, List<ArrowBlock> blocks)
    {
    }

    private Layout layout(final Path file, final BufferAllocator scratch)
    {
        final long size = size(file);
        try (IpcDecoder decoder = new IpcDecoder(new ByteInput.FileInput(backend.open(readConfig), file, size),
            scratch); ArrowBuf buf = scratch.buffer(16))
        {
            final ByteInput in = decoder.input();
            if (in.read(buf, 0, 8) < 8 || !magic(buf, 0))
            {
                throw new MalformedInputException("not an Arrow IPC file (no ARROW1 magic)", file.toString(), 0,
                    null);
            }
            if (size >= 8 + 10)
            {
                in.seek(size - 10);
                in.read(buf, 0, 10);
                if (magic(buf, 4))
                {
                    final int footerLength = buf.getInt(0);
                    final long footerStart = size - 10 - footerLength;
                    if (footerLength <= 0 || footerStart < 8)
                    {
                        throw new MalformedInputException("bad footer length " + footerLength, file.toString(),
                            size - 10, null);
                    }
                    return footer(file, in, scratch, footerStart, footerLength);
                }
            }
            // No footer: a truncated file (or one whose writer died). Read the schema from the message stream;
            // readers will deliver what is complete and then report where it breaks off.
            in.seek(8);
            final Message message = decoder.next();
            if (message == null)
            {
                throw new MalformedInputException("truncated Arrow IPC file: no schema", file.toString(),
                    in.position(), null);
            }
            return new Layout(decoder.schema(message), null);
        }
    }

    private static Layout footer(final Path file, final ByteInput in, final BufferAllocator scratch,
        final long footerStart, final int footerLength)
    {
        try (ArrowBuf buf = scratch.buffer(footerLength))
        {
            in.seek(footerStart);
            in.read(buf, 0, footerLength);
            final ArrowFooter footer;
            try
            {
                footer = new ArrowFooter(Footer.getRootAsFooter(buf.nioBuffer(0, footerLength)
                    .order(ByteOrder.LITTLE_ENDIAN)));
            }
            catch (final RuntimeException e)
            {
                throw new MalformedInputException("undecodable footer: " + e, file.toString(), footerStart, null);
            }
            if (!footer.getDictionaries().isEmpty())
            {
                throw new SchemaException(file + " holds dictionary batches, which are not supported");
            }
            for (final Field f : footer.getSchema().getFields())
            {
                if (f.getDictionary() != null)
                {
                    throw new SchemaException("column '" + f.getName() + "' of " + file +
                        " is dictionary-encoded, which is not supported");
                }
            }
            for (final ArrowBlock block : footer.getRecordBatches())
            {
                if (block.getOffset() < 8 || block.getMetadataLength() <= 0 || block.getBodyLength() < 0 ||
                    block.getOffset() + block.getMetadataLength() + block.getBodyLength() > footerStart)
                {
                    throw new MalformedInputException("footer names a record batch outside the file (offset " +
                        block.getOffset() + ")", file.toString(), footerStart, null);
                }
            }
            return new Layout(footer.getSchema(), List.copyOf(footer.getRecordBatches()));
        }
    }

    private static boolean magic(final ArrowBuf buf, final long at)
    {
        for (int i = 0; i < MAGIC.length; i++)
        {
            if (buf.getByte(at + i) != MAGIC[i])
            {
                return false;
            }
        }
        return true;
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot stat: " + e, file.toString(), e);
        }
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public boolean bounded()
    {
        return true;
    }

    /**
     * @return the files this source reads, in order.
     */
    public List<Path> files()
    {
        return files;
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        final List<SourceSplit> splits = new ArrayList<>();
        final int perFile = Math.max(1, (Math.max(1, parallelism) + files.size() - 1) / files.size());
        for (int f = 0; f < files.size(); f++)
        {
            final List<ArrowBlock> b = blocks.get(f);
            if (b == null)
            {
                splits.add(new FileSplit(files.get(f), f, -1, -1));
                continue;
            }
            final int parts = Math.max(1, Math.min(perFile, b.size()));
            for (int i = 0; i < parts; i++)
            {
                splits.add(new FileSplit(files.get(f), f, b.size() * i / parts, b.size() * (i + 1) / parts));
            }
        }
        return splits;
    }

    @Override
    public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
    {
        if (!(split instanceof FileSplit fs) || fs.index() >= files.size() || !files.get(fs.index()).equals(fs.file()))
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        final Path file = fs.file();
        final ByteInput input = new ByteInput.FileInput(backend.open(readConfig), file, size(file));
        try
        {
            return new Reader(new IpcDecoder(input, allocator), blocks.get(fs.index()), fs);
        }
        catch (final RuntimeException e)
        {
            input.close();
            throw e;
        }
    }

    @Override
    public String describe()
    {
        return "ArrowFile[" + location + ", " + files.size() + " files, " + names(schema) + ", " + backend + "]";
    }

    /**
     * One file, or a range of its record batches.
     *
     * @param file  the file.
     * @param index its position in {@link #files()}.
     * @param from  first record batch (footer order), or -1 to read the whole file as a message stream.
     * @param to    one past the last record batch, or -1.
     */
    public record FileSplit(Path file, int index, int from, int to) implements SourceSplit
    {
        @Override
        public String describe()
        {
            return file.getFileName() + (from < 0 ? "[stream]" : "[batches " + from + ".." + to + ")");
        }
    }

    private final class Reader implements SourceReader
    {
        private final IpcDecoder decoder;
        private final List<ArrowBlock> fileBlocks;
        private final int end;
        private int next;
        private boolean done;
        private boolean started;

        Reader(final IpcDecoder decoder, final List<ArrowBlock> fileBlocks, final FileSplit split)
        {
            this.decoder = decoder;
            this.fileBlocks = fileBlocks;
            this.next = split.from();
            this.end = split.to();
        }

        @Override
        public Batch poll()
        {
            if (done)
            {
                return null;
            }
            try
            {
                return fileBlocks == null ? nextStreamed() : nextBlock();
            }
            catch (final RuntimeException e)
            {
                done = true;
                throw e;
            }
        }

        private Batch nextBlock()
        {
            if (next >= end)
            {
                done = true;
                return null;
            }
            final ArrowBlock block = fileBlocks.get(next++);
            decoder.input().seek(block.getOffset());
            final Message message = decoder.next();
            if (message == null)
            {
                throw decoder.malformed("no record batch where the footer says", block.getOffset());
            }
            final Batch batch = decoder.batch(message, fileSchema, projection);
            done = next >= end;
            return batch;
        }

        private Batch nextStreamed()
        {
            if (!started)
            {
                started = true;
                decoder.input().seek(8);
                final Message schemaMessage = decoder.next();
                if (schemaMessage == null)
                {
                    throw decoder.malformed("truncated Arrow IPC file: no schema", 8);
                }
                decoder.schema(schemaMessage);
            }
            final Message message = decoder.next();
            if (message == null)
            {
                throw decoder.malformed("truncated Arrow IPC file: no footer after " +
                    (decoder.endOfStream() ? "the end-of-stream marker" : "the last complete message"),
                    decoder.input().position());
            }
            return decoder.batch(message, fileSchema, projection);
        }

        @Override
        public boolean finished()
        {
            return done;
        }

        @Override
        public void close()
        {
            done = true;
            decoder.close();
        }
    }

    /**
     * Configures an {@link ArrowFileSource}. Not thread-safe.
     */
    public static final class Builder
    {
        private final Path location;
        private Schema expected;
        private List<String> columns;
        private IoBackend backend = IoBackend.AUTO;
        private ReadConfig readConfig = ReadConfig.DEFAULT;

        private Builder(final Path location)
        {
            this.location = Objects.requireNonNull(location, "location");
        }

        /**
         * @param schema the columns to read, by name, with their expected types (a file lacking one, or with another
         *               type, fails with {@link SchemaException}); it also acts as the projection.
         * @return this.
         */
        public Builder expectedSchema(final Schema schema)
        {
            this.expected = schema;
            return this;
        }

        /**
         * @param names the columns to read, in output order (ignored when an expected schema is set).
         * @return this.
         */
        public Builder columns(final List<String> names)
        {
            this.columns = names == null ? null : List.copyOf(names);
            return this;
        }

        /**
         * @param backend how bytes are read (default {@link IoBackend#AUTO}).
         * @return this.
         */
        public Builder backend(final IoBackend backend)
        {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * @param config queue depth/block size for the block reader (default {@link ReadConfig#DEFAULT}; O_DIRECT is
         *               not supported here and is switched off).
         * @return this.
         */
        public Builder readConfig(final ReadConfig config)
        {
            this.readConfig = config.withDirect(false);
            return this;
        }

        /**
         * @return the source (reads every file's footer now).
         */
        public ArrowFileSource build()
        {
            return new ArrowFileSource(this);
        }
    }
}
