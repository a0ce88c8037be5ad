package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.List;

import io.sabot.jit.CompiledProjection;
import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.Batch;
import io.sabot.kernels.select.Filter;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * Computes output columns from expressions over the input, compiled by udf-jit. Stateless.
 *
 * <p>Plain column references pass through without a copy when the input has no selection (the vector is transferred,
 * renamed if needed) and are gathered by the kernels when it has one, so they may be of any type; expressions are
 * computed into new dense vectors. The input batch is always consumed.
 *
 * <p>Thread-safety: one thread at a time; instances share the compiled class.
 */
public final class ProjectOperator implements StatelessOperator
{
    private final List<Projection> projections;
    private final Schema schema;
    private final int[] passThrough;
    private final boolean[] shared;
    private final List<Projection> computed = new ArrayList<>();
    private CompiledProjection onlyComputed;
    private OperatorContext context;

    /**
     * @param projections the output columns, in order.
     * @param schema      the input schema.
     */
    public ProjectOperator(final List<Projection> projections, final Schema schema)
    {
        this.projections = List.copyOf(projections);
        this.schema = schema;
        this.passThrough = new int[projections.size()];
        this.shared = new boolean[projections.size()];
        final boolean[] taken = new boolean[schema.getFields().size()];
        for (int i = 0; i < projections.size(); i++)
        {
            passThrough[i] = -1;
            if (projections.get(i).expr() instanceof Expr.Column column)
            {
                final int index = indexOf(schema, column.name());
                if (index >= 0)
                {
                    passThrough[i] = index;
                    // a vector can be transferred once; later references share its buffers instead
                    shared[i] = taken[index];
                    taken[index] = true;
                }
            }
            if (passThrough[i] < 0)
            {
                computed.add(projections.get(i));
            }
        }
    }

    private static int indexOf(final Schema schema, final String name)
    {
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++)
        {
            if (fields.get(i).getName().equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        this.onlyComputed = computed.isEmpty() ? null : context.compiler().compileProjection(computed, schema);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try (batch)
        {
            final List<FieldVector> outputs = new ArrayList<>(projections.size());
            final List<FieldVector> fresh = onlyComputed == null ? List.of() :
                onlyComputed.project(batch, context.allocator()).columns();
            try
            {
                int next = 0;
                for (int i = 0; i < projections.size(); i++)
                {
                    if (passThrough[i] >= 0)
                    {
                        FieldVector source = batch.column(passThrough[i]);
                        if (batch.selection() != null)
                        {
                            // dense output: gather the selected rows (the gathered copy is then renamed for free)
                            source = Filter.filter(source, batch.selection(), context.allocator());
                            outputs.add(Batches.renamed(source, projections.get(i).name()));
                            source.close();
                            continue;
                        }
                        outputs.add(shared[i] ? share(source, projections.get(i).name()) :
                            Batches.renamed(source, projections.get(i).name()));
                    }
                    else
                    {
                        outputs.add(fresh.get(next++));
                    }
                }
            }
            catch (final RuntimeException e)
            {
                outputs.forEach(FieldVector::close);
                fresh.forEach(FieldVector::close);
                throw e;
            }
            out.emit(Batch.of(outputs));
        }
    }

    private FieldVector share(final FieldVector source, final String name)
    {
        final Field field = new Field(name, source.getField().getFieldType(), source.getField().getChildren());
        final TransferPair transfer = source.getTransferPair(field, context.allocator());
        transfer.splitAndTransfer(0, source.getValueCount());
        return (FieldVector)transfer.getTo();
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
    }

    @Override
    public void close()
    {
    }

    @Override
    public String toString()
    {
        return "Project " + projections;
    }
}
