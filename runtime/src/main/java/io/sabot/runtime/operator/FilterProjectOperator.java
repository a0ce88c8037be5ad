package io.sabot.runtime.operator;

import java.util.List;

import io.sabot.jit.CompiledFilterProjection;
import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.Batch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A filter immediately followed by a projection, fused by the planner into one generated loop: the predicate is
 * evaluated per 64-row block and only the surviving rows are projected, each input value read once. The output is a
 * dense batch of the projected columns. Stateless.
 *
 * <p>Thread-safety: one thread at a time; instances share the compiled class. The input batch is always consumed.
 */
public final class FilterProjectOperator implements Operator
{
    private final Expr predicate;
    private final List<Projection> projections;
    private final Schema schema;
    private CompiledFilterProjection program;
    private OperatorContext context;

    /**
     * @param predicate   the filter.
     * @param projections the output columns.
     * @param schema      the input schema.
     */
    public FilterProjectOperator(final Expr predicate, final List<Projection> projections, final Schema schema)
    {
        this.predicate = predicate;
        this.projections = List.copyOf(projections);
        this.schema = schema;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        this.program = context.compiler().compileFilterProjection(predicate, projections, schema);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try (batch)
        {
            out.emit(program.apply(batch, context.allocator()));
        }
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
        return "FilterProject " + predicate + " -> " + projections;
    }
}
