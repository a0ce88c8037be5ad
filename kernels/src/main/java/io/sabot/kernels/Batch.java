package io.sabot.kernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The unit that kernels, operators, morsels and the shuffle move around: a schema, Arrow vectors of equal length and
 * optionally a {@link SelectionVector} naming the rows that survive a filter.
 *
 * <p>Ownership: a batch owns its vectors and its selection. Whoever receives a batch owns it and must close it or hand
 * it on, exactly once. Kernels never close their inputs.
 *
 * <p>Thread-safety: not thread-safe; one owner at a time.
 */
public final class Batch implements AutoCloseable
{
    private final Schema schema;
    private final List<FieldVector> columns;
    private final int rowCount;
    private final SelectionVector selection;

    private Batch(final List<FieldVector> columns, final SelectionVector selection)
    {
        this(columns, selection, true);
    }

    private Batch(final List<FieldVector> columns, final SelectionVector selection, final boolean check)
    {
        final List<Field> fields = new ArrayList<>(columns.size());
        int rows = -1;
        for (final FieldVector column : columns)
        {
            if (rows < 0)
            {
                rows = column.getValueCount();
            }
            else if (column.getValueCount() != rows)
            {
                throw new SchemaException("column '" + column.getName() + "' has " + column.getValueCount() +
                    " rows but '" + columns.get(0).getName() + "' has " + rows);
            }
            fields.add(column.getField());
        }
        this.schema = new Schema(fields);
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.rowCount = Math.max(rows, 0);
        this.selection = selection;
        if (selection != null && check)
        {
            selection.checkWithin(rowCount, "batch");
        }
    }

    /**
     * @param columns the vectors, all of one length; the batch takes ownership of them.
     * @return a batch of all their rows.
     */
    public static Batch of(final List<FieldVector> columns)
    {
        return new Batch(columns, null);
    }

    /**
     * @param columns the vectors; the batch takes ownership of them.
     * @return a batch of all their rows.
     */
    public static Batch of(final FieldVector... columns)
    {
        return new Batch(List.of(columns), null);
    }

    /**
     * @param columns   the vectors; the batch takes ownership.
     * @param selection the surviving rows; the batch takes ownership.
     * @return a batch whose rows are those selected.
     */
    public static Batch of(final List<FieldVector> columns, final SelectionVector selection)
    {
        return new Batch(columns, selection);
    }

    /**
     * Like {@link #of(List, SelectionVector)} without the O(n) bounds check of the selection, for a selection that a
     * kernel or generated filter just produced over these very vectors (so every position is in range by
     * construction). Operators call this once per morsel; a wrong selection here is a bug in the caller.
     *
     * @param columns   the vectors; the batch takes ownership.
     * @param selection the surviving rows, all within the vectors' length; the batch takes ownership.
     * @return a batch whose rows are those selected.
     */
    public static Batch ofFiltered(final List<FieldVector> columns, final SelectionVector selection)
    {
        return new Batch(columns, selection, false);
    }

    /**
     * @return the schema (field names, types, nullability).
     */
    public Schema schema()
    {
        return schema;
    }

    /**
     * @return the number of physical rows in each vector (ignoring any selection).
     */
    public int rowCount()
    {
        return rowCount;
    }

    /**
     * @return the rows this batch holds: the selection if there is one, else all physical rows.
     */
    public Rows rows()
    {
        return selection == null ? Rows.range(0, rowCount) : Rows.selected(selection);
    }

    /**
     * @return the selection, or {@code null} if every physical row is live.
     */
    public SelectionVector selection()
    {
        return selection;
    }

    /**
     * @return the number of columns.
     */
    public int columnCount()
    {
        return columns.size();
    }

    /**
     * @param index 0-based column index.
     * @return that column (still owned by this batch).
     */
    public FieldVector column(final int index)
    {
        if (index < 0 || index >= columns.size())
        {
            throw new SchemaException("column index " + index + " outside 0.." + (columns.size() - 1) +
                " of schema " + schema);
        }
        return columns.get(index);
    }

    /**
     * @param name a column name.
     * @return that column (still owned by this batch).
     * @throws SchemaException naming the column and the schema when there is no such column.
     */
    public FieldVector column(final String name)
    {
        for (final FieldVector column : columns)
        {
            if (column.getName().equals(name))
            {
                return column;
            }
        }
        throw new SchemaException("unknown column '" + name + "'; the batch has " + columnNames());
    }

    /**
     * @return all columns (still owned by this batch), in schema order.
     */
    public List<FieldVector> columns()
    {
        return columns;
    }

    private List<String> columnNames()
    {
        final List<String> names = new ArrayList<>(columns.size());
        for (final FieldVector column : columns)
        {
            names.add(column.getName());
        }
        return names;
    }

    @Override
    public void close()
    {
        for (final FieldVector column : columns)
        {
            column.close();
        }
        if (selection != null)
        {
            selection.close();
        }
    }

    @Override
    public String toString()
    {
        return "Batch{rows=" + rowCount + (selection == null ? "" : ", selected=" + selection.count()) +
            ", schema=" + schema + '}';
    }
}
