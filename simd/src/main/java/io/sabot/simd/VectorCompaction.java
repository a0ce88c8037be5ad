package io.sabot.simd;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API compaction by bitmap: the same contract and results as {@link ScalarCompaction}.
 *
 * <p>Dense words are cut into groups of lanes; each group's mask bits pick a row of a precomputed permutation table
 * that moves the selected lanes to the front ({@code perm.selectFrom(v)}: one {@code vpermd}; int64 and 16-byte
 * elements are permuted as pairs/quads of int lanes), the whole vector is stored unmasked at the output position and
 * the position advances by the mask's bit count:
 *
 * <pre>
 *   in lanes  : [ a  b  c  d ]   mask 1011 (lane 0 = bit 0)
 *   permute   : [ a  b  d  ? ]   row 0b1011 of the table
 *   store at j, then j += bitCount(mask) = 3   (the '?' lane is overwritten by the next group)
 * </pre>
 *
 * <p>Measured choice: {@code selectFrom} with an int table beat {@code rearrange} with a table of
 * {@code VectorShuffle} objects (which C2 did not keep in registers) and {@code toShuffle()} on the loaded row.
 *
 * <p>Unmasked stores write up to a vector past the last selected element, so the vector loop only runs on a word
 * while {@code dst} has room for that word's selected elements plus 8; otherwise (the last few outputs of an exactly
 * sized {@code dst}) the exact scalar set-bit walk finishes. Callers need no slack. All-ones words are bulk copies, all-zero words are skipped and sparse words walk
 * their set bits, as in the scalar twin. No {@code compress}: it is emulated on AVX2.
 *
 * <p>Thread-safety: stateless, tables are immutable; safe from any thread. Buffers are borrowed, never retained.
 */
public final class VectorCompaction
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
    /** True where 512-bit vectors are native (AVX-512): int64 then permutes 8 rows per {@code vpermd zmm}. */
    static final boolean WIDE_LONGS = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final VectorSpecies<Short> S128 = ShortVector.SPECIES_128;
    private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;

    /** 16 x 8 int lanes: for each 4-bit mask, the int pairs of the selected longs first (vpermd). */
    private static final int[] LONG_PERM = permutation(4, 2);
    /** 256 x 16 int lanes: for each 8-bit mask, the int pairs of the selected longs first (vpermd zmm). */
    private static final int[] WIDE_LONG_PERM = permutation(8, 2);
    /** 256 x 8 int lanes: for each 8-bit mask, the selected ints first. */
    private static final int[] INT_PERM = permutation(8, 1);
    /** 4 x 8 int lanes: for each 2-bit mask, the int quads of the selected 16-byte elements first. */
    private static final int[] PAIR_PERM = permutation(2, 4);
    /** 256 x 8 short lanes. */
    private static final short[] SHORT_PERM = toShorts(permutation(8, 1));
    /** 256 x 8 byte lanes. */
    private static final byte[] BYTE_PERM = toBytes(permutation(8, 1));

    private VectorCompaction()
    {
    }

    /**
     * Builds the table of lane permutations: row {@code mask} lists, for each selected element (lowest bit first),
     * its {@code parts} sub-lanes, then pads with lane 0. One row has {@code elements * parts} lanes.
     */
    private static int[] permutation(final int elements, final int parts)
    {
        final int lanes = elements * parts;
        final int[] table = new int[(1 << elements) * lanes];
        for (int mask = 0; mask < 1 << elements; mask++)
        {
            int k = 0;
            for (int e = 0; e < elements; e++)
            {
                if ((mask & (1 << e)) != 0)
                {
                    for (int p = 0; p < parts; p++)
                    {
                        table[mask * lanes + k++] = e * parts + p;
                    }
                }
            }
        }
        return table;
    }

    private static short[] toShorts(final int[] values)
    {
        final short[] out = new short[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = (short)values[i];
        }
        return out;
    }

    private static byte[] toBytes(final int[] values)
    {
        final byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = (byte)values[i];
        }
        return out;
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

    /**
     * Compacts 8-byte elements; see {@link ScalarCompaction#compact}. Uses 8 rows per 512-bit permute where the CPU
     * has native 512-bit vectors, else 4 rows per 256-bit permute (both measured faster than the scalar twin).
     *
     * @return how many elements were written.
     */
    public static int compactLongs(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        return WIDE_LONGS ? compactLongs512(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex) :
            compactLongs256(src, srcIndex, bitmap, bitOffset, count, dst, dstIndex);
    }

    /** 8-byte elements, 4 rows per 256-bit permute (AVX2). */
    static int compactLongs256(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 8 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = (srcIndex + i) << 3;
                long d = (dstIndex + j) << 3;
                for (int g = 0; g < 64; g += 4)
                {
                    final int m = (int)(word >>> g) & 0xF;
                    IntVector.fromArray(I256, LONG_PERM, m << 3)
                        .selectFrom(IntVector.fromMemorySegment(I256, src, s, LE))
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

    /** 8-byte elements, 8 rows per 512-bit permute (AVX-512 only: emulated and slow elsewhere). */
    static int compactLongs512(final MemorySegment src, final long srcIndex, final MemorySegment bitmap,
        final long bitOffset, final int count, final MemorySegment dst, final long dstIndex)
    {
        final long room = dst.byteSize() / 8 - dstIndex;
        int j = 0;
        final int full = count & ~63;
        for (int i = 0; i < full; i += 64)
        {
            final long word = ScalarCompaction.loadBits(bitmap, bitOffset + i, 64);
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = (srcIndex + i) << 3;
                long d = (dstIndex + j) << 3;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    IntVector.fromArray(I512, WIDE_LONG_PERM, m << 4)
                        .selectFrom(IntVector.fromMemorySegment(I512, src, s, LE))
                        .intoMemorySegment(dst, d, LE);
                    s += 64;
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
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = (srcIndex + i) << 2;
                long d = (dstIndex + j) << 2;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    IntVector.fromArray(I256, INT_PERM, m << 3)
                        .selectFrom(IntVector.fromMemorySegment(I256, src, s, LE))
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
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = (srcIndex + i) << 1;
                long d = (dstIndex + j) << 1;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    ShortVector.fromArray(S128, SHORT_PERM, m << 3)
                        .selectFrom(ShortVector.fromMemorySegment(S128, src, s, LE))
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
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = srcIndex + i;
                long d = dstIndex + j;
                for (int g = 0; g < 64; g += 8)
                {
                    final int m = (int)(word >>> g) & 0xFF;
                    ByteVector.fromArray(B64, BYTE_PERM, m << 3)
                        .selectFrom(ByteVector.fromMemorySegment(B64, src, s, LE))
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
            if (word != 0 && word != -1L && Long.bitCount(word) > ScalarCompaction.SPARSE_BITS && j + Long.bitCount(word) + 8 <= room)
            {
                long s = (srcIndex + i) << 4;
                long d = (dstIndex + j) << 4;
                for (int g = 0; g < 64; g += 2)
                {
                    final int m = (int)(word >>> g) & 0x3;
                    IntVector.fromArray(I256, PAIR_PERM, m << 3)
                        .selectFrom(IntVector.fromMemorySegment(I256, src, s, LE))
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
