package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients for the connector tests: produce JSON text to given partitions, read a whole topic back.
 */
public final class KafkaTesting
{
    private KafkaTesting()
    {
    }

    /** A record to produce: partition, value (UTF-8 text, or {@code null} for no value). */
    record Out(int partition, String value)
    {
    }

    static KafkaProducer<byte[], byte[]> producer(final EmbeddedKafka kafka)
    {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces and waits for every acknowledgement. */
    static void produce(final EmbeddedKafka kafka, final String topic, final List<Out> records)
    {
        try (KafkaProducer<byte[], byte[]> p = producer(kafka))
        {
            send(p, topic, records);
        }
    }

    static void send(final KafkaProducer<byte[], byte[]> p, final String topic, final List<Out> records)
    {
        final List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (final Out r : records)
        {
            acks.add(p.send(new ProducerRecord<>(topic, r.partition(), null,
                r.value() == null ? null : r.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        p.flush();
        for (final var a : acks)
        {
            try
            {
                a.get();
            }
            catch (final InterruptedException | ExecutionException e)
            {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads every partition of a topic from the beginning until {@code count} records arrived (30 s at most). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(final EmbeddedKafka kafka, final String topic,
        final int partitions, final int count)
    {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArrayDeserializer(),
            new ByteArrayDeserializer()))
        {
            final List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++)
            {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (out.size() < count && System.nanoTime() < deadline)
            {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    /**
     * Reads every partition of a topic from the beginning up to its end as seen now: the log end offset with
     * {@code read_uncommitted}, the last stable offset with {@code read_committed} (records of open transactions and
     * everything after them are not read). Fails after 30 s.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(final EmbeddedKafka kafka, final String topic,
        final int partitions, final boolean readCommitted)
    {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"), new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        {
            final List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++)
            {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            final Map<TopicPartition, Long> ends = c.endOffsets(tps);
            final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (tps.stream().anyMatch(tp -> c.position(tp) < ends.get(tp)))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("timed out reading " + topic + " to " + ends);
                }
                c.poll(Duration.ofMillis(20)).forEach(out::add);
            }
            return out;
        }
    }

    /** Polls a condition until it holds (failing after 30 s). */
    static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
