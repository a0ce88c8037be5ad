package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.CompareOp;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Comparison kernels ({@code equal}, {@code not_equal}, {@code less}, {@code less_equal}, {@code greater},
 * {@code greater_equal}, {@code between}) of a column against a column or a scalar, with Arrow C++ semantics.
 *
 * <p><b>Types.</b> int8/16/32/64, float32/64, date (day and milli), time, timestamp (same unit on both sides, and
 * both with or both without a time zone), duration (same unit), decimal128 (any scales: equal scales compare the
 * 128-bit unscaled values; different scales are rescaled exactly), boolean (false &lt; true), utf8 and binary
 * (byte-wise lexicographic, unsigned; equality checks lengths first). Both sides must have the same logical type
 * otherwise: cast first. Scalars: {@code long} for integer-like columns (a scalar outside an int8/16/32 column's
 * range gives the mathematically right constant result), {@code double} for float columns (a float32 column is
 * compared exactly, as if widened to double), {@link BigDecimal} for decimals, {@code boolean}, {@code byte[]} for
 * binary and utf8, {@link String} (as UTF-8) for utf8.
 *
 * <p><b>Floats</b> follow IEEE 754 like Arrow C++: a comparison with NaN is false except {@code NE}, which is
 * true; {@code -0.0 == 0.0}.
 *
 * <p><b>Nulls.</b> A null on either side gives null. Outputs come in two forms: (a) a {@link BitVector} of
 * {@code rows.count()} entries, value bits and validity both written (value bits under nulls are unspecified), either
 * allocated from the caller's allocator (the caller owns and closes it) or written into a caller-supplied vector
 * (reallocated if too small, value count set); (b) a {@link SelectionVector} (caller owns) of the rows where the
 * comparison is TRUE, so null rows drop out. Selection positions are input row numbers: for a contiguous
 * {@code Rows.range(offset, n)} they are absolute ({@code offset + i}); for a selection input they are the selected
 * positions that pass, so selections compose.
 *
 * <p><b>Errors.</b> {@link io.sabot.common.SchemaException} before any output is written: unsupported or mismatched
 * types (naming both columns and types), columns of different lengths, rows outside a column.
 *
 * <p>Thread-safety: stateless; concurrent calls are safe on distinct outputs. Inputs are never closed or modified.
 * A supplied output vector must not be one of the inputs.
 */
public final class Comparison
{
    private Comparison()
    {
    }

    /** Writes value bits and validity bits for {@code count} rows from bit 0. */
    @FunctionalInterface
    interface Body
    {
        void apply(Scratch scratch, MemorySegment values, MemorySegment validity);
    }

    // ------------------------------------------------------------------------------------------- output plumbing

    static void into(final BitVector out, final int count, final Body body)
    {
        if (out.getValueCapacity() < count)
        {
            out.allocateNew(count);
        }
        try (Scratch scratch = new Scratch(out.getAllocator()))
        {
            body.apply(scratch, ArrowMemory.segment(out.getDataBuffer()),
                ArrowMemory.segment(out.getValidityBuffer()));
        }
        out.setValueCount(count);
    }

    static BitVector allocate(final String name, final BufferAllocator allocator, final int count, final Body body)
    {
        final BitVector out = new BitVector(name, allocator);
        try
        {
            out.allocateNew(count);
            into(out, count, body);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    static SelectionVector select(final BufferAllocator allocator, final Rows rows, final Body body)
    {
        final int count = rows.count();
        try (Scratch scratch = new Scratch(allocator))
        {
            final MemorySegment values = scratch.bitmap(count);
            final MemorySegment validity = scratch.bitmap(count);
            body.apply(scratch, values, validity);
            Bitmaps.and(values, 0, validity, 0, values, 0, count);
            return positions(allocator, rows, values);
        }
    }

    /** The selection of rows whose bit is set in a dense bitmap of {@code rows.count()} bits. */
    static SelectionVector positions(final BufferAllocator allocator, final Rows rows, final MemorySegment bits)
    {
        final int count = rows.count();
        final int n = (int)Bitmaps.popcount(bits, 0, count);
        final SelectionVector out = new SelectionVector(allocator, n);
        try
        {
            Bitmaps.selectSetBits(bits, 0, count, rows.isContiguous() ? rows.offset() : 0, out.segment());
            if (!rows.isContiguous())
            {
                // Output index -> the selected input row, so selections compose.
                final SelectionVector in = rows.selection();
                for (int k = 0; k < n; k++)
                {
                    out.set(k, in.get(out.get(k)));
                }
            }
            out.count(n);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static String name(final CompareOp op)
    {
        return op.arrowName();
    }

    // ------------------------------------------------------------------------------------------ column vs column

    private static Body columns(final CompareOp op, final FieldVector left, final FieldVector right, final Rows rows)
    {
        final Kind kind = Kind.requireComparable(left, right, name(op));
        rows.checkWithin(left);
        return (scratch, values, validity) ->
            CompareCore.columns(op, kind, left, right, rows, scratch, values, validity);
    }

    /**
     * {@code left op right} row by row.
     *
     * @param op        the comparison.
     * @param left      left column (not closed).
     * @param right     right column, same logical type and length.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new vector of {@code rows.count()} entries, owned by the caller.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final FieldVector right,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), columns(op, left, right, rows));
    }

    /**
     * {@code left op right} row by row, written into {@code out}.
     *
     * @param op    the comparison.
     * @param left  left column.
     * @param right right column.
     * @param rows  the rows to compare.
     * @param out   receives {@code rows.count()} entries; reallocated if too small.
     */
    public static void compare(final CompareOp op, final FieldVector left, final FieldVector right, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), columns(op, left, right, rows));
    }

    /**
     * The rows where {@code left op right} is true (nulls drop out).
     *
     * @param op        the comparison.
     * @param left      left column.
     * @param right     right column.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows in ascending order of output position, owned by the caller.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final FieldVector right,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, columns(op, left, right, rows));
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left == right} over all rows, caller-owned.
     */
    public static BitVector eq(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.EQ, left, right, Rows.all(left), allocator);
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left != right} over all rows, caller-owned.
     */
    public static BitVector ne(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.NE, left, right, Rows.all(left), allocator);
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left < right} over all rows, caller-owned.
     */
    public static BitVector lt(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.LT, left, right, Rows.all(left), allocator);
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left <= right} over all rows, caller-owned.
     */
    public static BitVector le(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.LE, left, right, Rows.all(left), allocator);
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left > right} over all rows, caller-owned.
     */
    public static BitVector gt(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.GT, left, right, Rows.all(left), allocator);
    }

    /**
     * @param left      left column.
     * @param right     right column.
     * @param allocator where the result is allocated.
     * @return {@code left >= right} over all rows, caller-owned.
     */
    public static BitVector ge(final FieldVector left, final FieldVector right, final BufferAllocator allocator)
    {
        return compare(CompareOp.GE, left, right, Rows.all(left), allocator);
    }

    // ------------------------------------------------------------------------------------------ column vs scalar

    private static Body scalarLong(final CompareOp op, final FieldVector left, final long scalar, final Rows rows)
    {
        Kind.requireScalar(left, Kind.INT64, "long", name(op));
        final Kind kind = Kind.of(left);
        rows.checkWithin(left);
        return (scratch, values, validity) ->
            CompareCore.scalarLong(op, kind, left, scalar, rows, scratch, values, validity);
    }

    private static Body scalarDouble(final CompareOp op, final FieldVector left, final double scalar,
        final Rows rows)
    {
        Kind.requireScalar(left, Kind.FLOAT64, "double", name(op));
        final Kind kind = Kind.of(left);
        rows.checkWithin(left);
        return (scratch, values, validity) ->
            CompareCore.scalarDouble(op, kind, left, scalar, rows, scratch, values, validity);
    }

    private static Body scalarDecimal(final CompareOp op, final FieldVector left, final BigDecimal scalar,
        final Rows rows)
    {
        Kind.requireScalar(left, Kind.DECIMAL, "decimal", name(op));
        if (scalar == null)
        {
            throw new NullPointerException("decimal scalar is null; a null scalar makes every row null");
        }
        rows.checkWithin(left);
        return (scratch, values, validity) ->
            CompareCore.scalarDecimal(op, left, scalar, rows, scratch, values, validity);
    }

    private static Body scalarBool(final CompareOp op, final FieldVector left, final boolean scalar, final Rows rows)
    {
        Kind.requireScalar(left, Kind.BOOL, "boolean", name(op));
        rows.checkWithin(left);
        return (scratch, values, validity) ->
            CompareCore.scalarBool(op, left, scalar, rows, scratch, values, validity);
    }

    private static Body scalarBytes(final CompareOp op, final FieldVector left, final byte[] scalar, final Rows rows)
    {
        Kind.requireScalar(left, Kind.BINARY, "binary", name(op));
        rows.checkWithin(left);
        final byte[] copy = scalar.clone();
        return (scratch, values, validity) ->
            CompareCore.scalarBytes(op, left, copy, rows, scratch, values, validity);
    }

    /**
     * {@code left op scalar} for an integer-like column (ints, dates, times, timestamps, durations in their stored
     * unit).
     *
     * @param op        the comparison.
     * @param left      the column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final long scalar, final Rows rows,
        final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), scalarLong(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for an integer-like column, into {@code out}.
     *
     * @param op     the comparison.
     * @param left   the column.
     * @param scalar the right-hand side.
     * @param rows   the rows to compare.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void compare(final CompareOp op, final FieldVector left, final long scalar, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), scalarLong(op, left, scalar, rows));
    }

    /**
     * The rows where {@code left op scalar} is true, for an integer-like column.
     *
     * @param op        the comparison.
     * @param left      the column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final long scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, scalarLong(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a float32/float64 column, IEEE semantics.
     *
     * @param op        the comparison.
     * @param left      the column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final double scalar, final Rows rows,
        final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), scalarDouble(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a float column, into {@code out}.
     *
     * @param op     the comparison.
     * @param left   the column.
     * @param scalar the right-hand side.
     * @param rows   the rows to compare.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void compare(final CompareOp op, final FieldVector left, final double scalar, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), scalarDouble(op, left, scalar, rows));
    }

    /**
     * The rows where {@code left op scalar} is true, for a float column.
     *
     * @param op        the comparison.
     * @param left      the column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final double scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, scalarDouble(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a decimal column, exactly (the scalar may have any scale).
     *
     * @param op        the comparison.
     * @param left      the decimal column.
     * @param scalar    the right-hand side, not null.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final BigDecimal scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), scalarDecimal(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a decimal column, into {@code out}.
     *
     * @param op     the comparison.
     * @param left   the decimal column.
     * @param scalar the right-hand side, not null.
     * @param rows   the rows to compare.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void compare(final CompareOp op, final FieldVector left, final BigDecimal scalar, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), scalarDecimal(op, left, scalar, rows));
    }

    /**
     * The rows where {@code left op scalar} is true, for a decimal column.
     *
     * @param op        the comparison.
     * @param left      the decimal column.
     * @param scalar    the right-hand side, not null.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final BigDecimal scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, scalarDecimal(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a boolean column (false &lt; true).
     *
     * @param op        the comparison.
     * @param left      the boolean column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final boolean scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), scalarBool(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a boolean column, into {@code out}.
     *
     * @param op     the comparison.
     * @param left   the boolean column.
     * @param scalar the right-hand side.
     * @param rows   the rows to compare.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void compare(final CompareOp op, final FieldVector left, final boolean scalar, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), scalarBool(op, left, scalar, rows));
    }

    /**
     * The rows where {@code left op scalar} is true, for a boolean column.
     *
     * @param op        the comparison.
     * @param left      the boolean column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final boolean scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, scalarBool(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a utf8 or binary column, byte-wise lexicographic.
     *
     * @param op        the comparison.
     * @param left      the utf8/binary column.
     * @param scalar    the right-hand side bytes (copied).
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final byte[] scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate(name(op), allocator, rows.count(), scalarBytes(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a utf8 or binary column, into {@code out}.
     *
     * @param op     the comparison.
     * @param left   the utf8/binary column.
     * @param scalar the right-hand side bytes (copied).
     * @param rows   the rows to compare.
     * @param out    receives {@code rows.count()} entries.
     */
    public static void compare(final CompareOp op, final FieldVector left, final byte[] scalar, final Rows rows,
        final BitVector out)
    {
        into(out, rows.count(), scalarBytes(op, left, scalar, rows));
    }

    /**
     * The rows where {@code left op scalar} is true, for a utf8 or binary column.
     *
     * @param op        the comparison.
     * @param left      the utf8/binary column.
     * @param scalar    the right-hand side bytes (copied).
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final byte[] scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, scalarBytes(op, left, scalar, rows));
    }

    /**
     * {@code left op scalar} for a utf8 column; the scalar is encoded as UTF-8.
     *
     * @param op        the comparison.
     * @param left      the utf8 column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector compare(final CompareOp op, final FieldVector left, final String scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return compare(op, left, scalar.getBytes(StandardCharsets.UTF_8), rows, allocator);
    }

    /**
     * The rows where {@code left op scalar} is true, for a utf8 column (scalar encoded as UTF-8).
     *
     * @param op        the comparison.
     * @param left      the utf8 column.
     * @param scalar    the right-hand side.
     * @param rows      the rows to compare.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector select(final CompareOp op, final FieldVector left, final String scalar,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(op, left, scalar.getBytes(StandardCharsets.UTF_8), rows, allocator);
    }

    // --------------------------------------------------------------------------------------------------- between

    /** {@code lower <= value <= upper}: AND of two comparisons, null when any operand is null. */
    private static Body between(final Body lower, final Body upper, final int count)
    {
        return (scratch, values, validity) ->
        {
            lower.apply(scratch, values, validity);
            final MemorySegment values2 = scratch.bitmap(count);
            final MemorySegment validity2 = scratch.bitmap(count);
            upper.apply(scratch, values2, validity2);
            Bitmaps.and(values, 0, values2, 0, values, 0, count);
            Bitmaps.and(validity, 0, validity2, 0, validity, 0, count);
        };
    }

    private static Body betweenColumns(final FieldVector value, final FieldVector lower, final FieldVector upper,
        final Rows rows)
    {
        return between(columns(CompareOp.GE, value, lower, rows), columns(CompareOp.LE, value, upper, rows),
            rows.count());
    }

    /**
     * {@code lower <= value <= upper}, inclusive at both ends (Arrow C++ {@code between} with its default
     * {@code inclusive="both"}); null when any of the three is null.
     *
     * @param value     the column tested.
     * @param lower     lower bounds, same type and length.
     * @param upper     upper bounds, same type and length.
     * @param rows      the rows to test.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector between(final FieldVector value, final FieldVector lower, final FieldVector upper,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate("between", allocator, rows.count(), betweenColumns(value, lower, upper, rows));
    }

    /**
     * The rows where {@code lower <= value <= upper} is true (inclusive both ends).
     *
     * @param value     the column tested.
     * @param lower     lower bounds.
     * @param upper     upper bounds.
     * @param rows      the rows to test.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector selectBetween(final FieldVector value, final FieldVector lower,
        final FieldVector upper, final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, betweenColumns(value, lower, upper, rows));
    }

    /**
     * {@code lower <= value <= upper} for an integer-like column, inclusive both ends.
     *
     * @param value     the column tested.
     * @param lower     lower bound.
     * @param upper     upper bound.
     * @param rows      the rows to test.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector between(final FieldVector value, final long lower, final long upper, final Rows rows,
        final BufferAllocator allocator)
    {
        return allocate("between", allocator, rows.count(), between(scalarLong(CompareOp.GE, value, lower, rows),
            scalarLong(CompareOp.LE, value, upper, rows), rows.count()));
    }

    /**
     * The rows where {@code lower <= value <= upper} for an integer-like column.
     *
     * @param value     the column tested.
     * @param lower     lower bound.
     * @param upper     upper bound.
     * @param rows      the rows to test.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector selectBetween(final FieldVector value, final long lower, final long upper,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, between(scalarLong(CompareOp.GE, value, lower, rows),
            scalarLong(CompareOp.LE, value, upper, rows), rows.count()));
    }

    /**
     * {@code lower <= value <= upper} for a float column, inclusive both ends; NaN (value or bound) gives false.
     *
     * @param value     the column tested.
     * @param lower     lower bound.
     * @param upper     upper bound.
     * @param rows      the rows to test.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector between(final FieldVector value, final double lower, final double upper,
        final Rows rows, final BufferAllocator allocator)
    {
        return allocate("between", allocator, rows.count(), between(scalarDouble(CompareOp.GE, value, lower, rows),
            scalarDouble(CompareOp.LE, value, upper, rows), rows.count()));
    }

    /**
     * The rows where {@code lower <= value <= upper} for a float column.
     *
     * @param value     the column tested.
     * @param lower     lower bound.
     * @param upper     upper bound.
     * @param rows      the rows to test.
     * @param allocator where the selection is allocated.
     * @return the passing input rows, caller-owned.
     */
    public static SelectionVector selectBetween(final FieldVector value, final double lower, final double upper,
        final Rows rows, final BufferAllocator allocator)
    {
        return select(allocator, rows, between(scalarDouble(CompareOp.GE, value, lower, rows),
            scalarDouble(CompareOp.LE, value, upper, rows), rows.count()));
    }
}
