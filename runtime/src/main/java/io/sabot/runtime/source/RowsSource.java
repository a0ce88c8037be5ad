package io.sabot.runtime.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A bounded source over Java rows ({@code Object[]} per row, one value per field; see {@link Sources#rows} for the
 * accepted value types). Readers convert rows into Arrow batches of at most {@link #batchRows()} rows.
 *
 * <p>Ownership: the source copies the row list and each row array at construction; the values themselves (Strings,
 * BigDecimals, ...) are immutable. Batches polled are new and owned by the caller.
 *
 * <p>Splits: contiguous row ranges, at most {@code parallelism}, aligned to {@link #batchRows()}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RowsSource implements CheckpointedSource
{
    private final Schema schema;
    private final List<Object[]> rows;
    private final int batchRows;

    RowsSource(final Schema schema, final List<Object[]> rows, final int batchRows)
    {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (batchRows <= 0)
        {
            throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
        }
        this.batchRows = batchRows;
        final int width = schema.getFields().size();
        final List<Object[]> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++)
        {
            final Object[] row = rows.get(i);
            if (row == null || row.length != width)
            {
                throw new SchemaException("row " + i + " has " + (row == null ? "no" : row.length) +
                    " values but the schema has " + width + " columns " + names(schema));
            }
            copy.add(row.clone());
        }
        this.rows = copy;
    }

    private static List<String> names(final Schema schema)
    {
        return schema.getFields().stream().map(Field::getName).toList();
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
     * @return the largest number of rows in one polled batch.
     */
    public int batchRows()
    {
        return batchRows;
    }

    /**
     * @return the number of rows.
     */
    public int rowCount()
    {
        return rows.size();
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        final int chunks = (rows.size() + batchRows - 1) / batchRows;
        final int n = Math.max(1, Math.min(parallelism, chunks));
        final List<SourceSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            final long from = Math.min(rows.size(), (long) chunks * i / n * batchRows);
            final long to = Math.min(rows.size(), (long) chunks * (i + 1) / n * batchRows);
            splits.add(new RangeSplit("rows", from, to));
        }
        return splits;
    }

    @Override
    public PositionedReader open(final SourceSplit split, final BufferAllocator allocator, final byte[] position)
    {
        if (!(split instanceof RangeSplit range) || range.to() > rows.size())
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        final Reader reader = new Reader((int) range.from(), (int) range.to(), allocator);
        if (position != null)
        {
            final long next = position.length == Long.BYTES ? java.nio.ByteBuffer.wrap(position).getLong() : -1;
            if (next < range.from() || next > range.to())
            {
                throw new io.sabot.common.StateException("position " + next + " is not in " + split.describe());
            }
            reader.next = (int)next;
        }
        return reader;
    }

    /** A range encodes as its two bounds (two longs). */
    @Override
    public byte[] encodeSplit(final SourceSplit split)
    {
        final RangeSplit range = (RangeSplit)split;
        return java.nio.ByteBuffer.allocate(16).putLong(range.from()).putLong(range.to()).array();
    }

    @Override
    public SourceSplit decodeSplit(final byte[] bytes)
    {
        if (bytes.length != 16)
        {
            throw new io.sabot.common.StateException("not a row range: " + bytes.length + " bytes");
        }
        final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        final long from = b.getLong();
        final long to = b.getLong();
        if (from < 0 || to < from || to > rows.size())
        {
            throw new io.sabot.common.StateException("row range [" + from + ", " + to + ") is not in " + describe());
        }
        return new RangeSplit("rows", from, to);
    }

    @Override
    public String describe()
    {
        return "Rows[" + rows.size() + " rows, " + names(schema) + "]";
    }

    private final class Reader implements PositionedReader
    {
        private final BufferAllocator allocator;
        private final int end;
        private int next;

        Reader(final int from, final int to, final BufferAllocator allocator)
        {
            this.allocator = allocator;
            this.next = from;
            this.end = to;
        }

        @Override
        public Batch poll()
        {
            if (next >= end)
            {
                return null;
            }
            final int count = Math.min(batchRows, end - next);
            try
            {
                final Batch batch = ValueWriter.batch(schema, rows, next, count, next, allocator);
                next += count;
                return batch;
            }
            catch (final RuntimeException e)
            {
                next = end;
                throw e;
            }
        }

        @Override
        public boolean finished()
        {
            return next >= end;
        }

        /** The next row (8 bytes). */
        @Override
        public byte[] position()
        {
            return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(next).array();
        }

        @Override
        public void close()
        {
            next = end;
        }
    }
}
