package io.sabot.jit.bind;

import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprPrinter;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.ValueType;
import io.sabot.simd.CompareOp;
import io.sabot.jit.udf.Udf;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import io.sabot.kernels.decimal.Decimal64Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Type-checks an {@link Expr} against an Arrow schema and produces the {@link Bound} tree the compiler and the
 * interpreter run.
 *
 * <p>Rules:
 * <ul>
 *   <li>A column resolves by exact (case-sensitive) name to its position; its Arrow type must map to a
 *       {@link DataType} ({@link DataType#of}). A name the schema holds twice is ambiguous.</li>
 *   <li>Arithmetic, {@code min}/{@code max} and numeric comparisons promote both operands ({@link DataType#promote});
 *       negation and {@code abs} keep the operand type; {@code sqrt exp log floor ceil pow} take FLOAT64.</li>
 *   <li>Comparisons take two numbers, two booleans or two strings; and/or/not take booleans; string predicates and
 *       {@code length} take strings; {@code is_null} takes anything.</li>
 *   <li>Branches of if/case and the arguments of coalesce must be all numeric (promoted to one type) or all of one
 *       type; conditions must be boolean. {@code case} becomes nested {@link Bound.If}s, ending in the else branch or
 *       a null literal of the result type.</li>
 *   <li>An explicit cast to the operand's own type disappears; casts to or from UTF8 are errors.</li>
 *   <li>UDF arguments must be numeric and widen to the UDF's parameter types as Java would pass them
 *       (int32 to int64/float32/float64, int64 to float32/float64, float32 to float64); a narrowing argument needs an
 *       explicit cast. A UDF whose body was lifted
 *       ({@link io.sabot.jit.udf.UdfAnalysis#inline}) is replaced by its body, bound like any expression; any
 *       other stays a {@link Bound.UdfCall}.</li>
 *   <li>Implicit conversions are explicit {@link Bound.Cast}s, except that an implicitly converted literal (null or
 *       not) is converted here, with the same Java cast, and stays a literal of the target type. Explicit casts of
 *       literals stay casts.</li>
 * </ul>
 * Dates and decimals ({@link ValueType}) are lowered here, so the compiler and the interpreter only see 64/32-bit
 * integers:
 * <ul>
 *   <li>DATE is INT32 days. Dates compare with dates; {@code date +/- int} is a date, {@code date - date} int32
 *       days; casts only to and from int32.</li>
 *   <li>DECIMAL(p, s) is the INT64 unscaled value; columns and literals have at most 18 digits (wider columns are an
 *       {@link ExpressionTypeException}). Typing follows DuckDB: add/sub give scale max(s1,s2) and precision
 *       max(p1-s1,p2-s2)+scale+1, mul gives (p1+p2, s1+s2), both capped at 38; an integer column is decimal(10,0)
 *       or decimal(19,0), an integer literal decimal(digits,0), a float64 literal its shortest decimal
 *       representation ({@code d between 0.05 and 0.07} compares exactly); any other float operand, and division,
 *       give FLOAT64 (unscaled / 10^s). if/case/coalesce/min/max unify to max(p-s)+max(s), max(s); abs and neg keep
 *       the type; sqrt/exp/log/floor/ceil/pow take the FLOAT64 value; % aligns scales (precision
 *       max(p1-s1,p2-s2)+scale).</li>
 *   <li>Scales are aligned by multiplying by 10^k (folded into literals). An operation whose result precision is at
 *       most 18 digits is plain INT64 arithmetic (it cannot overflow for in-range inputs); above 18 it is a
 *       {@link Bound.Exact} that detects overflow of 64 bits and makes the run fail with a
 *       {@code io.sabot.common.DataException} naming the expression.</li>
 *   <li>Casts: decimal to a smaller scale or to an integer rounds half away from zero; a value that does not fit the
 *       target precision (or int32) is a DataException; float to decimal scales, rounds half away from zero and
 *       range-checks; decimal to float divides by 10^s.</li>
 * </ul>
 * Violations raise {@link ExpressionTypeException} naming the smallest offending sub-expression and its column.
 *
 * <p>Thread-safety: the static methods are safe to call from any thread; an instance is private to one call.
 */
public final class Binder
{
    /** 10^0 .. 10^18. */
    private static final long[] POW10 = new long[ValueType.LONG_PRECISION + 1];

    static
    {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++)
        {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * A bound expression and the full type of its value (the bound tree itself only has the lowered type: INT32 days
     * for DATE, INT64 unscaled values for DECIMAL).
     *
     * @param bound the tree.
     * @param type  its value type.
     */
    public record Result(Bound bound, ValueType type)
    {
    }

    private final Schema schema;
    /** Field position by name; -1 for a name the schema holds more than once. */
    private final Map<String, Integer> positions = new HashMap<>();
    /** The value type of every bound sub-expression that is DATE or DECIMAL (by identity); others: bound.type(). */
    private final IdentityHashMap<Expr, ValueType> logical = new IdentityHashMap<>();

    private Binder(final Schema schema)
    {
        this.schema = schema;
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++)
        {
            positions.merge(fields.get(i).getName(), i, (a, b) -> -1);
        }
    }

    /**
     * @param expr   an expression.
     * @param schema the schema of the batches it will read.
     * @return the typed tree.
     * @throws ExpressionTypeException if the expression does not type-check.
     */
    public static Bound bind(final Expr expr, final Schema schema)
    {
        return new Binder(schema).bind(expr, expr);
    }

    /**
     * @param expr   an expression.
     * @param schema the schema of the batches it will read.
     * @return the typed tree and the full type of its value (e.g. {@code decimal(31,4)} where the tree is INT64).
     * @throws ExpressionTypeException if the expression does not type-check.
     */
    public static Result bindTyped(final Expr expr, final Schema schema)
    {
        final Binder binder = new Binder(schema);
        final Bound bound = binder.bind(expr, expr);
        return new Result(bound, binder.typeOf(expr, bound));
    }

    /**
     * Binds a filter condition.
     *
     * @param expr   an expression.
     * @param schema the schema of the batches it will read.
     * @return the typed tree, of type BOOLEAN.
     * @throws ExpressionTypeException if the expression does not type-check or is not BOOLEAN.
     */
    public static Bound bindPredicate(final Expr expr, final Schema schema)
    {
        final Binder binder = new Binder(schema);
        final Bound bound = binder.bind(expr, expr);
        if (binder.typeOf(expr, bound).type() != DataType.BOOLEAN)
        {
            throw typeError(expr, "a predicate must be boolean but " + binder.describe(expr, bound), List.of(expr));
        }
        return bound;
    }

    // ---- nodes -------------------------------------------------------------------------------------------------

    private Bound bind(final Expr expr, final Expr parent)
    {
        return switch (expr)
        {
            case Expr.Column c -> column(c, parent);
            case Expr.Literal l -> literal(l);
            case Expr.Arith a ->
            {
                final Bound left = bind(a.left(), a);
                final Bound right = bind(a.right(), a);
                if (isLogical(typeOf(a.left(), left)) || isLogical(typeOf(a.right(), right)))
                {
                    yield logicalArith(a, left, right);
                }
                requireNumeric(a, "'" + a.op().symbol() + "' needs numeric operands", a.left(), left);
                requireNumeric(a, "'" + a.op().symbol() + "' needs numeric operands", a.right(), right);
                final DataType type = DataType.promote(left.type(), right.type());
                yield new Bound.Arith(a.op(), coerce(left, type), coerce(right, type), type);
            }
            case Expr.Negate n ->
            {
                final Bound arg = bind(n.arg(), n);
                final ValueType t = typeOf(n.arg(), arg);
                if (t.isDecimal())
                {
                    yield mark(n, t, t.precision() <= ValueType.LONG_PRECISION ? new Bound.Negate(arg, arg.type()) :
                        new Bound.Exact(ExactOp.SUB, new Bound.Literal(DataType.INT64, 0L), arg, overflow(n)));
                }
                requireNumeric(n, "neg needs a numeric operand", n.arg(), arg);
                yield new Bound.Negate(arg, arg.type());
            }
            case Expr.Compare c -> compare(c);
            case Expr.And a ->
            {
                final Bound left = bind(a.left(), a);
                final Bound right = bind(a.right(), a);
                requireType(a, "'and' needs boolean operands", DataType.BOOLEAN, a.left(), left);
                requireType(a, "'and' needs boolean operands", DataType.BOOLEAN, a.right(), right);
                yield new Bound.And(left, right);
            }
            case Expr.Or o ->
            {
                final Bound left = bind(o.left(), o);
                final Bound right = bind(o.right(), o);
                requireType(o, "'or' needs boolean operands", DataType.BOOLEAN, o.left(), left);
                requireType(o, "'or' needs boolean operands", DataType.BOOLEAN, o.right(), right);
                yield new Bound.Or(left, right);
            }
            case Expr.Not n ->
            {
                final Bound arg = bind(n.arg(), n);
                requireType(n, "'not' needs a boolean operand", DataType.BOOLEAN, n.arg(), arg);
                yield new Bound.Not(arg);
            }
            case Expr.IsNull n -> new Bound.IsNull(bind(n.arg(), n));
            case Expr.If i ->
            {
                final Bound condition = bind(i.condition(), i);
                requireType(i, "if condition must be boolean", DataType.BOOLEAN, i.condition(), condition);
                final List<Expr> branches = List.of(i.then(), i.otherwise());
                final List<Bound> bound = bindAll(branches, i);
                final ValueType lt = unifyLogical(i, "if branches", branches, bound);
                if (lt != null)
                {
                    final List<Bound> c = coerceLogical(branches, bound, lt);
                    yield mark(i, lt, new Bound.If(condition, c.get(0), c.get(1), physical(lt)));
                }
                final DataType type = unify(i, "if branches", branches, bound);
                yield new Bound.If(condition, coerce(bound.get(0), type), coerce(bound.get(1), type), type);
            }
            case Expr.Case c -> caseWhen(c);
            case Expr.Cast c -> cast(c);
            case Expr.Coalesce c ->
            {
                final List<Bound> bound = bindAll(c.args(), c);
                final ValueType lt = unifyLogical(c, "coalesce arguments", c.args(), bound);
                if (lt != null)
                {
                    yield mark(c, lt, new Bound.Coalesce(coerceLogical(c.args(), bound, lt), physical(lt)));
                }
                final DataType type = unify(c, "coalesce arguments", c.args(), bound);
                yield new Bound.Coalesce(coerceAll(bound, type), type);
            }
            case Expr.MathCall m -> math(m);
            case Expr.StringPredicate s ->
            {
                final Bound left = bind(s.left(), s);
                final Bound right = bind(s.right(), s);
                final String what = s.op().functionName() + " needs utf8 operands";
                requireType(s, what, DataType.UTF8, s.left(), left);
                requireType(s, what, DataType.UTF8, s.right(), right);
                yield new Bound.StringPredicate(s.op(), left, right);
            }
            case Expr.Length l ->
            {
                final Bound arg = bind(l.arg(), l);
                requireType(l, "length needs a utf8 operand", DataType.UTF8, l.arg(), arg);
                yield new Bound.Length(arg);
            }
            case Expr.UdfCall u -> udf(u);
        };
    }

    private Bound column(final Expr.Column c, final Expr parent)
    {
        final String name = c.name();
        final Integer position = positions.get(name);
        final String in = ExprPrinter.print(parent);
        if (position == null)
        {
            final List<String> names = new ArrayList<>();
            String similar = null;
            for (final Field f : schema.getFields())
            {
                names.add(f.getName());
                if (similar == null && f.getName().equalsIgnoreCase(name))
                {
                    similar = f.getName();
                }
            }
            throw new ExpressionTypeException("unknown column '" + name + "' in " + in + "; the schema has " + names +
                (similar == null ? "" : " (names are case-sensitive: did you mean '" + similar + "'?)"), in, name);
        }
        if (position < 0)
        {
            throw new ExpressionTypeException("ambiguous column '" + name + "' in " + in +
                ": the schema has more than one field of that name", in, name);
        }
        final Field field = schema.getFields().get(position);
        final ValueType type = ValueType.of(field.getType());
        if (type == null)
        {
            throw new ExpressionTypeException("column '" + name + "' has Arrow type " + field.getType() +
                ", which expressions do not support; in " + in, in, name);
        }
        if (type.isDecimal() && type.precision() > ValueType.LONG_PRECISION)
        {
            throw new ExpressionTypeException("column '" + name + "' is " + type + ": expressions support decimal " +
                "columns of at most 18 digits (64-bit unscaled values); in " + in, in, name);
        }
        final Bound.Column column = new Bound.Column(position, name, physical(type), type,
            Decimal64Type.is(field.getType()));
        return isLogical(type) ? mark(c, type, column) : column;
    }

    private Bound compare(final Expr.Compare c)
    {
        final Bound left = bind(c.left(), c);
        final Bound right = bind(c.right(), c);
        final ValueType lt = typeOf(c.left(), left);
        final ValueType rt = typeOf(c.right(), right);
        if (isLogical(lt) || isLogical(rt))
        {
            return logicalCompare(c, left, lt, right, rt);
        }
        final DataType l = left.type();
        final DataType r = right.type();
        if (l.isNumeric() && r.isNumeric())
        {
            final DataType type = DataType.promote(l, r);
            return new Bound.Compare(c.op(), coerce(left, type), coerce(right, type));
        }
        if (l != r || l.isNumeric())
        {
            throw typeError(c, "'" + symbol(c) + "' compares two numbers, two booleans or two strings, but " +
                describe(c.left(), left) + " and " + describe(c.right(), right), List.of(c.left(), c.right()));
        }
        return new Bound.Compare(c.op(), left, right);
    }

    private static String symbol(final Expr.Compare c)
    {
        return switch (c.op())
        {
            case EQ -> "=";
            case NE -> "!=";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
        };
    }

    private Bound caseWhen(final Expr.Case c)
    {
        final List<Bound> conditions = new ArrayList<>();
        final List<Expr> results = new ArrayList<>();
        for (final Expr.When w : c.whens())
        {
            final Bound condition = bind(w.condition(), c);
            requireType(c, "case condition must be boolean", DataType.BOOLEAN, w.condition(), condition);
            conditions.add(condition);
            results.add(w.result());
        }
        if (c.otherwise() != null)
        {
            results.add(c.otherwise());
        }
        final List<Bound> bound = bindAll(results, c);
        final ValueType lt = unifyLogical(c, "case results", results, bound);
        if (lt != null)
        {
            final List<Bound> coerced = coerceLogical(results, bound, lt);
            Bound tail = c.otherwise() != null ? coerced.getLast() : new Bound.Literal(physical(lt), null);
            for (int i = conditions.size() - 1; i >= 0; i--)
            {
                tail = new Bound.If(conditions.get(i), coerced.get(i), tail, physical(lt));
            }
            return mark(c, lt, tail);
        }
        final DataType type = unify(c, "case results", results, bound);
        Bound tail = c.otherwise() != null ? coerce(bound.getLast(), type) : new Bound.Literal(type, null);
        for (int i = conditions.size() - 1; i >= 0; i--)
        {
            tail = new Bound.If(conditions.get(i), coerce(bound.get(i), type), tail, type);
        }
        return tail;
    }

    private Bound cast(final Expr.Cast c)
    {
        final Bound arg = bind(c.arg(), c);
        final ValueType fromType = typeOf(c.arg(), arg);
        if (isLogical(fromType) || isLogical(c.target()))
        {
            return logicalCast(c, arg, fromType, c.target());
        }
        final DataType from = arg.type();
        if (from == c.type())
        {
            return arg;
        }
        if (from == DataType.UTF8 || c.type() == DataType.UTF8)
        {
            throw typeError(c, "cannot cast " + from + " to " + c.type() + " (casts to and from utf8 are not " +
                "supported), and " + ExprPrinter.print(c.arg()) + " is " + from, List.of(c.arg()));
        }
        return new Bound.Cast(arg, c.type());
    }

    private Bound math(final Expr.MathCall m)
    {
        final List<Bound> args = bindAll(m.args(), m);
        for (int i = 0; i < args.size(); i++)
        {
            if (isLogical(typeOf(m.args().get(i), args.get(i))))
            {
                return logicalMath(m, args);
            }
        }
        for (int i = 0; i < args.size(); i++)
        {
            requireNumeric(m, m.fn().functionName() + " needs numeric arguments", m.args().get(i), args.get(i));
        }
        if (m.fn().alwaysFloat64())
        {
            return new Bound.MathCall(m.fn(), coerceAll(args, DataType.FLOAT64), DataType.FLOAT64);
        }
        if (m.fn() == MathFn.ABS)
        {
            return new Bound.MathCall(m.fn(), args, args.getFirst().type());
        }
        final DataType type = DataType.promote(args.get(0).type(), args.get(1).type());
        return new Bound.MathCall(m.fn(), coerceAll(args, type), type);
    }

    /** Java's implicit widening conversions between our numeric types (JLS 5.1.2), plus identity. */
    private static boolean widens(final DataType from, final DataType to)
    {
        return from == to || switch (from)
        {
            case INT32 -> to == DataType.INT64 || to == DataType.FLOAT32 || to == DataType.FLOAT64;
            case INT64 -> to == DataType.FLOAT32 || to == DataType.FLOAT64;
            case FLOAT32 -> to == DataType.FLOAT64;
            default -> false;
        };
    }

    private Bound udf(final Expr.UdfCall u)
    {
        final Udf udf = u.udf();
        final List<Bound> args = bindAll(u.args(), u);
        final List<Expr> castArgs = new ArrayList<>();
        final List<Bound> boundArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++)
        {
            final DataType param = udf.parameterTypes().get(i);
            final Expr argExpr = u.args().get(i);
            final Bound arg = args.get(i);
            requireNumeric(u, "@" + udf.name() + " needs numeric arguments (its parameters are " +
                udf.parameterTypes() + ")", argExpr, arg);
            if (!widens(arg.type(), param))
            {
                throw typeError(u, "@" + udf.name() + " takes " + param + " for argument " + (i + 1) + " but " +
                    ExprPrinter.print(argExpr) + " is " + arg.type() + ", which would narrow; cast it explicitly",
                    List.of(argExpr));
            }
            final Bound coerced = coerce(arg, param);
            boundArgs.add(coerced);
            if (arg.type() == param)
            {
                castArgs.add(argExpr);
            }
            else if (coerced instanceof Bound.Literal l)
            {
                castArgs.add(new Expr.Literal(param, l.value()));
            }
            else
            {
                castArgs.add(new Expr.Cast(argExpr, param));
            }
        }
        final Optional<Expr> inlined = udf.analysis().inline(castArgs);
        if (inlined.isEmpty())
        {
            return new Bound.UdfCall(udf, boundArgs);
        }
        final Expr body = inlined.get();
        final Bound bound = bind(body, body);
        if (bound.type() == udf.returnType())
        {
            return bound;
        }
        if (bound.type().isNumeric() && udf.returnType().isNumeric())
        {
            return coerce(bound, udf.returnType());
        }
        throw typeError(u, "the lifted body of @" + udf.name() + " is " + bound.type() + " but the udf returns " +
            udf.returnType() + ": " + ExprPrinter.print(body), u.args());
    }

    // ---- dates and decimals --------------------------------------------------------------------------------------
    //
    // DATE lowers to INT32 days and DECIMAL(p, s) to the INT64 unscaled value. Result types follow DuckDB; scales are
    // aligned by multiplying by 10^k; an operation whose result precision exceeds 18 digits becomes a Bound.Exact
    // (overflow detected, reported as a DataException after the run) instead of a wrapping Bound.Arith.

    /** A decimal operand: its unscaled INT64 tree and its decimal type. */
    private record Dec(Bound bound, ValueType type)
    {
    }

    private ValueType typeOf(final Expr expr, final Bound bound)
    {
        final ValueType t = logical.get(expr);
        return t != null ? t : ValueType.of(bound.type());
    }

    private static boolean isLogical(final ValueType t)
    {
        return t.type() == DataType.DATE || t.type() == DataType.DECIMAL;
    }

    private static DataType physical(final ValueType t)
    {
        return switch (t.type())
        {
            case DATE -> DataType.INT32;
            case DECIMAL -> DataType.INT64;
            default -> t.type();
        };
    }

    private Bound mark(final Expr expr, final ValueType type, final Bound bound)
    {
        if (isLogical(type))
        {
            logical.put(expr, type);
        }
        return bound;
    }

    private Bound literal(final Expr.Literal l)
    {
        if (l.type() == DataType.DATE)
        {
            final Object v = l.value() == null ? null : Math.toIntExact(((LocalDate)l.value()).toEpochDay());
            return mark(l, ValueType.of(DataType.DATE), new Bound.Literal(DataType.INT32, v));
        }
        if (l.type() == DataType.DECIMAL)
        {
            if (l.value() == null)
            {
                return mark(l, ValueType.DEFAULT_DECIMAL, new Bound.Literal(DataType.INT64, null));
            }
            final Dec d = decimalLiteral((BigDecimal)l.value());
            if (d == null)
            {
                throw typeError(l, "decimal literals have at most 18 digits", List.of());
            }
            return mark(l, d.type(), d.bound());
        }
        return new Bound.Literal(l.type(), l.value());
    }

    /** The literal as decimal(max(digits, scale + 1), scale), or null when it needs more than 18 digits. */
    private static Dec decimalLiteral(final BigDecimal value)
    {
        final BigDecimal v = value.scale() < 0 ? value.setScale(0) : value;
        final int precision = Math.max(v.precision(), v.scale() + 1);
        if (precision > ValueType.LONG_PRECISION)
        {
            return null;
        }
        return new Dec(new Bound.Literal(DataType.INT64, v.unscaledValue().longValueExact()),
            ValueType.decimal(precision, v.scale()));
    }

    /**
     * The operand as a decimal: decimals as they are, integers as decimal(10,0) / decimal(19,0) (a literal as
     * decimal(digits,0)), a float literal as its shortest decimal representation, a null literal as decimal(1,0).
     * Null for a float that is not a literal (the operation then runs in float64).
     */
    private Dec toDecimal(final Expr node, final Expr expr, final Bound bound)
    {
        final ValueType t = typeOf(expr, bound);
        if (t.isDecimal())
        {
            return new Dec(bound, t);
        }
        if (bound instanceof Bound.Literal l && l.value() == null && t.type() != DataType.DATE &&
            t.type() != DataType.UTF8 && t.type() != DataType.BOOLEAN)
        {
            return new Dec(new Bound.Literal(DataType.INT64, null), ValueType.decimal(1, 0));
        }
        switch (t.type())
        {
            case INT32, INT64 ->
            {
                if (bound instanceof Bound.Literal l)
                {
                    final long v = ((Number)l.value()).longValue();
                    return new Dec(new Bound.Literal(DataType.INT64, v),
                        ValueType.decimal(BigDecimal.valueOf(v).precision(), 0));
                }
                return t.type() == DataType.INT32 ?
                    new Dec(new Bound.Cast(bound, DataType.INT64), ValueType.decimal(10, 0)) :
                    new Dec(bound, ValueType.decimal(19, 0));
            }
            case FLOAT32, FLOAT64 ->
            {
                if (bound instanceof Bound.Literal l)
                {
                    final double d = ((Number)l.value()).doubleValue();
                    if (Double.isFinite(d))
                    {
                        // the shortest representation, as a person wrote it: 0.05, not 0.05000000000000000277
                        return decimalLiteral(l.type() == DataType.FLOAT32 ?
                            new BigDecimal(Float.toString((Float)l.value())) : BigDecimal.valueOf(d));
                    }
                }
                return null;
            }
            default -> throw typeError(node, "decimals combine with numbers only, but " + describe(expr, bound),
                List.of(expr));
        }
    }

    /** The operand as FLOAT64 (a decimal divided by 10^scale, as DuckDB converts). */
    private Bound toDouble(final Expr node, final Expr expr, final Bound bound)
    {
        final ValueType t = typeOf(expr, bound);
        if (t.isDecimal())
        {
            if (bound instanceof Bound.Literal l)
            {
                return new Bound.Literal(DataType.FLOAT64, l.value() == null ? null :
                    (double)(Long)l.value() / (double)POW10[t.scale()]);
            }
            final Bound asDouble = new Bound.Cast(bound, DataType.FLOAT64);
            return t.scale() == 0 ? asDouble : new Bound.Arith(ArithOp.DIV, asDouble,
                new Bound.Literal(DataType.FLOAT64, (double)POW10[t.scale()]), DataType.FLOAT64);
        }
        if (!t.type().isNumeric())
        {
            throw typeError(node, "decimals combine with numbers only, but " + describe(expr, bound), List.of(expr));
        }
        return coerce(bound, DataType.FLOAT64);
    }

    /** {@code d * 10^k}: folded for a literal, plain when it fits 18 digits, else an exact multiplication. */
    private Bound rescale(final Expr node, final Dec d, final int k)
    {
        if (k == 0)
        {
            return d.bound();
        }
        if (k > ValueType.LONG_PRECISION)
        {
            throw typeError(node, "aligning " + d.type() + " to " + k + " more decimal places needs more than 18 " +
                "digits", List.of());
        }
        if (d.bound() instanceof Bound.Literal l)
        {
            if (l.value() == null)
            {
                return l;
            }
            final long v = (Long)l.value();
            final long hi = Math.multiplyHigh(v, POW10[k]);
            final long lo = v * POW10[k];
            if (hi == (lo >> 63))
            {
                return new Bound.Literal(DataType.INT64, lo);
            }
        }
        final Bound factor = new Bound.Literal(DataType.INT64, POW10[k]);
        return d.type().precision() + k <= ValueType.LONG_PRECISION ?
            new Bound.Arith(ArithOp.MUL, d.bound(), factor, DataType.INT64) :
            new Bound.Exact(ExactOp.MUL, d.bound(), factor, overflow(node));
    }

    private static String overflow(final Expr node)
    {
        return "decimal overflow in " + ExprPrinter.print(node) + ": result needs more than 18 digits";
    }

    private Bound logicalArith(final Expr.Arith a, final Bound left, final Bound right)
    {
        final ValueType lt = typeOf(a.left(), left);
        final ValueType rt = typeOf(a.right(), right);
        if (lt.type() == DataType.DATE || rt.type() == DataType.DATE)
        {
            return dateArith(a, left, lt, right, rt);
        }
        final Dec l = toDecimal(a, a.left(), left);
        final Dec r = toDecimal(a, a.right(), right);
        if (l == null || r == null || a.op() == ArithOp.DIV)
        {
            return new Bound.Arith(a.op(), toDouble(a, a.left(), left), toDouble(a, a.right(), right),
                DataType.FLOAT64);
        }
        final int p1 = l.type().precision();
        final int s1 = l.type().scale();
        final int p2 = r.type().precision();
        final int s2 = r.type().scale();
        final int scale;
        final int precision;
        final Bound lb;
        final Bound rb;
        if (a.op() == ArithOp.MUL)
        {
            scale = s1 + s2;
            precision = Math.min(ValueType.MAX_PRECISION, p1 + p2);
            if (scale > ValueType.MAX_PRECISION)
            {
                throw typeError(a, "the product has " + scale + " decimal places, more than 38", List.of());
            }
            lb = l.bound();
            rb = r.bound();
        }
        else
        {
            scale = Math.max(s1, s2);
            final int whole = Math.max(p1 - s1, p2 - s2);
            precision = Math.min(ValueType.MAX_PRECISION, whole + scale + (a.op() == ArithOp.MOD ? 0 : 1));
            lb = rescale(a, l, scale - s1);
            rb = rescale(a, r, scale - s2);
        }
        final ValueType type = ValueType.decimal(Math.max(precision, scale == 0 ? 1 : scale), scale);
        final Bound result;
        if (a.op() == ArithOp.MOD || precision <= ValueType.LONG_PRECISION)
        {
            result = new Bound.Arith(a.op(), lb, rb, DataType.INT64);
        }
        else
        {
            final ExactOp op = switch (a.op())
            {
                case ADD -> ExactOp.ADD;
                case SUB -> ExactOp.SUB;
                default -> ExactOp.MUL;
            };
            result = new Bound.Exact(op, lb, rb, overflow(a));
        }
        return mark(a, type, result);
    }

    private Bound dateArith(final Expr.Arith a, final Bound left, final ValueType lt, final Bound right,
        final ValueType rt)
    {
        final boolean ld = lt.type() == DataType.DATE;
        final boolean rd = rt.type() == DataType.DATE;
        if (ld && rd && a.op() == ArithOp.SUB)
        {
            return new Bound.Arith(ArithOp.SUB, left, right, DataType.INT32);
        }
        final boolean dateInt = ld && rt.type().isInteger() && (a.op() == ArithOp.ADD || a.op() == ArithOp.SUB);
        final boolean intDate = rd && lt.type().isInteger() && a.op() == ArithOp.ADD;
        if (!dateInt && !intDate)
        {
            throw typeError(a, "date arithmetic is date + int, int + date, date - int or date - date, but " +
                describe(a.left(), left) + " and " + describe(a.right(), right), List.of(a.left(), a.right()));
        }
        return mark(a, ValueType.of(DataType.DATE), new Bound.Arith(a.op(), coerce(left, DataType.INT32),
            coerce(right, DataType.INT32), DataType.INT32));
    }

    private Bound logicalCompare(final Expr.Compare c, final Bound left, final ValueType lt, final Bound right,
        final ValueType rt)
    {
        if (lt.type() == DataType.DATE || rt.type() == DataType.DATE)
        {
            final boolean nullLiteral = left instanceof Bound.Literal ll && ll.value() == null ||
                right instanceof Bound.Literal rl && rl.value() == null;
            if (lt.type() != rt.type() && !nullLiteral)
            {
                throw typeError(c, "'" + symbol(c) + "' compares a date only with a date, but " +
                    describe(c.left(), left) + " and " + describe(c.right(), right), List.of(c.left(), c.right()));
            }
            return new Bound.Compare(c.op(), coerce(left, DataType.INT32), coerce(right, DataType.INT32));
        }
        final Dec l = toDecimal(c, c.left(), left);
        final Dec r = toDecimal(c, c.right(), right);
        if (l == null || r == null)
        {
            return new Bound.Compare(c.op(), toDouble(c, c.left(), left), toDouble(c, c.right(), right));
        }
        final int scale = Math.max(l.type().scale(), r.type().scale());
        return new Bound.Compare(c.op(), rescale(c, l, scale - l.type().scale()),
            rescale(c, r, scale - r.type().scale()));
    }

    /** The common type of branches when one of them is DATE or DECIMAL, else null. */
    private ValueType unifyLogical(final Expr node, final String what, final List<Expr> exprs,
        final List<Bound> bound)
    {
        boolean date = false;
        boolean decimal = false;
        for (int i = 0; i < bound.size(); i++)
        {
            final ValueType t = typeOf(exprs.get(i), bound.get(i));
            date |= t.type() == DataType.DATE;
            decimal |= t.isDecimal();
        }
        if (!date && !decimal)
        {
            return null;
        }
        if (date)
        {
            for (int i = 0; i < bound.size(); i++)
            {
                final boolean nullLiteral = bound.get(i) instanceof Bound.Literal l && l.value() == null;
                if (typeOf(exprs.get(i), bound.get(i)).type() != DataType.DATE && !nullLiteral)
                {
                    throw typeError(node, what + " mix a date with " + describe(exprs.get(i), bound.get(i)),
                        List.of(exprs.get(i)));
                }
            }
            return ValueType.of(DataType.DATE);
        }
        int whole = 1;
        int scale = 0;
        for (int i = 0; i < bound.size(); i++)
        {
            final Dec d = toDecimal(node, exprs.get(i), bound.get(i));
            if (d == null)
            {
                return ValueType.of(DataType.FLOAT64);
            }
            whole = Math.max(whole, d.type().precision() - d.type().scale());
            scale = Math.max(scale, d.type().scale());
        }
        if (whole + scale > ValueType.MAX_PRECISION)
        {
            throw typeError(node, what + " need more than 38 digits in one decimal type", exprs);
        }
        return ValueType.decimal(whole + scale, scale);
    }

    private List<Bound> coerceLogical(final List<Expr> exprs, final List<Bound> bound, final ValueType type)
    {
        final List<Bound> out = new ArrayList<>(bound.size());
        for (int i = 0; i < bound.size(); i++)
        {
            final Expr e = exprs.get(i);
            final Bound b = bound.get(i);
            if (type.type() == DataType.DATE)
            {
                out.add(coerce(b, DataType.INT32));
            }
            else if (type.type() == DataType.FLOAT64)
            {
                out.add(toDouble(e, e, b));
            }
            else
            {
                final Dec d = toDecimal(e, e, b);
                out.add(rescale(e, d, type.scale() - d.type().scale()));
            }
        }
        return out;
    }

    private Bound logicalMath(final Expr.MathCall m, final List<Bound> args)
    {
        final List<Expr> exprs = m.args();
        if (m.fn() == MathFn.ABS)
        {
            final ValueType t = typeOf(exprs.getFirst(), args.getFirst());
            if (t.isDecimal())
            {
                return mark(m, t, new Bound.MathCall(MathFn.ABS, args, DataType.INT64));
            }
        }
        else if (m.fn() == MathFn.MIN || m.fn() == MathFn.MAX)
        {
            final ValueType t = unifyLogical(m, m.fn().functionName() + " arguments", exprs, args);
            return mark(m, t, new Bound.MathCall(m.fn(), coerceLogical(exprs, args, t), physical(t)));
        }
        else
        {
            final List<Bound> doubles = new ArrayList<>(args.size());
            for (int i = 0; i < args.size(); i++)
            {
                if (typeOf(exprs.get(i), args.get(i)).type() == DataType.DATE)
                {
                    break;
                }
                doubles.add(toDouble(m, exprs.get(i), args.get(i)));
            }
            if (doubles.size() == args.size())
            {
                return new Bound.MathCall(m.fn(), doubles, DataType.FLOAT64);
            }
        }
        throw typeError(m, m.fn().functionName() + " does not take a date", exprs);
    }

    private Bound logicalCast(final Expr.Cast c, final Bound arg, final ValueType from, final ValueType to)
    {
        if (from.equals(to))
        {
            return mark(c, to, arg);
        }
        if (to.type() == DataType.DATE || from.type() == DataType.DATE)
        {
            final DataType other = to.type() == DataType.DATE ? from.type() : to.type();
            if (other != DataType.INT32)
            {
                throw typeError(c, "dates cast only to and from int32 (days since 1970-01-01), not " + other,
                    List.of(c.arg()));
            }
            return mark(c, to, arg);
        }
        if (to.isDecimal())
        {
            return mark(c, to, toDecimalCast(c, arg, from, to));
        }
        // from a decimal to a plain type
        return switch (to.type())
        {
            case FLOAT64 -> toDouble(c, c.arg(), arg);
            case FLOAT32 -> new Bound.Cast(toDouble(c, c.arg(), arg), DataType.FLOAT32);
            case BOOLEAN -> new Bound.Cast(arg, DataType.BOOLEAN);
            case INT64, INT32 ->
            {
                final Bound rounded = from.scale() == 0 ? arg : new Bound.Exact(ExactOp.ROUND_DIV, arg,
                    new Bound.Literal(DataType.INT64, POW10[from.scale()]), "");
                if (to.type() == DataType.INT64)
                {
                    yield rounded;
                }
                final Bound fits = from.precision() - from.scale() < 10 ? rounded : new Bound.Exact(ExactOp.FIT,
                    rounded, new Bound.Literal(DataType.INT64, 1L << 31), "overflow in " + ExprPrinter.print(c) +
                    ": the value does not fit int32");
                yield new Bound.Cast(fits, DataType.INT32);
            }
            default -> throw typeError(c, "cannot cast " + from + " to " + to, List.of(c.arg()));
        };
    }

    private Bound toDecimalCast(final Expr.Cast c, final Bound arg, final ValueType from, final ValueType to)
    {
        final Bound value;
        final int digits;
        switch (from.type())
        {
            case DECIMAL ->
            {
                final Dec d = new Dec(arg, from);
                if (to.scale() >= from.scale())
                {
                    value = rescale(c, d, to.scale() - from.scale());
                    digits = from.precision() + to.scale() - from.scale();
                }
                else
                {
                    value = new Bound.Exact(ExactOp.ROUND_DIV, arg,
                        new Bound.Literal(DataType.INT64, POW10[from.scale() - to.scale()]), "");
                    digits = Math.max(1, from.precision() - from.scale() + to.scale() + 1);
                }
            }
            case INT32, INT64 ->
            {
                final Dec d = toDecimal(c, c.arg(), arg);
                value = rescale(c, d, to.scale());
                digits = d.type().precision() + to.scale();
            }
            case FLOAT32, FLOAT64 ->
            {
                final Bound x = coerce(arg, DataType.FLOAT64);
                final Bound scaled = to.scale() == 0 ? x : new Bound.Arith(ArithOp.MUL, x,
                    new Bound.Literal(DataType.FLOAT64, (double)POW10[Math.min(to.scale(), 18)]), DataType.FLOAT64);
                // half away from zero, as the decimal casts round
                final Bound rounded = new Bound.If(
                    new Bound.Compare(CompareOp.LT, scaled, new Bound.Literal(DataType.FLOAT64, 0.0)),
                    new Bound.MathCall(MathFn.CEIL, List.of(new Bound.Arith(ArithOp.SUB, scaled,
                        new Bound.Literal(DataType.FLOAT64, 0.5), DataType.FLOAT64)), DataType.FLOAT64),
                    new Bound.MathCall(MathFn.FLOOR, List.of(new Bound.Arith(ArithOp.ADD, scaled,
                        new Bound.Literal(DataType.FLOAT64, 0.5), DataType.FLOAT64)), DataType.FLOAT64),
                    DataType.FLOAT64);
                value = new Bound.Cast(rounded, DataType.INT64);
                digits = Integer.MAX_VALUE;
            }
            default -> throw typeError(c, "cannot cast " + from + " to " + to + " (cast it to a number first)",
                List.of(c.arg()));
        }
        if (digits <= to.precision())
        {
            return value;
        }
        final long bound = to.precision() <= ValueType.LONG_PRECISION ? POW10[to.precision()] : Long.MAX_VALUE;
        return new Bound.Exact(ExactOp.FIT, value, new Bound.Literal(DataType.INT64, bound),
            "decimal overflow in " + ExprPrinter.print(c) + ": the value does not fit " + to);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private List<Bound> bindAll(final List<Expr> exprs, final Expr parent)
    {
        final List<Bound> out = new ArrayList<>(exprs.size());
        for (final Expr e : exprs)
        {
            out.add(bind(e, parent));
        }
        return out;
    }

    /** The common type of branches: all numeric promote; otherwise they must all have the first one's type. */
    private DataType unify(final Expr node, final String what, final List<Expr> exprs,
        final List<Bound> bound)
    {
        DataType type = bound.getFirst().type();
        boolean numeric = true;
        for (final Bound b : bound)
        {
            numeric &= b.type().isNumeric();
        }
        for (int i = 1; i < bound.size(); i++)
        {
            final DataType t = bound.get(i).type();
            if (numeric)
            {
                type = DataType.promote(type, t);
            }
            else if (t != type)
            {
                throw typeError(node, what + " must all be numeric or all of one type, but " +
                    describe(exprs.getFirst(), bound.getFirst()) + " and " + describe(exprs.get(i), bound.get(i)),
                    List.of(exprs.getFirst(), exprs.get(i)));
            }
        }
        return type;
    }

    private static List<Bound> coerceAll(final List<Bound> bound, final DataType type)
    {
        final List<Bound> out = new ArrayList<>(bound.size());
        for (final Bound b : bound)
        {
            out.add(coerce(b, type));
        }
        return out;
    }

    /** Implicit numeric conversion: nothing if the type matches, a converted literal, else a cast. */
    private static Bound coerce(final Bound b, final DataType type)
    {
        if (b.type() == type)
        {
            return b;
        }
        if (b instanceof Bound.Literal l)
        {
            return new Bound.Literal(type, l.value() == null ? null : convert((Number)l.value(), type));
        }
        return new Bound.Cast(b, type);
    }

    /** Java's primitive conversions, which {@code Number}'s accessors perform for the boxed primitives. */
    private static Object convert(final Number n, final DataType type)
    {
        return switch (type)
        {
            case INT32 -> n.intValue();
            case INT64 -> n.longValue();
            case FLOAT32 -> n.floatValue();
            case FLOAT64 -> n.doubleValue();
            default -> throw new IllegalArgumentException("not a numeric type: " + type);
        };
    }

    private void requireNumeric(final Expr node, final String what, final Expr operand, final Bound bound)
    {
        if (!typeOf(operand, bound).type().isNumeric())
        {
            throw typeError(node, what + " but " + describe(operand, bound), List.of(operand));
        }
    }

    private void requireType(final Expr node, final String what, final DataType type, final Expr operand,
        final Bound bound)
    {
        if (typeOf(operand, bound).type() != type)
        {
            throw typeError(node, what + " but " + describe(operand, bound), List.of(operand));
        }
    }

    private String describe(final Expr expr, final Bound bound)
    {
        return ExprPrinter.print(expr) + " is " + typeOf(expr, bound);
    }

    private static ExpressionTypeException typeError(final Expr node, final String detail, final List<Expr> culprits)
    {
        final Set<String> columns = new LinkedHashSet<>();
        for (final Expr e : culprits)
        {
            columnsOf(e, columns);
        }
        final String text = ExprPrinter.print(node);
        final StringBuilder message = new StringBuilder("type error in ").append(text).append(": ").append(detail);
        if (!columns.isEmpty())
        {
            message.append(columns.size() == 1 ? " (column " : " (columns ");
            boolean first = true;
            for (final String c : columns)
            {
                message.append(first ? "" : ", ").append('\'').append(c).append('\'');
                first = false;
            }
            message.append(')');
        }
        return new ExpressionTypeException(message.toString(), text,
            columns.isEmpty() ? null : columns.iterator().next());
    }

    private static void columnsOf(final Expr expr, final Set<String> out)
    {
        switch (expr)
        {
            case Expr.Column c -> out.add(c.name());
            case Expr.Literal ignored ->
            {
            }
            case Expr.Arith a -> columnsOf(List.of(a.left(), a.right()), out);
            case Expr.Negate n -> columnsOf(n.arg(), out);
            case Expr.Compare c -> columnsOf(List.of(c.left(), c.right()), out);
            case Expr.And a -> columnsOf(List.of(a.left(), a.right()), out);
            case Expr.Or o -> columnsOf(List.of(o.left(), o.right()), out);
            case Expr.Not n -> columnsOf(n.arg(), out);
            case Expr.IsNull n -> columnsOf(n.arg(), out);
            case Expr.If i -> columnsOf(List.of(i.condition(), i.then(), i.otherwise()), out);
            case Expr.Case c ->
            {
                for (final Expr.When w : c.whens())
                {
                    columnsOf(List.of(w.condition(), w.result()), out);
                }
                if (c.otherwise() != null)
                {
                    columnsOf(c.otherwise(), out);
                }
            }
            case Expr.Cast c -> columnsOf(c.arg(), out);
            case Expr.Coalesce c -> columnsOf(c.args(), out);
            case Expr.MathCall m -> columnsOf(m.args(), out);
            case Expr.StringPredicate s -> columnsOf(List.of(s.left(), s.right()), out);
            case Expr.Length l -> columnsOf(l.arg(), out);
            case Expr.UdfCall u -> columnsOf(u.args(), out);
        }
    }

    private static void columnsOf(final List<Expr> exprs, final Set<String> out)
    {
        for (final Expr e : exprs)
        {
            columnsOf(e, out);
        }
    }
}
