package io.sabot.control.cli;

/**
 * The command line was wrong: the CLI prints the message and the command's usage, and exits with status 2.
 */
final class UsageException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    UsageException(final String message)
    {
        super(message);
    }
}
