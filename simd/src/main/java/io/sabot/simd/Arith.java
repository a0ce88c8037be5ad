package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Elementwise arithmetic kernels over {@link MemorySegment}s for int32, int64, float32 and float64: binary
 * add/sub/mul (and div for floats) column-column ({@code a[i] op b[i]}), column-constant ({@code a[i] op c}) and,
 * where order matters, constant-column ({@code c op a[i]}); unary neg/abs; float64 {@code a * b + c}; and checked
 * integer variants that report overflow through their return value.
 *
 * <p>Dispatches once on {@link SimdConfig#VECTOR_ENABLED} (a constant that C2 folds) to {@link VectorArith} or its
 * scalar twin {@link ScalarArith}; both give identical bits. Method names end in the element type: {@code I32},
 * {@code I64}, {@code F32}, {@code F64}. Positions and {@code n} count elements, not bytes.
 *
 * <pre>
 *   a:   [aPos ............ aPos + n)     little-endian values, any alignment
 *   b:   [bPos ............ bPos + n)     (or a constant)
 *   out: [outPos .......... outPos + n)   written, every lane (no validity here)
 * </pre>
 *
 * <p>Buffer ownership: segments are borrowed for the call; {@code out} may alias an input only at the same position.
 * Null handling: none at this level; callers compute all lanes and combine validity bitmaps themselves.
 * Integer division is not here (no SIMD integer divide on x86); the kernel layer does it row by row.
 *
 * <p>Thread-safety: stateless; concurrent calls on disjoint outputs are safe.
 */
public final class Arith
{
    private static final boolean VECTOR = SimdConfig.VECTOR_ENABLED;

    private Arith()
    {
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void addI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addI32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.addI32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void addI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addI32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.addI32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subI32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.subI32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void subI32(final int a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI32(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subI32(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void mulI32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulI32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.mulI32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void mulI32(final MemorySegment a, final long aPos, final int b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulI32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.mulI32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void negI32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.negI32(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.negI32(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * int two's complement wrapping.
     */
    public static void absI32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.absI32(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.absI32(a, aPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.addI32Checked(a, aPos, b, bPos, out, outPos, n);
        }
        return ScalarArith.addI32Checked(a, aPos, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.addI32Checked(a, aPos, b, out, outPos, n);
        }
        return ScalarArith.addI32Checked(a, aPos, b, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI32Checked(a, aPos, b, bPos, out, outPos, n);
        }
        return ScalarArith.subI32Checked(a, aPos, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI32Checked(a, aPos, b, out, outPos, n);
        }
        return ScalarArith.subI32Checked(a, aPos, b, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI32Checked(a, b, bPos, out, outPos, n);
        }
        return ScalarArith.subI32Checked(a, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.mulI32Checked(a, aPos, b, bPos, out, outPos, n);
        }
        return ScalarArith.mulI32Checked(a, aPos, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.mulI32Checked(a, aPos, b, out, outPos, n);
        }
        return ScalarArith.mulI32Checked(a, aPos, b, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.negI32Checked(a, aPos, out, outPos, n);
        }
        return ScalarArith.negI32Checked(a, aPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.absI32Checked(a, aPos, out, outPos, n);
        }
        return ScalarArith.absI32Checked(a, aPos, out, outPos, n);
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void addI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addI64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.addI64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void addI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addI64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.addI64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subI64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.subI64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void subI64(final long a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subI64(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subI64(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void mulI64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulI64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.mulI64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void mulI64(final MemorySegment a, final long aPos, final long b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulI64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.mulI64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void negI64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.negI64(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.negI64(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * long two's complement wrapping.
     */
    public static void absI64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.absI64(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.absI64(a, aPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.addI64Checked(a, aPos, b, bPos, out, outPos, n);
        }
        return ScalarArith.addI64Checked(a, aPos, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.addI64Checked(a, aPos, b, out, outPos, n);
        }
        return ScalarArith.addI64Checked(a, aPos, b, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI64Checked(a, aPos, b, bPos, out, outPos, n);
        }
        return ScalarArith.subI64Checked(a, aPos, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI64Checked(a, aPos, b, out, outPos, n);
        }
        return ScalarArith.subI64Checked(a, aPos, b, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.subI64Checked(a, b, bPos, out, outPos, n);
        }
        return ScalarArith.subI64Checked(a, b, bPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.mulI64Checked(a, aPos, b, bPos, out, outPos, n);
        }
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
        if (VECTOR)
        {
            return VectorArith.mulI64Checked(a, aPos, b, out, outPos, n);
        }
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
        if (VECTOR)
        {
            return VectorArith.negI64Checked(a, aPos, out, outPos, n);
        }
        return ScalarArith.negI64Checked(a, aPos, out, outPos, n);
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
        if (VECTOR)
        {
            return VectorArith.absI64Checked(a, aPos, out, outPos, n);
        }
        return ScalarArith.absI64Checked(a, aPos, out, outPos, n);
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void addF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addF32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.addF32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void addF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addF32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.addF32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subF32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.subF32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void subF32(final float a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF32(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subF32(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void mulF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulF32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.mulF32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void mulF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulF32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.mulF32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF32(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.divF32(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final MemorySegment a, final long aPos, final float b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF32(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.divF32(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a / b[bPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void divF32(final float a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF32(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.divF32(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void negF32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.negF32(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.negF32(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * float IEEE 754.
     */
    public static void absF32(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.absF32(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.absF32(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void addF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addF64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.addF64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] + b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void addF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.addF64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.addF64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subF64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] - b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.subF64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a - b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void subF64(final double a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.subF64(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.subF64(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void mulF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulF64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.mulF64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] * b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void mulF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.mulF64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.mulF64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF64(a, aPos, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.divF64(a, aPos, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a[aPos + i] / b} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final MemorySegment a, final long aPos, final double b, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF64(a, aPos, b, out, outPos, n);
        }
        else
        {
            ScalarArith.divF64(a, aPos, b, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = a / b[bPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void divF64(final double a, final MemorySegment b, final long bPos, final MemorySegment out,
        final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.divF64(a, b, bPos, out, outPos, n);
        }
        else
        {
            ScalarArith.divF64(a, b, bPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = -a[aPos + i]} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void negF64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.negF64(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.negF64(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = abs(a[aPos + i])} for {@code i} in {@code [0, n)};
     * double IEEE 754.
     */
    public static void absF64(final MemorySegment a, final long aPos, final MemorySegment out, final long outPos,
        final int n)
    {
        if (VECTOR)
        {
            VectorArith.absF64(a, aPos, out, outPos, n);
        }
        else
        {
            ScalarArith.absF64(a, aPos, out, outPos, n);
        }
    }

    /**
     * {@code out[outPos + i] = (a[aPos + i] * b[bPos + i]) + c[cPos + i]} for {@code i} in {@code [0, n)}:
     * a rounded multiply, then a rounded add (not a fused multiply-add), so every path gives the same bits.
     */
    public static void multiplyAddF64(final MemorySegment a, final long aPos, final MemorySegment b, final long bPos,
        final MemorySegment c, final long cPos, final MemorySegment out, final long outPos, final int n)
    {
        if (VECTOR)
        {
            VectorArith.multiplyAddF64(a, aPos, b, bPos, c, cPos, out, outPos, n);
        }
        else
        {
            ScalarArith.multiplyAddF64(a, aPos, b, bPos, c, cPos, out, outPos, n);
        }
    }
}
