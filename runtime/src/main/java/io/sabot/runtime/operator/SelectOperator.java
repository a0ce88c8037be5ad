package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.select.Filter;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps, reorders and renames columns by name (SQL projection of plain columns). Output column {@code i} is input
 * column {@code sources[i]} named {@code names[i]}. Columns move by buffer transfer, not by copy; a column selected a
 * second time is copied. The batch's selection is kept (copied), so rows are untouched.
 *
 * <p>Stateless: bounded and unbounded input behave the same, nothing is held between batches. Nulls pass through.
 * The input batch is consumed (closed after its buffers moved); columns not selected are freed with it.
 *
 * <p>Errors: an unknown column raises {@link SchemaException} naming it and listing the input schema; duplicate
 * output names raise {@link SchemaException} at construction.
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class SelectOperator implements StatelessOperator
{
    private final List<String> sources;
    private final List<String> names;
    private Schema boundSchema;
    private int[] indices;
    private OperatorContext context;

    /**
     * @param columns the columns to keep, in output order, under their own names.
     */
    public SelectOperator(final List<String> columns)
    {
        this(columns, columns);
    }

    /**
     * @param sources the input columns, in output order (one may appear several times).
     * @param names   the output name of each, same length; names must be distinct.
     */
    public SelectOperator(final List<String> sources, final List<String> names)
    {
        if (sources.size() != names.size())
        {
            throw new SchemaException("select: " + sources.size() + " source columns " + sources + " but " +
                names.size() + " output names " + names);
        }
        final Set<String> seen = new HashSet<>();
        for (final String name : names)
        {
            if (!seen.add(name))
            {
                throw new SchemaException("select: output column '" + name + "' appears twice in " + names);
            }
        }
        this.sources = List.copyOf(sources);
        this.names = List.copyOf(names);
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final Batch result;
        try (batch)
        {
            bind(batch.schema());
            final List<FieldVector> columns = new ArrayList<>(indices.length);
            try
            {
                final FieldVector[] first = new FieldVector[batch.columnCount()];
                for (int i = 0; i < indices.length; i++)
                {
                    final int c = indices[i];
                    if (first[c] == null)
                    {
                        first[c] = Batches.renamed(batch.column(c), names.get(i));
                        columns.add(first[c]);
                    }
                    else
                    {
                        final FieldVector copy = Filter.filter(first[c], Rows.all(first[c]), context.allocator());
                        try
                        {
                            columns.add(Batches.renamed(copy, names.get(i)));
                        }
                        finally
                        {
                            copy.close();
                        }
                    }
                }
                result = Batch.of(columns, Batches.copy(batch.selection(), context.allocator()));
            }
            catch (final RuntimeException | Error e)
            {
                Batches.closeAll(columns);
                throw e;
            }
        }
        out.emit(result);
    }

    private void bind(final Schema schema)
    {
        if (schema.equals(boundSchema))
        {
            return;
        }
        final int[] bound = new int[sources.size()];
        for (int i = 0; i < bound.length; i++)
        {
            bound[i] = Batches.indexOf(schema, sources.get(i), "select");
        }
        indices = bound;
        boundSchema = schema;
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        // Stateless: nothing is held.
    }

    @Override
    public void close()
    {
        boundSchema = null;
    }

    @Override
    public String toString()
    {
        return "Select" + sources + (sources.equals(names) ? "" : " as " + names);
    }
}
