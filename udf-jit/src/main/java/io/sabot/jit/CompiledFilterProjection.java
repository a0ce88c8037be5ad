package io.sabot.jit;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A predicate and projections fused: the projections of the rows where the predicate is true, reading each input
 * row once (per 64-row block the predicate bits are computed, then only the selected rows are projected).
 *
 * <p>Thread-safety: immutable; one instance may run on many threads at once. Ownership: the input batch stays the
 * caller's and is never closed; the returned batch is new and owned by the caller (nothing stays allocated on
 * failure). Nulls: a row whose predicate is null is dropped; projections as in {@link CompiledProjection}.
 */
public final class CompiledFilterProjection
{
    private final BoundProgram program;

    CompiledFilterProjection(final BoundProgram program)
    {
        this.program = program;
    }

    /**
     * @param batch     the input; when it has a selection, only its selected rows are considered.
     * @param allocator where the outputs are allocated.
     * @return a batch of one vector per projection holding the selected rows densely, no selection.
     * @throws io.sabot.common.SchemaException naming the column when the batch does not match the compiled schema.
     */
    public Batch apply(final Batch batch, final BufferAllocator allocator)
    {
        return program.project(batch, allocator);
    }

    /**
     * @return the value type of each projection, in order (e.g. {@code decimal(31,4)} for a product of two
     *     {@code decimal(15,2)} columns): the type of the output vectors to pass or to expect.
     */
    public java.util.List<io.sabot.jit.expr.ValueType> outputTypes()
    {
        return program.outputTypes();
    }

    /** @return the text form ({@code where <predicate> select <projections>}). */
    public String expression()
    {
        return program.expression();
    }

    /** @return the shape key. */
    public String shapeKey()
    {
        return program.shapeKey();
    }

    /** @return true when a generated class runs it, false when the interpreter does. */
    public boolean isCompiled()
    {
        return program.isCompiled();
    }

    /** @return why it runs on the interpreter, or {@code null} when compiled. */
    public String fallbackReason()
    {
        return program.fallbackReason();
    }

    @Override
    public String toString()
    {
        return "CompiledFilterProjection[" + expression() +
            (isCompiled() ? "" : ", interpreted: " + fallbackReason()) + "]";
    }
}
