/**
 * The Kafka connector: {@link io.sabot.runtime.connector.kafka.KafkaSource} reads JSON object records or Avro binary
 * records (plain or Confluent-framed, {@link io.sabot.runtime.connector.kafka.AvroFormat}) of a topic as rows, decoded
 * straight from the record bytes into Arrow vectors by a {@link io.sabot.runtime.connector.kafka.RecordDecoder} (Avro:
 * each writer schema compiled once into an {@code AvroDecodePlan}), one split (and one assigned consumer) per
 * partition, bounded (up to the end offsets when each reader opens)
 * or unbounded, with a fail / skip / dead-letter policy for records that do not decode;
 * {@link io.sabot.runtime.connector.kafka.KafkaSink} produces rows as JSON objects with idempotent producers, and
 * {@link io.sabot.runtime.connector.kafka.TransactionalKafkaSink} ({@code Kafka.sink(...).exactlyOnce(prefix)}) in
 * Kafka transactions committed with checkpoints. All are created through
 * {@link io.sabot.runtime.connector.kafka.Kafka}.
 *
 * <p>Checkpoints: the source is a {@link io.sabot.runtime.source.CheckpointedSource} (a split is a topic and
 * partition, a position the next offset and the bounded end); the exactly-once sink is a
 * {@link io.sabot.runtime.sink.TransactionalSink} whose handles locate each transaction's records, so a transaction
 * that can no longer be committed (its producer died with the job) is re-produced from the log by recovery, and a
 * per-writer commit ledger (consumer-group offsets committed inside each transaction) tells which ones committed.
 *
 * <p>Shared rules: sources, sinks and options are immutable and thread-safe (apart from counters); readers and
 * writers are used by one thread at a time; readers never block in {@code poll()} and hand out batches the caller
 * owns; errors are typed ({@link io.sabot.common.MalformedRecordException} naming topic, partition and offset,
 * {@link io.sabot.common.SabotIoException} naming the cluster and topic, {@link io.sabot.common.StateException} for
 * checkpoint data that does not fit). Not built yet: a schema registry client (Confluent ids map to schemas given up
 * front), Avro arrays and maps as columns, consumer-group subscription, new partitions discovered while running.
 */
package io.sabot.runtime.connector.kafka;
