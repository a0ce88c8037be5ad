package io.sabot.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Compares {@link VectorComparisons}, {@link ScalarComparisons} and the {@link Comparisons} facade against a plain
 * reference on seeded random data with edge values, at lane-boundary sizes, input offsets and output bit offsets.
 */
final class ComparisonsTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        191, 1000, 1023, 4099};
    private static final double[] SPECIALS = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1.0, -1.0};

    private enum Type
    {
        I8(1), I16(2), I32(4), I64(8), F32(4), F64(8);

        final int size;

        Type(final int size)
        {
            this.size = size;
        }

        boolean isFloat()
        {
            return this == F32 || this == F64;
        }
    }

    private static void put(final Type type, final MemorySegment s, final long index, final long bits,
        final double d)
    {
        switch (type)
        {
            case I8 -> s.set(Layouts.BYTE, index, (byte)bits);
            case I16 -> s.set(Layouts.SHORT_UNALIGNED, index * 2, (short)bits);
            case I32 -> s.set(Layouts.INT_UNALIGNED, index * 4, (int)bits);
            case I64 -> s.set(Layouts.LONG_UNALIGNED, index * 8, bits);
            case F32 -> s.set(Layouts.FLOAT_UNALIGNED, index * 4, (float)d);
            case F64 -> s.set(Layouts.DOUBLE_UNALIGNED, index * 8, d);
        }
    }

    private static long intAt(final Type type, final MemorySegment s, final long index)
    {
        return switch (type)
        {
            case I8 -> s.get(Layouts.BYTE, index);
            case I16 -> s.get(Layouts.SHORT_UNALIGNED, index * 2);
            case I32 -> s.get(Layouts.INT_UNALIGNED, index * 4);
            default -> s.get(Layouts.LONG_UNALIGNED, index * 8);
        };
    }

    private static double floatAt(final Type type, final MemorySegment s, final long index)
    {
        return type == Type.F32 ? s.get(Layouts.FLOAT_UNALIGNED, index * 4) :
            s.get(Layouts.DOUBLE_UNALIGNED, index * 8);
    }

    private static boolean reference(final CompareOp op, final double a, final double b)
    {
        return switch (op)
        {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }

    private static boolean reference(final CompareOp op, final long a, final long b)
    {
        return op.test(Long.compare(a, b));
    }

    private static boolean reference(final Type type, final CompareOp op, final MemorySegment l, final long li,
        final MemorySegment r, final long ri)
    {
        return type.isFloat() ? reference(op, floatAt(type, l, li), floatAt(type, r, ri)) :
            reference(op, intAt(type, l, li), intAt(type, r, ri));
    }

    private static void fill(final Type type, final MemorySegment s, final long n, final SplittableRandom random)
    {
        for (long i = 0; i < n; i++)
        {
            final long bits = switch (random.nextInt(20))
            {
                case 0 -> Long.MIN_VALUE;
                case 1 -> Long.MAX_VALUE;
                case 2 -> random.nextLong();
                default -> random.nextInt(-3, 4);
            };
            final double d = random.nextInt(5) == 0 ? SPECIALS[random.nextInt(SPECIALS.length)] :
                random.nextInt(-3, 4) + (random.nextBoolean() ? 0.5 : 0.0);
            put(type, s, i, bits, d);
        }
    }

    /** Which implementation a run uses: 0 = vector, 1 = scalar, 2 = facade. */
    private static void compareScalar(final int impl, final Type type, final CompareOp op, final MemorySegment v,
        final long from, final int n, final MemorySegment scalarHolder, final MemorySegment bitmap, final long bit)
    {
        switch (type)
        {
            case I8 ->
            {
                final byte s = scalarHolder.get(Layouts.BYTE, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt8(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt8(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareInt8(op, v, from, n, s, bitmap, bit);
                }
            }
            case I16 ->
            {
                final short s = scalarHolder.get(Layouts.SHORT_UNALIGNED, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt16(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt16(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareInt16(op, v, from, n, s, bitmap, bit);
                }
            }
            case I32 ->
            {
                final int s = scalarHolder.get(Layouts.INT_UNALIGNED, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt32(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt32(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareInt32(op, v, from, n, s, bitmap, bit);
                }
            }
            case I64 ->
            {
                final long s = scalarHolder.get(Layouts.LONG_UNALIGNED, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt64(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt64(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareInt64(op, v, from, n, s, bitmap, bit);
                }
            }
            case F32 ->
            {
                final float s = scalarHolder.get(Layouts.FLOAT_UNALIGNED, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareFloat32(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareFloat32(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareFloat32(op, v, from, n, s, bitmap, bit);
                }
            }
            case F64 ->
            {
                final double s = scalarHolder.get(Layouts.DOUBLE_UNALIGNED, 0);
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareFloat64(op, v, from, n, s, bitmap, bit);
                    case 1 -> ScalarComparisons.compareFloat64(op, v, from, n, s, bitmap, bit);
                    default -> Comparisons.compareFloat64(op, v, from, n, s, bitmap, bit);
                }
            }
        }
    }

    private static void compareColumns(final int impl, final Type type, final CompareOp op, final MemorySegment l,
        final long lf, final MemorySegment r, final long rf, final int n, final MemorySegment bitmap, final long bit)
    {
        switch (type)
        {
            case I8 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt8(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt8(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareInt8(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
            case I16 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt16(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt16(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareInt16(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
            case I32 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt32(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt32(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareInt32(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
            case I64 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareInt64(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareInt64(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareInt64(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
            case F32 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareFloat32(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareFloat32(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareFloat32(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
            case F64 ->
            {
                switch (impl)
                {
                    case 0 -> VectorComparisons.compareFloat64(op, l, lf, r, rf, n, bitmap, bit);
                    case 1 -> ScalarComparisons.compareFloat64(op, l, lf, r, rf, n, bitmap, bit);
                    default -> Comparisons.compareFloat64(op, l, lf, r, rf, n, bitmap, bit);
                }
            }
        }
    }

    private static long count(final int impl, final Type type, final CompareOp op, final MemorySegment v,
        final long from, final int n, final MemorySegment h)
    {
        return switch (type)
        {
            case I8 -> impl == 0 ? VectorComparisons.countCompareInt8(op, v, from, n, h.get(Layouts.BYTE, 0)) :
                impl == 1 ? ScalarComparisons.countCompareInt8(op, v, from, n, h.get(Layouts.BYTE, 0)) :
                Comparisons.countCompareInt8(op, v, from, n, h.get(Layouts.BYTE, 0));
            case I16 -> impl == 0 ?
                VectorComparisons.countCompareInt16(op, v, from, n, h.get(Layouts.SHORT_UNALIGNED, 0)) :
                impl == 1 ? ScalarComparisons.countCompareInt16(op, v, from, n, h.get(Layouts.SHORT_UNALIGNED, 0)) :
                Comparisons.countCompareInt16(op, v, from, n, h.get(Layouts.SHORT_UNALIGNED, 0));
            case I32 -> impl == 0 ?
                VectorComparisons.countCompareInt32(op, v, from, n, h.get(Layouts.INT_UNALIGNED, 0)) :
                impl == 1 ? ScalarComparisons.countCompareInt32(op, v, from, n, h.get(Layouts.INT_UNALIGNED, 0)) :
                Comparisons.countCompareInt32(op, v, from, n, h.get(Layouts.INT_UNALIGNED, 0));
            case I64 -> impl == 0 ?
                VectorComparisons.countCompareInt64(op, v, from, n, h.get(Layouts.LONG_UNALIGNED, 0)) :
                impl == 1 ? ScalarComparisons.countCompareInt64(op, v, from, n, h.get(Layouts.LONG_UNALIGNED, 0)) :
                Comparisons.countCompareInt64(op, v, from, n, h.get(Layouts.LONG_UNALIGNED, 0));
            case F32 -> impl == 0 ?
                VectorComparisons.countCompareFloat32(op, v, from, n, h.get(Layouts.FLOAT_UNALIGNED, 0)) :
                impl == 1 ? ScalarComparisons.countCompareFloat32(op, v, from, n, h.get(Layouts.FLOAT_UNALIGNED, 0)) :
                Comparisons.countCompareFloat32(op, v, from, n, h.get(Layouts.FLOAT_UNALIGNED, 0));
            case F64 -> impl == 0 ?
                VectorComparisons.countCompareFloat64(op, v, from, n, h.get(Layouts.DOUBLE_UNALIGNED, 0)) :
                impl == 1 ?
                    ScalarComparisons.countCompareFloat64(op, v, from, n, h.get(Layouts.DOUBLE_UNALIGNED, 0)) :
                Comparisons.countCompareFloat64(op, v, from, n, h.get(Layouts.DOUBLE_UNALIGNED, 0));
        };
    }

    @Test
    void columnAgainstScalarMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (final Type type : Type.values())
        {
            for (final int n : SIZES)
            {
                for (final int from : new int[] {0, 3})
                {
                    try (Arena arena = Arena.ofConfined())
                    {
                        final MemorySegment v = arena.allocate((long)(from + n) * type.size);
                        fill(type, v, from + n, random);
                        final MemorySegment holder = arena.allocate(8);
                        for (final CompareOp op : CompareOp.values())
                        {
                            // Scalar: a present value, or a special one.
                            fill(type, holder, 1, random);
                            if (n > 0 && random.nextBoolean())
                            {
                                MemorySegment.copy(v, (long)(from + random.nextInt(n)) * type.size, holder, 0,
                                    type.size);
                            }
                            long expectedCount = 0;
                            for (int i = 0; i < n; i++)
                            {
                                expectedCount += reference(type, op, v, from + i, holder, 0) ? 1 : 0;
                            }
                            for (final long bit : new long[] {0, 5, 64})
                            {
                                for (int impl = 0; impl < 3; impl++)
                                {
                                    final MemorySegment bitmap = randomBitmap(arena, bit + n, random);
                                    final MemorySegment before = copyOf(arena, bitmap);
                                    compareScalar(impl, type, op, v, from, n, holder, bitmap, bit);
                                    for (int i = 0; i < n; i++)
                                    {
                                        assertEquals(reference(type, op, v, from + i, holder, 0),
                                            bitAt(bitmap, bit + i),
                                            () -> type + " " + op + " n=" + n + " from=" + from + " bit=" + bit);
                                    }
                                    assertOutsideUnchanged(before, bitmap, bit, n);
                                }
                            }
                            for (int impl = 0; impl < 3; impl++)
                            {
                                assertEquals(expectedCount, count(impl, type, op, v, from, n, holder),
                                    type + " count " + op + " n=" + n);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void columnAgainstColumnMatchesReference()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (final Type type : Type.values())
        {
            for (final int n : SIZES)
            {
                try (Arena arena = Arena.ofConfined())
                {
                    final int lf = 1;
                    final int rf = 2;
                    final MemorySegment l = arena.allocate((long)(lf + n) * type.size);
                    final MemorySegment r = arena.allocate((long)(rf + n) * type.size);
                    fill(type, l, lf + n, random);
                    fill(type, r, rf + n, random);
                    for (final CompareOp op : CompareOp.values())
                    {
                        for (final long bit : new long[] {0, 3})
                        {
                            for (int impl = 0; impl < 3; impl++)
                            {
                                final MemorySegment bitmap = randomBitmap(arena, bit + n, random);
                                final MemorySegment before = copyOf(arena, bitmap);
                                compareColumns(impl, type, op, l, lf, r, rf, n, bitmap, bit);
                                for (int i = 0; i < n; i++)
                                {
                                    assertEquals(reference(type, op, l, lf + i, r, rf + i), bitAt(bitmap, bit + i),
                                        type + " " + op + " n=" + n + " i=" + i);
                                }
                                assertOutsideUnchanged(before, bitmap, bit, n);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void floatSemanticsAreIeee()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final double[] values = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.0};
            final MemorySegment v = arena.allocate(8L * values.length);
            for (int i = 0; i < values.length; i++)
            {
                v.set(Layouts.DOUBLE_UNALIGNED, 8L * i, values[i]);
            }
            final MemorySegment bitmap = arena.allocate(8);
            for (int impl = 0; impl < 2; impl++)
            {
                final CompareOp[] ops = CompareOp.values();
                final long[] expectedNaN = {0b000000, 0b111111, 0, 0, 0, 0};
                for (int o = 0; o < ops.length; o++)
                {
                    bitmap.fill((byte)0);
                    if (impl == 0)
                    {
                        VectorComparisons.compareFloat64(ops[o], v, 0, values.length, Double.NaN, bitmap, 0);
                    }
                    else
                    {
                        ScalarComparisons.compareFloat64(ops[o], v, 0, values.length, Double.NaN, bitmap, 0);
                    }
                    assertEquals(expectedNaN[o], bitmap.get(Layouts.BYTE, 0), "NaN scalar " + ops[o]);
                }
                bitmap.fill((byte)0);
                if (impl == 0)
                {
                    VectorComparisons.compareFloat64(CompareOp.EQ, v, 0, values.length, 0.0, bitmap, 0);
                }
                else
                {
                    ScalarComparisons.compareFloat64(CompareOp.EQ, v, 0, values.length, 0.0, bitmap, 0);
                }
                assertEquals(0b000110, bitmap.get(Layouts.BYTE, 0), "-0.0 == 0.0");
            }
            assertEquals(5, VectorComparisons.countCompareFloat64(CompareOp.NE, v, 0, 6, 1.0));
            assertEquals(1, VectorComparisons.countCompareFloat64(CompareOp.GT, v, 0, 6, 1.0));
        }
    }

    static MemorySegment randomBitmap(final Arena arena, final long bits, final SplittableRandom random)
    {
        final MemorySegment s = arena.allocate(Math.max(1, (bits + 7) >>> 3));
        for (long i = 0; i < s.byteSize(); i++)
        {
            s.set(Layouts.BYTE, i, (byte)random.nextInt());
        }
        return s;
    }

    static MemorySegment copyOf(final Arena arena, final MemorySegment s)
    {
        final MemorySegment c = arena.allocate(s.byteSize());
        MemorySegment.copy(s, 0, c, 0, s.byteSize());
        return c;
    }

    static boolean bitAt(final MemorySegment s, final long bit)
    {
        return ((s.get(Layouts.BYTE, bit >>> 3) >>> (bit & 7)) & 1) != 0;
    }

    static void assertOutsideUnchanged(final MemorySegment before, final MemorySegment after, final long bit,
        final long n)
    {
        for (long b = 0; b < before.byteSize() * 8; b++)
        {
            if (b < bit || b >= bit + n)
            {
                assertEquals(bitAt(before, b), bitAt(after, b), "bit " + b + " outside the output range changed");
            }
        }
    }
}
