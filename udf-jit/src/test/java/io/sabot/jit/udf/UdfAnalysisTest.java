package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdfAnalysisTest
{
    private static double scale = 3.0; // non-final: a read of a mutable static field
    private double offset = 2.0; // instance field: a lambda reading it captures this

    // ---- helpers the lambdas use -----------------------------------------------------------------------------------

    static double square(final double x)
    {
        return x * x;
    }

    static double clamp(final double x, final double lo)
    {
        return x < lo ? lo : x;
    }

    static long steps(final long x)
    {
        long n = 0;
        for (long v = x; v > 1 && n < 100; n++)
        {
            v = (v & 1) == 0 ? v / 2 : 3 * v + 1;
        }
        return n;
    }

    private static Udf scaled(final double k)
    {
        return Udf.doubleFn(x -> x * k + 1.0);
    }

    private static Udf power(final int n)
    {
        return Udf.longFn(x ->
        {
            long r = 1;
            for (int i = 0; i < n; i++)
            {
                r *= x;
            }
            return r;
        });
    }

    private static Udf flipped(final boolean flip)
    {
        return Udf.doubleFn(x -> flip ? -x : x);
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static void lifted(final Udf udf)
    {
        assertEquals(Udf.Kind.LIFTED, udf.kind(), udf::toString);
        assertEquals("", udf.reason());
        assertTrue(udf.analysis().inline(UdfHarness.columns(udf)).isPresent());
        UdfHarness.checkLiftedValues(udf, udf.name().hashCode());
        UdfHarness.checkHostedValues(udf, udf.name().hashCode());
    }

    private static void rehosted(final Udf udf, final String reason)
    {
        assertEquals(Udf.Kind.REHOSTED, udf.kind(), udf::toString);
        assertTrue(udf.reason().contains(reason), () -> udf.reason() + " should contain " + reason);
        assertTrue(udf.analysis().inline(UdfHarness.columns(udf)).isEmpty());
        assertTrue(udf.analysis().shapeKey().startsWith("rehost:"), udf.analysis().shapeKey());
        UdfHarness.checkHostedValues(udf, udf.name().hashCode());
    }

    private static void opaque(final Udf udf, final String reason)
    {
        assertEquals(Udf.Kind.OPAQUE, udf.kind(), udf::toString);
        assertTrue(udf.reason().contains(reason), () -> udf.reason() + " should contain " + reason);
        assertTrue(udf.analysis().inline(UdfHarness.columns(udf)).isEmpty());
        assertEquals(List.of(udf.function()), udf.analysis().hostedValues());
    }

    // ---- LIFTED ------------------------------------------------------------------------------------------------

    @Test
    void liftsDoubleArithmetic()
    {
        lifted(Udf.doubleFn("axpb", x -> x * 1.1 + 3.0));
        lifted(Udf.doubleFn("sum2", (x, y) -> x * 1.1 + y));
        lifted(Udf.doubleFn("mix3", (x, y, z) -> x * y - z / 2.0));
        lifted(Udf.doubleFn("neg", x -> -x - 0.0));
        lifted(Udf.doubleFn("divrem", (x, y) -> x / y + x % y));
        lifted(Udf.doubleFn("constant", x -> 42.0));
    }

    @Test
    void liftsTheExpressionItExpects()
    {
        final Udf udf = Udf.doubleFn((x, y) -> x * 1.1 + y);
        final Expr body = udf.analysis().inline(List.of(new Expr.Column("p"), new Expr.Column("q"))).orElseThrow();
        assertEquals(new Expr.Column("p").mul(new Expr.Literal(DataType.FLOAT64, 1.1)).add(new Expr.Column("q")),
            body);
    }

    @Test
    void liftsTernariesExactlyOnNaN()
    {
        lifted(Udf.doubleFn("gt", x -> x > 0 ? x : -x));
        lifted(Udf.doubleFn("ge", x -> x >= 0 ? 1.0 : -1.0));
        lifted(Udf.doubleFn("lt", x -> x < 0 ? 1.0 : -1.0));
        lifted(Udf.doubleFn("le", x -> x <= 0 ? 1.0 : -1.0));
        lifted(Udf.doubleFn("eq", x -> x == 0 ? 1.0 : -1.0));
        lifted(Udf.doubleFn("ne", x -> x != 1 ? 1.0 : -1.0));
        lifted(Udf.doubleFn("min2", (x, y) -> x < y ? x : y));
        lifted(Udf.doubleFn("notGt", x -> !(x > 1) ? 1.0 : 0.0));
        lifted(Udf.doubleFn("nested", x -> x < -1 ? -1.0 : x > 1 ? 1.0 : x));
        lifted(Udf.doubleFn("sequential", (x, y) -> (x > 0 ? x : 0) + (y > 0 ? y : 0) * 2));
        lifted(Udf.doubleFn("and3", (x, y, z) -> x > 0 && y > 0 && z > 0 ? x : y + z));
        lifted(Udf.doubleFn("float", x -> (float) x > 1.5f ? (double) ((float) x * 2.0f) : x));
        lifted(Udf.doubleFn("intLocal", x ->
        {
            int i = (int) x;
            i += 3;
            return i * 2.0;
        }));
    }

    @Test
    void liftsSwitches()
    {
        lifted(Udf.doubleFn("table", x -> switch ((int) x)
        {
            case 0 -> 1.0;
            case 1 -> 2.5;
            case 2, 3 -> -1.0;
            default -> x;
        }));
        lifted(Udf.longFn("lookup", x -> switch ((int) x)
        {
            case -1000 -> 7L;
            case 10 -> x * 2;
            case 1 << 20 -> -x;
            default -> 0L;
        }));
    }

    @Test
    void liftsMathCalls()
    {
        lifted(Udf.doubleFn("sqrtAbs", (x, y) -> Math.sqrt(x) + Math.abs(y)));
        lifted(Udf.doubleFn("pow", (x, y) -> Math.pow(x, y)));
        lifted(Udf.doubleFn("expLog", x -> Math.exp(x) - Math.log(x)));
        lifted(Udf.doubleFn("floorCeil", x -> Math.floor(x) * 2 + Math.ceil(x)));
        lifted(Udf.doubleFn("minMax", (x, y, z) -> Math.max(Math.min(x, y), z)));
        lifted(Udf.doubleFn("strict", (x, y) -> StrictMath.sqrt(x) + StrictMath.max(x, y) - StrictMath.floor(y)));
        lifted(Udf.doubleFn("floatAbs", x -> Math.abs((float) x) + Math.min((float) x, 1f)));
        lifted(Udf.longFn("longMath", (x, y) -> Math.abs(x) + Math.max(x, y) - Math.min((int) x, (int) y)));
    }

    @Test
    void liftsCapturedPrimitives()
    {
        // not compile-time constants, so they are captured
        final double k = Double.parseDouble("2.5");
        final long m = Long.parseLong("7");
        final long c = Long.parseLong("-3");
        final int i = Integer.parseInt("11");
        final float f = Float.parseFloat("0.25");
        final Udf withDouble = Udf.doubleFn("capD", x -> x * k);
        lifted(withDouble);
        assertEquals(List.of(k), withDouble.analysis().hostedValues());
        lifted(Udf.longFn("capLong", x -> x * m + c));
        lifted(Udf.longFn("capInt", x -> x + i));
        lifted(Udf.doubleFn("capFloat", x -> x * f));
        lifted(flipped(true));
        lifted(flipped(false));
        final Expr notFlipped = flipped(false).analysis().inline(List.of(new Expr.Column("x"))).orElseThrow();
        assertEquals(new Expr.Column("x"), notFlipped, "a branch on a captured constant is decided at lift time");
    }

    @Test
    void liftsLongFunctions()
    {
        lifted(Udf.longFn("lmul", (x, y) -> x * y - 3));
        lifted(Udf.longFn("lcmp", x -> x > 10 ? x : -x));
        lifted(Udf.longFn("leq", (x, y) -> x == y ? 1 : 0));
        lifted(Udf.longFn("narrow", x -> (int) x * 2));
        lifted(Udf.longFn("viaDouble", x -> (long) ((double) x * 0.5)));
        lifted(Udf.longFn("viaFloat", x -> (long) (float) x));
        lifted(Udf.longFn("byConstant", x -> x / 3 + x % 10 - x / -1));
        final long seven = Long.parseLong("7");
        lifted(Udf.longFn("byCaptured", x -> x % seven));
        lifted(Udf.doubleFn("intByConstant", x -> (double) ((int) x / 3 + (int) x % -4)));
    }

    @Test
    void liftsPredicates()
    {
        lifted(Udf.doublePredicate("p1", x -> x > 0.5));
        lifted(Udf.doublePredicate("p2", (x, y) -> x > 0 && y < 1));
        lifted(Udf.doublePredicate("p3", (x, y) -> x > 0 || y > 0));
        lifted(Udf.doublePredicate("p4", x -> x != x));
        lifted(Udf.doublePredicate("p5", x -> Double.isNaN(x) || x > 3));
        lifted(Udf.doublePredicate("p6", x -> !(x >= 2)));
        lifted(Udf.doublePredicate("p7", (x, y) -> x == y));
        lifted(Udf.doublePredicate("p8", (x, y) -> (x >= 0) == (y <= 1)));
        lifted(Udf.doublePredicate("xor", (x, y) -> x > y ^ y > 0));
        lifted(Udf.doublePredicate("bitAnd", (x, y) -> x > y & y > 0 | x != x));
        final Expr simple = Udf.doublePredicate(x -> x > 0.5).analysis().inline(List.of(new Expr.Column("x")))
            .orElseThrow();
        assertEquals(new Expr.Column("x").gt(new Expr.Literal(DataType.FLOAT64, 0.5)), simple,
            "If(c, true, false) simplifies to c");
    }

    @Test
    void liftsMethodReferences()
    {
        lifted(Udf.doubleFn("refSqrt", Math::sqrt));
        lifted(Udf.doubleFn("refAbs", Math::abs));
        lifted(Udf.doubleFn("refMax", Math::max));
        lifted(Udf.longFn("refLongAbs", Math::abs));
        lifted(Udf.doubleFn("refStrictCeil", StrictMath::ceil));
        lifted(Udf.doublePredicate("refIsNaN", Double::isNaN));
        lifted(Udf.doubleFn("refSquare", UdfAnalysisTest::square));
        lifted(Udf.doubleFn("refClamp", UdfAnalysisTest::clamp));
    }

    @Test
    void liftedBodiesStayStrict()
    {
        final Udf constant = Udf.doubleFn(x -> 42.0);
        final Udf branch = Udf.doubleFn((x, y) -> x > 0 ? 1.0 : y);
        final Udf arith = Udf.doubleFn((x, y) -> x + y);
        final Expr c = constant.analysis().inline(List.of(new Expr.Column("a"))).orElseThrow();
        final Expr b = branch.analysis().inline(List.of(new Expr.Column("a"), new Expr.Column("b"))).orElseThrow();
        final Expr a = arith.analysis().inline(List.of(new Expr.Column("a"), new Expr.Column("b"))).orElseThrow();
        assertNull(ScalarEval.eval(c, columns(null, null)));
        assertEquals(42.0, ScalarEval.eval(c, columns(1.0, null)));
        assertNull(ScalarEval.eval(b, columns(null, 3.0)));
        assertNull(ScalarEval.eval(b, columns(1.0, null)));
        assertEquals(1.0, ScalarEval.eval(b, columns(1.0, 3.0)));
        assertEquals(3.0, ScalarEval.eval(b, columns(-1.0, 3.0)));
        assertInstanceOf(Expr.Arith.class, a, "a strict body is not wrapped");
        assertNull(ScalarEval.eval(a, columns(1.0, null)));
    }

    private static Map<String, Object> columns(final Object a, final Object b)
    {
        final Map<String, Object> m = new HashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    // ---- REHOSTED ----------------------------------------------------------------------------------------------

    @Test
    void rehostsLoops()
    {
        rehosted(Udf.doubleFn("horner", x ->
        {
            double r = 1;
            for (int i = 0; i < 4; i++)
            {
                r = r * x + 1.7;
            }
            return r;
        }), "loop");
        rehosted(Udf.longFn("collatz", UdfAnalysisTest::steps), "loop");
        rehosted(power(3), "loop");
    }

    @Test
    void rehostsIntegerDivision()
    {
        rehosted(Udf.longFn("ldiv", (x, y) -> x / y), "divides integers");
        rehosted(Udf.longFn("lrem", (x, y) -> x % y), "divides integers");
        final long zero = Long.parseLong("0");
        rehosted(Udf.longFn("byCapturedZero", x -> x / zero), "divides integers");
        rehosted(Udf.doubleFn("idiv", (x, y) -> (double) ((int) x / (int) y)), "divides integers");
    }

    @Test
    void rehostsCallsOutsideTheIr()
    {
        rehosted(Udf.doubleFn("strictExp", x -> StrictMath.exp(x)), "java.lang.StrictMath.exp(D)D");
        rehosted(Udf.doubleFn("sin", x -> Math.sin(x) + 1), "java.lang.Math.sin(D)D");
        rehosted(Udf.doubleFn("refSin", Math::sin), "java.lang.Math.sin(D)D");
        rehosted(Udf.doubleFn("refStrictExp", StrictMath::exp), "java.lang.StrictMath.exp(D)D");
        rehosted(Udf.doubleFn("compare", (x, y) -> Double.compare(x, y) * 1.0), "Double.compare(DD)I");
    }

    @Test
    void rehostsInstructionsOutsideTheIr()
    {
        rehosted(Udf.longFn("bits", x -> (x & 0xFF) << 2), "land");
        rehosted(Udf.doubleFn("manyPaths", x -> (x > 1 ? 1.0 : 0.0) + (x > 2 ? 1.0 : 0.0) + (x > 3 ? 1.0 : 0.0) +
            (x > 4 ? 1.0 : 0.0) + (x > 5 ? 1.0 : 0.0) + (x > 6 ? 1.0 : 0.0) + (x > 7 ? 1.0 : 0.0)), "64 paths");
        rehosted(Udf.longFn("toByte", x -> (byte) x), "i2b");
        rehosted(Udf.doublePredicate("oddTruncation", x -> ((long) x & 1) == 1), "land");
    }

    @Test
    void rehostedShapeIgnoresCapturedValues()
    {
        final Udf p3 = power(3);
        final Udf p5 = power(5);
        assertEquals(p3.analysis().shapeKey(), p5.analysis().shapeKey());
        assertEquals(List.of(3), p3.analysis().hostedValues());
        assertEquals(List.of(5), p5.analysis().hostedValues());
        assertEquals("I", p3.analysis().hostedValueType(0).descriptorString());
        rehosted(p5, "loop");
        assertNotEquals(p3.analysis().shapeKey(), Udf.longFn("collatz", UdfAnalysisTest::steps).analysis().shapeKey());
        assertEquals(scaled(1).analysis().shapeKey(), scaled(2).analysis().shapeKey());
    }

    @Test
    void hostsFromManyThreadsAtOnce() throws Exception
    {
        final Udf loop = power(4);
        final Udf lifted = Udf.doubleFn((x, y) -> x > y ? Math.sqrt(x) : y * 0.5);
        final var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try
        {
            final List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++)
            {
                final int seed = t;
                runs.add(pool.submit(() ->
                {
                    UdfHarness.checkHostedValues(loop, seed);
                    UdfHarness.checkHostedValues(lifted, seed);
                }));
            }
            for (final var run : runs)
            {
                run.get();
            }
        }
        finally
        {
            pool.shutdown();
        }
    }

    // ---- OPAQUE ------------------------------------------------------------------------------------------------

    @Test
    void opaqueCases()
    {
        opaque(Udf.doubleFn(x -> square(x) + 1), "calls io.sabot.jit.udf.UdfAnalysisTest.square(D)D");
        final double[] table = {1.0};
        opaque(Udf.doubleFn(x -> x + table[0]), "captures a [D");
        final String text = String.valueOf(table.length);
        opaque(Udf.doubleFn(x -> x + text.length()), "captures a java.lang.String");
        opaque(Udf.doubleFn(x -> new double[] {x}[0]), "allocates an array");
        opaque(Udf.doubleFn(x -> Double.valueOf(x).doubleValue()),
            "calls java.lang.Double.valueOf(D)Ljava/lang/Double;");
        opaque(Udf.doubleFn(x -> x * scale), "reads field io.sabot.jit.udf.UdfAnalysisTest.scale");
        opaque(Udf.doubleFn(x -> x + offset), "is not a static method");
        opaque(Udf.doubleFn(x -> x + Math.random()), "calls java.lang.Math.random()D");
        opaque(Udf.doubleFn(x -> ("" + x).length()), "invokedynamic");
        opaque(Udf.doubleFn(new Udf.DoubleFn1()
        {
            @Override
            public double apply(final double x)
            {
                return x;
            }
        }), "is not a lambda");
        final java.util.function.DoubleUnaryOperator op = Math::cos;
        opaque(Udf.doubleFn(op::applyAsDouble), "is not a static method");
    }

    /** Makes a lambda; loaded again by {@link NoResourcesLoader}, which hides its class bytes. */
    public static final class Source
    {
        /** @return a liftable lambda. */
        public static Udf.DoubleFn1 make()
        {
            return x -> x * 2.0 + 1;
        }
    }

    /** Defines {@link Source} itself and serves no resources, so its class bytes cannot be read. */
    private static final class NoResourcesLoader extends ClassLoader
    {
        NoResourcesLoader()
        {
            super(UdfAnalysisTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException
        {
            if (!name.equals(Source.class.getName()))
            {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name))
            {
                final Class<?> done = findLoadedClass(name);
                if (done != null)
                {
                    return done;
                }
                try (var in = UdfAnalysisTest.class.getClassLoader()
                    .getResourceAsStream(name.replace('.', '/') + ".class"))
                {
                    final byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                }
                catch (final java.io.IOException e)
                {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }

        @Override
        public java.net.URL getResource(final String name)
        {
            return null;
        }

        @Override
        public java.io.InputStream getResourceAsStream(final String name)
        {
            return null;
        }
    }

    @Test
    void unreadableClassBytesGiveOpaque() throws Exception
    {
        final Class<?> source = new NoResourcesLoader().loadClass(Source.class.getName());
        assertNotEquals(Source.class, source);
        final Udf udf = Udf.doubleFn((Udf.DoubleFn1) source.getMethod("make").invoke(null));
        opaque(udf, "class bytes for io.sabot.jit.udf.UdfAnalysisTest$Source not found");
        assertEquals(7.0, udf.callDouble(new double[] {3.0}));
        lifted(Udf.doubleFn("sameFromTestLoader", Source.make()));
    }

    @Test
    void opaqueKeepsCallingTheLambda()
    {
        final Udf udf = Udf.doubleFn(x -> square(x) + 1);
        assertEquals(10.0, udf.callDouble(new double[] {3.0}));
        assertFalse(udf.reason().isEmpty());
        assertTrue(udf.analysis().shapeKey().startsWith("opaque:"));
    }
}
