package io.sabot.runtime.source;

/**
 * A CSV record that could not be read, as handed to a dead-letter consumer ({@link CsvOptions.BadRowPolicy#DEAD_LETTER}).
 * Immutable.
 *
 * @param file   the file.
 * @param line   the 1-based line on which the record starts.
 * @param raw    the record's text as in the file (without the line terminator), decoded as UTF-8.
 * @param reason what was wrong.
 * @param column the column whose value failed, or {@code null} (wrong field count, unterminated quote).
 */
public record BadRecord(String file, long line, String raw, String reason, String column)
{
}
