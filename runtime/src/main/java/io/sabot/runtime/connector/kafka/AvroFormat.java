package io.sabot.runtime.connector.kafka;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.sabot.common.SchemaException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaParseException;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Avro binary record values for a {@link KafkaSource}: either every value is the Avro binary encoding of one datum of
 * a single writer schema ({@link #of}, {@link #parse}), or values use the Confluent wire format ({@link #confluent}):
 * magic byte {@code 0}, the 4-byte big-endian schema id, then the Avro body, with the writer schema of each id taken
 * from a fixed map given here. No schema registry is contacted (none is reachable from a job here): an id that is not
 * in the map makes the record undecodable, handled by the source's bad-record policy.
 *
 * <p>Avro to Arrow ({@link #arrowSchema(org.apache.avro.Schema)}; the top-level schema must be a record, one column per
 * leaf field):
 * <pre>
 *   Avro                                  Arrow
 *   boolean                               bool
 *   int                                   int32
 *   long                                  int64
 *   float / double                        float32 / float64
 *   string, string(uuid)                  utf8 (validated UTF-8)
 *   bytes                                 binary
 *   fixed(n)                              fixed_size_binary(n)
 *   enum                                  utf8 (the symbol)
 *   int date                              date32[day]
 *   int time-millis / long time-micros    time32[ms] / time64[us]
 *   long timestamp-millis / -micros       timestamp[ms, UTC] / timestamp[us, UTC]
 *   long local-timestamp-millis / -micros timestamp[ms] / timestamp[us]
 *   bytes or fixed decimal(p, s), p &lt;= 38  decimal128(p, s) (values checked against p)
 *   record (nested)                       flattened: one column per leaf, named parent.child
 *   ["null", T] or [T, "null"]            T, nullable (a null nested record makes all its columns null)
 *   array, map, other unions,             not columns: deriving fails with SchemaException; with an Arrow schema
 *   timestamp-nanos, duration             given, such fields are skipped (they must not be columns)
 * </pre>
 *
 * <p>With an Arrow schema given ({@link Kafka#source(String, String, Schema, AvroFormat, KafkaSourceOptions)}) columns
 * are matched to leaf fields by (flattened) name when the source is built, and a column whose type cannot hold the
 * field's is a {@link SchemaException} naming both. A column may also take: int from an int32, int64, float32 or
 * float64 column; long into int64, float32, float64; float into float64; date / time / timestamp fields as their
 * plain int32 / int64; string into binary and bytes into utf8 (validated); fixed into binary; decimal into a decimal
 * of the same scale and a precision at least as large. A nullable field needs a nullable column.
 *
 * <p>Schema evolution: each writer schema (one, or one per Confluent id) is resolved against the one Arrow schema by
 * name: writer fields without a column are skipped, columns the writer does not have are null (they must be nullable),
 * so records of old and new schema versions decode into the same columns. Not supported: Avro reader-schema defaults
 * (a missing column is null, never a default), aliases (renames), and promotions other than those above.
 *
 * <p>Immutable and thread-safe (Avro {@code Schema}s are only read).
 */
public final class AvroFormat
{
    private final boolean confluent;
    private final Map<Integer, org.apache.avro.Schema> schemas;
    private final org.apache.avro.Schema latest;

    private AvroFormat(final boolean confluent, final Map<Integer, org.apache.avro.Schema> schemas)
    {
        this.confluent = confluent;
        this.schemas = schemas;
        org.apache.avro.Schema last = null;
        for (final org.apache.avro.Schema s : schemas.values())
        {
            last = s;
        }
        this.latest = last;
        for (final Map.Entry<Integer, org.apache.avro.Schema> e : schemas.entrySet())
        {
            if (e.getValue().getType() != org.apache.avro.Schema.Type.RECORD)
            {
                throw new SchemaException("Avro writer schema" + (confluent ? " id " + e.getKey() : "") +
                    " must be a record, not " + e.getValue().getType().getName());
            }
        }
    }

    /**
     * @param writerSchema the schema every record value was written with (a record).
     * @return plain Avro binary values (no framing).
     * @throws SchemaException if the schema is not a record.
     */
    public static AvroFormat of(final org.apache.avro.Schema writerSchema)
    {
        return new AvroFormat(false, Map.of(0, Objects.requireNonNull(writerSchema, "writerSchema")));
    }

    /**
     * @param writerSchemaJson the writer schema as Avro JSON text.
     * @return plain Avro binary values (no framing).
     * @throws SchemaException if the text is not an Avro schema or not a record.
     */
    public static AvroFormat parse(final String writerSchemaJson)
    {
        return of(parseSchema(writerSchemaJson));
    }

    /**
     * @param schemasById schema id -&gt; writer schema (each a record), as a registry would hand them out.
     * @return Confluent-framed values; the derived Arrow schema is that of the highest id.
     * @throws SchemaException if the map is empty or a schema is not a record.
     */
    public static AvroFormat confluent(final Map<Integer, org.apache.avro.Schema> schemasById)
    {
        if (schemasById.isEmpty())
        {
            throw new SchemaException("a Confluent Avro format needs at least one schema id");
        }
        final TreeMap<Integer, org.apache.avro.Schema> sorted = new TreeMap<>();
        schemasById.forEach((id, s) -> sorted.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(s,
            "schema of id " + id)));
        return new AvroFormat(true, Collections.unmodifiableMap(sorted));
    }

    /**
     * @param json Avro schema JSON text.
     * @return the parsed schema.
     * @throws SchemaException if it does not parse.
     */
    public static org.apache.avro.Schema parseSchema(final String json)
    {
        try
        {
            return new org.apache.avro.Schema.Parser().parse(Objects.requireNonNull(json, "json"));
        }
        catch (final SchemaParseException | org.apache.avro.AvroTypeException e)
        {
            throw new SchemaException("not an Avro schema: " + e.getMessage());
        }
    }

    /**
     * @return {@code true} for the Confluent wire format (magic byte, schema id, body).
     */
    public boolean confluent()
    {
        return confluent;
    }

    /**
     * @return the writer schemas by id, ascending (a single format has one, under id 0).
     */
    public Map<Integer, org.apache.avro.Schema> schemas()
    {
        return schemas;
    }

    /**
     * @return the Arrow schema derived from the (highest id's) writer schema, see the mapping above.
     * @throws SchemaException naming the field if one has no Arrow column type.
     */
    public Schema arrowSchema()
    {
        return arrowSchema(latest);
    }

    /**
     * @param record an Avro record schema.
     * @return its Arrow schema: one column per leaf field, nested records flattened as {@code parent.child}.
     * @throws SchemaException naming the field if one has no Arrow column type (array, map, a union other than
     *                         with null, a recursive record), or if the schema is not a record.
     */
    public static Schema arrowSchema(final org.apache.avro.Schema record)
    {
        if (record.getType() != org.apache.avro.Schema.Type.RECORD)
        {
            throw new SchemaException("an Avro schema maps to Arrow columns only if it is a record, not " +
                record.getType().getName());
        }
        final List<Field> fields = new ArrayList<>();
        flatten(record, "", false, new ArrayList<>(), fields);
        return new Schema(fields);
    }

    private static void flatten(final org.apache.avro.Schema record, final String prefix, final boolean nullable,
                                final List<String> path, final List<Field> out)
    {
        if (path.contains(record.getFullName()))
        {
            throw new SchemaException("Avro record " + record.getFullName() + " is recursive (at field '" +
                prefix.substring(0, Math.max(0, prefix.length() - 1)) + "'): it has no flat Arrow columns");
        }
        path.add(record.getFullName());
        for (final org.apache.avro.Schema.Field f : record.getFields())
        {
            final String name = prefix + f.name();
            final org.apache.avro.Schema value = nonNull(f.schema());
            final boolean isNullable = nullable || value != f.schema();
            if (value == null)
            {
                throw new SchemaException("Avro field '" + name + "' of type " + f.schema() + " has no Arrow " +
                    "column type (only unions of null and one type are)");
            }
            if (value.getType() == org.apache.avro.Schema.Type.RECORD)
            {
                flatten(value, name + ".", isNullable, path, out);
                continue;
            }
            final ArrowType type = arrowType(value);
            if (type == null)
            {
                throw new SchemaException("Avro field '" + name + "' of type " + value + " has no Arrow column " +
                    "type (arrays, maps, decimals of more than 38 digits, timestamp-nanos and duration are not " +
                    "columns)");
            }
            out.add(new Field(name, new FieldType(isNullable, type, null), null));
        }
        path.remove(path.size() - 1);
    }

    /**
     * @return the value type of a field: itself, the non-null branch of a two-branch union with null, or
     * {@code null} for any other union.
     */
    static org.apache.avro.Schema nonNull(final org.apache.avro.Schema s)
    {
        if (s.getType() != org.apache.avro.Schema.Type.UNION)
        {
            return s;
        }
        final List<org.apache.avro.Schema> types = s.getTypes();
        if (types.size() != 2)
        {
            return null;
        }
        final boolean firstNull = types.get(0).getType() == org.apache.avro.Schema.Type.NULL;
        final boolean secondNull = types.get(1).getType() == org.apache.avro.Schema.Type.NULL;
        if (firstNull == secondNull)
        {
            return null;
        }
        final org.apache.avro.Schema value = firstNull ? types.get(1) : types.get(0);
        return value.getType() == org.apache.avro.Schema.Type.UNION ? null : value;
    }

    /**
     * @return the Arrow type of a non-record, non-union Avro type, or {@code null} if it has none.
     */
    static ArrowType arrowType(final org.apache.avro.Schema s)
    {
        final LogicalType logical = s.getLogicalType();
        return switch (s.getType())
        {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case INT ->
            {
                if (logical instanceof LogicalTypes.Date)
                {
                    yield new ArrowType.Date(DateUnit.DAY);
                }
                if (logical instanceof LogicalTypes.TimeMillis)
                {
                    yield new ArrowType.Time(TimeUnit.MILLISECOND, 32);
                }
                yield new ArrowType.Int(32, true);
            }
            case LONG ->
            {
                if (logical instanceof LogicalTypes.TimestampMillis)
                {
                    yield new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
                }
                if (logical instanceof LogicalTypes.TimestampMicros)
                {
                    yield new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                }
                if (logical instanceof LogicalTypes.LocalTimestampMillis)
                {
                    yield new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
                }
                if (logical instanceof LogicalTypes.LocalTimestampMicros)
                {
                    yield new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                }
                if (logical instanceof LogicalTypes.TimeMicros)
                {
                    yield new ArrowType.Time(TimeUnit.MICROSECOND, 64);
                }
                // timestamp-nanos and local-timestamp-nanos: no column type (precision would be silently lost)
                yield logical != null && logical.getName().contains("nanos") ? null : new ArrowType.Int(64, true);
            }
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case STRING, ENUM -> ArrowType.Utf8.INSTANCE;
            case BYTES -> logical instanceof LogicalTypes.Decimal d ? decimal(d) : ArrowType.Binary.INSTANCE;
            case FIXED ->
            {
                if (logical instanceof LogicalTypes.Decimal d)
                {
                    yield decimal(d);
                }
                yield logical != null && "duration".equals(logical.getName()) ? null :
                    new ArrowType.FixedSizeBinary(s.getFixedSize());
            }
            default -> null;
        };
    }

    private static ArrowType decimal(final LogicalTypes.Decimal d)
    {
        return d.getPrecision() > 38 ? null : new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128);
    }

    /**
     * @return "Avro" or "Avro (Confluent ids [...])", for descriptions.
     */
    String describe()
    {
        return confluent ? "Avro (Confluent ids " + schemas.keySet() + ")" : "Avro " + latest.getFullName();
    }

    @Override
    public String toString()
    {
        return describe();
    }
}
