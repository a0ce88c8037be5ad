package io.sabot.common;

/**
 * Root of Sabot's unchecked error hierarchy. Every error Sabot raises on bad input or a failed environment is a
 * subtype that says what kind of thing went wrong; messages name the column, row, file, offset or worker involved.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class SabotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the column, row, file or worker involved.
     */
    public SabotException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong.
     * @param cause   the underlying failure.
     */
    public SabotException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
