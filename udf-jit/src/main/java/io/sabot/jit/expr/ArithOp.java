package io.sabot.jit.expr;

/**
 * Binary arithmetic. Both operands are promoted to one numeric type ({@link DataType#promote}), which is also the
 * result type. Semantics are Java's: integer {@code + - *} wrap on overflow, integer {@code /} truncates toward zero,
 * {@code %} takes the sign of the dividend, float operations are IEEE 754. The one departure: integer {@code /} and
 * {@code %} by zero give null (as in DuckDB) instead of throwing, so a bad row never aborts a batch.
 *
 * <p>Thread-safety: immutable.
 */
public enum ArithOp
{
    /** {@code a + b}. */
    ADD("+"),
    /** {@code a - b}. */
    SUB("-"),
    /** {@code a * b}. */
    MUL("*"),
    /** {@code a / b}. */
    DIV("/"),
    /** {@code a % b}. */
    MOD("%");

    private final String symbol;

    ArithOp(final String symbol)
    {
        this.symbol = symbol;
    }

    /**
     * @return the infix symbol of the text form.
     */
    public String symbol()
    {
        return symbol;
    }
}
