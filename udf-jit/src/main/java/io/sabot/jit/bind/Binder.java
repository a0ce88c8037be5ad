package io.sabot.jit.bind;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprPrinter;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.udf.Udf;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.HashMap;
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
 * Violations raise {@link ExpressionTypeException} naming the smallest offending sub-expression and its column.
 *
 * <p>Thread-safety: the static methods are safe to call from any thread; an instance is private to one call.
 */
public final class Binder
{
    private final Schema schema;
    /** Field position by name; -1 for a name the schema holds more than once. */
    private final Map<String, Integer> positions = new HashMap<>();

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
     * Binds a filter condition.
     *
     * @param expr   an expression.
     * @param schema the schema of the batches it will read.
     * @return the typed tree, of type BOOLEAN.
     * @throws ExpressionTypeException if the expression does not type-check or is not BOOLEAN.
     */
    public static Bound bindPredicate(final Expr expr, final Schema schema)
    {
        final Bound bound = bind(expr, schema);
        if (bound.type() != DataType.BOOLEAN)
        {
            throw typeError(expr, "a predicate must be boolean but " + describe(expr, bound), List.of(expr));
        }
        return bound;
    }

    // ---- nodes -------------------------------------------------------------------------------------------------

    private Bound bind(final Expr expr, final Expr parent)
    {
        return switch (expr)
        {
            case Expr.Column c -> column(c, parent);
            case Expr.Literal l -> new Bound.Literal(l.type(), l.value());
            case Expr.Arith a ->
            {
                final Bound left = bind(a.left(), a);
                final Bound right = bind(a.right(), a);
                requireNumeric(a, "'" + a.op().symbol() + "' needs numeric operands", a.left(), left);
                requireNumeric(a, "'" + a.op().symbol() + "' needs numeric operands", a.right(), right);
                final DataType type = DataType.promote(left.type(), right.type());
                yield new Bound.Arith(a.op(), coerce(left, type), coerce(right, type), type);
            }
            case Expr.Negate n ->
            {
                final Bound arg = bind(n.arg(), n);
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
                final DataType type = unify(i, "if branches", branches, bound);
                yield new Bound.If(condition, coerce(bound.get(0), type), coerce(bound.get(1), type), type);
            }
            case Expr.Case c -> caseWhen(c);
            case Expr.Cast c -> cast(c);
            case Expr.Coalesce c ->
            {
                final List<Bound> bound = bindAll(c.args(), c);
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
        final DataType type = DataType.of(field.getType());
        if (type == null)
        {
            throw new ExpressionTypeException("column '" + name + "' has Arrow type " + field.getType() +
                ", which expressions do not support; in " + in, in, name);
        }
        return new Bound.Column(position, name, type);
    }

    private Bound compare(final Expr.Compare c)
    {
        final Bound left = bind(c.left(), c);
        final Bound right = bind(c.right(), c);
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
    private static DataType unify(final Expr node, final String what, final List<Expr> exprs,
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

    private static void requireNumeric(final Expr node, final String what, final Expr operand, final Bound bound)
    {
        if (!bound.type().isNumeric())
        {
            throw typeError(node, what + " but " + describe(operand, bound), List.of(operand));
        }
    }

    private static void requireType(final Expr node, final String what, final DataType type, final Expr operand,
        final Bound bound)
    {
        if (bound.type() != type)
        {
            throw typeError(node, what + " but " + describe(operand, bound), List.of(operand));
        }
    }

    private static String describe(final Expr expr, final Bound bound)
    {
        return ExprPrinter.print(expr) + " is " + bound.type();
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
