package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API elementwise arithmetic over {@link MemorySegment}s; bit-for-bit the same results as {@link ScalarArith}.
 *
 * <p>Each loop is one unmasked vector loop over the preferred species followed by a scalar tail (elementwise work
 * needs no accumulators, and the loops are memory bound). Checked integer variants OR per-lane overflow bits into a
 * flag vector ({@code ((a ^ r) & (b ^ r)) < 0} for add, {@code ((a ^ b) & (a ^ r)) < 0} for subtract) and reduce it
 * once at the end; int32 multiply checks the exact product in double lanes; int64 checked multiply has no vector form
 * (no 64x64->128 multiply) and runs the scalar loop.
 *
 * <p>Positions and {@code n} count elements; segments are not owned and must hold {@code pos + n} elements.
 *
 * <p>Thread-safety: stateless; concurrent calls on disjoint outputs are safe.
 */
public final class VectorArith
{
    private static final VectorSpecies<Integer> INT_SPECIES = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONG_SPECIES = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOAT_SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLE_SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final ValueLayout.OfInt INT = Layouts.INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = Layouts.LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = Layouts.FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = Layouts.DOUBLE_UNALIGNED;

    private VectorArith()
    {
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void addI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x + y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void addI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x + y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final int a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final IntVector vx = IntVector.broadcast(INT_SPECIES, a);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a;
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void mulI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x * y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void mulI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x * y;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void negI32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int r = -x;
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void absI32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int r = Math.abs(x);
            out.set(INT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean addI32Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, r).and(vy.lanewise(VectorOperators.XOR, r)));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x + y;
            out.set(INT, (outPos + i) * 4, r);
            flags |= (x ^ r) & (y ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean addI32Checked(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, r).and(vy.lanewise(VectorOperators.XOR, r)));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x + y;
            out.set(INT, (outPos + i) * 4, r);
            flags |= (x ^ r) & (y ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI32Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI32Checked(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI32Checked(final int a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final IntVector vx = IntVector.broadcast(INT_SPECIES, a);
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a;
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x - y;
            out.set(INT, (outPos + i) * 4, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean mulI32Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        DoubleVector high = DoubleVector.broadcast(DOUBLE_SPECIES, 0.0);
        DoubleVector low = DoubleVector.broadcast(DOUBLE_SPECIES, 0.0);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector vy = IntVector.fromMemorySegment(INT_SPECIES, b, bBase + off, LE);
            final IntVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            final DoubleVector p0 = ((DoubleVector)vx.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 0))
                .mul((DoubleVector)vy.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 0));
            final DoubleVector p1 = ((DoubleVector)vx.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 1))
                .mul((DoubleVector)vy.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 1));
            high = high.max(p0).max(p1);
            low = low.min(p0).min(p1);
        }
        long flags = high.reduceLanes(VectorOperators.MAX) > Integer.MAX_VALUE ||
            low.reduceLanes(VectorOperators.MIN) < Integer.MIN_VALUE ? 1 : 0;
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b.get(INT, (bPos + i) * 4);
            final int r = x * y;
            out.set(INT, (outPos + i) * 4, r);
            final long p = (long)x * y;
            flags |= (p >> 31) ^ (p >> 63);
        }
        return flags != 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean mulI32Checked(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final IntVector vy = IntVector.broadcast(INT_SPECIES, b);
        DoubleVector high = DoubleVector.broadcast(DOUBLE_SPECIES, 0.0);
        DoubleVector low = DoubleVector.broadcast(DOUBLE_SPECIES, 0.0);
        final DoubleVector dy = DoubleVector.broadcast(DOUBLE_SPECIES, (double)b);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            final DoubleVector p0 = ((DoubleVector)vx.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 0))
                .mul(dy);
            final DoubleVector p1 = ((DoubleVector)vx.convertShape(VectorOperators.I2D, DOUBLE_SPECIES, 1))
                .mul(dy);
            high = high.max(p0).max(p1);
            low = low.min(p0).min(p1);
        }
        long flags = high.reduceLanes(VectorOperators.MAX) > Integer.MAX_VALUE ||
            low.reduceLanes(VectorOperators.MIN) < Integer.MIN_VALUE ? 1 : 0;
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int y = b;
            final int r = x * y;
            out.set(INT, (outPos + i) * 4, r);
            final long p = (long)x * y;
            flags |= (p >> 31) ^ (p >> 63);
        }
        return flags != 0;
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean negI32Checked(final MemorySegment a, final long aPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.and(r));
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int r = -x;
            out.set(INT, (outPos + i) * 4, r);
            flags |= x & r;
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean absI32Checked(final MemorySegment a, final long aPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        IntVector flagv = IntVector.zero(INT_SPECIES);
        final int bound = INT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += INT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final IntVector vx = IntVector.fromMemorySegment(INT_SPECIES, a, aBase + off, LE);
            final IntVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(r);
        }
        int flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final int x = a.get(INT, (aPos + i) * 4);
            final int r = Math.abs(x);
            out.set(INT, (outPos + i) * 4, r);
            flags |= r;
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void addI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x + y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void addI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final LongVector vy = LongVector.broadcast(LONG_SPECIES, b);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x + y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final LongVector vy = LongVector.broadcast(LONG_SPECIES, b);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final long a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final LongVector vx = LongVector.broadcast(LONG_SPECIES, a);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a;
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void mulI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x * y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void mulI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final LongVector vy = LongVector.broadcast(LONG_SPECIES, b);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x * y;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void negI64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long r = -x;
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void absI64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long r = Math.abs(x);
            out.set(LONG, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean addI64Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, r).and(vy.lanewise(VectorOperators.XOR, r)));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x + y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= (x ^ r) & (y ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean addI64Checked(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final LongVector vy = LongVector.broadcast(LONG_SPECIES, b);
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, r).and(vy.lanewise(VectorOperators.XOR, r)));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x + y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= (x ^ r) & (y ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI64Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI64Checked(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final LongVector vy = LongVector.broadcast(LONG_SPECIES, b);
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean subI64Checked(final long a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final LongVector vx = LongVector.broadcast(LONG_SPECIES, a);
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vy = LongVector.fromMemorySegment(LONG_SPECIES, b, bBase + off, LE);
            final LongVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.lanewise(VectorOperators.XOR, vy).and(vx.lanewise(VectorOperators.XOR, r)));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a;
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x - y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= (x ^ y) & (x ^ r);
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean mulI64Checked(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        // No 64x64->128 multiply in the Vector API: the scalar loop is the fast path here.
        return ScalarArith.mulI64Checked(a, aPos, b, bPos, out, outPos, n);
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean mulI64Checked(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        // No 64x64->128 multiply in the Vector API: the scalar loop is the fast path here.
        return ScalarArith.mulI64Checked(a, aPos, b, out, outPos, n);
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean negI64Checked(final MemorySegment a, final long aPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(vx.and(r));
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long r = -x;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= x & r;
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     * Overflowing lanes are written wrapped and only flagged; the loop never throws.
     *
     * @return true if any lane overflowed.
     */
    public static boolean absI64Checked(final MemorySegment a, final long aPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        LongVector flagv = LongVector.zero(LONG_SPECIES);
        final int bound = LONG_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += LONG_SPECIES.length())
        {
            final long off = (long)i * 8;
            final LongVector vx = LongVector.fromMemorySegment(LONG_SPECIES, a, aBase + off, LE);
            final LongVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
            flagv = flagv.or(r);
        }
        long flags = flagv.reduceLanes(VectorOperators.OR);
        for (; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long r = Math.abs(x);
            out.set(LONG, (outPos + i) * 8, r);
            flags |= r;
        }
        return flags < 0;
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void addF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x + y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void addF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vy = FloatVector.broadcast(FLOAT_SPECIES, b);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b;
            final float r = x + y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x - y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vy = FloatVector.broadcast(FLOAT_SPECIES, b);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b;
            final float r = x - y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final float a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vx = FloatVector.broadcast(FLOAT_SPECIES, a);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a;
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x - y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void mulF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x * y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void mulF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vy = FloatVector.broadcast(FLOAT_SPECIES, b);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b;
            final float r = x * y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x / y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vy = FloatVector.broadcast(FLOAT_SPECIES, b);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float y = b;
            final float r = x / y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a / b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final float a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 4;
        final long outBase = outPos * 4;
        final FloatVector vx = FloatVector.broadcast(FLOAT_SPECIES, a);
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vy = FloatVector.fromMemorySegment(FLOAT_SPECIES, b, bBase + off, LE);
            final FloatVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a;
            final float y = b.get(FLOAT, (bPos + i) * 4);
            final float r = x / y;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void negF32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float r = -x;
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void absF32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 4;
        final long outBase = outPos * 4;
        final int bound = FLOAT_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOAT_SPECIES.length())
        {
            final long off = (long)i * 4;
            final FloatVector vx = FloatVector.fromMemorySegment(FLOAT_SPECIES, a, aBase + off, LE);
            final FloatVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final float x = a.get(FLOAT, (aPos + i) * 4);
            final float r = Math.abs(x);
            out.set(FLOAT, (outPos + i) * 4, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void addF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x + y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void addF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vy = DoubleVector.broadcast(DOUBLE_SPECIES, b);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.add(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b;
            final double r = x + y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x - y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vy = DoubleVector.broadcast(DOUBLE_SPECIES, b);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b;
            final double r = x - y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final double a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vx = DoubleVector.broadcast(DOUBLE_SPECIES, a);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.sub(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a;
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x - y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void mulF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x * y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void mulF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vy = DoubleVector.broadcast(DOUBLE_SPECIES, b);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.mul(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b;
            final double r = x * y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x / y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vy = DoubleVector.broadcast(DOUBLE_SPECIES, b);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b;
            final double r = x / y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = a / b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final double a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        final long bBase = bPos * 8;
        final long outBase = outPos * 8;
        final DoubleVector vx = DoubleVector.broadcast(DOUBLE_SPECIES, a);
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector r = vx.div(vy);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a;
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double r = x / y;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void negF64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.neg();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double r = -x;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void absF64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        final long aBase = aPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector r = vx.abs();
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double r = Math.abs(x);
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }

    /**
     * {@code out[outPos + i] = (a[aPos + i] * b[bPos + i]) + c[cPos + i]} for {@code i} in {@code [0, n)}:
     * a rounded multiply, then a rounded add (not a fused multiply-add), so every path gives the same bits.
     */
    public static void multiplyAddF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment c, final long cPos, final MemorySegment out, final long outPos, final int n)
    {
        final long aBase = aPos * 8;
        final long bBase = bPos * 8;
        final long cBase = cPos * 8;
        final long outBase = outPos * 8;
        final int bound = DOUBLE_SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += DOUBLE_SPECIES.length())
        {
            final long off = (long)i * 8;
            final DoubleVector vx = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, a, aBase + off, LE);
            final DoubleVector vy = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, b, bBase + off, LE);
            final DoubleVector vz = DoubleVector.fromMemorySegment(DOUBLE_SPECIES, c, cBase + off, LE);
            final DoubleVector r = vx.mul(vy).add(vz);
            r.intoMemorySegment(out, outBase + off, LE);
        }
        for (; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double z = c.get(DOUBLE, (cPos + i) * 8);
            final double r = x * y + z;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }
}
