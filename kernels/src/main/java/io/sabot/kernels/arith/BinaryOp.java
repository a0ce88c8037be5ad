package io.sabot.kernels.arith;

/**
 * The binary arithmetic operations of {@link Arithmetic}, for asking {@link Arithmetic#resultType} what an operation
 * produces before allocating an output vector. Immutable.
 */
public enum BinaryOp
{
    /** {@code left + right}. */
    ADD("add", "+"),
    /** {@code left - right}. */
    SUBTRACT("subtract", "-"),
    /** {@code left * right}. */
    MULTIPLY("multiply", "*"),
    /** {@code left / right}: truncating for integers and decimals, IEEE 754 for floats. */
    DIVIDE("divide", "/");

    final String label;
    final String symbol;

    BinaryOp(final String label, final String symbol)
    {
        this.label = label;
        this.symbol = symbol;
    }
}
