package io.sabot.jit.bind;

/**
 * The operations of {@link Bound.Exact}: 64-bit integer arithmetic that detects overflow instead of wrapping, used
 * for decimals whose result precision exceeds 18 digits, and the rounding and range checks of decimal casts.
 *
 * <p>Thread-safety: immutable.
 */
public enum ExactOp
{
    /** {@code left + right}; overflows when the sum does not fit 64 bits. */
    ADD,
    /** {@code left - right}; overflows when the difference does not fit 64 bits. */
    SUB,
    /** {@code left * right}; overflows when the product does not fit 64 bits. */
    MUL,
    /** {@code left / right} rounded half away from zero; {@code right} is a positive power of ten; never overflows. */
    ROUND_DIV,
    /** {@code left}; overflows when {@code |left| >= right} (the value does not fit the target's digits). */
    FIT
}
