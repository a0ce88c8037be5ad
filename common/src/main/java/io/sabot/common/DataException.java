package io.sabot.common;

/**
 * A value in the input cannot be processed as asked: overflow in checked arithmetic, division by zero, a narrowing
 * cast that loses the value, text that does not parse. Carries the row index (in the input's own numbering) and the
 * column name when known, so a user can find the offending value.
 */
public class DataException extends SabotException
{
    private static final long serialVersionUID = 1L;

    private final long row;
    private final String column;

    /**
     * @param message what was wrong with the value.
     * @param column  the column name, or {@code null} if unknown.
     * @param row     the row index, or {@code -1} if unknown.
     */
    public DataException(final String message, final String column, final long row)
    {
        super(format(message, column, row));
        this.row = row;
        this.column = column;
    }

    /**
     * @return the row index of the offending value, or {@code -1} if unknown.
     */
    public long row()
    {
        return row;
    }

    /**
     * @return the column name, or {@code null} if unknown.
     */
    public String column()
    {
        return column;
    }

    private static String format(final String message, final String column, final long row)
    {
        final StringBuilder sb = new StringBuilder(message);
        if (column != null)
        {
            sb.append(" (column '").append(column).append('\'');
            if (row >= 0)
            {
                sb.append(", row ").append(row);
            }
            sb.append(')');
        }
        else if (row >= 0)
        {
            sb.append(" (row ").append(row).append(')');
        }
        return sb.toString();
    }
}
