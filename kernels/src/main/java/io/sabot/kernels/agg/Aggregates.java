package io.sabot.kernels.agg;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;
import io.sabot.simd.Reductions;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Whole-column aggregates (Arrow C++ {@code count}, {@code sum}, {@code min}, {@code max}, {@code mean},
 * {@code variance}, {@code stddev}) over the rows of one vector: all rows, a {@link Rows#range} or a selection.
 *
 * <p>Types and results:
 * <table>
 *   <caption>aggregates by input type</caption>
 *   <tr><th>input</th><th>sum</th><th>min / max</th><th>mean</th><th>variance / stddev</th></tr>
 *   <tr><td>int8/16/32/64 ({@link BaseIntVector}, signed only)</td><td>OptionalLong, int64 wraps like Arrow C++;
 *       {@code sumChecked} raises {@link DataException}</td><td>OptionalLong</td><td>OptionalDouble (from the exact
 *       sum)</td><td>OptionalDouble (values as double)</td></tr>
 *   <tr><td>float32/64 ({@link FloatingPointVector}, not half)</td><td>OptionalDouble (float32 sums in double;
 *       vector path reassociates)</td><td>OptionalDouble; NaN ignored unless all NaN; -0.0 &lt; 0.0</td>
 *       <td>OptionalDouble</td><td>OptionalDouble</td></tr>
 *   <tr><td>decimal128 ({@link DecimalVector})</td><td>{@code Optional<BigDecimal>}, exact (may exceed precision
 *       38; the caller decides whether to narrow)</td><td>{@code Optional<BigDecimal>}</td><td>{@code
 *       Optional<BigDecimal>} at the input scale, rounded half away from zero</td><td>OptionalDouble</td></tr>
 *   <tr><td>date32/date64/time/timestamp</td><td>rejected</td><td>{@code minTemporal}/{@code maxTemporal}:
 *       OptionalLong of the stored value (days, or the type's time unit)</td><td>rejected</td><td>rejected</td></tr>
 * </table>
 *
 * <p>Null handling (Arrow C++ defaults, {@code min_count = 1}): null rows are skipped; sum, min, max and mean over no
 * valid rows are empty (SQL null); count is 0; variance is empty when the valid count is {@code <= ddof} (so the
 * sample variance of one value is null, the population variance of one value is 0). Empty optionals are the only
 * way a null result is reported; they are allocated once per call, never per row.
 *
 * <p>Errors: an unsupported type raises {@link SchemaException} naming the column and its type; rows outside the
 * vector raise {@link SchemaException} before any memory is read; {@code sumChecked} overflow raises
 * {@link DataException} naming the column (no row: the check is on the exact total, independent of order).
 *
 * <p>Thread-safety: stateless; vectors may be read by several threads at once if nobody writes them. Buffer
 * ownership: inputs are read through {@link ArrowMemory} segments for the duration of the call and never closed;
 * nothing is allocated off-heap. Arrow-sliced vectors ({@code splitAndTransfer}) work like any other vector.
 */
public final class Aggregates
{
    private static final int SUM = 0;
    private static final int MIN = 1;
    private static final int MAX = 2;
    private static final int SUM_CHECKED = 3;
    /** Rows per two-pass variance block: fits a double[] in L1. */
    private static final int BLOCK = 1024;
    private static final double TWO_64 = 18446744073709551616.0;

    /** Value kinds for the variance reader. */
    private static final int K_INT8 = 1;
    private static final int K_INT16 = 2;
    private static final int K_INT32 = 4;
    private static final int K_INT64 = 8;
    private static final int K_FLOAT32 = 32;
    private static final int K_FLOAT64 = 64;
    private static final int K_DECIMAL = 128;

    private Aggregates()
    {
    }

    // ------------------------------------------------------------------------------------------------------ count

    /**
     * @param vector any vector.
     * @return the number of non-null rows.
     */
    public static long count(final ValueVector vector)
    {
        return count(vector, Rows.all(vector));
    }

    /**
     * @param vector any vector.
     * @param rows   the rows to consider.
     * @return the number of non-null rows among {@code rows}.
     */
    public static long count(final ValueVector vector, final Rows rows)
    {
        rows.checkWithin(vector);
        final int n = rows.count();
        if (n == 0)
        {
            return 0;
        }
        if (!(vector instanceof BaseFixedWidthVector || vector instanceof BaseVariableWidthVector ||
            vector instanceof BaseLargeVariableWidthVector))
        {
            // Nested, union and null vectors: ask the vector, which knows its own validity rules.
            long valid = 0;
            for (int i = 0; i < n; i++)
            {
                valid += vector.isNull(rows.rowAt(i)) ? 0 : 1;
            }
            return valid;
        }
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        if (validity.byteSize() == 0)
        {
            return n;
        }
        if (rows.isContiguous())
        {
            return Reductions.countValid(validity, rows.offset(), n);
        }
        final MemorySegment positions = rows.selection().segment();
        long valid = 0;
        for (int i = 0; i < n; i++)
        {
            valid += bit(validity, positions.getAtIndex(Layouts.INT_UNALIGNED, i));
        }
        return valid;
    }

    /**
     * @param vector any vector.
     * @return the number of rows, nulls included.
     */
    public static long countAll(final ValueVector vector)
    {
        return vector.getValueCount();
    }

    /**
     * @param vector any vector.
     * @param rows   the rows to consider.
     * @return the number of rows in {@code rows}, nulls included.
     */
    public static long countAll(final ValueVector vector, final Rows rows)
    {
        rows.checkWithin(vector);
        return rows.count();
    }

    // ------------------------------------------------------------------------------------------------------ integers

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @return the sum of the non-null values (int64 wraps on overflow), or empty when there are none.
     */
    public static OptionalLong sum(final BaseIntVector vector)
    {
        return sum(vector, Rows.all(vector));
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @param rows   the rows to aggregate.
     * @return the sum of the non-null values (int64 wraps on overflow), or empty when there are none.
     */
    public static OptionalLong sum(final BaseIntVector vector, final Rows rows)
    {
        return integral(vector, integralWidth(vector), rows, SUM);
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @return the exact sum of the non-null values, or empty when there are none.
     * @throws DataException when the exact sum does not fit in an int64.
     */
    public static OptionalLong sumChecked(final BaseIntVector vector)
    {
        return sumChecked(vector, Rows.all(vector));
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @param rows   the rows to aggregate.
     * @return the exact sum of the non-null values, or empty when there are none.
     * @throws DataException when the exact sum does not fit in an int64 (an intermediate overflow that comes back in
     *                       range is not an error).
     */
    public static OptionalLong sumChecked(final BaseIntVector vector, final Rows rows)
    {
        return integral(vector, integralWidth(vector), rows, SUM_CHECKED);
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @return the smallest non-null value, or empty when there is none.
     */
    public static OptionalLong min(final BaseIntVector vector)
    {
        return min(vector, Rows.all(vector));
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @param rows   the rows to aggregate.
     * @return the smallest non-null value, or empty when there is none.
     */
    public static OptionalLong min(final BaseIntVector vector, final Rows rows)
    {
        return integral(vector, integralWidth(vector), rows, MIN);
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @return the largest non-null value, or empty when there is none.
     */
    public static OptionalLong max(final BaseIntVector vector)
    {
        return max(vector, Rows.all(vector));
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @param rows   the rows to aggregate.
     * @return the largest non-null value, or empty when there is none.
     */
    public static OptionalLong max(final BaseIntVector vector, final Rows rows)
    {
        return integral(vector, integralWidth(vector), rows, MAX);
    }

    /**
     * @param vector a signed int8/16/32/64 vector.
     * @return the mean of the non-null values, or empty when there are none.
     */
    public static OptionalDouble mean(final BaseIntVector vector)
    {
        return mean(vector, Rows.all(vector));
    }

    /**
     * The mean is computed from the exact sum (no wrap-around), then divided in double.
     *
     * @param vector a signed int8/16/32/64 vector.
     * @param rows   the rows to aggregate.
     * @return the mean of the non-null values, or empty when there are none.
     */
    public static OptionalDouble mean(final BaseIntVector vector, final Rows rows)
    {
        final int width = integralWidth(vector);
        final long[] out = new long[1];
        final long valid;
        try
        {
            valid = fold(vector, width, rows, SUM_CHECKED, out);
        }
        catch (final DataException overflow)
        {
            return OptionalDouble.of(exactInt64Sum(vector, rows) / count(vector, rows));
        }
        return valid == 0 ? OptionalDouble.empty() : OptionalDouble.of((double)out[0] / valid);
    }

    // ------------------------------------------------------------------------------------------------------ temporal

    /**
     * @param vector a date32, date64, time or timestamp vector.
     * @return the smallest non-null stored value (days for date32, else the type's unit), or empty when none.
     */
    public static OptionalLong minTemporal(final FieldVector vector)
    {
        return minTemporal(vector, Rows.all(vector));
    }

    /**
     * @param vector a date32, date64, time or timestamp vector.
     * @param rows   the rows to aggregate.
     * @return the smallest non-null stored value (days for date32, else the type's unit), or empty when none.
     */
    public static OptionalLong minTemporal(final FieldVector vector, final Rows rows)
    {
        return integral(vector, temporalWidth(vector), rows, MIN);
    }

    /**
     * @param vector a date32, date64, time or timestamp vector.
     * @return the largest non-null stored value, or empty when none.
     */
    public static OptionalLong maxTemporal(final FieldVector vector)
    {
        return maxTemporal(vector, Rows.all(vector));
    }

    /**
     * @param vector a date32, date64, time or timestamp vector.
     * @param rows   the rows to aggregate.
     * @return the largest non-null stored value, or empty when none.
     */
    public static OptionalLong maxTemporal(final FieldVector vector, final Rows rows)
    {
        return integral(vector, temporalWidth(vector), rows, MAX);
    }

    // ------------------------------------------------------------------------------------------------------ floating

    /**
     * @param vector a float32 or float64 vector.
     * @return the sum of the non-null values in double, or empty when there are none.
     */
    public static OptionalDouble sum(final FloatingPointVector vector)
    {
        return sum(vector, Rows.all(vector));
    }

    /**
     * The SIMD path adds in a different order from a left-to-right loop, so results may differ in the last bits.
     *
     * @param vector a float32 or float64 vector.
     * @param rows   the rows to aggregate.
     * @return the sum of the non-null values in double, or empty when there are none.
     */
    public static OptionalDouble sum(final FloatingPointVector vector, final Rows rows)
    {
        return floating(vector, rows, SUM);
    }

    /**
     * @param vector a float32 or float64 vector.
     * @return the smallest non-null value ignoring NaN (NaN when all are NaN), or empty when there is none.
     */
    public static OptionalDouble min(final FloatingPointVector vector)
    {
        return min(vector, Rows.all(vector));
    }

    /**
     * @param vector a float32 or float64 vector.
     * @param rows   the rows to aggregate.
     * @return the smallest non-null value ignoring NaN (NaN when all are NaN; -0.0 below 0.0), or empty when none.
     */
    public static OptionalDouble min(final FloatingPointVector vector, final Rows rows)
    {
        return floating(vector, rows, MIN);
    }

    /**
     * @param vector a float32 or float64 vector.
     * @return the largest non-null value ignoring NaN (NaN when all are NaN), or empty when there is none.
     */
    public static OptionalDouble max(final FloatingPointVector vector)
    {
        return max(vector, Rows.all(vector));
    }

    /**
     * @param vector a float32 or float64 vector.
     * @param rows   the rows to aggregate.
     * @return the largest non-null value ignoring NaN (NaN when all are NaN; 0.0 above -0.0), or empty when none.
     */
    public static OptionalDouble max(final FloatingPointVector vector, final Rows rows)
    {
        return floating(vector, rows, MAX);
    }

    /**
     * @param vector a float32 or float64 vector.
     * @return the mean of the non-null values, or empty when there are none.
     */
    public static OptionalDouble mean(final FloatingPointVector vector)
    {
        return mean(vector, Rows.all(vector));
    }

    /**
     * @param vector a float32 or float64 vector.
     * @param rows   the rows to aggregate.
     * @return the sum divided by the non-null count, or empty when there are none.
     */
    public static OptionalDouble mean(final FloatingPointVector vector, final Rows rows)
    {
        final double[] out = new double[1];
        final long valid = fold(vector, floatWidth(vector), rows, SUM, out);
        return valid == 0 ? OptionalDouble.empty() : OptionalDouble.of(out[0] / valid);
    }

    // ------------------------------------------------------------------------------------------------------ decimal

    /**
     * @param vector a decimal128 vector.
     * @return the exact sum of the non-null values at the vector's scale, or empty when there are none.
     */
    public static Optional<BigDecimal> sum(final DecimalVector vector)
    {
        return sum(vector, Rows.all(vector));
    }

    /**
     * @param vector a decimal128 vector.
     * @param rows   the rows to aggregate.
     * @return the exact sum of the non-null values at the vector's scale, or empty when there are none.
     */
    public static Optional<BigDecimal> sum(final DecimalVector vector, final Rows rows)
    {
        final long[] limbs = new long[4];
        final long valid = decimalLimbs(vector, rows, limbs);
        return valid == 0 ? Optional.empty() : Optional.of(new BigDecimal(fromLimbs(limbs), vector.getScale()));
    }

    /**
     * @param vector a decimal128 vector.
     * @return the smallest non-null value, or empty when there is none.
     */
    public static Optional<BigDecimal> min(final DecimalVector vector)
    {
        return min(vector, Rows.all(vector));
    }

    /**
     * @param vector a decimal128 vector.
     * @param rows   the rows to aggregate.
     * @return the smallest non-null value, or empty when there is none.
     */
    public static Optional<BigDecimal> min(final DecimalVector vector, final Rows rows)
    {
        return decimalExtreme(vector, rows, false);
    }

    /**
     * @param vector a decimal128 vector.
     * @return the largest non-null value, or empty when there is none.
     */
    public static Optional<BigDecimal> max(final DecimalVector vector)
    {
        return max(vector, Rows.all(vector));
    }

    /**
     * @param vector a decimal128 vector.
     * @param rows   the rows to aggregate.
     * @return the largest non-null value, or empty when there is none.
     */
    public static Optional<BigDecimal> max(final DecimalVector vector, final Rows rows)
    {
        return decimalExtreme(vector, rows, true);
    }

    /**
     * @param vector a decimal128 vector.
     * @return the mean at the vector's scale, rounded half away from zero, or empty when there are no values.
     */
    public static Optional<BigDecimal> mean(final DecimalVector vector)
    {
        return mean(vector, Rows.all(vector));
    }

    /**
     * @param vector a decimal128 vector.
     * @param rows   the rows to aggregate.
     * @return the exact sum divided by the non-null count at the vector's scale, rounded half away from zero
     *     ({@link RoundingMode#HALF_UP}), or empty when there are no values.
     */
    public static Optional<BigDecimal> mean(final DecimalVector vector, final Rows rows)
    {
        final long[] limbs = new long[4];
        final long valid = decimalLimbs(vector, rows, limbs);
        if (valid == 0)
        {
            return Optional.empty();
        }
        final BigDecimal sum = new BigDecimal(fromLimbs(limbs), vector.getScale());
        return Optional.of(sum.divide(BigDecimal.valueOf(valid), vector.getScale(), RoundingMode.HALF_UP));
    }

    // ------------------------------------------------------------------------------------------------------ variance

    /**
     * Computes the mergeable partial state of a variance over the non-null rows.
     *
     * @param vector a signed int8/16/32/64, float32/64 or decimal128 vector (values taken as double).
     * @param rows   the rows to aggregate.
     * @return a new state; merge it with others for a streaming or parallel variance.
     */
    public static VarianceState varianceState(final FieldVector vector, final Rows rows)
    {
        final VarianceState state = new VarianceState();
        addTo(state, vector, rows);
        return state;
    }

    /**
     * Folds the non-null rows into an existing partial state (so a streaming operator reuses one state).
     *
     * @param state  the partial to update.
     * @param vector a signed int8/16/32/64, float32/64 or decimal128 vector.
     * @param rows   the rows to aggregate.
     */
    public static void addTo(final VarianceState state, final FieldVector vector, final Rows rows)
    {
        final int kind = numericKind(vector);
        rows.checkWithin(vector);
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        if (kind == K_FLOAT64 && rows.isContiguous())
        {
            addFloat64Contiguous(state, data, validity, rows.offset(), rows.count());
            return;
        }
        final double scale = kind == K_DECIMAL ? Math.pow(10, ((DecimalVector)vector).getScale()) : 1.0;
        final double[] block = new double[BLOCK];
        final int n = rows.count();
        for (int start = 0; start < n; start += BLOCK)
        {
            final int end = Math.min(n, start + BLOCK);
            int k = 0;
            for (int i = start; i < end; i++)
            {
                final int row = rows.rowAt(i);
                if (bit(validity, row) != 0)
                {
                    block[k++] = valueAsDouble(data, kind, row, scale);
                }
            }
            if (k == 0)
            {
                continue;
            }
            double sum = 0.0;
            for (int i = 0; i < k; i++)
            {
                sum += block[i];
            }
            final double mean = sum / k;
            double m2 = 0.0;
            for (int i = 0; i < k; i++)
            {
                final double d = block[i] - mean;
                m2 += d * d;
            }
            state.merge(k, mean, m2);
        }
    }

    /** Contiguous float64: two passes (mean, then squared deviations) over the whole range on the SIMD reductions. */
    private static void addFloat64Contiguous(final VarianceState state, final MemorySegment data,
        final MemorySegment validity, final int offset, final int n)
    {
        if (n == 0)
        {
            return;
        }
        final boolean noBitmap = validity.byteSize() == 0;
        final long valid = noBitmap ? n : Reductions.countValid(validity, offset, n);
        if (valid == 0)
        {
            return;
        }
        if (valid == n)
        {
            final double mean = Reductions.sumDouble(data, offset, n) / n;
            state.merge(n, mean, Reductions.sumSquaredDeviationsDouble(data, offset, n, mean));
        }
        else
        {
            final double mean = Reductions.sumDouble(data, offset, n, validity, offset) / valid;
            state.merge(valid, mean, Reductions.sumSquaredDeviationsDouble(data, offset, n, mean, validity, offset));
        }
    }

    /**
     * @param vector a numeric vector (see {@link #varianceState}).
     * @param rows   the rows to aggregate.
     * @return the population variance (ddof 0), or empty when there are no values.
     */
    public static OptionalDouble variancePopulation(final FieldVector vector, final Rows rows)
    {
        return varianceState(vector, rows).variance(0);
    }

    /**
     * @param vector a numeric vector (see {@link #varianceState}).
     * @param rows   the rows to aggregate.
     * @return the sample variance (ddof 1), or empty when there are fewer than 2 values.
     */
    public static OptionalDouble varianceSample(final FieldVector vector, final Rows rows)
    {
        return varianceState(vector, rows).variance(1);
    }

    /**
     * @param vector a numeric vector (see {@link #varianceState}).
     * @param rows   the rows to aggregate.
     * @return the population standard deviation, or empty when there are no values.
     */
    public static OptionalDouble stddevPopulation(final FieldVector vector, final Rows rows)
    {
        return varianceState(vector, rows).stddev(0);
    }

    /**
     * @param vector a numeric vector (see {@link #varianceState}).
     * @param rows   the rows to aggregate.
     * @return the sample standard deviation, or empty when there are fewer than 2 values.
     */
    public static OptionalDouble stddevSample(final FieldVector vector, final Rows rows)
    {
        return varianceState(vector, rows).stddev(1);
    }

    /**
     * @param vector a numeric vector.
     * @return the population variance over all rows, or empty when there are no values.
     */
    public static OptionalDouble variancePopulation(final FieldVector vector)
    {
        return variancePopulation(vector, Rows.all(vector));
    }

    /**
     * @param vector a numeric vector.
     * @return the sample variance over all rows, or empty when there are fewer than 2 values.
     */
    public static OptionalDouble varianceSample(final FieldVector vector)
    {
        return varianceSample(vector, Rows.all(vector));
    }

    /**
     * @param vector a numeric vector.
     * @return the population standard deviation over all rows, or empty when there are no values.
     */
    public static OptionalDouble stddevPopulation(final FieldVector vector)
    {
        return stddevPopulation(vector, Rows.all(vector));
    }

    /**
     * @param vector a numeric vector.
     * @return the sample standard deviation over all rows, or empty when there are fewer than 2 values.
     */
    public static OptionalDouble stddevSample(final FieldVector vector)
    {
        return stddevSample(vector, Rows.all(vector));
    }

    // ------------------------------------------------------------------------------------------------------ internals

    private static int bit(final MemorySegment validity, final int row)
    {
        if (validity.byteSize() == 0)
        {
            return 1;
        }
        return Bitmaps.bit(validity, row);
    }

    private static String typeOf(final ValueVector vector)
    {
        return vector.getField().getType().toString();
    }

    private static int integralWidth(final ValueVector vector)
    {
        if (vector instanceof BaseFixedWidthVector && vector.getField().getType() instanceof ArrowType.Int t &&
            t.getIsSigned())
        {
            return t.getBitWidth() / 8;
        }
        throw new SchemaException("column '" + vector.getName() + "' has type " + typeOf(vector) +
            "; this aggregate needs a signed int8/16/32/64");
    }

    private static int floatWidth(final ValueVector vector)
    {
        if (vector instanceof BaseFixedWidthVector && vector.getField().getType() instanceof ArrowType.FloatingPoint t)
        {
            if (t.getPrecision() == FloatingPointPrecision.SINGLE)
            {
                return 4;
            }
            if (t.getPrecision() == FloatingPointPrecision.DOUBLE)
            {
                return 8;
            }
        }
        throw new SchemaException("column '" + vector.getName() + "' has type " + typeOf(vector) +
            "; this aggregate needs float32 or float64");
    }

    private static int temporalWidth(final ValueVector vector)
    {
        if (vector instanceof BaseFixedWidthVector fixed)
        {
            switch (vector.getField().getType().getTypeID())
            {
                case Date, Time, Timestamp:
                    return fixed.getTypeWidth();
                default:
                    break;
            }
        }
        throw new SchemaException("column '" + vector.getName() + "' has type " + typeOf(vector) +
            "; minTemporal/maxTemporal need a date, time or timestamp");
    }

    private static int numericKind(final ValueVector vector)
    {
        final ArrowType type = vector.getField().getType();
        if (type instanceof ArrowType.Int)
        {
            return integralWidth(vector);
        }
        if (type instanceof ArrowType.FloatingPoint)
        {
            return floatWidth(vector) == 4 ? K_FLOAT32 : K_FLOAT64;
        }
        if (vector instanceof DecimalVector)
        {
            return K_DECIMAL;
        }
        throw new SchemaException("column '" + vector.getName() + "' has type " + typeOf(vector) +
            "; variance/stddev need a signed integer, float32/64 or decimal128");
    }

    private static double valueAsDouble(final MemorySegment data, final int kind, final int row, final double scale)
    {
        return switch (kind)
        {
            case K_INT8 -> data.get(Layouts.BYTE, row);
            case K_INT16 -> data.getAtIndex(Layouts.SHORT_UNALIGNED, row);
            case K_INT32 -> data.getAtIndex(Layouts.INT_UNALIGNED, row);
            case K_INT64 -> data.getAtIndex(Layouts.LONG_UNALIGNED, row);
            case K_FLOAT32 -> data.getAtIndex(Layouts.FLOAT_UNALIGNED, row);
            case K_FLOAT64 -> data.getAtIndex(Layouts.DOUBLE_UNALIGNED, row);
            default ->
            {
                final long lo = data.get(Layouts.LONG_UNALIGNED, row * 16L);
                final long hi = data.get(Layouts.LONG_UNALIGNED, row * 16L + 8);
                if (hi == (lo >> 63))
                {
                    // Fits in a long: convert directly, or small negatives would cancel to 0 in double.
                    yield lo / scale;
                }
                final double unsignedLo = (lo >>> 1) * 2.0 + (lo & 1);
                yield (hi * TWO_64 + unsignedLo) / scale;
            }
        };
    }

    private static long readIntegral(final MemorySegment data, final int width, final int row)
    {
        return switch (width)
        {
            case 1 -> data.get(Layouts.BYTE, row);
            case 2 -> data.getAtIndex(Layouts.SHORT_UNALIGNED, row);
            case 4 -> data.getAtIndex(Layouts.INT_UNALIGNED, row);
            default -> data.getAtIndex(Layouts.LONG_UNALIGNED, row);
        };
    }

    private static OptionalLong integral(final ValueVector vector, final int width, final Rows rows, final int op)
    {
        final long[] out = new long[1];
        return fold(vector, width, rows, op, out) == 0 ? OptionalLong.empty() : OptionalLong.of(out[0]);
    }

    private static DataException overflow(final ValueVector vector)
    {
        return new DataException("int64 sum overflows", vector.getName(), -1);
    }

    /** Folds integral values; returns the number of valid rows and leaves the result in {@code out[0]}. */
    private static long fold(final ValueVector vector, final int width, final Rows rows, final int op,
        final long[] out)
    {
        rows.checkWithin(vector);
        final int n = rows.count();
        if (n == 0)
        {
            return 0;
        }
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        if (!rows.isContiguous() || width < 4)
        {
            return foldScalar(vector, data, validity, width, rows, op, out);
        }
        final int off = rows.offset();
        final long valid = validity.byteSize() == 0 ? n : Reductions.countValid(validity, off, n);
        if (valid == 0)
        {
            return 0;
        }
        final boolean dense = valid == n;
        if (width == 8)
        {
            switch (op)
            {
                case SUM -> out[0] = dense ? Reductions.sumLong(data, off, n) :
                    Reductions.sumLong(data, off, n, validity, off);
                case SUM_CHECKED ->
                {
                    final boolean fits = dense ? Reductions.sumLongExact(data, off, n, out) :
                        Reductions.sumLongExact(data, off, n, validity, off, out);
                    if (!fits)
                    {
                        throw overflow(vector);
                    }
                }
                case MIN -> out[0] = dense ? Reductions.minLong(data, off, n) :
                    Reductions.minLong(data, off, n, validity, off);
                default -> out[0] = dense ? Reductions.maxLong(data, off, n) :
                    Reductions.maxLong(data, off, n, validity, off);
            }
        }
        else
        {
            switch (op)
            {
                case SUM, SUM_CHECKED -> out[0] = dense ? Reductions.sumInt(data, off, n) :
                    Reductions.sumInt(data, off, n, validity, off);
                case MIN -> out[0] = dense ? Reductions.minInt(data, off, n) :
                    Reductions.minInt(data, off, n, validity, off);
                default -> out[0] = dense ? Reductions.maxInt(data, off, n) :
                    Reductions.maxInt(data, off, n, validity, off);
            }
        }
        return valid;
    }

    /** Selections and int8/int16: a scalar loop over the rows. */
    private static long foldScalar(final ValueVector vector, final MemorySegment data, final MemorySegment validity,
        final int width, final Rows rows, final int op, final long[] out)
    {
        final int n = rows.count();
        long valid = 0;
        long acc = op == MIN ? Long.MAX_VALUE : op == MAX ? Long.MIN_VALUE : 0;
        long high = 0;
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            if (bit(validity, row) == 0)
            {
                continue;
            }
            valid++;
            final long x = readIntegral(data, width, row);
            switch (op)
            {
                case MIN -> acc = Math.min(acc, x);
                case MAX -> acc = Math.max(acc, x);
                default ->
                {
                    acc += x;
                    high += x >> 32;
                }
            }
        }
        if (op == SUM_CHECKED && width == 8 && valid > 0)
        {
            // Exact total = high * 2^32 + low with low = acc - (high << 32) in [0, 2^63): fits iff the top fits.
            final long low = acc - (high << 32);
            final long top = high + (low >>> 32);
            if (top < Integer.MIN_VALUE || top > Integer.MAX_VALUE)
            {
                throw overflow(vector);
            }
        }
        out[0] = acc;
        return valid;
    }

    /** The exact int64 sum as a double, via 128-bit accumulation (only used after a checked sum overflowed). */
    private static double exactInt64Sum(final ValueVector vector, final Rows rows)
    {
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        long lo = 0;
        long hi = 0;
        for (int i = 0, n = rows.count(); i < n; i++)
        {
            final int row = rows.rowAt(i);
            if (bit(validity, row) != 0)
            {
                final long x = data.getAtIndex(Layouts.LONG_UNALIGNED, row);
                final long s = lo + x;
                hi += (x >> 63) + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
                lo = s;
            }
        }
        return hi * TWO_64 + ((lo >>> 1) * 2.0 + (lo & 1));
    }

    private static OptionalDouble floating(final FloatingPointVector vector, final Rows rows, final int op)
    {
        final double[] out = new double[1];
        return fold(vector, floatWidth(vector), rows, op, out) == 0 ? OptionalDouble.empty() :
            OptionalDouble.of(out[0]);
    }

    /** Folds floating values; returns the number of valid rows and leaves the result in {@code out[0]}. */
    private static long fold(final ValueVector vector, final int width, final Rows rows, final int op,
        final double[] out)
    {
        rows.checkWithin(vector);
        final int n = rows.count();
        if (n == 0)
        {
            return 0;
        }
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        if (!rows.isContiguous())
        {
            return foldScalar(data, validity, width, rows, op, out);
        }
        final int off = rows.offset();
        final long valid = validity.byteSize() == 0 ? n : Reductions.countValid(validity, off, n);
        if (valid == 0)
        {
            return 0;
        }
        final boolean dense = valid == n;
        if (width == 8)
        {
            switch (op)
            {
                case SUM -> out[0] = dense ? Reductions.sumDouble(data, off, n) :
                    Reductions.sumDouble(data, off, n, validity, off);
                case MIN -> out[0] = dense ? Reductions.minDouble(data, off, n) :
                    Reductions.minDouble(data, off, n, validity, off);
                default -> out[0] = dense ? Reductions.maxDouble(data, off, n) :
                    Reductions.maxDouble(data, off, n, validity, off);
            }
        }
        else
        {
            switch (op)
            {
                case SUM -> out[0] = dense ? Reductions.sumFloat(data, off, n) :
                    Reductions.sumFloat(data, off, n, validity, off);
                case MIN -> out[0] = dense ? Reductions.minFloat(data, off, n) :
                    Reductions.minFloat(data, off, n, validity, off);
                default -> out[0] = dense ? Reductions.maxFloat(data, off, n) :
                    Reductions.maxFloat(data, off, n, validity, off);
            }
        }
        return valid;
    }

    /** Selections: a scalar loop with the same NaN rules as {@link Reductions}. */
    private static long foldScalar(final MemorySegment data, final MemorySegment validity, final int width,
        final Rows rows, final int op, final double[] out)
    {
        final int n = rows.count();
        long valid = 0;
        boolean anyNumber = false;
        double acc = op == MIN ? Double.POSITIVE_INFINITY : op == MAX ? Double.NEGATIVE_INFINITY : 0.0;
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            if (bit(validity, row) == 0)
            {
                continue;
            }
            valid++;
            final double x = width == 8 ? data.getAtIndex(Layouts.DOUBLE_UNALIGNED, row) :
                data.getAtIndex(Layouts.FLOAT_UNALIGNED, row);
            if (op == SUM)
            {
                acc += x;
            }
            else if (x == x)
            {
                anyNumber = true;
                acc = op == MIN ? Math.min(acc, x) : Math.max(acc, x);
            }
        }
        out[0] = op == SUM || anyNumber ? acc : Double.NaN;
        return valid;
    }

    /**
     * Sums decimal128 values as four 32-bit limb sums (each fits a long for fewer than 2^31 rows), so the total is
     * exact without per-row BigInteger work. Returns the valid count.
     */
    private static long decimalLimbs(final DecimalVector vector, final Rows rows, final long[] limbs)
    {
        rows.checkWithin(vector);
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        long l0 = 0;
        long l1 = 0;
        long l2 = 0;
        long l3 = 0;
        long valid = 0;
        for (int i = 0, n = rows.count(); i < n; i++)
        {
            final int row = rows.rowAt(i);
            if (bit(validity, row) == 0)
            {
                continue;
            }
            valid++;
            final long lo = data.get(Layouts.LONG_UNALIGNED, row * 16L);
            final long hi = data.get(Layouts.LONG_UNALIGNED, row * 16L + 8);
            l0 += lo & 0xFFFF_FFFFL;
            l1 += lo >>> 32;
            l2 += hi & 0xFFFF_FFFFL;
            l3 += hi >> 32;
        }
        limbs[0] = l0;
        limbs[1] = l1;
        limbs[2] = l2;
        limbs[3] = l3;
        return valid;
    }

    private static BigInteger fromLimbs(final long[] limbs)
    {
        return BigInteger.valueOf(limbs[3]).shiftLeft(96)
            .add(BigInteger.valueOf(limbs[2]).shiftLeft(64))
            .add(BigInteger.valueOf(limbs[1]).shiftLeft(32))
            .add(BigInteger.valueOf(limbs[0]));
    }

    private static Optional<BigDecimal> decimalExtreme(final DecimalVector vector, final Rows rows, final boolean max)
    {
        rows.checkWithin(vector);
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        int best = -1;
        long bestHi = 0;
        long bestLo = 0;
        for (int i = 0, n = rows.count(); i < n; i++)
        {
            final int row = rows.rowAt(i);
            if (bit(validity, row) == 0)
            {
                continue;
            }
            final long lo = data.get(Layouts.LONG_UNALIGNED, row * 16L);
            final long hi = data.get(Layouts.LONG_UNALIGNED, row * 16L + 8);
            final int cmp = hi != bestHi ? Long.compare(hi, bestHi) : Long.compareUnsigned(lo, bestLo);
            if (best < 0 || (max ? cmp > 0 : cmp < 0))
            {
                best = row;
                bestHi = hi;
                bestLo = lo;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(vector.getObject(best));
    }
}
