package io.sabot.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link VectorReductions} and {@link ScalarReductions} with plain reference loops written here, over sizes
 * around lane counts, element and bit offsets, and null patterns from none to all (including long all-valid runs and
 * mixed words).
 */
final class ReductionsTest
{
    private static final int[] SIZES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
        1000, 1023, 4099, 65_537};
    private static final int[] OFFSETS = {0, 7};
    private static final long[] BIT_OFFSETS = {0, 69};
    private static final double[] NULL_RATIOS = {0.0, 0.003, 0.3, 1.0};
    private static final int PAD = 16;

    private Arena arena;

    @BeforeEach
    void open()
    {
        arena = Arena.ofConfined();
    }

    @AfterEach
    void close()
    {
        arena.close();
    }

    private interface Case
    {
        void run(MemorySegment data, int offset, int count, MemorySegment validity, long bitOffset, boolean[] valid);
    }

    private static long nextLong(final SplittableRandom r)
    {
        return switch (r.nextInt(30))
        {
            case 0 -> Long.MAX_VALUE;
            case 1 -> Long.MIN_VALUE;
            case 2 -> r.nextLong();
            default -> r.nextLong(-1000, 1000);
        };
    }

    /** Walks every size, offset, bit offset and null ratio, filling {@code data} with {@code width}-byte values. */
    private void forEachCase(final int width, final long seed, final java.util.function.BiConsumer<MemorySegment,
        SplittableRandom> fill, final Case test)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (final int size : SIZES)
        {
            for (final int offset : OFFSETS)
            {
                final MemorySegment data = arena.allocate((long)(offset + size) * width + PAD, 1).asSlice(0,
                    (long)(offset + size) * width);
                fill.accept(data, random);
                for (final long bitOffset : BIT_OFFSETS)
                {
                    for (final double ratio : NULL_RATIOS)
                    {
                        final boolean[] valid = new boolean[size];
                        final MemorySegment validity = arena.allocate((bitOffset + size + 7) / 8 + 1, 1)
                            .asSlice(0, (bitOffset + size + 7) / 8);
                        for (int i = 0; i < size; i++)
                        {
                            valid[i] = !(ratio > 0 && random.nextDouble() < ratio);
                            if (valid[i])
                            {
                                final long bit = bitOffset + i;
                                final byte b = validity.get(Layouts.BYTE, bit >>> 3);
                                validity.set(Layouts.BYTE, bit >>> 3, (byte)(b | (1 << (bit & 7))));
                            }
                        }
                        test.run(data, offset, size, validity, bitOffset, valid);
                    }
                }
            }
        }
    }

    @Test
    void countValidIsPopcount()
    {
        forEachCase(8, 1, (d, r) -> { }, (data, offset, count, validity, bitOffset, valid) ->
        {
            long expected = 0;
            for (final boolean v : valid)
            {
                expected += v ? 1 : 0;
            }
            assertEquals(expected, Reductions.countValid(validity, bitOffset, count));
        });
    }

    @Test
    void int64SumMinMaxMatchReference()
    {
        forEachCase(8, 2, (d, r) ->
        {
            for (long i = 0; i < d.byteSize() / 8; i++)
            {
                d.setAtIndex(Layouts.LONG_UNALIGNED, i, nextLong(r));
            }
        }, (data, offset, count, validity, bitOffset, valid) ->
        {
            long sum = 0;
            long sumValid = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long minValid = Long.MAX_VALUE;
            long maxValid = Long.MIN_VALUE;
            java.math.BigInteger exact = java.math.BigInteger.ZERO;
            java.math.BigInteger exactValid = java.math.BigInteger.ZERO;
            for (int i = 0; i < count; i++)
            {
                final long x = data.getAtIndex(Layouts.LONG_UNALIGNED, offset + i);
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                exact = exact.add(java.math.BigInteger.valueOf(x));
                if (valid[i])
                {
                    sumValid += x;
                    minValid = Math.min(minValid, x);
                    maxValid = Math.max(maxValid, x);
                    exactValid = exactValid.add(java.math.BigInteger.valueOf(x));
                }
            }
            final String at = "count=" + count + " offset=" + offset + " bitOffset=" + bitOffset;
            assertEquals(sum, VectorReductions.sumLong(data, offset, count), at);
            assertEquals(sum, ScalarReductions.sumLong(data, offset, count), at);
            assertEquals(sumValid, VectorReductions.sumLong(data, offset, count, validity, bitOffset), at);
            assertEquals(sumValid, ScalarReductions.sumLong(data, offset, count, validity, bitOffset), at);
            assertEquals(min, VectorReductions.minLong(data, offset, count), at);
            assertEquals(min, ScalarReductions.minLong(data, offset, count), at);
            assertEquals(max, VectorReductions.maxLong(data, offset, count), at);
            assertEquals(max, ScalarReductions.maxLong(data, offset, count), at);
            assertEquals(minValid, VectorReductions.minLong(data, offset, count, validity, bitOffset), at);
            assertEquals(minValid, ScalarReductions.minLong(data, offset, count, validity, bitOffset), at);
            assertEquals(maxValid, VectorReductions.maxLong(data, offset, count, validity, bitOffset), at);
            assertEquals(maxValid, ScalarReductions.maxLong(data, offset, count, validity, bitOffset), at);

            final long[] out = new long[1];
            final boolean fits = exact.bitLength() < 64;
            assertEquals(fits, VectorReductions.sumLongExact(data, offset, count, out), at);
            assertEquals(sum, out[0], at);
            assertEquals(fits, ScalarReductions.sumLongExact(data, offset, count, out), at);
            assertEquals(sum, out[0], at);
            final boolean fitsValid = exactValid.bitLength() < 64;
            assertEquals(fitsValid, VectorReductions.sumLongExact(data, offset, count, validity, bitOffset, out), at);
            assertEquals(sumValid, out[0], at);
            assertEquals(fitsValid, ScalarReductions.sumLongExact(data, offset, count, validity, bitOffset, out), at);
            assertEquals(sumValid, out[0], at);
        });
    }

    @Test
    void int32SumMinMaxMatchReference()
    {
        forEachCase(4, 3, (d, r) ->
        {
            for (long i = 0; i < d.byteSize() / 4; i++)
            {
                d.setAtIndex(Layouts.INT_UNALIGNED, i, (int)nextLong(r));
            }
        }, (data, offset, count, validity, bitOffset, valid) ->
        {
            long sum = 0;
            long sumValid = 0;
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            int minValid = Integer.MAX_VALUE;
            int maxValid = Integer.MIN_VALUE;
            for (int i = 0; i < count; i++)
            {
                final int x = data.getAtIndex(Layouts.INT_UNALIGNED, offset + i);
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
                if (valid[i])
                {
                    sumValid += x;
                    minValid = Math.min(minValid, x);
                    maxValid = Math.max(maxValid, x);
                }
            }
            final String at = "count=" + count + " offset=" + offset + " bitOffset=" + bitOffset;
            assertEquals(sum, VectorReductions.sumInt(data, offset, count), at);
            assertEquals(sum, ScalarReductions.sumInt(data, offset, count), at);
            assertEquals(sumValid, VectorReductions.sumInt(data, offset, count, validity, bitOffset), at);
            assertEquals(sumValid, ScalarReductions.sumInt(data, offset, count, validity, bitOffset), at);
            assertEquals(min, VectorReductions.minInt(data, offset, count), at);
            assertEquals(min, ScalarReductions.minInt(data, offset, count), at);
            assertEquals(max, VectorReductions.maxInt(data, offset, count), at);
            assertEquals(max, ScalarReductions.maxInt(data, offset, count), at);
            assertEquals(minValid, VectorReductions.minInt(data, offset, count, validity, bitOffset), at);
            assertEquals(minValid, ScalarReductions.minInt(data, offset, count, validity, bitOffset), at);
            assertEquals(maxValid, VectorReductions.maxInt(data, offset, count, validity, bitOffset), at);
            assertEquals(maxValid, ScalarReductions.maxInt(data, offset, count, validity, bitOffset), at);
        });
    }

    private static final double[] SPECIALS = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY};

    /** Finite values mostly; specials often enough that NaN/+-0/+-Inf edges are hit by min/max. */
    private static double nextDouble(final SplittableRandom r, final boolean specials)
    {
        if (specials && r.nextInt(12) == 0)
        {
            return SPECIALS[r.nextInt(SPECIALS.length)];
        }
        return (r.nextDouble() - 0.5) * 2000.0;
    }

    /** Reference min ignoring NaN with Double.compare order; NaN when all considered values are NaN. */
    private static double refMin(final double[] xs, final boolean max)
    {
        double m = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        boolean any = false;
        for (final double x : xs)
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
        return any || xs.length == 0 ? m : Double.NaN;
    }

    private static void assertSum(final double expected, final double actual, final double absSum, final int n,
        final String at)
    {
        if (Double.isNaN(expected) || Double.isInfinite(expected))
        {
            assertEquals(expected, actual, at);
            return;
        }
        // Reassociation error bound: about n * ulp(1) * sum(|x|).
        assertEquals(expected, actual, (n + 1) * Math.ulp(1.0) * absSum + 1e-300, at);
    }

    private void floatingCase(final boolean specials, final long seed)
    {
        forEachCase(8, seed, (d, r) ->
        {
            for (long i = 0; i < d.byteSize() / 8; i++)
            {
                d.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, nextDouble(r, specials));
            }
        }, (data, offset, count, validity, bitOffset, valid) ->
        {
            final double[] all = new double[count];
            int nValid = 0;
            for (int i = 0; i < count; i++)
            {
                all[i] = data.getAtIndex(Layouts.DOUBLE_UNALIGNED, offset + i);
                nValid += valid[i] ? 1 : 0;
            }
            final double[] some = new double[nValid];
            double sum = 0;
            double abs = 0;
            double sumValid = 0;
            double absValid = 0;
            for (int i = 0, k = 0; i < count; i++)
            {
                sum += all[i];
                abs += Math.abs(all[i]);
                if (valid[i])
                {
                    some[k++] = all[i];
                    sumValid += all[i];
                    absValid += Math.abs(all[i]);
                }
            }
            final String at = "count=" + count + " offset=" + offset + " bitOffset=" + bitOffset;
            assertEquals(sum, ScalarReductions.sumDouble(data, offset, count), at);
            assertSum(sum, VectorReductions.sumDouble(data, offset, count), abs, count, at);
            assertEquals(sumValid, ScalarReductions.sumDouble(data, offset, count, validity, bitOffset), at);
            assertSum(sumValid, VectorReductions.sumDouble(data, offset, count, validity, bitOffset), absValid, count,
                at);
            final double mean = 3.5;
            double sq = 0;
            double sqValid = 0;
            for (int i = 0; i < count; i++)
            {
                final double d = all[i] - mean;
                sq += d * d;
                sqValid += valid[i] ? d * d : 0.0;
            }
            assertEquals(sq, ScalarReductions.sumSquaredDeviationsDouble(data, offset, count, mean), at);
            assertSum(sq, VectorReductions.sumSquaredDeviationsDouble(data, offset, count, mean), sq, count, at);
            assertEquals(sqValid, ScalarReductions.sumSquaredDeviationsDouble(data, offset, count, mean, validity,
                bitOffset), at);
            assertSum(sqValid, VectorReductions.sumSquaredDeviationsDouble(data, offset, count, mean, validity,
                bitOffset), sqValid, count, at);
            for (final boolean max : new boolean[] {false, true})
            {
                final double e = refMin(all, max);
                final double ev = refMin(some, max);
                assertEquals(e, max ? VectorReductions.maxDouble(data, offset, count) :
                    VectorReductions.minDouble(data, offset, count), at);
                assertEquals(e, max ? ScalarReductions.maxDouble(data, offset, count) :
                    ScalarReductions.minDouble(data, offset, count), at);
                assertEquals(ev, max ? VectorReductions.maxDouble(data, offset, count, validity, bitOffset) :
                    VectorReductions.minDouble(data, offset, count, validity, bitOffset), at);
                assertEquals(ev, max ? ScalarReductions.maxDouble(data, offset, count, validity, bitOffset) :
                    ScalarReductions.minDouble(data, offset, count, validity, bitOffset), at);
            }
        });
    }

    @Test
    void float64MatchesReferenceWithinTolerance()
    {
        floatingCase(false, 4);
    }

    @Test
    void float64SpecialsFollowNanAndZeroRules()
    {
        floatingCase(true, 5);
    }

    private void float32Case(final boolean specials, final long seed)
    {
        forEachCase(4, seed, (d, r) ->
        {
            for (long i = 0; i < d.byteSize() / 4; i++)
            {
                d.setAtIndex(Layouts.FLOAT_UNALIGNED, i, (float)nextDouble(r, specials));
            }
        }, (data, offset, count, validity, bitOffset, valid) ->
        {
            final double[] all = new double[count];
            int nValid = 0;
            for (int i = 0; i < count; i++)
            {
                all[i] = data.getAtIndex(Layouts.FLOAT_UNALIGNED, offset + i);
                nValid += valid[i] ? 1 : 0;
            }
            final double[] some = new double[nValid];
            double sum = 0;
            double abs = 0;
            double sumValid = 0;
            double absValid = 0;
            for (int i = 0, k = 0; i < count; i++)
            {
                sum += all[i];
                abs += Math.abs(all[i]);
                if (valid[i])
                {
                    some[k++] = all[i];
                    sumValid += all[i];
                    absValid += Math.abs(all[i]);
                }
            }
            final String at = "count=" + count + " offset=" + offset + " bitOffset=" + bitOffset;
            assertEquals(sum, ScalarReductions.sumFloat(data, offset, count), at);
            assertSum(sum, VectorReductions.sumFloat(data, offset, count), abs, count, at);
            assertEquals(sumValid, ScalarReductions.sumFloat(data, offset, count, validity, bitOffset), at);
            assertSum(sumValid, VectorReductions.sumFloat(data, offset, count, validity, bitOffset), absValid, count,
                at);
            for (final boolean max : new boolean[] {false, true})
            {
                final float e = (float)refMin(all, max);
                final float ev = (float)refMin(some, max);
                assertEquals(e, max ? VectorReductions.maxFloat(data, offset, count) :
                    VectorReductions.minFloat(data, offset, count), at);
                assertEquals(e, max ? ScalarReductions.maxFloat(data, offset, count) :
                    ScalarReductions.minFloat(data, offset, count), at);
                assertEquals(ev, max ? VectorReductions.maxFloat(data, offset, count, validity, bitOffset) :
                    VectorReductions.minFloat(data, offset, count, validity, bitOffset), at);
                assertEquals(ev, max ? ScalarReductions.maxFloat(data, offset, count, validity, bitOffset) :
                    ScalarReductions.minFloat(data, offset, count, validity, bitOffset), at);
            }
        });
    }

    @Test
    void float32MatchesReferenceWithinTolerance()
    {
        float32Case(false, 6);
    }

    @Test
    void float32SpecialsFollowNanAndZeroRules()
    {
        float32Case(true, 7);
    }

    private MemorySegment doubles(final double... xs)
    {
        final MemorySegment s = arena.allocate(xs.length * 8L + 8, 8).asSlice(0, xs.length * 8L);
        for (int i = 0; i < xs.length; i++)
        {
            s.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, xs[i]);
        }
        return s;
    }

    private MemorySegment longs(final int n, final long value)
    {
        final MemorySegment s = arena.allocate(n * 8L, 8);
        for (int i = 0; i < n; i++)
        {
            s.setAtIndex(Layouts.LONG_UNALIGNED, i, value);
        }
        return s;
    }

    @Test
    void floatingEdgeCases()
    {
        final double nan = Double.NaN;
        final double inf = Double.POSITIVE_INFINITY;
        for (final int n : new int[] {1, 5, 17, 70})
        {
            final double[] allNan = new double[n];
            java.util.Arrays.fill(allNan, nan);
            final MemorySegment s = doubles(allNan);
            assertTrue(Double.isNaN(VectorReductions.minDouble(s, 0, n)));
            assertTrue(Double.isNaN(VectorReductions.maxDouble(s, 0, n)));
            assertTrue(Double.isNaN(VectorReductions.sumDouble(s, 0, n)));
            final double[] zeros = new double[n];
            zeros[n / 2] = -0.0;
            final MemorySegment z = doubles(zeros);
            assertEquals(-0.0, VectorReductions.minDouble(z, 0, n));
            assertEquals(n == 1 ? -0.0 : 0.0, VectorReductions.maxDouble(z, 0, n));
            final double[] infs = new double[n];
            java.util.Arrays.fill(infs, nan);
            infs[n - 1] = inf;
            final MemorySegment i = doubles(infs);
            assertEquals(inf, VectorReductions.minDouble(i, 0, n));
            assertEquals(inf, ScalarReductions.minDouble(i, 0, n));
        }
        assertTrue(Double.isNaN(VectorReductions.sumDouble(doubles(inf, 1, -inf, 2, 3, 4, 5, 6, 7), 0, 9)));
        assertEquals(inf, VectorReductions.sumDouble(doubles(inf, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17), 0, 18));
        assertEquals(Double.POSITIVE_INFINITY, VectorReductions.minDouble(doubles(), 0, 0));
        assertEquals(Double.NEGATIVE_INFINITY, ScalarReductions.maxDouble(doubles(), 0, 0));
    }

    @Test
    void exactSumDetectsOverflowIndependentOfOrder()
    {
        final long[] out = new long[1];
        final MemorySegment max = longs(100, Long.MAX_VALUE);
        assertTrue(VectorReductions.sumLongExact(max, 0, 1, out));
        assertEquals(Long.MAX_VALUE, out[0]);
        assertFalse(VectorReductions.sumLongExact(max, 0, 2, out));
        assertFalse(ScalarReductions.sumLongExact(max, 0, 100, out));
        assertEquals(Long.MAX_VALUE * 100, out[0]);
        // MAX + 1 - 1: an intermediate overflow that comes back is not an overflow.
        final MemorySegment back = longs(3, 1);
        back.setAtIndex(Layouts.LONG_UNALIGNED, 0, Long.MAX_VALUE);
        back.setAtIndex(Layouts.LONG_UNALIGNED, 2, -1);
        assertTrue(VectorReductions.sumLongExact(back, 0, 3, out));
        assertEquals(Long.MAX_VALUE, out[0]);
        assertTrue(ScalarReductions.sumLongExact(back, 0, 3, out));
        // Exactly MIN_VALUE fits; one below does not.
        final MemorySegment min = longs(2, Long.MIN_VALUE / 2);
        assertTrue(VectorReductions.sumLongExact(min, 0, 2, out));
        assertEquals(Long.MIN_VALUE, out[0]);
        final MemorySegment below = longs(3, Long.MIN_VALUE / 2);
        below.setAtIndex(Layouts.LONG_UNALIGNED, 2, -1);
        assertFalse(VectorReductions.sumLongExact(below, 0, 3, out));
        assertFalse(ScalarReductions.sumLongExact(below, 0, 3, out));
    }

    @Test
    void boundsAreCheckedBySegment()
    {
        final MemorySegment s = longs(10, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> VectorReductions.sumLong(s, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> ScalarReductions.sumLong(s, 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> VectorReductions.sumLong(s, 0, 40));
    }

    @Test
    void facadeDispatchesToAnImplementation()
    {
        final MemorySegment s = longs(100, 3);
        assertEquals(300, Reductions.sumLong(s, 0, 100));
        assertEquals(3, Reductions.minLong(s, 0, 100));
        final long[] out = new long[1];
        assertTrue(Reductions.sumLongExact(s, 0, 100, out));
        assertEquals(300, out[0]);
    }
}
