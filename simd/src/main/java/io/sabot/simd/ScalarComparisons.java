package io.sabot.simd;

// Expanded from one loop template per (type, operator, form). The expander is not in this tree: a change to one
// loop must be made to all of its siblings alike.

import java.lang.foreign.MemorySegment;

/**
 * Plain scalar twin of {@link VectorComparisons} with identical results: one loop per (type, operator, form), bits
 * gathered into 64-bit words and stored whole, as in the vector path. Java's {@code <, <=, ==, !=, >, >=} on
 * {@code float}/{@code double} are the IEEE 754 comparisons (NaN compares false, except {@code !=} which is true).
 *
 * <p>Thread-safety: stateless. Buffer ownership: reads and writes only the caller's segments. Nulls: none at this
 * level.
 */
public final class ScalarComparisons
{
    private ScalarComparisons()
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
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geInt8Scalar(final MemorySegment values, final long from, final int count, final byte scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.BYTE, base + i + k) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geInt8Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 1L;
        final long rightBase = rightFrom * 1L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final byte a = left.get(Layouts.BYTE, leftBase + i + k);
                final byte b = right.get(Layouts.BYTE, rightBase + i + k);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeInt8(final MemorySegment values, final long from, final int count, final byte scalar)
    {
        final long base = from * 1L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.BYTE, base + i) >= scalar ? 1 : 0;
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
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geInt16Scalar(final MemorySegment values, final long from, final int count, final short scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.SHORT_UNALIGNED, base + (long)(i + k) * 2L) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geInt16Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 2L;
        final long rightBase = rightFrom * 2L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final short a = left.get(Layouts.SHORT_UNALIGNED, leftBase + (long)(i + k) * 2L);
                final short b = right.get(Layouts.SHORT_UNALIGNED, rightBase + (long)(i + k) * 2L);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeInt16(final MemorySegment values, final long from, final int count, final short scalar)
    {
        final long base = from * 2L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.SHORT_UNALIGNED, base + (long)(i) * 2L) >= scalar ? 1 : 0;
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
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geInt32Scalar(final MemorySegment values, final long from, final int count, final int scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.INT_UNALIGNED, base + (long)(i + k) * 4L) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geInt32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final int a = left.get(Layouts.INT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final int b = right.get(Layouts.INT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeInt32(final MemorySegment values, final long from, final int count, final int scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.INT_UNALIGNED, base + (long)(i) * 4L) >= scalar ? 1 : 0;
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
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geInt64Scalar(final MemorySegment values, final long from, final int count, final long scalar,
        final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.LONG_UNALIGNED, base + (long)(i + k) * 8L) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geInt64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final long a = left.get(Layouts.LONG_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final long b = right.get(Layouts.LONG_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeInt64(final MemorySegment values, final long from, final int count, final long scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.LONG_UNALIGNED, base + (long)(i) * 8L) >= scalar ? 1 : 0;
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
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geFloat32Scalar(final MemorySegment values, final long from, final int count,
        final float scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i + k) * 4L) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geFloat32Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 4L;
        final long rightBase = rightFrom * 4L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final float a = left.get(Layouts.FLOAT_UNALIGNED, leftBase + (long)(i + k) * 4L);
                final float b = right.get(Layouts.FLOAT_UNALIGNED, rightBase + (long)(i + k) * 4L);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeFloat32(final MemorySegment values, final long from, final int count, final float scalar)
    {
        final long base = from * 4L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.FLOAT_UNALIGNED, base + (long)(i) * 4L) >= scalar ? 1 : 0;
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
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) == scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void eqFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a == b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long counteqFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) == scalar ? 1 : 0;
        }
        return n;
    }

    private static void neFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) != scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void neFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a != b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countneFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) != scalar ? 1 : 0;
        }
        return n;
    }

    private static void ltFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) < scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void ltFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a < b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countltFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) < scalar ? 1 : 0;
        }
        return n;
    }

    private static void leFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) <= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void leFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a <= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countleFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) <= scalar ? 1 : 0;
        }
        return n;
    }

    private static void gtFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) > scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void gtFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a > b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgtFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) > scalar ? 1 : 0;
        }
        return n;
    }

    private static void geFloat64Scalar(final MemorySegment values, final long from, final int count,
        final double scalar, final MemorySegment bitmap, final long bitOffset)
    {
        final long base = from * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                word |= (values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i + k) * 8L) >= scalar ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static void geFloat64Column(final MemorySegment left, final long leftFrom, final MemorySegment right,
        final long rightFrom, final int count, final MemorySegment bitmap, final long bitOffset)
    {
        final long leftBase = leftFrom * 8L;
        final long rightBase = rightFrom * 8L;
        for (int i = 0; i < count; i += 64)
        {
            final int n = Math.min(64, count - i);
            long word = 0;
            for (int k = 0; k < n; k++)
            {
                final double a = left.get(Layouts.DOUBLE_UNALIGNED, leftBase + (long)(i + k) * 8L);
                final double b = right.get(Layouts.DOUBLE_UNALIGNED, rightBase + (long)(i + k) * 8L);
                word |= (a >= b ? 1L : 0L) << k;
            }
            Bitmaps.storeBits(bitmap, bitOffset + i, word, n);
        }
    }

    private static long countgeFloat64(final MemorySegment values, final long from, final int count,
        final double scalar)
    {
        final long base = from * 8L;
        long n = 0;
        for (int i = 0; i < count; i++)
        {
            n += values.get(Layouts.DOUBLE_UNALIGNED, base + (long)(i) * 8L) >= scalar ? 1 : 0;
        }
        return n;
    }
}
