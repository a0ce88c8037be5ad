package io.sabot.runtime.exec;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Zero-copy views of batches: slices (morsels) and shared copies (fan-out), through Arrow's reference-counted
 * {@code splitAndTransfer}. Only a validity bitmap that does not start on a byte boundary and variable-width
 * offsets are copied.
 */
public final class Batches
{
    private Batches()
    {
    }

    /**
     * @param batch     a batch without a selection (not closed).
     * @param offset    first row.
     * @param length    row count.
     * @param allocator the new vectors' allocator.
     * @return rows {@code [offset, offset + length)} as a new batch sharing the buffers; the caller owns it.
     */
    public static Batch slice(final Batch batch, final int offset, final int length, final BufferAllocator allocator)
    {
        final List<FieldVector> out = new ArrayList<>(batch.columnCount());
        try
        {
            for (final FieldVector vector : batch.columns())
            {
                final TransferPair transfer = vector.getTransferPair(allocator);
                transfer.splitAndTransfer(offset, length);
                out.add((FieldVector)transfer.getTo());
            }
        }
        catch (final RuntimeException e)
        {
            out.forEach(FieldVector::close);
            throw e;
        }
        return Batch.of(out);
    }

    /**
     * @param batch     a batch (not closed).
     * @param allocator the new vectors' allocator.
     * @return a second batch over the same rows and buffers (its selection copied); the caller owns it.
     */
    public static Batch share(final Batch batch, final BufferAllocator allocator)
    {
        final Batch all = slice(batch, 0, batch.rowCount(), allocator);
        final SelectionVector selection = batch.selection();
        if (selection == null)
        {
            return all;
        }
        final SelectionVector copy = new SelectionVector(allocator, Math.max(1, selection.count()));
        copy.segment().copyFrom(selection.segment().asSlice(0, 4L * selection.count()));
        copy.count(selection.count());
        return Batch.of(all.columns(), copy);
    }

    /**
     * @param batch a batch.
     * @return its live row count (selected rows, or all rows).
     */
    public static int liveRows(final Batch batch)
    {
        return batch.selection() == null ? batch.rowCount() : batch.selection().count();
    }
}
