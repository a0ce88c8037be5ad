package io.sabot.jit.testing;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Generates random well-typed expression trees for property tests: {@code Binder.bind} accepts every tree and gives
 * it exactly the requested result type. Trees use every node kind, every operator and function, and literals with
 * edge values (NaN, -0.0, infinities, integer extremes, zero, nulls of every type, text with quotes, empty text,
 * multi-byte characters). The same seed, columns and UDFs give the same tree (columns are visited in name order,
 * whatever the map's iteration order).
 *
 * <p>Thread-safety: stateless; each call uses only its own {@link Random}.
 */
public final class RandomExprs
{
    private static final DataType[] NUMERIC = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};
    private static final DataType[] CASTABLE = {DataType.BOOLEAN, DataType.INT32, DataType.INT64, DataType.FLOAT32,
        DataType.FLOAT64};
    private static final int[] INT_EDGES = {0, 1, -1, 2, -2, 7, -7, 100, Integer.MIN_VALUE, Integer.MAX_VALUE,
        Integer.MIN_VALUE + 1, Integer.MAX_VALUE - 1, 46341};
    private static final long[] LONG_EDGES = {0L, 1L, -1L, 3L, -3L, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE + 1, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, 1L << 53, (1L << 53) + 1, 3037000500L};
    private static final float[] FLOAT_EDGES = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, Float.NaN, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1.0e-30f, 16777217.0f, 2.5f};
    private static final double[] DOUBLE_EDGES = {0.0, -0.0, 1.0, -1.0, 0.1, 0.5, -2.5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        1.5e300, 9.223372036854776E18, 2147483648.0, 1e-300};
    private static final String[] STRING_EDGES = {"", "a", "ab", "abc", "b", "it's", "'", "''", "\"", "a\"b", "ü",
        "naïve", "日本語", "日", "😀", "a😀b", " ", "A", "\u0000", "\u007f", "\u0080", "\uffff"};
    private static final String[] STRING_PIECES = {"a", "b", "'", "ü", "日", "😀", " "};

    private final Random rnd;
    private final Map<DataType, List<String>> columnsByType = new EnumMap<>(DataType.class);
    private final List<String> castableColumns = new ArrayList<>();
    private final List<Udf> udfs;

    private RandomExprs(final Random rnd, final Map<String, DataType> columns, final List<Udf> udfs)
    {
        this.rnd = rnd;
        this.udfs = List.copyOf(udfs);
        for (final DataType t : PhysicalTypes.values())
        {
            columnsByType.put(t, new ArrayList<>());
        }
        for (final Map.Entry<String, DataType> e : new TreeMap<>(columns).entrySet())
        {
            columnsByType.get(e.getValue()).add(e.getKey());
            if (e.getValue() != DataType.UTF8)
            {
                castableColumns.add(e.getKey());
            }
        }
    }

    /**
     * @param rnd        the source of randomness (the only one used).
     * @param columns    the columns the tree may read, with their types (any map; read in name order).
     * @param resultType the type the bound tree must have.
     * @param maxDepth   the maximum depth of operator nesting (0 gives a leaf).
     * @return a well-typed expression.
     */
    public static Expr generate(final Random rnd, final Map<String, DataType> columns, final DataType resultType,
        final int maxDepth)
    {
        return generate(rnd, columns, resultType, maxDepth, List.of());
    }

    /**
     * @param rnd        the source of randomness (the only one used).
     * @param columns    the columns the tree may read, with their types (any map; read in name order).
     * @param resultType the type the bound tree must have.
     * @param maxDepth   the maximum depth of operator nesting (0 gives a leaf).
     * @param udfs       UDFs the tree may call (in list order for determinism).
     * @return a well-typed expression.
     */
    public static Expr generate(final Random rnd, final Map<String, DataType> columns, final DataType resultType,
        final int maxDepth, final List<Udf> udfs)
    {
        return new RandomExprs(rnd, columns, udfs).gen(resultType, maxDepth);
    }

    /**
     * @param rnd  the source of randomness.
     * @param type a type.
     * @return a random literal of {@code type}: often an edge value, sometimes null.
     */
    public static Expr.Literal literal(final Random rnd, final DataType type)
    {
        if (rnd.nextInt(10) == 0)
        {
            return new Expr.Literal(type, null);
        }
        final boolean edge = rnd.nextBoolean();
        final Object value = switch (type)
        {
            case BOOLEAN -> rnd.nextBoolean();
            case INT32 -> edge ? INT_EDGES[rnd.nextInt(INT_EDGES.length)] : rnd.nextInt(201) - 100;
            case INT64 -> edge ? LONG_EDGES[rnd.nextInt(LONG_EDGES.length)] :
                rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(2001) - 1000L;
            case FLOAT32 -> edge ? FLOAT_EDGES[rnd.nextInt(FLOAT_EDGES.length)] :
                (float)(rnd.nextGaussian() * 100);
            case FLOAT64 -> edge ? DOUBLE_EDGES[rnd.nextInt(DOUBLE_EDGES.length)] :
                rnd.nextBoolean() ? rnd.nextGaussian() * 1000 : (double)(rnd.nextInt(41) - 20) / 4;
            case UTF8 -> edge ? STRING_EDGES[rnd.nextInt(STRING_EDGES.length)] : randomString(rnd);
            default -> throw new IllegalArgumentException("unsupported type");
        };
        return new Expr.Literal(type, value);
    }

    private static String randomString(final Random rnd)
    {
        final StringBuilder s = new StringBuilder();
        final int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++)
        {
            s.append(STRING_PIECES[rnd.nextInt(STRING_PIECES.length)]);
        }
        return s.toString();
    }

    // ---- generation --------------------------------------------------------------------------------------------

    private Expr gen(final DataType type, final int depth)
    {
        if (depth <= 0 || rnd.nextInt(5) == 0)
        {
            return leaf(type);
        }
        final int d = depth - 1;
        return switch (type)
        {
            case BOOLEAN -> booleanNode(d);
            case UTF8 -> switch (rnd.nextInt(3))
            {
                case 0 -> new Expr.If(gen(DataType.BOOLEAN, d), gen(type, d), gen(type, d));
                case 1 -> caseOf(type, d);
                default -> coalesceOf(type, d);
            };
            default -> numericNode(type, d);
        };
    }

    private Expr leaf(final DataType type)
    {
        final List<String> exact = columnsByType.get(type);
        final int choice = rnd.nextInt(10);
        if (choice < 5 && !exact.isEmpty())
        {
            return new Expr.Column(exact.get(rnd.nextInt(exact.size())));
        }
        if (choice < 7 && type != DataType.UTF8)
        {
            // A column of another type, so that the cast survives binding.
            final List<String> others = new ArrayList<>(castableColumns);
            others.removeAll(exact);
            if (!others.isEmpty())
            {
                return new Expr.Cast(new Expr.Column(others.get(rnd.nextInt(others.size()))), type);
            }
        }
        return literal(rnd, type);
    }

    private Expr numericNode(final DataType type, final int d)
    {
        final List<Udf> returning = udfsReturning(type);
        while (true)
        {
            switch (rnd.nextInt(11))
            {
                case 0, 1 ->
                {
                    final DataType[] pair = pairPromotingTo(type);
                    return new Expr.Arith(ArithOp.values()[rnd.nextInt(ArithOp.values().length)], gen(pair[0], d),
                        gen(pair[1], d));
                }
                case 2 ->
                {
                    return new Expr.Negate(gen(type, d));
                }
                case 3 ->
                {
                    final DataType[] pair = pairPromotingTo(type);
                    return new Expr.If(gen(DataType.BOOLEAN, d), gen(pair[0], d), gen(pair[1], d));
                }
                case 4 ->
                {
                    return caseOf(type, d);
                }
                case 5 ->
                {
                    return new Expr.Cast(gen(CASTABLE[rnd.nextInt(CASTABLE.length)], d), type);
                }
                case 6 ->
                {
                    return coalesceOf(type, d);
                }
                case 7 ->
                {
                    return minMaxAbs(type, d);
                }
                case 8 ->
                {
                    if (type == DataType.FLOAT64)
                    {
                        return float64Math(d);
                    }
                }
                case 9 ->
                {
                    if (type == DataType.INT32)
                    {
                        return new Expr.Length(gen(DataType.UTF8, d));
                    }
                }
                default ->
                {
                    if (!returning.isEmpty())
                    {
                        return udfCall(returning.get(rnd.nextInt(returning.size())), d);
                    }
                }
            }
        }
    }

    private Expr minMaxAbs(final DataType type, final int d)
    {
        if (rnd.nextInt(3) == 0)
        {
            return new Expr.MathCall(MathFn.ABS, List.of(gen(type, d)));
        }
        final DataType[] pair = pairPromotingTo(type);
        return new Expr.MathCall(rnd.nextBoolean() ? MathFn.MIN : MathFn.MAX, List.of(gen(pair[0], d),
            gen(pair[1], d)));
    }

    private Expr float64Math(final int d)
    {
        final MathFn[] fns = {MathFn.SQRT, MathFn.EXP, MathFn.LOG, MathFn.FLOOR, MathFn.CEIL, MathFn.POW};
        final MathFn fn = fns[rnd.nextInt(fns.length)];
        final List<Expr> args = new ArrayList<>();
        for (int i = 0; i < fn.arity(); i++)
        {
            args.add(gen(anyNumeric(), d));
        }
        return new Expr.MathCall(fn, args);
    }

    private Expr booleanNode(final int d)
    {
        final List<Udf> returning = udfsReturning(DataType.BOOLEAN);
        while (true)
        {
            switch (rnd.nextInt(13))
            {
                case 0, 1 ->
                {
                    final CompareOp op = CompareOp.values()[rnd.nextInt(CompareOp.values().length)];
                    return switch (rnd.nextInt(5))
                    {
                        case 0 -> new Expr.Compare(op, gen(DataType.BOOLEAN, d), gen(DataType.BOOLEAN, d));
                        case 1 -> new Expr.Compare(op, gen(DataType.UTF8, d), gen(DataType.UTF8, d));
                        default -> new Expr.Compare(op, gen(anyNumeric(), d), gen(anyNumeric(), d));
                    };
                }
                case 2 ->
                {
                    return new Expr.And(gen(DataType.BOOLEAN, d), gen(DataType.BOOLEAN, d));
                }
                case 3 ->
                {
                    return new Expr.Or(gen(DataType.BOOLEAN, d), gen(DataType.BOOLEAN, d));
                }
                case 4 ->
                {
                    return new Expr.Not(gen(DataType.BOOLEAN, d));
                }
                case 5 ->
                {
                    final Expr isNull = new Expr.IsNull(gen(PhysicalTypes.values()[rnd.nextInt(6)], d));
                    return rnd.nextBoolean() ? isNull : new Expr.Not(isNull);
                }
                case 6 ->
                {
                    return new Expr.If(gen(DataType.BOOLEAN, d), gen(DataType.BOOLEAN, d),
                        gen(DataType.BOOLEAN, d));
                }
                case 7 ->
                {
                    return caseOf(DataType.BOOLEAN, d);
                }
                case 8 ->
                {
                    return coalesceOf(DataType.BOOLEAN, d);
                }
                case 9 ->
                {
                    return new Expr.Cast(gen(anyNumeric(), d), DataType.BOOLEAN);
                }
                case 10, 11 ->
                {
                    return new Expr.StringPredicate(StringOp.values()[rnd.nextInt(StringOp.values().length)],
                        gen(DataType.UTF8, d), gen(DataType.UTF8, d));
                }
                default ->
                {
                    if (!returning.isEmpty())
                    {
                        return udfCall(returning.get(rnd.nextInt(returning.size())), d);
                    }
                }
            }
        }
    }

    private Expr caseOf(final DataType type, final int d)
    {
        final int arms = 1 + rnd.nextInt(3);
        final boolean hasElse = rnd.nextBoolean();
        final DataType[] types = branchTypes(type, arms + (hasElse ? 1 : 0));
        final List<Expr.When> whens = new ArrayList<>();
        for (int i = 0; i < arms; i++)
        {
            whens.add(new Expr.When(gen(DataType.BOOLEAN, d), gen(types[i], d)));
        }
        return new Expr.Case(whens, hasElse ? gen(types[arms], d) : null);
    }

    private Expr coalesceOf(final DataType type, final int d)
    {
        final DataType[] types = branchTypes(type, 1 + rnd.nextInt(3));
        final List<Expr> args = new ArrayList<>();
        for (final DataType t : types)
        {
            args.add(gen(t, d));
        }
        return new Expr.Coalesce(args);
    }

    private DataType widensTo(final DataType param)
    {
        final List<DataType> narrower = switch (param)
        {
            case INT64 -> List.of(DataType.INT32, DataType.INT64);
            case FLOAT32 -> List.of(DataType.INT32, DataType.INT64, DataType.FLOAT32);
            case FLOAT64 -> List.of(DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64);
            default -> List.of(param);
        };
        return narrower.get(rnd.nextInt(narrower.size()));
    }

    private Expr udfCall(final Udf udf, final int d)
    {
        final List<Expr> args = new ArrayList<>();
        for (final DataType param : udf.parameterTypes())
        {
            // Mostly the parameter type itself; sometimes a narrower type the binder must widen.
            args.add(gen(rnd.nextInt(3) == 0 ? widensTo(param) : param, d));
        }
        return new Expr.UdfCall(udf, args);
    }

    private List<Udf> udfsReturning(final DataType type)
    {
        final List<Udf> out = new ArrayList<>();
        for (final Udf u : udfs)
        {
            if (u.returnType() == type)
            {
                out.add(u);
            }
        }
        return out;
    }

    /** @return {@code n} branch types whose common type is exactly {@code type}. */
    private DataType[] branchTypes(final DataType type, final int n)
    {
        final DataType[] types = new DataType[n];
        for (int i = 0; i < n; i++)
        {
            types[i] = type.isNumeric() ? narrowerOrSame(type) : type;
        }
        types[rnd.nextInt(n)] = type;
        return types;
    }

    /** @return a numeric type that promotes with {@code type} to {@code type}. */
    private DataType narrowerOrSame(final DataType type)
    {
        while (true)
        {
            final DataType t = anyNumeric();
            if (DataType.promote(t, type) == type)
            {
                return t;
            }
        }
    }

    /** @return two numeric types promoting to exactly {@code type}. */
    private DataType[] pairPromotingTo(final DataType type)
    {
        while (true)
        {
            final DataType a = anyNumeric();
            final DataType b = anyNumeric();
            if (DataType.promote(a, b) == type)
            {
                return new DataType[] {a, b};
            }
        }
    }

    private DataType anyNumeric()
    {
        return NUMERIC[rnd.nextInt(NUMERIC.length)];
    }
}
