package io.sabot.jit.expr;

/**
 * Math functions with {@link Math}'s semantics (NaN in gives NaN out, {@code sqrt(-1)} is NaN, {@code log(0)} is
 * -Infinity, {@code min}/{@code max} order -0.0 before 0.0 and propagate NaN).
 *
 * <pre>
 *   function   arity  argument types          result
 *   abs        1      numeric                 same (abs(INT_MIN) wraps to INT_MIN, as Math.abs)
 *   min, max   2      numeric, promoted       promoted type
 *   sqrt, exp, log, floor, ceil
 *              1      numeric, cast to f64    FLOAT64
 *   pow        2      numeric, cast to f64    FLOAT64
 * </pre>
 *
 * <p>Thread-safety: immutable.
 */
public enum MathFn
{
    /** {@link Math#abs}. */
    ABS("abs", 1),
    /** {@link Math#sqrt}. */
    SQRT("sqrt", 1),
    /** {@link Math#exp}. */
    EXP("exp", 1),
    /** {@link Math#log} (natural). */
    LOG("log", 1),
    /** {@link Math#floor}. */
    FLOOR("floor", 1),
    /** {@link Math#ceil}. */
    CEIL("ceil", 1),
    /** {@link Math#pow}. */
    POW("pow", 2),
    /** {@link Math#min}. */
    MIN("min", 2),
    /** {@link Math#max}. */
    MAX("max", 2);

    private final String functionName;
    private final int arity;

    MathFn(final String functionName, final int arity)
    {
        this.functionName = functionName;
        this.arity = arity;
    }

    /**
     * @return the name in the text form.
     */
    public String functionName()
    {
        return functionName;
    }

    /**
     * @return the number of arguments.
     */
    public int arity()
    {
        return arity;
    }

    /**
     * @return true when the result is FLOAT64 whatever the argument type.
     */
    public boolean alwaysFloat64()
    {
        return this == SQRT || this == EXP || this == LOG || this == FLOOR || this == CEIL || this == POW;
    }

    /**
     * @param name a function name.
     * @return the function, or {@code null}.
     */
    public static MathFn byName(final String name)
    {
        for (final MathFn f : values())
        {
            if (f.functionName.equals(name))
            {
                return f;
            }
        }
        return null;
    }
}
