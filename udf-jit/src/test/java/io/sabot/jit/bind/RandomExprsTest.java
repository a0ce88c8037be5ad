package io.sabot.jit.bind;

import io.sabot.jit.testing.PhysicalTypes;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.expr.ExprPrinter;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.testing.RandomExprs;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property tests over {@link RandomExprs}: every tree type-checks, has the requested type and round-trips. */
class RandomExprsTest
{
    private static final int SEEDS = 3000;

    private static final Udf F = Udf.doubleFn("f", (x, y) -> x * 1.1 + y);
    private static final Udf G = Udf.longFn("g", x -> x + 1);
    private static final Udf P = Udf.doublePredicate("p", x -> x > 0);
    private static final List<Udf> UDF_LIST = List.of(F, G, P);
    private static final Map<String, Udf> UDFS = Map.of("f", F, "g", G, "p", P);

    private static final Map<String, DataType> ALL = new LinkedHashMap<>();

    static
    {
        ALL.put("a", DataType.INT32);
        ALL.put("b", DataType.INT64);
        ALL.put("c c", DataType.FLOAT32);
        ALL.put("d", DataType.FLOAT64);
        ALL.put("AND", DataType.BOOLEAN);
        ALL.put("s", DataType.UTF8);
        ALL.put("t'x", DataType.UTF8);
        ALL.put("x\"y", DataType.FLOAT64);
        ALL.put("NaN", DataType.INT32);
    }

    private static Map<String, DataType> columnsFor(final int seed)
    {
        return switch (seed % 4)
        {
            case 0 -> Map.of("d", DataType.FLOAT64);
            case 1 -> Map.of();
            default -> ALL;
        };
    }

    private static Schema schemaOf(final Map<String, DataType> columns)
    {
        final List<Field> fields = new ArrayList<>();
        // Reverse name order, so that column positions are not the generator's visiting order.
        for (final Map.Entry<String, DataType> e : new TreeMap<>(columns).descendingMap().entrySet())
        {
            fields.add(Field.nullable(e.getKey(), e.getValue().arrowType()));
        }
        return new Schema(fields);
    }

    @Test
    void everyTreeBindsToTheRequestedTypeAndRoundTrips()
    {
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final Random rnd = new Random(seed);
            final DataType type = PhysicalTypes.values()[seed % PhysicalTypes.values().length];
            final Map<String, DataType> columns = columnsFor(seed / 6);
            final Expr e = RandomExprs.generate(rnd, columns, type, 1 + seed % 5, seed % 2 == 0 ? UDF_LIST :
                List.of());
            final String text = ExprPrinter.print(e);
            assertEquals(e, ExprParser.parse(text, UDFS), "seed " + seed + ": " + text);
            final Bound bound = Binder.bind(e, schemaOf(columns));
            assertEquals(type, bound.type(), "seed " + seed + ": " + text);
            checkBoundInvariants(bound, text);
        }
    }

    /** The promises of {@link Bound}'s Javadoc: no same-type casts, operands already of the node's type. */
    private static void checkBoundInvariants(final Bound b, final String text)
    {
        switch (b)
        {
            case Bound.Cast c ->
            {
                assertTrue(c.arg().type() != c.type(), text);
                assertTrue(c.type() != DataType.UTF8 && c.arg().type() != DataType.UTF8, text);
                checkBoundInvariants(c.arg(), text);
            }
            case Bound.Arith a ->
            {
                assertEquals(a.type(), a.left().type(), text);
                assertEquals(a.type(), a.right().type(), text);
                checkBoundInvariants(a.left(), text);
                checkBoundInvariants(a.right(), text);
            }
            case Bound.Negate n ->
            {
                assertEquals(n.type(), n.arg().type(), text);
                checkBoundInvariants(n.arg(), text);
            }
            case Bound.Compare c ->
            {
                assertEquals(c.left().type(), c.right().type(), text);
                checkBoundInvariants(c.left(), text);
                checkBoundInvariants(c.right(), text);
            }
            case Bound.And a ->
            {
                assertEquals(DataType.BOOLEAN, a.left().type());
                assertEquals(DataType.BOOLEAN, a.right().type());
                checkBoundInvariants(a.left(), text);
                checkBoundInvariants(a.right(), text);
            }
            case Bound.Or o ->
            {
                assertEquals(DataType.BOOLEAN, o.left().type());
                assertEquals(DataType.BOOLEAN, o.right().type());
                checkBoundInvariants(o.left(), text);
                checkBoundInvariants(o.right(), text);
            }
            case Bound.Not n ->
            {
                assertEquals(DataType.BOOLEAN, n.arg().type());
                checkBoundInvariants(n.arg(), text);
            }
            case Bound.IsNull n -> checkBoundInvariants(n.arg(), text);
            case Bound.If i ->
            {
                assertEquals(DataType.BOOLEAN, i.condition().type(), text);
                assertEquals(i.type(), i.then().type(), text);
                assertEquals(i.type(), i.otherwise().type(), text);
                checkBoundInvariants(i.condition(), text);
                checkBoundInvariants(i.then(), text);
                checkBoundInvariants(i.otherwise(), text);
            }
            case Bound.Coalesce c ->
            {
                for (final Bound a : c.args())
                {
                    assertEquals(c.type(), a.type(), text);
                    checkBoundInvariants(a, text);
                }
            }
            case Bound.MathCall m ->
            {
                for (final Bound a : m.args())
                {
                    assertEquals(m.fn().alwaysFloat64() ? DataType.FLOAT64 : m.type(), a.type(), text);
                    checkBoundInvariants(a, text);
                }
            }
            case Bound.StringPredicate s ->
            {
                assertEquals(DataType.UTF8, s.left().type(), text);
                assertEquals(DataType.UTF8, s.right().type(), text);
                checkBoundInvariants(s.left(), text);
                checkBoundInvariants(s.right(), text);
            }
            case Bound.Length l ->
            {
                assertEquals(DataType.UTF8, l.arg().type(), text);
                checkBoundInvariants(l.arg(), text);
            }
            case Bound.UdfCall u ->
            {
                for (int i = 0; i < u.args().size(); i++)
                {
                    assertEquals(u.udf().parameterTypes().get(i), u.args().get(i).type(), text);
                    checkBoundInvariants(u.args().get(i), text);
                }
            }
            case Bound.Exact e ->
            {
                assertEquals(DataType.INT64, e.left().type(), text);
                assertEquals(DataType.INT64, e.right().type(), text);
                checkBoundInvariants(e.left(), text);
                checkBoundInvariants(e.right(), text);
            }
            case Bound.Column ignored ->
            {
            }
            case Bound.Literal l ->
            {
                if (l.value() != null)
                {
                    assertEquals(l.type(), new Expr.Literal(l.type(), l.value()).type(), text);
                }
            }
        }
    }

    @Test
    void treesCoverEveryNodeOperatorFunctionAndEdgeLiteral()
    {
        final Set<String> seen = new TreeSet<>();
        for (int seed = 0; seed < SEEDS; seed++)
        {
            final Random rnd = new Random(seed);
            final DataType type = PhysicalTypes.values()[seed % PhysicalTypes.values().length];
            visit(RandomExprs.generate(rnd, columnsFor(seed / 6), type, 1 + seed % 5, UDF_LIST), seen);
        }
        final List<String> expected = new ArrayList<>();
        for (final Class<?> node : Expr.class.getPermittedSubclasses())
        {
            expected.add(node.getSimpleName());
        }
        for (final ArithOp op : ArithOp.values())
        {
            expected.add("arith " + op);
        }
        for (final CompareOp op : CompareOp.values())
        {
            expected.add("compare " + op);
        }
        for (final MathFn fn : MathFn.values())
        {
            expected.add("math " + fn);
        }
        for (final StringOp op : StringOp.values())
        {
            expected.add("string " + op);
        }
        for (final DataType t : PhysicalTypes.values())
        {
            expected.add("null " + t);
            if (t != DataType.UTF8)
            {
                expected.add("cast to " + t);
            }
            expected.add("compare " + t);
        }
        expected.addAll(List.of("udf f", "udf g", "udf p", "is_not_null", "case without else", "case with else",
            "NaN", "NaNf", "-0.0", "-0.0f", "Infinity", "-Infinity", "Infinityf", "-Infinityf", "int32 min",
            "int32 max", "int64 min", "int64 max", "int32 0", "int64 0", "text with quote", "empty text",
            "multi-byte text"));
        final List<String> missing = new ArrayList<>(expected);
        missing.removeAll(seen);
        assertEquals(List.of(), missing, "seen " + seen);
    }

    private static void visit(final Expr e, final Set<String> seen)
    {
        seen.add(e.getClass().getSimpleName());
        switch (e)
        {
            case Expr.Literal l -> literal(l, seen);
            case Expr.Column ignored ->
            {
            }
            case Expr.Arith a ->
            {
                seen.add("arith " + a.op());
                visit(a.left(), seen);
                visit(a.right(), seen);
            }
            case Expr.Negate n -> visit(n.arg(), seen);
            case Expr.Compare c ->
            {
                seen.add("compare " + c.op());
                seen.add("compare " + staticType(c.left()));
                visit(c.left(), seen);
                visit(c.right(), seen);
            }
            case Expr.And a ->
            {
                visit(a.left(), seen);
                visit(a.right(), seen);
            }
            case Expr.Or o ->
            {
                visit(o.left(), seen);
                visit(o.right(), seen);
            }
            case Expr.Not n ->
            {
                if (n.arg() instanceof Expr.IsNull)
                {
                    seen.add("is_not_null");
                }
                visit(n.arg(), seen);
            }
            case Expr.IsNull n -> visit(n.arg(), seen);
            case Expr.If i ->
            {
                visit(i.condition(), seen);
                visit(i.then(), seen);
                visit(i.otherwise(), seen);
            }
            case Expr.Case c ->
            {
                seen.add(c.otherwise() == null ? "case without else" : "case with else");
                for (final Expr.When w : c.whens())
                {
                    visit(w.condition(), seen);
                    visit(w.result(), seen);
                }
                if (c.otherwise() != null)
                {
                    visit(c.otherwise(), seen);
                }
            }
            case Expr.Cast c ->
            {
                seen.add("cast to " + c.type());
                visit(c.arg(), seen);
            }
            case Expr.Coalesce c -> c.args().forEach(a -> visit(a, seen));
            case Expr.MathCall m ->
            {
                seen.add("math " + m.fn());
                m.args().forEach(a -> visit(a, seen));
            }
            case Expr.StringPredicate s ->
            {
                seen.add("string " + s.op());
                visit(s.left(), seen);
                visit(s.right(), seen);
            }
            case Expr.Length l -> visit(l.arg(), seen);
            case Expr.UdfCall u ->
            {
                seen.add("udf " + u.udf().name());
                u.args().forEach(a -> visit(a, seen));
            }
        }
    }

    /** The type of the generated left operand of a comparison, found by binding it against the full schema. */
    private static DataType staticType(final Expr e)
    {
        final Map<String, DataType> columns = new HashMap<>(ALL);
        return Binder.bind(e, schemaOf(columns)).type();
    }

    private static void literal(final Expr.Literal l, final Set<String> seen)
    {
        final Object v = l.value();
        if (v == null)
        {
            seen.add("null " + l.type());
            return;
        }
        switch (v)
        {
            case Double d when d.isNaN() -> seen.add("NaN");
            case Double d when d.equals(-0.0) -> seen.add("-0.0");
            case Double d when d == Double.POSITIVE_INFINITY -> seen.add("Infinity");
            case Double d when d == Double.NEGATIVE_INFINITY -> seen.add("-Infinity");
            case Float f when f.isNaN() -> seen.add("NaNf");
            case Float f when f.equals(-0.0f) -> seen.add("-0.0f");
            case Float f when f == Float.POSITIVE_INFINITY -> seen.add("Infinityf");
            case Float f when f == Float.NEGATIVE_INFINITY -> seen.add("-Infinityf");
            case Integer i when i == Integer.MIN_VALUE -> seen.add("int32 min");
            case Integer i when i == Integer.MAX_VALUE -> seen.add("int32 max");
            case Integer i when i == 0 -> seen.add("int32 0");
            case Long x when x == Long.MIN_VALUE -> seen.add("int64 min");
            case Long x when x == Long.MAX_VALUE -> seen.add("int64 max");
            case Long x when x == 0L -> seen.add("int64 0");
            case String s when s.isEmpty() -> seen.add("empty text");
            case String s when s.indexOf('\'') >= 0 -> seen.add("text with quote");
            case String s when s.codePoints().anyMatch(c -> c > 0x7f) -> seen.add("multi-byte text");
            default ->
            {
            }
        }
    }

    @Test
    void generationIsDeterministicPerSeedWhateverTheMapOrder()
    {
        final Map<String, DataType> hash = new HashMap<>(ALL);
        final Map<String, DataType> sorted = new TreeMap<>(ALL);
        for (int seed = 0; seed < 200; seed++)
        {
            final DataType type = PhysicalTypes.values()[seed % PhysicalTypes.values().length];
            final Expr a = RandomExprs.generate(new Random(seed), ALL, type, 4, UDF_LIST);
            final Expr b = RandomExprs.generate(new Random(seed), hash, type, 4, UDF_LIST);
            final Expr c = RandomExprs.generate(new Random(seed), sorted, type, 4, UDF_LIST);
            assertEquals(a, b);
            assertEquals(a, c);
        }
        assertTrue(!RandomExprs.generate(new Random(1), ALL, DataType.FLOAT64, 4)
            .equals(RandomExprs.generate(new Random(2), ALL, DataType.FLOAT64, 4)));
    }
}
