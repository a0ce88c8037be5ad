package io.sabot.kernels.arith;

import java.lang.foreign.MemorySegment;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Elementwise arithmetic on Arrow columns: add, subtract, multiply, divide (column op column, column op scalar,
 * scalar op column for subtract and divide), negate, abs, and float64 {@code multiplyAdd}.
 *
 * <p><b>Types.</b> int8/16/32/64, float32/64, decimal128, and date/timestamp offsets:
 * <ul>
 *   <li>Integers of different widths widen to the wider one (Arrow's implicit cast); float32 with float64 gives
 *       float64. Integers never mix with floats or decimals: cast first ({@link SchemaException} otherwise).
 *       Unsigned integers, float16 and decimal256 are not supported.</li>
 *   <li>Integer division truncates toward zero; division by zero raises {@link io.sabot.common.DataException} in
 *       both modes; {@code MIN_VALUE / -1} wraps in WRAP mode and raises in CHECK mode.</li>
 *   <li>Floats follow IEEE 754 (x / 0 is +-Inf or NaN); {@link Overflow} does not apply to them.</li>
 *   <li>Decimals (Arrow C++ rules, precision capped at 38): add/subtract scale {@code max(s1, s2)}, precision
 *       {@code max(p1 - s1, p2 - s2) + scale + 1}; multiply scale {@code s1 + s2}, precision {@code p1 + p2 + 1};
 *       divide scale {@code max(4, s1 + p2 - s2 + 1)}, precision {@code p1 - s1 + s2 + scale}, truncating toward
 *       zero. A result scale above 38 or a negative input scale is a {@link SchemaException}. In CHECK mode a result
 *       that does not fit its precision raises; WRAP mode does not check precision.</li>
 *   <li>Temporal: date/timestamp minus the same type gives int64 in the type's unit (days for date32, ms for
 *       date64); date/timestamp plus or minus an integer, or integer plus date/timestamp, gives the temporal
 *       type.</li>
 *   <li>Scalars are typed by the column they meet: an integral {@link Number} must fit an integer column's type and
 *       converts to a float or decimal column's type; {@link Double}/{@link Float} only meet float columns;
 *       {@link java.math.BigDecimal} gives decimal(max(precision, scale), scale). A {@code null} scalar gives an
 *       all-null result.</li>
 * </ul>
 *
 * <p><b>Nulls</b> (Arrow C++): a null in any operand gives null; output validity is the AND of the input bitmaps,
 * computed 64 rows at a time. Values under null slots are computed but never raise overflow or division errors.
 *
 * <p><b>Rows and outputs.</b> Inputs are read through {@link Rows} (a range or a selection), outputs are dense.
 * Arrow-sliced vectors work as inputs. Kernels never close inputs; a vector returned from an allocator-taking method
 * belongs to the caller. A caller-supplied {@code out} must have exactly {@link #resultType} and must not be an input;
 * it is reused without allocation when it already holds enough rows. If a kernel raises a
 * {@link io.sabot.common.DataException}, a supplied {@code out} holds partial results; a new vector is closed.
 *
 * <p><b>Speed.</b> Contiguous rows of same-type int32/int64/float32/float64 run the SIMD kernels of
 * {@link io.sabot.simd.Arith}; checked integer kernels only raise a flag in the loop and a row rescan names the
 * first overflowing non-null row. Selections, int8/int16, mixed widths, integer division and decimals run row loops.
 *
 * <p>Thread-safety: stateless; concurrent calls are safe when their output vectors differ.
 */
public final class Arithmetic
{
    private Arithmetic()
    {
    }

    /**
     * The type {@code left op right} produces, by the rules in the class comment.
     *
     * @param op    the operation.
     * @param left  the left operand's type.
     * @param right the right operand's type.
     * @return the result type, for allocating an output vector.
     */
    public static ArrowType resultType(final BinaryOp op, final ArrowType left, final ArrowType right)
    {
        return resultType(op, NumType.of(left, "left"), NumType.of(right, "right"), null, null).arrow();
    }

    /**
     * {@code left + right} for every row of two equally long columns, into a new vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column, same length (not closed).
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with one row per input row.
     */
    public static FieldVector add(final FieldVector left, final FieldVector right, final Overflow overflow,
        final BufferAllocator allocator)
    {
        checkSameLength(left, right);
        return add(left, right, allRows(left), overflow, allocator);
    }

    /**
     * {@code left + right} for the given rows of two columns, into a new dense vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column (not closed).
     * @param rows      which rows to read; output row {@code i} is input row {@code rows.rowAt(i)}.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector add(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.ADD, l, s.second.column(right, "right"), rows, overflow, allocator);
    }

    /**
     * {@code left + right} for the given rows of two columns, written densely into {@code out}.
     *
     * @param left     the left column (not closed).
     * @param right    the right column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if it holds fewer than
     *                 {@code rows.count()} rows; its value count is set to {@code rows.count()}.
     */
    public static void add(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.ADD, l, s.second.column(right, "right"), rows, overflow, out);
    }

    /**
     * {@code left + right} with a scalar right operand, for the given rows, into a new dense vector.
     *
     * @param left      the column (not closed).
     * @param right     the scalar, typed by the column (see the class comment); {@code null} gives all nulls.
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector add(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.ADD, l, s.second.scalar(right, l), rows, overflow, allocator);
    }

    /**
     * {@code left + right} with a scalar right operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the column (not closed).
     * @param right    the scalar, typed by the column; {@code null} gives all nulls.
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void add(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.ADD, l, s.second.scalar(right, l), rows, overflow, out);
    }

    /**
     * {@code left - right} for every row of two equally long columns, into a new vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column, same length (not closed).
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with one row per input row.
     */
    public static FieldVector subtract(final FieldVector left, final FieldVector right, final Overflow overflow,
        final BufferAllocator allocator)
    {
        checkSameLength(left, right);
        return subtract(left, right, allRows(left), overflow, allocator);
    }

    /**
     * {@code left - right} for the given rows of two columns, into a new dense vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column (not closed).
     * @param rows      which rows to read; output row {@code i} is input row {@code rows.rowAt(i)}.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector subtract(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.SUBTRACT, l, s.second.column(right, "right"), rows, overflow, allocator);
    }

    /**
     * {@code left - right} for the given rows of two columns, written densely into {@code out}.
     *
     * @param left     the left column (not closed).
     * @param right    the right column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if it holds fewer than
     *                 {@code rows.count()} rows; its value count is set to {@code rows.count()}.
     */
    public static void subtract(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.SUBTRACT, l, s.second.column(right, "right"), rows, overflow, out);
    }

    /**
     * {@code left - right} with a scalar right operand, for the given rows, into a new dense vector.
     *
     * @param left      the column (not closed).
     * @param right     the scalar, typed by the column (see the class comment); {@code null} gives all nulls.
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector subtract(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.SUBTRACT, l, s.second.scalar(right, l), rows, overflow, allocator);
    }

    /**
     * {@code left - right} with a scalar right operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the column (not closed).
     * @param right    the scalar, typed by the column; {@code null} gives all nulls.
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void subtract(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.SUBTRACT, l, s.second.scalar(right, l), rows, overflow, out);
    }

    /**
     * {@code left - right} with a scalar left operand, for the given rows, into a new dense vector.
     *
     * @param left      the scalar, typed by the column; {@code null} gives all nulls.
     * @param right     the column (not closed).
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector subtract(final Number left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand r = s.second.column(right, "right");
        return binaryNew(BinaryOp.SUBTRACT, s.first.scalar(left, r), r, rows, overflow, allocator);
    }

    /**
     * {@code left - right} with a scalar left operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the scalar, typed by the column; {@code null} gives all nulls.
     * @param right    the column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void subtract(final Number left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand r = s.second.column(right, "right");
        binaryInto(BinaryOp.SUBTRACT, s.first.scalar(left, r), r, rows, overflow, out);
    }

    /**
     * {@code left * right} for every row of two equally long columns, into a new vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column, same length (not closed).
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with one row per input row.
     */
    public static FieldVector multiply(final FieldVector left, final FieldVector right, final Overflow overflow,
        final BufferAllocator allocator)
    {
        checkSameLength(left, right);
        return multiply(left, right, allRows(left), overflow, allocator);
    }

    /**
     * {@code left * right} for the given rows of two columns, into a new dense vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column (not closed).
     * @param rows      which rows to read; output row {@code i} is input row {@code rows.rowAt(i)}.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector multiply(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.MULTIPLY, l, s.second.column(right, "right"), rows, overflow, allocator);
    }

    /**
     * {@code left * right} for the given rows of two columns, written densely into {@code out}.
     *
     * @param left     the left column (not closed).
     * @param right    the right column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if it holds fewer than
     *                 {@code rows.count()} rows; its value count is set to {@code rows.count()}.
     */
    public static void multiply(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.MULTIPLY, l, s.second.column(right, "right"), rows, overflow, out);
    }

    /**
     * {@code left * right} with a scalar right operand, for the given rows, into a new dense vector.
     *
     * @param left      the column (not closed).
     * @param right     the scalar, typed by the column (see the class comment); {@code null} gives all nulls.
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector multiply(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.MULTIPLY, l, s.second.scalar(right, l), rows, overflow, allocator);
    }

    /**
     * {@code left * right} with a scalar right operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the column (not closed).
     * @param right    the scalar, typed by the column; {@code null} gives all nulls.
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void multiply(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.MULTIPLY, l, s.second.scalar(right, l), rows, overflow, out);
    }

    /**
     * {@code left / right} for every row of two equally long columns, into a new vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column, same length (not closed).
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with one row per input row.
     */
    public static FieldVector divide(final FieldVector left, final FieldVector right, final Overflow overflow,
        final BufferAllocator allocator)
    {
        checkSameLength(left, right);
        return divide(left, right, allRows(left), overflow, allocator);
    }

    /**
     * {@code left / right} for the given rows of two columns, into a new dense vector.
     *
     * @param left      the left column (not closed).
     * @param right     the right column (not closed).
     * @param rows      which rows to read; output row {@code i} is input row {@code rows.rowAt(i)}.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector divide(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.DIVIDE, l, s.second.column(right, "right"), rows, overflow, allocator);
    }

    /**
     * {@code left / right} for the given rows of two columns, written densely into {@code out}.
     *
     * @param left     the left column (not closed).
     * @param right    the right column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if it holds fewer than
     *                 {@code rows.count()} rows; its value count is set to {@code rows.count()}.
     */
    public static void divide(final FieldVector left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.DIVIDE, l, s.second.column(right, "right"), rows, overflow, out);
    }

    /**
     * {@code left / right} with a scalar right operand, for the given rows, into a new dense vector.
     *
     * @param left      the column (not closed).
     * @param right     the scalar, typed by the column (see the class comment); {@code null} gives all nulls.
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector divide(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        return binaryNew(BinaryOp.DIVIDE, l, s.second.scalar(right, l), rows, overflow, allocator);
    }

    /**
     * {@code left / right} with a scalar right operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the column (not closed).
     * @param right    the scalar, typed by the column; {@code null} gives all nulls.
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void divide(final FieldVector left, final Number right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand l = s.first.column(left, "left");
        binaryInto(BinaryOp.DIVIDE, l, s.second.scalar(right, l), rows, overflow, out);
    }

    /**
     * {@code left / right} with a scalar left operand, for the given rows, into a new dense vector.
     *
     * @param left      the scalar, typed by the column; {@code null} gives all nulls.
     * @param right     the column (not closed).
     * @param rows      which rows to read.
     * @param overflow  what integer/decimal overflow does.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector of {@link #resultType} with {@code rows.count()} rows.
     */
    public static FieldVector divide(final Number left, final FieldVector right, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand r = s.second.column(right, "right");
        return binaryNew(BinaryOp.DIVIDE, s.first.scalar(left, r), r, rows, overflow, allocator);
    }

    /**
     * {@code left / right} with a scalar left operand, for the given rows, written densely into {@code out}.
     *
     * @param left     the scalar, typed by the column; {@code null} gives all nulls.
     * @param right    the column (not closed).
     * @param rows     which rows to read.
     * @param overflow what integer/decimal overflow does.
     * @param out      a vector of {@link #resultType}, not an input; reallocated only if too small.
     */
    public static void divide(final Number left, final FieldVector right, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand r = s.second.column(right, "right");
        binaryInto(BinaryOp.DIVIDE, s.first.scalar(left, r), r, rows, overflow, out);
    }

    /**
     * {@code -input} for every row, into a new vector of the input's type.
     *
     * @param input     an int, float or decimal column (not closed).
     * @param overflow  CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector with one row per input row.
     */
    public static FieldVector negate(final FieldVector input, final Overflow overflow, final BufferAllocator allocator)
    {
        return negate(input, allRows(input), overflow, allocator);
    }

    /**
     * {@code -input} for the given rows, into a new dense vector of the input's type.
     *
     * @param input     an int, float or decimal column (not closed).
     * @param rows      which rows to read.
     * @param overflow  CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector with {@code rows.count()} rows.
     */
    public static FieldVector negate(final FieldVector input, final Rows rows, final Overflow overflow,
        final BufferAllocator allocator)
    {
        final Operand in = unaryOperand(input);
        checkRows(rows, in, null, null);
        final FieldVector out = newVector("negate(" + in.name + ")", in.type, allocator, rows.count());
        try
        {
            unary(false, in, rows, overflow, out);
        }
        catch (final RuntimeException e)
        {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * {@code -input} for the given rows, written densely into {@code out}.
     *
     * @param input    an int, float or decimal column (not closed).
     * @param rows     which rows to read.
     * @param overflow CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param out      a vector of the input's type, not the input; reallocated only if too small.
     */
    public static void negate(final FieldVector input, final Rows rows, final Overflow overflow,
        final FieldVector out)
    {
        final Operand in = unaryOperand(input);
        checkOut(out, in.type, in, null, null);
        unary(false, in, rows, overflow, out);
    }

    /**
     * {@code |input|} for every row, into a new vector of the input's type.
     *
     * @param input     an int, float or decimal column (not closed).
     * @param overflow  CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector with one row per input row.
     */
    public static FieldVector abs(final FieldVector input, final Overflow overflow, final BufferAllocator allocator)
    {
        return abs(input, allRows(input), overflow, allocator);
    }

    /**
     * {@code |input|} for the given rows, into a new dense vector of the input's type.
     *
     * @param input     an int, float or decimal column (not closed).
     * @param rows      which rows to read.
     * @param overflow  CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new vector with {@code rows.count()} rows.
     */
    public static FieldVector abs(final FieldVector input, final Rows rows, final Overflow overflow,
        final BufferAllocator allocator)
    {
        final Operand in = unaryOperand(input);
        checkRows(rows, in, null, null);
        final FieldVector out = newVector("abs(" + in.name + ")", in.type, allocator, rows.count());
        try
        {
            unary(true, in, rows, overflow, out);
        }
        catch (final RuntimeException e)
        {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * {@code |input|} for the given rows, written densely into {@code out}.
     *
     * @param input    an int, float or decimal column (not closed).
     * @param rows     which rows to read.
     * @param overflow CHECK raises on {@code MIN_VALUE} of an integer type; WRAP returns it unchanged.
     * @param out      a vector of the input's type, not the input; reallocated only if too small.
     */
    public static void abs(final FieldVector input, final Rows rows, final Overflow overflow,
        final FieldVector out)
    {
        final Operand in = unaryOperand(input);
        checkOut(out, in.type, in, null, null);
        unary(true, in, rows, overflow, out);
    }

    /**
     * {@code a * b + c} over float64 for every row: a rounded multiply then a rounded add (not {@link Math#fma}), so
     * SIMD and scalar paths agree bit for bit. Into a new vector.
     *
     * @param a         float64 column (not closed).
     * @param b         float64 column, same length (not closed).
     * @param c         float64 column, same length (not closed).
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new float64 vector; null where any operand is null.
     */
    public static FieldVector multiplyAdd(final FieldVector a, final FieldVector b, final FieldVector c,
        final BufferAllocator allocator)
    {
        checkSameLength(a, b);
        checkSameLength(a, c);
        return multiplyAdd(a, b, c, allRows(a), allocator);
    }

    /**
     * {@code a * b + c} over float64 for the given rows, into a new dense vector.
     *
     * @param a         float64 column (not closed).
     * @param b         float64 column (not closed).
     * @param c         float64 column (not closed).
     * @param rows      which rows to read.
     * @param allocator where the result is allocated; the caller owns and closes it.
     * @return a new float64 vector with {@code rows.count()} rows.
     */
    public static FieldVector multiplyAdd(final FieldVector a, final FieldVector b, final FieldVector c,
        final Rows rows, final BufferAllocator allocator)
    {
        final Scratch s = Scratch.get();
        final Operand x = float64(s.first, a, "a");
        final Operand y = float64(s.second, b, "b");
        final Operand z = float64(s.third, c, "c");
        checkRows(rows, x, y, z);
        final FieldVector out = newVector("multiplyAdd(" + x.name + ", " + y.name + ", " + z.name + ")", x.type,
            allocator, rows.count());
        try
        {
            multiplyAdd(x, y, z, rows, out);
        }
        catch (final RuntimeException e)
        {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * {@code a * b + c} over float64 for the given rows, written densely into {@code out}.
     *
     * @param a    float64 column (not closed).
     * @param b    float64 column (not closed).
     * @param c    float64 column (not closed).
     * @param rows which rows to read.
     * @param out  a float64 vector, not an input; reallocated only if it holds fewer than {@code rows.count()} rows.
     */
    public static void multiplyAdd(final FieldVector a, final FieldVector b, final FieldVector c, final Rows rows,
        final FieldVector out)
    {
        final Scratch s = Scratch.get();
        final Operand x = float64(s.first, a, "a");
        final Operand y = float64(s.second, b, "b");
        final Operand z = float64(s.third, c, "c");
        checkOut(out, x.type, x, y, z);
        checkRows(rows, x, y, z);
        multiplyAdd(x, y, z, rows, out);
    }

    // ---------------------------------------------------------------------------------------------------------------

    static NumType resultType(final BinaryOp op, final NumType a, final NumType b, final Operand ao,
        final Operand bo)
    {
        final NumType.Kind ka = a.kind();
        final NumType.Kind kb = b.kind();
        if (ka == NumType.Kind.INT && kb == NumType.Kind.INT)
        {
            return NumType.ofInt(Math.max(a.width(), b.width()));
        }
        if (ka == NumType.Kind.FLOAT && kb == NumType.Kind.FLOAT)
        {
            return NumType.ofFloat(Math.max(a.width(), b.width()));
        }
        if (ka == NumType.Kind.DECIMAL && kb == NumType.Kind.DECIMAL)
        {
            return decimalType(op, a, b, label(ao, "left"), label(bo, "right"));
        }
        if (ka == NumType.Kind.TEMPORAL && kb == NumType.Kind.TEMPORAL && op == BinaryOp.SUBTRACT &&
            a.arrow().equals(b.arrow()))
        {
            return NumType.ofInt(8);
        }
        if (ka == NumType.Kind.TEMPORAL && kb == NumType.Kind.INT && (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT))
        {
            return a;
        }
        if (ka == NumType.Kind.INT && kb == NumType.Kind.TEMPORAL && op == BinaryOp.ADD)
        {
            return b;
        }
        throw new SchemaException("cannot " + op.label + " " + a + " " + label(ao, "left") + " and " + b + " " +
            label(bo, "right") + ": cast the operands to one numeric type first");
    }

    private static String label(final Operand o, final String role)
    {
        return o == null ? role : o.quoted();
    }

    private static NumType decimalType(final BinaryOp op, final NumType a, final NumType b, final String an,
        final String bn)
    {
        final int p1 = a.precision();
        final int s1 = a.scale();
        final int p2 = b.precision();
        final int s2 = b.scale();
        if (s1 < 0 || s2 < 0)
        {
            throw new SchemaException("decimal with negative scale (" + a + " " + an + ", " + b + " " + bn +
                ") is not supported");
        }
        final int scale;
        final int precision;
        switch (op)
        {
            case ADD, SUBTRACT ->
            {
                scale = Math.max(s1, s2);
                precision = Math.max(p1 - s1, p2 - s2) + scale + 1;
            }
            case MULTIPLY ->
            {
                scale = s1 + s2;
                precision = p1 + p2 + 1;
            }
            default ->
            {
                scale = Math.max(4, s1 + p2 - s2 + 1);
                precision = p1 - s1 + s2 + scale;
            }
        }
        if (scale > NumType.MAX_DECIMAL_PRECISION)
        {
            throw new SchemaException(op.label + " of " + a + " " + an + " and " + b + " " + bn +
                " needs result scale " + scale + " > 38");
        }
        return NumType.ofDecimal(Math.min(NumType.MAX_DECIMAL_PRECISION, precision), scale);
    }

    private static FieldVector binaryNew(final BinaryOp op, final Operand l, final Operand r, final Rows rows,
        final Overflow overflow, final BufferAllocator allocator)
    {
        final NumType type = Scratch.get().resultType(op, l, r);
        checkRows(rows, l, r, null);
        checkMode(overflow);
        final FieldVector out = newVector(op.label + "(" + l.name + ", " + r.name + ")", type, allocator,
            rows.count());
        try
        {
            binary(op, l, r, rows, overflow, out, type);
        }
        catch (final RuntimeException e)
        {
            out.close();
            throw e;
        }
        return out;
    }

    private static void binaryInto(final BinaryOp op, final Operand l, final Operand r, final Rows rows,
        final Overflow overflow, final FieldVector out)
    {
        final NumType type = Scratch.get().resultType(op, l, r);
        checkOut(out, type, l, r, null);
        checkRows(rows, l, r, null);
        checkMode(overflow);
        binary(op, l, r, rows, overflow, out, type);
    }

    private static void binary(final BinaryOp op, final Operand l, final Operand r, final Rows rows,
        final Overflow overflow, final FieldVector out, final NumType type)
    {
        final int n = rows.count();
        prepare(out, n);
        final Scratch s = Scratch.get();
        final MemorySegment data = s.outData.of(out.getDataBuffer());
        final MemorySegment validity = s.outValidity.of(out.getValidityBuffer());
        if (l.isNull || r.isNull)
        {
            Validity.clear(validity, n);
            if (n > 0)
            {
                data.asSlice(0, (long)n * type.width()).fill((byte)0);
            }
        }
        else
        {
            Validity.and(rows, n, validity, l.validity, r.validity, null);
            switch (type.kind())
            {
                case FLOAT -> FloatKernels.binary(op, l, r, rows, n, data, type.width());
                case DECIMAL -> DecimalKernels.binary(op, overflow, l, r, rows, n, data, type);
                default -> IntegerKernels.binary(op, overflow, l, r, rows, n, data, type);
            }
        }
        out.setValueCount(n);
    }

    private static Operand unaryOperand(final FieldVector input)
    {
        final Operand in = Scratch.get().first.column(input, "input");
        if (in.type.kind() == NumType.Kind.TEMPORAL)
        {
            throw new SchemaException("cannot negate or take abs of " + in.type + " column '" + in.name + "'");
        }
        return in;
    }

    private static void unary(final boolean abs, final Operand in, final Rows rows, final Overflow overflow,
        final FieldVector out)
    {
        checkMode(overflow);
        checkRows(rows, in, null, null);
        final int n = rows.count();
        prepare(out, n);
        final Scratch s = Scratch.get();
        final MemorySegment data = s.outData.of(out.getDataBuffer());
        Validity.and(rows, n, s.outValidity.of(out.getValidityBuffer()), in.validity, null, null);
        switch (in.type.kind())
        {
            case FLOAT -> FloatKernels.unary(abs, in, rows, n, data);
            case DECIMAL -> DecimalKernels.unary(abs, in, rows, n, data);
            default -> IntegerKernels.unary(abs, overflow, in, rows, n, data);
        }
        out.setValueCount(n);
    }

    private static void multiplyAdd(final Operand a, final Operand b, final Operand c, final Rows rows,
        final FieldVector out)
    {
        final int n = rows.count();
        prepare(out, n);
        final Scratch s = Scratch.get();
        Validity.and(rows, n, s.outValidity.of(out.getValidityBuffer()), a.validity, b.validity, c.validity);
        FloatKernels.multiplyAdd(a, b, c, rows, n, s.outData.of(out.getDataBuffer()));
        out.setValueCount(n);
    }

    private static Operand float64(final Operand slot, final FieldVector vector, final String role)
    {
        final Operand o = slot.column(vector, role);
        if (o.type.kind() != NumType.Kind.FLOAT || o.type.width() != 8)
        {
            throw new SchemaException("multiplyAdd needs float64 columns, but '" + o.name + "' is " + o.type);
        }
        return o;
    }

    private static void checkMode(final Overflow overflow)
    {
        if (overflow == null)
        {
            throw new SchemaException("overflow mode must be WRAP or CHECK, not null");
        }
    }

    private static Rows allRows(final FieldVector vector)
    {
        if (vector == null)
        {
            throw new SchemaException("input column of an arithmetic kernel is null");
        }
        return Rows.all(vector);
    }

    private static void checkSameLength(final FieldVector a, final FieldVector b)
    {
        if (a != null && b != null && a.getValueCount() != b.getValueCount())
        {
            throw new SchemaException("columns '" + a.getName() + "' (" + a.getValueCount() + " rows) and '" +
                b.getName() + "' (" + b.getValueCount() + " rows) differ in length");
        }
    }

    private static void checkRows(final Rows rows, final Operand a, final Operand b, final Operand c)
    {
        if (rows == null)
        {
            throw new SchemaException("rows must not be null");
        }
        checkRows(rows, a);
        checkRows(rows, b);
        checkRows(rows, c);
    }

    private static void checkRows(final Rows rows, final Operand o)
    {
        if (o != null && !o.isScalar())
        {
            rows.checkWithin(o.vector);
        }
    }

    private static void checkOut(final FieldVector out, final NumType type, final Operand a, final Operand b,
        final Operand c)
    {
        if (out == null)
        {
            throw new SchemaException("output vector must not be null");
        }
        if (!(out instanceof BaseFixedWidthVector))
        {
            throw new SchemaException("output '" + out.getName() + "' must be a fixed-width vector of " + type);
        }
        if (!out.getField().getType().equals(type.arrow()))
        {
            throw new SchemaException("output '" + out.getName() + "' has type " + out.getField().getType() +
                " but the result is " + type.arrow());
        }
        if ((a != null && out == a.vector) || (b != null && out == b.vector) || (c != null && out == c.vector))
        {
            throw new SchemaException("output '" + out.getName() + "' must not be one of the inputs");
        }
    }

    private static void prepare(final FieldVector out, final int n)
    {
        final BaseFixedWidthVector v = (BaseFixedWidthVector)out;
        if (v.getValueCapacity() < n)
        {
            v.allocateNew(n);
        }
    }

    private static FieldVector newVector(final String name, final NumType type, final BufferAllocator allocator,
        final int n)
    {
        if (allocator == null)
        {
            throw new SchemaException("allocator must not be null");
        }
        final FieldVector out = new Field(name, FieldType.nullable(type.arrow()), null).createVector(allocator);
        ((BaseFixedWidthVector)out).allocateNew(n);
        return out;
    }
}
