package io.sabot.jit;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Projections compiled against a schema: batch to new vectors.
 *
 * <p>Thread-safety: immutable; one instance may project batches on many threads at once. Ownership: the input batch
 * stays the caller's and is never closed; the returned batch and its vectors are new and owned by the caller (if
 * anything fails midway, nothing stays allocated). Nulls: every operator is strict except and/or (Kleene), is_null,
 * if/case and coalesce; integer division or modulo by zero gives null.
 */
public final class CompiledProjection
{
    private final BoundProgram program;

    CompiledProjection(final BoundProgram program)
    {
        this.program = program;
    }

    /**
     * @param batch     the input; when it has a selection, one output row per selected row.
     * @param allocator where the outputs are allocated.
     * @return a batch of one vector per projection, no selection.
     * @throws io.sabot.common.SchemaException naming the column when the batch does not match the compiled schema.
     */
    public Batch project(final Batch batch, final BufferAllocator allocator)
    {
        return program.project(batch, allocator);
    }

    /**
     * Projects into caller-owned vectors, so one set of outputs can be reused batch after batch without allocating.
     *
     * @param batch   the input; when it has a selection, one output row per selected row.
     * @param outputs one vector per projection, of its type, with room for the rows read (UTF8 data grows); their
     *                value counts are set. Still owned by the caller.
     * @return the number of rows written.
     * @throws io.sabot.common.SchemaException when the batch does not match, or an output has the wrong type or too
     *                                         little room (nothing is written then).
     */
    public int project(final Batch batch, final java.util.List<org.apache.arrow.vector.FieldVector> outputs)
    {
        return program.projectInto(batch, outputs);
    }

    /**
     * @return the value type of each projection, in order (e.g. {@code decimal(31,4)} for a product of two
     *     {@code decimal(15,2)} columns): the type of the output vectors to pass or to expect.
     */
    public java.util.List<io.sabot.jit.expr.ValueType> outputTypes()
    {
        return program.outputTypes();
    }

    /** @return the projections' text form. */
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
        return "CompiledProjection[" + expression() + (isCompiled() ? "" : ", interpreted: " + fallbackReason()) +
            "]";
    }
}
