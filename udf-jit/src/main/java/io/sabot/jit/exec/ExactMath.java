package io.sabot.jit.exec;

/**
 * The arithmetic of {@code Bound.Exact} nodes, shared by the interpreter and generated code: each method returns the
 * (possibly wrapped) result and, when a non-null result does not fit, records {@code site + 1} in
 * {@link Frame#overflow} instead of throwing, so hot loops never throw; the caller checks the frame after the run.
 *
 * <p>Thread-safety: stateless; the frame belongs to one run.
 */
public final class ExactMath
{
    private ExactMath()
    {
    }

    /**
     * @param a left operand. @param b right operand. @param isNull non-zero when the result is null.
     * @param frame the run's frame. @param site the node's site number.
     * @return {@code a + b}.
     */
    public static long add(final long a, final long b, final int isNull, final Frame frame, final int site)
    {
        final long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0 && isNull == 0)
        {
            frame.overflow = site + 1;
        }
        return r;
    }

    /**
     * @param a left operand. @param b right operand. @param isNull non-zero when the result is null.
     * @param frame the run's frame. @param site the node's site number.
     * @return {@code a - b}.
     */
    public static long sub(final long a, final long b, final int isNull, final Frame frame, final int site)
    {
        final long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0 && isNull == 0)
        {
            frame.overflow = site + 1;
        }
        return r;
    }

    /**
     * @param a left operand. @param b right operand. @param isNull non-zero when the result is null.
     * @param frame the run's frame. @param site the node's site number.
     * @return {@code a * b}.
     */
    public static long mul(final long a, final long b, final int isNull, final Frame frame, final int site)
    {
        final long r = a * b;
        if (Math.multiplyHigh(a, b) != (r >> 63) && isNull == 0)
        {
            frame.overflow = site + 1;
        }
        return r;
    }

    /**
     * @param a the value. @param b a positive power of ten (anything else gives {@code a}).
     * @return {@code a / b} rounded half away from zero.
     */
    public static long roundDiv(final long a, final long b)
    {
        if (b <= 1)
        {
            return a;
        }
        final long q = a / b;
        final long rem = a % b;
        final long half = b >>> 1;
        return rem >= half ? q + 1 : rem <= -half ? q - 1 : q;
    }

    /**
     * @param a the value. @param bound the exclusive bound of its magnitude. @param isNull non-zero when null.
     * @param frame the run's frame. @param site the node's site number.
     * @return {@code a}.
     */
    public static long fit(final long a, final long bound, final int isNull, final Frame frame, final int site)
    {
        if ((a >= bound || a <= -bound) && isNull == 0)
        {
            frame.overflow = site + 1;
        }
        return a;
    }
}
