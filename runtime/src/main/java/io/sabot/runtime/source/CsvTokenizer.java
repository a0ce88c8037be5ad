package io.sabot.runtime.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.sabot.common.SabotIoException;

/**
 * Splits CSV bytes into records and fields without creating Strings: the input is read in large chunks into one
 * byte array, and each record is described by field start/end offsets into it (valid until the next
 * {@link #next()}).
 *
 * <p>Not thread-safe. Owns (and closes) the input stream.
 */
final class CsvTokenizer implements AutoCloseable
{
    /** {@link #next()}: a record is ready. */
    static final int RECORD = 0;
    /** {@link #next()}: the input is exhausted. */
    static final int END = 1;
    /** {@link #next()}: a malformed record (see {@link #error()}); the tokenizer has moved past it. */
    static final int BAD = 2;

    /** Field flags: plain, quoted, quoted with doubled quotes inside. */
    static final byte PLAIN = 0;
    static final byte QUOTED = 1;
    static final byte ESCAPED = 2;

    private static final int NEED_MORE = -1;

    private final InputStream in;
    private final String name;
    private final byte delimiter;
    private final byte quote;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long line;
    private final boolean atFileStart;

    // The current record.
    private int fields;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private byte[] flags = new byte[16];
    private int recordStart;
    private int recordEnd;
    private long recordLine;
    private String error;

    CsvTokenizer(final InputStream in, final String name, final char delimiter, final char quote, final int chunk)
    {
        this(in, name, delimiter, quote, chunk, 1);
    }

    /**
     * @param firstLine the line number of the first byte (1 at the start of a file; a byte range of a file starts
     *                  later and skips no byte-order mark).
     */
    CsvTokenizer(final InputStream in, final String name, final char delimiter, final char quote, final int chunk,
        final long firstLine)
    {
        this.line = firstLine;
        this.atFileStart = firstLine == 1;
        this.in = in;
        this.name = name;
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
        this.buf = new byte[chunk];
    }

    byte[] buffer()
    {
        return buf;
    }

    int fields()
    {
        return fields;
    }

    int start(final int field)
    {
        return starts[field];
    }

    int end(final int field)
    {
        return ends[field];
    }

    byte flag(final int field)
    {
        return flags[field];
    }

    long recordLine()
    {
        return recordLine;
    }

    String error()
    {
        return error;
    }

    String name()
    {
        return name;
    }

    /**
     * @return the current record's raw text (without its line terminator), for error reports.
     */
    String raw()
    {
        return new String(buf, recordStart, Math.max(0, recordEnd - recordStart), StandardCharsets.UTF_8);
    }

    /**
     * Moves to the next non-blank record.
     *
     * @return {@link #RECORD}, {@link #END} or {@link #BAD}.
     */
    int next()
    {
        while (true)
        {
            if (pos >= limit && !fill())
            {
                return END;
            }
            if (atFileStart && line == 1 && pos == 0 && limit >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB &&
                buf[2] == (byte) 0xBF)
            {
                pos = 3;
            }
            final int status = scan();
            if (status == NEED_MORE)
            {
                if (!fill())
                {
                    eof = true;
                }
                continue;
            }
            if (status == RECORD && fields == 1 && flags[0] == PLAIN && starts[0] == ends[0])
            {
                continue; // blank line
            }
            return status;
        }
    }

    /**
     * Scans one record from {@link #pos}; does not move {@code pos} unless the record is complete.
     */
    private int scan()
    {
        final byte[] b = buf;
        final int lim = limit;
        final byte delim = delimiter;
        final byte q = quote;
        int i = pos;
        int lines = 0;
        fields = 0;
        recordStart = pos;
        while (true)
        {
            final int fieldStart;
            final int fieldEnd;
            byte flag = PLAIN;
            if (i < lim && b[i] == q)
            {
                flag = QUOTED;
                i++;
                fieldStart = i;
                while (true)
                {
                    if (i >= lim)
                    {
                        if (!eof)
                        {
                            return NEED_MORE;
                        }
                        recordLine = line;
                        recordEnd = lim;
                        error = "unterminated quoted field";
                        line += lines;
                        pos = lim;
                        return BAD;
                    }
                    final byte c = b[i];
                    if (c == q)
                    {
                        if (i + 1 >= lim && !eof)
                        {
                            return NEED_MORE;
                        }
                        if (i + 1 < lim && b[i + 1] == q)
                        {
                            flag = ESCAPED;
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    if (c == '\n')
                    {
                        lines++;
                    }
                    i++;
                }
                fieldEnd = i;
                i++; // closing quote
                if (i < lim && b[i] == '\r')
                {
                    if (i + 1 < lim)
                    {
                        if (b[i + 1] == '\n')
                        {
                            i++;
                        }
                    }
                    else if (!eof)
                    {
                        return NEED_MORE;
                    }
                    else
                    {
                        i++; // a trailing \r at end of input
                    }
                }
                if (i < lim && b[i] != delim && b[i] != '\n')
                {
                    // Skip to the end of the line so that reading can continue after the bad record.
                    final int nl = indexOfNewline(i);
                    if (nl < 0 && !eof)
                    {
                        return NEED_MORE;
                    }
                    recordLine = line;
                    recordEnd = nl < 0 ? lim : trimCr(nl);
                    error = "unexpected character after closing quote";
                    line += lines + (nl < 0 ? 0 : 1);
                    pos = nl < 0 ? lim : nl + 1;
                    return BAD;
                }
            }
            else
            {
                fieldStart = i;
                while (i < lim && b[i] != delim && b[i] != '\n')
                {
                    i++;
                }
                if (i >= lim && !eof)
                {
                    return NEED_MORE;
                }
                fieldEnd = i < lim && b[i] == '\n' && i > fieldStart && b[i - 1] == '\r' ? i - 1 :
                    (i >= lim && i > fieldStart && b[i - 1] == '\r' ? i - 1 : i);
            }
            add(fieldStart, fieldEnd, flag);
            if (i < lim && b[i] == delim)
            {
                i++;
                continue;
            }
            // End of line or end of input.
            recordLine = line;
            recordEnd = i < lim ? trimCr(i) : trimCrAtEnd(lim);
            line += lines + (i < lim ? 1 : 0);
            pos = i < lim ? i + 1 : lim;
            error = null;
            return RECORD;
        }
    }

    private int trimCr(final int newline)
    {
        return newline > recordStart && buf[newline - 1] == '\r' ? newline - 1 : newline;
    }

    private int trimCrAtEnd(final int end)
    {
        return end > recordStart && buf[end - 1] == '\r' ? end - 1 : end;
    }

    private int indexOfNewline(final int from)
    {
        for (int i = from; i < limit; i++)
        {
            if (buf[i] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private void add(final int start, final int end, final byte flag)
    {
        if (fields == starts.length)
        {
            starts = java.util.Arrays.copyOf(starts, fields * 2);
            ends = java.util.Arrays.copyOf(ends, fields * 2);
            flags = java.util.Arrays.copyOf(flags, fields * 2);
        }
        starts[fields] = start;
        ends[fields] = end;
        flags[fields] = flag;
        fields++;
    }

    /**
     * Keeps the unread bytes (the record being scanned), growing the buffer if they fill it, and reads more.
     *
     * @return whether any byte was added.
     */
    private boolean fill()
    {
        if (eof)
        {
            return false;
        }
        final int keep = limit - pos;
        if (pos > 0)
        {
            System.arraycopy(buf, pos, buf, 0, keep);
            pos = 0;
            limit = keep;
        }
        else if (limit == buf.length)
        {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        try
        {
            while (limit < buf.length)
            {
                final int n = in.read(buf, limit, buf.length - limit);
                if (n < 0)
                {
                    eof = true;
                    return limit > keep;
                }
                limit += n;
                if (n > 0)
                {
                    return true;
                }
            }
            return true;
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot read at line " + line + ": " + e.getMessage(), name, e);
        }
    }

    @Override
    public void close()
    {
        try
        {
            in.close();
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot close: " + e.getMessage(), name, e);
        }
    }
}
