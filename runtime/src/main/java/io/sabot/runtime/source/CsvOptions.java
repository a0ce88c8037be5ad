package io.sabot.runtime.source;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How CSV text is read: delimiter, quote, null string, header, inference sample, batch size and what to do with bad
 * rows. Immutable (the {@code with...} methods return copies); thread-safe.
 *
 * <p>Format: fields are separated by {@link #delimiter()}; a field may be enclosed in {@link #quote()} characters,
 * inside which delimiters and line breaks are literal and a doubled quote stands for one quote. Lines end with
 * {@code \n} or {@code \r\n}. An unquoted field equal to {@link #nullString()} is null (a quoted one never is).
 * Blank lines are skipped. A UTF-8 byte-order mark at the start of a file is skipped.
 *
 * @param delimiter     field separator (ASCII), default {@code ','}.
 * @param quote         quote character (ASCII), default {@code '"'}.
 * @param nullString    text of a null value, default empty.
 * @param header        whether the first line holds column names (default {@code true}).
 * @param inferenceRows rows sampled to infer types when no schema is given (default 1000).
 * @param batchRows     rows per batch (default 8192).
 * @param policy        what to do with a bad row (default {@link BadRowPolicy#FAIL}).
 * @param deadLetter    receives bad rows under {@link BadRowPolicy#DEAD_LETTER}; calls are serialized by the source.
 */
public record CsvOptions(char delimiter, char quote, String nullString, boolean header, int inferenceRows,
                         int batchRows, BadRowPolicy policy, Consumer<BadRecord> deadLetter)
{
    /** Comma, double quote, empty null string, header, 1000 inference rows, 8192 rows per batch, fail on bad rows. */
    public static final CsvOptions DEFAULT = new CsvOptions(',', '"', "", true, 1000, 8192, BadRowPolicy.FAIL, null);

    /**
     * What a CSV source does with a row it cannot read.
     */
    public enum BadRowPolicy
    {
        /**
         * Deliver every good row before it, then throw {@link io.sabot.common.MalformedInputException} naming file,
         * line and column.
         */
        FAIL,
        /** Hand the row to the dead-letter consumer and continue. */
        DEAD_LETTER
    }

    /**
     * Validates the options.
     */
    public CsvOptions
    {
        if (delimiter > 127 || quote > 127 || delimiter == quote || delimiter == '\n' || delimiter == '\r')
        {
            throw new IllegalArgumentException("delimiter and quote must be distinct ASCII characters, not line ends");
        }
        Objects.requireNonNull(nullString, "nullString");
        Objects.requireNonNull(policy, "policy");
        if (inferenceRows < 1 || batchRows < 1)
        {
            throw new IllegalArgumentException("inferenceRows and batchRows must be positive");
        }
        if (policy == BadRowPolicy.DEAD_LETTER && deadLetter == null)
        {
            throw new IllegalArgumentException("DEAD_LETTER needs a dead-letter consumer");
        }
    }

    /**
     * @param c the delimiter.
     * @return a copy with it.
     */
    public CsvOptions withDelimiter(final char c)
    {
        return new CsvOptions(c, quote, nullString, header, inferenceRows, batchRows, policy, deadLetter);
    }

    /**
     * @param c the quote character.
     * @return a copy with it.
     */
    public CsvOptions withQuote(final char c)
    {
        return new CsvOptions(delimiter, c, nullString, header, inferenceRows, batchRows, policy, deadLetter);
    }

    /**
     * @param s the null string.
     * @return a copy with it.
     */
    public CsvOptions withNullString(final String s)
    {
        return new CsvOptions(delimiter, quote, s, header, inferenceRows, batchRows, policy, deadLetter);
    }

    /**
     * @param h whether there is a header line.
     * @return a copy with it.
     */
    public CsvOptions withHeader(final boolean h)
    {
        return new CsvOptions(delimiter, quote, nullString, h, inferenceRows, batchRows, policy, deadLetter);
    }

    /**
     * @param n rows sampled for type inference.
     * @return a copy with it.
     */
    public CsvOptions withInferenceRows(final int n)
    {
        return new CsvOptions(delimiter, quote, nullString, header, n, batchRows, policy, deadLetter);
    }

    /**
     * @param n rows per batch.
     * @return a copy with it.
     */
    public CsvOptions withBatchRows(final int n)
    {
        return new CsvOptions(delimiter, quote, nullString, header, inferenceRows, n, policy, deadLetter);
    }

    /**
     * @return a copy that fails on the first bad row.
     */
    public CsvOptions failOnBadRows()
    {
        return new CsvOptions(delimiter, quote, nullString, header, inferenceRows, batchRows, BadRowPolicy.FAIL,
            null);
    }

    /**
     * @param consumer receives each bad row (calls serialized); reading continues.
     * @return a copy with policy {@link BadRowPolicy#DEAD_LETTER}.
     */
    public CsvOptions deadLetter(final Consumer<BadRecord> consumer)
    {
        return new CsvOptions(delimiter, quote, nullString, header, inferenceRows, batchRows,
            BadRowPolicy.DEAD_LETTER, Objects.requireNonNull(consumer, "consumer"));
    }
}
