package io.sabot.simd;

/**
 * The six comparison operators shared by {@link Comparisons} and the comparison kernels.
 *
 * <p>On floating-point values they are the IEEE 754 comparisons, as in Arrow C++ compute: every operator involving
 * NaN is false except {@link #NE}, which is true; {@code -0.0} equals {@code 0.0}.
 *
 * <p>Thread-safety: immutable.
 */
public enum CompareOp
{
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE;

    /**
     * @return the operator with its operands swapped: {@code a OP b == b OP.swap() a} (LT becomes GT, EQ stays EQ).
     */
    public CompareOp swap()
    {
        return switch (this)
        {
            case EQ -> EQ;
            case NE -> NE;
            case LT -> GT;
            case LE -> GE;
            case GT -> LT;
            case GE -> LE;
        };
    }

    /**
     * @param order the sign of a three-way comparison ({@code < 0}, {@code 0}, {@code > 0}) of {@code a} and
     *              {@code b}, for totally ordered types.
     * @return whether {@code a OP b} holds.
     */
    public boolean test(final int order)
    {
        return switch (this)
        {
            case EQ -> order == 0;
            case NE -> order != 0;
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
        };
    }

    /**
     * @return the lower-case name used in messages and by Arrow C++ ({@code "less_equal"} etc.).
     */
    public String arrowName()
    {
        return switch (this)
        {
            case EQ -> "equal";
            case NE -> "not_equal";
            case LT -> "less";
            case LE -> "less_equal";
            case GT -> "greater";
            case GE -> "greater_equal";
        };
    }
}
