package io.sabot.jit.expr;

import io.sabot.jit.udf.Udf;

import java.util.ArrayList;
import java.util.List;

/**
 * Static factories for {@link Expr}; with the fluent methods on {@code Expr} they read like the text form:
 *
 * <pre>{@code
 *   import static io.sabot.jit.expr.Exprs.*;
 *   Expr e = col("a").mul(col("b")).add(col("c")).gt(lit(10.0));      // ((a * b) + c) > 10.0
 *   Expr f = ifThen(col("x").isNull(), lit(0L), col("x"));               // if(is_null(x), 0L, x)
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class Exprs
{
    private Exprs()
    {
    }

    /** @param name a column name. @return a reference to it. */
    public static Expr col(final String name)
    {
        return new Expr.Column(name);
    }

    /** @param v a value. @return a BOOLEAN literal. */
    public static Expr lit(final boolean v)
    {
        return new Expr.Literal(DataType.BOOLEAN, v);
    }

    /** @param v a value. @return an INT32 literal. */
    public static Expr lit(final int v)
    {
        return new Expr.Literal(DataType.INT32, v);
    }

    /** @param v a value. @return an INT64 literal. */
    public static Expr lit(final long v)
    {
        return new Expr.Literal(DataType.INT64, v);
    }

    /** @param v a value. @return a FLOAT32 literal. */
    public static Expr lit(final float v)
    {
        return new Expr.Literal(DataType.FLOAT32, v);
    }

    /** @param v a value. @return a FLOAT64 literal. */
    public static Expr lit(final double v)
    {
        return new Expr.Literal(DataType.FLOAT64, v);
    }

    /** @param v a value, not null. @return a UTF8 literal. */
    public static Expr lit(final String v)
    {
        return new Expr.Literal(DataType.UTF8, java.util.Objects.requireNonNull(v, "v"));
    }

    /**
     * @param isoDate a date as {@code yyyy-mm-dd}.
     * @return a DATE literal.
     * @throws java.time.format.DateTimeParseException if the text is not a valid date.
     */
    public static Expr date(final String isoDate)
    {
        return date(java.time.LocalDate.parse(isoDate));
    }

    /** @param v a date, not null. @return a DATE literal. */
    public static Expr date(final java.time.LocalDate v)
    {
        return new Expr.Literal(DataType.DATE, java.util.Objects.requireNonNull(v, "v"));
    }

    /**
     * @param plain a decimal number such as {@code 0.05} or {@code -24}; its digits after the point are its scale.
     * @return a DECIMAL literal.
     * @throws NumberFormatException if the text is not a number.
     */
    public static Expr decimal(final String plain)
    {
        return decimal(new java.math.BigDecimal(plain));
    }

    /** @param v a value, not null; its scale is kept (a negative scale is set to 0). @return a DECIMAL literal. */
    public static Expr decimal(final java.math.BigDecimal v)
    {
        java.util.Objects.requireNonNull(v, "v");
        return new Expr.Literal(DataType.DECIMAL, v.scale() < 0 ? v.setScale(0) : v);
    }

    /** @param type a type. @return a null of that type. */
    public static Expr nullOf(final DataType type)
    {
        return new Expr.Literal(type, null);
    }

    /**
     * @param condition a boolean expression.
     * @param then      value where it is true.
     * @param otherwise value elsewhere (false or null).
     * @return {@code if(condition, then, otherwise)}.
     */
    public static Expr ifThen(final Expr condition, final Expr then, final Expr otherwise)
    {
        return new Expr.If(condition, then, otherwise);
    }

    /**
     * Starts a {@code case}: {@code caseWhen(c1, v1).when(c2, v2).otherwise(v)} or {@code .end()} for a null default.
     *
     * @param condition first condition.
     * @param result    its value.
     * @return a builder.
     */
    public static CaseBuilder caseWhen(final Expr condition, final Expr result)
    {
        return new CaseBuilder().when(condition, result);
    }

    /** @param args candidates in order. @return {@code coalesce(args...)}. */
    public static Expr coalesce(final Expr... args)
    {
        return new Expr.Coalesce(List.of(args));
    }

    /** @param a operand. @return {@code abs(a)}. */
    public static Expr abs(final Expr a)
    {
        return new Expr.MathCall(MathFn.ABS, List.of(a));
    }

    /** @param a operand. @return {@code sqrt(a)}. */
    public static Expr sqrt(final Expr a)
    {
        return new Expr.MathCall(MathFn.SQRT, List.of(a));
    }

    /** @param a operand. @return {@code exp(a)}. */
    public static Expr exp(final Expr a)
    {
        return new Expr.MathCall(MathFn.EXP, List.of(a));
    }

    /** @param a operand. @return {@code log(a)}. */
    public static Expr log(final Expr a)
    {
        return new Expr.MathCall(MathFn.LOG, List.of(a));
    }

    /** @param a operand. @return {@code floor(a)}. */
    public static Expr floor(final Expr a)
    {
        return new Expr.MathCall(MathFn.FLOOR, List.of(a));
    }

    /** @param a operand. @return {@code ceil(a)}. */
    public static Expr ceil(final Expr a)
    {
        return new Expr.MathCall(MathFn.CEIL, List.of(a));
    }

    /** @param a base. @param b exponent. @return {@code pow(a, b)}. */
    public static Expr pow(final Expr a, final Expr b)
    {
        return new Expr.MathCall(MathFn.POW, List.of(a, b));
    }

    /** @param a operand. @param b operand. @return {@code min(a, b)}. */
    public static Expr min(final Expr a, final Expr b)
    {
        return new Expr.MathCall(MathFn.MIN, List.of(a, b));
    }

    /** @param a operand. @param b operand. @return {@code max(a, b)}. */
    public static Expr max(final Expr a, final Expr b)
    {
        return new Expr.MathCall(MathFn.MAX, List.of(a, b));
    }

    /** @param s a UTF8 expression. @return its length in code points. */
    public static Expr length(final Expr s)
    {
        return new Expr.Length(s);
    }

    /** @param udf a lambda UDF. @param args its arguments. @return the call. */
    public static Expr call(final Udf udf, final Expr... args)
    {
        return new Expr.UdfCall(udf, List.of(args));
    }

    /**
     * Builds a {@link Expr.Case}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class CaseBuilder
    {
        private final List<Expr.When> whens = new ArrayList<>();

        private CaseBuilder()
        {
        }

        /** @param condition condition. @param result value. @return this. */
        public CaseBuilder when(final Expr condition, final Expr result)
        {
            whens.add(new Expr.When(condition, result));
            return this;
        }

        /** @param otherwise the default. @return the case expression. */
        public Expr otherwise(final Expr otherwise)
        {
            return new Expr.Case(whens, java.util.Objects.requireNonNull(otherwise, "otherwise"));
        }

        /** @return the case expression with a null default. */
        public Expr end()
        {
            return new Expr.Case(whens, null);
        }
    }
}
