package io.sabot.runtime.connector.kafka;

import io.sabot.runtime.source.CivilDates;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.async.ByteBufferFeeder;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import io.sabot.common.SchemaException;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Decodes one JSON object per record straight into the row slots of Arrow vectors, with Jackson's non-blocking
 * (push) parser: one parser per decoder is fed each record's bytes in turn (the record values are consecutive root
 * values of one token stream), so decoding a record allocates nothing but what Arrow needs; the parser is replaced
 * only after a record that did not decode.
 *
 * <p>Mapping: top-level fields by column name (extra fields, with any nesting, are skipped; a missing field or JSON
 * {@code null} is null). int32/int64 from JSON integers (range-checked), float64 from any JSON number, utf8 from
 * strings, bool from {@code true}/{@code false}, {@code decimal(p, s)} from numbers or numeric strings, exactly
 * (more than {@code s} fraction digits must be zeros, at most {@code p} digits; up to 18 significant digits without
 * exponent are parsed without {@code BigDecimal}), {@code date} from ISO {@code yyyy-mm-dd} strings or integer days
 * since the epoch, {@code timestamp[ms]} from integer milliseconds since the epoch.
 *
 * <p>Not thread-safe: one reader's thread at a time. It writes into the vectors given to {@link #target} and
 * owns none of them.
 */
final class JsonRowDecoder implements RecordDecoder
{
    static final int INT32 = 0;
    static final int INT64 = 1;
    static final int FLOAT64 = 2;
    static final int UTF8 = 3;
    static final int BOOL = 4;
    static final int DECIMAL = 5;
    static final int DATE = 6;
    static final int TIMESTAMP = 7;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        .build();

    private final int[] kinds;
    private final String[] names;
    private final Map<String, Integer> columnOf;
    private final long[] setIn;
    private long record;
    private FieldVector[] columns;
    private byte[] utf8 = new byte[256];
    private JsonParser parser;
    private ByteBufferFeeder feeder;
    private String error;
    private String errorColumn;
    // result of parseDecimal: the unscaled value
    private long unscaled;

    JsonRowDecoder(final Schema schema)
    {
        this.kinds = kinds(schema);
        final List<Field> fields = schema.getFields();
        this.names = new String[fields.size()];
        this.columnOf = new HashMap<>();
        for (int i = 0; i < names.length; i++)
        {
            names[i] = fields.get(i).getName();
            if (columnOf.put(names[i], i) != null)
            {
                throw new SchemaException("duplicate column '" + names[i] + "' in a JSON record schema");
            }
        }
        this.setIn = new long[names.length];
        newParser();
    }

    /**
     * @param schema the record schema.
     * @return the kind of each column.
     * @throws SchemaException naming the column if a type is not supported.
     */
    static int[] kinds(final Schema schema)
    {
        final List<Field> fields = schema.getFields();
        final int[] kinds = new int[fields.size()];
        for (int i = 0; i < kinds.length; i++)
        {
            final ArrowType t = fields.get(i).getType();
            kinds[i] = switch (t)
            {
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 32 -> INT32;
                case ArrowType.Int x when x.getIsSigned() && x.getBitWidth() == 64 -> INT64;
                case ArrowType.FloatingPoint x when x.getPrecision() == FloatingPointPrecision.DOUBLE -> FLOAT64;
                case ArrowType.Utf8 x -> UTF8;
                case ArrowType.Bool x -> BOOL;
                case ArrowType.Decimal x when x.getBitWidth() == 128 -> DECIMAL;
                case ArrowType.Date x when x.getUnit() == DateUnit.DAY -> DATE;
                case ArrowType.Timestamp x when x.getUnit() == TimeUnit.MILLISECOND -> TIMESTAMP;
                default -> throw new SchemaException("column '" + fields.get(i).getName() + "': type " + t +
                    " is not supported by JSON records (int32, int64, float64, utf8, bool, decimal128, date[day]," +
                    " timestamp[ms])");
            };
        }
        return kinds;
    }

    private void newParser()
    {
        try
        {
            if (parser != null)
            {
                parser.close();
            }
            parser = FACTORY.createNonBlockingByteBufferParser();
            feeder = (ByteBufferFeeder) parser.getNonBlockingInputFeeder();
        }
        catch (final IOException e)
        {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
    }

    /**
     * @param vectors the batch being filled, one per column in schema order.
     */
    @Override
    public void target(final List<FieldVector> vectors)
    {
        columns = vectors.toArray(new FieldVector[0]);
    }

    /**
     * @return why the last {@link #decode} failed.
     */
    @Override
    public String error()
    {
        return error;
    }

    /**
     * @return the column the last failure concerns, or {@code null}.
     */
    @Override
    public String errorColumn()
    {
        return errorColumn;
    }

    /**
     * Decodes one record value into row {@code row} of the target vectors.
     *
     * @param value the record value (position..limit), or {@code null}; left as it was.
     * @param row   the slot.
     * @return {@code true} if the row is complete; {@code false} if the record does not decode ({@link #error()}
     * says why; the slot may hold part of the record and is to be reused).
     */
    @Override
    public boolean decode(final ByteBuffer value, final int row)
    {
        if (value == null)
        {
            return fail("the record has no value", null);
        }
        final int position = value.position();
        final int limit = value.limit();
        int end = limit;
        while (end > position && whitespace(value.get(end - 1)))
        {
            end--;
        }
        if (end == position)
        {
            return fail("the record value is empty", null);
        }
        final long stamp = ++record;
        try
        {
            // feed up to the last non-blank byte: a well-formed object then ends exactly at the end of the input
            value.limit(end);
            feeder.feedInput(value);
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_OBJECT)
            {
                return reset(t == JsonToken.NOT_AVAILABLE ? "truncated JSON" : "not a JSON object (starts with " +
                    t + ")", null);
            }
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME)
            {
                final Integer column = columnOf.get(parser.currentName());
                t = parser.nextToken();
                if (t == JsonToken.NOT_AVAILABLE)
                {
                    return reset("truncated JSON", null);
                }
                if (column == null)
                {
                    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && !skipStructure())
                    {
                        return reset("truncated JSON", null);
                    }
                    continue;
                }
                final int c = column;
                final String why = write(c, t, row);
                if (why != null)
                {
                    return reset(why, names[c]);
                }
                setIn[c] = stamp;
            }
            if (t != JsonToken.END_OBJECT)
            {
                return reset("truncated JSON", null);
            }
            if (!feeder.needMoreInput())
            {
                return reset("content after the JSON object", null);
            }
            for (int c = 0; c < setIn.length; c++)
            {
                if (setIn[c] != stamp)
                {
                    columns[c].setNull(row);
                }
            }
            return true;
        }
        catch (final IOException e)
        {
            final String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ?
                j.getOriginalMessage() : e.getMessage();
            return reset("malformed JSON: " + firstLine(message), null);
        }
        finally
        {
            value.limit(limit);
            value.position(position);
        }
    }

    private static String firstLine(final String s)
    {
        if (s == null)
        {
            return "";
        }
        final int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean whitespace(final byte b)
    {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private boolean fail(final String why, final String column)
    {
        error = why;
        errorColumn = column;
        return false;
    }

    /** The parser stopped inside a value: start a fresh one for the next record. */
    private boolean reset(final String why, final String column)
    {
        newParser();
        return fail(why, column);
    }

    /** Skips the object or array just opened; {@code false} if the input ended first. */
    private boolean skipStructure() throws IOException
    {
        int depth = 1;
        while (depth > 0)
        {
            final JsonToken t = parser.nextToken();
            if (t == JsonToken.NOT_AVAILABLE || t == null)
            {
                return false;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)
            {
                depth++;
            }
            else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY)
            {
                depth--;
            }
        }
        return true;
    }

    /** @return {@code null} when written, else why the value does not fit. */
    private String write(final int c, final JsonToken t, final int row) throws IOException
    {
        final FieldVector v = columns[c];
        if (t == JsonToken.VALUE_NULL)
        {
            v.setNull(row);
            return null;
        }
        switch (kinds[c])
        {
            case INT32, INT64, TIMESTAMP ->
            {
                if (t != JsonToken.VALUE_NUMBER_INT)
                {
                    return misfit(t, c);
                }
                final long x;
                try
                {
                    x = parser.getLongValue();
                }
                catch (final InputCoercionException e)
                {
                    return misfit(t, c);
                }
                switch (kinds[c])
                {
                    case INT32 ->
                    {
                        if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)
                        {
                            return misfit(t, c);
                        }
                        ((IntVector) v).setSafe(row, (int) x);
                    }
                    case INT64 -> ((BigIntVector) v).setSafe(row, x);
                    default -> ((TimeStampVector) v).setSafe(row, x);
                }
                return null;
            }
            case FLOAT64 ->
            {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT)
                {
                    return misfit(t, c);
                }
                ((Float8Vector) v).setSafe(row, parser.getDoubleValue());
                return null;
            }
            case UTF8 ->
            {
                if (t != JsonToken.VALUE_STRING)
                {
                    return misfit(t, c);
                }
                final int n = encodeUtf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                ((VarCharVector) v).setSafe(row, utf8, 0, n);
                return null;
            }
            case BOOL ->
            {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE)
                {
                    return misfit(t, c);
                }
                ((BitVector) v).setSafe(row, t == JsonToken.VALUE_TRUE ? 1 : 0);
                return null;
            }
            case DECIMAL ->
            {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_STRING)
                {
                    return misfit(t, c);
                }
                return decimal((DecimalVector) v, row, t, c);
            }
            case DATE ->
            {
                final DateDayVector d = (DateDayVector) v;
                if (t == JsonToken.VALUE_NUMBER_INT)
                {
                    final long x;
                    try
                    {
                        x = parser.getLongValue();
                    }
                    catch (final InputCoercionException e)
                    {
                        return misfit(t, c);
                    }
                    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)
                    {
                        return misfit(t, c);
                    }
                    d.setSafe(row, (int) x);
                    return null;
                }
                if (t != JsonToken.VALUE_STRING)
                {
                    return misfit(t, c);
                }
                final long days = isoDate(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                if (days == Long.MIN_VALUE)
                {
                    return misfit(t, c);
                }
                d.setSafe(row, (int) days);
                return null;
            }
            default -> throw new IllegalStateException("kind " + kinds[c]);
        }
    }

    private String misfit(final JsonToken t, final int c) throws IOException
    {
        final String text = t.isStructStart() ? t.asString() : parser.getText();
        return "JSON value " + (text == null ? t.toString() : text.length() > 64 ? text.substring(0, 64) + "..." :
            text) + " does not fit " + columns[c].getField().getType();
    }

    private String decimal(final DecimalVector v, final int row, final JsonToken t, final int c) throws IOException
    {
        final char[] chars = parser.getTextCharacters();
        final int off = parser.getTextOffset();
        final int len = parser.getTextLength();
        final int status = parseDecimal(chars, off, len, v.getScale(), v.getPrecision());
        if (status == DECIMAL_OK)
        {
            v.setSafe(row, unscaled);
            return null;
        }
        if (status == DECIMAL_SLOW)
        {
            final BigDecimal d;
            try
            {
                d = new BigDecimal(chars, off, len).setScale(v.getScale(), RoundingMode.UNNECESSARY);
            }
            catch (final NumberFormatException | ArithmeticException e)
            {
                return misfit(t, c);
            }
            if (d.signum() != 0 && d.precision() > v.getPrecision())
            {
                return misfit(t, c);
            }
            v.setSafe(row, d);
            return null;
        }
        return misfit(t, c);
    }

    static final int DECIMAL_OK = 0;
    static final int DECIMAL_SLOW = 1;
    static final int DECIMAL_BAD = 2;

    /**
     * Parses {@code [+-]digits[.digits]} into {@link #unscaled} at {@code scale}, exactly: extra fraction digits
     * must be zeros, at most {@code precision} digits.
     *
     * @return {@link #DECIMAL_OK}, {@link #DECIMAL_SLOW} (exponent or more than 18 digits: use BigDecimal) or
     * {@link #DECIMAL_BAD} (not a number, not exact, too many digits).
     */
    int parseDecimal(final char[] c, final int off, final int len, final int scale, final int precision)
    {
        int i = off;
        final int end = off + len;
        boolean negative = false;
        if (i < end && (c[i] == '-' || c[i] == '+'))
        {
            negative = c[i] == '-';
            i++;
        }
        long value = 0;
        int digits = 0;
        int fraction = -1;
        boolean any = false;
        for (; i < end; i++)
        {
            final char ch = c[i];
            if (ch >= '0' && ch <= '9')
            {
                any = true;
                if (fraction >= 0)
                {
                    if (fraction == scale)
                    {
                        if (ch != '0')
                        {
                            // inexact, unless an exponent follows
                            return hasExponent(c, i, end) ? DECIMAL_SLOW : DECIMAL_BAD;
                        }
                        continue;
                    }
                    fraction++;
                }
                if (digits > 0 || ch != '0')
                {
                    if (++digits > 18)
                    {
                        return DECIMAL_SLOW;
                    }
                }
                value = value * 10 + (ch - '0');
            }
            else if (ch == '.' && fraction < 0)
            {
                fraction = 0;
            }
            else if (ch == 'e' || ch == 'E')
            {
                return DECIMAL_SLOW;
            }
            else
            {
                return DECIMAL_BAD;
            }
        }
        if (!any)
        {
            return DECIMAL_BAD;
        }
        for (int f = Math.max(fraction, 0); f < scale; f++)
        {
            if (digits > 0 && ++digits > 18)
            {
                return DECIMAL_SLOW;
            }
            value *= 10;
        }
        if (digits > precision)
        {
            return DECIMAL_BAD;
        }
        unscaled = negative ? -value : value;
        return DECIMAL_OK;
    }

    private static boolean hasExponent(final char[] c, final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            if (c[i] == 'e' || c[i] == 'E')
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return days since the epoch of an ISO {@code yyyy-mm-dd} date, or {@link Long#MIN_VALUE} if it is not one.
     */
    static long isoDate(final char[] c, final int off, final int len)
    {
        if (len != 10 || c[off + 4] != '-' || c[off + 7] != '-')
        {
            return Long.MIN_VALUE;
        }
        final int y = digits(c, off, 4);
        final int m = digits(c, off + 5, 2);
        final int d = digits(c, off + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > CivilDates.daysInMonth(y, m))
        {
            return Long.MIN_VALUE;
        }
        return CivilDates.epochDay(y, m, d);
    }

    private static int digits(final char[] c, final int off, final int n)
    {
        int v = 0;
        for (int i = 0; i < n; i++)
        {
            final char ch = c[off + i];
            if (ch < '0' || ch > '9')
            {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    /** UTF-8 of {@code c[off, off+len)} into {@link #utf8} (grown as needed); lone surrogates become '?'. */
    private int encodeUtf8(final char[] c, final int off, final int len)
    {
        if (utf8.length < len * 3)
        {
            utf8 = new byte[Math.max(len * 3, utf8.length * 2)];
        }
        final byte[] b = utf8;
        int n = 0;
        final int end = off + len;
        for (int i = off; i < end; i++)
        {
            final char ch = c[i];
            if (ch < 0x80)
            {
                b[n++] = (byte) ch;
            }
            else if (ch < 0x800)
            {
                b[n++] = (byte) (0xC0 | (ch >> 6));
                b[n++] = (byte) (0x80 | (ch & 0x3F));
            }
            else if (Character.isHighSurrogate(ch) && i + 1 < end && Character.isLowSurrogate(c[i + 1]))
            {
                final int cp = Character.toCodePoint(ch, c[++i]);
                b[n++] = (byte) (0xF0 | (cp >> 18));
                b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (cp & 0x3F));
            }
            else if (Character.isSurrogate(ch))
            {
                b[n++] = '?';
            }
            else
            {
                b[n++] = (byte) (0xE0 | (ch >> 12));
                b[n++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return n;
    }

    /** Releases the parser. */
    @Override
    public void close()
    {
        try
        {
            parser.close();
        }
        catch (final IOException e)
        {
            // nothing to release beyond buffers
        }
    }
}
