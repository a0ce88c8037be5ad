package io.sabot.kernels.decimal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import io.sabot.simd.Layouts;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops behind {@link Decimals}: 16-byte Decimal128 slots to 8-byte unscaled values and back, each as a Vector
 * API body ({@code *Vector}, 256-bit: two loads of two slots each, a two-vector rearrange) and its scalar twin
 * ({@code *Scalar}); tests and the narrowing benchmark compare them.
 *
 * <pre>
 *   Decimal128 slot i:  bytes [16i, 16i + 8) low word | [16i + 8, 16i + 16) high word (sign extension if it fits)
 *   decimal64 row i:    bytes [8i, 8i + 8) = the low word
 * </pre>
 *
 * <p>Thread-safety: stateless. Segments are caller-owned and must hold {@code count} rows.
 */
public final class DecimalWords
{
    private static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_256;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Low words of two loads: lanes 0, 2 of the first, then 0, 2 of the second (negative = second vector). */
    private static final VectorShuffle<Long> EVENS = VectorShuffle.fromValues(SPECIES, 0, 2, 0 - 4, 2 - 4);
    private static final VectorShuffle<Long> ODDS = VectorShuffle.fromValues(SPECIES, 1, 3, 1 - 4, 3 - 4);
    /** Interleave values and their sign words: v0 h0 v1 h1, then v2 h2 v3 h3. */
    private static final VectorShuffle<Long> ZIP_LOW = VectorShuffle.fromValues(SPECIES, 0, 0 - 4, 1, 1 - 4);
    private static final VectorShuffle<Long> ZIP_HIGH = VectorShuffle.fromValues(SPECIES, 2, 2 - 4, 3, 3 - 4);

    private DecimalWords()
    {
    }

    /**
     * Copies the low word of {@code count} 16-byte slots into 8-byte rows and reports whether any slot may not fit:
     * its high word is not the low word's sign extension, or {@code |low| > max}. Null rows are not looked at
     * separately (their slots are checked like others; the caller rechecks a reported row's validity).
     *
     * @param slots  Decimal128 data, 16 bytes per row.
     * @param rows   decimal64 data, 8 bytes per row.
     * @param count  rows.
     * @param max    the largest unscaled magnitude allowed, 10^p - 1.
     * @return true when some slot is out of range (the rows written are then not all valid).
     */
    public static boolean narrowVector(final MemorySegment slots, final MemorySegment rows, final int count,
        final long max)
    {
        final int bound = count - count % LANES;
        VectorMask<Long> bad = SPECIES.maskAll(false);
        for (int i = 0; i < bound; i += LANES)
        {
            final long at = (long)i << 4;
            final LongVector a = LongVector.fromMemorySegment(SPECIES, slots, at, LE);
            final LongVector b = LongVector.fromMemorySegment(SPECIES, slots, at + 32, LE);
            final LongVector low = a.rearrange(EVENS, b);
            final LongVector high = a.rearrange(ODDS, b);
            bad = bad.or(high.compare(VectorOperators.NE, low.lanewise(VectorOperators.ASHR, 63)))
                .or(low.compare(VectorOperators.GT, max)).or(low.compare(VectorOperators.LT, -max));
            low.intoMemorySegment(rows, (long)i << 3, LE);
        }
        return bad.anyTrue() | narrowScalar(slots, rows, bound, count, max);
    }

    /**
     * Scalar twin of {@link #narrowVector} over rows {@code [from, to)}.
     *
     * @param slots Decimal128 data. @param rows decimal64 data. @param from first row. @param to end row.
     * @param max the largest unscaled magnitude allowed.
     * @return true when some slot is out of range.
     */
    public static boolean narrowScalar(final MemorySegment slots, final MemorySegment rows, final int from,
        final int to, final long max)
    {
        boolean bad = false;
        for (int i = from; i < to; i++)
        {
            final long low = slots.get(Layouts.LONG_UNALIGNED, (long)i << 4);
            final long high = slots.get(Layouts.LONG_UNALIGNED, ((long)i << 4) + 8);
            bad |= high != (low >> 63) | low > max | low < -max;
            rows.set(Layouts.LONG_UNALIGNED, (long)i << 3, low);
        }
        return bad;
    }

    /**
     * @param slots Decimal128 data. @param row a row. @param max the largest unscaled magnitude allowed.
     * @return whether that slot fits 64 bits and the precision.
     */
    public static boolean fits(final MemorySegment slots, final int row, final long max)
    {
        final long low = slots.get(Layouts.LONG_UNALIGNED, (long)row << 4);
        final long high = slots.get(Layouts.LONG_UNALIGNED, ((long)row << 4) + 8);
        return high == (low >> 63) && low <= max && low >= -max;
    }

    /**
     * Writes each 8-byte row as a 16-byte slot (the value, then its sign extension).
     *
     * @param rows  decimal64 data, 8 bytes per row.
     * @param slots Decimal128 data, 16 bytes per row.
     * @param count rows.
     */
    public static void widenVector(final MemorySegment rows, final MemorySegment slots, final int count)
    {
        final int bound = count - count % LANES;
        for (int i = 0; i < bound; i += LANES)
        {
            final LongVector v = LongVector.fromMemorySegment(SPECIES, rows, (long)i << 3, LE);
            final LongVector sign = v.lanewise(VectorOperators.ASHR, 63);
            final long at = (long)i << 4;
            v.rearrange(ZIP_LOW, sign).intoMemorySegment(slots, at, LE);
            v.rearrange(ZIP_HIGH, sign).intoMemorySegment(slots, at + 32, LE);
        }
        widenScalar(rows, slots, bound, count);
    }

    /**
     * Scalar twin of {@link #widenVector} over rows {@code [from, to)}.
     *
     * @param rows decimal64 data. @param slots Decimal128 data. @param from first row. @param to end row.
     */
    public static void widenScalar(final MemorySegment rows, final MemorySegment slots, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            final long v = rows.get(Layouts.LONG_UNALIGNED, (long)i << 3);
            slots.set(Layouts.LONG_UNALIGNED, (long)i << 4, v);
            slots.set(Layouts.LONG_UNALIGNED, ((long)i << 4) + 8, v >> 63);
        }
    }
}
