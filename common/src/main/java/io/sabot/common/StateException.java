package io.sabot.common;

/**
 * Keyed state could not be read, written or stored (a state backend failed: RocksDB could not open, read or write).
 * The message names the state and, where known, the directory.
 */
public class StateException extends SabotException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the state.
     * @param cause   the underlying failure.
     */
    public StateException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
