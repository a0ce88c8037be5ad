package io.sabot.common;

/**
 * An I/O operation on a named resource (a file, a socket) failed. The message names the resource and the operation.
 */
public class SabotIoException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final String resource;

    /**
     * @param message   what failed.
     * @param resource  the file or endpoint involved, never {@code null}.
     * @param cause     the underlying error, or {@code null}.
     */
    public SabotIoException(final String message, final String resource, final Throwable cause)
    {
        super(message + " (" + resource + ")", cause);
        this.resource = resource;
    }

    /**
     * @return the file or endpoint involved.
     */
    public String resource()
    {
        return resource;
    }
}
