package io.sabot.runtime.sink;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.Text;

/**
 * Reads Arrow values as plain Java values: int8..int64 as Byte/Short/Integer/Long, float32/64 as Float/Double, bool
 * as Boolean, utf8 as String, date32 as {@link LocalDate}, decimal as {@link java.math.BigDecimal} (with the column's
 * scale), binary as {@code byte[]}; other types as Arrow's {@code getObject}. Nulls are {@code null}. Stateless and
 * thread-safe; vectors are only read.
 */
public final class ArrowValues
{
    private ArrowValues()
    {
    }

    /**
     * @param vector a vector.
     * @param index  a physical row.
     * @return the value as a Java object, or {@code null}.
     */
    public static Object get(final FieldVector vector, final int index)
    {
        if (vector.isNull(index))
        {
            return null;
        }
        return switch (vector)
        {
            case VarCharVector v -> new String(v.get(index), StandardCharsets.UTF_8);
            case LargeVarCharVector v -> new String(v.get(index), StandardCharsets.UTF_8);
            case DateDayVector v -> LocalDate.ofEpochDay(v.get(index));
            default ->
            {
                final Object o = vector.getObject(index);
                yield o instanceof Text t ? t.toString() : o;
            }
        };
    }

    /**
     * @param batch a batch (not closed); its selection is honoured.
     * @return its live rows, each a list of column values in schema order.
     */
    public static List<List<Object>> rows(final Batch batch)
    {
        final List<List<Object>> out = new ArrayList<>();
        appendRows(batch, out);
        return out;
    }

    static void appendRows(final Batch batch, final List<List<Object>> out)
    {
        final Rows rows = batch.rows();
        final int width = batch.columnCount();
        for (int i = 0; i < rows.count(); i++)
        {
            final int r = rows.rowAt(i);
            final List<Object> row = new ArrayList<>(width);
            for (int c = 0; c < width; c++)
            {
                row.add(get(batch.column(c), r));
            }
            out.add(row);
        }
    }
}
