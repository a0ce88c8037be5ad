package io.sabot.simd;

// Expanded from one loop template per (type, operator, form). The expander is not in this tree: a change to one
// loop must be made to all of its siblings alike.

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link Comparisons}: one unmasked loop per (type, operator, form) so that every
 * {@code compare} sees a constant operator and C2 intrinsifies it. Lane masks are packed with
 * {@code VectorMask.toLong()} into 64-bit words ({@code 64 / lanes} vectors per word) and whole words are stored;
 * the last partial word is finished with a scalar tail and stored with {@link Bitmaps#storeBits}. Counting
 * subtracts the compare result as a -1/0 lane vector from accumulators (32/64-bit types) or adds
 * {@code trueCount()} (8/16-bit types, whose lanes would overflow), reducing once at the end.
 *
 * <p>Thread-safety: stateless. Buffer ownership: reads and writes only the caller's segments. Nulls: none at this
 * level; float comparisons follow IEEE 754 (NaN compares false, except NE which is true).
 */
public final class VectorComparisons
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Byte> I8 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Short> I16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I32 = IntVector.SPECIES_256;
    private static final VectorSpecies<Long> I64 = LongVector.SPECIES_256;
    private static final VectorSpecies<Long> I64_WIDE = LongVector.SPECIES_512;

    /**
     * True where 512-bit vectors are native (AVX-512). There the int64 count runs 512-bit lanes: measured on a
     * Sapphire Rapids host over 100M rows it reached 1.02x gcc -O3 -march=native against 0.89x for the 256-bit loop.
     * On AVX2 hosts 512-bit species are emulated, so the 256-bit loop stays.
     */
    static final boolean WIDE_INT64 = LongVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final int WIDE_MIN_ROWS = 64;
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_256;

    private VectorComparisons()
    {
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt8(final CompareOp op, final MemorySegment values, final long from, final int count,
        final byte scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geInt8Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt8(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geInt8Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareInt8(final CompareOp op, final MemorySegment values, final long from,
        final int count, final byte scalar)
    {
        switch (op)
        {
            case EQ:
                return counteqInt8(values, from, count, scalar);
            case NE:
                return countneInt8(values, from, count, scalar);
            case LT:
                return countltInt8(values, from, count, scalar);
            case LE:
                return countleInt8(values, from, count, scalar);
            case GT:
                return countgtInt8(values, from, count, scalar);
            case GE:
                return countgeInt8(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.EQ, s).trueCount();
            n1 += x1.compare(VectorOperators.EQ, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.NE, s).trueCount();
            n1 += x1.compare(VectorOperators.NE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.LT, s).trueCount();
            n1 += x1.compare(VectorOperators.LT, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.LE, s).trueCount();
            n1 += x1.compare(VectorOperators.LE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgtInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.GT, s).trueCount();
            n1 += x1.compare(VectorOperators.GT, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector x = ByteVector.fromMemorySegment(I8, values, base + i + k, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.BYTE, base + i + k) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 32; k += 32)
            {
                final ByteVector a = ByteVector.fromMemorySegment(I8, left, leftBase + i + k, LE);
                final ByteVector b = ByteVector.fromMemorySegment(I8, right, rightBase + i + k, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final ByteVector s = ByteVector.broadcast(I8, scalar);
        final long base = from * 1L;
        final int bound = count - (count % (2 * 32));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 32)
        {
            final ByteVector x0 = ByteVector.fromMemorySegment(I8, values, base + i, LE);
            final ByteVector x1 = ByteVector.fromMemorySegment(I8, values, base + i + 32, LE);
            n0 += x0.compare(VectorOperators.GE, s).trueCount();
            n1 += x1.compare(VectorOperators.GE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.BYTE, base + i) >= scalar)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt16(final CompareOp op, final MemorySegment values, final long from, final int count,
        final short scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geInt16Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt16(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geInt16Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareInt16(final CompareOp op, final MemorySegment values, final long from,
        final int count, final short scalar)
    {
        switch (op)
        {
            case EQ:
                return counteqInt16(values, from, count, scalar);
            case NE:
                return countneInt16(values, from, count, scalar);
            case LT:
                return countltInt16(values, from, count, scalar);
            case LE:
                return countleInt16(values, from, count, scalar);
            case GT:
                return countgtInt16(values, from, count, scalar);
            case GE:
                return countgeInt16(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.EQ, s).trueCount();
            n1 += x1.compare(VectorOperators.EQ, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.NE, s).trueCount();
            n1 += x1.compare(VectorOperators.NE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.LT, s).trueCount();
            n1 += x1.compare(VectorOperators.LT, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.LE, s).trueCount();
            n1 += x1.compare(VectorOperators.LE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgtInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.GT, s).trueCount();
            n1 += x1.compare(VectorOperators.GT, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector x = ShortVector.fromMemorySegment(I16, values, base + (long)(i + k) * 2L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 16; k += 16)
            {
                final ShortVector a = ShortVector.fromMemorySegment(I16, left, leftBase + (long)(i + k) * 2L, LE);
                final ShortVector b = ShortVector.fromMemorySegment(I16, right, rightBase + (long)(i + k) * 2L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final ShortVector s = ShortVector.broadcast(I16, scalar);
        final long base = from * 2L;
        final int bound = count - (count % (2 * 16));
        int n0 = 0;
        int n1 = 0;
        int i = 0;
        for (; i < bound; i += 2 * 16)
        {
            final ShortVector x0 = ShortVector.fromMemorySegment(I16, values, base + (long)(i) * 2L, LE);
            final ShortVector x1 = ShortVector.fromMemorySegment(I16, values, base + (long)(i + 16) * 2L, LE);
            n0 += x0.compare(VectorOperators.GE, s).trueCount();
            n1 += x1.compare(VectorOperators.GE, s).trueCount();
        }
        long n = (long)n0 + n1;
        for (; i < count; i++)
        {
            if (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) >= scalar)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt32(final CompareOp op, final MemorySegment values, final long from, final int count,
        final int scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geInt32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt32(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geInt32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareInt32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final int scalar)
    {
        switch (op)
        {
            case EQ:
                return counteqInt32(values, from, count, scalar);
            case NE:
                return countneInt32(values, from, count, scalar);
            case LT:
                return countltInt32(values, from, count, scalar);
            case LE:
                return countleInt32(values, from, count, scalar);
            case GT:
                return countgtInt32(values, from, count, scalar);
            case GE:
                return countgeInt32(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.EQ, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.EQ, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.EQ, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.NE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.NE, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.NE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LT, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LT, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.LT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LE, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.LE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgtInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GT, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GT, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.GT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final IntVector a = IntVector.fromMemorySegment(I32, left, leftBase + (long)(i + k) * 4L, LE);
                final IntVector b = IntVector.fromMemorySegment(I32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final IntVector s = IntVector.broadcast(I32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final IntVector x0 = IntVector.fromMemorySegment(I32, values, offset, LE);
            final IntVector x1 = IntVector.fromMemorySegment(I32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GE, s)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final IntVector x = IntVector.fromMemorySegment(I32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.GE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) >= scalar)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt64(final CompareOp op, final MemorySegment values, final long from, final int count,
        final long scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geInt64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareInt64(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geInt64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareInt64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final long scalar)
    {
        if (WIDE_INT64 && count >= WIDE_MIN_ROWS)
        {
            // One loop per operator: the Vector API intrinsifies only a constant comparison.
            switch (op)
            {
                case EQ:
                    return counteqInt64Wide(values, from, count, scalar);
                case NE:
                    return countneInt64Wide(values, from, count, scalar);
                case LT:
                    return countltInt64Wide(values, from, count, scalar);
                case LE:
                    return countleInt64Wide(values, from, count, scalar);
                case GT:
                    return countgtInt64Wide(values, from, count, scalar);
                case GE:
                    return countgeInt64Wide(values, from, count, scalar);
                default:
                    throw new IllegalArgumentException("unknown operator " + op);
            }
        }
        switch (op)
        {
            case EQ:
                return counteqInt64(values, from, count, scalar);
            case NE:
                return countneInt64(values, from, count, scalar);
            case LT:
                return countltInt64(values, from, count, scalar);
            case LE:
                return countleInt64(values, from, count, scalar);
            case GT:
                return countgtInt64(values, from, count, scalar);
            case GE:
                return countgeInt64(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.EQ, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.EQ, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.EQ, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.NE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.NE, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.NE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LT, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LT, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.LT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LE, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.LE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    /**
     * Rows to handle before the first 64-byte aligned row: a 64-byte load that is not aligned splits two cache lines,
     * and Arrow buffers are only 8/16-byte aligned. Zero when the data is not even 8-byte aligned.
     */
    private static int alignmentHead(final MemorySegment values, final long byteOffset, final int count)
    {
        final long address = values.address() + byteOffset;
        if ((address & 7) != 0)
        {
            return 0;
        }
        return (int)Math.min(count, ((64 - (address & 63)) & 63) >>> 3);
    }

    private static long counteqInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.EQ, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.EQ, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.EQ, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.EQ, values, from + i, count - i, scalar);
    }

    private static long countneInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.NE, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.NE, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.NE, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.NE, values, from + i, count - i, scalar);
    }

    private static long countltInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.LT, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.LT, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.LT, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.LT, values, from + i, count - i, scalar);
    }

    private static long countleInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.LE, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.LE, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.LE, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.LE, values, from + i, count - i, scalar);
    }

    private static long countgtInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.GT, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.GT, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.GT, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.GT, values, from + i, count - i, scalar);
    }

    private static long countgeInt64Wide(final MemorySegment values, final long from, final int count,
        final long scalar)
    {
        final LongVector one = LongVector.broadcast(I64_WIDE, 1);
        final long base = from * 8L;
        final int head = alignmentHead(values, base, count);
        final int bound = head + ((count - head) & ~15);
        LongVector acc0 = LongVector.zero(I64_WIDE);
        LongVector acc1 = acc0;
        int i = head;
        for (; i < bound; i += 16)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64_WIDE, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64_WIDE, values, offset + 64L, LE);
            acc0 = acc0.add(one, x0.compare(VectorOperators.GE, scalar));
            acc1 = acc1.add(one, x1.compare(VectorOperators.GE, scalar));
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) +
            ScalarComparisons.countCompareInt64(CompareOp.GE, values, from, head, scalar) +
            ScalarComparisons.countCompareInt64(CompareOp.GE, values, from + i, count - i, scalar);
    }

    private static long countgtInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GT, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GT, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.GT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final LongVector a = LongVector.fromMemorySegment(I64, left, leftBase + (long)(i + k) * 8L, LE);
                final LongVector b = LongVector.fromMemorySegment(I64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final LongVector s = LongVector.broadcast(I64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final LongVector x0 = LongVector.fromMemorySegment(I64, values, offset, LE);
            final LongVector x1 = LongVector.fromMemorySegment(I64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GE, s)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GE, s)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final LongVector x = LongVector.fromMemorySegment(I64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.GE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) >= scalar)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareFloat32(final CompareOp op, final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geFloat32Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareFloat32(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geFloat32Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareFloat32(final CompareOp op, final MemorySegment values, final long from,
        final int count, final float scalar)
    {
        switch (op)
        {
            case EQ:
                return counteqFloat32(values, from, count, scalar);
            case NE:
                return countneFloat32(values, from, count, scalar);
            case LT:
                return countltFloat32(values, from, count, scalar);
            case LE:
                return countleFloat32(values, from, count, scalar);
            case GT:
                return countgtFloat32(values, from, count, scalar);
            case GE:
                return countgeFloat32(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.EQ, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.EQ, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.EQ, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.NE, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.NE, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.NE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LT, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LT, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.LT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LE, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LE, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.LE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgtFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GT, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GT, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.GT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final long base = from * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i + k) * 4L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 8; k += 8)
            {
                final FloatVector a = FloatVector.fromMemorySegment(F32, left, leftBase + (long)(i + k) * 4L, LE);
                final FloatVector b = FloatVector.fromMemorySegment(F32, right, rightBase + (long)(i + k) * 4L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final FloatVector s = FloatVector.broadcast(F32, scalar);
        final IntVector zero = IntVector.zero(IntVector.SPECIES_256);
        final IntVector one = IntVector.broadcast(IntVector.SPECIES_256, 1);
        final long base = from * 4L;
        final int bound = count - (count % (2 * 8));
        IntVector acc0 = zero;
        IntVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 8)
        {
            final long offset = base + (long)i * 4L;
            final FloatVector x0 = FloatVector.fromMemorySegment(F32, values, offset, LE);
            final FloatVector x1 = FloatVector.fromMemorySegment(F32, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GE, s).cast(IntVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GE, s).cast(IntVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanesToLong(VectorOperators.ADD);
        for (; i <= count - 8; i += 8)
        {
            final FloatVector x = FloatVector.fromMemorySegment(F32, values, base + (long)(i) * 4L, LE);
            n += x.compare(VectorOperators.GE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) >= scalar)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * Column against scalar into a bitmap; see {@link Comparisons}.
     */
    public static void compareFloat64(final CompareOp op, final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case NE:
                neFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LT:
                ltFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case LE:
                leFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GT:
                gtFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            case GE:
                geFloat64Scalar(values, from, count, scalar, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Column against column into a bitmap; see {@link Comparisons}.
     */
    public static void compareFloat64(final CompareOp op, final MemorySegment left, final long leftFrom,
        final MemorySegment right, final long rightFrom, final int count, final MemorySegment bitmap,
        final long bitOffset)
    {
        switch (op)
        {
            case EQ:
                eqFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case NE:
                neFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LT:
                ltFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case LE:
                leFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GT:
                gtFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            case GE:
                geFloat64Column(left, leftFrom, right, rightFrom, count, bitmap, bitOffset);
                return;
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    /**
     * Count of column against scalar; see {@link Comparisons}.
     */
    public static long countCompareFloat64(final CompareOp op, final MemorySegment values, final long from,
        final int count, final double scalar)
    {
        switch (op)
        {
            case EQ:
                return counteqFloat64(values, from, count, scalar);
            case NE:
                return countneFloat64(values, from, count, scalar);
            case LT:
                return countltFloat64(values, from, count, scalar);
            case LE:
                return countleFloat64(values, from, count, scalar);
            case GT:
                return countgtFloat64(values, from, count, scalar);
            case GE:
                return countgeFloat64(values, from, count, scalar);
            default:
                throw new IllegalArgumentException("unknown operator " + op);
        }
    }

    private static void eqFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.EQ, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) == scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void eqFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.EQ, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a == b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long counteqFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.EQ, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.EQ, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.EQ, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) == scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void neFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.NE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) != scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void neFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.NE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a != b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countneFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.NE, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.NE, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.NE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) != scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void ltFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) < scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void ltFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a < b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countltFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LT, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LT, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.LT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) < scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void leFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.LE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) <= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void leFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.LE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a <= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countleFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.LE, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.LE, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.LE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) <= scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void gtFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GT, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) > scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void gtFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GT, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a > b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgtFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GT, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GT, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.GT, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) > scalar)
            {
                n++;
            }
        }
        return n;
    }

    private static void geFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final long base = from * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i + k) * 8L, LE);
                word |= x.compare(VectorOperators.GE, s).toLong() << k;
            }
            for (; k < rest; k++)
            {
                if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) >= scalar)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static void geFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        final int wordEnd = count & ~63;
        int i = 0;
        for (; i < wordEnd; i += 64)
        {
            long word = 0;
            for (int k = 0; k < 64; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            Bitmaps.storeWord(bitmap, bitOffset + i, word);
        }
        if (i < count)
        {
            final int rest = count - i;
            long word = 0;
            int k = 0;
            for (; k <= rest - 4; k += 4)
            {
                final DoubleVector a = DoubleVector.fromMemorySegment(F64, left, leftBase + (long)(i + k) * 8L, LE);
                final DoubleVector b = DoubleVector.fromMemorySegment(F64, right, rightBase + (long)(i + k) * 8L, LE);
                word |= a.compare(VectorOperators.GE, b).toLong() << k;
            }
            for (; k < rest; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                if (a >= b)
                {
                    word |= 1L << k;
                }
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, rest);
        }
    }

    private static long countgeFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final DoubleVector s = DoubleVector.broadcast(F64, scalar);
        final LongVector zero = LongVector.zero(LongVector.SPECIES_256);
        final LongVector one = LongVector.broadcast(LongVector.SPECIES_256, 1);
        final long base = from * 8L;
        final int bound = count - (count % (2 * 4));
        LongVector acc0 = zero;
        LongVector acc1 = zero;
        int i = 0;
        // Blend 1/0 per lane and add: two accumulators, one reduction at the end (measured faster than trueCount).
        for (; i < bound; i += 2 * 4)
        {
            final long offset = base + (long)i * 8L;
            final DoubleVector x0 = DoubleVector.fromMemorySegment(F64, values, offset, LE);
            final DoubleVector x1 = DoubleVector.fromMemorySegment(F64, values, offset + 32L, LE);
            acc0 = acc0.add(zero.blend(one, x0.compare(VectorOperators.GE, s).cast(LongVector.SPECIES_256)));
            acc1 = acc1.add(zero.blend(one, x1.compare(VectorOperators.GE, s).cast(LongVector.SPECIES_256)));
        }
        long n = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i <= count - 4; i += 4)
        {
            final DoubleVector x = DoubleVector.fromMemorySegment(F64, values, base + (long)(i) * 8L, LE);
            n += x.compare(VectorOperators.GE, s).trueCount();
        }
        for (; i < count; i++)
        {
            if (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) >= scalar)
            {
                n++;
            }
        }
        return n;
    }
}
