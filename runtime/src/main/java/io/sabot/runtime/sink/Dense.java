package io.sabot.runtime.sink;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies a batch's live rows into new dense vectors (no selection). Used where a source must hold plain vectors.
 *
 * <p>Ownership: the input is not closed; the output is new and owned by the caller. Stateless.
 */
final class Dense
{
    private Dense()
    {
    }

    /**
     * @param batch     the input (not closed).
     * @param allocator where the copy lives.
     * @return a batch of {@code batch.rows().count()} rows without a selection.
     */
    static Batch copy(final Batch batch, final BufferAllocator allocator)
    {
        final Rows rows = batch.rows();
        final int count = rows.count();
        final List<FieldVector> out = new ArrayList<>(batch.columnCount());
        try
        {
            for (final FieldVector in : batch.columns())
            {
                final FieldVector copy = in.getField().createVector(allocator);
                out.add(copy);
                copy.setInitialCapacity(count);
                copy.allocateNew();
                for (int i = 0; i < count; i++)
                {
                    copy.copyFromSafe(rows.rowAt(i), i, in);
                }
                copy.setValueCount(count);
            }
            return Batch.of(out);
        }
        catch (final RuntimeException e)
        {
            out.forEach(FieldVector::close);
            throw e;
        }
    }
}
