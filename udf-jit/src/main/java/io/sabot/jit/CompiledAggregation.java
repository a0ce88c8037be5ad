package io.sabot.jit;

import io.sabot.jit.exec.AccumulatorLayout;
import io.sabot.jit.expr.ValueType;
import io.sabot.kernels.Batch;

import java.util.List;

/**
 * An optional predicate and aggregate inputs fused into one generated loop that adds, for every row where the
 * predicate is true, each input to the accumulators of the row's group code: whole-stage code generation of a
 * filter, its projections and the update of a small-domain ("perfect hash") aggregation, with nothing materialized.
 * The caller assigns group codes and owns the accumulator arrays ({@link AccumulatorLayout}).
 *
 * <p>There is no interpreted form: when the shape cannot be compiled, {@link #isCompiled()} is false,
 * {@link #accumulate} must not be called, and the caller aggregates another way.
 *
 * <p>Thread-safety: immutable; one instance may run on many threads at once, each with its own arrays. Ownership:
 * the batch stays the caller's. Nulls: a row whose predicate is null is skipped; inputs as in
 * {@link AccumulatorLayout}. Exact decimal arithmetic that overflows 64 bits fails with a
 * {@link io.sabot.common.DataException}, as the same projection would.
 */
public final class CompiledAggregation
{
    private final BoundProgram program;
    private final AccumulatorLayout layout;
    private final List<ValueType> inputTypes;

    CompiledAggregation(final BoundProgram program, final AccumulatorLayout layout, final List<ValueType> inputTypes)
    {
        this.program = program;
        this.layout = layout;
        this.inputTypes = List.copyOf(inputTypes);
    }

    /**
     * @param batch   the input; when it has a selection, only its selected rows are read.
     * @param codes   the group code of every row read, {@code codes[row]} (with a selection: at the selected
     *                positions; other entries are not read), each below {@code longs.length / longStride}.
     * @param longs   long accumulators, {@link AccumulatorLayout#longStride()} per code.
     * @param doubles double accumulators, {@link AccumulatorLayout#doubleStride()} per code.
     * @return the rows read (the predicate may have skipped some).
     * @throws IllegalStateException when the shape was not compiled.
     * @throws io.sabot.common.SchemaException naming the column when the batch does not match the compiled schema.
     */
    public int accumulate(final Batch batch, final int[] codes, final long[] longs, final double[] doubles)
    {
        if (!program.isCompiled())
        {
            throw new IllegalStateException("aggregation not compiled: " + program.fallbackReason());
        }
        return program.accumulate(batch, codes, longs, doubles);
    }

    /** @return where each input's accumulators are. */
    public AccumulatorLayout layout()
    {
        return layout;
    }

    /** @return the value type of each input (e.g. {@code decimal(31,4)}: sums are unscaled at that scale). */
    public List<ValueType> inputTypes()
    {
        return inputTypes;
    }

    /** @return true when a generated class runs it. */
    public boolean isCompiled()
    {
        return program.isCompiled();
    }

    /** @return why it is not compiled, or {@code null}. */
    public String fallbackReason()
    {
        return program.fallbackReason();
    }

    /** @return the text form. */
    public String expression()
    {
        return program.expression();
    }

    @Override
    public String toString()
    {
        return "CompiledAggregation[" + expression() + " " + layout +
            (isCompiled() ? "" : ", not compiled: " + fallbackReason()) + "]";
    }
}
