package io.sabot.runtime.source;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.select.Filter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies a batch's live rows into new dense vectors (no selection), for connectors that must hold or write plain
 * vectors (the in-memory source, the file sinks). Flat columns go through the kernels' gather
 * ({@link Filter#materialize}); nested ones are copied row by row.
 *
 * <p>Ownership: the input is not closed; the output is new and owned by the caller. Stateless.
 */
public final class Dense
{
    private Dense()
    {
    }

    /**
     * @param batch     the input (not closed).
     * @param allocator where the copy lives.
     * @return a batch of {@code batch.rows().count()} rows without a selection.
     */
    public static Batch copy(final Batch batch, final BufferAllocator allocator)
    {
        if (allocator != null && flat(batch))
        {
            return Filter.materialize(batch, allocator);
        }
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

    /** @return whether every column is one the kernels' gather copies (fixed width, bits, variable width). */
    private static boolean flat(final Batch batch)
    {
        for (final FieldVector column : batch.columns())
        {
            final boolean supported = column instanceof BaseFixedWidthVector || column instanceof BitVector ||
                column instanceof BaseVariableWidthVector || column instanceof BaseLargeVariableWidthVector;
            if (!supported || column.getField().getChildren().size() > 0)
            {
                return false;
            }
        }
        return true;
    }
}
