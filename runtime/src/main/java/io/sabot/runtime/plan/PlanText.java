package io.sabot.runtime.plan;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Small text helpers for plan printing.
 */
final class PlanText
{
    private PlanText()
    {
    }

    static String columns(final Schema schema)
    {
        final StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < schema.getFields().size(); i++)
        {
            final Field f = schema.getFields().get(i);
            sb.append(i == 0 ? "" : ", ").append(f.getName()).append(' ').append(typeName(f));
        }
        return sb.append(')').toString();
    }

    static String typeName(final Field field)
    {
        return field.getType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
