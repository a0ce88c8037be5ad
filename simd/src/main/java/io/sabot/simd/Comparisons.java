package io.sabot.simd;

// Expanded from one loop template per (type, operator, form). The expander is not in this tree: a change to one
// loop must be made to all of its siblings alike.

import java.lang.foreign.MemorySegment;

/**
 * Comparisons of fixed-width columns against a scalar or another column, into an Arrow-style bitmap (bit {@code i}
 * of the output is bit {@code i % 8} of byte {@code i / 8}, LSB first), or counted without materializing, plus
 * turning a bitmap into the positions of its set bits. Dispatches once per call on
 * {@link SimdConfig#VECTOR_ENABLED} to {@link VectorComparisons} or its scalar twin {@link ScalarComparisons}.
 *
 * <pre>
 *   values (little-endian, element size 1/2/4/8 bytes)        bitmap (LSB first)
 *   +--------+--------+-----+------------------+              bit bitOffset + i  =  values[from + i] OP scalar
 *   | v[0]   | v[1]   | ... | v[from + count-1]|              whole 64-bit words are stored; bits outside
 *   +--------+--------+-----+------------------+              [bitOffset, bitOffset + count) are preserved
 * </pre>
 *
 * <p>Float semantics are IEEE 754, as in Arrow C++ compute: any comparison with NaN is false except {@code NE},
 * which is true; {@code -0.0 == 0.0}; infinities order normally.
 *
 * <p>Thread-safety: stateless. Buffer ownership: reads {@code values}/{@code left}/{@code right} and writes
 * {@code bitmap}; the caller owns all of them and guarantees they are large enough. Nulls: none at this level;
 * callers combine validity bitmaps with {@link Bitmaps}.
 */
public final class Comparisons
{
    private Comparisons()
    {
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    byte values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt8(final CompareOp op, final MemorySegment values, final long from,
        final int count, final byte scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt8(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt8(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      byte values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     byte values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt8(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt8(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt8(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values byte values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareInt8(final CompareOp op, final MemorySegment values, final long from,
        final int count, final byte scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareInt8(op, values, from, count, scalar) :
            ScalarComparisons.countCompareInt8(op, values, from, count, scalar);
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    short values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt16(final CompareOp op, final MemorySegment values, final long from,
        final int count, final short scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt16(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt16(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      short values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     short values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt16(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt16(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt16(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values short values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareInt16(final CompareOp op, final MemorySegment values, final long from,
        final int count, final short scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareInt16(op, values, from, count, scalar) :
            ScalarComparisons.countCompareInt16(op, values, from, count, scalar);
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    int values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final int scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt32(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt32(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      int values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     int values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt32(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt32(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt32(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values int values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareInt32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final int scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareInt32(op, values, from, count, scalar) :
            ScalarComparisons.countCompareInt32(op, values, from, count, scalar);
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    long values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final long scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt64(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt64(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      long values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     long values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareInt64(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareInt64(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareInt64(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values long values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareInt64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final long scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareInt64(op, values, from, count, scalar) :
            ScalarComparisons.countCompareInt64(op, values, from, count, scalar);
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    float values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareFloat32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareFloat32(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareFloat32(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      float values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     float values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareFloat32(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareFloat32(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareFloat32(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values float values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareFloat32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final float scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareFloat32(op, values, from, count, scalar) :
            ScalarComparisons.countCompareFloat32(op, values, from, count, scalar);
    }

    /**
     * Writes {@code values[from + i] op scalar} to bit {@code bitOffset + i} of {@code bitmap} for {@code i} in
     * {@code [0, count)}.
     *
     * @param op        the comparison.
     * @param values    double values, little-endian.
     * @param from      index of the first value read.
     * @param count     number of values.
     * @param scalar    right-hand side.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareFloat64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareFloat64(op, values, from, count, scalar, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareFloat64(op, values, from, count, scalar, bitmap, bitOffset);
        }
    }

    /**
     * Writes {@code left[leftFrom + i] op right[rightFrom + i]} to bit {@code bitOffset + i} of {@code bitmap}.
     *
     * @param op        the comparison.
     * @param left      double values, little-endian.
     * @param leftFrom  index of the first left value.
     * @param right     double values, little-endian.
     * @param rightFrom index of the first right value.
     * @param count     number of pairs.
     * @param bitmap    output bitmap.
     * @param bitOffset bit index of the first output bit.
     */
    public static void compareFloat64(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        if (SimdConfig.VECTOR_ENABLED)
        {
            VectorComparisons.compareFloat64(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
        else
        {
            ScalarComparisons.compareFloat64(op, left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
        }
    }

    /**
     * Counts {@code i} in {@code [0, count)} with {@code values[from + i] op scalar}, without writing anything.
     *
     * @param op     the comparison.
     * @param values double values, little-endian.
     * @param from   index of the first value read.
     * @param count  number of values.
     * @param scalar right-hand side.
     * @return the number of values for which the comparison is true.
     */
    public static long countCompareFloat64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final double scalar)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorComparisons.countCompareFloat64(op, values, from, count, scalar) :
            ScalarComparisons.countCompareFloat64(op, values, from, count, scalar);
    }
}
