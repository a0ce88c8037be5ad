package io.sabot.jit.udf;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.Exprs;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lifted bodies bind like any expression (the binder inlines them); other UDFs stay calls. */
class UdfBindTest
{
    private static final Schema SCHEMA = new Schema(List.of(field("d", DataType.FLOAT64), field("e", DataType.FLOAT64),
        field("l", DataType.INT64), field("i", DataType.INT32), field("f", DataType.FLOAT32)));

    private static Field field(final String name, final DataType type)
    {
        return new Field(name, FieldType.nullable(type.arrowType()), null);
    }

    /** Lifted UDFs of every kind of body, each with arguments of its parameter types. */
    static List<Udf> liftedSamples()
    {
        final double k = Double.parseDouble("1.25");
        final int n = Integer.parseInt("3");
        return List.of(
            Udf.doubleFn("axpb", x -> x * 1.1 + 3.0),
            Udf.doubleFn("tern", (x, y) -> x > y ? Math.sqrt(x) : y * k),
            Udf.doubleFn("nested", x -> x < -1 ? -1.0 : x > 1 ? 1.0 : x),
            Udf.doubleFn("ints", x -> (double) ((int) x * n + (int) x / 4)),
            Udf.doubleFn("floats", x -> (double) ((float) x * 0.5f)),
            Udf.doubleFn("switch", x -> switch ((int) x)
            {
                case 0 -> 1.0;
                case 1 -> k;
                default -> x;
            }),
            Udf.doubleFn("constant", x -> 42.0),
            Udf.doubleFn("mathRef", Math::max),
            Udf.longFn("longs", (x, y) -> x > y ? x * 3 : Math.abs(y) - 1),
            Udf.longFn("narrow", x -> (int) x * 2),
            Udf.doublePredicate("pred", (x, y) -> x > 0 && y < 1 || x != x),
            Udf.doublePredicate("xor", (x, y) -> x > y ^ y > 0),
            Udf.doublePredicate("isNaN", Double::isNaN));
    }

    static List<Expr> args(final Udf udf)
    {
        final List<String> names = udf.parameterTypes().getFirst() == DataType.INT64 ? List.of("l", "i")
            : List.of("d", "e", "f");
        return names.subList(0, udf.parameterTypes().size()).stream().map(Exprs::col).toList();
    }

    private static boolean hasUdfCall(final Bound b)
    {
        return switch (b)
        {
            case Bound.UdfCall u -> true;
            case Bound.Arith a -> hasUdfCall(a.left()) || hasUdfCall(a.right());
            case Bound.Compare c -> hasUdfCall(c.left()) || hasUdfCall(c.right());
            case Bound.And a -> hasUdfCall(a.left()) || hasUdfCall(a.right());
            case Bound.Or o -> hasUdfCall(o.left()) || hasUdfCall(o.right());
            case Bound.Not n -> hasUdfCall(n.arg());
            case Bound.Negate n -> hasUdfCall(n.arg());
            case Bound.IsNull n -> hasUdfCall(n.arg());
            case Bound.Cast c -> hasUdfCall(c.arg());
            case Bound.If i -> hasUdfCall(i.condition()) || hasUdfCall(i.then()) || hasUdfCall(i.otherwise());
            case Bound.MathCall m -> m.args().stream().anyMatch(UdfBindTest::hasUdfCall);
            case Bound.Coalesce c -> c.args().stream().anyMatch(UdfBindTest::hasUdfCall);
            default -> false;
        };
    }

    @Test
    void liftedUdfsBindToTheirBodies()
    {
        for (final Udf udf : liftedSamples())
        {
            assertEquals(Udf.Kind.LIFTED, udf.kind(), udf::toString);
            final Bound bound = Binder.bind(Exprs.call(udf, args(udf).toArray(Expr[]::new)), SCHEMA);
            assertEquals(udf.returnType(), bound.type(), udf::toString);
            assertFalse(hasUdfCall(bound), () -> udf + " bound to " + bound);
        }
    }

    @Test
    void liftedUdfsComposeWithTheIr()
    {
        final Udf scale = Udf.doubleFn("scale", x -> x * 1.1 + 3.0);
        final Udf positive = Udf.doublePredicate("positive", x -> x > 0);
        final Expr e = Exprs.call(scale, Exprs.col("i")).gt(Exprs.col("d"))
            .and(Exprs.call(positive, Exprs.call(scale, Exprs.col("e"))));
        final Bound bound = Binder.bindPredicate(e, SCHEMA);
        assertFalse(hasUdfCall(bound), bound::toString);
        assertInstanceOf(Bound.And.class, bound);
    }

    @Test
    void otherUdfsStayCalls()
    {
        final Udf loop = Udf.doubleFn("loop", x ->
        {
            double r = 0;
            for (int i = 0; i < 3; i++)
            {
                r += x;
            }
            return r;
        });
        final Udf opaque = Udf.doubleFn("opaque", x -> Double.valueOf(x).doubleValue());
        for (final Udf udf : List.of(loop, opaque))
        {
            final Bound bound = Binder.bind(Exprs.call(udf, Exprs.col("d")), SCHEMA);
            assertInstanceOf(Bound.UdfCall.class, bound, udf::toString);
            assertTrue(hasUdfCall(bound));
        }
    }
}
