package io.sabot.common;

/**
 * Input data does not follow its format: a truncated Arrow IPC file, a CSV row with the wrong number of fields or an
 * unparsable value, a record that does not decode. The message names the file (or stream), the position (line number
 * or byte offset) and, where known, the column.
 */
public class MalformedInputException extends DataException
{
    private static final long serialVersionUID = 1L;

    private final String resource;
    private final long position;

    /**
     * @param message  what is wrong.
     * @param resource the file or stream, never {@code null}.
     * @param position the 1-based line number (text formats) or byte offset (binary formats); {@code -1} if unknown.
     * @param column   the column, or {@code null}.
     */
    public MalformedInputException(final String message, final String resource, final long position,
                                   final String column)
    {
        super(message + " in " + resource + (position >= 0 ? " at " + position : ""), column, -1);
        this.resource = resource;
        this.position = position;
    }

    /**
     * For subclasses that name the position their own way (e.g. a topic, partition and offset).
     *
     * @param message  what is wrong.
     * @param resource the file or stream, never {@code null}.
     * @param position the position in the subclass's terms; {@code -1} if unknown.
     * @param column   the column, or {@code null}.
     * @param where    how the message names the place, appended as {@code " in " + where}.
     */
    protected MalformedInputException(final String message, final String resource, final long position,
                                      final String column, final String where)
    {
        super(message + " in " + where, column, -1);
        this.resource = resource;
        this.position = position;
    }

    /**
     * @return the file or stream.
     */
    public String resource()
    {
        return resource;
    }

    /**
     * @return the line number or byte offset, or {@code -1}.
     */
    public long position()
    {
        return position;
    }
}
