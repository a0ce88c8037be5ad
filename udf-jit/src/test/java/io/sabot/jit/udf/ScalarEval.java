package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;

import java.util.Map;

/**
 * Test-only scalar evaluator of the unbound IR nodes a lifted UDF produces, with the semantics of the shared brief
 * (Java numerics, IEEE comparisons, Kleene logic, strict operators, null condition takes the else branch). Operands
 * of one node already have one type in lifted bodies, so there is no promotion here.
 */
final class ScalarEval
{
    private ScalarEval()
    {
    }

    static Object eval(final Expr e, final Map<String, Object> columns)
    {
        return switch (e)
        {
            case Expr.Column c -> columns.get(c.name());
            case Expr.Literal l -> l.value();
            case Expr.Arith a -> arith(a, eval(a.left(), columns), eval(a.right(), columns));
            case Expr.Negate n -> negate(eval(n.arg(), columns));
            case Expr.Compare c -> compare(c, eval(c.left(), columns), eval(c.right(), columns));
            case Expr.And a -> and(eval(a.left(), columns), eval(a.right(), columns));
            case Expr.Or o -> or(eval(o.left(), columns), eval(o.right(), columns));
            case Expr.Not n ->
            {
                final Object v = eval(n.arg(), columns);
                yield v == null ? null : !(Boolean) v;
            }
            case Expr.IsNull n -> eval(n.arg(), columns) == null;
            case Expr.If i -> Boolean.TRUE.equals(eval(i.condition(), columns)) ? eval(i.then(), columns)
                : eval(i.otherwise(), columns);
            case Expr.Cast c -> cast(eval(c.arg(), columns), c.type());
            case Expr.MathCall m -> math(m, columns);
            default -> throw new IllegalArgumentException("not evaluated here: " + e);
        };
    }

    private static Object arith(final Expr.Arith a, final Object l, final Object r)
    {
        if (l == null || r == null)
        {
            return null;
        }
        return switch (l)
        {
            case Integer x ->
            {
                final int y = (Integer) r;
                yield switch (a.op())
                {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y;
                    case MOD -> y == 0 ? null : x % y;
                };
            }
            case Long x ->
            {
                final long y = (Long) r;
                yield switch (a.op())
                {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> y == 0 ? null : x / y;
                    case MOD -> y == 0 ? null : x % y;
                };
            }
            case Float x ->
            {
                final float y = (Float) r;
                yield switch (a.op())
                {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case MOD -> x % y;
                };
            }
            case Double x ->
            {
                final double y = (Double) r;
                yield switch (a.op())
                {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case DIV -> x / y;
                    case MOD -> x % y;
                };
            }
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    private static Object negate(final Object v)
    {
        return switch (v)
        {
            case null -> null;
            case Integer x -> -x;
            case Long x -> -x;
            case Float x -> -x;
            case Double x -> -x;
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Object compare(final Expr.Compare c, final Object l, final Object r)
    {
        if (l == null || r == null)
        {
            return null;
        }
        if (l instanceof Boolean x)
        {
            return test(c, Boolean.compare(x, (Boolean) r), false);
        }
        if (l instanceof Double || l instanceof Float)
        {
            final double x = ((Number) l).doubleValue();
            final double y = ((Number) r).doubleValue();
            return test(c, x < y ? -1 : x > y ? 1 : 0, Double.isNaN(x) || Double.isNaN(y));
        }
        return test(c, Long.compare(((Number) l).longValue(), ((Number) r).longValue()), false);
    }

    private static boolean test(final Expr.Compare c, final int cmp, final boolean nan)
    {
        if (nan)
        {
            return c.op() == io.sabot.simd.CompareOp.NE;
        }
        return switch (c.op())
        {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    private static Object and(final Object l, final Object r)
    {
        if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r))
        {
            return false;
        }
        return l == null || r == null ? null : true;
    }

    private static Object or(final Object l, final Object r)
    {
        if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r))
        {
            return true;
        }
        return l == null || r == null ? null : false;
    }

    private static Object cast(final Object v, final DataType type)
    {
        if (v == null)
        {
            return null;
        }
        if (v instanceof Boolean b)
        {
            return cast(b ? 1 : 0, type);
        }
        if (type == DataType.BOOLEAN)
        {
            return ((Number) v).doubleValue() != 0 || v instanceof Double d && d.isNaN() ||
                v instanceof Float f && f.isNaN();
        }
        return switch (v)
        {
            case Integer x -> switch (type)
            {
                case INT32 -> x;
                case INT64 -> (long) x;
                case FLOAT32 -> (float) x;
                default -> (double) x;
            };
            case Long x -> switch (type)
            {
                case INT32 -> (int) (long) x;
                case INT64 -> x;
                case FLOAT32 -> (float) x;
                default -> (double) x;
            };
            case Float x -> switch (type)
            {
                case INT32 -> (int) (float) x;
                case INT64 -> (long) (float) x;
                case FLOAT32 -> x;
                default -> (double) x;
            };
            case Double x -> switch (type)
            {
                case INT32 -> (int) (double) x;
                case INT64 -> (long) (double) x;
                case FLOAT32 -> (float) (double) x;
                default -> x;
            };
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Object math(final Expr.MathCall m, final Map<String, Object> columns)
    {
        final Object a = eval(m.args().get(0), columns);
        final Object b = m.args().size() > 1 ? eval(m.args().get(1), columns) : 0;
        if (a == null || b == null)
        {
            return null;
        }
        return switch (m.fn())
        {
            case ABS -> switch (a)
            {
                case Integer x -> Math.abs(x);
                case Long x -> Math.abs(x);
                case Float x -> Math.abs(x);
                default -> Math.abs((Double) a);
            };
            case MIN -> switch (a)
            {
                case Integer x -> Math.min(x, (Integer) b);
                case Long x -> Math.min(x, (Long) b);
                case Float x -> Math.min(x, (Float) b);
                default -> Math.min((Double) a, (Double) b);
            };
            case MAX -> switch (a)
            {
                case Integer x -> Math.max(x, (Integer) b);
                case Long x -> Math.max(x, (Long) b);
                case Float x -> Math.max(x, (Float) b);
                default -> Math.max((Double) a, (Double) b);
            };
            case SQRT -> Math.sqrt(((Number) a).doubleValue());
            case EXP -> Math.exp(((Number) a).doubleValue());
            case LOG -> Math.log(((Number) a).doubleValue());
            case FLOOR -> Math.floor(((Number) a).doubleValue());
            case CEIL -> Math.ceil(((Number) a).doubleValue());
            case POW -> Math.pow(((Number) a).doubleValue(), ((Number) b).doubleValue());
        };
    }
}
