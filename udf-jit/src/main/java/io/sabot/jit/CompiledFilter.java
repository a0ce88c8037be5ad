package io.sabot.jit;

import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A predicate compiled against a schema: batch to selection.
 *
 * <p>Thread-safety: immutable; one instance may filter batches on many threads at once. Ownership: the input batch
 * stays the caller's and is never closed; the returned selection is new and owned by the caller. Nulls: a row whose
 * predicate is null is not selected (only TRUE rows are).
 */
public final class CompiledFilter
{
    private final BoundProgram program;

    CompiledFilter(final BoundProgram program)
    {
        this.program = program;
    }

    /**
     * @param batch     the input; when it has a selection, only its selected rows are tested.
     * @param allocator where the result is allocated.
     * @return the positions (into the batch's vectors) of the rows where the predicate is true, in input order.
     * @throws io.sabot.common.SchemaException naming the column when the batch does not match the compiled schema.
     */
    public SelectionVector filter(final Batch batch, final BufferAllocator allocator)
    {
        return program.filter(batch, allocator);
    }

    /**
     * Filters into a caller-owned selection, so one selection can be reused batch after batch without allocating.
     *
     * @param batch the input; when it has a selection, only its selected rows are tested.
     * @param out   receives the positions (its count is set); capacity at least the number of rows tested.
     * @return the number of positions written.
     * @throws io.sabot.common.SchemaException when the batch does not match or {@code out} is too small.
     */
    public int filter(final Batch batch, final SelectionVector out)
    {
        return program.filterInto(batch, out);
    }

    /** @return the predicate's text form. */
    public String expression()
    {
        return program.expression();
    }

    /** @return the shape key (the cache key: the tree with literal values blanked). */
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
        return "CompiledFilter[" + expression() + (isCompiled() ? "" : ", interpreted: " + fallbackReason()) + "]";
    }
}
