package io.sabot.runtime.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SabotIoException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A bounded source over CSV files (see {@link CsvOptions} for the format), one split per file (in path order), or
 * byte ranges of large files (see {@link #of(Path, Schema, CsvOptions, long)}).
 *
 * <p>Parsing is byte-level: each file is read in 1 MiB chunks, records are split by offsets into the chunk, and
 * values are parsed from the bytes straight into Arrow vectors (see {@link CsvValues} for the value grammar).
 *
 * <p>Schema: explicit, or inferred from the first {@link CsvOptions#inferenceRows()} records of the first file: a
 * column is int64 if every non-null sample parses as one, else float64, else date32 (ISO), else bool, else utf8
 * (also when all samples are null); inferred columns are nullable. Names come from the header line, or are
 * {@code column0, column1, ...}. With an explicit schema the header line (if any) is skipped, not checked.
 *
 * <p>Bad rows (wrong number of fields, a value that does not parse, an unterminated quote): under
 * {@link CsvOptions.BadRowPolicy#FAIL}, the reader first returns the good rows read before the bad one (in a batch of
 * their own), then throws {@link MalformedInputException} naming the file, the 1-based line and the column; under
 * {@link CsvOptions.BadRowPolicy#DEAD_LETTER} the row goes to the dead-letter consumer as a {@link BadRecord} (calls
 * serialized across readers) and reading continues.
 *
 * <p>Thread-safety: immutable and thread-safe. Ownership: polled batches are owned by the caller.
 */
public final class CsvSource implements Source
{
    private static final int CHUNK = 1 << 20;

    private final List<Path> files;
    private final Schema schema;
    private final CsvOptions options;
    private final String location;
    private final Object deadLetterLock = new Object();
    private final long splitBytes;

    private CsvSource(final Path location, final Schema schema, final CsvOptions options, final long splitBytes)
    {
        if (splitBytes <= 0)
        {
            throw new IllegalArgumentException("splitBytes must be positive, got " + splitBytes);
        }
        this.splitBytes = splitBytes;
        this.location = location.toString();
        this.options = Objects.requireNonNull(options, "options");
        this.files = List.copyOf(expand(location));
        if (files.isEmpty())
        {
            throw new SabotIoException("no CSV files match", this.location, null);
        }
        this.schema = schema != null ? schema : infer(files.get(0), options);
        CsvValues.kinds(this.schema);
    }

    /**
     * @param location a file, a directory (all {@code *.csv} files in it) or a glob in the last path element.
     * @param schema   the columns, or {@code null} to infer them from the first file.
     * @param options  the format and the bad-row policy.
     * @return the source.
     */
    public static CsvSource of(final Path location, final Schema schema, final CsvOptions options)
    {
        return new CsvSource(Objects.requireNonNull(location, "location"), schema, options, Long.MAX_VALUE);
    }

    /**
     * Like {@link #of(Path, Schema, CsvOptions)}, and when there are fewer files than the requested parallelism,
     * files of at least {@code 2 * splitBytes} bytes are divided into byte ranges of about {@code splitBytes} that
     * start at record boundaries. The boundaries (and the line number each range starts at, for error reports) come
     * from one sequential scan of the file in {@link #splits}, which tracks quoting as RFC 4180 does (a quote toggles
     * "inside quotes"), so line breaks inside quoted fields are handled; a quote in the middle of an unquoted field
     * (which RFC 4180 does not allow) can misplace a boundary.
     *
     * @param location   a CSV file, a directory of {@code *.csv} files or a glob.
     * @param schema     the columns, or {@code null} to infer them from the first file.
     * @param options    the format and the bad-row policy.
     * @param splitBytes the target range size, positive.
     * @return the source.
     */
    public static CsvSource of(final Path location, final Schema schema, final CsvOptions options,
        final long splitBytes)
    {
        return new CsvSource(Objects.requireNonNull(location, "location"), schema, options, splitBytes);
    }

    private static List<Path> expand(final Path location)
    {
        if (Files.isDirectory(location))
        {
            try (Stream<Path> s = Files.list(location))
            {
                final var m = FileSystems.getDefault().getPathMatcher("glob:*.csv");
                return s.filter(p -> Files.isRegularFile(p) && m.matches(p.getFileName())).sorted().toList();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot list: " + e.getMessage(), location.toString(), e);
            }
        }
        return ArrowFileSource.expand(location);
    }

    private static InputStream openStream(final Path file)
    {
        try
        {
            return Files.newInputStream(file);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot open: " + e.getMessage(), file.toString(), e);
        }
    }

    private static Schema infer(final Path file, final CsvOptions options)
    {
        final CsvValues values = new CsvValues(options.nullString(), options.quote());
        final byte[] nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
        List<String> names = null;
        boolean[] notLong = new boolean[0];
        boolean[] notDouble = new boolean[0];
        boolean[] notDate = new boolean[0];
        boolean[] notBool = new boolean[0];
        boolean[] seen = new boolean[0];
        try (CsvTokenizer t = new CsvTokenizer(openStream(file), file.toString(), options.delimiter(),
            options.quote(), 64 * 1024))
        {
            int sampled = 0;
            while (sampled < options.inferenceRows())
            {
                final int status = t.next();
                if (status == CsvTokenizer.END)
                {
                    break;
                }
                if (status == CsvTokenizer.BAD)
                {
                    continue;
                }
                if (names == null)
                {
                    final int n = t.fields();
                    names = new ArrayList<>(n);
                    notLong = new boolean[n];
                    notDouble = new boolean[n];
                    notDate = new boolean[n];
                    notBool = new boolean[n];
                    seen = new boolean[n];
                    if (options.header())
                    {
                        for (int i = 0; i < n; i++)
                        {
                            names.add(text(t, i, options.quote()));
                        }
                        continue;
                    }
                    for (int i = 0; i < n; i++)
                    {
                        names.add("column" + i);
                    }
                }
                sampled++;
                final byte[] b = t.buffer();
                for (int i = 0; i < Math.min(t.fields(), names.size()); i++)
                {
                    final int s = t.start(i);
                    final int e = t.end(i);
                    if (t.flag(i) == CsvTokenizer.PLAIN && java.util.Arrays.equals(b, s, e, nullBytes, 0,
                        nullBytes.length))
                    {
                        continue;
                    }
                    seen[i] = true;
                    if (!notLong[i])
                    {
                        values.parseLong(b, s, e);
                        notLong[i] = !values.okay();
                    }
                    if (!notDouble[i])
                    {
                        values.parseDouble(b, s, e);
                        notDouble[i] = !values.okay();
                    }
                    if (!notDate[i])
                    {
                        values.parseDate(b, s, e);
                        notDate[i] = !values.okay();
                    }
                    if (!notBool[i])
                    {
                        notBool[i] = CsvValues.parseBool(b, s, e) < 0 || e - s == 1 && (b[s] == '0' || b[s] == '1');
                    }
                }
            }
        }
        if (names == null)
        {
            throw new MalformedInputException("cannot infer a schema from an empty CSV file", file.toString(), 1,
                null);
        }
        final List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++)
        {
            final ArrowType type;
            if (!seen[i])
            {
                type = ArrowType.Utf8.INSTANCE;
            }
            else if (!notLong[i])
            {
                type = new ArrowType.Int(64, true);
            }
            else if (!notDouble[i])
            {
                type = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            }
            else if (!notDate[i])
            {
                type = new ArrowType.Date(DateUnit.DAY);
            }
            else if (!notBool[i])
            {
                type = ArrowType.Bool.INSTANCE;
            }
            else
            {
                type = ArrowType.Utf8.INSTANCE;
            }
            fields.add(new Field(names.get(i), FieldType.nullable(type), null));
        }
        return new Schema(fields);
    }

    private static String text(final CsvTokenizer t, final int field, final char quote)
    {
        final String s = new String(t.buffer(), t.start(field), t.end(field) - t.start(field),
            StandardCharsets.UTF_8);
        return t.flag(field) == CsvTokenizer.ESCAPED ? s.replace("" + quote + quote, "" + quote) : s;
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
     * @return the files, in order.
     */
    public List<Path> files()
    {
        return files;
    }

    /**
     * @return the options.
     */
    public CsvOptions options()
    {
        return options;
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        final List<SourceSplit> splits = new ArrayList<>(files.size());
        final boolean divide = splitBytes != Long.MAX_VALUE && files.size() < parallelism;
        for (int i = 0; i < files.size(); i++)
        {
            final Path file = files.get(i);
            final long size = divide ? size(file) : -1;
            if (size >= 2 * splitBytes)
            {
                splits.addAll(ranges(i, file, size));
            }
            else
            {
                splits.add(new CsvSplit(file, i, 0, Long.MAX_VALUE, 1));
            }
        }
        return splits;
    }

    private static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot stat: " + e.getMessage(), file.toString(), e);
        }
    }

    /**
     * Scans the file once for record boundaries about every {@link #splitBytes} bytes.
     */
    private List<CsvSplit> ranges(final int index, final Path file, final long size)
    {
        final List<CsvSplit> out = new ArrayList<>();
        final byte quote = (byte) options.quote();
        final byte[] buf = new byte[CHUNK];
        long start = 0;
        long startLine = 1;
        long line = 1;
        long offset = 0;
        boolean quoted = false;
        try (InputStream in = openStream(file))
        {
            int n;
            while ((n = in.read(buf)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    final byte b = buf[i];
                    if (b == quote)
                    {
                        quoted = !quoted;
                    }
                    else if (b == '\n')
                    {
                        line++;
                        final long next = offset + i + 1;
                        if (!quoted && next - start >= splitBytes && size - next >= splitBytes / 2)
                        {
                            out.add(new CsvSplit(file, index, start, next, startLine));
                            start = next;
                            startLine = line;
                        }
                    }
                }
                offset += n;
            }
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot scan for split points: " + e.getMessage(), file.toString(), e);
        }
        out.add(new CsvSplit(file, index, start, Long.MAX_VALUE, startLine));
        return out;
    }

    @Override
    public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
    {
        if (!(split instanceof CsvSplit s) || s.index() < 0 || s.index() >= files.size() ||
            !files.get(s.index()).equals(s.file()))
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        final InputStream in = s.start() == 0 && s.end() == Long.MAX_VALUE ? openStream(s.file()) :
            range(s.file(), s.start(), s.end());
        return new Reader(new CsvTokenizer(in, s.file().toString(), options.delimiter(), options.quote(), CHUNK,
            s.firstLine()), allocator, s.start() == 0);
    }

    private static InputStream range(final Path file, final long start, final long end)
    {
        try
        {
            final java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(file);
            ch.position(start);
            final InputStream whole = java.nio.channels.Channels.newInputStream(ch);
            return end == Long.MAX_VALUE ? whole : new java.io.FilterInputStream(whole)
            {
                private long left = end - start;

                @Override
                public int read() throws IOException
                {
                    if (left <= 0)
                    {
                        return -1;
                    }
                    left--;
                    return super.read();
                }

                @Override
                public int read(final byte[] b, final int off, final int len) throws IOException
                {
                    if (left <= 0)
                    {
                        return -1;
                    }
                    final int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0)
                    {
                        left -= n;
                    }
                    return n;
                }
            };
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot open at byte " + start + ": " + e.getMessage(), file.toString(), e);
        }
    }

    /**
     * A CSV file, or the byte range {@code [start, end)} of one that begins at a record boundary on line
     * {@code firstLine}.
     *
     * @param file      the file.
     * @param index     its position in {@link #files()}.
     * @param start     first byte.
     * @param end       one past the last byte, or {@link Long#MAX_VALUE} for the end of the file.
     * @param firstLine the 1-based line number at {@code start}.
     */
    public record CsvSplit(Path file, int index, long start, long end, long firstLine) implements SourceSplit
    {
        @Override
        public String describe()
        {
            return file.getFileName() + (start == 0 && end == Long.MAX_VALUE ? "" :
                "[bytes " + start + ".." + (end == Long.MAX_VALUE ? "end" : end) + ")");
        }
    }

    @Override
    public String describe()
    {
        return "Csv[" + location + ", " + files.size() + " files, " +
            schema.getFields().stream().map(Field::getName).toList() + ", bad rows: " + options.policy() + "]";
    }

    private final class Reader implements SourceReader
    {
        private final CsvTokenizer tokenizer;
        private final BufferAllocator allocator;
        private final CsvValues values = new CsvValues(options.nullString(), options.quote());
        private final int[] kinds = CsvValues.kinds(schema);
        private final List<Field> fields = schema.getFields();
        private boolean headerSkipped;
        private boolean done;
        private MalformedInputException pending;

        Reader(final CsvTokenizer tokenizer, final BufferAllocator allocator, final boolean fileStart)
        {
            this.tokenizer = tokenizer;
            this.allocator = allocator;
            this.headerSkipped = !options.header() || !fileStart;
        }

        @Override
        public Batch poll()
        {
            if (pending != null)
            {
                final MalformedInputException e = pending;
                pending = null;
                done = true;
                throw e;
            }
            if (done)
            {
                return null;
            }
            final int batchRows = options.batchRows();
            final List<FieldVector> columns = new ArrayList<>(fields.size());
            try
            {
                for (final Field f : fields)
                {
                    final FieldVector v = f.createVector(allocator);
                    columns.add(v);
                    v.setInitialCapacity(batchRows);
                    v.allocateNew();
                }
                final int rows = fill(columns, batchRows);
                if (rows == 0)
                {
                    columns.forEach(FieldVector::close);
                    if (pending != null)
                    {
                        return poll();
                    }
                    done = true;
                    return null;
                }
                for (final FieldVector v : columns)
                {
                    v.setValueCount(rows);
                }
                return Batch.of(columns);
            }
            catch (final RuntimeException e)
            {
                columns.forEach(FieldVector::close);
                done = true;
                throw e;
            }
        }

        /**
         * Parses records into row slots until the batch is full, the input ends or (FAIL) a bad row is found.
         */
        private int fill(final List<FieldVector> columns, final int batchRows)
        {
            final int width = kinds.length;
            int row = 0;
            while (row < batchRows)
            {
                final int status = tokenizer.next();
                if (status == CsvTokenizer.END)
                {
                    done = true;
                    break;
                }
                if (!headerSkipped)
                {
                    headerSkipped = true;
                    if (status == CsvTokenizer.RECORD)
                    {
                        continue;
                    }
                }
                String reason = null;
                String column = null;
                if (status == CsvTokenizer.BAD)
                {
                    reason = tokenizer.error();
                }
                else if (tokenizer.fields() != width)
                {
                    reason = "expected " + width + " fields, found " + tokenizer.fields();
                }
                else
                {
                    final byte[] b = tokenizer.buffer();
                    for (int c = 0; c < width; c++)
                    {
                        reason = values.write(kinds[c], columns.get(c), row, b, tokenizer.start(c),
                            tokenizer.end(c), tokenizer.flag(c));
                        if (reason != null)
                        {
                            column = fields.get(c).getName();
                            reason = reason + ": '" + new String(b, tokenizer.start(c),
                                Math.min(64, tokenizer.end(c) - tokenizer.start(c)), StandardCharsets.UTF_8) + "'";
                            break;
                        }
                    }
                }
                if (reason == null)
                {
                    row++;
                    continue;
                }
                if (options.policy() == CsvOptions.BadRowPolicy.FAIL)
                {
                    pending = new MalformedInputException(reason + (column == null ? "" : " in column '" + column +
                        "'"), tokenizer.name(), tokenizer.recordLine(), column);
                    break;
                }
                final BadRecord bad = new BadRecord(tokenizer.name(), tokenizer.recordLine(), tokenizer.raw(),
                    reason, column);
                synchronized (deadLetterLock)
                {
                    options.deadLetter().accept(bad);
                }
                // The row slot is reused: the next good row overwrites whatever the bad one wrote.
            }
            return row;
        }

        @Override
        public boolean finished()
        {
            return done && pending == null;
        }

        @Override
        public void close()
        {
            done = true;
            pending = null;
            tokenizer.close();
        }
    }
}
