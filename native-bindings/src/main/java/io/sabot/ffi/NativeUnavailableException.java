package io.sabot.ffi;

import io.sabot.common.SabotException;

/**
 * A binding was called although it is unavailable on this machine (library not found, symbol missing, not supported
 * by the kernel, or forced off with {@code -Dsabot.native.disable}). Callers are expected to check
 * {@code isAvailable()} first and take their portable path; this exception marks a caller that did not.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class NativeUnavailableException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final String library;
    private final String function;
    private final NativeStatus status;

    /**
     * @param library  the library name as used by {@link NativeLibraries} (e.g. {@code "libnuma"}).
     * @param function the C function that was called.
     * @param status   why it is unavailable, never an available status.
     */
    public NativeUnavailableException(final String library, final String function, final NativeStatus status)
    {
        super(library + "." + function + " is unavailable: " + status.reason() + " (" + status.detail() + ")");
        this.library = library;
        this.function = function;
        this.status = status;
    }

    /**
     * @return the library name as used by {@link NativeLibraries}.
     */
    public String library()
    {
        return library;
    }

    /**
     * @return the C function that was called.
     */
    public String function()
    {
        return function;
    }

    /**
     * @return why the binding is unavailable.
     */
    public NativeStatus status()
    {
        return status;
    }
}
