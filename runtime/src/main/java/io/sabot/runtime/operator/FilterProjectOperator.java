package io.sabot.runtime.operator;

import java.util.List;

import io.sabot.jit.CompiledFilterProjection;
import io.sabot.jit.CompiledProjection;
import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.Batch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A filter immediately followed by a projection, fused by the planner. The output is a dense batch of the projected
 * columns. Stateless apart from a selectivity estimate.
 *
 * <p>Two strategies, chosen per morsel from the selectivity seen so far (adaptive, as in Vectorwise): when most rows
 * survive, one generated loop evaluates the predicate per 64-row block and projects the survivors of each block at
 * once, each input value read once; when few survive (below {@value #SPLIT_BELOW_PERCENT}%), per-block projection
 * overhead dominates, so the vectorized filter runs over the whole morsel into a selection and the projection then
 * runs over the selected rows only. Both give the same rows in the same order, so the estimate is not
 * checkpointed ({@link StatelessOperator}): a restored instance starts learning it again.
 *
 * <p>Thread-safety: one thread at a time; instances share the compiled classes. The input batch is always consumed.
 */
public final class FilterProjectOperator implements StatelessOperator
{
    static final int SPLIT_BELOW_PERCENT = 30;
    private static final long DECAY_ROWS = 1L << 22;

    private final Expr predicate;
    private final List<Projection> projections;
    private final Schema schema;
    private CompiledFilterProjection fused;
    private FilterOperator filterOnly;
    private CompiledProjection projection;
    private Batch captured;
    /** Receives the filter's survivors in the low-selectivity strategy. */
    private final Output capture = new Output()
    {
        @Override
        public void emit(final Batch batch)
        {
            captured = batch;
        }

        @Override
        public void emitWatermark(final Watermark watermark)
        {
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
        }
    };
    private OperatorContext context;
    private long seenRows;
    private long keptRows;

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
        this.fused = context.compiler().compileFilterProjection(predicate, projections, schema);
        this.filterOnly = new FilterOperator(predicate, schema);
        filterOnly.open(context);
        this.projection = context.compiler().compileProjection(projections, schema);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final int live = batch.selection() == null ? batch.rowCount() : batch.selection().count();
        if (seenRows >= 8192 && keptRows * 100 < seenRows * SPLIT_BELOW_PERCENT)
        {
            split(batch, live, out);
            return;
        }
        try (batch)
        {
            final Batch result = fused.apply(batch, context.allocator());
            count(live, result.rowCount());
            out.emit(result);
        }
    }

    private void split(final Batch batch, final int live, final Output out)
    {
        filterOnly.processBatch(0, batch, capture);
        final Batch survivors = captured;
        captured = null;
        if (survivors == null)
        {
            count(live, 0);
            return;
        }
        try (survivors)
        {
            count(live, survivors.selection() == null ? survivors.rowCount() : survivors.selection().count());
            out.emit(projection.project(survivors, context.allocator()));
        }
    }

    private void count(final int live, final int kept)
    {
        seenRows += live;
        keptRows += kept;
        if (seenRows > DECAY_ROWS)
        {
            // recent morsels count more: the estimate follows a selectivity that drifts
            seenRows >>= 1;
            keptRows >>= 1;
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
