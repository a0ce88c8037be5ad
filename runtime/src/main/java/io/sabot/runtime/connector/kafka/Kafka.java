package io.sabot.runtime.connector.kafka;

import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Entry points for the Kafka connector, beside {@code Sources} and {@code Sinks}. Stateless and thread-safe. Sources
 * decode JSON object values ({@link #source(String, String, Schema, KafkaSourceOptions)}) or Avro binary values
 * ({@link #source(String, String, AvroFormat, KafkaSourceOptions)}, plain or Confluent-framed).
 *
 * <pre>{@code
 * env.from(Kafka.source("127.0.0.1:9092", "payments", schema, KafkaSourceOptions.DEFAULT.withBounded(false)))
 *     .withEventTime("ts", Duration.ofMillis(100)) ...
 *     .writeTo(Kafka.sink("127.0.0.1:9092", "alerts", KafkaSinkOptions.DEFAULT.withKeyColumn("account")));
 * }</pre>
 *
 * <p>Exactly-once output (transactions committed with checkpoints; consumers read with
 * {@code isolation.level=read_committed}): {@code Kafka.sink(servers, "alerts", options).exactlyOnce("fraud-alerts")}.
 */
public final class Kafka
{
    private Kafka()
    {
    }

    /**
     * @param bootstrapServers the cluster ({@code host:port[,host:port...]}).
     * @param topic            the topic; one split per partition.
     * @param schema           the columns decoded from each record's JSON object value.
     * @param options          bounded or not, batch size, start offsets, bad-record policy, consumer properties.
     * @return the source.
     * @throws io.sabot.common.SchemaException if a column type cannot be decoded from JSON.
     */
    public static KafkaSource source(final String bootstrapServers, final String topic, final Schema schema,
        final KafkaSourceOptions options)
    {
        return new KafkaSource(bootstrapServers, topic, schema, options);
    }

    /**
     * @param bootstrapServers the cluster.
     * @param topic            the topic.
     * @param schema           the columns decoded from each record's JSON object value.
     * @return a bounded source with {@link KafkaSourceOptions#DEFAULT}.
     */
    public static KafkaSource source(final String bootstrapServers, final String topic, final Schema schema)
    {
        return new KafkaSource(bootstrapServers, topic, schema, KafkaSourceOptions.DEFAULT);
    }

    /**
     * An Avro source whose columns are derived from the writer schema (for Confluent framing, the highest id's); see
     * {@link AvroFormat} for the mapping.
     *
     * <pre>{@code
     * Kafka.source(servers, "payments", AvroFormat.parse(schemaJson), KafkaSourceOptions.DEFAULT)
     * Kafka.source(servers, "payments", AvroFormat.confluent(Map.of(1, v1, 2, v2)), options)
     * }</pre>
     *
     * @param bootstrapServers the cluster.
     * @param topic            the topic; one split per partition.
     * @param format           the writer schema(s) and framing of the record values.
     * @param options          bounded or not, batch size, start offsets, bad-record policy, consumer properties.
     * @return the source.
     * @throws io.sabot.common.SchemaException naming the field if one has no Arrow column type.
     */
    public static KafkaSource source(final String bootstrapServers, final String topic, final AvroFormat format,
        final KafkaSourceOptions options)
    {
        return new KafkaSource(bootstrapServers, topic, format.arrowSchema(), format, options);
    }

    /**
     * An Avro source with given columns, matched to the writer schema's (flattened) fields by name when built.
     *
     * @param bootstrapServers the cluster.
     * @param topic            the topic; one split per partition.
     * @param schema           the columns.
     * @param format           the writer schema(s) and framing of the record values.
     * @param options          bounded or not, batch size, start offsets, bad-record policy, consumer properties.
     * @return the source.
     * @throws io.sabot.common.SchemaException naming the column and both types if a column cannot hold its field, a
     *                                         nullable field meets a non-nullable column, or a non-nullable column is
     *                                         not in a writer schema.
     */
    public static KafkaSource source(final String bootstrapServers, final String topic, final Schema schema,
        final AvroFormat format, final KafkaSourceOptions options)
    {
        return new KafkaSource(bootstrapServers, topic, schema, format, options);
    }

    /**
     * @param bootstrapServers the cluster.
     * @param topic            the topic to produce to.
     * @param options          key column, producer properties, close timeout.
     * @return the sink.
     */
    public static KafkaSink sink(final String bootstrapServers, final String topic, final KafkaSinkOptions options)
    {
        return new KafkaSink(bootstrapServers, topic, options);
    }

    /**
     * @param bootstrapServers the cluster.
     * @param topic            the topic to produce to.
     * @return an unkeyed sink with {@link KafkaSinkOptions#DEFAULT}.
     */
    public static KafkaSink sink(final String bootstrapServers, final String topic)
    {
        return new KafkaSink(bootstrapServers, topic, KafkaSinkOptions.DEFAULT);
    }
}
