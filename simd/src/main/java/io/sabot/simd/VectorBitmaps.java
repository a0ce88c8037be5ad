package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API implementation of {@link Bitmaps}. When every range starts on a byte boundary (the common case: Arrow
 * buffers start at bit 0) the bulk is processed 256 bits at a time with {@link LongVector}; ranges starting
 * mid-byte, and the last partial chunk, go through the word-at-a-time code of {@link ScalarBitmaps}.
 *
 * <p>Thread-safety: stateless. Buffer ownership: the caller's segments. Nulls: none at this level.
 */
public final class VectorBitmaps
{
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final int CHUNK_BYTES = 32;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final IntVector IOTA = IntVector.zero(INTS).addIndex(1);
    /** For each byte value, the indices of its set bits, padded to 8 ints: row b is POSITIONS[8b .. 8b + 7]. */
    private static final int[] BYTE_POSITIONS = bytePositions();

    private VectorBitmaps()
    {
    }

    private static int[] bytePositions()
    {
        final int[] table = new int[256 * 8];
        for (int b = 0; b < 256; b++)
        {
            int n = 0;
            for (int k = 0; k < 8; k++)
            {
                if ((b & (1 << k)) != 0)
                {
                    table[b * 8 + n++] = k;
                }
            }
        }
        return table;
    }

    /**
     * See {@link ScalarBitmaps#binary}.
     *
     * @param op       the operation.
     * @param left     left bitmap.
     * @param leftBit  first bit of the left range.
     * @param right    right bitmap.
     * @param rightBit first bit of the right range.
     * @param out      output bitmap.
     * @param outBit   first output bit.
     * @param count    number of bits.
     */
    public static void binary(final int op, final MemorySegment left, final long leftBit, final MemorySegment right,
        final long rightBit, final MemorySegment out, final long outBit, final long count)
    {
        long done = 0;
        if (((leftBit | rightBit | outBit) & 7) == 0)
        {
            final long l = leftBit >>> 3;
            final long r = rightBit >>> 3;
            final long o = outBit >>> 3;
            final long bytes = (count >>> 3) - ((count >>> 3) % CHUNK_BYTES);
            for (long j = 0; j < bytes; j += CHUNK_BYTES)
            {
                final LongVector a = LongVector.fromMemorySegment(LONGS, left, l + j, LE);
                final LongVector b = LongVector.fromMemorySegment(LONGS, right, r + j, LE);
                // One predictable branch per 256 bits keeps every lanewise call on a constant operator.
                final LongVector x = switch (op)
                {
                    case ScalarBitmaps.AND -> a.and(b);
                    case ScalarBitmaps.OR -> a.or(b);
                    case ScalarBitmaps.AND_NOT -> a.and(b.not());
                    default -> a.lanewise(VectorOperators.XOR, b);
                };
                x.intoMemorySegment(out, o + j, LE);
            }
            done = bytes << 3;
        }
        ScalarBitmaps.binary(op, left, leftBit + done, right, rightBit + done, out, outBit + done, count - done);
    }

    /**
     * See {@link Bitmaps#not}.
     *
     * @param in     input bitmap.
     * @param inBit  first input bit.
     * @param out    output bitmap.
     * @param outBit first output bit.
     * @param count  number of bits.
     */
    public static void not(final MemorySegment in, final long inBit, final MemorySegment out, final long outBit,
        final long count)
    {
        long done = 0;
        if (((inBit | outBit) & 7) == 0)
        {
            final long i0 = inBit >>> 3;
            final long o = outBit >>> 3;
            final long bytes = (count >>> 3) - ((count >>> 3) % CHUNK_BYTES);
            for (long j = 0; j < bytes; j += CHUNK_BYTES)
            {
                LongVector.fromMemorySegment(LONGS, in, i0 + j, LE).not().intoMemorySegment(out, o + j, LE);
            }
            done = bytes << 3;
        }
        ScalarBitmaps.not(in, inBit + done, out, outBit + done, count - done);
    }

    /**
     * See {@link Bitmaps#popcount}.
     *
     * @param bitmap the bitmap.
     * @param bitPos first bit.
     * @param count  number of bits.
     * @return the number of set bits.
     */
    public static long popcount(final MemorySegment bitmap, final long bitPos, final long count)
    {
        long done = 0;
        long n = 0;
        if ((bitPos & 7) == 0)
        {
            final long b0 = bitPos >>> 3;
            final long bytes = (count >>> 3) - ((count >>> 3) % CHUNK_BYTES);
            LongVector acc = LongVector.zero(LONGS);
            for (long j = 0; j < bytes; j += CHUNK_BYTES)
            {
                acc = acc.add(LongVector.fromMemorySegment(LONGS, bitmap, b0 + j, LE)
                    .lanewise(VectorOperators.BIT_COUNT));
            }
            n = acc.reduceLanes(VectorOperators.ADD);
            done = bytes << 3;
        }
        return n + ScalarBitmaps.popcount(bitmap, bitPos + done, count - done);
    }

    /**
     * See {@link Bitmaps#selectSetBits}. All-ones words are written as eight iota vectors; other non-zero words a
     * byte at a time: the byte's positions come from a 256-entry table as one 8-lane vector, are offset and stored
     * whole, and the count advances by the byte's popcount (no per-bit branches). A full 8-lane store may write past
     * the last position, so near the end of {@code positions} the scalar bit walk is used instead.
     *
     * @param bitmap    the bitmap.
     * @param bitPos    first bit.
     * @param count     number of bits.
     * @param base      added to every position written.
     * @param positions output int32 positions, written from index 0.
     * @return the number of positions written.
     */
    public static int selectSetBits(final MemorySegment bitmap, final long bitPos, final int count, final int base,
        final MemorySegment positions)
    {
        // Vector stores at index n are safe while n + 64 positions fit.
        final long safeEnd = (positions.byteSize() >>> 2) - 64;
        int n = 0;
        for (int i = 0; i < count; i += 64)
        {
            long word = ScalarBitmaps.loadBits(bitmap, bitPos + i, Math.min(64, count - i));
            if (word == 0)
            {
                continue;
            }
            final int p = base + i;
            if (n <= safeEnd)
            {
                if (word == -1L)
                {
                    final long at = (long)n << 2;
                    for (int k = 0; k < 64; k += 8)
                    {
                        IOTA.add(p + k).intoMemorySegment(positions, at + ((long)k << 2), LE);
                    }
                    n += 64;
                    continue;
                }
                for (int k = 0; k < 64; k += 8)
                {
                    final int b = (int)(word >>> k) & 0xFF;
                    IntVector.fromArray(INTS, BYTE_POSITIONS, b << 3).add(p + k)
                        .intoMemorySegment(positions, (long)n << 2, LE);
                    n += Integer.bitCount(b);
                }
                continue;
            }
            while (word != 0)
            {
                positions.set(Layouts.INT_UNALIGNED, (long)n << 2, p + Long.numberOfTrailingZeros(word));
                n++;
                word &= word - 1;
            }
        }
        return n;
    }
}
