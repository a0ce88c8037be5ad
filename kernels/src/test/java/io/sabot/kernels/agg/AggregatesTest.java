package io.sabot.kernels.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.FloatingPointVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compares {@link Aggregates} with plain reference loops over Arrow's own getters, for every size in
 * {@link TestData#SIZES}, null ratios none / some / all, whole vectors, ranges with an offset, selections and sliced
 * vectors; plus edge values, decimal exactness, variance stability and typed errors.
 */
final class AggregatesTest
{
    private static final double[] NULL_RATIOS = {0.0, 0.002, 0.25, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Rows variants over a vector of n rows: all, a range with an offset, a random selection. */
    private interface RowsCheck
    {
        void check(Rows rows, int[] positions);
    }

    private static int[] rangePositions(final int offset, final int count)
    {
        final int[] p = new int[count];
        for (int i = 0; i < count; i++)
        {
            p[i] = offset + i;
        }
        return p;
    }

    /** Calls {@code check} with all rows, a range [n/3, n-1) and a random selection (with repeats, unsorted). */
    private void withRows(final int n, final long seed, final RowsCheck check)
    {
        check.check(Rows.range(0, n), rangePositions(0, n));
        final int offset = n / 3;
        final int count = Math.max(0, n - offset - 1);
        check.check(Rows.range(offset, count), rangePositions(offset, count));
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] positions = new int[n == 0 ? 0 : random.nextInt(n) + 1];
        for (int i = 0; i < positions.length; i++)
        {
            positions[i] = random.nextInt(n);
        }
        try (SelectionVector selection = SelectionVector.of(memory.allocator(), positions))
        {
            check.check(Rows.selected(selection), positions);
        }
    }

    // ------------------------------------------------------------------------------------------------ integers

    private static void checkIntegral(final BaseIntVector vector, final Rows rows, final int[] positions,
        final String at)
    {
        BigInteger exact = BigInteger.ZERO;
        long wrapped = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long valid = 0;
        for (final int row : positions)
        {
            if (vector.isNull(row))
            {
                continue;
            }
            final long x = vector.getValueAsLong(row);
            valid++;
            exact = exact.add(BigInteger.valueOf(x));
            wrapped += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        assertEquals(valid, Aggregates.count(vector, rows), at);
        assertEquals(positions.length, Aggregates.countAll(vector, rows), at);
        if (valid == 0)
        {
            assertEquals(OptionalLong.empty(), Aggregates.sum(vector, rows), at);
            assertEquals(OptionalLong.empty(), Aggregates.sumChecked(vector, rows), at);
            assertEquals(OptionalLong.empty(), Aggregates.min(vector, rows), at);
            assertEquals(OptionalLong.empty(), Aggregates.max(vector, rows), at);
            assertEquals(OptionalDouble.empty(), Aggregates.mean(vector, rows), at);
            return;
        }
        assertEquals(OptionalLong.of(wrapped), Aggregates.sum(vector, rows), at);
        assertEquals(OptionalLong.of(min), Aggregates.min(vector, rows), at);
        assertEquals(OptionalLong.of(max), Aggregates.max(vector, rows), at);
        if (exact.bitLength() < 64)
        {
            assertEquals(OptionalLong.of(wrapped), Aggregates.sumChecked(vector, rows), at);
        }
        else
        {
            final DataException e = assertThrows(DataException.class, () -> Aggregates.sumChecked(vector, rows), at);
            assertEquals(vector.getName(), e.column());
        }
        final double mean = new BigDecimal(exact).divide(BigDecimal.valueOf(valid), java.math.MathContext.DECIMAL64)
            .doubleValue();
        assertEquals(mean, Aggregates.mean(vector, rows).getAsDouble(), Math.abs(mean) * 1e-15, at);
    }

    @Test
    void integralAggregatesMatchReference()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double ratio : NULL_RATIOS)
            {
                final long seed = n * 31L + (long)(ratio * 1000);
                final List<BaseIntVector> vectors = new ArrayList<>();
                vectors.add(TestData.tinyInts(allocator, "i8", n, ratio, seed));
                vectors.add(TestData.smallInts(allocator, "i16", n, ratio, seed));
                vectors.add(TestData.ints(allocator, "i32", n, ratio, seed));
                vectors.add(TestData.bigInts(allocator, "i64", n, ratio, seed));
                for (final BaseIntVector vector : vectors)
                {
                    withRows(n, seed, (rows, positions) -> checkIntegral(vector, rows, positions,
                        vector.getName() + " n=" + n + " nulls=" + ratio + " " + rows));
                    vector.close();
                }
            }
        }
    }

    @Test
    void int64SumWrapsAndCheckedSumNamesColumn()
    {
        try (BigIntVector v = new BigIntVector("amount", memory.allocator()))
        {
            v.allocateNew(40);
            for (int i = 0; i < 40; i++)
            {
                v.set(i, Long.MAX_VALUE);
            }
            v.setValueCount(40);
            assertEquals(OptionalLong.of(Long.MAX_VALUE * 40), Aggregates.sum(v));
            final DataException e = assertThrows(DataException.class, () -> Aggregates.sumChecked(v));
            assertEquals("amount", e.column());
            assertTrue(e.getMessage().contains("amount"), e.getMessage());
            // The mean uses the exact sum, not the wrapped one.
            assertEquals((double)Long.MAX_VALUE, Aggregates.mean(v).getAsDouble(), 1e4);
            // MAX + 1 - 1 comes back in range: not an overflow.
            v.set(1, 1);
            v.set(2, -1);
            assertEquals(OptionalLong.of(Long.MAX_VALUE), Aggregates.sumChecked(v, Rows.range(0, 3)));
            try (SelectionVector s = SelectionVector.of(memory.allocator(), 0, 1, 2, 0))
            {
                assertThrows(DataException.class, () -> Aggregates.sumChecked(v, Rows.selected(s)));
                assertEquals(OptionalLong.of(Long.MAX_VALUE * 2), Aggregates.sum(v, Rows.selected(s)));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ floating

    private static double refExtreme(final List<Double> values, final boolean max)
    {
        double m = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        boolean any = false;
        for (final double x : values)
        {
            if (!Double.isNaN(x))
            {
                any = true;
                if (max ? Double.compare(x, m) > 0 : Double.compare(x, m) < 0)
                {
                    m = x;
                }
            }
        }
        return any ? m : Double.NaN;
    }

    /** Checks a floating sum against the exact sum of the values; reassociation only changes rounding. */
    private static void assertFloatingSum(final List<Double> values, final double actual, final String at)
    {
        boolean nan = false;
        boolean posInf = false;
        boolean negInf = false;
        boolean huge = false;
        // Neumaier-compensated reference: error ~ ulp(sum), far inside the tolerance below.
        double exact = 0;
        double compensation = 0;
        double abs = 0;
        for (final double x : values)
        {
            if (Double.isNaN(x))
            {
                nan = true;
            }
            else if (x == Double.POSITIVE_INFINITY)
            {
                posInf = true;
            }
            else if (x == Double.NEGATIVE_INFINITY)
            {
                negInf = true;
            }
            else
            {
                huge |= Math.abs(x) > 1e300;
                // Scaled by 2^-100 so partial sums of values near Double.MAX_VALUE cannot overflow.
                final double xs = x * 0x1p-100;
                final double t = exact + xs;
                compensation += Math.abs(exact) >= Math.abs(xs) ? (exact - t) + xs : (xs - t) + exact;
                exact = t;
                abs += Math.abs(xs);
            }
        }
        if (nan || (posInf && negInf))
        {
            assertTrue(Double.isNaN(actual), at + " expected NaN, was " + actual);
        }
        else if (posInf || negInf)
        {
            assertEquals(posInf ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, actual, at);
        }
        else if (Double.isInfinite(actual) || Double.isNaN(actual))
        {
            // Only partial sums near Double.MAX_VALUE may overflow, in an order-dependent way.
            assertTrue(huge, at + " unexpected " + actual);
        }
        else
        {
            assertEquals(exact + compensation, actual * 0x1p-100, (values.size() + 1) * Math.ulp(1.0) * abs + 0x1p-1000,
                at);
        }
    }

    private static void checkFloating(final FloatingPointVector vector, final Rows rows, final int[] positions,
        final String at)
    {
        final List<Double> values = new ArrayList<>();
        for (final int row : positions)
        {
            if (!vector.isNull(row))
            {
                values.add(vector instanceof Float4Vector f ? (double)f.get(row) : ((Float8Vector)vector).get(row));
            }
        }
        assertEquals(values.size(), Aggregates.count(vector, rows), at);
        if (values.isEmpty())
        {
            assertEquals(OptionalDouble.empty(), Aggregates.sum(vector, rows), at);
            assertEquals(OptionalDouble.empty(), Aggregates.min(vector, rows), at);
            assertEquals(OptionalDouble.empty(), Aggregates.max(vector, rows), at);
            assertEquals(OptionalDouble.empty(), Aggregates.mean(vector, rows), at);
            return;
        }
        final double sum = Aggregates.sum(vector, rows).getAsDouble();
        assertFloatingSum(values, sum, at);
        assertEquals(sum / values.size(), Aggregates.mean(vector, rows).getAsDouble(), at);
        assertEquals(refExtreme(values, false), Aggregates.min(vector, rows).getAsDouble(), at);
        assertEquals(refExtreme(values, true), Aggregates.max(vector, rows).getAsDouble(), at);
    }

    @Test
    void floatingAggregatesMatchReference()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double ratio : NULL_RATIOS)
            {
                final long seed = n * 17L + (long)(ratio * 1000);
                try (Float8Vector d = TestData.doubles(allocator, "f64", n, ratio, seed);
                    Float4Vector f = TestData.floats(allocator, "f32", n, ratio, seed))
                {
                    for (final FloatingPointVector vector : new FloatingPointVector[] {d, f})
                    {
                        withRows(n, seed, (rows, positions) -> checkFloating(vector, rows, positions,
                            vector.getName() + " n=" + n + " nulls=" + ratio + " " + rows));
                    }
                }
            }
        }
    }

    @Test
    void floatingMinMaxNanAndSignedZero()
    {
        try (Float8Vector v = new Float8Vector("x", memory.allocator()))
        {
            v.allocateNew(100);
            for (int i = 0; i < 100; i++)
            {
                v.set(i, Double.NaN);
            }
            v.setNull(7);
            v.setValueCount(100);
            assertTrue(Double.isNaN(Aggregates.min(v).getAsDouble()));
            assertTrue(Double.isNaN(Aggregates.max(v).getAsDouble()));
            v.set(50, 0.0);
            v.set(51, -0.0);
            assertEquals(-0.0, Aggregates.min(v).getAsDouble());
            assertEquals(0.0, Aggregates.max(v).getAsDouble());
            assertEquals(0.0, Aggregates.min(v, Rows.range(50, 1)).getAsDouble());
            v.setNull(51);
            assertEquals(0.0, Aggregates.min(v).getAsDouble());
            assertTrue(Double.isNaN(Aggregates.sum(v).getAsDouble()));
        }
    }

    // ------------------------------------------------------------------------------------------------ decimal

    @Test
    void decimalAggregatesAreExact()
    {
        final BufferAllocator allocator = memory.allocator();
        final BigDecimal maxValue = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE), 2);
        for (final int n : TestData.SIZES)
        {
            for (final double ratio : NULL_RATIOS)
            {
                final SplittableRandom random = new SplittableRandom(n + (long)(ratio * 100));
                try (DecimalVector v = new DecimalVector("price", allocator, 38, 2))
                {
                    v.allocateNew(n);
                    for (int i = 0; i < n; i++)
                    {
                        if (ratio > 0 && random.nextDouble() < ratio)
                        {
                            v.setNull(i);
                            continue;
                        }
                        final int pick = random.nextInt(20);
                        final BigDecimal value = pick == 0 ? maxValue : pick == 1 ? maxValue.negate() :
                            BigDecimal.valueOf(random.nextLong(-1_000_000, 1_000_000), 2);
                        v.set(i, value);
                    }
                    v.setValueCount(n);
                    withRows(n, n, (rows, positions) ->
                    {
                        final String at = "n=" + n + " nulls=" + ratio + " " + rows;
                        BigDecimal sum = BigDecimal.ZERO.setScale(2);
                        BigDecimal min = null;
                        BigDecimal max = null;
                        long valid = 0;
                        for (final int row : positions)
                        {
                            if (v.isNull(row))
                            {
                                continue;
                            }
                            final BigDecimal x = v.getObject(row);
                            valid++;
                            sum = sum.add(x);
                            min = min == null || x.compareTo(min) < 0 ? x : min;
                            max = max == null || x.compareTo(max) > 0 ? x : max;
                        }
                        if (valid == 0)
                        {
                            assertEquals(Optional.empty(), Aggregates.sum(v, rows), at);
                            assertEquals(Optional.empty(), Aggregates.min(v, rows), at);
                            assertEquals(Optional.empty(), Aggregates.mean(v, rows), at);
                            return;
                        }
                        assertEquals(Optional.of(sum), Aggregates.sum(v, rows), at);
                        assertEquals(Optional.of(min), Aggregates.min(v, rows), at);
                        assertEquals(Optional.of(max), Aggregates.max(v, rows), at);
                        assertEquals(Optional.of(sum.divide(BigDecimal.valueOf(valid), 2, RoundingMode.HALF_UP)),
                            Aggregates.mean(v, rows), at);
                    });
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ temporal

    @Test
    void temporalMinMax()
    {
        final BufferAllocator allocator = memory.allocator();
        try (DateDayVector days = new DateDayVector("d", allocator);
            DateMilliVector millis = new DateMilliVector("dm", allocator);
            TimeStampMicroVector micros = new TimeStampMicroVector("ts", allocator))
        {
            final int n = 300;
            days.allocateNew(n);
            millis.allocateNew(n);
            micros.allocateNew(n);
            final SplittableRandom random = new SplittableRandom(9);
            long minDay = Long.MAX_VALUE;
            long maxMicros = Long.MIN_VALUE;
            for (int i = 0; i < n; i++)
            {
                if (i % 7 == 0)
                {
                    days.setNull(i);
                    millis.setNull(i);
                    micros.setNull(i);
                    continue;
                }
                final int day = random.nextInt(-20_000, 40_000);
                days.set(i, day);
                millis.set(i, day * 86_400_000L);
                micros.set(i, day * 86_400_000_000L + i);
                minDay = Math.min(minDay, day);
                maxMicros = Math.max(maxMicros, day * 86_400_000_000L + i);
            }
            days.setValueCount(n);
            millis.setValueCount(n);
            micros.setValueCount(n);
            assertEquals(OptionalLong.of(minDay), Aggregates.minTemporal(days));
            assertEquals(OptionalLong.of(minDay * 86_400_000L), Aggregates.minTemporal(millis));
            assertEquals(OptionalLong.of(maxMicros), Aggregates.maxTemporal(micros));
            assertEquals(OptionalLong.empty(), Aggregates.maxTemporal(days, Rows.range(0, 1)));
            assertEquals(OptionalLong.of(days.get(1)), Aggregates.maxTemporal(days, Rows.range(0, 2)));
        }
    }

    // ------------------------------------------------------------------------------------------------ variance

    private static double[] refVariance(final List<Double> values)
    {
        final int n = values.size();
        double sum = 0;
        for (final double x : values)
        {
            sum += x;
        }
        final double mean = sum / n;
        double m2 = 0;
        for (final double x : values)
        {
            m2 += (x - mean) * (x - mean);
        }
        return new double[] {m2 / n, n > 1 ? m2 / (n - 1) : Double.NaN};
    }

    @Test
    void varianceMatchesTwoPassReference()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double ratio : NULL_RATIOS)
            {
                final SplittableRandom random = new SplittableRandom(n * 7L + (long)(ratio * 10));
                try (Float8Vector d = new Float8Vector("v", allocator);
                    IntVector ints = TestData.ints(allocator, "i", n, ratio, n))
                {
                    d.allocateNew(n);
                    for (int i = 0; i < n; i++)
                    {
                        if (ratio > 0 && random.nextDouble() < ratio)
                        {
                            d.setNull(i);
                        }
                        else
                        {
                            d.set(i, 1e6 + random.nextGaussian() * 3);
                        }
                    }
                    d.setValueCount(n);
                    for (final FieldVector vector : new FieldVector[] {d, ints})
                    {
                        withRows(n, n, (rows, positions) ->
                        {
                            final String at = vector.getName() + " n=" + n + " nulls=" + ratio + " " + rows;
                            final List<Double> values = new ArrayList<>();
                            for (final int row : positions)
                            {
                                if (!vector.isNull(row))
                                {
                                    values.add(((Number)vector.getObject(row)).doubleValue());
                                }
                            }
                            if (values.isEmpty())
                            {
                                assertEquals(OptionalDouble.empty(), Aggregates.variancePopulation(vector, rows), at);
                                assertEquals(OptionalDouble.empty(), Aggregates.stddevSample(vector, rows), at);
                                return;
                            }
                            final double[] ref = refVariance(values);
                            final double tolerance = Math.max(1e-9 * ref[0], 1e-12);
                            assertEquals(ref[0], Aggregates.variancePopulation(vector, rows).getAsDouble(),
                                tolerance, at);
                            assertEquals(Math.sqrt(ref[0]), Aggregates.stddevPopulation(vector, rows).getAsDouble(),
                                Math.max(1e-9 * Math.sqrt(ref[0]), 1e-9), at);
                            if (values.size() < 2)
                            {
                                assertEquals(OptionalDouble.empty(), Aggregates.varianceSample(vector, rows), at);
                                assertEquals(OptionalDouble.empty(), Aggregates.stddevSample(vector, rows), at);
                            }
                            else
                            {
                                assertEquals(ref[1], Aggregates.varianceSample(vector, rows).getAsDouble(),
                                    Math.max(1e-9 * ref[1], 1e-12), at);
                            }
                        });
                    }
                }
            }
        }
    }

    @Test
    void varianceIsStableForLargeOffsetsAndMerges()
    {
        try (Float8Vector v = new Float8Vector("v", memory.allocator());
            DecimalVector dec = new DecimalVector("dec", memory.allocator(), 20, 3))
        {
            final int n = 4000;
            v.allocateNew(n);
            dec.allocateNew(n);
            final double[] deltas = {4, 7, 13, 16};
            for (int i = 0; i < n; i++)
            {
                v.set(i, 1e9 + deltas[i % 4]);
                dec.set(i, BigDecimal.valueOf(-1_000_000_000_000L - (long)deltas[i % 4] * 1000, 3));
            }
            v.setValueCount(n);
            dec.setValueCount(n);
            // Naive E[x^2] - E[x]^2 loses everything here; the two-pass blocks must give exactly 22.5.
            assertEquals(22.5, Aggregates.variancePopulation(v).getAsDouble(), 1e-6);
            assertEquals(22.5 * n / (n - 1), Aggregates.varianceSample(v).getAsDouble(), 1e-6);
            assertEquals(22.5, Aggregates.variancePopulation(dec).getAsDouble(), 1e-6);

            final VarianceState whole = Aggregates.varianceState(v, Rows.all(v));
            final VarianceState merged = Aggregates.varianceState(v, Rows.range(0, 1234));
            merged.merge(Aggregates.varianceState(v, Rows.range(1234, n - 1234)));
            assertEquals(whole.count(), merged.count());
            assertEquals(whole.mean(), merged.mean(), 1e-6);
            assertEquals(whole.variance(0).getAsDouble(), merged.variance(0).getAsDouble(), 1e-6);

            final VarianceState welford = new VarianceState();
            for (int i = 0; i < n; i++)
            {
                welford.add(v.get(i));
            }
            assertEquals(22.5, welford.variance(0).getAsDouble(), 1e-6);
            final VarianceState copy = VarianceState.of(whole.count(), whole.mean(), whole.m2());
            assertEquals(whole.stddev(1), copy.stddev(1));

            assertEquals(OptionalDouble.of(0.0), Aggregates.variancePopulation(v, Rows.range(5, 1)));
            assertEquals(OptionalDouble.empty(), Aggregates.varianceSample(v, Rows.range(5, 1)));
            assertEquals(OptionalDouble.empty(), Aggregates.variancePopulation(v, Rows.range(5, 0)));
            v.set(3, Double.NaN);
            assertTrue(Double.isNaN(Aggregates.variancePopulation(v).getAsDouble()));
        }
    }

    // ------------------------------------------------------------------------------------------------ slices

    @Test
    void slicedVectorsAggregateTheirOwnRows()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector longs = TestData.bigInts(allocator, "l", 1000, 0.1, 1);
            Float8Vector doubles = TestData.doubles(allocator, "d", 1000, 0.1, 2))
        {
            for (final int start : new int[] {0, 3, 8, 67})
            {
                final int length = 700;
                final TransferPair lp = longs.getTransferPair(allocator);
                lp.splitAndTransfer(start, length);
                final TransferPair dp = doubles.getTransferPair(allocator);
                dp.splitAndTransfer(start, length);
                try (BigIntVector ls = (BigIntVector)lp.getTo(); Float8Vector ds = (Float8Vector)dp.getTo())
                {
                    final String at = "slice at " + start;
                    checkIntegral(ls, Rows.all(ls), rangePositions(0, length), at);
                    checkFloating(ds, Rows.all(ds), rangePositions(0, length), at);
                    assertEquals(Aggregates.sum(longs, Rows.range(start, length)), Aggregates.sum(ls), at);
                    assertEquals(Aggregates.min(doubles, Rows.range(start, length)), Aggregates.min(ds), at);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void badInputRaisesTypedErrors()
    {
        final BufferAllocator allocator = memory.allocator();
        try (UInt4Vector unsigned = new UInt4Vector("u", allocator);
            IntVector ints = TestData.ints(allocator, "qty", 10, 0, 1);
            VarCharVector text = TestData.strings(allocator, "name", 10, 5, 0.3, 1))
        {
            unsigned.allocateNew(1);
            unsigned.setValueCount(1);
            final SchemaException type = assertThrows(SchemaException.class, () -> Aggregates.sum(unsigned));
            assertTrue(type.getMessage().contains("'u'"), type.getMessage());
            assertThrows(SchemaException.class, () -> Aggregates.minTemporal(ints));
            final SchemaException variance = assertThrows(SchemaException.class,
                () -> Aggregates.variancePopulation(text));
            assertTrue(variance.getMessage().contains("'name'"), variance.getMessage());
            final SchemaException range = assertThrows(SchemaException.class,
                () -> Aggregates.sum(ints, Rows.range(5, 6)));
            assertTrue(range.getMessage().contains("qty"), range.getMessage());
            try (SelectionVector s = SelectionVector.of(allocator, 1, 10))
            {
                assertThrows(SchemaException.class, () -> Aggregates.max(ints, Rows.selected(s)));
                assertThrows(SchemaException.class, () -> Aggregates.count(ints, Rows.selected(s)));
            }
            // count works on any vector type.
            long nonNull = 0;
            for (int i = 0; i < 10; i++)
            {
                nonNull += text.isNull(i) ? 0 : 1;
            }
            assertEquals(nonNull, Aggregates.count(text));
            assertEquals(10, Aggregates.countAll(text));
            assertFalse(Aggregates.sum(ints).isEmpty());
        }
    }

    @Test
    void countOnNestedVectorsAsksTheVector()
    {
        try (org.apache.arrow.vector.complex.ListVector list =
            org.apache.arrow.vector.complex.ListVector.empty("list", memory.allocator()))
        {
            list.allocateNew();
            list.startNewValue(0);
            list.endValue(0, 0);
            list.setNull(1);
            list.startNewValue(2);
            list.endValue(2, 0);
            list.setValueCount(3);
            assertEquals(2, Aggregates.count(list));
            assertEquals(1, Aggregates.count((ValueVector)list, Rows.range(1, 2)));
        }
    }
}
