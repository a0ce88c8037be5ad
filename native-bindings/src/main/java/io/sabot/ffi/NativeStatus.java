package io.sabot.ffi;

import java.util.Objects;

/**
 * Whether a native library or function can be called, and if not, precisely why.
 *
 * <p>Thread-safety: immutable.
 */
public final class NativeStatus
{
    /**
     * Why a binding is or is not usable.
     */
    public enum Reason
    {
        /** Library loaded and symbol resolved. */
        AVAILABLE,
        /** The shared library could not be found or loaded. */
        LIBRARY_NOT_FOUND,
        /** The library loaded but does not export the symbol. */
        SYMBOL_MISSING,
        /** The library loaded but reports the facility unsupported (e.g. {@code numa_available() == -1}). */
        NOT_SUPPORTED,
        /** Forced off with the {@code sabot.native.disable} system property. */
        FORCED_OFF
    }

    private static final NativeStatus AVAILABLE_STATUS = new NativeStatus(Reason.AVAILABLE, "available");

    private final Reason reason;
    private final String detail;

    private NativeStatus(final Reason reason, final String detail)
    {
        this.reason = reason;
        this.detail = detail;
    }

    /**
     * @return the shared "available" status.
     */
    public static NativeStatus available()
    {
        return AVAILABLE_STATUS;
    }

    /**
     * @param reason why it is unavailable, not {@link Reason#AVAILABLE}.
     * @param detail a precise explanation (library file, symbol name, property value), never null.
     * @return an unavailable status.
     */
    public static NativeStatus unavailable(final Reason reason, final String detail)
    {
        if (reason == Reason.AVAILABLE)
        {
            throw new IllegalArgumentException("unavailable status needs a reason other than AVAILABLE");
        }
        return new NativeStatus(reason, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * @return true when the binding can be called.
     */
    public boolean isAvailable()
    {
        return reason == Reason.AVAILABLE;
    }

    /**
     * @return why it is (un)available.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * @return the explanation, "available" when available.
     */
    public String detail()
    {
        return detail;
    }

    @Override
    public String toString()
    {
        return reason + " (" + detail + ")";
    }
}
