package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link KafkaSource} reads: bounded or unbounded, rows per batch, where each partition starts, what happens to
 * records that do not decode, and extra consumer properties. Immutable (the {@code with...} methods return copies);
 * thread-safe.
 *
 * @param bounded            read each partition up to the end offset taken when its reader opens, then finish
 *                           (default {@code true}); {@code false}: keep reading until the job stops.
 * @param batchRows          rows per batch, at most (default 8192).
 * @param startOffsets       partition -> first offset to read; partitions not listed start at their beginning
 *                           (default: none listed). Never {@code null}.
 * @param policy             what to do with a record that does not decode (default {@link BadRecordPolicy#FAIL}).
 * @param deadLetterTopic    where {@link BadRecordPolicy#DEAD_LETTER} sends bad records; {@code null} otherwise.
 * @param requestTimeout     the bound on the blocking metadata calls: partition discovery in
 *                           {@link KafkaSource#splits}, the beginning/end offsets looked up when a reader opens, and
 *                           flushing dead letters when a reader closes (default 30 s).
 * @param consumerProperties extra {@code KafkaConsumer} (and dead-letter producer) properties, e.g. security settings
 *                           or {@code max.partition.fetch.bytes}; the deserializers, {@code enable.auto.commit} and
 *                           {@code group.id} are the source's own. Never {@code null}.
 */
public record KafkaSourceOptions(boolean bounded, int batchRows, Map<Integer, Long> startOffsets,
                                 BadRecordPolicy policy, String deadLetterTopic, Duration requestTimeout,
                                 Map<String, String> consumerProperties)
{
    /** Bounded, 8192 rows per batch, every partition from its beginning, fail on bad records, 30 s requests. */
    public static final KafkaSourceOptions DEFAULT = new KafkaSourceOptions(true, 8192, Map.of(),
        BadRecordPolicy.FAIL, null, Duration.ofSeconds(30), Map.of());

    /**
     * What a Kafka source does with a record it cannot decode (malformed JSON, not an object, a value that does not
     * fit its column, no value at all; for Avro: a truncated body, a malformed varint, an unknown union branch or enum
     * index, invalid UTF-8, bytes after the record, a wrong magic byte or an unknown schema id). Mirrors
     * {@code CsvOptions.BadRowPolicy}.
     */
    public enum BadRecordPolicy
    {
        /**
         * Deliver every good row decoded before it, then throw {@link io.sabot.common.MalformedRecordException}
         * naming topic, partition, offset and (where known) the column.
         */
        FAIL,
        /** Drop the record, count it ({@link KafkaSource#skipped()}) and continue. */
        SKIP,
        /**
         * Produce the raw record (key, value, headers) to {@link #deadLetterTopic()} with headers naming the error
         * and the source topic, partition and offset, count it ({@link KafkaSource#deadLettered()}) and continue.
         */
        DEAD_LETTER
    }

    /**
     * Validates the options and copies the maps.
     */
    public KafkaSourceOptions
    {
        if (batchRows < 1)
        {
            throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
        }
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero())
        {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
        startOffsets = Map.copyOf(startOffsets);
        for (final Map.Entry<Integer, Long> e : startOffsets.entrySet())
        {
            if (e.getKey() < 0 || e.getValue() < 0)
            {
                throw new IllegalArgumentException("start offsets must be >= 0 for partitions >= 0: " + e);
            }
        }
        consumerProperties = Map.copyOf(consumerProperties);
        if (policy == BadRecordPolicy.DEAD_LETTER && (deadLetterTopic == null || deadLetterTopic.isEmpty()))
        {
            throw new IllegalArgumentException("DEAD_LETTER needs a dead-letter topic");
        }
        if (policy != BadRecordPolicy.DEAD_LETTER && deadLetterTopic != null)
        {
            throw new IllegalArgumentException("a dead-letter topic needs policy DEAD_LETTER, not " + policy);
        }
    }

    /**
     * @param b {@code true}: read each partition up to its end offset when the reader opens, then finish;
     *          {@code false}: keep reading until the job stops.
     * @return a copy with it.
     */
    public KafkaSourceOptions withBounded(final boolean b)
    {
        return new KafkaSourceOptions(b, batchRows, startOffsets, policy, deadLetterTopic, requestTimeout,
            consumerProperties);
    }

    /**
     * @param n rows per batch, at most.
     * @return a copy with it.
     */
    public KafkaSourceOptions withBatchRows(final int n)
    {
        return new KafkaSourceOptions(bounded, n, startOffsets, policy, deadLetterTopic, requestTimeout,
            consumerProperties);
    }

    /**
     * @param offsets partition -> first offset to read; others start at their beginning.
     * @return a copy with them.
     */
    public KafkaSourceOptions withStartOffsets(final Map<Integer, Long> offsets)
    {
        return new KafkaSourceOptions(bounded, batchRows, offsets, policy, deadLetterTopic, requestTimeout,
            consumerProperties);
    }

    /**
     * @param timeout the bound on blocking metadata calls.
     * @return a copy with it.
     */
    public KafkaSourceOptions withRequestTimeout(final Duration timeout)
    {
        return new KafkaSourceOptions(bounded, batchRows, startOffsets, policy, deadLetterTopic, timeout,
            consumerProperties);
    }

    /**
     * @param properties extra consumer properties (replacing earlier ones).
     * @return a copy with them.
     */
    public KafkaSourceOptions withConsumerProperties(final Map<String, String> properties)
    {
        return new KafkaSourceOptions(bounded, batchRows, startOffsets, policy, deadLetterTopic, requestTimeout,
            properties);
    }

    /**
     * @return a copy that fails on the first bad record.
     */
    public KafkaSourceOptions failOnBadRecords()
    {
        return new KafkaSourceOptions(bounded, batchRows, startOffsets, BadRecordPolicy.FAIL, null, requestTimeout,
            consumerProperties);
    }

    /**
     * @return a copy that drops and counts bad records.
     */
    public KafkaSourceOptions skipBadRecords()
    {
        return new KafkaSourceOptions(bounded, batchRows, startOffsets, BadRecordPolicy.SKIP, null, requestTimeout,
            consumerProperties);
    }

    /**
     * @param topic receives each bad record with error headers; reading continues.
     * @return a copy with policy {@link BadRecordPolicy#DEAD_LETTER}.
     */
    public KafkaSourceOptions deadLetter(final String topic)
    {
        return new KafkaSourceOptions(bounded, batchRows, startOffsets, BadRecordPolicy.DEAD_LETTER,
            Objects.requireNonNull(topic, "topic"), requestTimeout, consumerProperties);
    }
}
