package io.sabot.runtime.operator;

import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.sort.SortKey;
import io.sabot.kernels.sort.TopN;

/**
 * {@code ORDER BY keys LIMIT n}: keeps the first {@code n} rows under the {@link SortKey}s (stable: ties keep arrival
 * order) with the incremental {@link TopN} kernel, O(rows log n), holding at most {@code n} rows.
 *
 * <p><b>Bounded input</b>: the top {@code n} rows, sorted, are emitted once at end of input (one batch; nothing
 * when no batch arrived). <b>Unbounded input</b>: after every batch with live rows, the complete current top
 * {@code n} is emitted as one sorted batch; each such batch <em>replaces</em> the previous one (a snapshot update
 * stream). End of input then emits nothing more.
 *
 * <p>Per instance: a global top-N over parallel input runs a per-instance top-N followed by one of parallelism 1.
 * Nulls and NaNs are ordered as {@code SortIndices} documents.
 *
 * <p><b>Memory and ownership</b>: input batches are read and closed; the kept rows live in the context's allocator and
 * are freed by {@link #close()}, also without end of input. Emitted batches belong to the output.
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class TopNOperator implements Operator
{
    private final List<SortKey> keys;
    private final int n;
    private OperatorContext context;
    private TopN topN;
    private boolean seen;

    /**
     * @param keys the sort keys, most significant first; each names a column.
     * @param n    how many rows to keep, {@code >= 0}.
     */
    public TopNOperator(final List<SortKey> keys, final int n)
    {
        if (keys.isEmpty())
        {
            throw new SchemaException("top-N needs at least one key");
        }
        if (n < 0)
        {
            throw new SchemaException("top-N needs n >= 0, was " + n);
        }
        this.keys = List.copyOf(keys);
        this.n = n;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        this.topN = new TopN(context.allocator(), keys, n);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final int live;
        try (batch)
        {
            live = Batches.liveRows(batch);
            topN.add(batch);
            seen = true;
        }
        if (!context.bounded() && live > 0)
        {
            out.emit(topN.result());
        }
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (context.bounded() && seen)
        {
            out.emit(topN.result());
        }
    }

    @Override
    public void close()
    {
        if (topN != null)
        {
            topN.close();
            topN = null;
        }
    }

    @Override
    public String toString()
    {
        return "TopN(" + n + ", " + keys + ")";
    }
}
