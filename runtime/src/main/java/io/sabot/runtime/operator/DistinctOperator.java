package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.sabot.common.SchemaException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hashagg.HashAggregator;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code DISTINCT} over all columns, or over some columns ({@code DISTINCT ON}): emits each row whose distinct
 * columns were not seen before, the first time they are seen, and drops later duplicates. Rows are emitted whole (all
 * columns); with distinct columns given, the first row of each distinct value is the one kept.
 *
 * <p>Because a row is emitted as soon as its value first appears, the output is the same for bounded and unbounded
 * input and end of input emits nothing: on unbounded input this is an insert-only stream. Output order is arrival
 * order. Each emitted batch reuses the input's buffers with a narrowed selection (zero-copy).
 *
 * <p><b>Equality</b>: as SQL {@code DISTINCT}, nulls equal nulls; all NaNs are one value and {@code -0.0} equals
 * {@code 0.0}. Column types are those {@link HashAggregator} groups by (integers, floats, dates, times, timestamps,
 * booleans, utf8); others raise {@code SchemaException}.
 *
 * <p><b>Memory and ownership</b>: the distinct values seen so far live in a hash table in the context's allocator
 * (it grows with the number of distinct values, also on unbounded input) and are freed by {@link #close()}, also
 * without end of input. Input batches are consumed.
 *
 * <p><b>Checkpoints</b>: the snapshot is the distinct values seen (a copy, see {@link SnapshotFiles}); restored, the
 * operator drops exactly the rows the uninterrupted one would. With another parallelism each instance keeps the
 * values the hash exchange on the distinct columns now routes to it, which are exactly the values its future
 * duplicates arrive with.
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class DistinctOperator implements CheckpointedOperator
{
    private static final String KIND = "Distinct";
    private static final String ROW = "$row";

    private final List<String> columns;
    private OperatorContext context;
    private HashAggregator seen;
    private LongScratch rowNumbers;
    private long nextRow;
    private Schema boundSchema;
    private int[] keyIndices;

    /**
     * Distinct over every column of the input.
     */
    public DistinctOperator()
    {
        this(List.of());
    }

    /**
     * @param columns the columns that decide distinctness; empty means all columns.
     */
    public DistinctOperator(final List<String> columns)
    {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        this.rowNumbers = new LongScratch(context.allocator(), ROW);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final SelectionVector firsts;
        try
        {
            firsts = firstRows(batch);
        }
        catch (final RuntimeException | Error e)
        {
            batch.close();
            throw e;
        }
        if (firsts == null)
        {
            batch.close();
            return;
        }
        final List<FieldVector> moved = new ArrayList<>(batch.columnCount());
        final Batch result;
        try (batch)
        {
            for (final FieldVector column : batch.columns())
            {
                moved.add(Batches.transferred(column));
            }
            result = Batch.of(moved, firsts);
        }
        catch (final RuntimeException | Error e)
        {
            firsts.close();
            Batches.closeAll(moved);
            throw e;
        }
        out.emit(result);
    }

    /** @return the physical rows of the batch that are first occurrences, or null when there are none. */
    private SelectionVector firstRows(final Batch batch)
    {
        bind(batch.schema());
        final int physical = batch.rowCount();
        final BufferAllocator allocator = context.allocator();
        final List<FieldVector> keys = new ArrayList<>(keyIndices.length);
        for (final int index : keyIndices)
        {
            keys.add(batch.column(index));
        }
        final long base = nextRow;
        nextRow += physical;
        final int before = seen.groupCount();
        // Each group remembers the smallest running row number that fell into it: for a group created by this batch
        // that is its first row here.
        seen.add(batch.rows(), keys, List.of(rowNumbers.fill(physical, base, 1)));
        final int after = seen.groupCount();
        if (after == before)
        {
            return null;
        }
        try (Batch groups = seen.result(allocator))
        {
            final BigIntVector first = (BigIntVector)groups.column(groups.columnCount() - 1);
            final SelectionVector selection = new SelectionVector(allocator, after - before);
            for (int g = before; g < after; g++)
            {
                selection.set(g - before, (int)(first.get(g) - base));
            }
            selection.count(after - before);
            return selection;
        }
    }

    private void bind(final Schema schema)
    {
        if (schema.equals(boundSchema))
        {
            return;
        }
        final List<String> names = columns.isEmpty() ? Batches.names(schema) : columns;
        final int[] indices = new int[names.size()];
        for (int i = 0; i < indices.length; i++)
        {
            indices[i] = Batches.indexOf(schema, names.get(i), "distinct");
        }
        if (seen == null)
        {
            seen = seenValues(names);
        }
        keyIndices = indices;
        boundSchema = schema;
    }

    private HashAggregator seenValues(final List<String> names)
    {
        return HashAggregator.builder(context.allocator()).groupBy(names.toArray(new String[0])).min(ROW).build();
    }

    @Override
    public OperatorSnapshot snapshotState(final long checkpointId)
    {
        final Properties properties = SnapshotFiles.header(KIND, toString());
        properties.setProperty("nextRow", Long.toString(nextRow));
        try (SnapshotFiles.Capture capture = new SnapshotFiles.Capture(context.allocator()))
        {
            if (seen != null)
            {
                final Batch values = seen.partialResult(context.allocator());
                if (values.columnCount() == 0)
                {
                    values.close();
                }
                else
                {
                    properties.setProperty("inputTypes", SnapshotFiles.encodeTypes(seen.inputTypes()));
                    capture.add(values);
                }
            }
            return capture.finish(properties);
        }
    }

    @Override
    public void restoreState(final RestoreContext restore)
    {
        for (final Path directory : SnapshotFiles.sources(restore))
        {
            final Properties properties = SnapshotFiles.read(directory, KIND, toString());
            nextRow = Math.max(nextRow, SnapshotFiles.longValue(properties, "nextRow", directory));
            final String types = properties.getProperty("inputTypes");
            if (types == null)
            {
                continue;
            }
            final List<ArrowType> inputTypes = SnapshotFiles.decodeTypes(types, directory);
            SnapshotFiles.readGroups(directory, context.allocator(), (index, values) ->
            {
                // the distinct columns, then the first row number of each value
                final int keyCount = values.columnCount() - 1;
                if (seen == null)
                {
                    seen = seenValues(Batches.names(values.schema()).subList(0, keyCount));
                }
                SnapshotFiles.restoreGroups(values, keyCount, restore, context.allocator(), owned ->
                {
                    try
                    {
                        seen.restore(owned, inputTypes);
                    }
                    catch (final SchemaException e)
                    {
                        throw new StateException("snapshot " + directory + " does not fit " + this + ": " +
                            e.getMessage(), e);
                    }
                });
            });
        }
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        // Rows were emitted when first seen.
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> owned = new ArrayList<>(2);
        owned.add(seen);
        owned.add(rowNumbers);
        seen = null;
        rowNumbers = null;
        Batches.closeAll(owned);
    }

    @Override
    public String toString()
    {
        return "Distinct" + (columns.isEmpty() ? "(*)" : columns.toString());
    }
}
