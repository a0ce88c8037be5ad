package io.sabot.runtime.process;

import java.math.BigDecimal;

/**
 * Read access to the input row being processed. Column indexes come from {@link #column(String)} (look them up once,
 * in {@link KeyedProcessFunction#open}). Valid only during the call it is passed to.
 */
public interface Row
{
    /** @param name a column name. @return its index. @throws io.sabot.common.SchemaException when unknown. */
    int column(String name);

    /** @param column an index. @return whether the value is null. */
    boolean isNull(int column);

    /** @param column an integer, date, timestamp or decimal (unscaled) column. @return the value (0 when null). */
    long getLong(int column);

    /** @param column a numeric column. @return the value as a double (0 when null; decimals scaled). */
    double getDouble(int column);

    /** @param column a utf8 column. @return the value, or {@code null}. */
    String getString(int column);

    /**
     * A dictionary lookup of a utf8 value without building a String (the batch's bytes are compared in place).
     *
     * @param column     a utf8 column.
     * @param dictionary candidate values as utf8 bytes.
     * @return the index of the first candidate equal to the value, or -1 when none is or the value is null.
     */
    default int lookupUtf8(final int column, final byte[][] dictionary)
    {
        final String value = getString(column);
        if (value != null)
        {
            final byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int d = 0; d < dictionary.length; d++)
            {
                if (java.util.Arrays.equals(bytes, dictionary[d]))
                {
                    return d;
                }
            }
        }
        return -1;
    }

    /** @param column a decimal column. @return the value, or {@code null}. */
    BigDecimal getDecimal(int column);

    /** @param column any column. @return the value as Arrow's {@code getObject} gives it (utf8 as String). */
    Object get(int column);
}
