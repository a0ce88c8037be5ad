package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Plain-loop twin of {@link VectorArith}: the same elementwise arithmetic, one row at a time. It defines the exact
 * results the vector path must reproduce and is the path the {@link Arith} facade takes when vectors are off.
 *
 * <p>Positions ({@code aPos}, {@code outPos}, ...) and {@code n} count elements, not bytes; values are little-endian
 * and may be unaligned. The segments are not owned and must hold {@code pos + n} elements. Integer operations wrap in
 * two's complement; the {@code *Checked} variants also return whether any lane overflowed, without throwing, so the
 * caller can rescan only when needed. Floating-point operations follow IEEE 754 (Java semantics, no fused
 * multiply-add). There are no nulls at this level: callers compute every lane and mask validity separately.
 *
 * <p>Thread-safety: stateless; concurrent calls on disjoint outputs are safe.
 */
public final class ScalarArith
{
    private static final ValueLayout.OfInt INT = Layouts.INT_UNALIGNED;
    private static final ValueLayout.OfLong LONG = Layouts.LONG_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = Layouts.FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = Layouts.DOUBLE_UNALIGNED;

    private ScalarArith()
    {
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void addI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        int flags = 0;
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b.get(LONG, (bPos + i) * 8);
            final long r = x * y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= Math.multiplyHigh(x, y) ^ (r >> 63);
        }
        return flags != 0;
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
        long flags = 0;
        for (int i = 0; i < n; i++)
        {
            final long x = a.get(LONG, (aPos + i) * 8);
            final long y = b;
            final long r = x * y;
            out.set(LONG, (outPos + i) * 8, r);
            flags |= Math.multiplyHigh(x, y) ^ (r >> 63);
        }
        return flags != 0;
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        long flags = 0;
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < n; i++)
        {
            final double x = a.get(DOUBLE, (aPos + i) * 8);
            final double y = b.get(DOUBLE, (bPos + i) * 8);
            final double z = c.get(DOUBLE, (cPos + i) * 8);
            final double r = x * y + z;
            out.set(DOUBLE, (outPos + i) * 8, r);
        }
    }
}
