package io.sabot.jit.expr;

import io.sabot.common.SchemaException;

/**
 * The text of an expression does not follow the grammar (see {@link ExprParser}). The message names the 0-based
 * position, what was expected there and what was found, and repeats the offending line with a caret under the
 * position:
 *
 * <pre>
 *   expected ')' but found end of input at position 6
 *     (a + b
 *           ^
 * </pre>
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class ExprParseException extends SchemaException
{
    private static final long serialVersionUID = 1L;

    private final String input;
    private final int position;
    private final String expected;
    private final String found;

    /**
     * @param input    the whole text being parsed.
     * @param position 0-based character index of the error in {@code input}.
     * @param expected what the grammar allows there, e.g. {@code ')'} or {@code an expression}.
     * @param found    what is there instead, e.g. {@code 'foo'} or {@code end of input}.
     */
    public ExprParseException(final String input, final int position, final String expected, final String found)
    {
        super(format(input, position, expected, found));
        this.input = input;
        this.position = position;
        this.expected = expected;
        this.found = found;
    }

    /**
     * @return the text that failed to parse.
     */
    public String input()
    {
        return input;
    }

    /**
     * @return the 0-based character index of the error.
     */
    public int position()
    {
        return position;
    }

    /**
     * @return what the grammar allows at {@link #position()}.
     */
    public String expected()
    {
        return expected;
    }

    /**
     * @return what was found at {@link #position()} instead.
     */
    public String found()
    {
        return found;
    }

    private static String format(final String input, final int position, final String expected, final String found)
    {
        // Show only the line holding the error, so the caret lines up even in multi-line input.
        int lineStart = position;
        while (lineStart > 0 && input.charAt(lineStart - 1) != '\n' && input.charAt(lineStart - 1) != '\r')
        {
            lineStart--;
        }
        int lineEnd = position;
        while (lineEnd < input.length() && input.charAt(lineEnd) != '\n' && input.charAt(lineEnd) != '\r')
        {
            lineEnd++;
        }
        final StringBuilder caret = new StringBuilder();
        for (int i = lineStart; i < position; i++)
        {
            caret.append(input.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "expected " + expected + " but found " + found + " at position " + position + "\n  " +
            input.substring(lineStart, lineEnd) + "\n  " + caret + "^";
    }
}
