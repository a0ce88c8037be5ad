/**
 * The Kafka connector: {@link io.sabot.runtime.connector.kafka.KafkaSource} reads JSON object records of a topic as
 * rows, one split (and one assigned consumer) per partition, bounded (up to the end offsets when each reader opens)
 * or unbounded, with a fail / skip / dead-letter policy for records that do not decode;
 * {@link io.sabot.runtime.connector.kafka.KafkaSink} produces rows as JSON objects with idempotent producers. Both are
 * created through {@link io.sabot.runtime.connector.kafka.Kafka}.
 *
 * <p>Shared rules: sources, sinks and options are immutable and thread-safe (apart from counters); readers and
 * writers are used by one thread at a time; readers never block in {@code poll()} and hand out batches the caller
 * owns; errors are typed ({@link io.sabot.common.MalformedRecordException} naming topic, partition and offset,
 * {@link io.sabot.common.SabotIoException} naming the cluster and topic). Not built yet: offsets in checkpoints and
 * transactional (exactly-once) sinks, formats other than JSON, consumer-group subscription.
 */
package io.sabot.runtime.connector.kafka;
