package io.sabot.kernels.cast;

import java.lang.foreign.MemorySegment;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Casts a column to another type. Supported: every pair of int8/16/32/64, float32/64 and decimal128, utf8 to each
 * of those, and each of those to utf8. Nulls pass through (a null input row is a null output row; its text or value
 * is never looked at). The output is a new nullable vector with the input's name, allocated from the caller's
 * allocator and owned by the caller; on error it is released before the exception leaves.
 *
 * <p>Semantics ({@link Mode#CHECKED} unless noted):
 * <ul>
 *   <li>int to wider int, int to float, float32 to float64: always exact or IEEE-rounded, never an error.</li>
 *   <li>int to narrower int: out of range raises {@link io.sabot.common.DataException} naming column, row and value;
 *       {@link Mode#WRAPPING} keeps the low bits (Java's narrowing conversion).</li>
 *   <li>float to int: truncation toward zero; NaN, infinities and values whose truncation is out of range raise.
 *       {@link Mode#WRAPPING} applies Java's {@code (long)} conversion (NaN to 0, saturating at the long range) and
 *       then keeps the low bits.</li>
 *   <li>float64 to float32: rounds to nearest; a finite value beyond the float range raises
 *       ({@link Mode#WRAPPING}: becomes infinity).</li>
 *   <li>int to decimal(p, s) and decimal to decimal(p, s): rescaled exactly, rounding half away from zero when the
 *       scale decreases; a result with more than {@code p} digits raises in both modes (a wrapped decimal has no
 *       meaning).</li>
 *   <li>decimal to float: correctly rounded. decimal to int: truncation toward zero, range as for narrowing ints.
 *       float to decimal: the exact binary value rounded half away from zero to the scale; NaN/infinity raise.
 *       Decimal values that fit in a long use long arithmetic; larger ones, float to decimal, and floats that miss
 *       the exact fast paths go through BigInteger/BigDecimal/String per row (allocating, off the hot path).</li>
 *   <li>utf8 to number: parsed from the UTF-8 bytes with the grammar of {@link TextParser}: optional {@code +} or
 *       {@code -}, ASCII digits, for floats and decimals an optional fraction and exponent, for floats also
 *       {@code nan}, {@code inf}, {@code infinity} (any case). Leading or trailing whitespace is NOT trimmed: it is
 *       bad text, as in Arrow C++. Empty text, a lone sign, text that does not parse, or a value out of range
 *       (including a finite literal that overflows to infinity, e.g. {@code 1e309}) raises a DataException naming
 *       column, row and the offending text, in both modes.</li>
 *   <li>number to utf8: integers and decimals in plain notation (decimals with exactly {@code scale} fraction
 *       digits); floats as Java's {@link Double#toString(double)}/{@link Float#toString(float)}, which parse back
 *       to the same value.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; calls on distinct outputs may run concurrently. Inputs are read, never closed.
 */
public final class Cast
{
    /** How a cast treats a value that does not fit the target type. */
    public enum Mode
    {
        /** Raise a DataException naming the column and row. */
        CHECKED,
        /** Keep the low bits (ints) or IEEE overflow (floats); decimal precision and text errors still raise. */
        WRAPPING
    }

    private static final int INT = 0;
    private static final int FLOAT = 1;
    private static final int DECIMAL = 2;
    private static final int UTF8 = 3;

    private Cast()
    {
    }

    /**
     * Checked cast of every row.
     *
     * @param input     the column (read, not closed).
     * @param target    the type to cast to.
     * @param allocator where the output lives.
     * @return a new vector owned by the caller.
     */
    public static FieldVector cast(final FieldVector input, final ArrowType target, final BufferAllocator allocator)
    {
        return cast(Rows.all(input), input, target, Mode.CHECKED, allocator);
    }

    /**
     * Cast of every row.
     *
     * @param input     the column (read, not closed).
     * @param target    the type to cast to.
     * @param mode      what to do with values that do not fit.
     * @param allocator where the output lives.
     * @return a new vector owned by the caller.
     */
    public static FieldVector cast(final FieldVector input, final ArrowType target, final Mode mode,
        final BufferAllocator allocator)
    {
        return cast(Rows.all(input), input, target, mode, allocator);
    }

    /**
     * Cast of the given rows; output row {@code i} is the cast of input row {@code rows.rowAt(i)}.
     *
     * @param rows      the rows to read (range or selection).
     * @param input     the column (read, not closed).
     * @param target    the type to cast to.
     * @param mode      what to do with values that do not fit.
     * @param allocator where the output lives.
     * @return a new vector of {@code rows.count()} rows, owned by the caller.
     */
    public static FieldVector cast(final Rows rows, final FieldVector input, final ArrowType target, final Mode mode,
        final BufferAllocator allocator)
    {
        final ArrowType source = input.getField().getType();
        final int from = kind(source, input.getName());
        final int to = kind(target, input.getName());
        if (from == UTF8 && to == UTF8)
        {
            throw new SchemaException("cast of column '" + input.getName() + "' from utf8 to utf8 is not supported");
        }
        rows.checkWithin(input);
        final boolean checked = mode == Mode.CHECKED;
        final Column in = new Column(input, rows);
        final FieldVector output = new FieldType(true, target, null).createNewSingleVector(input.getName(),
            allocator, null);
        try
        {
            if (to == UTF8)
            {
                final VarCharVector text = (VarCharVector)output;
                text.allocateNew(Math.max(64L, in.count * 8L), in.count);
                final char k = from == INT ? 'i' : from == FLOAT ? 'f' : 'd';
                Conversions.format(in, k, width(source), from == DECIMAL ? ((ArrowType.Decimal)source).getScale() : 0,
                    text);
                text.setValueCount(in.count);
                return output;
            }
            final BaseFixedWidthVector fixed = (BaseFixedWidthVector)output;
            fixed.allocateNew(in.count);
            in.copyValidity(ArrowMemory.segment(fixed.getValidityBuffer()));
            final MemorySegment out = ArrowMemory.segment(fixed.getDataBuffer());
            convert(in, source, from, target, to, out, checked);
            fixed.setValueCount(in.count);
            return output;
        }
        catch (final RuntimeException | Error e)
        {
            output.close();
            throw e;
        }
    }

    private static void convert(final Column in, final ArrowType source, final int from, final ArrowType target,
        final int to, final MemorySegment out, final boolean checked)
    {
        final int sw = width(source);
        final int tw = width(target);
        switch (from * 4 + to)
        {
            case INT * 4 + INT -> Conversions.intToInt(in, sw, out, tw, checked);
            case INT * 4 + FLOAT -> Conversions.intToFloat(in, sw, out, tw);
            case INT * 4 + DECIMAL -> Conversions.intToDecimal(in, sw, out, precision(target), scale(target));
            case FLOAT * 4 + INT -> Conversions.floatToInt(in, sw, out, tw, checked);
            case FLOAT * 4 + FLOAT -> Conversions.floatToFloat(in, sw, out, tw, checked);
            case FLOAT * 4 + DECIMAL -> Conversions.floatToDecimal(in, sw, out, precision(target), scale(target));
            case DECIMAL * 4 + INT -> Conversions.decimalToInt(in, scale(source), out, tw, checked);
            case DECIMAL * 4 + FLOAT -> Conversions.decimalToFloat(in, scale(source), out, tw);
            case DECIMAL * 4 + DECIMAL -> Conversions.decimalToDecimal(in, scale(source), out, precision(target),
                scale(target));
            case UTF8 * 4 + INT -> Conversions.parseInt(in, out, tw);
            case UTF8 * 4 + FLOAT -> Conversions.parseFloat(in, out, tw);
            case UTF8 * 4 + DECIMAL -> Conversions.parseDecimal(in, out, precision(target), scale(target));
            default -> throw new IllegalStateException("unreachable: " + source + " -> " + target);
        }
    }

    private static int kind(final ArrowType type, final String column)
    {
        switch (type)
        {
            case ArrowType.Int i when i.getIsSigned() ->
            {
                return INT;
            }
            case ArrowType.FloatingPoint f when f.getPrecision() != FloatingPointPrecision.HALF ->
            {
                return FLOAT;
            }
            case ArrowType.Decimal d when d.getBitWidth() == 128 ->
            {
                if (d.getPrecision() < 1 || d.getPrecision() > Decimals.MAX_PRECISION || d.getScale() < 0 ||
                    d.getScale() > d.getPrecision())
                {
                    throw new SchemaException("cast of column '" + column + "': unsupported " + type +
                        " (need 1 <= precision <= 38, 0 <= scale <= precision)");
                }
                return DECIMAL;
            }
            case ArrowType.Utf8 u ->
            {
                return UTF8;
            }
            default -> throw new SchemaException("cast of column '" + column + "' does not support type " + type +
                " (supported: signed int8/16/32/64, float32/64, decimal128, utf8)");
        }
    }

    private static int width(final ArrowType type)
    {
        return switch (type)
        {
            case ArrowType.Int i -> i.getBitWidth() / 8;
            case ArrowType.FloatingPoint f -> f.getPrecision() == FloatingPointPrecision.SINGLE ? 4 : 8;
            default -> 16;
        };
    }

    private static int precision(final ArrowType type)
    {
        return ((ArrowType.Decimal)type).getPrecision();
    }

    private static int scale(final ArrowType type)
    {
        return ((ArrowType.Decimal)type).getScale();
    }
}
