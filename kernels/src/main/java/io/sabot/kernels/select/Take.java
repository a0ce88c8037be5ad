package io.sabot.kernels.select;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * Take: gathers rows by int32 indices, {@code out[i] = in[indices[i]]}, as Arrow C++ {@code take}. Indices may repeat
 * and come in any order; a null index gives a null output row; a null input row stays null.
 *
 * <p>Every non-null index is checked against the input before anything is allocated; one outside
 * {@code [0, rows)} throws {@link SchemaException} naming its position, its value and the column.
 *
 * <p>Ownership: outputs are new vectors (or a new batch without a selection) of the inputs' fields, allocated from
 * {@code allocator} and owned by the caller. Inputs and indices are never closed. Thread-safety: stateless; inputs
 * must not be mutated concurrently. {@code null} arguments throw {@link NullPointerException}.
 */
public final class Take
{
    private Take()
    {
    }

    /**
     * @param in        the column (not closed).
     * @param indices   row indices into {@code in}; nulls allowed (not closed).
     * @param allocator where the output lives.
     * @return a new vector of {@code indices.getValueCount()} rows, owned by the caller.
     */
    public static FieldVector take(final FieldVector in, final IntVector indices, final BufferAllocator allocator)
    {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(allocator, "allocator");
        SelectCopy.kind(in);
        validate(indices, in.getValueCount(), "'" + in.getName() + "'");
        final int count = indices.getValueCount();
        if (indices.getNullCount() == 0)
        {
            return SelectCopy.byIndices(in, ArrowMemory.segment(indices.getDataBuffer()), count, null, allocator);
        }
        try (ArrowBuf sanitized = sanitize(indices, null, allocator))
        {
            return SelectCopy.byIndices(in, ArrowMemory.segment(sanitized), count,
                ArrowMemory.segment(indices.getValidityBuffer()), allocator);
        }
    }

    /**
     * @param batch     the batch (not closed); indices refer to its live rows ({@link Batch#rows()}).
     * @param indices   row indices; nulls allowed (not closed).
     * @param allocator where the output lives.
     * @return a new batch without a selection, owned by the caller.
     */
    public static Batch take(final Batch batch, final IntVector indices, final BufferAllocator allocator)
    {
        Objects.requireNonNull(allocator, "allocator");
        Filter.checkColumns(batch);
        final SelectionVector own = batch.selection();
        validate(indices, own == null ? batch.rowCount() : own.count(), "batch " + batch.schema());
        final int count = indices.getValueCount();
        if (own == null && indices.getNullCount() == 0)
        {
            return Filter.gatherBatch(batch, ArrowMemory.segment(indices.getDataBuffer()), count, allocator);
        }
        final MemorySegment validity = indices.getNullCount() == 0 ? null :
            ArrowMemory.segment(indices.getValidityBuffer());
        try (ArrowBuf positions = sanitize(indices, own, allocator))
        {
            final MemorySegment pos = ArrowMemory.segment(positions);
            final List<FieldVector> out = new ArrayList<>(batch.columnCount());
            try
            {
                for (final FieldVector column : batch.columns())
                {
                    out.add(SelectCopy.byIndices(column, pos, count, validity, allocator));
                }
            }
            catch (final RuntimeException | Error e)
            {
                Filter.closeAll(out);
                throw e;
            }
            return Batch.of(out);
        }
    }

    private static void validate(final IntVector indices, final int rows, final String what)
    {
        Objects.requireNonNull(indices, "indices");
        final int count = indices.getValueCount();
        final boolean anyNull = indices.getNullCount() > 0;
        final MemorySegment data = ArrowMemory.segment(indices.getDataBuffer());
        for (int i = 0; i < count; i++)
        {
            final int index = data.get(Layouts.INT_UNALIGNED, (long)i << 2);
            if ((index < 0 || index >= rows) && !(anyNull && indices.isNull(i)))
            {
                throw new SchemaException("take index at position " + i + " = " + index + " is outside " + what +
                    " which has " + rows + " rows");
            }
        }
    }

    /** Copies the indices with nulls replaced by 0, each mapped through {@code selection} when given. */
    private static ArrowBuf sanitize(final IntVector indices, final SelectionVector selection,
        final BufferAllocator allocator)
    {
        final int count = indices.getValueCount();
        final ArrowBuf buf = allocator.buffer(Math.max(4L, 4L * count));
        final MemorySegment out = ArrowMemory.segment(buf);
        final MemorySegment data = ArrowMemory.segment(indices.getDataBuffer());
        for (int i = 0; i < count; i++)
        {
            int index = indices.isNull(i) ? 0 : data.get(Layouts.INT_UNALIGNED, (long)i << 2);
            if (selection != null && selection.count() > 0)
            {
                index = selection.get(index);
            }
            out.set(Layouts.INT_UNALIGNED, (long)i << 2, index);
        }
        return buf;
    }
}
