package io.sabot.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Availability of Sabot's native bindings and the shared plumbing the binding classes use to resolve symbols.
 *
 * <p>The system property {@value #DISABLE_PROPERTY} takes a comma list of {@value #LIBC}, {@value #LIBNUMA},
 * {@value #IO_URING}, or {@code all}; a named binding then reports {@link NativeStatus.Reason#FORCED_OFF} so tests can
 * exercise the portable paths. The property is read when each binding class initialises (once per JVM), so the
 * forced-off tests run in their own surefire execution with {@code -Dsabot.native.disable=all}.
 *
 * <p>Thread-safety: stateless apart from class initialisation; safe from any thread.
 */
public final class NativeLibraries
{
    /** System property naming bindings to force off. */
    public static final String DISABLE_PROPERTY = "sabot.native.disable";
    /** Binding name of the C library ({@link Libc}). */
    public static final String LIBC = "libc";
    /** Binding name of libnuma ({@link LibNuma}). */
    public static final String LIBNUMA = "libnuma";
    /** Binding name of the io_uring syscalls (package {@code io.sabot.ffi.uring}). */
    public static final String IO_URING = "io_uring";

    private static final Linker LINKER = Linker.nativeLinker();

    private NativeLibraries()
    {
    }

    /**
     * @param binding one of {@link #LIBC}, {@link #LIBNUMA}, {@link #IO_URING}.
     * @return true when {@value #DISABLE_PROPERTY} names the binding or {@code all}.
     */
    public static boolean isForcedOff(final String binding)
    {
        final String value = System.getProperty(DISABLE_PROPERTY, "");
        for (final String part : value.split(","))
        {
            final String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.equals("all") || name.equals(binding))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param binding the binding name.
     * @return the forced-off status quoting the property.
     */
    public static NativeStatus forcedOff(final String binding)
    {
        return NativeStatus.unavailable(NativeStatus.Reason.FORCED_OFF,
            "-D" + DISABLE_PROPERTY + "=" + System.getProperty(DISABLE_PROPERTY, "") + " disables " + binding);
    }

    /**
     * @return the platform's native linker.
     */
    public static Linker linker()
    {
        return LINKER;
    }

    /**
     * Loads a shared library into the global arena (never unloaded).
     *
     * @param fileName the soname, e.g. {@code "libnuma.so.1"}.
     * @return the lookup, or empty if the library cannot be loaded.
     */
    public static Optional<SymbolLookup> loadLibrary(final String fileName)
    {
        try
        {
            return Optional.of(SymbolLookup.libraryLookup(fileName, Arena.global()));
        }
        catch (final IllegalArgumentException | UnsatisfiedLinkError ex)
        {
            return Optional.empty();
        }
    }

    /**
     * Creates a downcall handle, or null when the lookup is null or lacks the symbol (callers keep the null in a
     * {@code static final} field and throw {@link NativeUnavailableException} on use).
     *
     * @param lookup     the library lookup, may be null when the library is unavailable.
     * @param name       the C symbol.
     * @param descriptor its signature.
     * @param options    linker options (variadic, errno capture, critical).
     * @return the handle, or null if unavailable.
     */
    public static MethodHandle downcallOrNull(
        final SymbolLookup lookup, final String name, final FunctionDescriptor descriptor, final Linker.Option... options)
    {
        if (lookup == null)
        {
            return null;
        }
        final Optional<MemorySegment> symbol = lookup.find(name);
        return symbol.map(address -> LINKER.downcallHandle(address, descriptor, options)).orElse(null);
    }

    /**
     * @param library    the binding name for messages.
     * @param libStatus  the library's status.
     * @param lookup     the lookup (null when the library is unavailable).
     * @param name       the symbol.
     * @return the status of one function: the library's if unavailable, else symbol missing or available.
     */
    public static NativeStatus symbolStatus(
        final String library, final NativeStatus libStatus, final SymbolLookup lookup, final String name)
    {
        if (!libStatus.isAvailable())
        {
            return libStatus;
        }
        if (lookup == null || lookup.find(name).isEmpty())
        {
            return NativeStatus.unavailable(NativeStatus.Reason.SYMBOL_MISSING, library + " does not export " + name);
        }
        return NativeStatus.available();
    }
}
