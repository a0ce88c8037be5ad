package io.sabot.runtime.connector.kafka;

import io.sabot.runtime.source.SourceSplit;

/**
 * One partition of a Kafka topic: the unit a {@link KafkaSource} reads with one consumer. Immutable.
 *
 * @param topic     the topic.
 * @param partition the partition.
 */
public record KafkaPartitionSplit(String topic, int partition) implements SourceSplit
{
    @Override
    public String describe()
    {
        return topic + "-" + partition;
    }
}
