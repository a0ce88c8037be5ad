package io.sabot.jit.testing;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the vectors expressions use as Java objects for comparisons: {@link Boolean}, {@link Integer}, {@link Long},
 * {@link Float}, {@link Double}, {@link String} (decoded from UTF-8), or {@code null} for a null slot. Boxed floats
 * compare with {@link Double#equals} semantics, so {@code NaN} equals {@code NaN} and {@code -0.0} differs from
 * {@code 0.0}; {@code List.equals} on the results is therefore an exact, bit-level comparison (NaN payloads aside).
 *
 * <p>Thread-safety: stateless. Reads go through the Arrow getters, independent of the code under test.
 */
public final class Vectors
{
    private Vectors()
    {
    }

    /**
     * @param vector a BitVector, IntVector, BigIntVector, Float4Vector, Float8Vector or VarCharVector.
     * @param row    a row below the value count.
     * @return the value, or {@code null} when the slot is null.
     */
    public static Object read(final FieldVector vector, final int row)
    {
        if (vector.isNull(row))
        {
            return null;
        }
        return switch (vector)
        {
            case BitVector v -> v.get(row) != 0;
            case IntVector v -> v.get(row);
            case BigIntVector v -> v.get(row);
            case Float4Vector v -> v.get(row);
            case Float8Vector v -> v.get(row);
            case VarCharVector v -> new String(v.get(row), StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName());
        };
    }

    /**
     * @param vector a supported vector (see {@link #read}).
     * @return its values, {@code null} for null slots.
     */
    public static List<Object> toList(final FieldVector vector)
    {
        final List<Object> values = new ArrayList<>(vector.getValueCount());
        for (int i = 0; i < vector.getValueCount(); i++)
        {
            values.add(read(vector, i));
        }
        return values;
    }

    /**
     * Exact equality of two values as returned by {@link #read}: boxed {@code equals}, so NaN == NaN and
     * -0.0 != 0.0.
     *
     * @param a a value or null.
     * @param b a value or null.
     * @return whether they are the same value.
     */
    public static boolean same(final Object a, final Object b)
    {
        return a == null ? b == null : a.equals(b);
    }

    /**
     * @param value a value as returned by {@link #read}.
     * @return a readable form that shows floats' type and strings' quotes.
     */
    public static String describe(final Object value)
    {
        return switch (value)
        {
            case null -> "null";
            case String s -> "'" + s + "'";
            case Float f -> f + "f";
            case Long l -> l + "L";
            default -> value.toString();
        };
    }
}
