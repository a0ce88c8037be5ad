package io.sabot.kernels.arith;

/**
 * What integer and decimal arithmetic does when a result does not fit its type.
 *
 * <p>Division by zero is never affected by this choice: integer and decimal division by zero always raise
 * {@link io.sabot.common.DataException} (as Arrow C++ does); float division follows IEEE 754.
 */
public enum Overflow
{
    /**
     * Two's complement wrap-around, like Arrow C++'s non-checked kernels ({@code add}, {@code multiply}, ...);
     * {@code MIN_VALUE / -1} gives {@code MIN_VALUE}. Decimal results are not checked against their precision.
     */
    WRAP,

    /**
     * Raise {@link io.sabot.common.DataException} naming the column(s) and the first non-null row whose result
     * overflows, like Arrow C++'s {@code *_checked} kernels; decimals must also fit their result precision.
     */
    CHECK
}
