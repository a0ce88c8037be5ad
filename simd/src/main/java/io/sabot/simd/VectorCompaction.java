package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API compaction by bitmap: the same contract and results as {@link ScalarCompaction}.
 *
 * <p>Dense words are cut into groups of lanes; each group's mask bits pick one of a precomputed table of
 * {@link VectorShuffle}s that moves the selected lanes to the front ({@code rearrange}, a {@code vpermd}/
 * {@code vpermq}/{@code pshufb}), the whole vector is stored unmasked at the output position and the position
 * advances by the mask's bit count:
 *
 * <pre>
 *   in lanes  : [ a  b  c  d ]   mask 1011 (lane 0 = bit 0)
 *   rearrange : [ a  b  d  ? ]   table[0b1011]
 *   store at j, then j += bitCount(mask) = 3   (the '?' lane is overwritten by the next group)
 * </pre>
 *
 * <p>Unmasked stores write up to a vector past the last selected element, so the vector loop only runs while
 * {@code dst} has room for a whole word plus a vector; near the end of {@code dst} the exact scalar set-bit walk
 * finishes. Callers need no slack. All-ones words are bulk copies, all-zero words are skipped and sparse words walk
 * their set bits, as in the scalar twin. No {@code compress}: it is emulated on AVX2.
 *
 * <p>Thread-safety: stateless, tables are immutable; safe from any thread. Buffers are borrowed, never retained.
 */
public final class VectorCompaction
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Long> L256 = LongVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;

    /** For 4 longs: 16 shuffles. */
    private static final VectorShuffle<Long>[] LONG_SHUFFLES = table(L256, 4);
    /** For 8 ints: 256 shuffles. */
    private static final VectorShuffle<Integer>[] INT_SHUFFLES = table(I256, 8);
    /** For 8 shorts: 256 shuffles. */
    private static final VectorShuffle<Short>[] SHORT_SHUFFLES = table(S128, 8);
    /** For 8 bytes: 256 shuffles. */
    private static final VectorShuffle<Byte>[] BYTE_SHUFFLES = table(B64, 8);
    /** For 2 x 16-byte elements viewed as 4 longs: 4 shuffles. */
    private static final VectorShuffle<Long>[] PAIR_SHUFFLES = pairTable();

    private VectorCompaction()
    {
    }

    @SuppressWarnings("unchecked")
    private static <E> VectorShuffle<E>[] table(final VectorSpecies<E> species, final int lanes)
    {
        final VectorShuffle<E>[] table = new VectorShuffle[1 << lanes];
        final int[] order = new int[species.length()];
        for (int mask = 0; mask < table.length; mask++)
        {
            int k = 0;
            for (int lane = 0; lane < lanes; lane++)
            {
                if ((mask & (1 << lane)) != 0)
                {
                    order[k++] = lane;
                }
            }
            for (int lane = 0; k < order.length; lane++)
            {
                order[k++] = lane % species.length();
            }
            table[mask] = VectorShuffle.fromArray(species, order, 0);
        }
        return table;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Long>[] pairTable()
    {
        final VectorShuffle<Long>[] table = new VectorShuffle[4];
        table[0] = VectorShuffle.fromValues(L256, 0, 1, 2, 3);
        table[1] = VectorShuffle.fromValues(L256, 0, 1, 2, 3);
        table[2] = VectorShuffle.fromValues(L256, 2, 3, 0, 1);
        table[3] = VectorShuffle.fromValues(L256, 0, 1, 2, 3);
        return table;
    }

    /**
     * Compacts elements of {@code width} bytes; same contract as {@link ScalarCompaction#compact}.
     *
     * @return how many elements were written.
     */
    public static int compact(final int width, final MemorySegment src, final long srcIndex,
        final MemorySegment bitmap, final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        return switch (width)
        {
            case 1 -> compactBytes(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 2 -> compactShorts(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 4 -> compactInts(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 8 -> compactLongs(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            case 16 -> compact128(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
            default -> throw new IllegalArgumentException("element width must be 1, 2, 4, 8 or 16, was " + width);
        };
    }

    /** Compacts 8-byte elements, 4 lanes per shuffle; see {@link ScalarCompaction#compact}. */
    public static int compactLongs(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 8 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + 68 <= room)
            {
                long s = (srcIndex + i) << 3;
                long d = (dstIndex + j) << 3;
                for (int g = 0; g < 64; g += 4)
                {
                    final int m = (int)(word >>> g) & 0xF;
                    LongVector.fromMemorySegment(L256, src, s, LE).rearrange(LONG_SHUFFLES[m])
                        .intoMemorySegment(dst, d, LE);
                    s += 32;
                    d += (long)Integer.bitCount(m) << 3;
                }
                j = (int)((d >>> 3) - dstIndex);
            }
            else
            {
                j = ScalarCompaction.compactWordLongs(src, srcIndex + i, word, 64, dst, dstIndex, j, room);
            }
        }
        if (full < count)
        {
            final int n = count - full;
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + full, n);
            j = ScalarCompaction.compactWordLongs(src, srcIndex + full, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    /** Compacts 4-byte elements, 8 lanes per shuffle; see {@link ScalarCompaction#compact}. */
    public static int compactInts(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 4 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + 72 <= room)
            {
                long s = (srcIndex + i) << 2;
                long d = (dstIndex + j) << 2;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    IntVector.fromMemorySegment(I256, src, s, LE).rearrange(INT_SHUFFLES[m])
                        .intoMemorySegment(dst, d, LE);
                    s += 32;
                    d += (long)Integer.bitCount(m) << 2;
                }
                j = (int)((d >>> 2) - dstIndex);
            }
            else
            {
                j = ScalarCompaction.compactWordInts(src, srcIndex + i, word, 64, dst, dstIndex, j, room);
            }
        }
        if (full < count)
        {
            final int n = count - full;
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + full, n);
            j = ScalarCompaction.compactWordInts(src, srcIndex + full, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    /** Compacts 2-byte elements, 8 lanes per shuffle; see {@link ScalarCompaction#compact}. */
    public static int compactShorts(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 2 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + 72 <= room)
            {
                long s = (srcIndex + i) << 1;
                long d = (dstIndex + j) << 1;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    ShortVector.fromMemorySegment(S128, src, s, LE).rearrange(SHORT_SHUFFLES[m])
                        .intoMemorySegment(dst, d, LE);
                    s += 16;
                    d += (long)Integer.bitCount(m) << 1;
                }
                j = (int)((d >>> 1) - dstIndex);
            }
            else
            {
                j = ScalarCompaction.compactWordShorts(src, srcIndex + i, word, 64, dst, dstIndex, j, room);
            }
        }
        if (full < count)
        {
            final int n = count - full;
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + full, n);
            j = ScalarCompaction.compactWordShorts(src, srcIndex + full, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    /** Compacts 1-byte elements, 8 lanes per shuffle; see {@link ScalarCompaction#compact}. */
    public static int compactBytes(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + 72 <= room)
            {
                long s = srcIndex + i;
                long d = dstIndex + j;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    ByteVector.fromMemorySegment(B64, src, s, LE).rearrange(BYTE_SHUFFLES[m])
                        .intoMemorySegment(dst, d, LE);
                    s += 8;
                    d += Integer.bitCount(m);
                }
                j = (int)(d - dstIndex);
            }
            else
            {
                j = ScalarCompaction.compactWordBytes(src, srcIndex + i, word, 64, dst, dstIndex, j, room);
            }
        }
        if (full < count)
        {
            final int n = count - full;
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + full, n);
            j = ScalarCompaction.compactWordBytes(src, srcIndex + full, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    /** Compacts 16-byte elements, 2 per 256-bit shuffle; see {@link ScalarCompaction#compact}. */
    public static int compact128(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 16 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + 66 <= room)
            {
                long s = (srcIndex + i) << 4;
                long d = (dstIndex + j) << 4;
                for (int g = 0; g < 64; g += 2)
                {
                    final int m = (int)(word >>> g) & 0x3;
                    LongVector.fromMemorySegment(L256, src, s, LE).rearrange(PAIR_SHUFFLES[m])
                        .intoMemorySegment(dst, d, LE);
                    s += 32;
                    d += (long)Integer.bitCount(m) << 4;
                }
                j = (int)((d >>> 4) - dstIndex);
            }
            else
            {
                j = ScalarCompaction.compactWord128(src, srcIndex + i, word, 64, dst, dstIndex, j, room);
            }
        }
        if (full < count)
        {
            final int n = count - full;
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + full, n);
            j = ScalarCompaction.compactWord128(src, srcIndex + full, word, n, dst, dstIndex, j, room);
        }
        return j;
    }

    /**
     * Bit compaction; same contract as {@link ScalarCompaction#compactBits}. There is no wider-than-64-bit trick on
     * AVX2 worth having here: {@code pext} already handles 64 rows per instruction, so both twins share it.
     *
     * @return how many bits were written.
     */
    public static int compactBits(final MemorySegment src, final long srcBitOffset, final MemorySegment mask,
        final long maskBitOffset, final int count, final MemorySegment dst)
    {
        return ScalarCompaction.compactBits(src, srcBitOffset, mask, maskBitOffset, count, dst);
    }
}
