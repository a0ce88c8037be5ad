package io.sabot.jit.bind;

import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.expr.ValueType;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;

import java.util.List;

/**
 * A type-checked expression, produced by {@code Binder} from an {@link io.sabot.jit.expr.Expr} and a schema. It is
 * what the compiler and the interpreter run, so every implicit conversion is explicit here:
 *
 * <ul>
 *   <li>operands of {@link Arith}, {@link Compare}, {@link If}, {@link Coalesce} and {@link MathCall} already have
 *       the node's operand type (the binder inserts {@link Cast}s);</li>
 *   <li>{@code case} is nested {@link If}s, {@code is_not_null} is {@link Not} of {@link IsNull};</li>
 *   <li>a UDF whose bytecode could be lifted into the IR is already replaced by that IR, so {@link UdfCall} only
 *       remains for UDFs that are called (rehosted or opaque);</li>
 *   <li>a {@link Cast} never casts to its own type.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable.
 */
public sealed interface Bound permits Bound.Column, Bound.Literal, Bound.Arith, Bound.Negate, Bound.Compare,
    Bound.And, Bound.Or, Bound.Not, Bound.IsNull, Bound.If, Bound.Cast, Bound.Coalesce, Bound.MathCall,
    Bound.StringPredicate, Bound.Length, Bound.UdfCall, Bound.Exact
{
    /**
     * @return the type of the value this node produces.
     */
    DataType type();

    /**
     * Input column {@code index} of the batch. A DATE column reads as INT32 days; a DECIMAL column (precision at
     * most 18) reads as the INT64 unscaled value: the low 8 bytes of each 16-byte slot of a Decimal128 column, or
     * the int64 itself of a {@code sabot.decimal64} column (stride 8, read exactly like an INT64 column).
     *
     * @param index     position in the bound schema.
     * @param name      its name (for messages).
     * @param type      the type of the value read: {@code source.type()}, INT32 for DATE, INT64 for DECIMAL.
     * @param source    the column's own type.
     * @param decimal64 whether the column is a {@code sabot.decimal64} (8-byte unscaled values), not a Decimal128.
     */
    record Column(int index, String name, DataType type, ValueType source, boolean decimal64) implements Bound
    {
        /**
         * A column stored as its value type (Decimal128 for a DECIMAL).
         *
         * @param index position in the bound schema. @param name its name. @param type the type read.
         * @param source the column's own type.
         */
        public Column(final int index, final String name, final DataType type, final ValueType source)
        {
            this(index, name, type, source, false);
        }

        /**
         * A column whose value type is its own type.
         *
         * @param index position in the bound schema. @param name its name. @param type its type.
         */
        public Column(final int index, final String name, final DataType type)
        {
            this(index, name, type, ValueType.of(type));
        }

        /**
         * @return whether values are 16-byte Decimal128 slots read through their low 8 bytes; false for a decimal64
         *     column, whose values are plain int64 lanes.
         */
        public boolean isDecimal()
        {
            return source.isDecimal() && !decimal64;
        }
    }

    /**
     * A constant; {@code value} as in {@link io.sabot.jit.expr.Expr.Literal}, {@code null} for a typed null.
     *
     * @param type  its type.
     * @param value its value.
     */
    record Literal(DataType type, Object value) implements Bound
    {
    }

    /**
     * Numeric arithmetic; both operands have {@code type}.
     *
     * @param op    operator.
     * @param left  left operand.
     * @param right right operand.
     * @param type  operand and result type.
     */
    record Arith(ArithOp op, Bound left, Bound right, DataType type) implements Bound
    {
    }

    /**
     * Numeric negation.
     *
     * @param arg  operand.
     * @param type operand and result type.
     */
    record Negate(Bound arg, DataType type) implements Bound
    {
    }

    /**
     * Comparison; both operands have the same type (numeric, BOOLEAN or UTF8).
     *
     * @param op    operator.
     * @param left  left operand.
     * @param right right operand.
     */
    record Compare(CompareOp op, Bound left, Bound right) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * Kleene and of two BOOLEAN operands.
     *
     * @param left  left operand.
     * @param right right operand.
     */
    record And(Bound left, Bound right) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * Kleene or of two BOOLEAN operands.
     *
     * @param left  left operand.
     * @param right right operand.
     */
    record Or(Bound left, Bound right) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * Kleene not of a BOOLEAN operand.
     *
     * @param arg operand.
     */
    record Not(Bound arg) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * True where the operand is null; never null.
     *
     * @param arg operand of any type.
     */
    record IsNull(Bound arg) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * {@code then} where {@code condition} is true, else {@code otherwise}; both branches have {@code type}.
     *
     * @param condition BOOLEAN condition.
     * @param then      value where true.
     * @param otherwise value where false or null.
     * @param type      result type.
     */
    record If(Bound condition, Bound then, Bound otherwise, DataType type) implements Bound
    {
    }

    /**
     * Conversion between numeric types and BOOLEAN with Java semantics (see
     * {@link io.sabot.jit.expr.Expr.Cast}); {@code arg.type() != type}.
     *
     * @param arg  operand.
     * @param type target type.
     */
    record Cast(Bound arg, DataType type) implements Bound
    {
    }

    /**
     * The first non-null argument; all arguments have {@code type}.
     *
     * @param args at least one argument.
     * @param type result type.
     */
    record Coalesce(List<Bound> args, DataType type) implements Bound
    {
    }

    /**
     * A math function; arguments already have the types the function takes (FLOAT64 for sqrt/exp/log/floor/ceil/pow,
     * the promoted type for min/max, the operand type for abs).
     *
     * @param fn   the function.
     * @param args its arguments.
     * @param type result type.
     */
    record MathCall(MathFn fn, List<Bound> args, DataType type) implements Bound
    {
    }

    /**
     * A string predicate on two UTF8 operands.
     *
     * @param op    predicate.
     * @param left  the string tested.
     * @param right the pattern.
     */
    record StringPredicate(StringOp op, Bound left, Bound right) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.BOOLEAN;
        }
    }

    /**
     * Code-point length of a UTF8 operand, INT32.
     *
     * @param arg operand.
     */
    record Length(Bound arg) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.INT32;
        }
    }

    /**
     * Exact 64-bit arithmetic on unscaled decimal values, INT64. Strict: a null operand gives null. When a non-null
     * result does not fit (see {@link ExactOp}) the program records the node's site in {@code Frame.overflow} (it
     * never throws in a loop) and the caller raises {@code io.sabot.common.DataException} with {@code message} after
     * the run.
     *
     * @param op      the operation.
     * @param left    INT64 operand.
     * @param right   INT64 operand (the divisor or the bound for {@link ExactOp#ROUND_DIV} and {@link ExactOp#FIT}).
     * @param message the error message on overflow, naming the expression.
     */
    record Exact(ExactOp op, Bound left, Bound right, String message) implements Bound
    {
        @Override
        public DataType type()
        {
            return DataType.INT64;
        }
    }

    /**
     * A call of a UDF that could not be lifted into the IR; arguments have its parameter types.
     *
     * @param udf  the function.
     * @param args its arguments.
     */
    record UdfCall(Udf udf, List<Bound> args) implements Bound
    {
        @Override
        public DataType type()
        {
            return udf.returnType();
        }
    }
}
