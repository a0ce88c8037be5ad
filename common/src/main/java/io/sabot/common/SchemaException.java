package io.sabot.common;

/**
 * The shape of the input is wrong: an unknown column, a type a kernel does not accept, vectors of different lengths,
 * a selection that points outside its vector. Raised before any row is processed, so no output is half-written.
 */
public class SchemaException extends SabotException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, naming the column or type involved.
     */
    public SchemaException(final String message)
    {
        super(message);
    }
}
