package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Reductions (sum, min, max, valid count, and the squared-deviation pass of a variance) over fixed-width
 * little-endian values in a {@link MemorySegment}, each in a plain form and a null-aware form that reads an Arrow
 * validity bitmap and skips null rows. Dispatches once per JVM, on {@link SimdConfig#VECTOR_ENABLED}, to
 * {@link VectorReductions} or its scalar twin {@link ScalarReductions}.
 *
 * <pre>
 *   data:      element offset+0   offset+1   ...   offset+count-1     (int32/int64/float32/float64, LE, unaligned)
 *   validity:  bit bitOffset+0    bitOffset+1 ...  bitOffset+count-1  (1 = valid; bit i is bit i%8 of byte i/8)
 *              read 64 rows per word: all-valid words -> unmasked vector loop, all-null -> skipped,
 *              mixed -> lane masks (sums) or scalar (min/max)
 * </pre>
 *
 * <p>Semantics, identical on both paths except where noted:
 * <ul>
 *   <li>Integer sums wrap like Java {@code long}; {@code sumLongExact} instead reports whether the mathematically
 *       exact sum fits in a long. That check is independent of the order of addition (an intermediate overflow that
 *       later comes back in range is not an overflow), so partial sums can be combined in any order.</li>
 *   <li>Floating sums accumulate in double. The vector path reassociates (4 accumulators x 4 lanes, then a tree), so
 *       its result differs from the left-to-right scalar sum by rounding: compare them with a relative tolerance of
 *       about {@code count * ulp * sum(|x|)}. When partial sums overflow to infinity the two orders may also
 *       disagree on infinite vs finite. NaN in, NaN out; +Inf and -Inf together give NaN. Sums start at +0.0.</li>
 *   <li>Floating min/max ignore NaN (like C {@code fmin}/{@code fmax}) unless every considered value is NaN, in which
 *       case the result is NaN. Ordering is {@link Double#compare}'s for zeros: {@code -0.0 < 0.0}.</li>
 *   <li>With no values (count 0, or every row null) sums return 0, min returns the type's largest value (+Inf for
 *       floating) and max the smallest (-Inf): callers that need SQL null semantics check the valid count.</li>
 * </ul>
 *
 * <p>Arguments: {@code offset} and {@code count} are in elements; {@code bitOffset} is the bit of the first row in
 * {@code validity} (usually equal to {@code offset} for Arrow vectors). Callers guarantee the segments cover the
 * rows; the segments' own bounds checks are the last line of defence (an {@link IndexOutOfBoundsException}).
 *
 * <p>Thread-safety: stateless, safe from any thread. Buffer ownership: segments are read only and never retained.
 * Nothing allocates per row.
 */
public final class Reductions
{
    private Reductions()
    {
    }

    /**
     * Counts valid rows: a popcount of the validity bitmap.
     *
     * @param validity  an Arrow validity bitmap.
     * @param bitOffset the bit of the first row.
     * @param count     how many rows.
     * @return the number of set bits in {@code [bitOffset, bitOffset + count)}.
     */
    public static long countValid(final MemorySegment validity, final long bitOffset, final long count)
    {
        return ScalarReductions.countValid(validity, bitOffset, count);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the sum of the int32 values, widened to long (cannot overflow for fewer than 2^32 values).
     */
    public static long sumInt(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumInt(data, offset, count) :
            ScalarReductions.sumInt(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the sum of the int32 values, widened to long (cannot overflow for fewer than 2^32 values), over
     *     the valid rows only.
     */
    public static long sumInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumInt(data, offset, count, validity, bitOffset) :
            ScalarReductions.sumInt(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the smallest int32 value, or {@link Integer#MAX_VALUE} when there is none.
     */
    public static int minInt(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minInt(data, offset, count) :
            ScalarReductions.minInt(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the smallest int32 value, or {@link Integer#MAX_VALUE} when there is none, over the valid rows only.
     */
    public static int minInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minInt(data, offset, count, validity, bitOffset) :
            ScalarReductions.minInt(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the largest int32 value, or {@link Integer#MIN_VALUE} when there is none.
     */
    public static int maxInt(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxInt(data, offset, count) :
            ScalarReductions.maxInt(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the largest int32 value, or {@link Integer#MIN_VALUE} when there is none, over the valid rows only.
     */
    public static int maxInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxInt(data, offset, count, validity, bitOffset) :
            ScalarReductions.maxInt(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the sum of the int64 values, wrapping on overflow like Java {@code long} (Arrow C++ {@code sum}).
     */
    public static long sumLong(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumLong(data, offset, count) :
            ScalarReductions.sumLong(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the sum of the int64 values, wrapping on overflow like Java {@code long} (Arrow C++ {@code sum}),
     *     over the valid rows only.
     */
    public static long sumLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumLong(data, offset, count, validity, bitOffset) :
            ScalarReductions.sumLong(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the smallest int64 value, or {@link Long#MAX_VALUE} when there is none.
     */
    public static long minLong(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minLong(data, offset, count) :
            ScalarReductions.minLong(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the smallest int64 value, or {@link Long#MAX_VALUE} when there is none, over the valid rows only.
     */
    public static long minLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minLong(data, offset, count, validity, bitOffset) :
            ScalarReductions.minLong(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the largest int64 value, or {@link Long#MIN_VALUE} when there is none.
     */
    public static long maxLong(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxLong(data, offset, count) :
            ScalarReductions.maxLong(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the largest int64 value, or {@link Long#MIN_VALUE} when there is none, over the valid rows only.
     */
    public static long maxLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxLong(data, offset, count, validity, bitOffset) :
            ScalarReductions.maxLong(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the sum of the float32 values accumulated in double (reassociated on the vector path).
     */
    public static double sumFloat(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumFloat(data, offset, count) :
            ScalarReductions.sumFloat(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the sum of the float32 values accumulated in double (reassociated on the vector path), over the
     *     valid rows only.
     */
    public static double sumFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumFloat(data, offset, count, validity, bitOffset) :
            ScalarReductions.sumFloat(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the smallest float32 value ignoring NaN (see the class comment).
     */
    public static float minFloat(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minFloat(data, offset, count) :
            ScalarReductions.minFloat(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the smallest float32 value ignoring NaN (see the class comment), over the valid rows only.
     */
    public static float minFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minFloat(data, offset, count, validity, bitOffset) :
            ScalarReductions.minFloat(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the largest float32 value ignoring NaN (see the class comment).
     */
    public static float maxFloat(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxFloat(data, offset, count) :
            ScalarReductions.maxFloat(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the largest float32 value ignoring NaN (see the class comment), over the valid rows only.
     */
    public static float maxFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxFloat(data, offset, count, validity, bitOffset) :
            ScalarReductions.maxFloat(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the sum of the float64 values (reassociated on the vector path).
     */
    public static double sumDouble(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumDouble(data, offset, count) :
            ScalarReductions.sumDouble(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the sum of the float64 values (reassociated on the vector path), over the valid rows only.
     */
    public static double sumDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumDouble(data, offset, count, validity, bitOffset) :
            ScalarReductions.sumDouble(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the smallest float64 value ignoring NaN (see the class comment).
     */
    public static double minDouble(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minDouble(data, offset, count) :
            ScalarReductions.minDouble(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the smallest float64 value ignoring NaN (see the class comment), over the valid rows only.
     */
    public static double minDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.minDouble(data, offset, count, validity, bitOffset) :
            ScalarReductions.minDouble(data, offset, count, validity, bitOffset);
    }

    /**
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @return the largest float64 value ignoring NaN (see the class comment).
     */
    public static double maxDouble(final MemorySegment data, final long offset, final long count)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxDouble(data, offset, count) :
            ScalarReductions.maxDouble(data, offset, count);
    }

    /**
     * Null-aware form: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the largest float64 value ignoring NaN (see the class comment), over the valid rows only.
     */
    public static double maxDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.maxDouble(data, offset, count, validity, bitOffset) :
            ScalarReductions.maxDouble(data, offset, count, validity, bitOffset);
    }

    /**
     * Checked int64 sum. Overflow is reported through the return value, not an exception, so the loop stays tight.
     *
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @param out    {@code out[0]} receives the sum (the wrapped sum when it overflows); length at least 1.
     * @return true when the exact sum fits in a long, false on overflow.
     */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final long[] out)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumLongExact(data, offset, count, out) :
            ScalarReductions.sumLongExact(data, offset, count, out);
    }

    /**
     * Null-aware checked int64 sum: rows whose validity bit is 0 are skipped.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @param out       {@code out[0]} receives the sum (the wrapped sum when it overflows); length at least 1.
     * @return true when the exact sum of the valid rows fits in a long, false on overflow.
     */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset, final long[] out)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorReductions.sumLongExact(data, offset, count, validity, bitOffset, out) :
            ScalarReductions.sumLongExact(data, offset, count, validity, bitOffset, out);
    }

    /**
     * The second pass of a two-pass variance: {@code sum((x - mean)^2)} over float64 values. Reassociated (and fused
     * multiply-add) on the vector path, so it differs from the scalar twin by rounding only.
     *
     * @param data   the values.
     * @param offset the first element.
     * @param count  how many elements.
     * @param mean   the value deviations are measured from.
     * @return the sum of squared deviations; NaN if any value or {@code mean} is NaN.
     */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean)
    {
        return SimdConfig.VECTOR_ENABLED ? VectorReductions.sumSquaredDeviationsDouble(data, offset, count, mean) :
            ScalarReductions.sumSquaredDeviationsDouble(data, offset, count, mean);
    }

    /**
     * Null-aware form of {@link #sumSquaredDeviationsDouble(MemorySegment, long, long, double)}.
     *
     * @param data      the values.
     * @param offset    the first element.
     * @param count     how many rows.
     * @param mean      the value deviations are measured from.
     * @param validity  the Arrow validity bitmap.
     * @param bitOffset the bit of the first row in {@code validity}.
     * @return the sum of squared deviations over the valid rows.
     */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean, final MemorySegment validity, final long bitOffset)
    {
        return SimdConfig.VECTOR_ENABLED ?
            VectorReductions.sumSquaredDeviationsDouble(data, offset, count, mean, validity, bitOffset) :
            ScalarReductions.sumSquaredDeviationsDouble(data, offset, count, mean, validity, bitOffset);
    }
}
