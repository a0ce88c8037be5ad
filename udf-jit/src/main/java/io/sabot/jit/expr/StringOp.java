package io.sabot.jit.expr;

/**
 * Predicates on two UTF8 operands, compared byte-wise (UTF-8 byte order equals code point order). Both operands may
 * be any UTF8 expression; a null operand gives null.
 *
 * <p>Thread-safety: immutable.
 */
public enum StringOp
{
    /** Byte-wise equality. */
    EQUALS("equals"),
    /** The left operand begins with the right. */
    STARTS_WITH("starts_with"),
    /** The left operand ends with the right. */
    ENDS_WITH("ends_with"),
    /** The right operand occurs in the left (the empty string occurs everywhere). */
    CONTAINS("contains");

    private final String functionName;

    StringOp(final String functionName)
    {
        this.functionName = functionName;
    }

    /**
     * @return the name in the text form.
     */
    public String functionName()
    {
        return functionName;
    }

    /**
     * @param name a function name.
     * @return the operation, or {@code null}.
     */
    public static StringOp byName(final String name)
    {
        for (final StringOp op : values())
        {
            if (op.functionName.equals(name))
            {
                return op;
            }
        }
        return null;
    }
}
