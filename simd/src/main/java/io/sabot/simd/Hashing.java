package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Hashes a column of fixed-width values into an int64 segment, or folds it into running row hashes: the facade over
 * {@link VectorHashing} and {@link ScalarHashing}. Results equal {@link Hash64} bit for bit: {@code hash*} writes
 * {@code Hash64.hashLong/hashFloat/hashDouble(value)}, {@code combine*} writes
 * {@code Hash64.combine(out[i], hash(value))}; a row whose validity bit is clear hashes as {@link Hash64#NULL_HASH}
 * and is folded like a value.
 *
 * <p>Addressing: {@code count} rows; value {@code i} is element {@code from + i} of {@code values}, its validity is bit
 * {@code validityFrom + i} of the Arrow bitmap {@code validity} ({@code null} = all valid), its hash is element
 * {@code outFrom + i} of {@code out}. {@code out} may not overlap {@code values}.
 *
 * <p>Path choice: {@link #VECTOR} (see its Javadoc for the measurement behind it).
 *
 * <p>Thread-safety: stateless. Buffer ownership: the caller's; nothing is retained.
 */
public final class Hashing
{
    /**
     * True when this facade runs {@link VectorHashing}. On AVX2 {@code LongVector.mul} is emulated with 32-bit
     * multiplies (vpmuludq + shifts), yet measured with {@code io.sabot.bench.hash.HashBench} on this AVX2 machine
     * the vector path still wins at 1K and 1M rows (medians, one run: hash int64 1K 0.54 vs 1.35 us, 1M 0.83 vs
     * 1.36 ms; combine int64 1K 1.42 vs 2.54 us; combine int32 1M 2.43 vs 4.08 ms; combine float64 1M 2.80 vs
     * 3.50 ms), so the facade follows {@link SimdConfig#VECTOR_ENABLED}.
     */
    public static final boolean VECTOR = SimdConfig.VECTOR_ENABLED;

    private Hashing()
    {
    }

    /**
     * Writes the hash of each of int32 values, sign-extended to long.
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
        if (VECTOR)
        {
            VectorHashing.hashInts(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.hashInts(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Folds the hash of each of int32 values, sign-extended to long into the running row hashes in {@code out}.
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
        if (VECTOR)
        {
            VectorHashing.combineInts(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.combineInts(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Writes the hash of each of int64 values.
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
        if (VECTOR)
        {
            VectorHashing.hashLongs(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.hashLongs(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Folds the hash of each of int64 values into the running row hashes in {@code out}.
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
        if (VECTOR)
        {
            VectorHashing.combineLongs(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.combineLongs(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Writes the hash of each of float32 values, hashed as the equal double.
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
        if (VECTOR)
        {
            VectorHashing.hashFloats(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.hashFloats(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Folds the hash of each of float32 values, hashed as the equal double into the running row hashes in {@code out}.
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
        if (VECTOR)
        {
            VectorHashing.combineFloats(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.combineFloats(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Writes the hash of each of float64 values.
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
        if (VECTOR)
        {
            VectorHashing.hashDoubles(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.hashDoubles(values, from, validity, validityFrom, out, outFrom, count);
        }
    }

    /**
     * Folds the hash of each of float64 values into the running row hashes in {@code out}.
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
        if (VECTOR)
        {
            VectorHashing.combineDoubles(values, from, validity, validityFrom, out, outFrom, count);
        }
        else
        {
            ScalarHashing.combineDoubles(values, from, validity, validityFrom, out, outFrom, count);
        }
    }
}
