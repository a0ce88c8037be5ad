package io.sabot.jit.interp;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.testing.Vectors;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.Batch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An independent, deliberately naive evaluator of {@link Bound} trees, one row at a time, on boxed Java values read
 * through the Arrow getters ({@link Vectors#read}). It shares no code with the interpreter: arithmetic is written on
 * boxed values, strings go through {@link String} and byte arrays, Kleene logic is a truth table. Tests compare both.
 *
 * <p>Thread-safety: stateless.
 */
public final class ScalarReference
{
    private ScalarReference()
    {
    }

    /**
     * @param b     a bound tree.
     * @param batch the input.
     * @param row   a physical row of the batch.
     * @return the value as {@link Vectors#read} would return it, {@code null} for null.
     */
    public static Object eval(final Bound b, final Batch batch, final int row)
    {
        return switch (b)
        {
            case Bound.Column c -> Vectors.read(batch.column(c.index()), row);
            case Bound.Literal l -> l.value();
            case Bound.Arith a -> arith(a, eval(a.left(), batch, row), eval(a.right(), batch, row));
            case Bound.Negate n -> negate(eval(n.arg(), batch, row));
            case Bound.Compare c -> compare(c, eval(c.left(), batch, row), eval(c.right(), batch, row));
            case Bound.And a -> and((Boolean)eval(a.left(), batch, row), (Boolean)eval(a.right(), batch, row));
            case Bound.Or o -> or((Boolean)eval(o.left(), batch, row), (Boolean)eval(o.right(), batch, row));
            case Bound.Not n ->
            {
                final Boolean v = (Boolean)eval(n.arg(), batch, row);
                yield v == null ? null : !v;
            }
            case Bound.IsNull n -> eval(n.arg(), batch, row) == null;
            case Bound.If f -> Boolean.TRUE.equals(eval(f.condition(), batch, row)) ? eval(f.then(), batch, row) :
                eval(f.otherwise(), batch, row);
            case Bound.Cast c -> cast(eval(c.arg(), batch, row), c.type());
            case Bound.Coalesce c ->
            {
                for (final Bound arg : c.args())
                {
                    final Object v = eval(arg, batch, row);
                    if (v != null)
                    {
                        yield v;
                    }
                }
                yield null;
            }
            case Bound.MathCall m -> math(m, batch, row);
            case Bound.StringPredicate p ->
            {
                final String s = (String)eval(p.left(), batch, row);
                final String pattern = (String)eval(p.right(), batch, row);
                if (s == null || pattern == null)
                {
                    yield null;
                }
                // UTF-8 is self-synchronising, so these code-point predicates equal the byte-wise ones
                yield switch (p.op())
                {
                    case EQUALS -> s.equals(pattern);
                    case STARTS_WITH -> s.startsWith(pattern);
                    case ENDS_WITH -> s.endsWith(pattern);
                    case CONTAINS -> s.contains(pattern);
                };
            }
            case Bound.Length l ->
            {
                final String s = (String)eval(l.arg(), batch, row);
                yield s == null ? null : s.codePointCount(0, s.length());
            }
            case Bound.UdfCall u -> udf(u, batch, row);
            case Bound.Exact e -> exact(e, eval(e.left(), batch, row), eval(e.right(), batch, row));
        };
    }

    /** The value an exact node returns (overflow is only flagged, the value wraps as in Java). */
    private static Object exact(final Bound.Exact e, final Object x, final Object y)
    {
        if (x == null || y == null)
        {
            return null;
        }
        final long a = (Long)x;
        final long b = (Long)y;
        return switch (e.op())
        {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case FIT -> a;
            case ROUND_DIV -> b <= 1 ? a : java.math.BigDecimal.valueOf(a).divide(java.math.BigDecimal.valueOf(b),
                0, java.math.RoundingMode.HALF_UP).longValueExact();
        };
    }

    private static Object arith(final Bound.Arith a, final Object x, final Object y)
    {
        if (x == null || y == null)
        {
            return null;
        }
        return switch (x)
        {
            case Integer i ->
            {
                final int j = (Integer)y;
                yield switch (a.op())
                {
                    case ADD -> i + j;
                    case SUB -> i - j;
                    case MUL -> i * j;
                    case DIV -> j == 0 ? null : i / j;
                    case MOD -> j == 0 ? null : i % j;
                };
            }
            case Long i ->
            {
                final long j = (Long)y;
                yield switch (a.op())
                {
                    case ADD -> i + j;
                    case SUB -> i - j;
                    case MUL -> i * j;
                    case DIV -> j == 0 ? null : i / j;
                    case MOD -> j == 0 ? null : i % j;
                };
            }
            case Float i ->
            {
                final float j = (Float)y;
                yield switch (a.op())
                {
                    case ADD -> i + j;
                    case SUB -> i - j;
                    case MUL -> i * j;
                    case DIV -> i / j;
                    case MOD -> i % j;
                };
            }
            case Double i ->
            {
                final double j = (Double)y;
                yield switch (a.op())
                {
                    case ADD -> i + j;
                    case SUB -> i - j;
                    case MUL -> i * j;
                    case DIV -> i / j;
                    case MOD -> i % j;
                };
            }
            default -> throw new IllegalArgumentException("arith on " + x);
        };
    }

    private static Object negate(final Object x)
    {
        return switch (x)
        {
            case null -> null;
            case Integer i -> -i;
            case Long i -> -i;
            case Float i -> -i;
            case Double i -> -i;
            default -> throw new IllegalArgumentException("negate " + x);
        };
    }

    private static Object compare(final Bound.Compare c, final Object x, final Object y)
    {
        if (x == null || y == null)
        {
            return null;
        }
        if (x instanceof Float || x instanceof Double)
        {
            final double a = ((Number)x).doubleValue();
            final double b = ((Number)y).doubleValue(); // float -> double is exact, so the IEEE result is the same
            return switch (c.op())
            {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
        final int order = switch (x)
        {
            case Integer i -> Integer.compare(i, (Integer)y);
            case Long i -> Long.compare(i, (Long)y);
            case Boolean i -> Boolean.compare(i, (Boolean)y);
            case String s -> Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8),
                ((String)y).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("compare " + x);
        };
        return c.op().test(order);
    }

    private static Boolean and(final Boolean x, final Boolean y)
    {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y))
        {
            return false;
        }
        if (x == null || y == null)
        {
            return null;
        }
        return true;
    }

    private static Boolean or(final Boolean x, final Boolean y)
    {
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y))
        {
            return true;
        }
        if (x == null || y == null)
        {
            return null;
        }
        return false;
    }

    private static Object cast(final Object x, final io.sabot.jit.expr.DataType to)
    {
        if (x == null)
        {
            return null;
        }
        return switch (to)
        {
            case BOOLEAN -> switch (x)
            {
                case Integer i -> i != 0;
                case Long i -> i != 0;
                case Float i -> !(i == 0.0f);
                case Double i -> !(i == 0.0);
                default -> throw new IllegalArgumentException("cast " + x);
            };
            case INT32 -> switch (x)
            {
                case Boolean v -> v ? 1 : 0;
                case Long v -> (int)(long)v;
                case Float v -> (int)(float)v;
                case Double v -> (int)(double)v;
                default -> throw new IllegalArgumentException("cast " + x);
            };
            case INT64 -> switch (x)
            {
                case Boolean v -> v ? 1L : 0L;
                case Integer v -> (long)(int)v;
                case Float v -> (long)(float)v;
                case Double v -> (long)(double)v;
                default -> throw new IllegalArgumentException("cast " + x);
            };
            case FLOAT32 -> switch (x)
            {
                case Boolean v -> v ? 1.0f : 0.0f;
                case Integer v -> (float)(int)v;
                case Long v -> (float)(long)v;
                case Double v -> (float)(double)v;
                default -> throw new IllegalArgumentException("cast " + x);
            };
            case FLOAT64 -> switch (x)
            {
                case Boolean v -> v ? 1.0 : 0.0;
                case Integer v -> (double)(int)v;
                case Long v -> (double)(long)v;
                case Float v -> (double)(float)v;
                default -> throw new IllegalArgumentException("cast " + x);
            };
            case UTF8 -> throw new IllegalArgumentException("cast to utf8");
            default -> throw new IllegalArgumentException("unsupported type");
        };
    }

    private static Object math(final Bound.MathCall m, final Batch batch, final int row)
    {
        final Object x = eval(m.args().get(0), batch, row);
        final Object y = m.args().size() > 1 ? eval(m.args().get(1), batch, row) : null;
        if (x == null || (m.args().size() > 1 && y == null))
        {
            return null;
        }
        return switch (m.fn())
        {
            case ABS -> switch (x)
            {
                case Integer v -> Math.abs(v);
                case Long v -> Math.abs(v);
                case Float v -> Math.abs(v);
                case Double v -> Math.abs(v);
                default -> throw new IllegalArgumentException("abs " + x);
            };
            case MIN, MAX ->
            {
                final boolean max = m.fn() == io.sabot.jit.expr.MathFn.MAX;
                yield switch (x)
                {
                    case Integer v -> max ? Math.max(v, (Integer)y) : Math.min(v, (Integer)y);
                    case Long v -> max ? Math.max(v, (Long)y) : Math.min(v, (Long)y);
                    case Float v -> max ? Math.max(v, (Float)y) : Math.min(v, (Float)y);
                    case Double v -> max ? Math.max(v, (Double)y) : Math.min(v, (Double)y);
                    default -> throw new IllegalArgumentException("min/max " + x);
                };
            }
            case SQRT -> Math.sqrt((Double)x);
            case EXP -> Math.exp((Double)x);
            case LOG -> Math.log((Double)x);
            case FLOOR -> Math.floor((Double)x);
            case CEIL -> Math.ceil((Double)x);
            case POW -> Math.pow((Double)x, (Double)y);
        };
    }

    private static Object udf(final Bound.UdfCall u, final Batch batch, final int row)
    {
        final Object[] args = new Object[u.args().size()];
        for (int i = 0; i < args.length; i++)
        {
            args[i] = eval(u.args().get(i), batch, row);
            if (args[i] == null)
            {
                return null;
            }
        }
        // call the lambda through its own interface, not through Udf.call*
        return switch (u.udf().function())
        {
            case Udf.DoubleFn1 f -> f.apply((Double)args[0]);
            case Udf.DoubleFn2 f -> f.apply((Double)args[0], (Double)args[1]);
            case Udf.DoubleFn3 f -> f.apply((Double)args[0], (Double)args[1], (Double)args[2]);
            case Udf.LongFn1 f -> f.apply((Long)args[0]);
            case Udf.LongFn2 f -> f.apply((Long)args[0], (Long)args[1]);
            case Udf.DoublePredicate1 f -> f.test((Double)args[0]);
            case Udf.DoublePredicate2 f -> f.test((Double)args[0], (Double)args[1]);
            default -> throw new IllegalArgumentException("udf " + u.udf());
        };
    }
}
