package io.sabot.runtime.connector.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.sabot.common.SchemaException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Encodes rows as JSON objects (column name -> value), the inverse of {@link JsonRowDecoder}: integers, float64 (NaN
 * and infinities as the strings Jackson writes for them), utf8 strings, booleans, decimals as JSON numbers with
 * exactly their scale ({@code 12.50}), dates as ISO {@code yyyy-mm-dd} strings, timestamps as epoch milliseconds,
 * nulls as {@code null}. One Jackson generator is reused for every row; a row costs the exact-size {@code byte[]}
 * the producer API needs.
 *
 * <p>Not thread-safe: one writer's thread. Reads the bound batch's vectors, owns none of them.
 */
final class JsonRowEncoder
{
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();

    private final ByteArrayBuilder out = new ByteArrayBuilder(1024);
    private final JsonGenerator generator;
    private Schema schema;
    private SerializedString[] names;
    private int[] kinds;
    private FieldVector[] columns;
    private byte[] bytes = new byte[256];
    private final char[] chars = new char[48];

    JsonRowEncoder()
    {
        try
        {
            generator = FACTORY.createGenerator(out);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        generator.setRootValueSeparator(null);
    }

    /**
     * @param schema  the batch's schema.
     * @param vectors its columns.
     * @throws SchemaException naming a column whose type cannot be written.
     */
    void bind(final Schema schema, final List<FieldVector> vectors)
    {
        if (!schema.equals(this.schema))
        {
            this.kinds = JsonRowDecoder.kinds(schema);
            final List<Field> fields = schema.getFields();
            this.names = new SerializedString[fields.size()];
            for (int i = 0; i < names.length; i++)
            {
                names[i] = new SerializedString(fields.get(i).getName());
            }
            this.schema = schema;
        }
        this.columns = vectors.toArray(new FieldVector[0]);
    }

    /**
     * @param r a row of the bound batch.
     * @return its JSON object as UTF-8.
     */
    byte[] encode(final int r)
    {
        try
        {
            final JsonGenerator g = generator;
            g.writeStartObject();
            for (int c = 0; c < kinds.length; c++)
            {
                g.writeFieldName(names[c]);
                final FieldVector v = columns[c];
                if (v.isNull(r))
                {
                    g.writeNull();
                    continue;
                }
                switch (kinds[c])
                {
                    case JsonRowDecoder.INT32 -> g.writeNumber(((IntVector) v).get(r));
                    case JsonRowDecoder.INT64 -> g.writeNumber(((BigIntVector) v).get(r));
                    case JsonRowDecoder.TIMESTAMP -> g.writeNumber(((TimeStampVector) v).get(r));
                    case JsonRowDecoder.FLOAT64 -> g.writeNumber(((Float8Vector) v).get(r));
                    case JsonRowDecoder.BOOL -> g.writeBoolean(((BitVector) v).get(r) != 0);
                    case JsonRowDecoder.UTF8 ->
                    {
                        final int n = utf8((VarCharVector) v, r);
                        g.writeUTF8String(bytes, 0, n);
                    }
                    case JsonRowDecoder.DECIMAL -> decimal((DecimalVector) v, r);
                    case JsonRowDecoder.DATE -> date(((DateDayVector) v).get(r));
                    default -> throw new IllegalStateException("kind " + kinds[c]);
                }
            }
            g.writeEndObject();
            g.flush();
            final byte[] json = out.toByteArray();
            out.reset();
            return json;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param v a utf8, int32 or int64 column.
     * @param r the row.
     * @return its value as UTF-8 text (a new array), or {@code null} for a null.
     */
    byte[] keyBytes(final FieldVector v, final int r)
    {
        if (v.isNull(r))
        {
            return null;
        }
        return switch (v)
        {
            case VarCharVector s ->
            {
                final byte[] b = new byte[utf8(s, r)];
                System.arraycopy(bytes, 0, b, 0, b.length);
                yield b;
            }
            case IntVector i -> Integer.toString(i.get(r)).getBytes(StandardCharsets.US_ASCII);
            case BigIntVector l -> Long.toString(l.get(r)).getBytes(StandardCharsets.US_ASCII);
            default -> throw new SchemaException("key column '" + v.getName() + "' must be utf8, int32 or int64, not " +
                v.getField().getType());
        };
    }

    /** Copies the UTF-8 bytes of row {@code r} into {@link #bytes}. */
    private int utf8(final VarCharVector v, final int r)
    {
        final ArrowBuf offsets = v.getOffsetBuffer();
        final int start = offsets.getInt((long) r * 4);
        final int n = offsets.getInt((long) (r + 1) * 4) - start;
        if (bytes.length < n)
        {
            bytes = new byte[Math.max(n, bytes.length * 2)];
        }
        v.getDataBuffer().getBytes(start, bytes, 0, n);
        return n;
    }

    private void decimal(final DecimalVector v, final int r) throws IOException
    {
        final long low = v.getDataBuffer().getLong((long) r * 16);
        final long high = v.getDataBuffer().getLong((long) r * 16 + 8);
        if (high != (low >> 63) || low == Long.MIN_VALUE)
        {
            generator.writeNumber(v.getObject(r));
            return;
        }
        final int scale = v.getScale();
        final char[] c = chars;
        int p = c.length;
        long abs = Math.abs(low);
        for (int i = 0; i < scale; i++)
        {
            c[--p] = (char) ('0' + abs % 10);
            abs /= 10;
        }
        if (scale > 0)
        {
            c[--p] = '.';
        }
        do
        {
            c[--p] = (char) ('0' + abs % 10);
            abs /= 10;
        }
        while (abs != 0);
        if (low < 0)
        {
            c[--p] = '-';
        }
        generator.writeNumber(c, p, c.length - p);
    }

    private void date(final int epochDay) throws IOException
    {
        // H. Hinnant's civil_from_days
        final long z = epochDay + 719468L;
        final long era = Math.floorDiv(z, 146097);
        final long doe = z - era * 146097;
        final long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        final int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        final long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        if (y < 0 || y > 9999)
        {
            generator.writeString(LocalDate.ofEpochDay(epochDay).toString());
            return;
        }
        final char[] c = chars;
        c[0] = (char) ('0' + y / 1000);
        c[1] = (char) ('0' + y / 100 % 10);
        c[2] = (char) ('0' + y / 10 % 10);
        c[3] = (char) ('0' + y % 10);
        c[4] = '-';
        c[5] = (char) ('0' + m / 10);
        c[6] = (char) ('0' + m % 10);
        c[7] = '-';
        c[8] = (char) ('0' + d / 10);
        c[9] = (char) ('0' + d % 10);
        generator.writeString(c, 0, 10);
    }
}
