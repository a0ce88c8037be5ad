package io.sabot.simd;

import java.lang.foreign.MemorySegment;

/**
 * Scalar twin of {@link VectorHashing}: hashes a column of values into an int64 segment with {@link Hash64}, one row
 * at a time. It is the reference the vector path is tested against and the path the {@link Hashing} facade runs when
 * vectors are off or slower.
 *
 * <p>Every method reads {@code count} values starting at element {@code from} of {@code values}, reads validity bit
 * {@code validityFrom + i} of {@code validity} (Arrow bitmap; {@code null} means every row is valid) and writes or
 * folds into element {@code outFrom + i} of {@code out}. Null rows hash as {@link Hash64#NULL_HASH}.
 *
 * <p>Thread-safety: stateless. Buffer ownership: the caller's; nothing is retained.
 */
public final class ScalarHashing
{
    private ScalarHashing()
    {
    }

    /**
     * {@code out[i] = Hash64.hashLong(values[i])} for int32 values (sign-extended).
     *
     * @param values       int32 values.
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
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashLong(values.get(Layouts.INT_UNALIGNED, (from + i) << 2)) : Hash64.NULL_HASH;
            out.set(Layouts.LONG_UNALIGNED, (outFrom + i) << 3, h);
        }
    }

    /**
     * {@code out[i] = Hash64.hashLong(values[i])} for int64 values. Parameters as {@link #hashInts}.
     *
     * @param values       int64 values.
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
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashLong(values.get(Layouts.LONG_UNALIGNED, (from + i) << 3)) : Hash64.NULL_HASH;
            out.set(Layouts.LONG_UNALIGNED, (outFrom + i) << 3, h);
        }
    }

    /**
     * {@code out[i] = Hash64.hashFloat(values[i])} for float32 values. Parameters as {@link #hashInts}.
     *
     * @param values       float32 values.
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
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashFloat(values.get(Layouts.FLOAT_UNALIGNED, (from + i) << 2)) : Hash64.NULL_HASH;
            out.set(Layouts.LONG_UNALIGNED, (outFrom + i) << 3, h);
        }
    }

    /**
     * {@code out[i] = Hash64.hashDouble(values[i])} for float64 values. Parameters as {@link #hashInts}.
     *
     * @param values       float64 values.
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
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashDouble(values.get(Layouts.DOUBLE_UNALIGNED, (from + i) << 3)) : Hash64.NULL_HASH;
            out.set(Layouts.LONG_UNALIGNED, (outFrom + i) << 3, h);
        }
    }

    /**
     * {@code out[i] = Hash64.combine(out[i], Hash64.hashLong(values[i]))} for int32 values (sign-extended).
     *
     * @param values       int32 values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          running int64 hashes, read and rewritten.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineInts(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashLong(values.get(Layouts.INT_UNALIGNED, (from + i) << 2)) : Hash64.NULL_HASH;
            final long at = (outFrom + i) << 3;
            out.set(Layouts.LONG_UNALIGNED, at, Hash64.combine(out.get(Layouts.LONG_UNALIGNED, at), h));
        }
    }

    /**
     * {@code out[i] = Hash64.combine(out[i], Hash64.hashLong(values[i]))} for int64 values.
     *
     * @param values       int64 values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          running int64 hashes, read and rewritten.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineLongs(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashLong(values.get(Layouts.LONG_UNALIGNED, (from + i) << 3)) : Hash64.NULL_HASH;
            final long at = (outFrom + i) << 3;
            out.set(Layouts.LONG_UNALIGNED, at, Hash64.combine(out.get(Layouts.LONG_UNALIGNED, at), h));
        }
    }

    /**
     * {@code out[i] = Hash64.combine(out[i], Hash64.hashFloat(values[i]))} for float32 values.
     *
     * @param values       float32 values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          running int64 hashes, read and rewritten.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineFloats(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashFloat(values.get(Layouts.FLOAT_UNALIGNED, (from + i) << 2)) : Hash64.NULL_HASH;
            final long at = (outFrom + i) << 3;
            out.set(Layouts.LONG_UNALIGNED, at, Hash64.combine(out.get(Layouts.LONG_UNALIGNED, at), h));
        }
    }

    /**
     * {@code out[i] = Hash64.combine(out[i], Hash64.hashDouble(values[i]))} for float64 values.
     *
     * @param values       float64 values.
     * @param from         first element of {@code values}.
     * @param validity     validity bitmap, or {@code null} when every row is valid.
     * @param validityFrom bit index of the first row in {@code validity}.
     * @param out          running int64 hashes, read and rewritten.
     * @param outFrom      first element of {@code out}.
     * @param count        number of rows.
     */
    public static void combineDoubles(final MemorySegment values, final long from, final MemorySegment validity,
        final long validityFrom, final MemorySegment out, final long outFrom, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long h = isValid(validity, validityFrom + i) ?
                Hash64.hashDouble(values.get(Layouts.DOUBLE_UNALIGNED, (from + i) << 3)) : Hash64.NULL_HASH;
            final long at = (outFrom + i) << 3;
            out.set(Layouts.LONG_UNALIGNED, at, Hash64.combine(out.get(Layouts.LONG_UNALIGNED, at), h));
        }
    }

    static boolean isValid(final MemorySegment validity, final long bit)
    {
        return validity == null || Bitmaps.isSet(validity, bit);
    }
}
