package io.sabot.simd;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every public method of {@link ScalarArith} against its {@link VectorArith} twin, the {@link Arith} facade and a
 * plain reference written here (exact arithmetic for the overflow flags), on seeded random data with edge values at
 * lengths around the lane counts and at misaligned positions.
 */
final class ArithTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        1000, 1023, 4099};
    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, Integer.MIN_VALUE,
        Integer.MAX_VALUE, 3_037_000_500L, -3_037_000_500L};
    private static final double[] DOUBLE_EDGES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1.0, -1.0};

    static Stream<Method> methods()
    {
        final List<Method> methods = new ArrayList<>();
        for (final Method m : ScalarArith.class.getDeclaredMethods())
        {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
            {
                methods.add(m);
            }
        }
        methods.sort((x, y) -> x.toGenericString().compareTo(y.toGenericString()));
        return methods.stream();
    }

    @Test
    void everyScalarMethodHasAVectorTwinAndAFacade() throws NoSuchMethodException
    {
        long count = 0;
        for (final Method m : (Iterable<Method>)methods()::iterator)
        {
            VectorArith.class.getMethod(m.getName(), m.getParameterTypes());
            Arith.class.getMethod(m.getName(), m.getParameterTypes());
            count++;
        }
        assertEquals(ScalarArith.class.getDeclaredMethods().length, count, "only public kernels in ScalarArith");
        assertTrue(count > 60, "expected the full kernel set, found " + count);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void vectorScalarFacadeAndReferenceAgree(final Method scalar) throws ReflectiveOperationException
    {
        final Method vector = VectorArith.class.getMethod(scalar.getName(), scalar.getParameterTypes());
        final Method facade = Arith.class.getMethod(scalar.getName(), scalar.getParameterTypes());
        final Spec spec = Spec.of(scalar);
        final SplittableRandom random = new SplittableRandom(scalar.getName().hashCode() * 31L +
            scalar.getParameterCount());
        for (final int n : SIZES)
        {
            for (final int edgeEvery : new int[] {0, 7, 97})
            {
                check(spec, scalar, vector, facade, n, edgeEvery, random);
            }
        }
    }

    private static void check(final Spec spec, final Method scalar, final Method vector, final Method facade,
        final int n, final int edgeEvery, final SplittableRandom random) throws ReflectiveOperationException
    {
        final int pos = 3; // misaligned start, and input/output positions differ from 0
        try (Arena arena = Arena.ofConfined())
        {
            final long[][] bits = new long[3][n];
            final MemorySegment[] in = new MemorySegment[3];
            for (int k = 0; k < 3; k++)
            {
                in[k] = arena.allocate((long)(n + pos) * spec.width + 1, 1).asSlice(1);
                for (int i = 0; i < n; i++)
                {
                    bits[k][i] = spec.random(random, edgeEvery > 0 && random.nextInt(edgeEvery) == 0);
                    spec.put(in[k], pos + i, bits[k][i]);
                }
            }
            final long constA = spec.random(random, random.nextBoolean());
            final long constB = spec.random(random, random.nextBoolean());
            final MemorySegment outS = arena.allocate((long)(n + pos) * spec.width);
            final MemorySegment outV = arena.allocate((long)(n + pos) * spec.width);
            final MemorySegment outF = arena.allocate((long)(n + pos) * spec.width);
            final Object rs = scalar.invoke(null, spec.args(in, constA, constB, outS, pos, n));
            final Object rv = vector.invoke(null, spec.args(in, constA, constB, outV, pos, n));
            final Object rf = facade.invoke(null, spec.args(in, constA, constB, outF, pos, n));
            boolean expectFlag = false;
            for (int i = 0; i < n; i++)
            {
                final long x = spec.kind == 'S' ? constA : bits[0][i];
                final long y = spec.kind == 'S' ? bits[0][i] : spec.kind == 'C' ? constB : bits[1][i];
                final long z = bits[2][i];
                final long expected = spec.reference(x, y, z);
                expectFlag |= spec.checked && spec.overflows(x, y);
                final long s = spec.get(outS, pos + i);
                final long v = spec.get(outV, pos + i);
                final long f = spec.get(outF, pos + i);
                if (s != expected || v != expected || f != expected)
                {
                    fail(scalar.getName() + " n=" + n + " row " + i + ": x=" + spec.show(x) + " y=" + spec.show(y) +
                        " expected " + spec.show(expected) + " scalar " + spec.show(s) + " vector " + spec.show(v) +
                        " facade " + spec.show(f));
                }
            }
            if (spec.checked)
            {
                assertEquals(expectFlag, rs, scalar.getName() + " scalar flag, n=" + n);
                assertEquals(expectFlag, rv, scalar.getName() + " vector flag, n=" + n);
                assertEquals(expectFlag, rf, scalar.getName() + " facade flag, n=" + n);
            }
        }
    }

    @Test
    void overflowIsFlaggedInTheVectorBodyAndInTheTail()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int n = 67;
            final MemorySegment a = arena.allocate(8L * n);
            final MemorySegment b = arena.allocate(8L * n);
            final MemorySegment out = arena.allocate(8L * n);
            for (final int at : new int[] {0, 5, 63, 64, 66})
            {
                a.fill((byte)0);
                b.fill((byte)0);
                a.setAtIndex(Layouts.LONG_UNALIGNED, at, Long.MAX_VALUE);
                b.setAtIndex(Layouts.LONG_UNALIGNED, at, 1);
                assertTrue(VectorArith.addI64Checked(a, 0, b, 0, out, 0, n), "add overflow at " + at);
                assertTrue(ScalarArith.addI64Checked(a, 0, b, 0, out, 0, n), "add overflow at " + at);
                assertEquals(Long.MIN_VALUE, out.getAtIndex(Layouts.LONG_UNALIGNED, at), "wrapped");
                assertFalse(VectorArith.addI64Checked(a, 0, b, 0, out, 0, at), "rows before " + at);
                b.setAtIndex(Layouts.LONG_UNALIGNED, at, 2);
                assertTrue(VectorArith.mulI64Checked(a, 0, b, 0, out, 0, n), "mul overflow at " + at);
            }
        }
    }

    @Test
    void negationAndAbsKeepIeeeSignsOfZero()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int n = 16;
            final MemorySegment a = arena.allocate(8L * n);
            final MemorySegment out = arena.allocate(8L * n);
            for (int i = 0; i < n; i++)
            {
                a.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, (i & 1) == 0 ? 0.0 : -0.0);
            }
            VectorArith.negF64(a, 0, out, 0, n);
            for (int i = 0; i < n; i++)
            {
                assertEquals((i & 1) == 0 ? -0.0 : 0.0, out.getAtIndex(Layouts.DOUBLE_UNALIGNED, i));
            }
            VectorArith.absF64(a, 0, out, 0, n);
            for (int i = 0; i < n; i++)
            {
                assertEquals(0L, Double.doubleToRawLongBits(out.getAtIndex(Layouts.DOUBLE_UNALIGNED, i)));
            }
        }
    }

    /** What a method computes, decoded from its name and parameter types; values travel as raw bits in longs. */
    private static final class Spec
    {
        final String op;
        final String type;
        final boolean checked;
        final char kind; // V = column-column(-column), C = column-constant, S = constant-column, U = unary
        final int width;

        private Spec(final String op, final String type, final boolean checked, final char kind)
        {
            this.op = op;
            this.type = type;
            this.checked = checked;
            this.kind = kind;
            this.width = type.endsWith("32") ? 4 : 8;
        }

        static Spec of(final Method m)
        {
            String name = m.getName();
            final boolean checked = name.endsWith("Checked");
            if (checked)
            {
                name = name.substring(0, name.length() - "Checked".length());
            }
            final String type = name.substring(name.length() - 3);
            final String op = name.substring(0, name.length() - 3);
            final Class<?>[] p = m.getParameterTypes();
            final char kind;
            if (p[0] != MemorySegment.class)
            {
                kind = 'S';
            }
            else if (p.length == 5)
            {
                kind = 'U';
            }
            else if (p[2] != MemorySegment.class)
            {
                kind = 'C';
            }
            else
            {
                kind = 'V';
            }
            return new Spec(op, type, checked, kind);
        }

        boolean isFloat()
        {
            return type.startsWith("F");
        }

        long random(final SplittableRandom random, final boolean edge)
        {
            switch (type)
            {
                case "I32":
                    return edge ? (int)LONG_EDGES[random.nextInt(LONG_EDGES.length)] :
                        random.nextBoolean() ? random.nextInt(-50_000, 50_000) : random.nextInt();
                case "I64":
                    return edge ? LONG_EDGES[random.nextInt(LONG_EDGES.length)] :
                        random.nextBoolean() ? random.nextLong(-3_000_000_000L, 3_000_000_000L) : random.nextLong();
                case "F32":
                    return Float.floatToRawIntBits(edge ? (float)DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)] :
                        (float)((random.nextDouble() - 0.5) * 1e6));
                default:
                    return Double.doubleToRawLongBits(edge ? DOUBLE_EDGES[random.nextInt(DOUBLE_EDGES.length)] :
                        (random.nextDouble() - 0.5) * 1e6);
            }
        }

        void put(final MemorySegment segment, final long index, final long value)
        {
            if (width == 4)
            {
                segment.setAtIndex(Layouts.INT_UNALIGNED, index, (int)value);
            }
            else
            {
                segment.setAtIndex(Layouts.LONG_UNALIGNED, index, value);
            }
        }

        long get(final MemorySegment segment, final long index)
        {
            final long raw = width == 4 ? segment.getAtIndex(Layouts.INT_UNALIGNED, index) :
                segment.getAtIndex(Layouts.LONG_UNALIGNED, index);
            return canonical(raw);
        }

        /** NaN payloads are not specified by Java; everything else, including signed zeros, must match. */
        long canonical(final long raw)
        {
            return switch (type)
            {
                case "F32" -> Float.floatToIntBits(Float.intBitsToFloat((int)raw));
                case "F64" -> Double.doubleToLongBits(Double.longBitsToDouble(raw));
                default -> raw;
            };
        }

        Object constant(final long bits)
        {
            return switch (type)
            {
                case "I32" -> (int)bits;
                case "I64" -> bits;
                case "F32" -> Float.intBitsToFloat((int)bits);
                default -> Double.longBitsToDouble(bits);
            };
        }

        Object[] args(final MemorySegment[] in, final long constA, final long constB, final MemorySegment out,
            final long pos, final int n)
        {
            return switch (kind)
            {
                case 'U' -> new Object[] {in[0], pos, out, pos, n};
                case 'C' -> new Object[] {in[0], pos, constant(constB), out, pos, n};
                case 'S' -> new Object[] {constant(constA), in[0], pos, out, pos, n};
                default -> op.equals("multiplyAdd") ? new Object[] {in[0], pos, in[1], pos, in[2], pos, out, pos, n} :
                    new Object[] {in[0], pos, in[1], pos, out, pos, n};
            };
        }

        long reference(final long x, final long y, final long z)
        {
            if (isFloat())
            {
                final double a = type.equals("F32") ? Float.intBitsToFloat((int)x) : Double.longBitsToDouble(x);
                final double b = type.equals("F32") ? Float.intBitsToFloat((int)y) : Double.longBitsToDouble(y);
                final double c = Double.longBitsToDouble(z);
                final double r = switch (op)
                {
                    case "add" -> a + b;
                    case "sub" -> a - b;
                    case "mul" -> a * b;
                    case "div" -> a / b;
                    case "neg" -> -a;
                    case "abs" -> Math.abs(a);
                    case "multiplyAdd" -> a * b + c;
                    default -> throw new AssertionError(op);
                };
                // float ops computed in double and rounded once are exact (53 >= 2 * 24 + 2)
                return type.equals("F32") ? Float.floatToIntBits((float)r) : Double.doubleToLongBits(r);
            }
            final long r = switch (op)
            {
                case "add" -> x + y;
                case "sub" -> x - y;
                case "mul" -> x * y;
                case "neg" -> -x;
                case "abs" -> Math.abs(x);
                default -> throw new AssertionError(op);
            };
            return type.equals("I32") ? (int)r : r;
        }

        boolean overflows(final long x, final long y)
        {
            final java.math.BigInteger a = java.math.BigInteger.valueOf(x);
            final java.math.BigInteger b = java.math.BigInteger.valueOf(y);
            final java.math.BigInteger exact = switch (op)
            {
                case "add" -> a.add(b);
                case "sub" -> a.subtract(b);
                case "mul" -> a.multiply(b);
                case "neg" -> a.negate();
                case "abs" -> a.abs();
                default -> throw new AssertionError(op);
            };
            return type.equals("I32") ? exact.bitLength() > 31 : exact.bitLength() > 63;
        }

        String show(final long bits)
        {
            return String.valueOf(constant(bits));
        }
    }
}
