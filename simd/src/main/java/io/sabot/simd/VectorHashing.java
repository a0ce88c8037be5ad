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
 * Vector API implementation of column hashing, bit-for-bit equal to {@link Hash64} and to its scalar twin
 * {@link ScalarHashing}. Parameters and null handling are those of {@link ScalarHashing}.
 *
 * <p>Shape: 4 x int64 lanes (256-bit). int64 paths: two vectors (8 rows) per main-loop step so one validity byte
 * covers a step, then a 4-row vector tail and a scalar tail. Widening paths (int32, float32, float64): one vector
 * (4 rows) per step, then a scalar tail; two inlined bodies there exceeded C2's inlining budget, the vectors were
 * boxed (16 B/row) and the path ran slower than scalar. A step whose rows are not all valid is handed to the
 * scalar twin, which writes {@link Hash64#NULL_HASH} for the null rows. int32 and float32 inputs are loaded as 128-bit vectors and
 * widened lane-wise (vpmovsxdq, vcvtps2pd). Floats are canonicalized in-vector: adding {@code +0.0} turns
 * {@code -0.0} into {@code 0.0} and NaN lanes (found by a 64-bit integer compare of the magnitude bits, which
 * measured faster than a floating-point unordered compare plus blend) are blended to the canonical NaN.
 *
 * <p>AVX2 has no 64x64-bit multiply; HotSpot emulates {@code LongVector.mul} with three 32-bit multiplies
 * (vpmuludq) and shifts, so the two multiplies per hash are the cost. See {@link Hashing} for which path the facade
 * uses and why.
 *
 * <p>Thread-safety: stateless. Buffer ownership: the caller's; nothing is retained.
 */
public final class VectorHashing
{
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_128;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final int LANES = LONGS.length();
    private static final int STEP = 2 * LANES;
    private static final int STEP_MASK = (1 << STEP) - 1;
    private static final int LANES_MASK = (1 << LANES) - 1;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final long CANONICAL_NAN = 0x7FF8_0000_0000_0000L;

    private VectorHashing()
    {
    }

    /**
     * Hashes int32 values (sign-extended) into {@code out}; see {@link ScalarHashing#hashInts}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void hashInts(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                mix(ints(values, from + i)).intoMemorySegment(out, (outFrom + i) << 3, LE);
            }
            else
            {
                ScalarHashing.hashInts(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.hashInts(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Folds the hashes of int32 values (sign-extended) into {@code out}; see {@link ScalarHashing#combineInts}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineInts(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                fold(out, (outFrom + i) << 3, ints(values, from + i));
            }
            else
            {
                ScalarHashing.combineInts(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.combineInts(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Hashes int64 values into {@code out}; see {@link ScalarHashing#hashLongs}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void hashLongs(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        int i = 0;
        for (; i <= count - STEP; i += STEP)
        {
            if (validity == null || bits(validity, validityFrom + i, STEP) == STEP_MASK)
            {
                // int64 lanes need no widening: two inlined bodies fit C2's budget and unroll the step.
                mix(longs(values, from + i)).intoMemorySegment(out, (outFrom + i) << 3, LE);
                mix(longs(values, from + i + LANES)).intoMemorySegment(out, (outFrom + i + LANES) << 3, LE);
            }
            else
            {
                ScalarHashing.hashLongs(values, from + i, validity, validityFrom + i, out, outFrom + i, STEP);
            }
        }
        if (i <= count - LANES && (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK))
        {
            mix(longs(values, from + i)).intoMemorySegment(out, (outFrom + i) << 3, LE);
            i += LANES;
        }
        ScalarHashing.hashLongs(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Folds the hashes of int64 values into {@code out}; see {@link ScalarHashing#combineLongs}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineLongs(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        int i = 0;
        for (; i <= count - STEP; i += STEP)
        {
            if (validity == null || bits(validity, validityFrom + i, STEP) == STEP_MASK)
            {
                // int64 lanes need no widening: two inlined bodies fit C2's budget and unroll the step.
                fold(out, (outFrom + i) << 3, longs(values, from + i));
                fold(out, (outFrom + i + LANES) << 3, longs(values, from + i + LANES));
            }
            else
            {
                ScalarHashing.combineLongs(values, from + i, validity, validityFrom + i, out, outFrom + i, STEP);
            }
        }
        if (i <= count - LANES && (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK))
        {
            fold(out, (outFrom + i) << 3, longs(values, from + i));
            i += LANES;
        }
        ScalarHashing.combineLongs(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Hashes float32 values (widened to double, canonicalized) into {@code out}; see {@link ScalarHashing#hashFloats}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void hashFloats(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                mix(floats(values, from + i)).intoMemorySegment(out, (outFrom + i) << 3, LE);
            }
            else
            {
                ScalarHashing.hashFloats(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.hashFloats(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Folds the hashes of float32 values (widened to double, canonicalized) into {@code out};
     * see {@link ScalarHashing#combineFloats}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineFloats(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                fold(out, (outFrom + i) << 3, floats(values, from + i));
            }
            else
            {
                ScalarHashing.combineFloats(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.combineFloats(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Hashes float64 values (canonicalized) into {@code out}; see {@link ScalarHashing#hashDoubles}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void hashDoubles(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                mix(doubles(values, from + i)).intoMemorySegment(out, (outFrom + i) << 3, LE);
            }
            else
            {
                ScalarHashing.hashDoubles(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.hashDoubles(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    /**
     * Folds the hashes of float64 values (canonicalized) into {@code out}; see {@link ScalarHashing#combineDoubles}.
     *
     * @param values       the input values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          int64 hashes.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineDoubles(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        // Widening paths: one vector body per step. Two inlined copies (plus a vector tail) exceed C2's inlining
        // budget and the vectors get boxed; 4 rows per step and one 4-bit validity test instead.
        int i = 0;
        for (; i <= count - LANES; i += LANES)
        {
            if (validity == null || bits(validity, validityFrom + i, LANES) == LANES_MASK)
            {
                fold(out, (outFrom + i) << 3, doubles(values, from + i));
            }
            else
            {
                ScalarHashing.combineDoubles(values, from + i, validity, validityFrom + i, out, outFrom + i, LANES);
            }
        }
        ScalarHashing.combineDoubles(values, from + i, validity, validityFrom + i, out, outFrom + i, count - i);
    }

    private static LongVector longs(final MemorySegment values, final long element)
    {
        return LongVector.fromMemorySegment(LONGS, values, element << 3, LE);
    }

    private static LongVector ints(final MemorySegment values, final long element)
    {
        return (LongVector)IntVector.fromMemorySegment(INTS, values, element << 2, LE)
            .convertShape(VectorOperators.I2L, LONGS, 0);
    }

    private static LongVector floats(final MemorySegment values, final long element)
    {
        final DoubleVector d = (DoubleVector)FloatVector.fromMemorySegment(FLOATS, values, element << 2, LE)
            .convertShape(VectorOperators.F2D, DOUBLES, 0);
        return canonical(d);
    }

    private static LongVector doubles(final MemorySegment values, final long element)
    {
        return canonical(DoubleVector.fromMemorySegment(DOUBLES, values, element << 3, LE));
    }

    private static LongVector canonical(final DoubleVector values)
    {
        // x + 0.0 is x for every x except -0.0, which becomes 0.0. NaN test in the integer domain (|bits| above the
        // infinity pattern), where AVX2 has a native 64-bit compare and blend.
        final LongVector bits = values.add(0.0).reinterpretAsLongs();
        final LongVector magnitude = bits.and(0x7FFF_FFFF_FFFF_FFFFL);
        return bits.blend(CANONICAL_NAN, magnitude.compare(VectorOperators.GT, 0x7FF0_0000_0000_0000L));
    }

    private static LongVector mix(final LongVector value)
    {
        LongVector h = value.lanewise(VectorOperators.XOR, value.lanewise(VectorOperators.LSHR, 33));
        h = h.mul(Hash64.C1);
        h = h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 33));
        h = h.mul(Hash64.C2);
        return h.lanewise(VectorOperators.XOR, h.lanewise(VectorOperators.LSHR, 33));
    }

    private static void fold(final MemorySegment out, final long byteOffset, final LongVector value)
    {
        final LongVector running = LongVector.fromMemorySegment(LONGS, out, byteOffset, LE);
        mix(running.mul(Hash64.GOLDEN).add(mix(value))).intoMemorySegment(out, byteOffset, LE);
    }

    /** @return {@code n <= 8} validity bits starting at {@code bit}, reading only bytes that hold those bits. */
    private static int bits(final MemorySegment validity, final long bit, final int n)
    {
        final long index = bit >>> 3;
        final int shift = (int)(bit & 7);
        int value = validity.get(Layouts.BYTE, index) & 0xFF;
        if (shift + n > 8)
        {
            value |= (validity.get(Layouts.BYTE, index + 1) & 0xFF) << 8;
        }
        return (value >>> shift) & ((1 << n) - 1);
    }
}
