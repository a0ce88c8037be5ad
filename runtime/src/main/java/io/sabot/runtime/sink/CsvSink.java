package io.sabot.runtime.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SabotIoException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes CSV text: one file, or one {@code part-NNNNN.csv} per instance in a directory, each with a header line (when
 * the schema is known). Files appear under their final names only on {@link #commit()}; {@link #abort()} deletes them.
 *
 * <p>Values follow DuckDB's CSV writer: integers and booleans ({@code true}/{@code false}) as text, decimals with
 * exactly their scale ({@code 12.50}), dates ISO ({@code 2024-02-29}), floating point as DuckDB casts it to text
 * (shortest round-trip digits: {@code 0.1}, {@code 100.0}, {@code 1e+20}, {@code 1e-06}, {@code nan}, {@code inf}),
 * nulls as empty
 * fields, strings quoted with {@code "} (doubled inside) when they contain the delimiter, a quote, a line break, or
 * are empty (so an empty string and a null stay distinct). Lines end with {@code \n}. Other types are written through
 * {@link ArrowValues} and {@code toString()}.
 *
 * <p>Thread-safety: thread-safe; each writer is used by one thread. Ownership: batches written are closed by the
 * writer.
 */
public final class CsvSink implements Sink
{
    private final FileTargets targets;
    private final boolean parallel;
    private final Schema schema;
    private final byte delimiter;
    private final boolean header;
    private volatile List<Path> committed = List.of();

    CsvSink(final Path location, final boolean parallel, final Schema schema, final char delimiter,
        final boolean header)
    {
        if (delimiter > 127 || delimiter == '"' || delimiter == '\n' || delimiter == '\r')
        {
            throw new IllegalArgumentException("delimiter must be ASCII and not a quote or line end");
        }
        this.targets = new FileTargets(Objects.requireNonNull(location, "location"), !parallel, "csv");
        this.parallel = parallel;
        this.schema = schema;
        this.delimiter = (byte) delimiter;
        this.header = header;
    }

    static boolean sameColumns(final Schema a, final Schema b)
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

    @Override
    public boolean parallel()
    {
        return parallel;
    }

    @Override
    public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        return new Writer(targets.open(instance));
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
        return "Csv[" + targets.location() + (parallel ? "/part-*.csv" : "") + "]";
    }

    /**
     * @param file a file to create.
     * @return a writer in this sink's format writing {@code file} (for {@link TransactionalCsvSink}).
     */
    Writer writerTo(final Path file)
    {
        return new Writer(file);
    }

    final class Writer implements SinkWriter
    {
        private Path file;
        private OutputStream out;
        private boolean dirty;
        private final byte[] buf = new byte[1 << 16];
        private int len;
        private Schema written;

        Writer(final Path file)
        {
            this.file = file;
            try
            {
                this.out = new java.io.FileOutputStream(file.toFile());
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot open: " + e.getMessage(), file.toString(), e);
            }
            if (schema != null)
            {
                begin(schema);
            }
        }

        /** Ends the current file (flushed, synced, closed) and continues in {@code next}, with its own header. */
        void rotate(final Path next)
        {
            finish();
            try
            {
                if (out instanceof java.io.FileOutputStream f)
                {
                    f.getFD().sync();
                }
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot sync: " + e.getMessage(), file.toString(), e);
            }
            close();
            file = next;
            dirty = false;
            try
            {
                out = new java.io.FileOutputStream(next.toFile());
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot open: " + e.getMessage(), next.toString(), e);
            }
            if (written != null)
            {
                begin(written);
            }
        }

        /** @return whether a row was written since the file began. */
        boolean hasRows()
        {
            return dirty;
        }

        Path file()
        {
            return file;
        }

        private void begin(final Schema s)
        {
            written = s;
            if (!header)
            {
                return;
            }
            final List<Field> fields = s.getFields();
            for (int c = 0; c < fields.size(); c++)
            {
                if (c > 0)
                {
                    put(delimiter);
                }
                text(fields.get(c).getName().getBytes(StandardCharsets.UTF_8));
            }
            put((byte) '\n');
        }

        @Override
        public void write(final Batch batch)
        {
            try (batch)
            {
                if (written == null)
                {
                    begin(batch.schema());
                }
                else if (!sameColumns(written, batch.schema()))
                {
                    throw new SchemaException("batch schema " + batch.schema() + " differs from the file's " +
                        written + " (" + file + ")");
                }
                final Rows rows = batch.rows();
                final int width = batch.columnCount();
                dirty |= rows.count() > 0;
                for (int i = 0; i < rows.count(); i++)
                {
                    final int r = rows.rowAt(i);
                    for (int c = 0; c < width; c++)
                    {
                        if (c > 0)
                        {
                            put(delimiter);
                        }
                        value(batch.column(c), r);
                    }
                    put((byte) '\n');
                }
            }
        }

        private void value(final FieldVector v, final int r)
        {
            if (v.isNull(r))
            {
                return;
            }
            switch (v)
            {
                case IntVector x -> number(x.get(r));
                case BigIntVector x -> number(x.get(r));
                case SmallIntVector x -> number(x.get(r));
                case TinyIntVector x -> number(x.get(r));
                case BitVector x -> ascii(x.get(r) != 0 ? "true" : "false");
                case DateDayVector x -> ascii(LocalDate.ofEpochDay(x.get(r)).toString());
                case Float8Vector x -> ascii(DoubleText.format(x.get(r)));
                case Float4Vector x -> ascii(DoubleText.format(x.get(r)));
                case DecimalVector x -> decimal(x, r);
                case VarCharVector x -> text(x.get(r));
                default ->
                {
                    final Object o = ArrowValues.get(v, r);
                    text((o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o.toString())
                        .getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        private void decimal(final DecimalVector v, final int r)
        {
            final long low = v.getDataBuffer().getLong((long) r * 16);
            final long high = v.getDataBuffer().getLong((long) r * 16 + 8);
            final int scale = v.getScale();
            if (high != (low >> 63) || low == Long.MIN_VALUE)
            {
                ascii(v.getObject(r).toPlainString());
                return;
            }
            if (scale == 0)
            {
                number(low);
                return;
            }
            // Unscaled long: integer part, '.', exactly `scale` fraction digits.
            final long abs = Math.abs(low);
            if (low < 0)
            {
                put((byte) '-');
            }
            final String digits = Long.toString(abs);
            if (digits.length() <= scale)
            {
                put((byte) '0');
                put((byte) '.');
                for (int i = digits.length(); i < scale; i++)
                {
                    put((byte) '0');
                }
                ascii(digits);
            }
            else
            {
                ascii(digits.substring(0, digits.length() - scale));
                put((byte) '.');
                ascii(digits.substring(digits.length() - scale));
            }
        }

        private void number(final long n)
        {
            ascii(Long.toString(n));
        }

        private void ascii(final String s)
        {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++)
            {
                buf[len++] = (byte) s.charAt(i);
            }
        }

        private void text(final byte[] b)
        {
            boolean quote = b.length == 0;
            for (final byte x : b)
            {
                if (x == delimiter || x == '"' || x == '\n' || x == '\r')
                {
                    quote = true;
                    break;
                }
            }
            if (!quote)
            {
                if (b.length > buf.length)
                {
                    flush();
                    try
                    {
                        out.write(b);
                    }
                    catch (final IOException e)
                    {
                        throw new SabotIoException("cannot write: " + e.getMessage(), file.toString(), e);
                    }
                    return;
                }
                ensure(b.length);
                System.arraycopy(b, 0, buf, len, b.length);
                len += b.length;
                return;
            }
            put((byte) '"');
            for (final byte x : b)
            {
                if (x == '"')
                {
                    put((byte) '"');
                }
                put(x);
            }
            put((byte) '"');
        }

        private void put(final byte b)
        {
            if (len == buf.length)
            {
                flush();
            }
            buf[len++] = b;
        }

        private void ensure(final int n)
        {
            if (len + n > buf.length)
            {
                flush();
            }
        }

        private void flush()
        {
            try
            {
                out.write(buf, 0, len);
                len = 0;
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot write: " + e.getMessage(), file.toString(), e);
            }
        }

        @Override
        public void finish()
        {
            flush();
            try
            {
                out.flush();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot flush: " + e.getMessage(), file.toString(), e);
            }
        }

        @Override
        public void close()
        {
            try
            {
                out.close();
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot close: " + e.getMessage(), file.toString(), e);
            }
        }
    }
}
