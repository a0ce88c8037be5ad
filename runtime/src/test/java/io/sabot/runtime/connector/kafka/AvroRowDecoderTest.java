package io.sabot.runtime.connector.kafka;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.sabot.common.SchemaException;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Avro decoder without a broker: random records of a schema with every supported type, written by Avro's own
 * {@code GenericDatumWriter}, decode into exactly the values of the records (compared field by field with a reference
 * computed from the records); columns matched by name with skipped fields of every kind, promotions and missing
 * columns; schema mismatches fail at build time naming the column and types; every kind of malformed record fails with
 * its reason (and every strict prefix of a record fails as truncated) while the next record still decodes; Confluent
 * framing selects the writer schema per record.
 */
class AvroRowDecoderTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Field column(final String name, final boolean nullable, final ArrowType type)
    {
        return new Field(name, new FieldType(nullable, type, null), null);
    }

    @Test
    void theDerivedSchemaFollowsTheMappingTable()
    {
        final ArrowType utf8 = ArrowType.Utf8.INSTANCE;
        final Schema expected = new Schema(List.of(
            column("b", false, ArrowType.Bool.INSTANCE),
            column("i", false, new ArrowType.Int(32, true)),
            column("l", false, new ArrowType.Int(64, true)),
            column("f", false, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
            column("d", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("s", false, utf8),
            column("by", false, ArrowType.Binary.INSTANCE),
            column("fx", false, new ArrowType.FixedSizeBinary(4)),
            column("e", false, utf8),
            column("day", false, new ArrowType.Date(DateUnit.DAY)),
            column("tms", false, new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
            column("tus", false, new ArrowType.Time(TimeUnit.MICROSECOND, 64)),
            column("tsm", false, new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
            column("tsu", false, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
            column("lts", false, new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
            column("dec", false, new ArrowType.Decimal(12, 2, 128)),
            column("big", false, new ArrowType.Decimal(38, 4, 128)),
            column("fdec", false, new ArrowType.Decimal(20, 3, 128)),
            column("id", false, utf8),
            column("ns", true, utf8),
            column("nl", true, new ArrowType.Int(64, true)),
            column("nd", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("ndec", true, new ArrowType.Decimal(9, 0, 128)),
            column("inner.x", false, new ArrowType.Int(32, true)),
            column("inner.y", true, utf8),
            column("inner.deep.z", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("maybe.a", true, new ArrowType.Int(64, true)),
            column("maybe.c", true, utf8)));
        assertEquals(expected, AvroFormat.of(AvroTesting.EVERYTHING).arrowSchema());
        for (final String bad : List.of("{\"type\": \"array\", \"items\": \"int\"}",
            "{\"type\": \"map\", \"values\": \"int\"}", "[\"int\", \"string\", \"null\"]",
            "{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}"))
        {
            final SchemaException e = assertThrows(SchemaException.class, () -> AvroFormat.parse(
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"ok\", \"type\": \"int\"}, " +
                    "{\"name\": \"odd\", \"type\": " + bad + "}]}").arrowSchema());
            assertTrue(e.getMessage().contains("'odd'"), e.getMessage());
        }
        final SchemaException recursive = assertThrows(SchemaException.class, () -> AvroFormat.parse(
            "{\"type\": \"record\", \"name\": \"Node\", \"fields\": [{\"name\": \"v\", \"type\": \"int\"}, " +
                "{\"name\": \"next\", \"type\": [\"null\", \"Node\"]}]}").arrowSchema());
        assertTrue(recursive.getMessage().contains("recursive"), recursive.getMessage());
        assertThrows(SchemaException.class, () -> AvroFormat.parse("{\"type\": \"int\""));
        assertThrows(SchemaException.class, () -> AvroFormat.parse("\"string\""));
    }

    /** Decodes values in batches of {@code batchRows} into vectors of tiny initial capacity; returns all rows. */
    private List<List<Object>> decodeAll(final RecordDecoder decoder, final Schema schema, final List<byte[]> values,
                                         final int batchRows, final boolean direct)
    {
        final List<List<Object>> rows = new ArrayList<>();
        for (int from = 0; from < values.size(); from += batchRows)
        {
            final List<FieldVector> vectors = new ArrayList<>();
            try
            {
                for (final Field f : schema.getFields())
                {
                    final FieldVector v = f.createVector(memory.allocator());
                    v.setInitialCapacity(4);
                    v.allocateNew();
                    vectors.add(v);
                }
                decoder.target(vectors);
                final int n = Math.min(batchRows, values.size() - from);
                for (int r = 0; r < n; r++)
                {
                    final ByteBuffer value = buffer(values.get(from + r), direct, r);
                    final int position = value.position();
                    assertTrue(decoder.decode(value, r), () -> decoder.error());
                    assertEquals(position, value.position(), "the value's position is left alone");
                }
                vectors.forEach(v -> v.setValueCount(n));
                rows.addAll(AvroTesting.rows(vectors, n));
            }
            finally
            {
                vectors.forEach(FieldVector::close);
            }
        }
        return rows;
    }

    /** A heap view with an array offset and a position, or a direct buffer. */
    private static ByteBuffer buffer(final byte[] value, final boolean direct, final int salt)
    {
        if (direct)
        {
            final ByteBuffer b = ByteBuffer.allocateDirect(value.length + 3);
            b.put(new byte[] {9, 9, 9}).put(value).flip().position(3);
            return b;
        }
        final int pad = salt % 5;
        final byte[] padded = new byte[value.length + 2 * pad + 1];
        Arrays.fill(padded, (byte) 0x7F);
        System.arraycopy(value, 0, padded, pad + 1, value.length);
        return ByteBuffer.wrap(padded, 1, padded.length - 1).slice().position(pad).limit(pad + value.length);
    }

    @Test
    void randomRecordsOfEveryTypeDecodeToTheWrittenValues()
    {
        final Random rnd = new Random(42);
        final List<byte[]> values = new ArrayList<>();
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 4000; i++)
        {
            final GenericRecord r = AvroTesting.random(AvroTesting.EVERYTHING, rnd);
            values.add(AvroTesting.encode(r));
            expected.add(AvroTesting.expected(r));
        }
        final AvroFormat format = AvroFormat.of(AvroTesting.EVERYTHING);
        final Schema schema = format.arrowSchema();
        try (RecordDecoder decoder = RecordDecoder.avro(format, schema))
        {
            for (final boolean direct : new boolean[] {false, true})
            {
                final List<List<Object>> rows = decodeAll(decoder, schema, values, 700, direct);
                assertEquals(expected.size(), rows.size());
                for (int i = 0; i < rows.size(); i++)
                {
                    assertEquals(expected.get(i), rows.get(i), "record " + i + (direct ? " (direct)" : ""));
                }
            }
        }
        // the random data did reach the extremes
        assertTrue(expected.stream().anyMatch(r -> Long.valueOf(Long.MIN_VALUE).equals(r.get(2))));
        assertTrue(expected.stream().anyMatch(r -> r.get(19) == null) &&
            expected.stream().anyMatch(r -> "".equals(r.get(5))));
        assertTrue(expected.stream().anyMatch(r -> r.get(26) == null) &&
            expected.stream().anyMatch(r -> r.get(26) != null));
    }

    /** A writer schema with fields of every kind that no column takes, around the ones that are. */
    static final org.apache.avro.Schema WIDE = AvroFormat.parseSchema("""
        {"type": "record", "name": "Wide", "fields": [
          {"name": "arr", "type": {"type": "array", "items": {"type": "record", "name": "Item", "fields": [
            {"name": "n", "type": "int"}, {"name": "t", "type": "string"}]}}},
          {"name": "small", "type": "int"},
          {"name": "m", "type": {"type": "map", "values": ["null", "double", "string"]}},
          {"name": "wide", "type": "long"},
          {"name": "u", "type": ["int", "string", "null", {"type": "fixed", "name": "F3", "size": 3}]},
          {"name": "f", "type": "float"},
          {"name": "node", "type": {"type": "record", "name": "Node", "fields": [
            {"name": "v", "type": "int"}, {"name": "next", "type": ["null", "Node"]}]}},
          {"name": "s", "type": "string"},
          {"name": "flag", "type": "boolean"},
          {"name": "en", "type": {"type": "enum", "name": "E", "symbols": ["X", "Y"]}},
          {"name": "dbl", "type": "double"},
          {"name": "nested", "type": {"type": "record", "name": "N", "fields": [
            {"name": "keep", "type": "string"}, {"name": "drop", "type": {"type": "array", "items": "long"}}]}}
        ]}""");

    @Test
    void columnsAreMatchedByNameWithPromotionsSkippedFieldsAndMissingColumns()
    {
        final Schema schema = new Schema(List.of(
            column("s", false, ArrowType.Binary.INSTANCE),
            column("nested.keep", false, ArrowType.Utf8.INSTANCE),
            column("missing", true, new ArrowType.Int(64, true)),
            column("dbl", true, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("small", false, new ArrowType.Int(64, true)),
            column("wide", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("f", false, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            column("node.v", false, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
        final Random rnd = new Random(7);
        final List<byte[]> values = new ArrayList<>();
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 1500; i++)
        {
            final GenericRecord r = AvroTesting.random(WIDE, rnd);
            // a linked list of random length in the recursive field
            GenericRecord node = (GenericRecord) r.get("node");
            for (int k = rnd.nextInt(4); k > 0; k--)
            {
                final GenericRecord next = new GenericData.Record(node.getSchema());
                next.put("v", rnd.nextInt());
                node.put("next", next);
                node = next;
            }
            node.put("next", null);
            values.add(AvroTesting.encode(r));
            final String s = r.get("s").toString();
            expected.add(Arrays.asList(java.util.HexFormat.of().formatHex(s.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), ((GenericRecord) r.get("nested")).get("keep").toString(),
                null, Double.doubleToRawLongBits((Double) r.get("dbl")), (long) (Integer) r.get("small"),
                Double.doubleToRawLongBits((double) (Long) r.get("wide")),
                Double.doubleToRawLongBits((double) (Float) r.get("f")),
                Float.floatToRawIntBits((float) (Integer) ((GenericRecord) r.get("node")).get("v"))));
        }
        try (RecordDecoder decoder = RecordDecoder.avro(AvroFormat.of(WIDE), schema))
        {
            assertEquals(expected, decodeAll(decoder, schema, values, 512, false));
        }
    }

    @Test
    void mismatchesAreSchemaExceptionsNamingColumnAndTypes()
    {
        final AvroFormat everything = AvroFormat.of(AvroTesting.EVERYTHING);
        record Case(Field column, String... mentions)
        {
        }
        final List<Case> cases = List.of(
            new Case(column("i", false, ArrowType.Utf8.INSTANCE), "'i'", "Utf8", "\"int\""),
            new Case(column("ns", false, ArrowType.Utf8.INSTANCE), "'ns'", "not nullable"),
            new Case(column("maybe.a", false, new ArrowType.Int(64, true)), "'maybe.a'", "not nullable"),
            new Case(column("absent", false, new ArrowType.Int(64, true)), "'absent'", "not a field"),
            new Case(column("dec", false, new ArrowType.Decimal(12, 3, 128)), "'dec'", "Decimal(12, 3"),
            new Case(column("dec", false, new ArrowType.Decimal(10, 2, 128)), "'dec'", "decimal"),
            new Case(column("tsm", false, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)), "'tsm'",
                "timestamp-millis"),
            new Case(column("d", false, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), "'d'",
                "double"),
            new Case(column("l", false, new ArrowType.Int(32, true)), "'l'", "long"),
            new Case(column("inner", true, ArrowType.Utf8.INSTANCE), "'inner'", "record"),
            new Case(column("fx", false, new ArrowType.FixedSizeBinary(5)), "'fx'", "FixedSizeBinary(5)"));
        for (final Case c : cases)
        {
            final SchemaException e = assertThrows(SchemaException.class, () -> RecordDecoder.avro(everything,
                new Schema(List.of(column("b", false, ArrowType.Bool.INSTANCE), c.column()))), c.column()::toString);
            for (final String m : c.mentions())
            {
                assertTrue(e.getMessage().contains(m), e.getMessage() + " should mention " + m);
            }
        }
        final SchemaException union = assertThrows(SchemaException.class, () -> RecordDecoder.avro(AvroFormat.of(WIDE),
            new Schema(List.of(column("u", true, new ArrowType.Int(32, true))))));
        assertTrue(union.getMessage().contains("'u'"), union.getMessage());
        final SchemaException none = assertThrows(SchemaException.class, () -> RecordDecoder.avro(everything,
            new Schema(List.of(column("zzz", true, new ArrowType.Int(32, true))))));
        assertTrue(none.getMessage().contains("no column"), none.getMessage());
        // through the source builder too, before any broker is contacted
        assertThrows(SchemaException.class, () -> Kafka.source("127.0.0.1:1", "t", new Schema(List.of(
            column("i", false, ArrowType.Utf8.INSTANCE))), everything, KafkaSourceOptions.DEFAULT));
    }

    /** A small schema for malformed records: every value kind that can go wrong. */
    static final org.apache.avro.Schema SMALL = AvroFormat.parseSchema("""
        {"type": "record", "name": "Small", "fields": [
          {"name": "k", "type": "long"},
          {"name": "n", "type": "int"},
          {"name": "name", "type": ["null", "string"]},
          {"name": "color", "type": {"type": "enum", "name": "C", "symbols": ["R", "G"]}},
          {"name": "ok", "type": "boolean"},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}},
          {"name": "skipped", "type": {"type": "array", "items": "string"}}
        ]}""");

    private static final Schema SMALL_COLUMNS = new Schema(List.of(
        column("k", false, new ArrowType.Int(64, true)),
        column("n", false, new ArrowType.Int(32, true)),
        column("name", true, ArrowType.Utf8.INSTANCE),
        column("color", false, ArrowType.Utf8.INSTANCE),
        column("ok", false, ArrowType.Bool.INSTANCE),
        column("amount", false, new ArrowType.Decimal(6, 2, 128))));

    /** The encoding of a SMALL record, by hand, from its parts. */
    private static byte[] small(final byte[]... parts)
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (final byte[] p : parts)
        {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] b(final int... v)
    {
        final byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++)
        {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static GenericRecord smallRecord(final long k)
    {
        final GenericRecord r = new GenericData.Record(SMALL);
        r.put("k", k);
        r.put("n", (int) k);
        r.put("name", "n" + k);
        r.put("color", new GenericData.EnumSymbol(SMALL.getField("color").schema(), "G"));
        r.put("ok", true);
        r.put("amount", ByteBuffer.wrap(BigInteger.valueOf(k * 3).toByteArray()));
        r.put("skipped", new GenericData.Array<>(SMALL.getField("skipped").schema(), List.of("a", "bc")));
        return r;
    }

    /** Bad values and what their error names. */
    static List<Object[]> malformed()
    {
        // good prefix: k=1 (0x02), n=2 (0x04)
        final byte[] kn = b(0x02, 0x04);
        final byte[] name = b(0x02, 0x02, 'x');
        final byte[] rest = b(0x02, 0x01, 0x02, 0x2C, 0x00);
        return List.of(
            new Object[] {small(b(0x80, 0x80)), "truncated", "'k'"},
            new Object[] {small(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01)), "varint", "'k'"},
            new Object[] {small(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)), "varint", "'k'"},
            new Object[] {small(b(0x02), b(0xFF, 0xFF, 0xFF, 0xFF, 0x1F)), "varint", "'n'"},
            new Object[] {small(kn, b(0x04), rest), "union branch 2", "'name'"},
            new Object[] {small(kn, b(0x01), rest), "union branch -1", "'name'"},
            new Object[] {small(kn, b(0x02, 0x03, 'x'), rest), "negative length -2", "'name'"},
            new Object[] {small(kn, b(0x02, 0x7E, 'x'), rest), "truncated", "'name'"},
            new Object[] {small(kn, b(0x02, 0x04, 0xC3, 0x28), rest), "UTF-8", "'name'"},
            new Object[] {small(kn, b(0x02, 0x06, 0xED, 0xA0, 0x80), rest), "UTF-8", "'name'"},
            new Object[] {small(kn, name, b(0x04, 0x01, 0x02, 0x2C, 0x00)), "enum index 2", "'color'"},
            new Object[] {small(kn, name, b(0x02, 0x02, 0x02, 0x2C, 0x00)), "boolean byte 0x02", "'ok'"},
            new Object[] {small(kn, name, b(0x02, 0x01, 0x06, 0x0F, 0x42, 0x40, 0x00)), "more than 6 digits",
                "'amount'"},
            new Object[] {small(kn, name, b(0x02, 0x01, 0x00, 0x00)), "no bytes", "'amount'"},
            new Object[] {small(kn, name, b(0x02, 0x01, 0x02, 0x2C, 0x02, 0x7E)), "truncated", "'skipped'"},
            new Object[] {small(kn, name, b(0x02, 0x01, 0x02, 0x2C, 0x00, 0x00)), "1 bytes after", null},
            new Object[] {new byte[0], "truncated", "'k'"});
    }

    @Test
    void malformedRecordsFailWithTheirReasonAndTheSlotIsReusable()
    {
        final AvroFormat format = AvroFormat.of(SMALL);
        final GenericRecord good = smallRecord(5);
        final byte[] goodBytes = AvroTesting.encode(good);
        try (RecordDecoder decoder = RecordDecoder.avro(format, SMALL_COLUMNS))
        {
            final List<FieldVector> vectors = vectors(SMALL_COLUMNS);
            try
            {
                decoder.target(vectors);
                assertFalse(decoder.decode(null, 0));
                assertTrue(decoder.error().contains("no value"), decoder.error());
                int row = 0;
                for (final Object[] bad : malformed())
                {
                    final String what = (String) bad[1];
                    assertFalse(decoder.decode(ByteBuffer.wrap((byte[]) bad[0]), row), what);
                    assertTrue(decoder.error().contains(what), decoder.error() + " should say " + what);
                    if (bad[2] != null)
                    {
                        assertTrue(decoder.error().contains((String) bad[2]), decoder.error() + " should name " +
                            bad[2]);
                    }
                    // the slot is reused by the next good record
                    assertTrue(decoder.decode(ByteBuffer.wrap(goodBytes), row), decoder::error);
                    row++;
                }
                assertFalse(decoder.decode(ByteBuffer.wrap(b(0x02, 0x04, 0x02, 0x04, 0xC3, 0x28)), row));
                assertEquals("name", decoder.errorColumn());
                // every strict prefix of a record is truncated; none crashes
                for (int cut = 0; cut < goodBytes.length; cut++)
                {
                    assertFalse(decoder.decode(ByteBuffer.wrap(goodBytes, 0, cut), row), "prefix " + cut);
                    assertTrue(decoder.error().startsWith("truncated"), decoder.error());
                }
                assertTrue(decoder.decode(ByteBuffer.wrap(goodBytes), row++));
                final int n = row;
                vectors.forEach(v -> v.setValueCount(n));
                final List<Object> want = Arrays.asList(5L, 5, "n5", "G", true, new BigDecimal("0.15"));
                for (final List<Object> got : AvroTesting.rows(vectors, n))
                {
                    assertEquals(want, got);
                }
            }
            finally
            {
                vectors.forEach(FieldVector::close);
            }
        }
    }

    private List<FieldVector> vectors(final Schema schema)
    {
        final List<FieldVector> vectors = new ArrayList<>();
        for (final Field f : schema.getFields())
        {
            final FieldVector v = f.createVector(memory.allocator());
            v.allocateNew();
            vectors.add(v);
        }
        return vectors;
    }

    @Test
    void corruptedRecordsNeverThrowAndGoodOnesStillDecode()
    {
        final Random rnd = new Random(11);
        final AvroFormat format = AvroFormat.of(AvroTesting.EVERYTHING);
        final Schema schema = format.arrowSchema();
        try (RecordDecoder decoder = RecordDecoder.avro(format, schema))
        {
            final List<FieldVector> vectors = vectors(schema);
            try
            {
                decoder.target(vectors);
                int failed = 0;
                for (int i = 0; i < 3000; i++)
                {
                    final GenericRecord r = AvroTesting.random(AvroTesting.EVERYTHING, rnd);
                    final byte[] value = AvroTesting.encode(r);
                    for (int flips = 1 + rnd.nextInt(3); flips > 0; flips--)
                    {
                        value[rnd.nextInt(value.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    if (!decoder.decode(ByteBuffer.wrap(value), i % 64))
                    {
                        failed++;
                        assertTrue(decoder.error() != null && !decoder.error().isEmpty());
                    }
                    // after anything, a clean record decodes exactly
                    final GenericRecord clean = AvroTesting.random(AvroTesting.EVERYTHING, rnd);
                    assertTrue(decoder.decode(ByteBuffer.wrap(AvroTesting.encode(clean)), i % 64), decoder::error);
                    final int row = i % 64;
                    final List<Object> got = new ArrayList<>();
                    for (final FieldVector v : vectors)
                    {
                        got.add(AvroTesting.actual(v, row));
                    }
                    assertEquals(AvroTesting.expected(clean), got, "clean record after corrupted " + i);
                }
                assertTrue(failed > 300, "bit flips make many records undecodable: " + failed);
            }
            finally
            {
                vectors.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void skippedValuesAreBoundedByTheirBytes()
    {
        final org.apache.avro.Schema schema = AvroFormat.parseSchema("""
            {"type": "record", "name": "Z", "fields": [
              {"name": "k", "type": "long"},
              {"name": "nulls", "type": {"type": "array", "items": "null"}},
              {"name": "ints", "type": {"type": "array", "items": "int"}},
              {"name": "deep", "type": {"type": "record", "name": "L", "fields": [
                {"name": "next", "type": ["null", "L"]}]}},
              {"name": "tail", "type": "int"}]}""");
        final Schema columns = new Schema(List.of(column("k", false, new ArrowType.Int(64, true)),
            column("tail", false, new ArrowType.Int(32, true))));
        try (RecordDecoder decoder = RecordDecoder.avro(AvroFormat.of(schema), columns))
        {
            final List<FieldVector> vectors = vectors(columns);
            try
            {
                decoder.target(vectors);
                // 2^62 zero-width items take no bytes and no time; then an empty int array, a null list, tail = 2
                final byte[] huge = b(0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00, 0x00,
                    0x00, 0x04);
                assertTrue(decoder.decode(ByteBuffer.wrap(huge), 0), decoder::error);
                assertEquals(List.of(List.of(1L, 2)), AvroTesting.rows(vectors, 1));
                // a count of 2^62 ints cannot fit in the bytes left
                final byte[] lying = b(0x02, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x02);
                assertFalse(decoder.decode(ByteBuffer.wrap(lying), 0));
                assertTrue(decoder.error().contains("truncated") && decoder.error().contains("'ints'"),
                    decoder.error());
                // a linked list nested deeper than the skip limit fails instead of overflowing the stack
                final byte[] deep = new byte[2 + 2 + 100_000 + 1 + 1];
                int p = 0;
                deep[p++] = 0x02;
                deep[p++] = 0x00;
                deep[p++] = 0x00;
                for (int i = 0; i < 100_000; i++)
                {
                    deep[p++] = 0x02;
                }
                deep[p++] = 0x00;
                deep[p] = 0x04;
                assertFalse(decoder.decode(ByteBuffer.wrap(deep, 0, p + 1), 0));
                assertTrue(decoder.error().contains("deeper"), decoder.error());
            }
            finally
            {
                vectors.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void utf8ValidationAgreesWithTheJdkDecoderOnRandomBytes()
    {
        final Random rnd = new Random(13);
        final java.nio.charset.CharsetDecoder jdk = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        final byte[][] pieces = {"a".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "é".getBytes(java.nio.charset.StandardCharsets.UTF_8), "€".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "𝄞".getBytes(java.nio.charset.StandardCharsets.UTF_8), b(0x80), b(0xC0, 0x80), b(0xE0, 0x80, 0x80),
            b(0xED, 0xA0, 0x80), b(0xF4, 0x90, 0x80, 0x80), b(0xF5), b(0xFF), b(0xC2), b(0xE2, 0x82),
            "12345678".getBytes(java.nio.charset.StandardCharsets.UTF_8)};
        int valid = 0;
        for (int i = 0; i < 20_000; i++)
        {
            final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int k = rnd.nextInt(12); k > 0; k--)
            {
                out.writeBytes(rnd.nextInt(4) == 0 ? pieces[4 + rnd.nextInt(pieces.length - 4)] :
                    pieces[rnd.nextInt(4)]);
            }
            if (rnd.nextInt(8) == 0)
            {
                out.write(rnd.nextInt(256));
            }
            final byte[] bytes = out.toByteArray();
            boolean want;
            try
            {
                jdk.decode(ByteBuffer.wrap(bytes));
                want = true;
            }
            catch (final java.nio.charset.CharacterCodingException e)
            {
                want = false;
            }
            final byte[] padded = new byte[bytes.length + 6];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            assertEquals(want, AvroRowDecoder.validUtf8(padded, 3, 3 + bytes.length), java.util.HexFormat.of()
                .formatHex(bytes));
            valid += want ? 1 : 0;
        }
        assertTrue(valid > 2_000 && valid < 18_000, "both outcomes are exercised: " + valid);
    }

    @Test
    void confluentFramingPicksTheWriterSchemaOfEachRecordsId()
    {
        final org.apache.avro.Schema v1 = AvroFormat.parseSchema("""
            {"type": "record", "name": "Payment", "fields": [
              {"name": "id", "type": "long"}, {"name": "note", "type": "string"},
              {"name": "old", "type": "int"}]}""");
        final org.apache.avro.Schema v2 = AvroFormat.parseSchema("""
            {"type": "record", "name": "Payment", "fields": [
              {"name": "id", "type": "long"}, {"name": "amount", "type": ["null", "double"]},
              {"name": "note", "type": "string"}]}""");
        final AvroFormat format = AvroFormat.confluent(Map.of(7, v2, 3, v1));
        final Schema schema = format.arrowSchema();
        assertEquals(List.of("id", "amount", "note"), schema.getFields().stream().map(Field::getName).toList(),
            "derived from the highest id");
        final Random rnd = new Random(3);
        final List<byte[]> values = new ArrayList<>();
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 1000; i++)
        {
            final boolean old = rnd.nextBoolean();
            final GenericRecord r = AvroTesting.random(old ? v1 : v2, rnd);
            values.add(AvroTesting.confluent(old ? 3 : 7, AvroTesting.encode(r)));
            expected.add(Arrays.asList(r.get("id"), old ? null : AvroTesting.canonical(
                org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE), r.get("amount")),
                r.get("note").toString()));
        }
        try (RecordDecoder decoder = RecordDecoder.avro(format, schema))
        {
            assertEquals(expected, decodeAll(decoder, schema, values, 300, false));
            final List<FieldVector> vectors = vectors(schema);
            try
            {
                decoder.target(vectors);
                final byte[] body = AvroTesting.encode(AvroTesting.random(v2, rnd));
                assertFalse(decoder.decode(ByteBuffer.wrap(AvroTesting.confluent(5, body)), 0));
                assertTrue(decoder.error().contains("unknown schema id 5") && decoder.error().contains("[3, 7]"),
                    decoder.error());
                final byte[] wrongMagic = AvroTesting.confluent(7, body);
                wrongMagic[0] = 1;
                assertFalse(decoder.decode(ByteBuffer.wrap(wrongMagic), 0));
                assertTrue(decoder.error().contains("magic byte 0x01"), decoder.error());
                assertFalse(decoder.decode(ByteBuffer.wrap(body), 0), "an unframed body");
                assertFalse(decoder.decode(ByteBuffer.wrap(b(0, 0, 0)), 0));
                assertTrue(decoder.error().contains("truncated Confluent header"), decoder.error());
                assertFalse(decoder.decode(ByteBuffer.wrap(new byte[0]), 0));
                assertNull(decoder.errorColumn());
                final byte[] cut = Arrays.copyOf(AvroTesting.confluent(3, AvroTesting.encode(
                    AvroTesting.random(v1, rnd))), 7);
                assertFalse(decoder.decode(ByteBuffer.wrap(cut), 0));
                assertTrue(decoder.error().contains("schema id 3"), decoder.error());
            }
            finally
            {
                vectors.forEach(FieldVector::close);
            }
        }
    }
}
