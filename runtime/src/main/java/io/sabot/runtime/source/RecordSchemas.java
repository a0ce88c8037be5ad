package io.sabot.runtime.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Maps Java record components to Arrow fields, and records to rows.
 *
 * <p>Mapping: {@code int}/{@code Integer} -> int32, {@code long}/{@code Long} -> int64, {@code short} -> int16,
 * {@code byte} -> int8, {@code double} -> float64, {@code float} -> float32, {@code boolean} -> bool, {@code String}
 * -> utf8, {@code LocalDate} -> date32(DAY), {@code BigDecimal} -> decimal(38, the largest scale among the values, 0 if
 * none), {@code byte[]} -> binary. Primitive components are non-nullable, reference components nullable. Stateless.
 */
final class RecordSchemas
{
    private RecordSchemas()
    {
    }

    static <R extends Record> Schema schema(final Class<R> type, final Collection<R> records)
    {
        final RecordComponent[] components = type.getRecordComponents();
        final List<Field> fields = new ArrayList<>(components.length);
        for (int c = 0; c < components.length; c++)
        {
            final RecordComponent rc = components[c];
            final Class<?> t = rc.getType();
            final ArrowType arrow;
            if (t == int.class || t == Integer.class)
            {
                arrow = new ArrowType.Int(32, true);
            }
            else if (t == long.class || t == Long.class)
            {
                arrow = new ArrowType.Int(64, true);
            }
            else if (t == short.class || t == Short.class)
            {
                arrow = new ArrowType.Int(16, true);
            }
            else if (t == byte.class || t == Byte.class)
            {
                arrow = new ArrowType.Int(8, true);
            }
            else if (t == double.class || t == Double.class)
            {
                arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            }
            else if (t == float.class || t == Float.class)
            {
                arrow = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            }
            else if (t == boolean.class || t == Boolean.class)
            {
                arrow = ArrowType.Bool.INSTANCE;
            }
            else if (t == String.class)
            {
                arrow = ArrowType.Utf8.INSTANCE;
            }
            else if (t == LocalDate.class)
            {
                arrow = new ArrowType.Date(DateUnit.DAY);
            }
            else if (t == BigDecimal.class)
            {
                int scale = 0;
                for (final R r : records)
                {
                    final BigDecimal d = (BigDecimal) get(rc, r);
                    if (d != null)
                    {
                        scale = Math.max(scale, d.scale());
                    }
                }
                arrow = new ArrowType.Decimal(38, scale, 128);
            }
            else if (t == byte[].class)
            {
                arrow = ArrowType.Binary.INSTANCE;
            }
            else
            {
                throw new SchemaException("record component '" + rc.getName() + "' of " + type.getName() +
                    " has type " + t.getName() + ", which has no Arrow mapping");
            }
            fields.add(new Field(rc.getName(), new FieldType(!t.isPrimitive(), arrow, null), null));
        }
        return new Schema(fields);
    }

    static <R extends Record> List<Object[]> rows(final Class<R> type, final Collection<R> records)
    {
        final RecordComponent[] components = type.getRecordComponents();
        final List<Object[]> rows = new ArrayList<>(records.size());
        for (final R r : records)
        {
            final Object[] row = new Object[components.length];
            for (int c = 0; c < components.length; c++)
            {
                row[c] = get(components[c], r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object get(final RecordComponent component, final Object record)
    {
        try
        {
            final var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        }
        catch (final IllegalAccessException | InvocationTargetException e)
        {
            throw new SchemaException("cannot read record component '" + component.getName() + "': " + e);
        }
    }
}
