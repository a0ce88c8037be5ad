package io.sabot.common;

/**
 * Keyed state could not be read, written or stored (a state backend failed: RocksDB could not open, read or write),
 * or a checkpoint could not be taken or restored (missing, corrupt, or from another job). The message names the state
 * or checkpoint and, where known, the directory.
 */
public class StateException extends SabotException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the state or checkpoint.
     */
    public StateException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, naming the state.
     * @param cause   the underlying failure.
     */
    public StateException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
