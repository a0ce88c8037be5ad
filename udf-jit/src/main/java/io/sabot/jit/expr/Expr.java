package io.sabot.jit.expr;

import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;

import java.util.List;
import java.util.Objects;

/**
 * An unbound expression: columns are named, types are not yet known. {@code Binder} checks it against a schema and
 * produces the typed tree that the compiler and the interpreter run. Build one with {@link Exprs} and the fluent
 * methods here, or parse its text form with {@code ExprParser}; {@link #toString()} prints that text form, and
 * parsing it gives back an equal tree.
 *
 * <p>Null semantics: every operator is strict (a null operand gives null) except {@code and}/{@code or}/{@code not}
 * (Kleene three-valued logic), {@code is_null}, {@code if}/{@code case} (only the chosen branch matters; a null
 * condition chooses the else branch) and {@code coalesce} (the first non-null argument).
 *
 * <p>Thread-safety: immutable; records compare by value.
 */
public sealed interface Expr permits Expr.Column, Expr.Literal, Expr.Arith, Expr.Negate, Expr.Compare, Expr.And,
    Expr.Or, Expr.Not, Expr.IsNull, Expr.If, Expr.Case, Expr.Cast, Expr.Coalesce, Expr.MathCall,
    Expr.StringPredicate, Expr.Length, Expr.UdfCall
{
    // ---- fluent construction ---------------------------------------------------------------------------------

    /** @param other right operand. @return {@code this + other}. */
    default Expr add(final Expr other)
    {
        return new Arith(ArithOp.ADD, this, other);
    }

    /** @param other right operand. @return {@code this - other}. */
    default Expr sub(final Expr other)
    {
        return new Arith(ArithOp.SUB, this, other);
    }

    /** @param other right operand. @return {@code this * other}. */
    default Expr mul(final Expr other)
    {
        return new Arith(ArithOp.MUL, this, other);
    }

    /** @param other right operand. @return {@code this / other}. */
    default Expr div(final Expr other)
    {
        return new Arith(ArithOp.DIV, this, other);
    }

    /** @param other right operand. @return {@code this % other}. */
    default Expr mod(final Expr other)
    {
        return new Arith(ArithOp.MOD, this, other);
    }

    /** @return {@code -this}. */
    default Expr negate()
    {
        return new Negate(this);
    }

    /** @param other right operand. @return {@code this = other}. */
    default Expr eq(final Expr other)
    {
        return new Compare(CompareOp.EQ, this, other);
    }

    /** @param other right operand. @return {@code this != other}. */
    default Expr ne(final Expr other)
    {
        return new Compare(CompareOp.NE, this, other);
    }

    /** @param other right operand. @return {@code this < other}. */
    default Expr lt(final Expr other)
    {
        return new Compare(CompareOp.LT, this, other);
    }

    /** @param other right operand. @return {@code this <= other}. */
    default Expr le(final Expr other)
    {
        return new Compare(CompareOp.LE, this, other);
    }

    /** @param other right operand. @return {@code this > other}. */
    default Expr gt(final Expr other)
    {
        return new Compare(CompareOp.GT, this, other);
    }

    /** @param other right operand. @return {@code this >= other}. */
    default Expr ge(final Expr other)
    {
        return new Compare(CompareOp.GE, this, other);
    }

    /** @param other right operand. @return {@code this and other} (Kleene). */
    default Expr and(final Expr other)
    {
        return new And(this, other);
    }

    /** @param other right operand. @return {@code this or other} (Kleene). */
    default Expr or(final Expr other)
    {
        return new Or(this, other);
    }

    /** @return {@code not this} (Kleene). */
    default Expr not()
    {
        return new Not(this);
    }

    /** @return true where this is null, never null itself. */
    default Expr isNull()
    {
        return new IsNull(this);
    }

    /** @return true where this is not null, never null itself. */
    default Expr isNotNull()
    {
        return new Not(new IsNull(this));
    }

    /** @param type target type. @return this cast to {@code type} ({@code decimal(18,3)} for DECIMAL). */
    default Expr cast(final DataType type)
    {
        return new Cast(this, type);
    }

    /**
     * @param precision total digits, 1..38.
     * @param scale     digits after the point, 0..precision.
     * @return this cast to {@code decimal(precision, scale)}.
     */
    default Expr castDecimal(final int precision, final int scale)
    {
        return new Cast(this, DataType.DECIMAL, precision, scale);
    }

    /**
     * @param low  the lower bound, inclusive.
     * @param high the upper bound, inclusive.
     * @return {@code this >= low and this <= high} (the IR has no separate between node).
     */
    default Expr between(final Expr low, final Expr high)
    {
        return new And(new Compare(CompareOp.GE, this, low), new Compare(CompareOp.LE, this, high));
    }

    /** @param pattern right operand. @return whether this starts with {@code pattern}. */
    default Expr startsWith(final Expr pattern)
    {
        return new StringPredicate(StringOp.STARTS_WITH, this, pattern);
    }

    /** @param pattern right operand. @return whether this ends with {@code pattern}. */
    default Expr endsWith(final Expr pattern)
    {
        return new StringPredicate(StringOp.ENDS_WITH, this, pattern);
    }

    /** @param pattern right operand. @return whether {@code pattern} occurs in this. */
    default Expr contains(final Expr pattern)
    {
        return new StringPredicate(StringOp.CONTAINS, this, pattern);
    }

    /** @param other right operand. @return whether this and {@code other} are the same bytes. */
    default Expr stringEquals(final Expr other)
    {
        return new StringPredicate(StringOp.EQUALS, this, other);
    }

    // ---- nodes -------------------------------------------------------------------------------------------------

    /**
     * A column of the input, by name.
     *
     * @param name the column name (case-sensitive).
     */
    record Column(String name) implements Expr
    {
        /** Checks the name is present. */
        public Column
        {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A constant. {@code value} is a {@link Boolean}, {@link Integer}, {@link Long}, {@link Float}, {@link Double},
     * {@link String}, {@link java.time.LocalDate} (DATE) or {@link java.math.BigDecimal} (DECIMAL: its own scale,
     * precision {@code max(digits, scale + 1)}, at most 18 digits) matching {@code type}, or {@code null} for a typed
     * null (a null DECIMAL is {@code decimal(18,3)}).
     *
     * @param type  the literal's type.
     * @param value its value, or {@code null}.
     */
    record Literal(DataType type, Object value) implements Expr
    {
        /** Checks the value matches the type. */
        public Literal
        {
            Objects.requireNonNull(type, "type");
            if (value != null && !switch (type)
            {
                case BOOLEAN -> value instanceof Boolean;
                case INT32 -> value instanceof Integer;
                case INT64 -> value instanceof Long;
                case FLOAT32 -> value instanceof Float;
                case FLOAT64 -> value instanceof Double;
                case UTF8 -> value instanceof String;
                case DATE -> value instanceof java.time.LocalDate;
                case DECIMAL -> value instanceof java.math.BigDecimal;
            })
            {
                throw new IllegalArgumentException("a " + type + " literal cannot hold " +
                    value.getClass().getSimpleName() + " " + value);
            }
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Binary arithmetic; see {@link ArithOp}.
     *
     * @param op    the operator.
     * @param left  left operand.
     * @param right right operand.
     */
    record Arith(ArithOp op, Expr left, Expr right) implements Expr
    {
        /** Checks for nulls. */
        public Arith
        {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Arithmetic negation (wraps for the minimum integer, as in Java).
     *
     * @param arg the operand.
     */
    record Negate(Expr arg) implements Expr
    {
        /** Checks for nulls. */
        public Negate
        {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A comparison of two numeric (promoted), two boolean ({@code false < true}) or two UTF8 (byte-wise) operands.
     * Floats compare as IEEE 754: everything with NaN is false except {@code !=}.
     *
     * @param op    the operator.
     * @param left  left operand.
     * @param right right operand.
     */
    record Compare(CompareOp op, Expr left, Expr right) implements Expr
    {
        /** Checks for nulls. */
        public Compare
        {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Kleene and: false if either side is false, else null if either is null, else true.
     *
     * @param left  left operand.
     * @param right right operand.
     */
    record And(Expr left, Expr right) implements Expr
    {
        /** Checks for nulls. */
        public And
        {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Kleene or: true if either side is true, else null if either is null, else false.
     *
     * @param left  left operand.
     * @param right right operand.
     */
    record Or(Expr left, Expr right) implements Expr
    {
        /** Checks for nulls. */
        public Or
        {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * Kleene not: null stays null.
     *
     * @param arg the operand.
     */
    record Not(Expr arg) implements Expr
    {
        /** Checks for nulls. */
        public Not
        {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * True where the operand is null; never null itself.
     *
     * @param arg the operand.
     */
    record IsNull(Expr arg) implements Expr
    {
        /** Checks for nulls. */
        public IsNull
        {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * {@code then} where {@code condition} is true, else {@code otherwise} (also when the condition is null).
     *
     * @param condition a boolean expression.
     * @param then      value where the condition is true.
     * @param otherwise value elsewhere.
     */
    record If(Expr condition, Expr then, Expr otherwise) implements Expr
    {
        /** Checks for nulls. */
        public If
        {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(otherwise, "otherwise");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * One {@code when condition then result} arm of a {@link Case}.
     *
     * @param condition a boolean expression.
     * @param result    the value where it is the first true condition.
     */
    record When(Expr condition, Expr result)
    {
        /** Checks for nulls. */
        public When
        {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The result of the first arm whose condition is true, else {@code otherwise}; without {@code otherwise}, null.
     *
     * @param whens     at least one arm, tried in order.
     * @param otherwise the default, or {@code null} for a null default.
     */
    record Case(List<When> whens, Expr otherwise) implements Expr
    {
        /** Copies the arms and checks there is at least one. */
        public Case
        {
            whens = List.copyOf(whens);
            if (whens.isEmpty())
            {
                throw new IllegalArgumentException("case needs at least one when arm");
            }
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A conversion with Java's semantics: integer narrowing wraps, float to integer truncates toward zero and
     * saturates (NaN gives 0), integer to float rounds to nearest, boolean to number is 1/0, number to boolean is
     * {@code != 0} (NaN is true). Dates cast only to and from int32 (days since 1970-01-01). Decimal casts follow
     * DuckDB: to a smaller scale or to an integer rounds half away from zero, a value that does not fit the target
     * raises {@code io.sabot.common.DataException}; decimal to float divides the unscaled value by 10^scale.
     *
     * @param arg       the operand.
     * @param type      the target type.
     * @param precision the target precision (DECIMAL only, else 0).
     * @param scale     the target scale (DECIMAL only, else 0).
     */
    record Cast(Expr arg, DataType type, int precision, int scale) implements Expr
    {
        /** Checks for nulls and the decimal precision and scale. */
        public Cast
        {
            Objects.requireNonNull(arg, "arg");
            Objects.requireNonNull(type, "type");
            new ValueType(type, precision, scale);
        }

        /**
         * A cast to a type without precision; DECIMAL means {@code decimal(18,3)}.
         *
         * @param arg  the operand.
         * @param type the target type.
         */
        public Cast(final Expr arg, final DataType type)
        {
            this(arg, type, type == DataType.DECIMAL ? ValueType.DEFAULT_DECIMAL.precision() : 0,
                type == DataType.DECIMAL ? ValueType.DEFAULT_DECIMAL.scale() : 0);
        }

        /** @return the target type with its precision and scale. */
        public ValueType target()
        {
            return new ValueType(type, precision, scale);
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * The first non-null argument (null if all are null); numeric arguments are promoted to one type.
     *
     * @param args at least one argument.
     */
    record Coalesce(List<Expr> args) implements Expr
    {
        /** Copies the arguments and checks there is at least one. */
        public Coalesce
        {
            args = List.copyOf(args);
            if (args.isEmpty())
            {
                throw new IllegalArgumentException("coalesce needs at least one argument");
            }
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A math function; see {@link MathFn}.
     *
     * @param fn   the function.
     * @param args its arguments, {@code fn.arity()} of them.
     */
    record MathCall(MathFn fn, List<Expr> args) implements Expr
    {
        /** Copies the arguments and checks the arity. */
        public MathCall
        {
            Objects.requireNonNull(fn, "fn");
            args = List.copyOf(args);
            if (args.size() != fn.arity())
            {
                throw new IllegalArgumentException(fn.functionName() + " takes " + fn.arity() + " argument(s), got " +
                    args.size());
            }
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A string predicate; see {@link StringOp}.
     *
     * @param op    the predicate.
     * @param left  the string tested.
     * @param right the pattern.
     */
    record StringPredicate(StringOp op, Expr left, Expr right) implements Expr
    {
        /** Checks for nulls. */
        public StringPredicate
        {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * The number of code points of a UTF8 value, as INT32.
     *
     * @param arg a UTF8 expression.
     */
    record Length(Expr arg) implements Expr
    {
        /** Checks for nulls. */
        public Length
        {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }

    /**
     * A call of a Java lambda UDF; strict (a null argument gives null without calling it).
     *
     * @param udf  the function.
     * @param args its arguments, cast to its parameter types.
     */
    record UdfCall(Udf udf, List<Expr> args) implements Expr
    {
        /** Copies the arguments and checks the arity. */
        public UdfCall
        {
            Objects.requireNonNull(udf, "udf");
            args = List.copyOf(args);
            if (args.size() != udf.parameterTypes().size())
            {
                throw new IllegalArgumentException("udf " + udf.name() + " takes " + udf.parameterTypes().size() +
                    " argument(s), got " + args.size());
            }
        }

        @Override
        public String toString()
        {
            return ExprPrinter.print(this);
        }
    }
}
