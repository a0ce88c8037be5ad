package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link KafkaSink} produces: the optional key column, extra producer properties and how long closing may wait
 * for outstanding sends. Immutable (the {@code with...} methods return copies); thread-safe.
 *
 * @param keyColumn          the column whose value (as UTF-8 text: utf8 bytes, integers in decimal) is each record's
 *                           key, so the default partitioner keeps equal keys in one partition; {@code null}: no key
 *                           (default).
 * @param producerProperties extra {@code KafkaProducer} properties (e.g. {@code linger.ms}, {@code compression.type},
 *                           security settings); the serializers, {@code enable.idempotence=true} and
 *                           {@code acks=all} are the sink's own. Never {@code null}.
 * @param closeTimeout       how long closing a writer after {@code finish()} may wait for outstanding sends
 *                           (default 30 s).
 */
public record KafkaSinkOptions(String keyColumn, Map<String, String> producerProperties, Duration closeTimeout)
{
    /** No key, no extra properties, 30 s close timeout. */
    public static final KafkaSinkOptions DEFAULT = new KafkaSinkOptions(null, Map.of(), Duration.ofSeconds(30));

    /**
     * Validates the options and copies the map.
     */
    public KafkaSinkOptions
    {
        producerProperties = Map.copyOf(producerProperties);
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative())
        {
            throw new IllegalArgumentException("closeTimeout must be >= 0, got " + closeTimeout);
        }
    }

    /**
     * @param column the key column, or {@code null} for no key.
     * @return a copy with it.
     */
    public KafkaSinkOptions withKeyColumn(final String column)
    {
        return new KafkaSinkOptions(column, producerProperties, closeTimeout);
    }

    /**
     * @param properties extra producer properties (replacing earlier ones).
     * @return a copy with them.
     */
    public KafkaSinkOptions withProducerProperties(final Map<String, String> properties)
    {
        return new KafkaSinkOptions(keyColumn, properties, closeTimeout);
    }

    /**
     * @param timeout how long a close after {@code finish()} may wait for outstanding sends.
     * @return a copy with it.
     */
    public KafkaSinkOptions withCloseTimeout(final Duration timeout)
    {
        return new KafkaSinkOptions(keyColumn, producerProperties, timeout);
    }
}
