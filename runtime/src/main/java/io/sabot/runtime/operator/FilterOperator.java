package io.sabot.runtime.operator;

import java.util.List;

import io.sabot.jit.CompiledFilter;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Keeps the rows where a predicate is true (null is false), compiled by udf-jit into a fused loop. Stateless.
 *
 * <p>No copy: the output batch holds the input's vectors and a selection of the surviving rows. A batch whose rows
 * all survive is passed on unchanged, one where none survive is closed and nothing is emitted.
 *
 * <p>Thread-safety: one thread at a time (per the {@link Operator} contract); instances share the compiled class.
 */
public final class FilterOperator implements StatelessOperator
{
    private final Expr predicate;
    private final Schema schema;
    private CompiledFilter filter;
    private OperatorContext context;

    /**
     * @param predicate the boolean expression.
     * @param schema    the input schema it is compiled against.
     */
    public FilterOperator(final Expr predicate, final Schema schema)
    {
        this.predicate = predicate;
        this.schema = schema;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        this.filter = context.compiler().compileFilter(predicate, schema);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final int live = batch.selection() == null ? batch.rowCount() : batch.selection().count();
        final SelectionVector selection = new SelectionVector(context.allocator(), Math.max(1, live));
        final int kept;
        try
        {
            kept = filter.filter(batch, selection);
        }
        catch (final RuntimeException e)
        {
            selection.close();
            batch.close();
            throw e;
        }
        if (kept == live && batch.selection() == null)
        {
            selection.close();
            out.emit(batch);
            return;
        }
        if (kept == 0)
        {
            selection.close();
            batch.close();
            return;
        }
        final List<FieldVector> columns = batch.columns();
        if (batch.selection() != null)
        {
            batch.selection().close();
        }
        out.emit(Batch.ofFiltered(columns, selection));
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
        return "Filter " + predicate;
    }
}
