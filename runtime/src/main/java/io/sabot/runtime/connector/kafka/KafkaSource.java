package io.sabot.runtime.connector.kafka;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

import io.sabot.common.SabotIoException;
import io.sabot.common.StateException;
import io.sabot.runtime.source.CheckpointedSource;
import io.sabot.runtime.source.SourceSplit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * A source over a Kafka topic whose record values are JSON objects (see {@link JsonRowDecoder} for the mapping: fields
 * by column name, missing = null, extra fields ignored) or Avro binary records, plain or Confluent-framed (see
 * {@link AvroFormat}: fields by name, compiled once per writer schema into a decode plan), one row each.
 *
 * <p>Splits are partitions: each {@link KafkaPartitionReader} reads one partition with its own consumer, assigned
 * (not subscribed: no consumer group, no rebalancing, offsets are explicit; see
 * {@link KafkaPartitionReader#nextOffset()}). Bounded ({@link KafkaSourceOptions#bounded()}): each partition is read
 * from its beginning (or the given start offset) up to the end offset looked up when its reader opens, then the
 * reader finishes. Unbounded: readers poll until the job stops. {@link #splits} looks the partitions up (a blocking
 * metadata call on the caller's thread); polling never blocks.
 *
 * <p>Checkpoints ({@link CheckpointedSource}): a split is encoded as its topic and partition; a reader's position
 * ({@link KafkaPartitionReader#position()}) is the next offset to read and, when bounded, the end offset its first
 * reader looked up, so a restored reader returns exactly the rows the failed one would have returned next and stops
 * at the same end. Rows are replayed only as far as Kafka keeps them: a position older than the partition's
 * retention fails the restore ({@link StateException}) instead of skipping records.
 *
 * <p>Records that do not decode follow {@link KafkaSourceOptions#policy()}: fail with
 * {@link io.sabot.common.MalformedRecordException} (after the good rows before it), skip and count ({@link #skipped()}),
 * or produce to a dead-letter topic and count ({@link #deadLettered()}).
 *
 * <p>Thread-safety: immutable apart from the counters; thread-safe. Ownership: polled batches are new and owned by
 * the caller.
 */
public final class KafkaSource implements CheckpointedSource
{
    private final String bootstrapServers;
    private final String topic;
    private final Schema schema;
    private final KafkaSourceOptions options;
    /** The compiled Avro plans, or {@code null} for JSON values. */
    private final AvroRowDecoder.Plans avro;
    private final LongAdder skipped = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();

    /** Split encoding: version byte, partition (int), topic (UTF-8 bytes to the end). */
    private static final byte SPLIT_VERSION = 1;

    KafkaSource(final String bootstrapServers, final String topic, final Schema schema,
                final KafkaSourceOptions options)
    {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.options = Objects.requireNonNull(options, "options");
        this.avro = null;
        JsonRowDecoder.kinds(schema);
    }

    /**
     * An Avro source: the writer schema(s) are compiled against the columns here, once.
     *
     * @throws io.sabot.common.SchemaException naming column and types if a writer schema does not fit the columns.
     */
    KafkaSource(final String bootstrapServers, final String topic, final Schema schema, final AvroFormat format,
                final KafkaSourceOptions options)
    {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.options = Objects.requireNonNull(options, "options");
        this.avro = AvroRowDecoder.Plans.compile(Objects.requireNonNull(format, "format"), schema);
    }

    /**
     * @return a new decoder of this source's record values (one per reader).
     */
    RecordDecoder newDecoder()
    {
        return avro == null ? new JsonRowDecoder(schema) : new AvroRowDecoder(avro);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public boolean bounded()
    {
        return options.bounded();
    }

    /**
     * @return the topic.
     */
    public String topic()
    {
        return topic;
    }

    /**
     * @return the options.
     */
    public KafkaSourceOptions options()
    {
        return options;
    }

    /**
     * @return records dropped so far under {@link KafkaSourceOptions.BadRecordPolicy#SKIP}, over all readers.
     */
    public long skipped()
    {
        return skipped.sum();
    }

    /**
     * @return records sent to the dead-letter topic so far (handed to its producer), over all readers.
     */
    public long deadLettered()
    {
        return deadLettered.sum();
    }

    void countSkipped()
    {
        skipped.increment();
    }

    void countDeadLettered()
    {
        deadLettered.increment();
    }

    String bootstrapServers()
    {
        return bootstrapServers;
    }

    /**
     * Consumer properties: the user's, then the source's own (no group, no auto-commit, batch-sized polls unless set).
     */
    Properties consumerProperties(final String clientId)
    {
        final Properties p = new Properties();
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(options.batchRows()));
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putAll(options.consumerProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /**
     * Looks the topic's partitions up (blocking, at most {@link KafkaSourceOptions#requestTimeout()}).
     *
     * @param parallelism ignored: one split per partition.
     * @return one split per partition, by partition number.
     * @throws SabotIoException naming the topic if it does not exist or the cluster does not answer.
     */
    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        final List<PartitionInfo> partitions;
        try (KafkaConsumer<?, ?> consumer = new KafkaConsumer<>(consumerProperties("sabot-" + topic + "-splits"),
            new ByteBufferDeserializer(), new ByteBufferDeserializer()))
        {
            partitions = consumer.partitionsFor(topic, options.requestTimeout());
        }
        catch (final KafkaException e)
        {
            throw new SabotIoException("cannot list the partitions of topic '" + topic + "': " + e.getMessage(),
                where(), e);
        }
        if (partitions == null || partitions.isEmpty())
        {
            throw new SabotIoException("topic '" + topic + "' does not exist", where(), null);
        }
        final List<SourceSplit> splits = new ArrayList<>(partitions.size());
        partitions.stream().sorted(Comparator.comparingInt(PartitionInfo::partition))
            .forEach(p -> splits.add(new KafkaPartitionSplit(topic, p.partition())));
        return splits;
    }

    String where()
    {
        return "kafka " + bootstrapServers + " topic " + topic;
    }

    /**
     * @param split one of {@link #splits}.
     * @return version, partition and topic: the split survives a restart without looking the partitions up again.
     */
    @Override
    public byte[] encodeSplit(final SourceSplit split)
    {
        final KafkaPartitionSplit s = ownSplit(split);
        final byte[] name = s.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Integer.BYTES + name.length).put(SPLIT_VERSION).putInt(s.partition())
            .put(name).array();
    }

    /**
     * @throws StateException when the bytes are not a split encoding, or name another topic.
     */
    @Override
    public KafkaPartitionSplit decodeSplit(final byte[] bytes)
    {
        final String topicOfSplit;
        final int partition;
        try
        {
            final ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != SPLIT_VERSION)
            {
                throw new StateException("not a Kafka split encoding (version byte " + bytes[0] + ") for topic '" +
                    topic + "'", null);
            }
            partition = b.getInt();
            topicOfSplit = StandardCharsets.UTF_8.decode(b).toString();
        }
        catch (final BufferUnderflowException e)
        {
            throw new StateException("truncated Kafka split encoding (" + bytes.length + " bytes) for topic '" +
                topic + "'", e);
        }
        if (!topicOfSplit.equals(topic) || partition < 0)
        {
            throw new StateException("the checkpoint's split " + topicOfSplit + "-" + partition +
                " is not a partition of this source's topic '" + topic + "'", null);
        }
        return new KafkaPartitionSplit(topicOfSplit, partition);
    }

    /**
     * Opens a reader over one partition: creates its consumer and looks up the start offset (unless given by the
     * position or the options) and, when bounded, the end offset (unless the position carries it); each lookup blocks
     * at most {@link KafkaSourceOptions#requestTimeout()}.
     *
     * @param position a {@link KafkaPartitionReader#position()} of a reader of this partition, or {@code null}.
     * @throws StateException when the position is malformed or points before the partition's retained records.
     */
    @Override
    public KafkaPartitionReader open(final SourceSplit split, final BufferAllocator allocator, final byte[] position)
    {
        return new KafkaPartitionReader(this, ownSplit(split).partition(), allocator, position);
    }

    private KafkaPartitionSplit ownSplit(final SourceSplit split)
    {
        if (!(split instanceof KafkaPartitionSplit s) || !s.topic().equals(topic))
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        return s;
    }

    @Override
    public String describe()
    {
        return "Kafka[" + topic + ", " + (options.bounded() ? "bounded" : "unbounded") + ", " +
            (avro == null ? "JSON " : avro.confluent() ? "Avro (Confluent ids " +
                java.util.Arrays.toString(avro.ids()) + ") " : "Avro ") +
            schema.getFields().stream().map(Field::getName).toList() + ", bad records: " + options.policy() +
            (options.deadLetterTopic() == null ? "" : " -> " + options.deadLetterTopic()) + "]";
    }

    Map<Integer, Long> startOffsets()
    {
        return options.startOffsets();
    }
}
