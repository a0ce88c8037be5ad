package io.sabot.jit.interp;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bound trees covering every {@link Bound} node kind with every operand type combination it accepts, over a fixed
 * schema of two columns per type ({@link #COLUMNS}). Built directly (no binder), with literals drawn from
 * {@link RandomBatches#value} so edge values appear as constants too.
 *
 * <p>Thread-safety: stateless.
 */
public final class BoundCatalogue
{
    /** Two columns of each type, in schema order: b1 b2 i1 i2 l1 l2 f1 f2 d1 d2 s1 s2. */
    public static final Map<String, DataType> COLUMNS;

    private static final DataType[] NUMERIC = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};
    private static final String[] PREFIX = {"b", "i", "l", "f", "d", "s"};

    static
    {
        final Map<String, DataType> columns = new LinkedHashMap<>();
        for (final DataType type : PhysicalTypes.values())
        {
            columns.put(PREFIX[type.ordinal()] + 1, type);
            columns.put(PREFIX[type.ordinal()] + 2, type);
        }
        COLUMNS = Collections.unmodifiableMap(columns);
    }

    /** UDFs of every shape; {@code OPAQUE} today, so the interpreter calls them. */
    public static final Udf SCALE = Udf.doubleFn("scale", x -> x * 1.1 + 3.0);
    /** Two-argument double UDF. */
    public static final Udf HYPOT = Udf.doubleFn("hyp", (x, y) -> Math.sqrt(x * x + y * y));
    /** Three-argument double UDF. */
    public static final Udf FMA = Udf.doubleFn("fma3", (x, y, z) -> x * y + z);
    /** One-argument long UDF. */
    public static final Udf TWICE = Udf.longFn("twice", x -> x * 2 + 1);
    /** Two-argument long UDF with a branch. */
    public static final Udf PICK = Udf.longFn("pick", (x, y) -> x > y ? x - y : y * 3);
    /** One-argument predicate. */
    public static final Udf POSITIVE = Udf.doublePredicate("positive", x -> x > 0);
    /** Two-argument predicate. */
    public static final Udf CLOSE = Udf.doublePredicate("close", (x, y) -> Math.abs(x - y) < 100.0);

    private BoundCatalogue()
    {
    }

    /** @param name a column of {@link #COLUMNS}. @return the column reference. */
    public static Bound col(final String name)
    {
        int index = 0;
        for (final Map.Entry<String, DataType> e : COLUMNS.entrySet())
        {
            if (e.getKey().equals(name))
            {
                return new Bound.Column(index, name, e.getValue());
            }
            index++;
        }
        throw new IllegalArgumentException(name);
    }

    /** @param type a type. @param n 1 or 2. @return column {@code n} of that type. */
    public static Bound col(final DataType type, final int n)
    {
        return col(PREFIX[type.ordinal()] + n);
    }

    /** @param type a type. @param value its value. @return the literal. */
    public static Bound lit(final DataType type, final Object value)
    {
        return new Bound.Literal(type, value);
    }

    /** @param type a type. @return its typed null. */
    public static Bound nul(final DataType type)
    {
        return new Bound.Literal(type, null);
    }

    private static Bound randomLit(final Random random, final DataType type)
    {
        return lit(type, RandomBatches.value(random, type));
    }

    /** @param value a double. @return it as a FLOAT64 literal. */
    public static Bound f64(final double value)
    {
        return lit(DataType.FLOAT64, value);
    }

    /**
     * @param random for literals.
     * @return operand pairs of one type: column/column, column/literal, literal/column, column/null, null/column,
     *     column/itself.
     */
    private static List<Bound[]> pairs(final Random random, final DataType type)
    {
        final Bound c1 = col(type, 1);
        final Bound c2 = col(type, 2);
        return List.of(new Bound[]{c1, c2}, new Bound[]{c1, randomLit(random, type)},
            new Bound[]{randomLit(random, type), c2}, new Bound[]{c1, nul(type)}, new Bound[]{nul(type), c2},
            new Bound[]{c1, c1});
    }

    private static Bound cast(final Bound arg, final DataType to)
    {
        return arg.type() == to ? arg : new Bound.Cast(arg, to);
    }

    /**
     * @param random for literals.
     * @return BOOLEAN trees, usable as predicates.
     */
    public static List<Bound> predicates(final Random random)
    {
        final List<Bound> out = new ArrayList<>();
        final Bound b1 = col("b1");
        final Bound b2 = col("b2");
        final Bound t = lit(DataType.BOOLEAN, true);
        final Bound f = lit(DataType.BOOLEAN, false);
        final Bound n = nul(DataType.BOOLEAN);
        out.add(b1);
        out.add(t);
        out.add(f);
        out.add(n);
        // compare: every op on every type
        for (final DataType type : PhysicalTypes.values())
        {
            for (final CompareOp op : CompareOp.values())
            {
                for (final Bound[] p : pairs(random, type))
                {
                    out.add(new Bound.Compare(op, p[0], p[1]));
                }
            }
        }
        // Kleene: every combination of column / true / false / null, both sides
        final Bound[] logic = {b1, b2, t, f, n, new Bound.Compare(CompareOp.GT, col("d1"), f64(0.0))};
        for (final Bound x : logic)
        {
            for (final Bound y : logic)
            {
                out.add(new Bound.And(x, y));
                out.add(new Bound.Or(x, y));
            }
            out.add(new Bound.Not(x));
        }
        out.add(new Bound.Not(new Bound.And(b1, new Bound.Or(b2, n))));
        // is_null of every type, of a literal null and of an operator that makes nulls (x / 0)
        for (final DataType type : PhysicalTypes.values())
        {
            out.add(new Bound.IsNull(col(type, 1)));
            out.add(new Bound.IsNull(nul(type)));
        }
        out.add(new Bound.IsNull(new Bound.Arith(ArithOp.DIV, col("i1"), col("i2"), DataType.INT32)));
        out.add(new Bound.IsNull(new Bound.Arith(ArithOp.MOD, col("l1"), lit(DataType.INT64, 0L), DataType.INT64)));
        // if / coalesce / cast producing BOOLEAN
        out.add(new Bound.If(b1, b2, n, DataType.BOOLEAN));
        out.add(new Bound.If(n, b1, b2, DataType.BOOLEAN));
        out.add(new Bound.Coalesce(List.of(b1, b2), DataType.BOOLEAN));
        out.add(new Bound.Coalesce(List.of(n, b2, t), DataType.BOOLEAN));
        for (final DataType from : NUMERIC)
        {
            out.add(new Bound.Cast(col(from, 1), DataType.BOOLEAN));
        }
        // string predicates: column/column, column/each pattern, literal/column, null, itself
        final List<String> patterns = List.of("", "a", "ab", "é", "日本", "本", "🙂", "b", "abc", "zzzz");
        for (final StringOp op : StringOp.values())
        {
            out.add(new Bound.StringPredicate(op, col("s1"), col("s2")));
            out.add(new Bound.StringPredicate(op, col("s1"), col("s1")));
            out.add(new Bound.StringPredicate(op, col("s1"), nul(DataType.UTF8)));
            out.add(new Bound.StringPredicate(op, lit(DataType.UTF8, "a🙂bc"), col("s2")));
            for (final String pattern : patterns)
            {
                out.add(new Bound.StringPredicate(op, col("s1"), lit(DataType.UTF8, pattern)));
            }
        }
        // predicate UDFs
        out.add(new Bound.UdfCall(POSITIVE, List.of(col("d1"))));
        out.add(new Bound.UdfCall(CLOSE, List.of(col("d1"), cast(col("i2"), DataType.FLOAT64))));
        // the headline filter shape a * b + c > t
        out.add(new Bound.Compare(CompareOp.GT, new Bound.Arith(ArithOp.ADD,
            new Bound.Arith(ArithOp.MUL, col("d1"), col("d2"), DataType.FLOAT64), col("d1"), DataType.FLOAT64),
            f64(10.0)));
        return out;
    }

    /**
     * @param random for literals.
     * @return trees of every result type: every node kind with every operand type it accepts, plus
     *     {@link #predicates}.
     */
    public static List<Bound> all(final Random random)
    {
        final List<Bound> out = new ArrayList<>();
        for (final DataType type : PhysicalTypes.values())
        {
            out.add(col(type, 1));
            out.add(randomLit(random, type));
            out.add(nul(type));
        }
        for (final DataType type : NUMERIC)
        {
            for (final ArithOp op : ArithOp.values())
            {
                for (final Bound[] p : pairs(random, type))
                {
                    out.add(new Bound.Arith(op, p[0], p[1], type));
                }
            }
            if (type == DataType.INT64)
            {
                for (final io.sabot.jit.bind.ExactOp op : io.sabot.jit.bind.ExactOp.values())
                {
                    final Bound right = switch (op)
                    {
                        case ROUND_DIV -> lit(DataType.INT64, 100L);
                        case FIT -> lit(DataType.INT64, 1_000_000L);
                        default -> col(type, 2);
                    };
                    out.add(new Bound.Exact(op, col(type, 1), right, "overflow"));
                    out.add(new Bound.Exact(op, nul(type), right, "overflow"));
                }
            }
            out.add(new Bound.Negate(col(type, 1), type));
            out.add(new Bound.Negate(randomLit(random, type), type));
            out.add(new Bound.Negate(nul(type), type));
            out.add(new Bound.MathCall(MathFn.ABS, List.of(col(type, 1)), type));
            out.add(new Bound.MathCall(MathFn.ABS, List.of(nul(type)), type));
            for (final MathFn fn : new MathFn[]{MathFn.MIN, MathFn.MAX})
            {
                for (final Bound[] p : pairs(random, type))
                {
                    out.add(new Bound.MathCall(fn, List.of(p[0], p[1]), type));
                }
            }
            // every cast from and to this type
            for (final DataType to : PhysicalTypes.values())
            {
                if (to != type && to != DataType.UTF8)
                {
                    out.add(new Bound.Cast(col(type, 1), to));
                }
            }
        }
        for (final DataType to : NUMERIC)
        {
            out.add(new Bound.Cast(col("b1"), to));
            out.add(new Bound.Cast(lit(DataType.BOOLEAN, true), to));
        }
        for (final MathFn fn : new MathFn[]{MathFn.SQRT, MathFn.EXP, MathFn.LOG, MathFn.FLOOR, MathFn.CEIL})
        {
            out.add(new Bound.MathCall(fn, List.of(col("d1")), DataType.FLOAT64));
            out.add(new Bound.MathCall(fn, List.of(cast(col("f1"), DataType.FLOAT64)), DataType.FLOAT64));
            out.add(new Bound.MathCall(fn, List.of(cast(col("l1"), DataType.FLOAT64)), DataType.FLOAT64));
            out.add(new Bound.MathCall(fn, List.of(nul(DataType.FLOAT64)), DataType.FLOAT64));
        }
        for (final Bound[] p : pairs(random, DataType.FLOAT64))
        {
            out.add(new Bound.MathCall(MathFn.POW, List.of(p[0], p[1]), DataType.FLOAT64));
        }
        out.add(new Bound.MathCall(MathFn.POW, List.of(col("d1"), f64(0.5)), DataType.FLOAT64));
        // if and coalesce of every type, with column / null / compare conditions
        final Bound[] conditions = {col("b1"), nul(DataType.BOOLEAN),
            new Bound.Compare(CompareOp.LT, col("i1"), col("i2"))};
        for (final DataType type : PhysicalTypes.values())
        {
            for (final Bound condition : conditions)
            {
                out.add(new Bound.If(condition, col(type, 1), col(type, 2), type));
            }
            out.add(new Bound.If(col("b2"), randomLit(random, type), nul(type), type));
            out.add(new Bound.If(col("b2"), nul(type), col(type, 1), type));
            // case without else is nested if with a null else
            out.add(new Bound.If(col("b1"), col(type, 1),
                new Bound.If(col("b2"), col(type, 2), nul(type), type), type));
            out.add(new Bound.Coalesce(List.of(col(type, 1)), type));
            out.add(new Bound.Coalesce(List.of(col(type, 1), col(type, 2)), type));
            out.add(new Bound.Coalesce(List.of(nul(type), col(type, 2), randomLit(random, type)), type));
            out.add(new Bound.Coalesce(List.of(nul(type), nul(type)), type));
        }
        // length
        out.add(new Bound.Length(col("s1")));
        out.add(new Bound.Length(lit(DataType.UTF8, "a🙂é日")));
        out.add(new Bound.Length(lit(DataType.UTF8, "")));
        out.add(new Bound.Length(nul(DataType.UTF8)));
        out.add(new Bound.Length(new Bound.Coalesce(List.of(col("s1"), col("s2")), DataType.UTF8)));
        // UDFs of every shape, nested and composed with the IR
        out.add(new Bound.UdfCall(SCALE, List.of(col("d1"))));
        out.add(new Bound.UdfCall(SCALE, List.of(nul(DataType.FLOAT64))));
        out.add(new Bound.UdfCall(HYPOT, List.of(col("d1"), cast(col("f2"), DataType.FLOAT64))));
        out.add(new Bound.UdfCall(FMA, List.of(col("d1"), col("d2"), new Bound.UdfCall(SCALE, List.of(col("d2"))))));
        out.add(new Bound.UdfCall(TWICE, List.of(col("l1"))));
        out.add(new Bound.UdfCall(PICK, List.of(col("l1"), cast(col("i2"), DataType.INT64))));
        out.add(new Bound.UdfCall(PICK, List.of(new Bound.UdfCall(TWICE, List.of(col("l2"))), col("l1"))));
        out.add(new Bound.Arith(ArithOp.ADD, new Bound.UdfCall(SCALE, List.of(col("d1"))),
            new Bound.UdfCall(HYPOT, List.of(col("d2"), f64(3.0))), DataType.FLOAT64));
        out.add(new Bound.If(new Bound.UdfCall(POSITIVE, List.of(col("d2"))),
            new Bound.UdfCall(SCALE, List.of(col("d1"))), f64(-1.0), DataType.FLOAT64));
        out.addAll(predicates(random));
        return out;
    }
}
