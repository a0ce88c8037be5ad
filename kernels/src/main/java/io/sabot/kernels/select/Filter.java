package io.sabot.kernels.select;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Compaction;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Filter: copies the selected rows of a vector or batch into new dense vectors.
 *
 * <p>Three ways to select: a {@link SelectionVector} (row positions, gathered), a boolean predicate (a
 * {@link BitVector} of the same length; {@code true} keeps the row, {@code false} and null drop it, as Arrow C++
 * {@code filter} with {@code null_selection=drop}; compacted by bitmap), or {@link Rows}. Row order is kept. Nulls in
 * the input stay null in the output.
 *
 * <p>For a batch the predicate or selection indexes the batch's live rows ({@link Batch#rows()}): if the batch
 * already carries a selection, row {@code i} of the predicate is physical row {@code selection[i]}, like the dense
 * output of any kernel run over that batch.
 *
 * <p>Ownership: outputs are new vectors (or a new batch without a selection) of the inputs' fields, allocated from
 * {@code allocator} and owned by the caller. Inputs, selections and predicates are never closed. Temporary buffers
 * are taken from {@code allocator} and released before return. Thread-safety: stateless; inputs must not be mutated
 * concurrently. {@code null} arguments throw {@link NullPointerException}; unsupported types, length mismatches and
 * positions outside the input throw {@link SchemaException} before any output is allocated.
 */
public final class Filter
{
    private Filter()
    {
    }

    /**
     * @param in        the column to filter (not closed).
     * @param selection the rows to keep, each in {@code [0, in.getValueCount())}, in output order (not closed).
     * @param allocator where the output lives.
     * @return a new vector of {@code selection.count()} rows, owned by the caller.
     */
    public static FieldVector filter(final FieldVector in, final SelectionVector selection,
        final BufferAllocator allocator)
    {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(allocator, "allocator");
        SelectCopy.kind(in);
        selection.checkWithin(in.getValueCount(), in.getName());
        return SelectCopy.byIndices(in, selection.segment(), selection.count(), null, allocator);
    }

    /**
     * @param in        the column to filter (not closed).
     * @param predicate one row per input row; true keeps it, false or null drops it (not closed).
     * @param allocator where the output lives.
     * @return a new vector of the kept rows, owned by the caller.
     */
    public static FieldVector filter(final FieldVector in, final BitVector predicate, final BufferAllocator allocator)
    {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(allocator, "allocator");
        SelectCopy.kind(in);
        checkPredicate(predicate, in.getValueCount(), "column '" + in.getName() + "'");
        final int n = in.getValueCount();
        try (ArrowBuf maskBuf = mask(predicate, allocator))
        {
            final MemorySegment mask = ArrowMemory.segment(maskBuf);
            final int count = Compaction.countBits(mask, 0, n);
            return SelectCopy.byMask(in, 0, mask, n, count, allocator);
        }
    }

    /**
     * @param in        the column (not closed).
     * @param rows      the rows to copy: a range inside {@code in} or a selection.
     * @param allocator where the output lives.
     * @return a new vector of {@code rows.count()} rows, owned by the caller.
     */
    public static FieldVector filter(final FieldVector in, final Rows rows, final BufferAllocator allocator)
    {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(allocator, "allocator");
        if (!rows.isContiguous())
        {
            return filter(in, rows.selection(), allocator);
        }
        SelectCopy.kind(in);
        rows.checkWithin(in);
        try (ArrowBuf maskBuf = allOnes(rows.count(), allocator))
        {
            return SelectCopy.byMask(in, rows.offset(), ArrowMemory.segment(maskBuf), rows.count(), rows.count(),
                allocator);
        }
    }

    /**
     * @param batch     the batch (not closed).
     * @param selection positions among the batch's live rows, in output order (not closed).
     * @param allocator where the output lives.
     * @return a new batch without a selection, owned by the caller.
     */
    public static Batch filter(final Batch batch, final SelectionVector selection, final BufferAllocator allocator)
    {
        Objects.requireNonNull(allocator, "allocator");
        checkColumns(batch);
        final SelectionVector own = batch.selection();
        if (own == null)
        {
            selection.checkWithin(batch.rowCount(), "batch");
            return gatherBatch(batch, selection.segment(), selection.count(), allocator);
        }
        selection.checkWithin(own.count(), "batch selection");
        final int count = selection.count();
        try (ArrowBuf composed = allocator.buffer(Math.max(4L, 4L * count)))
        {
            final MemorySegment pos = ArrowMemory.segment(composed);
            for (int i = 0; i < count; i++)
            {
                pos.set(Layouts.INT_UNALIGNED, (long)i << 2, own.get(selection.get(i)));
            }
            return gatherBatch(batch, pos, count, allocator);
        }
    }

    /**
     * @param batch     the batch (not closed).
     * @param predicate one row per live row of the batch; true keeps it, false or null drops it (not closed).
     * @param allocator where the output lives.
     * @return a new batch without a selection, owned by the caller.
     */
    public static Batch filter(final Batch batch, final BitVector predicate, final BufferAllocator allocator)
    {
        Objects.requireNonNull(allocator, "allocator");
        checkColumns(batch);
        final SelectionVector own = batch.selection();
        final int n = own == null ? batch.rowCount() : own.count();
        checkPredicate(predicate, n, "batch " + batch.schema());
        try (ArrowBuf maskBuf = mask(predicate, allocator))
        {
            final MemorySegment mask = ArrowMemory.segment(maskBuf);
            final int count = Compaction.countBits(mask, 0, n);
            if (own == null)
            {
                final List<FieldVector> out = new ArrayList<>(batch.columnCount());
                try
                {
                    for (final FieldVector column : batch.columns())
                    {
                        out.add(SelectCopy.byMask(column, 0, mask, n, count, allocator));
                    }
                }
                catch (final RuntimeException | Error e)
                {
                    closeAll(out);
                    throw e;
                }
                return Batch.of(out);
            }
            try (ArrowBuf positions = allocator.buffer(Math.max(4L, 4L * count)))
            {
                final MemorySegment pos = ArrowMemory.segment(positions);
                SelectCopy.maskToPositions(mask, n, 0, pos);
                for (int i = 0; i < count; i++)
                {
                    pos.set(Layouts.INT_UNALIGNED, (long)i << 2, own.get(pos.get(Layouts.INT_UNALIGNED, (long)i << 2)));
                }
                return gatherBatch(batch, pos, count, allocator);
            }
        }
    }

    /**
     * Applies a batch's own selection: the result holds exactly {@link Batch#rows()} as dense vectors. A batch
     * without a selection is copied whole.
     *
     * @param batch     the batch (not closed).
     * @param allocator where the output lives.
     * @return a new batch without a selection, owned by the caller.
     */
    public static Batch materialize(final Batch batch, final BufferAllocator allocator)
    {
        Objects.requireNonNull(allocator, "allocator");
        checkColumns(batch);
        final SelectionVector own = batch.selection();
        if (own != null)
        {
            return gatherBatch(batch, own.segment(), own.count(), allocator);
        }
        final int n = batch.rowCount();
        try (ArrowBuf maskBuf = allOnes(n, allocator))
        {
            final MemorySegment mask = ArrowMemory.segment(maskBuf);
            final List<FieldVector> out = new ArrayList<>(batch.columnCount());
            try
            {
                for (final FieldVector column : batch.columns())
                {
                    out.add(SelectCopy.byMask(column, 0, mask, n, n, allocator));
                }
            }
            catch (final RuntimeException | Error e)
            {
                closeAll(out);
                throw e;
            }
            return Batch.of(out);
        }
    }

    static Batch gatherBatch(final Batch batch, final MemorySegment positions, final int count,
        final BufferAllocator allocator)
    {
        final List<FieldVector> out = new ArrayList<>(batch.columnCount());
        try
        {
            for (final FieldVector column : batch.columns())
            {
                out.add(SelectCopy.byIndices(column, positions, count, null, allocator));
            }
        }
        catch (final RuntimeException | Error e)
        {
            closeAll(out);
            throw e;
        }
        return Batch.of(out);
    }

    static void checkColumns(final Batch batch)
    {
        for (final FieldVector column : batch.columns())
        {
            SelectCopy.kind(column);
        }
    }

    static void closeAll(final List<FieldVector> vectors)
    {
        for (final FieldVector vector : vectors)
        {
            vector.close();
        }
    }

    private static void checkPredicate(final BitVector predicate, final int rows, final String what)
    {
        Objects.requireNonNull(predicate, "predicate");
        if (predicate.getValueCount() != rows)
        {
            throw new SchemaException("filter predicate '" + predicate.getName() + "' has " +
                predicate.getValueCount() + " rows but " + what + " has " + rows);
        }
    }

    /** @return a buffer of {@code ceil(n / 8)} bytes (rounded up to 8) holding {@code value AND validity}. */
    private static ArrowBuf mask(final BitVector predicate, final BufferAllocator allocator)
    {
        final int n = predicate.getValueCount();
        final int bytes = (n + 7) >>> 3;
        final ArrowBuf buf = allocator.buffer(Math.max(8L, (bytes + 7L) & ~7L));
        buf.setZero(0, buf.capacity());
        if (n == 0)
        {
            return buf;
        }
        final MemorySegment out = ArrowMemory.segment(buf);
        final MemorySegment values = ArrowMemory.segment(predicate.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(predicate.getValidityBuffer());
        int b = 0;
        for (; b + 8 <= bytes; b += 8)
        {
            out.set(Layouts.LONG_UNALIGNED, b,
                values.get(Layouts.LONG_UNALIGNED, b) & validity.get(Layouts.LONG_UNALIGNED, b));
        }
        for (; b < bytes; b++)
        {
            out.set(Layouts.BYTE, b, (byte)(values.get(Layouts.BYTE, b) & validity.get(Layouts.BYTE, b)));
        }
        return buf;
    }

    private static ArrowBuf allOnes(final int n, final BufferAllocator allocator)
    {
        final int bytes = (n + 7) >>> 3;
        final ArrowBuf buf = allocator.buffer(Math.max(8L, (bytes + 7L) & ~7L));
        buf.setOne(0, buf.capacity());
        return buf;
    }
}
