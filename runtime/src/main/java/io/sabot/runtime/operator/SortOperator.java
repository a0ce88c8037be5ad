package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.select.Take;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortKey;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;

/**
 * {@code ORDER BY keys}: buffers every input batch and, at end of input, emits all rows stably sorted by
 * {@link SortKey}s (ascending/descending, nulls first/last; ordering as {@link SortIndices} documents, e.g. NaN next to
 * the nulls) in batches of at most {@code batchSize} rows. The sort is per instance: a global order over parallel
 * input needs parallelism 1 or a merge downstream.
 *
 * <p><b>Bounded input only</b>: a full sort of an unbounded stream never ends, so {@link #open} raises
 * {@link SchemaException} when {@link OperatorContext#bounded()} is false (use {@link TopNOperator}, which emits
 * updates). Empty input emits nothing.
 *
 * <p><b>Memory and ownership</b>: input batches are kept (owned) until end of input, then concatenated and freed;
 * {@link #close()} frees everything, also without end of input. Emitted batches belong to the output. Every batch
 * must have the same column names and types ({@link SchemaException} otherwise).
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class SortOperator implements Operator
{
    /** The default rows per emitted batch. */
    public static final int DEFAULT_BATCH_SIZE = 16_384;

    private final List<SortKey> keys;
    private final int batchSize;
    private final List<Batch> buffered = new ArrayList<>();
    private OperatorContext context;

    /**
     * @param keys the sort keys, most significant first; each names a column.
     */
    public SortOperator(final List<SortKey> keys)
    {
        this(keys, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param keys      the sort keys, most significant first; each names a column.
     * @param batchSize the most rows per emitted batch, at least 1.
     */
    public SortOperator(final List<SortKey> keys, final int batchSize)
    {
        if (keys.isEmpty())
        {
            throw new SchemaException("a sort needs at least one key");
        }
        for (final SortKey key : keys)
        {
            if (key.column() == null)
            {
                throw new SchemaException("sort keys must name columns, '" + key.name() + "' is bound to a vector");
            }
        }
        if (batchSize < 1)
        {
            throw new SchemaException("sort batch size must be >= 1, was " + batchSize);
        }
        this.keys = List.copyOf(keys);
        this.batchSize = batchSize;
    }

    @Override
    public void open(final OperatorContext context)
    {
        if (!context.bounded())
        {
            throw new SchemaException("sort '" + context.name() + "' needs bounded input: a full sort of an " +
                "unbounded stream never finishes; use top-N, which emits updates");
        }
        this.context = context;
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        if (Batches.liveRows(batch) == 0)
        {
            batch.close();
            return;
        }
        buffered.add(batch);
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (buffered.isEmpty())
        {
            return;
        }
        final BufferAllocator allocator = context.allocator();
        final List<Batch> inputs = new ArrayList<>(buffered);
        buffered.clear();
        try (Batch all = Batches.concat(inputs, allocator);
             IntVector order = SortIndices.sortIndices(allocator, all.columns(), Rows.range(0, all.rowCount()), keys))
        {
            final int total = order.getValueCount();
            for (int start = 0; start < total; start += batchSize)
            {
                final int n = Math.min(batchSize, total - start);
                final Batch sorted;
                try (IntVector chunk = new IntVector("order", allocator))
                {
                    chunk.allocateNew(n);
                    for (int i = 0; i < n; i++)
                    {
                        chunk.set(i, order.get(start + i));
                    }
                    chunk.setValueCount(n);
                    sorted = Take.take(all, chunk, allocator);
                }
                out.emit(sorted);
            }
        }
    }

    @Override
    public void close()
    {
        final List<Batch> owned = new ArrayList<>(buffered);
        buffered.clear();
        Batches.closeAll(owned);
    }

    @Override
    public String toString()
    {
        return "Sort" + keys;
    }
}
