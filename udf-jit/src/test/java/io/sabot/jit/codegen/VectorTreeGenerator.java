package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.simd.CompareOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-typed trees over {@link VectorTestData#SCHEMA} using only the nodes {@link VectorBlockEmitter}
 * vectorises. Thread-safety: not thread-safe (shares a {@link Random}).
 */
final class VectorTreeGenerator
{
    private static final DataType[] NUMERIC = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};

    private final Random random;

    VectorTreeGenerator(final Random random)
    {
        this.random = random;
    }

    Bound numeric(final int depth)
    {
        return numeric(NUMERIC[random.nextInt(NUMERIC.length)], depth);
    }

    Bound numeric(final DataType t, final int depth)
    {
        if (depth == 0 || random.nextInt(4) == 0)
        {
            return leaf(t);
        }
        return switch (random.nextInt(9))
        {
            case 0, 1 ->
            {
                final ArithOp[] ops = t.isFloating() ?
                    new ArithOp[]{ArithOp.ADD, ArithOp.SUB, ArithOp.MUL, ArithOp.DIV} :
                    new ArithOp[]{ArithOp.ADD, ArithOp.SUB, ArithOp.MUL};
                yield new Bound.Arith(ops[random.nextInt(ops.length)], numeric(t, depth - 1), numeric(t, depth - 1), t);
            }
            case 2 -> new Bound.Negate(numeric(t, depth - 1), t);
            case 3 ->
            {
                final MathFn fn = new MathFn[]{MathFn.ABS, MathFn.MIN, MathFn.MAX, MathFn.SQRT}[random.nextInt(4)];
                if (fn == MathFn.SQRT)
                {
                    yield t == DataType.FLOAT64 ?
                        new Bound.MathCall(fn, List.of(numeric(t, depth - 1)), t) : numeric(t, depth - 1);
                }
                yield fn == MathFn.ABS ? new Bound.MathCall(fn, List.of(numeric(t, depth - 1)), t) :
                    new Bound.MathCall(fn, List.of(numeric(t, depth - 1), numeric(t, depth - 1)), t);
            }
            case 4 ->
            {
                DataType from = NUMERIC[random.nextInt(NUMERIC.length)];
                if (from == t)
                {
                    yield new Bound.Cast(bool(depth - 1), t);
                }
                yield new Bound.Cast(numeric(from, depth - 1), t);
            }
            case 5 -> new Bound.If(bool(depth - 1), numeric(t, depth - 1), numeric(t, depth - 1), t);
            case 6 ->
            {
                final List<Bound> args = new ArrayList<>();
                for (int i = 1 + random.nextInt(3); i > 0; i--)
                {
                    args.add(numeric(t, depth - 1));
                }
                yield new Bound.Coalesce(args, t);
            }
            default -> leaf(t);
        };
    }

    Bound bool(final int depth)
    {
        if (depth == 0 || random.nextInt(5) == 0)
        {
            return random.nextInt(4) == 0 ? new Bound.Literal(DataType.BOOLEAN, random.nextBoolean()) :
                column(DataType.BOOLEAN);
        }
        return switch (random.nextInt(10))
        {
            case 0, 1, 2 ->
            {
                final DataType t = NUMERIC[random.nextInt(NUMERIC.length)];
                yield new Bound.Compare(CompareOp.values()[random.nextInt(6)], numeric(t, depth - 1),
                    numeric(t, depth - 1));
            }
            case 3 -> new Bound.Compare(CompareOp.values()[random.nextInt(6)], bool(depth - 1), bool(depth - 1));
            case 4 -> new Bound.And(bool(depth - 1), bool(depth - 1));
            case 5 -> new Bound.Or(bool(depth - 1), bool(depth - 1));
            case 6 -> new Bound.Not(bool(depth - 1));
            case 7 -> new Bound.IsNull(random.nextBoolean() ? bool(depth - 1) : numeric(depth - 1));
            case 8 -> random.nextBoolean() ?
                new Bound.If(bool(depth - 1), bool(depth - 1), bool(depth - 1), DataType.BOOLEAN) :
                new Bound.Coalesce(List.of(bool(depth - 1), bool(depth - 1)), DataType.BOOLEAN);
            default -> new Bound.Cast(numeric(depth - 1), DataType.BOOLEAN);
        };
    }

    private Bound leaf(final DataType t)
    {
        if (random.nextInt(3) == 0)
        {
            final Object v = switch (t)
            {
                case INT32 -> (int)VectorTestData.randomLong(random);
                case INT64 -> VectorTestData.randomLong(random);
                case FLOAT32 -> (float)VectorTestData.randomDouble(random);
                default -> VectorTestData.randomDouble(random);
            };
            return new Bound.Literal(t, v);
        }
        return column(t);
    }

    private Bound column(final DataType t)
    {
        return VectorBlockEmitterTest.col(t, random.nextInt(2));
    }
}
