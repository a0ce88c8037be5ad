package io.sabot.jit.bind;

import io.sabot.common.SchemaException;

/**
 * An expression does not type-check against a schema: an unknown column, a column of an Arrow type expressions do
 * not support, or an operator applied to operands of the wrong types. The message names the offending
 * sub-expression (in the text form) and the column involved, e.g.
 * {@code type error in (s + 1): '+' needs numeric operands but s is utf8 (column 's')}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class ExpressionTypeException extends SchemaException
{
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String column;

    /**
     * @param message    the whole message, naming {@code expression} and {@code column}.
     * @param expression the offending sub-expression in the text form.
     * @param column     the column involved, or {@code null} if none is.
     */
    public ExpressionTypeException(final String message, final String expression, final String column)
    {
        super(message);
        this.expression = expression;
        this.column = column;
    }

    /**
     * @return the text form of the smallest sub-expression that does not type-check.
     */
    public String expression()
    {
        return expression;
    }

    /**
     * @return the name of the column involved (the first one if the offending operand reads several), or
     *     {@code null} if the offending operands read no column.
     */
    public String column()
    {
        return column;
    }
}
