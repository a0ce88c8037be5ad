package io.sabot.common;

/**
 * A record of a partitioned log (a Kafka topic) does not decode: malformed JSON, a value that does not fit its column,
 * a missing value. The message names the topic, the partition, the record's offset and, where known, the column.
 * {@link #resource()} is {@code topic-partition} and {@link #position()} the offset.
 */
public class MalformedRecordException extends MalformedInputException
{
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final long offset;

    /**
     * @param message   what is wrong.
     * @param topic     the topic, never {@code null}.
     * @param partition the partition.
     * @param offset    the record's offset in the partition.
     * @param column    the column, or {@code null}.
     */
    public MalformedRecordException(final String message, final String topic, final int partition,
                                    final long offset, final String column)
    {
        super(message, topic + "-" + partition, offset, column,
            "topic '" + topic + "', partition " + partition + ", offset " + offset);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /**
     * @return the topic.
     */
    public String topic()
    {
        return topic;
    }

    /**
     * @return the partition.
     */
    public int partition()
    {
        return partition;
    }

    /**
     * @return the record's offset.
     */
    public long offset()
    {
        return offset;
    }
}
