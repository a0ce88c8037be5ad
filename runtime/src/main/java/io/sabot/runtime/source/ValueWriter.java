package io.sabot.runtime.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import io.sabot.common.DataException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import java.util.ArrayList;
import java.util.List;
import io.sabot.common.SchemaException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Writes one Java value into an Arrow vector slot (the {@code setSafe} family), for row-at-a-time sources.
 *
 * <p>Accepted values: any {@link Number} for integer and floating columns (narrowing must not lose the value),
 * {@link Boolean}, {@link CharSequence} for utf8, {@code byte[]} for binary, {@link LocalDate} (or an Integer of days)
 * for {@code Date(DAY)}, {@link BigDecimal} (or an integral Number) for decimals, rescaled exactly. {@code null} writes
 * a null. Stateless.
 */
public final class ValueWriter
{
    private ValueWriter()
    {
    }

    /**
     * @param schema    the columns.
     * @param rows      Java rows, one value per column (see the class comment).
     * @param from      first row of {@code rows} to write.
     * @param count     rows to write.
     * @param firstRow  the number of row {@code from}, for error messages.
     * @param allocator where the vectors live.
     * @return a new batch of those rows, owned by the caller; nothing stays allocated when a value does not fit.
     */
    public static Batch batch(final Schema schema, final List<Object[]> rows, final int from, final int count,
        final long firstRow, final BufferAllocator allocator)
    {
        final List<FieldVector> columns = new ArrayList<>();
        try
        {
            final List<Field> fields = schema.getFields();
            for (int c = 0; c < fields.size(); c++)
            {
                final FieldVector v = fields.get(c).createVector(allocator);
                columns.add(v);
                v.setInitialCapacity(Math.max(count, 1));
                v.allocateNew();
                for (int r = 0; r < count; r++)
                {
                    set(v, r, rows.get(from + r)[c], firstRow + r);
                }
                v.setValueCount(count);
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            columns.forEach(FieldVector::close);
            throw e;
        }
    }

    /**
     * @param vector an allocated vector.
     * @param index  the slot.
     * @param value  the value (see the class comment), or {@code null}.
     * @param row    the row number for error messages.
     * @throws io.sabot.common.SchemaException naming the row and column when the value does not fit the type.
     */
    public static void set(final FieldVector vector, final int index, final Object value, final long row)
    {
        if (value == null)
        {
            vector.setNull(index);
            return;
        }
        try
        {
            switch (vector)
            {
                case IntVector v -> v.setSafe(index, Math.toIntExact(integral(value)));
                case BigIntVector v -> v.setSafe(index, integral(value));
                case SmallIntVector v -> v.setSafe(index, narrow(integral(value), Short.MIN_VALUE, Short.MAX_VALUE));
                case TinyIntVector v -> v.setSafe(index, narrow(integral(value), Byte.MIN_VALUE, Byte.MAX_VALUE));
                case Float8Vector v -> v.setSafe(index, ((Number) value).doubleValue());
                case Float4Vector v -> v.setSafe(index, ((Number) value).floatValue());
                case BitVector v -> v.setSafe(index, ((Boolean) value) ? 1 : 0);
                case VarCharVector v -> v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
                case VarBinaryVector v -> v.setSafe(index, (byte[]) value);
                case DateDayVector v -> v.setSafe(index, value instanceof LocalDate d ? Math.toIntExact(d.toEpochDay())
                    : ((Integer) value));
                case DecimalVector v -> v.setSafe(index, decimal(value, v.getScale(), v.getPrecision()));
                default -> throw new SchemaException("column '" + vector.getName() + "': type " +
                    vector.getField().getType() + " is not supported by row sources");
            }
        }
        catch (final ClassCastException | ArithmeticException e)
        {
            throw new DataException("value " + value + " (" + value.getClass().getSimpleName() +
                ") does not fit type " + vector.getField().getType() + ": " + e.getMessage(), vector.getName(), row);
        }
    }

    private static long integral(final Object value)
    {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
        {
            return ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d)
        {
            return d.longValueExact();
        }
        throw new ClassCastException("not an integer");
    }

    private static int narrow(final long value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new ArithmeticException("out of range");
        }
        return (int) value;
    }

    private static BigDecimal decimal(final Object value, final int scale, final int precision)
    {
        final BigDecimal d = value instanceof BigDecimal b ? b : BigDecimal.valueOf(integral(value));
        final BigDecimal scaled = d.setScale(scale, RoundingMode.UNNECESSARY);
        if (scaled.precision() > precision && scaled.signum() != 0)
        {
            throw new ArithmeticException("more than " + precision + " digits");
        }
        return scaled;
    }
}
