package io.sabot.kernels.compare;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Comparisons;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.Types.MinorType;

/**
 * {@code is_null}, {@code is_not_null} and {@code is_nan} with Arrow C++ semantics. {@code is_null} and
 * {@code is_not_null} never return null and read only the validity bitmap (a NaN is not null); they accept any
 * column with a validity bitmap, and a {@code Null}-typed column is all null. {@code is_nan} propagates nulls, is
 * true exactly for NaN in float32/float64 columns, and is false for every non-null row of an integer-like or decimal
 * column; other types raise {@link SchemaException}.
 *
 * <p>Outputs as in {@link Comparison}: a new caller-owned {@link BitVector}, or a caller-supplied one. Inputs are
 * never closed. Thread-safety: stateless.
 */
public final class NullChecks
{
    private NullChecks()
    {
    }

    private static Comparison.Body validityBody(final FieldVector vector, final Rows rows, final boolean negate)
    {
        final MinorType type = vector.getMinorType();
        if (type == MinorType.UNION || type == MinorType.DENSEUNION)
        {
            throw new SchemaException("is_null does not support column '" + vector.getName() + "' of type " +
                vector.getField().getType() + " (unions have no validity bitmap)");
        }
        rows.checkWithin(vector);
        final boolean allNull = type == MinorType.NULL;
        return (scratch, values, validity) ->
        {
            final int count = rows.count();
            Bitmaps.fill(validity, 0, count, true);
            if (allNull)
            {
                Bitmaps.fill(values, 0, count, negate);
                return;
            }
            final CompareCore.Dense v = CompareCore.validity(vector, rows, scratch);
            if (negate)
            {
                Bitmaps.not(v.seg(), v.from(), values, 0, count);
            }
            else
            {
                Bitmaps.copy(v.seg(), v.from(), values, 0, count);
            }
        };
    }

    /**
     * @param vector    any column with a validity bitmap.
     * @param rows      the rows read.
     * @param allocator where the result is allocated.
     * @return a caller-owned, never-null vector: true where the row is null.
     */
    public static BitVector isNull(final FieldVector vector, final Rows rows, final BufferAllocator allocator)
    {
        return Comparison.allocate("is_null", allocator, rows.count(), validityBody(vector, rows, true));
    }

    /**
     * @param vector    any column with a validity bitmap.
     * @param allocator where the result is allocated.
     * @return {@code is_null} over all rows, caller-owned.
     */
    public static BitVector isNull(final FieldVector vector, final BufferAllocator allocator)
    {
        return isNull(vector, Rows.all(vector), allocator);
    }

    /**
     * @param vector any column with a validity bitmap.
     * @param rows   the rows read.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void isNull(final FieldVector vector, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), validityBody(vector, rows, true));
    }

    /**
     * @param vector    any column with a validity bitmap.
     * @param rows      the rows read.
     * @param allocator where the result is allocated.
     * @return a caller-owned, never-null vector: true where the row is not null.
     */
    public static BitVector isNotNull(final FieldVector vector, final Rows rows, final BufferAllocator allocator)
    {
        return Comparison.allocate("is_not_null", allocator, rows.count(), validityBody(vector, rows, false));
    }

    /**
     * @param vector    any column with a validity bitmap.
     * @param allocator where the result is allocated.
     * @return {@code is_not_null} over all rows, caller-owned.
     */
    public static BitVector isNotNull(final FieldVector vector, final BufferAllocator allocator)
    {
        return isNotNull(vector, Rows.all(vector), allocator);
    }

    /**
     * @param vector any column with a validity bitmap.
     * @param rows   the rows read.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void isNotNull(final FieldVector vector, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), validityBody(vector, rows, false));
    }

    private static Comparison.Body nanBody(final FieldVector vector, final Rows rows)
    {
        final Kind kind = Kind.require(vector, "is_nan");
        if (!kind.isFloat() && !kind.isInteger() && kind != Kind.DECIMAL)
        {
            throw new SchemaException("is_nan does not support column '" + vector.getName() + "' of type " +
                vector.getField().getType());
        }
        rows.checkWithin(vector);
        return (scratch, values, validity) ->
        {
            final int count = rows.count();
            final CompareCore.Dense v = CompareCore.validity(vector, rows, scratch);
            Bitmaps.copy(v.seg(), v.from(), validity, 0, count);
            if (!kind.isFloat())
            {
                Bitmaps.fill(values, 0, count, false);
                return;
            }
            // x != x holds exactly for NaN.
            final CompareCore.Dense d = CompareCore.data(vector, kind, rows, scratch);
            if (kind == Kind.FLOAT64)
            {
                Comparisons.compareFloat64(CompareOp.NE, d.seg(), d.from(), d.seg(), d.from(), count, values, 0);
            }
            else
            {
                Comparisons.compareFloat32(CompareOp.NE, d.seg(), d.from(), d.seg(), d.from(), count, values, 0);
            }
        };
    }

    /**
     * @param vector    a float, integer-like or decimal column.
     * @param rows      the rows read.
     * @param allocator where the result is allocated.
     * @return a caller-owned vector: true for NaN, null for null.
     */
    public static BitVector isNaN(final FieldVector vector, final Rows rows, final BufferAllocator allocator)
    {
        return Comparison.allocate("is_nan", allocator, rows.count(), nanBody(vector, rows));
    }

    /**
     * @param vector    a float, integer-like or decimal column.
     * @param allocator where the result is allocated.
     * @return {@code is_nan} over all rows, caller-owned.
     */
    public static BitVector isNaN(final FieldVector vector, final BufferAllocator allocator)
    {
        return isNaN(vector, Rows.all(vector), allocator);
    }

    /**
     * @param vector a float, integer-like or decimal column.
     * @param rows   the rows read.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void isNaN(final FieldVector vector, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), nanBody(vector, rows));
    }
}
