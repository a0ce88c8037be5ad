package io.sabot.runtime.operator;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import org.apache.arrow.vector.util.VectorAppender;
import io.sabot.kernels.select.Filter;

/**
 * Small batch helpers the operators share: zero-copy renames, selection copies, schema comparison and closing.
 *
 * <p>Stateless; thread-safe. Nothing here closes an argument unless the method says so.
 */
final class Batches
{
    private Batches()
    {
    }

    /**
     * @param batch a batch.
     * @return its live row count (the selection's count, else the physical row count).
     */
    static int liveRows(final Batch batch)
    {
        final SelectionVector selection = batch.selection();
        return selection == null ? batch.rowCount() : selection.count();
    }

    /**
     * Moves a vector's buffers into a new vector with another name, without copying; the source is left empty (it
     * may still be closed). The buffers stay accounted to the allocator they came from.
     *
     * @param vector the source.
     * @param name   the new name.
     * @return the new vector, owned by the caller.
     */
    static FieldVector renamed(final FieldVector vector, final String name)
    {
        final TransferPair pair = vector.getTransferPair(name, vector.getAllocator());
        pair.transfer();
        return (FieldVector)pair.getTo();
    }

    /**
     * @param vector the source.
     * @return a vector holding the source's buffers (the source is left empty).
     */
    static FieldVector transferred(final FieldVector vector)
    {
        return renamed(vector, vector.getName());
    }

    /**
     * @param selection a selection or {@code null}.
     * @param allocator where the copy lives.
     * @return a copy owned by the caller, or {@code null}.
     */
    static SelectionVector copy(final SelectionVector selection, final BufferAllocator allocator)
    {
        if (selection == null)
        {
            return null;
        }
        final int count = selection.count();
        final SelectionVector out = new SelectionVector(allocator, count);
        MemorySegment.copy(selection.segment(), 0, out.segment(), 0, (long)count * Integer.BYTES);
        out.count(count);
        return out;
    }

    /**
     * @param columns vectors to close; nulls are skipped.
     */
    static void closeAll(final List<? extends AutoCloseable> columns)
    {
        RuntimeException failure = null;
        for (final AutoCloseable column : columns)
        {
            if (column == null)
            {
                continue;
            }
            try
            {
                column.close();
            }
            catch (final Exception e)
            {
                if (failure == null)
                {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * @param a a schema.
     * @param b another.
     * @return true when both have the same column names and types in the same order (nullability may differ).
     */
    static boolean sameColumns(final Schema a, final Schema b)
    {
        final List<Field> fa = a.getFields();
        final List<Field> fb = b.getFields();
        if (fa.size() != fb.size())
        {
            return false;
        }
        for (int i = 0; i < fa.size(); i++)
        {
            if (!fa.get(i).getName().equals(fb.get(i).getName()) || !fa.get(i).getType().equals(fb.get(i).getType()))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param schema a schema.
     * @return its column names.
     */
    static List<String> names(final Schema schema)
    {
        final List<String> names = new ArrayList<>(schema.getFields().size());
        for (final Field field : schema.getFields())
        {
            names.add(field.getName());
        }
        return names;
    }

    /**
     * @param schema a schema.
     * @param name   a column name.
     * @param what   what the column is for, for the message.
     * @return the column's index.
     * @throws SchemaException naming the column and listing the schema when there is no such column.
     */
    static int indexOf(final Schema schema, final String name, final String what)
    {
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++)
        {
            if (fields.get(i).getName().equals(name))
            {
                return i;
            }
        }
        throw new SchemaException("unknown " + what + " column '" + name + "'; the input has " + names(schema));
    }

    /**
     * @param field     the column's field.
     * @param allocator where it lives.
     * @param rows      how many rows, all null.
     * @return a new all-null vector owned by the caller.
     */
    static FieldVector nulls(final Field field, final BufferAllocator allocator, final int rows)
    {
        final FieldVector vector = field.createVector(allocator);
        try
        {
            vector.setInitialCapacity(Math.max(rows, 1));
            vector.allocateNew();
            for (int i = 0; i < rows; i++)
            {
                if (vector instanceof BaseFixedWidthVector fixed)
                {
                    fixed.setNull(i);
                }
                else if (vector instanceof BaseVariableWidthVector variable)
                {
                    variable.setNull(i);
                }
                else if (vector instanceof BaseLargeVariableWidthVector variable)
                {
                    variable.setNull(i);
                }
            }
            vector.setValueCount(rows);
            return vector;
        }
        catch (final RuntimeException | Error e)
        {
            vector.close();
            throw e;
        }
    }

    /**
     * @param schema    the columns.
     * @param allocator where they live.
     * @return a new batch of zero rows with {@code schema}, owned by the caller.
     */
    static Batch empty(final Schema schema, final BufferAllocator allocator)
    {
        final List<FieldVector> columns = new ArrayList<>();
        try
        {
            for (final Field field : schema.getFields())
            {
                columns.add(nulls(field, allocator, 0));
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            closeAll(columns);
            throw e;
        }
    }

    /**
     * Concatenates the live rows of batches of one schema into one dense batch, closing each input as soon as it is
     * appended (so peak memory is about the result plus one input).
     *
     * @param batches   non-empty; all are consumed (closed), also on failure.
     * @param allocator where the result lives.
     * @return a new batch without a selection, owned by the caller.
     * @throws SchemaException when the batches' column names or types differ.
     */
    static Batch concat(final List<Batch> batches, final BufferAllocator allocator)
    {
        final Schema schema = batches.get(0).schema();
        final List<FieldVector> columns = new ArrayList<>();
        try
        {
            for (final Field field : schema.getFields())
            {
                columns.add(nulls(field, allocator, 0));
            }
            for (int b = 0; b < batches.size(); b++)
            {
                final Batch batch = batches.get(b);
                batches.set(b, null);
                try (batch; Batch dense = batch.selection() == null ? null : Filter.materialize(batch, allocator))
                {
                    if (!sameColumns(schema, batch.schema()))
                    {
                        throw new SchemaException("input schema changed from " + schema + " to " + batch.schema());
                    }
                    final Batch source = dense == null ? batch : dense;
                    for (int c = 0; c < columns.size(); c++)
                    {
                        final FieldVector from = source.column(c);
                        if (from.getValueCount() > 0)
                        {
                            from.accept(new VectorAppender(columns.get(c)), null);
                        }
                    }
                }
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            closeAll(columns);
            closeAll(batches);
            throw e;
        }
    }
}
