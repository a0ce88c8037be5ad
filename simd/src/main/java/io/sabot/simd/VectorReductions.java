package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API reductions; semantics on {@link Reductions}, scalar twin {@link ScalarReductions}.
 *
 * <p>Shape of every plain loop: four accumulators over an unmasked main loop of {@code 4 * lanes} elements, a
 * one-vector tail, then a scalar tail. Null-aware forms walk the validity bitmap 64 rows per word: a run of all-valid
 * words goes to the plain loop in one call, all-null words are skipped, and mixed words are summed by ANDing each
 * 4-lane vector with a lane mask looked up by the word's nibble (min/max of mixed words use the scalar twin on those
 * 64 rows). Shapes are fixed at 256 bits (128-bit loads widened to 256 for int32 and float32 sums), which is what
 * {@link SimdConfig} requires before it enables this path.
 *
 * <p>Floating sums reassociate (four accumulators times four lanes, then a tree), so they differ from the scalar twin
 * by rounding only. Thread-safety: stateless. Buffer ownership: segments are only read, never retained.
 */
public final class VectorReductions
{
    private static final VectorSpecies<Long> L = LongVector.SPECIES_256;
    private static final VectorSpecies<Long> L_WIDE = LongVector.SPECIES_512;

    /**
     * True where 512-bit vectors are native (AVX-512). There the plain int64 sum runs 512-bit lanes: over 100M
     * rows on a Sapphire Rapids host the int64 sum went from 0.95x to 1.06x gcc -O3 -march=native. On AVX2 hosts
     * 512-bit species are emulated, so the 256-bit loops stay.
     */
    static final boolean WIDE = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final long WIDE_MIN_ROWS = 64;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I128 = IntVector.SPECIES_128;
    private static final VectorSpecies<Float> F128 = FloatVector.SPECIES_128;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** 4 longs per 64-bit lane vector: bytes per vector. */
    private static final long LB = 32;
    /** Lane masks for a 4-row nibble: entry {@code 4 * k + j} is -1 when bit j of k is set, else 0. */
    private static final long[] NIBBLE_MASKS = new long[64];

    static
    {
        for (int k = 0; k < 16; k++)
        {
            for (int j = 0; j < 4; j++)
            {
                NIBBLE_MASKS[4 * k + j] = ((k >>> j) & 1) != 0 ? -1L : 0L;
            }
        }
    }

    private VectorReductions()
    {
    }

    private static LongVector nibbleMask(final long w, final int j)
    {
        return LongVector.fromArray(L, NIBBLE_MASKS, ((int)(w >>> (4 * j)) & 15) << 2);
    }

    // ---------------------------------------------------------------------------------------------- int32

    private static LongVector widenInt(final MemorySegment data, final long byteOffset)
    {
        return (LongVector)IntVector.fromMemorySegment(I128, data, byteOffset, LE)
            .convertShape(VectorOperators.I2L, L, 0);
    }

    /** @see Reductions#sumInt(MemorySegment, long, long) */
    public static long sumInt(final MemorySegment data, final long offset, final long count)
    {
        LongVector a0 = LongVector.zero(L);
        LongVector a1 = LongVector.zero(L);
        LongVector a2 = LongVector.zero(L);
        LongVector a3 = LongVector.zero(L);
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~15L) * 4;
        for (; i < bound4; i += 64)
        {
            a0 = a0.add(widenInt(data, i));
            a1 = a1.add(widenInt(data, i + 16));
            a2 = a2.add(widenInt(data, i + 32));
            a3 = a3.add(widenInt(data, i + 48));
        }
        for (; i + 16 <= end; i += 16)
        {
            a0 = a0.add(widenInt(data, i));
        }
        long s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 4)
        {
            s += data.get(Layouts.INT_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumInt(MemorySegment, long, long, MemorySegment, long) */
    public static long sumInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long s = 0;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                s += sumInt(data, offset + row, end - row);
                row = end;
                continue;
            }
            if (w != 0)
            {
                if (n == 64)
                {
                    LongVector acc = LongVector.zero(L);
                    final long base = (offset + row) * 4;
                    for (int j = 0; j < 16; j++)
                    {
                        acc = acc.add(widenInt(data, base + j * 16L).and(nibbleMask(w, j)));
                    }
                    s += acc.reduceLanes(VectorOperators.ADD);
                }
                else
                {
                    s += ScalarReductions.sumInt(data, offset + row, n, validity, bitOffset + row);
                }
            }
            row += n;
        }
        return s;
    }

    /** @see Reductions#minInt(MemorySegment, long, long) */
    public static int minInt(final MemorySegment data, final long offset, final long count)
    {
        IntVector a0 = IntVector.broadcast(I, Integer.MAX_VALUE);
        IntVector a1 = a0;
        IntVector a2 = a0;
        IntVector a3 = a0;
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~31L) * 4;
        for (; i < bound4; i += 128)
        {
            a0 = a0.min(IntVector.fromMemorySegment(I, data, i, LE));
            a1 = a1.min(IntVector.fromMemorySegment(I, data, i + 32, LE));
            a2 = a2.min(IntVector.fromMemorySegment(I, data, i + 64, LE));
            a3 = a3.min(IntVector.fromMemorySegment(I, data, i + 96, LE));
        }
        for (; i + 32 <= end; i += 32)
        {
            a0 = a0.min(IntVector.fromMemorySegment(I, data, i, LE));
        }
        int m = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
        for (; i < end; i += 4)
        {
            m = Math.min(m, data.get(Layouts.INT_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#minInt(MemorySegment, long, long, MemorySegment, long) */
    public static int minInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        int m = Integer.MAX_VALUE;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.min(m, minInt(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                m = Math.min(m, ScalarReductions.minInt(data, offset + row, n, validity, bitOffset + row));
            }
            row += n;
        }
        return m;
    }

    /** @see Reductions#maxInt(MemorySegment, long, long) */
    public static int maxInt(final MemorySegment data, final long offset, final long count)
    {
        IntVector a0 = IntVector.broadcast(I, Integer.MIN_VALUE);
        IntVector a1 = a0;
        IntVector a2 = a0;
        IntVector a3 = a0;
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~31L) * 4;
        for (; i < bound4; i += 128)
        {
            a0 = a0.max(IntVector.fromMemorySegment(I, data, i, LE));
            a1 = a1.max(IntVector.fromMemorySegment(I, data, i + 32, LE));
            a2 = a2.max(IntVector.fromMemorySegment(I, data, i + 64, LE));
            a3 = a3.max(IntVector.fromMemorySegment(I, data, i + 96, LE));
        }
        for (; i + 32 <= end; i += 32)
        {
            a0 = a0.max(IntVector.fromMemorySegment(I, data, i, LE));
        }
        int m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        for (; i < end; i += 4)
        {
            m = Math.max(m, data.get(Layouts.INT_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#maxInt(MemorySegment, long, long, MemorySegment, long) */
    public static int maxInt(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        int m = Integer.MIN_VALUE;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.max(m, maxInt(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                m = Math.max(m, ScalarReductions.maxInt(data, offset + row, n, validity, bitOffset + row));
            }
            row += n;
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- int64

    /** @see Reductions#sumLong(MemorySegment, long, long) */
    public static long sumLong(final MemorySegment data, final long offset, final long count)
    {
        if (WIDE && count >= WIDE_MIN_ROWS)
        {
            return sumLongWide(data, offset, count);
        }
        LongVector a0 = LongVector.zero(L);
        LongVector a1 = LongVector.zero(L);
        LongVector a2 = LongVector.zero(L);
        LongVector a3 = LongVector.zero(L);
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            a0 = a0.add(LongVector.fromMemorySegment(L, data, i, LE));
            a1 = a1.add(LongVector.fromMemorySegment(L, data, i + LB, LE));
            a2 = a2.add(LongVector.fromMemorySegment(L, data, i + 2 * LB, LE));
            a3 = a3.add(LongVector.fromMemorySegment(L, data, i + 3 * LB, LE));
        }
        for (; i + LB <= end; i += LB)
        {
            a0 = a0.add(LongVector.fromMemorySegment(L, data, i, LE));
        }
        long s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            s += data.get(Layouts.LONG_UNALIGNED, i);
        }
        return s;
    }

    private static long sumLongWide(final MemorySegment data, final long offset, final long count)
    {
        LongVector a0 = LongVector.zero(L_WIDE);
        LongVector a1 = a0;
        LongVector a2 = a0;
        LongVector a3 = a0;
        final long wb = L_WIDE.vectorByteSize();
        long i = offset * 8;
        final long end = i + count * 8;
        long s = 0;
        // A 64-byte load that is not 64-byte aligned splits two cache lines; Arrow buffers are only 8/16-aligned.
        while (i < end && ((data.address() + i) & 63) != 0)
        {
            s += data.get(Layouts.LONG_UNALIGNED, i);
            i += 8;
        }
        final long bound = i + ((end - i) & ~(4 * wb - 1));
        for (; i < bound; i += 4 * wb)
        {
            a0 = a0.add(LongVector.fromMemorySegment(L_WIDE, data, i, LE));
            a1 = a1.add(LongVector.fromMemorySegment(L_WIDE, data, i + wb, LE));
            a2 = a2.add(LongVector.fromMemorySegment(L_WIDE, data, i + 2 * wb, LE));
            a3 = a3.add(LongVector.fromMemorySegment(L_WIDE, data, i + 3 * wb, LE));
        }
        s += a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            s += data.get(Layouts.LONG_UNALIGNED, i);
        }
        return s;
    }

    private static long sumLongMasked(final MemorySegment data, final long row, final long w)
    {
        LongVector acc = LongVector.zero(L);
        final long base = row * 8;
        for (int j = 0; j < 16; j++)
        {
            acc = acc.add(LongVector.fromMemorySegment(L, data, base + j * LB, LE).and(nibbleMask(w, j)));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** @see Reductions#sumLong(MemorySegment, long, long, MemorySegment, long) */
    public static long sumLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long s = 0;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                s += sumLong(data, offset + row, end - row);
                row = end;
                continue;
            }
            if (w != 0)
            {
                s += n == 64 ? sumLongMasked(data, offset + row, w) :
                    ScalarReductions.sumLong(data, offset + row, n, validity, bitOffset + row);
            }
            row += n;
        }
        return s;
    }

    /** Adds the wrapping sum and the sum of high words of {@code count} values into {@code acc[0]}, {@code acc[1]}. */
    private static void exactRun(final MemorySegment data, final long offset, final long count, final long[] acc)
    {
        LongVector w0 = LongVector.zero(L);
        LongVector w1 = LongVector.zero(L);
        LongVector h0 = LongVector.zero(L);
        LongVector h1 = LongVector.zero(L);
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound2 = i + (count & ~7L) * 8;
        for (; i < bound2; i += 2 * LB)
        {
            final LongVector v0 = LongVector.fromMemorySegment(L, data, i, LE);
            final LongVector v1 = LongVector.fromMemorySegment(L, data, i + LB, LE);
            w0 = w0.add(v0);
            h0 = h0.add(v0.lanewise(VectorOperators.ASHR, 32));
            w1 = w1.add(v1);
            h1 = h1.add(v1.lanewise(VectorOperators.ASHR, 32));
        }
        long wrapped = w0.add(w1).reduceLanes(VectorOperators.ADD);
        long high = h0.add(h1).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            final long x = data.get(Layouts.LONG_UNALIGNED, i);
            wrapped += x;
            high += x >> 32;
        }
        acc[0] += wrapped;
        acc[1] += high;
    }

    /** @see Reductions#sumLongExact(MemorySegment, long, long, long[]) */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final long[] out)
    {
        final ScalarReductions.ExactSum sum = new ScalarReductions.ExactSum();
        final long[] acc = new long[2];
        for (long start = 0; start < count; start += ScalarReductions.EXACT_CHUNK)
        {
            acc[0] = 0;
            acc[1] = 0;
            exactRun(data, offset + start, Math.min(ScalarReductions.EXACT_CHUNK, count - start), acc);
            sum.addChunk(acc[0], acc[1]);
        }
        return sum.finish(out);
    }

    /** @see Reductions#sumLongExact(MemorySegment, long, long, MemorySegment, long, long[]) */
    public static boolean sumLongExact(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset, final long[] out)
    {
        final ScalarReductions.ExactSum sum = new ScalarReductions.ExactSum();
        final long[] acc = new long[2];
        for (long start = 0; start < count; start += ScalarReductions.EXACT_CHUNK)
        {
            final long chunkEnd = Math.min(count, start + ScalarReductions.EXACT_CHUNK);
            acc[0] = 0;
            acc[1] = 0;
            long row = start;
            while (row < chunkEnd)
            {
                final int n = (int)Math.min(64, chunkEnd - row);
                long w = ScalarReductions.word(validity, bitOffset + row, n);
                if (w == ScalarReductions.full(n))
                {
                    final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, chunkEnd);
                    exactRun(data, offset + row, end - row, acc);
                    row = end;
                    continue;
                }
                while (w != 0)
                {
                    final long x = data.getAtIndex(Layouts.LONG_UNALIGNED,
                        offset + row + Long.numberOfTrailingZeros(w));
                    acc[0] += x;
                    acc[1] += x >> 32;
                    w &= w - 1;
                }
                row += n;
            }
            sum.addChunk(acc[0], acc[1]);
        }
        return sum.finish(out);
    }

    /** @see Reductions#minLong(MemorySegment, long, long) */
    public static long minLong(final MemorySegment data, final long offset, final long count)
    {
        LongVector a0 = LongVector.broadcast(L, Long.MAX_VALUE);
        LongVector a1 = a0;
        LongVector a2 = a0;
        LongVector a3 = a0;
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            a0 = a0.min(LongVector.fromMemorySegment(L, data, i, LE));
            a1 = a1.min(LongVector.fromMemorySegment(L, data, i + LB, LE));
            a2 = a2.min(LongVector.fromMemorySegment(L, data, i + 2 * LB, LE));
            a3 = a3.min(LongVector.fromMemorySegment(L, data, i + 3 * LB, LE));
        }
        for (; i + LB <= end; i += LB)
        {
            a0 = a0.min(LongVector.fromMemorySegment(L, data, i, LE));
        }
        long m = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
        for (; i < end; i += 8)
        {
            m = Math.min(m, data.get(Layouts.LONG_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#minLong(MemorySegment, long, long, MemorySegment, long) */
    public static long minLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long m = Long.MAX_VALUE;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.min(m, minLong(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                m = Math.min(m, ScalarReductions.minLong(data, offset + row, n, validity, bitOffset + row));
            }
            row += n;
        }
        return m;
    }

    /** @see Reductions#maxLong(MemorySegment, long, long) */
    public static long maxLong(final MemorySegment data, final long offset, final long count)
    {
        LongVector a0 = LongVector.broadcast(L, Long.MIN_VALUE);
        LongVector a1 = a0;
        LongVector a2 = a0;
        LongVector a3 = a0;
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            a0 = a0.max(LongVector.fromMemorySegment(L, data, i, LE));
            a1 = a1.max(LongVector.fromMemorySegment(L, data, i + LB, LE));
            a2 = a2.max(LongVector.fromMemorySegment(L, data, i + 2 * LB, LE));
            a3 = a3.max(LongVector.fromMemorySegment(L, data, i + 3 * LB, LE));
        }
        for (; i + LB <= end; i += LB)
        {
            a0 = a0.max(LongVector.fromMemorySegment(L, data, i, LE));
        }
        long m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        for (; i < end; i += 8)
        {
            m = Math.max(m, data.get(Layouts.LONG_UNALIGNED, i));
        }
        return m;
    }

    /** @see Reductions#maxLong(MemorySegment, long, long, MemorySegment, long) */
    public static long maxLong(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        long m = Long.MIN_VALUE;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.max(m, maxLong(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                m = Math.max(m, ScalarReductions.maxLong(data, offset + row, n, validity, bitOffset + row));
            }
            row += n;
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- float32

    private static DoubleVector widenFloat(final MemorySegment data, final long byteOffset)
    {
        return (DoubleVector)FloatVector.fromMemorySegment(F128, data, byteOffset, LE)
            .convertShape(VectorOperators.F2D, D, 0);
    }

    /** @see Reductions#sumFloat(MemorySegment, long, long) */
    public static double sumFloat(final MemorySegment data, final long offset, final long count)
    {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~15L) * 4;
        for (; i < bound4; i += 64)
        {
            a0 = a0.add(widenFloat(data, i));
            a1 = a1.add(widenFloat(data, i + 16));
            a2 = a2.add(widenFloat(data, i + 32));
            a3 = a3.add(widenFloat(data, i + 48));
        }
        for (; i + 16 <= end; i += 16)
        {
            a0 = a0.add(widenFloat(data, i));
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 4)
        {
            s += data.get(Layouts.FLOAT_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumFloat(MemorySegment, long, long, MemorySegment, long) */
    public static double sumFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double s = 0.0;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                s += sumFloat(data, offset + row, end - row);
                row = end;
                continue;
            }
            if (w != 0)
            {
                if (n == 64)
                {
                    DoubleVector acc = DoubleVector.zero(D);
                    final long base = (offset + row) * 4;
                    for (int j = 0; j < 16; j++)
                    {
                        acc = acc.add(widenFloat(data, base + j * 16L).reinterpretAsLongs()
                            .and(nibbleMask(w, j)).reinterpretAsDoubles());
                    }
                    s += acc.reduceLanes(VectorOperators.ADD);
                }
                else
                {
                    s += ScalarReductions.sumFloat(data, offset + row, n, validity, bitOffset + row);
                }
            }
            row += n;
        }
        return s;
    }

    /** Min ignoring NaN; +Inf when no non-NaN value (the caller resolves that case). */
    private static float minFloatRaw(final MemorySegment data, final long offset, final long count)
    {
        final FloatVector inf = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
        FloatVector a0 = inf;
        FloatVector a1 = inf;
        FloatVector a2 = inf;
        FloatVector a3 = inf;
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~31L) * 4;
        for (; i < bound4; i += 128)
        {
            final FloatVector v0 = FloatVector.fromMemorySegment(F, data, i, LE);
            final FloatVector v1 = FloatVector.fromMemorySegment(F, data, i + 32, LE);
            final FloatVector v2 = FloatVector.fromMemorySegment(F, data, i + 64, LE);
            final FloatVector v3 = FloatVector.fromMemorySegment(F, data, i + 96, LE);
            a0 = a0.min(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
            a1 = a1.min(v1.blend(inf, v1.compare(VectorOperators.NE, v1)));
            a2 = a2.min(v2.blend(inf, v2.compare(VectorOperators.NE, v2)));
            a3 = a3.min(v3.blend(inf, v3.compare(VectorOperators.NE, v3)));
        }
        for (; i + 32 <= end; i += 32)
        {
            final FloatVector v0 = FloatVector.fromMemorySegment(F, data, i, LE);
            a0 = a0.min(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
        }
        float m = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
        for (; i < end; i += 4)
        {
            final float x = data.get(Layouts.FLOAT_UNALIGNED, i);
            if (x == x)
            {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    /** Max ignoring NaN; -Inf when no non-NaN value (the caller resolves that case). */
    private static float maxFloatRaw(final MemorySegment data, final long offset, final long count)
    {
        final FloatVector inf = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        FloatVector a0 = inf;
        FloatVector a1 = inf;
        FloatVector a2 = inf;
        FloatVector a3 = inf;
        long i = offset * 4;
        final long end = i + count * 4;
        final long bound4 = i + (count & ~31L) * 4;
        for (; i < bound4; i += 128)
        {
            final FloatVector v0 = FloatVector.fromMemorySegment(F, data, i, LE);
            final FloatVector v1 = FloatVector.fromMemorySegment(F, data, i + 32, LE);
            final FloatVector v2 = FloatVector.fromMemorySegment(F, data, i + 64, LE);
            final FloatVector v3 = FloatVector.fromMemorySegment(F, data, i + 96, LE);
            a0 = a0.max(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
            a1 = a1.max(v1.blend(inf, v1.compare(VectorOperators.NE, v1)));
            a2 = a2.max(v2.blend(inf, v2.compare(VectorOperators.NE, v2)));
            a3 = a3.max(v3.blend(inf, v3.compare(VectorOperators.NE, v3)));
        }
        for (; i + 32 <= end; i += 32)
        {
            final FloatVector v0 = FloatVector.fromMemorySegment(F, data, i, LE);
            a0 = a0.max(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
        }
        float m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        for (; i < end; i += 4)
        {
            final float x = data.get(Layouts.FLOAT_UNALIGNED, i);
            if (x == x)
            {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    /** @see Reductions#minFloat(MemorySegment, long, long) */
    public static float minFloat(final MemorySegment data, final long offset, final long count)
    {
        final float m = minFloatRaw(data, offset, count);
        // +Inf is either a real +Inf, "all NaN" or empty: rare, so let the scalar twin decide.
        return m == Float.POSITIVE_INFINITY ? ScalarReductions.minFloat(data, offset, count) : m;
    }

    /** @see Reductions#minFloat(MemorySegment, long, long, MemorySegment, long) */
    public static float minFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        float m = Float.POSITIVE_INFINITY;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.min(m, minFloatRaw(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                final float r = ScalarReductions.minFloat(data, offset + row, n, validity, bitOffset + row);
                if (r == r)
                {
                    m = Math.min(m, r);
                }
            }
            row += n;
        }
        return m == Float.POSITIVE_INFINITY ? ScalarReductions.minFloat(data, offset, count, validity, bitOffset) : m;
    }

    /** @see Reductions#maxFloat(MemorySegment, long, long) */
    public static float maxFloat(final MemorySegment data, final long offset, final long count)
    {
        final float m = maxFloatRaw(data, offset, count);
        return m == Float.NEGATIVE_INFINITY ? ScalarReductions.maxFloat(data, offset, count) : m;
    }

    /** @see Reductions#maxFloat(MemorySegment, long, long, MemorySegment, long) */
    public static float maxFloat(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        float m = Float.NEGATIVE_INFINITY;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.max(m, maxFloatRaw(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                final float r = ScalarReductions.maxFloat(data, offset + row, n, validity, bitOffset + row);
                if (r == r)
                {
                    m = Math.max(m, r);
                }
            }
            row += n;
        }
        return m == Float.NEGATIVE_INFINITY ? ScalarReductions.maxFloat(data, offset, count, validity, bitOffset) : m;
    }

    // ---------------------------------------------------------------------------------------------- float64

    /** @see Reductions#sumDouble(MemorySegment, long, long) */
    public static double sumDouble(final MemorySegment data, final long offset, final long count)
    {
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            a0 = a0.add(DoubleVector.fromMemorySegment(D, data, i, LE));
            a1 = a1.add(DoubleVector.fromMemorySegment(D, data, i + LB, LE));
            a2 = a2.add(DoubleVector.fromMemorySegment(D, data, i + 2 * LB, LE));
            a3 = a3.add(DoubleVector.fromMemorySegment(D, data, i + 3 * LB, LE));
        }
        for (; i + LB <= end; i += LB)
        {
            a0 = a0.add(DoubleVector.fromMemorySegment(D, data, i, LE));
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            s += data.get(Layouts.DOUBLE_UNALIGNED, i);
        }
        return s;
    }

    /** @see Reductions#sumDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double sumDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double s = 0.0;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                s += sumDouble(data, offset + row, end - row);
                row = end;
                continue;
            }
            if (w != 0)
            {
                if (n == 64)
                {
                    // Null lanes become +0.0, which leaves a sum started at +0.0 unchanged.
                    DoubleVector sum = DoubleVector.zero(D);
                    final long base = (offset + row) * 8;
                    for (int j = 0; j < 16; j++)
                    {
                        final LongVector bits =
                            LongVector.fromMemorySegment(L, data, base + j * LB, LE).and(nibbleMask(w, j));
                        sum = sum.add(bits.reinterpretAsDoubles());
                    }
                    s += sum.reduceLanes(VectorOperators.ADD);
                }
                else
                {
                    s += ScalarReductions.sumDouble(data, offset + row, n, validity, bitOffset + row);
                }
            }
            row += n;
        }
        return s;
    }

    /** Min ignoring NaN; +Inf when no non-NaN value (the caller resolves that case). */
    private static double minDoubleRaw(final MemorySegment data, final long offset, final long count)
    {
        final DoubleVector inf = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
        DoubleVector a0 = inf;
        DoubleVector a1 = inf;
        DoubleVector a2 = inf;
        DoubleVector a3 = inf;
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            final DoubleVector v0 = DoubleVector.fromMemorySegment(D, data, i, LE);
            final DoubleVector v1 = DoubleVector.fromMemorySegment(D, data, i + LB, LE);
            final DoubleVector v2 = DoubleVector.fromMemorySegment(D, data, i + 2 * LB, LE);
            final DoubleVector v3 = DoubleVector.fromMemorySegment(D, data, i + 3 * LB, LE);
            a0 = a0.min(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
            a1 = a1.min(v1.blend(inf, v1.compare(VectorOperators.NE, v1)));
            a2 = a2.min(v2.blend(inf, v2.compare(VectorOperators.NE, v2)));
            a3 = a3.min(v3.blend(inf, v3.compare(VectorOperators.NE, v3)));
        }
        for (; i + LB <= end; i += LB)
        {
            final DoubleVector v0 = DoubleVector.fromMemorySegment(D, data, i, LE);
            a0 = a0.min(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
        }
        double m = a0.min(a1).min(a2.min(a3)).reduceLanes(VectorOperators.MIN);
        for (; i < end; i += 8)
        {
            final double x = data.get(Layouts.DOUBLE_UNALIGNED, i);
            if (x == x)
            {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    /** Max ignoring NaN; -Inf when no non-NaN value (the caller resolves that case). */
    private static double maxDoubleRaw(final MemorySegment data, final long offset, final long count)
    {
        final DoubleVector inf = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
        DoubleVector a0 = inf;
        DoubleVector a1 = inf;
        DoubleVector a2 = inf;
        DoubleVector a3 = inf;
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            final DoubleVector v0 = DoubleVector.fromMemorySegment(D, data, i, LE);
            final DoubleVector v1 = DoubleVector.fromMemorySegment(D, data, i + LB, LE);
            final DoubleVector v2 = DoubleVector.fromMemorySegment(D, data, i + 2 * LB, LE);
            final DoubleVector v3 = DoubleVector.fromMemorySegment(D, data, i + 3 * LB, LE);
            a0 = a0.max(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
            a1 = a1.max(v1.blend(inf, v1.compare(VectorOperators.NE, v1)));
            a2 = a2.max(v2.blend(inf, v2.compare(VectorOperators.NE, v2)));
            a3 = a3.max(v3.blend(inf, v3.compare(VectorOperators.NE, v3)));
        }
        for (; i + LB <= end; i += LB)
        {
            final DoubleVector v0 = DoubleVector.fromMemorySegment(D, data, i, LE);
            a0 = a0.max(v0.blend(inf, v0.compare(VectorOperators.NE, v0)));
        }
        double m = a0.max(a1).max(a2.max(a3)).reduceLanes(VectorOperators.MAX);
        for (; i < end; i += 8)
        {
            final double x = data.get(Layouts.DOUBLE_UNALIGNED, i);
            if (x == x)
            {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    /** @see Reductions#minDouble(MemorySegment, long, long) */
    public static double minDouble(final MemorySegment data, final long offset, final long count)
    {
        final double m = minDoubleRaw(data, offset, count);
        return m == Double.POSITIVE_INFINITY ? ScalarReductions.minDouble(data, offset, count) : m;
    }

    /** @see Reductions#minDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double minDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double m = Double.POSITIVE_INFINITY;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.min(m, minDoubleRaw(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                final double r = ScalarReductions.minDouble(data, offset + row, n, validity, bitOffset + row);
                if (r == r)
                {
                    m = Math.min(m, r);
                }
            }
            row += n;
        }
        return m == Double.POSITIVE_INFINITY ?
            ScalarReductions.minDouble(data, offset, count, validity, bitOffset) : m;
    }

    /** @see Reductions#maxDouble(MemorySegment, long, long) */
    public static double maxDouble(final MemorySegment data, final long offset, final long count)
    {
        final double m = maxDoubleRaw(data, offset, count);
        return m == Double.NEGATIVE_INFINITY ? ScalarReductions.maxDouble(data, offset, count) : m;
    }

    /** @see Reductions#maxDouble(MemorySegment, long, long, MemorySegment, long) */
    public static double maxDouble(final MemorySegment data, final long offset, final long count,
        final MemorySegment validity, final long bitOffset)
    {
        double m = Double.NEGATIVE_INFINITY;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                m = Math.max(m, maxDoubleRaw(data, offset + row, end - row));
                row = end;
                continue;
            }
            if (w != 0)
            {
                final double r = ScalarReductions.maxDouble(data, offset + row, n, validity, bitOffset + row);
                if (r == r)
                {
                    m = Math.max(m, r);
                }
            }
            row += n;
        }
        return m == Double.NEGATIVE_INFINITY ?
            ScalarReductions.maxDouble(data, offset, count, validity, bitOffset) : m;
    }

    /** @see Reductions#sumSquaredDeviationsDouble(MemorySegment, long, long, double) */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean)
    {
        final DoubleVector m = DoubleVector.broadcast(D, mean);
        DoubleVector a0 = DoubleVector.zero(D);
        DoubleVector a1 = DoubleVector.zero(D);
        DoubleVector a2 = DoubleVector.zero(D);
        DoubleVector a3 = DoubleVector.zero(D);
        long i = offset * 8;
        final long end = i + count * 8;
        final long bound4 = i + (count & ~15L) * 8;
        for (; i < bound4; i += 4 * LB)
        {
            final DoubleVector d0 = DoubleVector.fromMemorySegment(D, data, i, LE).sub(m);
            final DoubleVector d1 = DoubleVector.fromMemorySegment(D, data, i + LB, LE).sub(m);
            final DoubleVector d2 = DoubleVector.fromMemorySegment(D, data, i + 2 * LB, LE).sub(m);
            final DoubleVector d3 = DoubleVector.fromMemorySegment(D, data, i + 3 * LB, LE).sub(m);
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
            a2 = d2.fma(d2, a2);
            a3 = d3.fma(d3, a3);
        }
        for (; i + LB <= end; i += LB)
        {
            final DoubleVector d0 = DoubleVector.fromMemorySegment(D, data, i, LE).sub(m);
            a0 = d0.fma(d0, a0);
        }
        double s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < end; i += 8)
        {
            final double d = data.get(Layouts.DOUBLE_UNALIGNED, i) - mean;
            s += d * d;
        }
        return s;
    }

    /** @see Reductions#sumSquaredDeviationsDouble(MemorySegment, long, long, double, MemorySegment, long) */
    public static double sumSquaredDeviationsDouble(final MemorySegment data, final long offset, final long count,
        final double mean, final MemorySegment validity, final long bitOffset)
    {
        final DoubleVector m = DoubleVector.broadcast(D, mean);
        double s = 0.0;
        long row = 0;
        while (row < count)
        {
            final int n = (int)Math.min(64, count - row);
            final long w = ScalarReductions.word(validity, bitOffset + row, n);
            if (w == ScalarReductions.full(n))
            {
                final long end = ScalarReductions.runEnd(validity, bitOffset, row + n, count);
                s += sumSquaredDeviationsDouble(data, offset + row, end - row, mean);
                row = end;
                continue;
            }
            if (w != 0)
            {
                if (n == 64)
                {
                    // Null lanes' deviations are masked to +0.0 before squaring.
                    DoubleVector acc = DoubleVector.zero(D);
                    final long base = (offset + row) * 8;
                    for (int j = 0; j < 16; j++)
                    {
                        final DoubleVector d = DoubleVector.fromMemorySegment(D, data, base + j * LB, LE).sub(m)
                            .reinterpretAsLongs().and(nibbleMask(w, j)).reinterpretAsDoubles();
                        acc = d.fma(d, acc);
                    }
                    s += acc.reduceLanes(VectorOperators.ADD);
                }
                else
                {
                    s += ScalarReductions.sumSquaredDeviationsDouble(data, offset + row, n, mean, validity,
                        bitOffset + row);
                }
            }
            row += n;
        }
        return s;
    }
}
