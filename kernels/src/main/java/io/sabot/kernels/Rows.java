package io.sabot.kernels;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.ValueVector;

/**
 * Which rows of its inputs a kernel reads: either a contiguous range {@code [offset, offset + count)} (a whole vector
 * or a morsel) or the positions of a {@link SelectionVector}. Outputs are always dense: output row {@code i}
 * corresponds to the {@code i}-th row read.
 *
 * <p>Immutable. A {@code Rows} over a selection refers to that selection without owning it; the selection's count is
 * read when a kernel runs.
 */
public final class Rows
{
    private final int offset;
    private final int count;
    private final SelectionVector selection;

    private Rows(final int offset, final int count, final SelectionVector selection)
    {
        this.offset = offset;
        this.count = count;
        this.selection = selection;
    }

    /**
     * @param vector a vector.
     * @return all rows of {@code vector}.
     */
    public static Rows all(final ValueVector vector)
    {
        return new Rows(0, vector.getValueCount(), null);
    }

    /**
     * @param offset the first row.
     * @param count  how many rows.
     * @return the contiguous rows {@code [offset, offset + count)}.
     */
    public static Rows range(final int offset, final int count)
    {
        if (offset < 0 || count < 0)
        {
            throw new SchemaException("row range needs offset >= 0 and count >= 0, was offset=" + offset +
                ", count=" + count);
        }
        return new Rows(offset, count, null);
    }

    /**
     * @param selection the positions to read (not owned).
     * @return the selected rows.
     */
    public static Rows selected(final SelectionVector selection)
    {
        return new Rows(0, -1, selection);
    }

    /**
     * @return true for a contiguous range, false for a selection.
     */
    public boolean isContiguous()
    {
        return selection == null;
    }

    /**
     * @return the first row of a contiguous range (0 for a selection).
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return how many rows are read, i.e. the output length.
     */
    public int count()
    {
        return selection == null ? count : selection.count();
    }

    /**
     * @return the selection, or {@code null} for a contiguous range.
     */
    public SelectionVector selection()
    {
        return selection;
    }

    /**
     * @param i an output row, 0 to {@code count() - 1}.
     * @return the input row it reads.
     */
    public int rowAt(final int i)
    {
        return selection == null ? offset + i : selection.get(i);
    }

    /**
     * Checks these rows lie inside {@code vector}; kernels call it for every input before touching memory.
     *
     * @param vector an input vector.
     */
    public void checkWithin(final ValueVector vector)
    {
        final int valueCount = vector.getValueCount();
        if (selection == null)
        {
            if ((long)offset + count > valueCount)
            {
                throw new SchemaException("rows [" + offset + ", " + ((long)offset + count) + ") are outside '" +
                    vector.getName() + "' which has " + valueCount + " rows");
            }
        }
        else
        {
            selection.checkWithin(valueCount, vector.getName());
        }
    }

    @Override
    public String toString()
    {
        return selection == null ? "Rows[" + offset + ", " + (offset + count) + ")" : "Rows" + selection;
    }
}
