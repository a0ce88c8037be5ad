package io.sabot.runtime.connector.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Avro test data: a writer schema with every supported type, random records of any record schema (extreme and
 * special values included) written by Avro's own {@code GenericDatumWriter}, and the reference row of a record
 * computed from the record itself (not by the decoder), in a canonical form that {@link #actual} also produces from
 * the Arrow vectors: floats as raw bits, strings as {@code String}, bytes as hex, decimals as {@code BigDecimal}.
 */
final class AvroTesting
{
    private AvroTesting()
    {
    }

    /** Every supported type, nested records (one nullable), nullable unions in both branch orders. */
    static final Schema EVERYTHING = AvroFormat.parseSchema("""
        {"type": "record", "name": "Everything", "namespace": "t", "fields": [
          {"name": "b", "type": "boolean"},
          {"name": "i", "type": "int"},
          {"name": "l", "type": "long"},
          {"name": "f", "type": "float"},
          {"name": "d", "type": "double"},
          {"name": "s", "type": "string"},
          {"name": "by", "type": "bytes"},
          {"name": "fx", "type": {"type": "fixed", "name": "F4", "size": 4}},
          {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
          {"name": "day", "type": {"type": "int", "logicalType": "date"}},
          {"name": "tms", "type": {"type": "int", "logicalType": "time-millis"}},
          {"name": "tus", "type": {"type": "long", "logicalType": "time-micros"}},
          {"name": "tsm", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "tsu", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "lts", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
          {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "big", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38, "scale": 4}},
          {"name": "fdec", "type": {"type": "fixed", "name": "F9", "size": 9, "logicalType": "decimal",
            "precision": 20, "scale": 3}},
          {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
          {"name": "ns", "type": ["null", "string"]},
          {"name": "nl", "type": ["long", "null"]},
          {"name": "nd", "type": ["null", "double"]},
          {"name": "ndec", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 9,
            "scale": 0}]},
          {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
            {"name": "x", "type": "int"},
            {"name": "y", "type": ["null", "string"]},
            {"name": "deep", "type": {"type": "record", "name": "Deep", "fields": [
              {"name": "z", "type": "double"}]}}]}},
          {"name": "maybe", "type": ["null", {"type": "record", "name": "Maybe", "fields": [
            {"name": "a", "type": "long"},
            {"name": "c", "type": "Color"}]}]}
        ]}""");

    private static final int[] INTS = {0, 1, -1, 63, 64, -64, -65, 8191, 8192, Integer.MAX_VALUE, Integer.MIN_VALUE};
    private static final long[] LONGS = {0, 1, -1, 63, -65, 1L << 31, -(1L << 31) - 1, 1L << 56, Long.MAX_VALUE,
        Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -1.5e-300};
    private static final float[] FLOATS = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, Float.MAX_VALUE, 3.25f};
    private static final String[] STRINGS = {"", "a", "név €𝄞 zürich", "日本語テキスト", "\"quoted\"\n\t", "x".repeat(300)};

    /** @return a random record of a record schema (every field, recursively). */
    static GenericRecord random(final Schema schema, final Random rnd)
    {
        final GenericRecord r = new GenericData.Record(schema);
        for (final Schema.Field f : schema.getFields())
        {
            r.put(f.pos(), value(f.schema(), rnd));
        }
        return r;
    }

    private static Object value(final Schema s, final Random rnd)
    {
        final LogicalType logical = s.getLogicalType();
        return switch (s.getType())
        {
            case NULL -> null;
            case BOOLEAN -> rnd.nextBoolean();
            case INT -> logical instanceof LogicalTypes.TimeMillis ? rnd.nextInt(86_400_000) :
                rnd.nextInt(3) == 0 ? INTS[rnd.nextInt(INTS.length)] : rnd.nextInt(3) == 0 ? rnd.nextInt() :
                    rnd.nextInt(20_000) - 10_000;
            case LONG -> rnd.nextInt(3) == 0 ? LONGS[rnd.nextInt(LONGS.length)] : rnd.nextBoolean() ? rnd.nextLong() :
                rnd.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            case FLOAT -> rnd.nextInt(4) == 0 ? FLOATS[rnd.nextInt(FLOATS.length)] :
                Float.intBitsToFloat(rnd.nextInt());
            case DOUBLE -> rnd.nextInt(4) == 0 ? DOUBLES[rnd.nextInt(DOUBLES.length)] :
                rnd.nextBoolean() ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian() * 1e6;
            case STRING -> logical != null && "uuid".equals(logical.getName()) ?
                new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString() : string(rnd);
            case BYTES -> logical instanceof LogicalTypes.Decimal d ?
                ByteBuffer.wrap(unscaled(d.getPrecision(), rnd).toByteArray()) : ByteBuffer.wrap(bytes(rnd, 20));
            case FIXED -> new GenericData.Fixed(s, logical instanceof LogicalTypes.Decimal d ?
                signExtended(unscaled(d.getPrecision(), rnd), s.getFixedSize()) : fixedBytes(rnd, s.getFixedSize()));
            case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(rnd.nextInt(s.getEnumSymbols().size())));
            case RECORD -> random(s, rnd);
            case UNION ->
            {
                // null a quarter of the time when there is a null branch
                final List<Schema> types = s.getTypes();
                Schema pick = types.get(rnd.nextInt(types.size()));
                final boolean hasNull = types.stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
                if (hasNull && types.size() == 2)
                {
                    pick = rnd.nextInt(4) == 0 ? types.stream().filter(t -> t.getType() == Schema.Type.NULL)
                        .findFirst().orElseThrow() : types.stream().filter(t -> t.getType() != Schema.Type.NULL)
                        .findFirst().orElseThrow();
                }
                yield value(pick, rnd);
            }
            case ARRAY ->
            {
                final List<Object> items = new ArrayList<>();
                for (int i = rnd.nextInt(5); i > 0; i--)
                {
                    items.add(value(s.getElementType(), rnd));
                }
                yield new GenericData.Array<>(s, items);
            }
            case MAP ->
            {
                final java.util.Map<String, Object> m = new java.util.HashMap<>();
                for (int i = rnd.nextInt(4); i > 0; i--)
                {
                    m.put("k" + rnd.nextInt(100), value(s.getValueType(), rnd));
                }
                yield m;
            }
        };
    }

    private static String string(final Random rnd)
    {
        if (rnd.nextBoolean())
        {
            return STRINGS[rnd.nextInt(STRINGS.length)];
        }
        final StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(12); i > 0; i--)
        {
            int cp;
            do
            {
                cp = switch (rnd.nextInt(4))
                {
                    case 0 -> rnd.nextInt(0x80);
                    case 1 -> rnd.nextInt(0x80, 0x800);
                    case 2 -> rnd.nextInt(0x800, 0x10000);
                    default -> rnd.nextInt(0x10000, 0x110000);
                };
            }
            while (cp >= 0xD800 && cp <= 0xDFFF);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static byte[] bytes(final Random rnd, final int max)
    {
        return fixedBytes(rnd, rnd.nextInt(max + 1));
    }

    private static byte[] fixedBytes(final Random rnd, final int n)
    {
        final byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    /** A random unscaled value of at most {@code precision} digits, extremes included. */
    static BigInteger unscaled(final int precision, final Random rnd)
    {
        final BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        final BigInteger v = switch (rnd.nextInt(6))
        {
            case 0 -> max;
            case 1 -> BigInteger.ZERO;
            case 2 -> BigInteger.valueOf(rnd.nextInt(1000));
            default -> new BigInteger(max.bitLength() + 2, rnd).mod(max.add(BigInteger.ONE));
        };
        return rnd.nextBoolean() ? v.negate() : v;
    }

    static byte[] signExtended(final BigInteger v, final int size)
    {
        final byte[] raw = v.toByteArray();
        final byte[] out = new byte[size];
        java.util.Arrays.fill(out, 0, size - raw.length, (byte) (v.signum() < 0 ? -1 : 0));
        System.arraycopy(raw, 0, out, size - raw.length, raw.length);
        return out;
    }

    /** @return the record's Avro binary encoding by Avro's own writer. */
    static byte[] encode(final GenericRecord record)
    {
        try
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the Confluent framing of a body: magic 0, the id big-endian, the body. */
    static byte[] confluent(final int id, final byte[] body)
    {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    /**
     * The reference row: a record's leaf values in flattened field order (the derived column order), canonical.
     */
    static List<Object> expected(final GenericRecord record)
    {
        final List<Object> out = new ArrayList<>();
        flatten(record.getSchema(), record, out);
        return out;
    }

    private static void flatten(final Schema schema, final GenericRecord record, final List<Object> out)
    {
        for (final Schema.Field f : schema.getFields())
        {
            final Schema value = AvroFormat.nonNull(f.schema());
            final Object v = record == null ? null : record.get(f.pos());
            if (value.getType() == Schema.Type.RECORD)
            {
                flatten(value, (GenericRecord) v, out);
            }
            else
            {
                out.add(canonical(value, v));
            }
        }
    }

    /** @return the canonical form of a non-union Avro value. */
    static Object canonical(final Schema s, final Object v)
    {
        if (v == null)
        {
            return null;
        }
        return switch (s.getType())
        {
            case FLOAT -> Float.floatToRawIntBits((Float) v);
            case DOUBLE -> Double.doubleToRawLongBits((Double) v);
            case STRING, ENUM -> v.toString();
            case BYTES -> s.getLogicalType() instanceof LogicalTypes.Decimal d ?
                new BigDecimal(new BigInteger(bytesOf((ByteBuffer) v)), d.getScale()) :
                HexFormat.of().formatHex(bytesOf((ByteBuffer) v));
            case FIXED -> s.getLogicalType() instanceof LogicalTypes.Decimal d ?
                new BigDecimal(new BigInteger(((GenericData.Fixed) v).bytes()), d.getScale()) :
                HexFormat.of().formatHex(((GenericData.Fixed) v).bytes());
            default -> v;
        };
    }

    private static byte[] bytesOf(final ByteBuffer b)
    {
        final byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** @return the canonical form of an Arrow slot (see {@link #canonical}). */
    static Object actual(final FieldVector v, final int row)
    {
        if (v.isNull(row))
        {
            return null;
        }
        return switch (v)
        {
            case BitVector b -> b.get(row) == 1;
            case DecimalVector d -> d.getObject(row);
            case FixedSizeBinaryVector f -> HexFormat.of().formatHex(f.get(row));
            case VarBinaryVector b -> HexFormat.of().formatHex(b.get(row));
            case VarCharVector s -> new String(s.get(row), StandardCharsets.UTF_8);
            case BaseFixedWidthVector f when f.getTypeWidth() == 4 -> f.getDataBuffer().getInt(row * 4L);
            case BaseFixedWidthVector f when f.getTypeWidth() == 8 -> f.getDataBuffer().getLong(row * 8L);
            default -> throw new AssertionError("no canonical form for " + v.getField());
        };
    }

    /** @return every row of the vectors, canonical. */
    static List<List<Object>> rows(final List<FieldVector> vectors, final int count)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < count; r++)
        {
            final List<Object> row = new ArrayList<>();
            for (final FieldVector v : vectors)
            {
                row.add(actual(v, r));
            }
            out.add(row);
        }
        return out;
    }
}
