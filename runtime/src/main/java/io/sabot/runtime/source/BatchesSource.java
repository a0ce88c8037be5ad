package io.sabot.runtime.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A bounded source over Arrow batches held in memory.
 *
 * <p>Ownership: the source takes ownership of the batches it is given (a batch with a selection is compacted into a
 * dense copy and the original closed) and keeps them until {@link #close()}. Readers hand out zero-copy slices
 * ({@link org.apache.arrow.vector.util.TransferPair#splitAndTransfer}: reference-counted views of the same buffers,
 * accounted to the reader's allocator), so the caller owns every batch it polls, and the source's data stays readable
 * for any number of runs. Closing the source while readers' batches are alive is safe: those batches keep the memory.
 *
 * <p>Splits: the rows are cut into morsels of at most {@link #morselRows()} rows (never spanning two input batches),
 * and the morsels divided into at most {@code parallelism} contiguous runs, in input order.
 *
 * <p>Thread-safety: immutable after construction and thread-safe, except that {@link #close()} must not race with
 * {@link #open}.
 */
public final class BatchesSource implements Source, AutoCloseable
{
    private final Schema schema;
    private final List<Batch> batches;
    private final int morselRows;
    private final List<Morsel> morsels;
    /** The columns read, as indexes into the batches; {@code null} for all. */
    private final int[] projection;
    /** Whether {@link #close()} releases the batches ({@code false} for a pruned view of another source). */
    private final boolean owner;

    BatchesSource(final Schema schema, final List<Batch> batches, final int morselRows)
    {
        this.schema = Objects.requireNonNull(schema, "schema");
        if (morselRows <= 0)
        {
            throw new IllegalArgumentException("morselRows must be positive, got " + morselRows);
        }
        this.morselRows = morselRows;
        final List<Batch> owned = new ArrayList<>(batches.size());
        for (int i = 0; i < batches.size(); i++)
        {
            checkSchema(schema, batches.get(i).schema(), i);
        }
        for (final Batch batch : batches)
        {
            owned.add(batch.selection() == null ? batch : compact(batch));
        }
        this.batches = Collections.unmodifiableList(owned);
        final List<Morsel> cut = new ArrayList<>();
        for (int b = 0; b < owned.size(); b++)
        {
            final int rows = owned.get(b).rowCount();
            for (long start = 0; start < rows; start += morselRows)
            {
                cut.add(new Morsel(b, (int) start, (int) Math.min(morselRows, rows - start)));
            }
        }
        this.morsels = List.copyOf(cut);
        this.projection = null;
        this.owner = true;
    }

    private BatchesSource(final BatchesSource full, final int[] projection, final Schema schema)
    {
        this.schema = schema;
        this.batches = full.batches;
        this.morselRows = full.morselRows;
        this.morsels = full.morsels;
        this.projection = projection;
        this.owner = false;
    }

    /**
     * A view that hands out slices of the named columns only (projection pushdown); it shares the batches and does
     * not release them (the original source still owns them).
     */
    @Override
    public Optional<Source> withColumns(final List<String> columns)
    {
        final int[] indexes = new int[columns.size()];
        final List<Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++)
        {
            int found = -1;
            for (int f = 0; f < schema.getFields().size(); f++)
            {
                if (schema.getFields().get(f).getName().equals(columns.get(i)))
                {
                    found = f;
                    break;
                }
            }
            if (found < 0)
            {
                throw new SchemaException("unknown column '" + columns.get(i) + "'; the source has " + schema);
            }
            indexes[i] = projection == null ? found : projection[found];
            fields.add(schema.getFields().get(found));
        }
        return Optional.of(new BatchesSource(this, indexes, new Schema(fields)));
    }

    private static Batch compact(final Batch batch)
    {
        // The dense copy lives where the batch lived (a batch without columns needs no memory).
        try (batch)
        {
            return Dense.copy(batch, batch.columnCount() == 0 ? null : batch.column(0).getAllocator());
        }
    }

    static void checkSchema(final Schema expected, final Schema actual, final int index)
    {
        final List<Field> e = expected.getFields();
        final List<Field> a = actual.getFields();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++)
        {
            if (i >= a.size())
            {
                throw new SchemaException("batch " + index + " lacks column '" + e.get(i).getName() + "'");
            }
            if (i >= e.size())
            {
                throw new SchemaException("batch " + index + " has extra column '" + a.get(i).getName() + "'");
            }
            if (!e.get(i).getName().equals(a.get(i).getName()) || !e.get(i).getType().equals(a.get(i).getType()))
            {
                throw new SchemaException("batch " + index + " column " + i + " is '" + a.get(i).getName() + "' " +
                    a.get(i).getType() + " but the schema says '" + e.get(i).getName() + "' " + e.get(i).getType());
            }
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
     * @return the largest number of rows in one polled batch.
     */
    public int morselRows()
    {
        return morselRows;
    }

    /**
     * @return the total number of rows.
     */
    public long rowCount()
    {
        long n = 0;
        for (final Batch b : batches)
        {
            n += b.rowCount();
        }
        return n;
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        final int n = Math.max(1, Math.min(parallelism, morsels.size()));
        final List<SourceSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            final int from = (int) ((long) morsels.size() * i / n);
            final int to = (int) ((long) morsels.size() * (i + 1) / n);
            splits.add(new RangeSplit("batches", from, to));
        }
        return splits;
    }

    @Override
    public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
    {
        if (!(split instanceof RangeSplit range) || range.to() > morsels.size())
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        return new Reader((int) range.from(), (int) range.to(), allocator);
    }

    @Override
    public String describe()
    {
        return "Batches[" + batches.size() + " batches, " + rowCount() + " rows, morsels of " + morselRows + "]";
    }

    /**
     * Releases the batches the source holds (a pruned view from {@link #withColumns} releases nothing). Idempotent.
     */
    @Override
    public void close()
    {
        if (owner)
        {
            batches.forEach(Batch::close);
        }
    }

    private record Morsel(int batch, int start, int rows)
    {
    }

    private final class Reader implements SourceReader
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
            final Morsel m = morsels.get(next++);
            final Batch in = batches.get(m.batch());
            final int width = projection == null ? in.columnCount() : projection.length;
            final List<FieldVector> out = new ArrayList<>(width);
            try
            {
                for (int c = 0; c < width; c++)
                {
                    final FieldVector v = in.column(projection == null ? c : projection[c]);
                    final var pair = v.getTransferPair(allocator);
                    pair.splitAndTransfer(m.start(), m.rows());
                    out.add((FieldVector) pair.getTo());
                }
                return Batch.of(out);
            }
            catch (final RuntimeException e)
            {
                out.forEach(FieldVector::close);
                throw e;
            }
        }

        @Override
        public boolean finished()
        {
            return next >= end;
        }

        @Override
        public void close()
        {
            next = end;
        }
    }
}
