package io.sabot.jit.interp;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.simd.CompareOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random well-typed {@link Bound} trees over {@link BoundCatalogue#COLUMNS}, built directly (every operand already
 * has its parent's type, casts are explicit), mixing every node kind at every depth so that nulls, NaN and overflow
 * travel through nested operators.
 *
 * <p>Thread-safety: stateless; the {@link Random} is the caller's.
 */
public final class RandomBoundTrees
{
    private static final DataType[] NUMERIC = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};

    private RandomBoundTrees()
    {
    }

    /**
     * @param random the source.
     * @param type   the result type.
     * @param depth  the most levels of operators above the leaves.
     * @return a random tree.
     */
    public static Bound tree(final Random random, final DataType type, final int depth)
    {
        if (depth <= 0 || random.nextInt(5) == 0)
        {
            return leaf(random, type);
        }
        final int d = depth - 1;
        final int generic = random.nextInt(10);
        if (generic == 0)
        {
            return new Bound.If(tree(random, DataType.BOOLEAN, d), tree(random, type, d), tree(random, type, d),
                type);
        }
        if (generic == 1)
        {
            final List<Bound> args = new ArrayList<>();
            final int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++)
            {
                args.add(tree(random, type, d));
            }
            return new Bound.Coalesce(args, type);
        }
        if (generic == 2 && type != DataType.UTF8)
        {
            final DataType from = random.nextBoolean() ? DataType.BOOLEAN : NUMERIC[random.nextInt(4)];
            if (from != type)
            {
                return new Bound.Cast(tree(random, from, d), type);
            }
        }
        return switch (type)
        {
            case BOOLEAN -> bool(random, d);
            case INT32 -> random.nextInt(6) == 0 ? new Bound.Length(tree(random, DataType.UTF8, d)) :
                numeric(random, type, d);
            case INT64 -> random.nextInt(6) == 0 ? udfLong(random, d) : numeric(random, type, d);
            case FLOAT32 -> numeric(random, type, d);
            case FLOAT64 -> random.nextInt(6) == 0 ? udfDouble(random, d) : float64(random, d);
            case UTF8 -> leaf(random, type);
            default -> throw new IllegalArgumentException("unsupported type");
        };
    }

    private static Bound leaf(final Random random, final DataType type)
    {
        final int pick = random.nextInt(10);
        if (pick < 6)
        {
            return BoundCatalogue.col(type, 1 + random.nextInt(2));
        }
        return pick == 6 ? BoundCatalogue.nul(type) : BoundCatalogue.lit(type, RandomBatches.value(random, type));
    }

    private static Bound bool(final Random random, final int d)
    {
        return switch (random.nextInt(8))
        {
            case 0 ->
            {
                final DataType operand = PhysicalTypes.values()[random.nextInt(PhysicalTypes.values().length)];
                yield new Bound.Compare(CompareOp.values()[random.nextInt(6)], tree(random, operand, d),
                    tree(random, operand, d));
            }
            case 1 -> new Bound.And(tree(random, DataType.BOOLEAN, d), tree(random, DataType.BOOLEAN, d));
            case 2 -> new Bound.Or(tree(random, DataType.BOOLEAN, d), tree(random, DataType.BOOLEAN, d));
            case 3 -> new Bound.Not(tree(random, DataType.BOOLEAN, d));
            case 4 -> new Bound.IsNull(tree(random, PhysicalTypes.values()[random.nextInt(6)], d));
            case 5 -> new Bound.StringPredicate(StringOp.values()[random.nextInt(4)], tree(random, DataType.UTF8, d),
                tree(random, DataType.UTF8, d));
            case 6 -> random.nextBoolean() ?
                new Bound.UdfCall(BoundCatalogue.POSITIVE, List.of(tree(random, DataType.FLOAT64, d))) :
                new Bound.UdfCall(BoundCatalogue.CLOSE, List.of(tree(random, DataType.FLOAT64, d),
                    tree(random, DataType.FLOAT64, d)));
            default ->
            {
                final DataType operand = NUMERIC[random.nextInt(4)];
                yield new Bound.Compare(CompareOp.values()[random.nextInt(6)], tree(random, operand, d),
                    tree(random, operand, d));
            }
        };
    }

    private static Bound numeric(final Random random, final DataType type, final int d)
    {
        return switch (random.nextInt(5))
        {
            case 0 -> new Bound.Negate(tree(random, type, d), type);
            case 1 -> new Bound.MathCall(MathFn.ABS, List.of(tree(random, type, d)), type);
            case 2 -> new Bound.MathCall(random.nextBoolean() ? MathFn.MIN : MathFn.MAX,
                List.of(tree(random, type, d), tree(random, type, d)), type);
            default -> new Bound.Arith(ArithOp.values()[random.nextInt(5)], tree(random, type, d),
                tree(random, type, d), type);
        };
    }

    private static Bound float64(final Random random, final int d)
    {
        final MathFn[] unary = {MathFn.SQRT, MathFn.EXP, MathFn.LOG, MathFn.FLOOR, MathFn.CEIL};
        return switch (random.nextInt(4))
        {
            case 0 -> new Bound.MathCall(unary[random.nextInt(unary.length)],
                List.of(tree(random, DataType.FLOAT64, d)), DataType.FLOAT64);
            case 1 -> new Bound.MathCall(MathFn.POW, List.of(tree(random, DataType.FLOAT64, d),
                tree(random, DataType.FLOAT64, d)), DataType.FLOAT64);
            default -> numeric(random, DataType.FLOAT64, d);
        };
    }

    private static Bound udfDouble(final Random random, final int d)
    {
        return switch (random.nextInt(3))
        {
            case 0 -> new Bound.UdfCall(BoundCatalogue.SCALE, List.of(tree(random, DataType.FLOAT64, d)));
            case 1 -> new Bound.UdfCall(BoundCatalogue.HYPOT, List.of(tree(random, DataType.FLOAT64, d),
                tree(random, DataType.FLOAT64, d)));
            default -> new Bound.UdfCall(BoundCatalogue.FMA, List.of(tree(random, DataType.FLOAT64, d),
                tree(random, DataType.FLOAT64, d), tree(random, DataType.FLOAT64, d)));
        };
    }

    private static Bound udfLong(final Random random, final int d)
    {
        return random.nextBoolean() ?
            new Bound.UdfCall(BoundCatalogue.TWICE, List.of(tree(random, DataType.INT64, d))) :
            new Bound.UdfCall(BoundCatalogue.PICK, List.of(tree(random, DataType.INT64, d),
                tree(random, DataType.INT64, d)));
    }
}
