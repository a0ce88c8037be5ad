package io.sabot.jit.codegen;

import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Static helpers called by the code {@link VectorBlockEmitter} generates; small so that C2 inlines them into the
 * generated loops.
 *
 * <p>Thread-safety: stateless (the position table is immutable). Buffer ownership: the caller's segments. Nulls: a
 * {@code null} validity segment means "no nulls".
 */
public final class VectorRuntime
{
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** For every byte value b, the positions of its set bits padded to 8 ints: row {@code b * 8 + i}. */
    private static final int[] BYTE_POSITIONS = bytePositions();

    private VectorRuntime()
    {
    }

    private static final VectorShuffle<Long> EVENS_128 = evens(LongVector.SPECIES_128);
    private static final VectorShuffle<Long> EVENS_256 = evens(LongVector.SPECIES_256);
    private static final VectorShuffle<Long> EVENS_512 = evens(LongVector.SPECIES_512);

    /** Lanes 0, 2, 4.. of the first vector, then lanes 0, 2, 4.. of the second (negative: second vector). */
    private static VectorShuffle<Long> evens(final VectorSpecies<Long> species)
    {
        final int n = species.length();
        final int[] index = new int[n];
        for (int i = 0; i < n; i++)
        {
            index[i] = i < n / 2 ? 2 * i : 2 * (i - n / 2) - n;
        }
        return VectorShuffle.fromArray(species, index, 0);
    }

    /**
     * The unscaled values of {@code species.length()} decimal(p &lt;= 18) slots from {@code row}: the low 8 bytes of
     * each 16-byte slot, gathered from two contiguous loads.
     *
     * @param species   the long species of the block method.
     * @param values    the DecimalVector's data buffer.
     * @param row       the first row.
     * @return the low words as lanes.
     */
    public static LongVector decimalLanes(final VectorSpecies<Long> species, final MemorySegment values,
        final long row)
    {
        final long at = row << 4;
        final LongVector a = LongVector.fromMemorySegment(species, values, at, LE);
        final LongVector b = LongVector.fromMemorySegment(species, values, at + ((long)species.length() << 3), LE);
        final VectorShuffle<Long> evens = switch (species.length())
        {
            case 2 -> EVENS_128;
            case 4 -> EVENS_256;
            default -> EVENS_512;
        };
        return a.rearrange(evens, b);
    }

    /*
     * Comparisons of 64 decimal(p <= 18) slots with a constant, straight from the 16-byte slots: each 256-bit load
     * holds two slots (lo, hi, lo, hi); the hi lanes' compare bits are dropped (an unscaled value of at most 18
     * digits is its low word). One call per 64-row block and no vector crossing the call, so these stay fast when
     * C2 does not inline them into a large generated method (NodeCountInliningCutoff), where decimalLanes'
     * two-vector rearrange falls back to Java code. Each loop names its operator: a shared loop taking the operator
     * as an argument is not inlined into them either, and a non-constant operator is not intrinsified.
     *
     *   slot i:  [ lo (8 bytes) | hi (8 bytes) ]      load at 32k: slots 2k, 2k + 1  ->  mask bits 0 and 2
     */

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} equals {@code literal}. */
    public static long decimalEqWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.EQ, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.EQ, c).toLong()) << j;
        }
        return word;
    }

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} differs from {@code literal}. */
    public static long decimalNeWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.NE, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.NE, c).toLong()) << j;
        }
        return word;
    }

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} &lt; {@code literal}. */
    public static long decimalLtWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.LT, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.LT, c).toLong()) << j;
        }
        return word;
    }

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} &lt;= {@code literal}. */
    public static long decimalLeWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.LE, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.LE, c).toLong()) << j;
        }
        return word;
    }

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} &gt; {@code literal}. */
    public static long decimalGtWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.GT, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.GT, c).toLong()) << j;
        }
        return word;
    }

    /** @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @return bit i set when slot {@code row + i} &gt;= {@code literal}. */
    public static long decimalGeWord(final MemorySegment values, final int row, final long literal)
    {
        final LongVector c = LongVector.broadcast(LONGS, literal);
        long word = 0;
        long at = (long)row << 4;
        for (int j = 0; j < 64; j += 4, at += 64)
        {
            word |= evenBits(slots(values, at).compare(VectorOperators.GE, c).toLong(),
                slots(values, at + 32).compare(VectorOperators.GE, c).toLong()) << j;
        }
        return word;
    }

    private static LongVector slots(final MemorySegment values, final long at)
    {
        return LongVector.fromMemorySegment(LONGS, values, at, LE);
    }

    /** Mask bits 0 and 2 of two 4-lane compares (the low words of four slots) as bits 0..3. */
    private static long evenBits(final long a, final long b)
    {
        return (a & 1) | (a >>> 1 & 2) | (b & 1) << 2 | (b << 1 & 8);
    }

    /**
     * Scalar twin of the {@code decimal*Word} methods (tests compare them).
     *
     * @param values decimal data buffer. @param row first of 64 rows. @param literal unscaled constant.
     * @param op the comparison.
     * @return bit i set when {@code slot(row + i) op literal}.
     */
    public static long decimalWordScalar(final MemorySegment values, final int row, final long literal,
        final io.sabot.simd.CompareOp op)
    {
        long word = 0;
        for (int i = 0; i < 64; i++)
        {
            final long v = values.get(Layouts.LONG_UNALIGNED, (long)(row + i) << 4);
            final boolean hit = switch (op)
            {
                case EQ -> v == literal;
                case NE -> v != literal;
                case LT -> v < literal;
                case LE -> v <= literal;
                case GT -> v > literal;
                case GE -> v >= literal;
            };
            word |= (hit ? 1L : 0L) << i;
        }
        return word;
    }

    /**
     * @param a left lanes. @param b right lanes. @param frame the run's frame, flagged when the check fails.
     * @return {@code a * b}; exact when every lane of both operands is below 2^31 in magnitude, else
     *     {@link io.sabot.jit.exec.Frame#recheck} is set.
     */
    public static LongVector mulChecked(final LongVector a, final LongVector b, final io.sabot.jit.exec.Frame frame)
    {
        final LongVector m = a.lanewise(VectorOperators.ABS).or(b.lanewise(VectorOperators.ABS));
        if (m.compare(VectorOperators.UGE, 1L << 31).anyTrue())
        {
            frame.recheck = true;
        }
        return a.mul(b);
    }

    /**
     * @param a left lanes. @param b right lanes. @param frame the run's frame, flagged when the check fails.
     * @return {@code a + b}; exact when every lane of both operands is below 2^62 in magnitude, else flagged.
     */
    public static LongVector addChecked(final LongVector a, final LongVector b, final io.sabot.jit.exec.Frame frame)
    {
        sumCheck(a, b, frame);
        return a.add(b);
    }

    /**
     * @param a left lanes. @param b right lanes. @param frame the run's frame, flagged when the check fails.
     * @return {@code a - b}; exact when every lane of both operands is below 2^62 in magnitude, else flagged.
     */
    public static LongVector subChecked(final LongVector a, final LongVector b, final io.sabot.jit.exec.Frame frame)
    {
        sumCheck(a, b, frame);
        return a.sub(b);
    }

    private static void sumCheck(final LongVector a, final LongVector b, final io.sabot.jit.exec.Frame frame)
    {
        final LongVector m = a.lanewise(VectorOperators.ABS).or(b.lanewise(VectorOperators.ABS));
        if (m.compare(VectorOperators.UGE, 1L << 62).anyTrue())
        {
            frame.recheck = true;
        }
    }

    private static int[] bytePositions()
    {
        final int[] table = new int[256 * 8];
        for (int b = 0; b < 256; b++)
        {
            int n = 0;
            for (int i = 0; i < 8; i++)
            {
                if ((b & (1 << i)) != 0)
                {
                    table[b * 8 + n++] = i;
                }
            }
        }
        return table;
    }

    /**
     * @param validity a validity bitmap, or {@code null} for "no nulls".
     * @param row      the first row.
     * @return the validity bits of rows {@code [row, row + 64)}, bit i = row + i; all ones when {@code validity} is
     *     {@code null}.
     */
    public static long validityWord(final MemorySegment validity, final int row)
    {
        return validity == null ? -1L : Bitmaps.loadBits(validity, row, 64);
    }

    /**
     * @param bitmap a bitmap (BOOLEAN values).
     * @param row    the first row.
     * @return bits {@code [row, row + 64)}.
     */
    public static long bitsWord(final MemorySegment bitmap, final int row)
    {
        return Bitmaps.loadBits(bitmap, row, 64);
    }

    /**
     * Appends {@code row + i} for every set bit i of {@code word} as int32 LE at index {@code k} onwards. With room
     * for a whole block left in {@code sel}, each byte of the word is written as one 8-lane store of table positions
     * and the index advances by its popcount (no data-dependent branches); near the end, set bits are walked.
     *
     * @param sel  output positions.
     * @param k    next index to write.
     * @param word selected rows of the block.
     * @param row  first row of the block.
     * @return the next index.
     */
    public static int select(final MemorySegment sel, final int k, final long word, final int row)
    {
        if (word == 0)
        {
            return k;
        }
        if (((long)k + 64) << 2 <= sel.byteSize())
        {
            return selectTable(sel, k, word, row);
        }
        return selectWalk(sel, k, word, row);
    }

    static int selectTable(final MemorySegment sel, final int k, final long word, final int row)
    {
        int n = k;
        for (int b = 0; b < 64; b += 8)
        {
            final int bits = (int)(word >>> b) & 0xFF;
            IntVector.fromArray(INTS, BYTE_POSITIONS, bits << 3).add(row + b)
                .intoMemorySegment(sel, (long)n << 2, LE);
            n += Integer.bitCount(bits);
        }
        return n;
    }

    static int selectWalk(final MemorySegment sel, final int k, final long word, final int row)
    {
        int n = k;
        long w = word;
        while (w != 0)
        {
            sel.set(Layouts.INT_UNALIGNED, (long)n << 2, row + Long.numberOfTrailingZeros(w));
            n++;
            w &= w - 1;
        }
        return n;
    }

    /**
     * Stores a 64-bit word at bit {@code 64 * block} of a dense output bitmap.
     *
     * @param bitmap output bitmap.
     * @param outRow first output row of the block, a multiple of 64.
     * @param word   the bits.
     */
    public static void storeWord(final MemorySegment bitmap, final int outRow, final long word)
    {
        bitmap.set(Layouts.LONG_UNALIGNED, (long)(outRow >>> 3), word);
    }
}
