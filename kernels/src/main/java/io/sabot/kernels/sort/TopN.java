package io.sabot.kernels.sort;

import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Incremental top-N across batches: the first N rows, under a list of named {@link SortKey}s, of every row added so
 * far, as if all the rows had been concatenated in arrival order and stably sorted.
 *
 * <p>Each {@link #add} selects the batch's own top N with a bounded heap (O(rows log N)), appends those rows to the
 * N rows kept so far, and keeps the top N of that at most 2N-row union, copying their values into vectors owned by
 * this object (allocated from the allocator given at construction). Rows kept earlier come first in the union, so
 * ties keep arrival order.
 *
 * <p>Ownership: {@link #add} only reads the batch; the caller still owns and closes it. {@link #result()} returns a
 * new batch the caller owns. {@link #close()} frees the rows kept. Nulls and NaNs are ordered as in
 * {@link SortIndices}. Not thread-safe.
 */
public final class TopN implements AutoCloseable
{
    private final BufferAllocator allocator;
    private final List<SortKey> keys;
    private final int limit;
    private Schema schema;
    private List<FieldVector> kept = List.of();
    private int keptRows;

    /**
     * @param allocator where the kept rows and the results live.
     * @param keys      at least one key, each naming a column (keys bound to a vector are refused).
     * @param limit     N, {@code >= 0}.
     */
    public TopN(final BufferAllocator allocator, final List<SortKey> keys, final int limit)
    {
        if (limit < 0)
        {
            throw new SchemaException("top-N needs n >= 0, was " + limit);
        }
        if (keys.isEmpty())
        {
            throw new SchemaException("top-N needs at least one key");
        }
        for (final SortKey key : keys)
        {
            if (key.column() == null)
            {
                throw new SchemaException("top-N keys must name columns, '" + key.name() + "' is bound to a vector");
            }
        }
        this.allocator = allocator;
        this.keys = List.copyOf(keys);
        this.limit = limit;
    }

    /**
     * Offers every row of {@code batch} (its selection honoured).
     *
     * @param batch rows with the same schema as every earlier batch; not closed.
     * @throws SchemaException for a schema change, an unknown key column or an unsupported key type.
     */
    public void add(final Batch batch)
    {
        if (schema == null)
        {
            schema = batch.schema();
        }
        else if (!schema.equals(batch.schema()))
        {
            throw new SchemaException("top-N input schema changed from " + schema + " to " + batch.schema());
        }
        final int[] best = SortIndices.sortedPositions(batch.columns(), batch.rows(), keys, limit);
        if (best.length == 0)
        {
            return;
        }
        if (keptRows == 0)
        {
            replaceKept(copyRows(batch.columns(), best, null, null), best.length);
            return;
        }
        final int unionRows = keptRows + best.length;
        final List<FieldVector> union = copyRows(kept, null, batch.columns(), best);
        try
        {
            final int[] top = SortIndices.sortedPositions(union, Rows.range(0, unionRows), keys, limit);
            replaceKept(copyRows(union, top, null, null), top.length);
        }
        finally
        {
            closeAll(union);
        }
    }

    /**
     * @return a new batch (owned by the caller) holding the current top {@code min(N, rows added)} rows in sorted
     *     order, with the schema of the added batches; an empty batch with no columns before any row was added.
     */
    public Batch result()
    {
        if (keptRows == 0 && schema == null)
        {
            return Batch.of(List.of());
        }
        if (keptRows == 0)
        {
            final List<FieldVector> empty = new ArrayList<>();
            try
            {
                for (final Field field : schema.getFields())
                {
                    final FieldVector vector = field.createVector(allocator);
                    empty.add(vector);
                    vector.allocateNew();
                    vector.setValueCount(0);
                }
            }
            catch (final RuntimeException | Error e)
            {
                closeAll(empty);
                throw e;
            }
            return Batch.of(empty);
        }
        final int[] all = new int[keptRows];
        for (int i = 0; i < keptRows; i++)
        {
            all[i] = i;
        }
        return Batch.of(copyRows(kept, all, null, null));
    }

    /**
     * @return how many rows are kept now, {@code <= N}.
     */
    public int size()
    {
        return keptRows;
    }

    @Override
    public void close()
    {
        closeAll(kept);
        kept = List.of();
        keptRows = 0;
    }

    private void replaceKept(final List<FieldVector> next, final int rows)
    {
        closeAll(kept);
        kept = next;
        keptRows = rows;
    }

    /**
     * Copies rows into new vectors: {@code firstRows} of {@code first} (all its rows when {@code null}), then
     * {@code secondRows} of {@code second} when that is not {@code null}.
     */
    private List<FieldVector> copyRows(final List<FieldVector> first, final int[] firstRows,
        final List<FieldVector> second, final int[] secondRows)
    {
        final int firstCount = firstRows == null ? keptRows : firstRows.length;
        final int total = firstCount + (second == null ? 0 : secondRows.length);
        final List<FieldVector> out = new ArrayList<>(first.size());
        try
        {
            for (int c = 0; c < first.size(); c++)
            {
                final FieldVector from = first.get(c);
                final FieldVector to = from.getField().createVector(allocator);
                out.add(to);
                to.setInitialCapacity(total);
                to.allocateNew();
                for (int i = 0; i < firstCount; i++)
                {
                    to.copyFromSafe(firstRows == null ? i : firstRows[i], i, from);
                }
                if (second != null)
                {
                    final FieldVector more = second.get(c);
                    for (int i = 0; i < secondRows.length; i++)
                    {
                        to.copyFromSafe(secondRows[i], firstCount + i, more);
                    }
                }
                to.setValueCount(total);
            }
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            closeAll(out);
            throw e;
        }
    }

    private static void closeAll(final List<FieldVector> vectors)
    {
        for (final FieldVector vector : vectors)
        {
            vector.close();
        }
    }
}
