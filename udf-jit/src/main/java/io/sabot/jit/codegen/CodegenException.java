package io.sabot.jit.codegen;

/**
 * Code generation was impossible; the caller falls back to the interpreter. {@link #category()} is the short reason
 * counted in the statistics ("unsupported", "method too large", "verify error", "class format error",
 * "linkage error", "internal error"), the message the details.
 *
 * <p>Thread-safety: immutable.
 */
public final class CodegenException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String category;

    /**
     * @param category the short reason.
     * @param detail   what happened.
     * @param cause    the underlying error, or {@code null}.
     */
    public CodegenException(final String category, final String detail, final Throwable cause)
    {
        super(category + ": " + detail, cause);
        this.category = category;
    }

    /** @return the short reason counted in the statistics. */
    public String category()
    {
        return category;
    }
}
