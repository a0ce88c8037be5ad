package io.sabot.jit.udf;

import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;

import java.lang.classfile.ClassFile;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test support: inputs with edge values, comparison of a lifted body (evaluated by {@link ScalarEval}) and of a
 * hosted call (a hidden class built with {@link Udf#addHostMethod} and {@link Udf#emitInvoke}) with the lambda.
 */
final class UdfHarness
{
    private static final AtomicInteger CLASSES = new AtomicInteger();

    static final double[] DOUBLE_EDGES = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 0.5, 1.5, 2.0, -2.5,
        10.0, 1e18, 9.3e18, -9.3e18, 3e9};

    static final long[] LONG_EDGES = {0, 1, -1, 2, -2, 3, 10, 11, -10, 255, 256, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, -(1L << 32) - 7};

    private UdfHarness()
    {
    }

    /** Rows of arguments for the UDF: every combination of edge values, then random ones. */
    static List<Object[]> inputs(final Udf udf, final long seed)
    {
        final int n = udf.parameterTypes().size();
        final boolean isLong = udf.parameterTypes().getFirst() == DataType.INT64;
        final List<Object> edges = new ArrayList<>();
        if (isLong)
        {
            for (final long v : LONG_EDGES)
            {
                edges.add(v);
            }
        }
        else
        {
            for (final double v : DOUBLE_EDGES)
            {
                edges.add(v);
            }
        }
        final List<Object[]> rows = new ArrayList<>();
        combine(edges, n, new Object[n], 0, rows);
        final Random random = new Random(seed);
        for (int r = 0; r < 300; r++)
        {
            final Object[] row = new Object[n];
            for (int i = 0; i < n; i++)
            {
                row[i] = isLong ? (Object) randomLong(random) : (Object) randomDouble(random);
            }
            rows.add(row);
        }
        return rows;
    }

    private static void combine(final List<Object> edges, final int n, final Object[] row, final int i,
        final List<Object[]> out)
    {
        if (i == n)
        {
            out.add(row.clone());
            return;
        }
        for (final Object e : edges)
        {
            row[i] = e;
            combine(edges, n, row, i + 1, out);
        }
    }

    private static double randomDouble(final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> random.nextGaussian() * 10;
            case 1 -> random.nextDouble() * 4 - 2;
            case 2 -> Double.longBitsToDouble(random.nextLong());
            default -> random.nextInt(7) - 3;
        };
    }

    private static long randomLong(final Random random)
    {
        return switch (random.nextInt(3))
        {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(41) - 20;
            default -> random.nextInt();
        };
    }

    /** The lambda's own result, or the exception class it threw. */
    static Object direct(final Udf udf, final Object[] row)
    {
        try
        {
            return switch (udf.returnType())
            {
                case FLOAT64 -> udf.callDouble(doubles(row));
                case INT64 -> udf.callLong(longs(row));
                case BOOLEAN -> udf.callBoolean(doubles(row));
                default -> throw new IllegalStateException();
            };
        }
        catch (final ArithmeticException e)
        {
            return e.getClass();
        }
    }

    private static double[] doubles(final Object[] row)
    {
        final double[] a = new double[row.length];
        for (int i = 0; i < a.length; i++)
        {
            a[i] = (Double) row[i];
        }
        return a;
    }

    private static long[] longs(final Object[] row)
    {
        final long[] a = new long[row.length];
        for (int i = 0; i < a.length; i++)
        {
            a[i] = (Long) row[i];
        }
        return a;
    }

    static List<Expr> columns(final Udf udf)
    {
        final List<Expr> args = new ArrayList<>();
        for (int i = 0; i < udf.parameterTypes().size(); i++)
        {
            args.add(new Expr.Column("a" + i));
        }
        return args;
    }

    /** Evaluates the lifted body on every input and compares with the lambda, bit for bit. */
    static void checkLiftedValues(final Udf udf, final long seed)
    {
        final Expr body = udf.analysis().inline(columns(udf)).orElseThrow();
        for (final Object[] row : inputs(udf, seed))
        {
            final Map<String, Object> columns = new HashMap<>();
            for (int i = 0; i < row.length; i++)
            {
                columns.put("a" + i, row[i]);
            }
            assertSame(direct(udf, row), ScalarEval.eval(body, columns), udf, body, row);
        }
    }

    /** Runs the UDF through a hidden class calling its host method (or interface) and compares with the lambda. */
    static void checkHostedValues(final Udf udf, final long seed)
    {
        final MethodHandle call = host(udf);
        for (final Object[] row : inputs(udf, seed))
        {
            Object hosted;
            try
            {
                hosted = call.invokeWithArguments(row);
            }
            catch (final ArithmeticException e)
            {
                hosted = e.getClass();
            }
            catch (final Throwable t)
            {
                throw new AssertionError(t);
            }
            assertSame(direct(udf, row), hosted, udf, "hosted", row);
        }
    }

    private static void assertSame(final Object expected, final Object actual, final Udf udf, final Object how,
        final Object[] row)
    {
        final boolean same = expected instanceof Double e && actual instanceof Double a
            ? Double.doubleToLongBits(e) == Double.doubleToLongBits(a) : expected.equals(actual);
        if (!same)
        {
            fail(udf + " via " + how + " on " + java.util.Arrays.toString(row) + ": expected " + expected + ", was " +
                actual);
        }
    }

    /**
     * A hidden class with {@code static R call(params)} that pushes the hosted values as constants, the arguments,
     * and emits the UDF's invoke. Checks the class verifies.
     */
    static MethodHandle host(final Udf udf)
    {
        final UdfAnalysis analysis = udf.analysis();
        final ClassDesc owner = ClassDesc.of("io.sabot.jit.udf.HostProbe" + CLASSES.incrementAndGet());
        final MethodTypeDesc callType = udf.interfaceMethodType();
        final byte[] bytes = ClassFile.of().build(owner, cb ->
        {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            udf.addHostMethod(cb, "host");
            cb.withMethodBody("call", callType, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code ->
            {
                for (int i = 0; i < analysis.hostedValues().size(); i++)
                {
                    final Object v = analysis.hostedValues().get(i);
                    assertTrue(analysis.hostedValueType(i).isPrimitive(), "only primitive hosted values here");
                    switch (v)
                    {
                        case Boolean b -> code.loadConstant(b ? 1 : 0);
                        case Character c -> code.loadConstant((int) c);
                        case Byte b -> code.loadConstant((int) b);
                        case Short s -> code.loadConstant((int) s);
                        case Integer x -> code.loadConstant(x);
                        case Long x -> code.loadConstant(x);
                        case Float x -> code.loadConstant(x);
                        case Double x -> code.loadConstant(x);
                        default -> throw new IllegalStateException(String.valueOf(v));
                    }
                }
                int slot = 0;
                for (final ClassDesc p : callType.parameterList())
                {
                    final TypeKind kind = TypeKind.from(p);
                    code.loadLocal(kind, slot);
                    slot += kind.slotSize();
                }
                udf.emitInvoke(code, owner, "host");
                code.return_(TypeKind.from(callType.returnType()));
            });
        });
        assertEquals(List.of(), ClassFile.of().verify(bytes), "generated class verifies");
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return lookup.findStatic(lookup.lookupClass(), "call",
                MethodType.fromMethodDescriptorString(callType.descriptorString(), UdfHarness.class.getClassLoader()));
        }
        catch (final ReflectiveOperationException e)
        {
            throw new AssertionError(e);
        }
    }
}
