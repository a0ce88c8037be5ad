package io.sabot.runtime.operator;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code UNION ALL} of {@code n} inputs: every batch of every input is passed on unchanged (no copy, no
 * de-duplication; add a {@link DistinctOperator} for {@code UNION}). Order between inputs is arrival order.
 *
 * <p>Schema: every batch must have the column names and types of the first batch seen on any input (nullability may
 * differ); otherwise {@link SchemaException} naming the input and both schemas, and the offending batch is closed.
 *
 * <p>Stateless apart from the schema check: bounded and unbounded input behave the same; nothing is held, so end of
 * input emits nothing, and checkpoints capture nothing ({@link StatelessOperator}; a restored instance learns the
 * schema again from its first batch). Nulls pass through. Ownership: each batch is handed on to the output (or closed on error).
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class UnionOperator implements StatelessOperator
{
    private final int inputs;
    private Schema schema;
    private int firstInput;

    /**
     * @param inputs how many inputs, at least 1; they are numbered {@code 0..inputs-1}.
     */
    public UnionOperator(final int inputs)
    {
        if (inputs < 1)
        {
            throw new SchemaException("a union needs at least one input, was " + inputs);
        }
        this.inputs = inputs;
    }

    /**
     * @return the number of inputs.
     */
    public int inputs()
    {
        return inputs;
    }

    @Override
    public void open(final OperatorContext context)
    {
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try
        {
            if (input < 0 || input >= inputs)
            {
                throw new SchemaException("union has inputs 0.." + (inputs - 1) + ", got a batch on input " + input);
            }
            if (schema == null)
            {
                schema = batch.schema();
                firstInput = input;
            }
            else if (!Batches.sameColumns(schema, batch.schema()))
            {
                throw new SchemaException("union input " + input + " has schema " + batch.schema() +
                    " but input " + firstInput + " has " + schema + "; union needs the same column names and types");
            }
        }
        catch (final RuntimeException e)
        {
            batch.close();
            throw e;
        }
        out.emit(batch);
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        // Nothing is held.
    }

    @Override
    public void close()
    {
        schema = null;
    }

    @Override
    public String toString()
    {
        return "Union(" + inputs + ")";
    }
}
