package io.sabot.runtime.connector.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.sabot.common.MalformedRecordException;
import io.sabot.common.SabotIoException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.runtime.source.PositionedReader;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Reads one partition of a {@link KafkaSource} with its own assigned consumer and decodes record values into
 * batches of at most {@link KafkaSourceOptions#batchRows()} rows.
 *
 * <p>Opening looks up offsets (blocking, bounded by {@link KafkaSourceOptions#requestTimeout()}); {@link #poll()}
 * never blocks: it calls {@code KafkaConsumer.poll(Duration.ZERO)}, which only hands out records already fetched (and
 * sends the next fetch), and returns {@code null} when there are none. Values are deserialized as views of the
 * fetched buffers ({@code ByteBufferDeserializer}) and decoded from there, so the bytes are not copied.
 *
 * <p>{@link #nextOffset()} is the offset of the first record not yet accounted for: every record before it was
 * delivered in a returned batch, skipped, or handed to the dead-letter producer. A batch may end in the middle of the
 * records one consumer poll fetched; the rest stay buffered here and are not accounted for yet. {@link #position()}
 * encodes that offset and, when bounded, the end offset, so a reader opened at it
 * ({@link KafkaSource#open(io.sabot.runtime.source.SourceSplit, BufferAllocator, byte[])}) decodes exactly the records
 * this one would decode next and stops at the same end. A bad record at the position is met again by the new reader
 * (a {@code FAIL} fails there again); bad records before it were skipped or dead-lettered once and are not revisited.
 *
 * <p>Dead letters: the raw record (key, value, headers) is produced to the dead-letter topic with headers
 * {@code sabot.error}, {@code sabot.error.column} (when known), {@code sabot.source.topic},
 * {@code sabot.source.partition} and {@code sabot.source.offset} (UTF-8 text), by an idempotent producer
 * ({@code acks=all}) opened on the first bad record; {@link #close()} flushes it. A failed send fails the next poll
 * (or the close) with a {@link SabotIoException}.
 *
 * <p>Not thread-safe: one thread at a time, as the executor guarantees ({@code KafkaConsumer} accepts successive
 * calls from different threads). Ownership: returned batches belong to the caller.
 */
public final class KafkaPartitionReader implements PositionedReader
{
    /** Dead-letter header: why the record did not decode. */
    public static final String ERROR_HEADER = "sabot.error";
    /** Dead-letter header: the column whose value did not fit, if any. */
    public static final String ERROR_COLUMN_HEADER = "sabot.error.column";
    /** Dead-letter header: the source topic. */
    public static final String TOPIC_HEADER = "sabot.source.topic";
    /** Dead-letter header: the source partition (decimal text). */
    public static final String PARTITION_HEADER = "sabot.source.partition";
    /** Dead-letter header: the record's offset (decimal text). */
    public static final String OFFSET_HEADER = "sabot.source.offset";

    /** Encoding of {@link #position()}: version byte, next offset, end offset (big-endian longs). */
    private static final byte POSITION_VERSION = 1;
    private static final int POSITION_BYTES = 1 + 2 * Long.BYTES;

    private final KafkaSource source;
    private final KafkaSourceOptions options;
    private final TopicPartition partition;
    private final BufferAllocator allocator;
    private final List<Field> fields;
    private final RecordDecoder decoder;
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final long end;
    private List<ConsumerRecord<ByteBuffer, ByteBuffer>> records = List.of();
    private int index;
    private long next;
    private boolean done;
    private MalformedRecordException pending;
    private KafkaProducer<byte[], byte[]> deadLetters;
    private final DeadLetterCallback deadLetterCallback = new DeadLetterCallback();

    /**
     * @param position a {@link #position()} of a reader of the same partition, or {@code null} to start at the
     *                 configured start offset (or the partition's beginning).
     * @throws StateException when the position is not one, or its offset is no longer in the partition (deleted by
     *                        retention): resuming there would silently skip records.
     */
    KafkaPartitionReader(final KafkaSource source, final int partition, final BufferAllocator allocator,
                         final byte[] position)
    {
        this.source = source;
        this.options = source.options();
        this.partition = new TopicPartition(source.topic(), partition);
        this.allocator = allocator;
        this.fields = source.schema().getFields();
        final long resumeAt;
        final long resumeEnd;
        if (position != null)
        {
            final ByteBuffer b = ByteBuffer.wrap(position);
            if (position.length != POSITION_BYTES || b.get() != POSITION_VERSION)
            {
                throw new StateException("not a position of a Kafka partition reader (" + position.length +
                    " bytes) for partition " + this.partition, null);
            }
            resumeAt = b.getLong();
            resumeEnd = b.getLong();
            if (resumeAt < 0 || resumeEnd < resumeAt)
            {
                throw new StateException("invalid position for partition " + this.partition + ": next offset " +
                    resumeAt + ", end offset " + resumeEnd, null);
            }
        }
        else
        {
            resumeAt = -1;
            resumeEnd = -1;
        }
        this.decoder = source.newDecoder();
        this.consumer = new KafkaConsumer<>(source.consumerProperties("sabot-" + this.partition),
            new ByteBufferDeserializer(), new ByteBufferDeserializer());
        try
        {
            consumer.assign(List.of(this.partition));
            if (position != null)
            {
                final long earliest = consumer.beginningOffsets(List.of(this.partition), options.requestTimeout())
                    .get(this.partition);
                if (resumeAt < earliest)
                {
                    throw new StateException("cannot resume partition " + this.partition + " at offset " + resumeAt +
                        ": the earliest offset still in the log is " + earliest + " (records deleted by retention)",
                        null);
                }
                next = resumeAt;
            }
            else
            {
                final Long start = source.startOffsets().get(partition);
                next = start != null ? start :
                    consumer.beginningOffsets(List.of(this.partition), options.requestTimeout()).get(this.partition);
            }
            consumer.seek(this.partition, next);
            // a restored bounded reader keeps the end its first reader looked up, so the replay yields the same rows
            end = !options.bounded() ? Long.MAX_VALUE : resumeEnd >= 0 && resumeEnd != Long.MAX_VALUE ? resumeEnd :
                consumer.endOffsets(List.of(this.partition), options.requestTimeout()).get(this.partition);
        }
        catch (final KafkaException e)
        {
            decoder.close();
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw new SabotIoException("cannot open partition " + this.partition + ": " + e.getMessage(),
                source.where(), e);
        }
        catch (final RuntimeException e)
        {
            decoder.close();
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    /**
     * @return the partition this reader reads.
     */
    public int partition()
    {
        return partition.partition();
    }

    /**
     * @return the offset of the first record not yet delivered, skipped or dead-lettered (where reading would resume).
     */
    public long nextOffset()
    {
        return next;
    }

    /**
     * @return {@link #nextOffset()} and {@link #endOffset()} encoded (17 bytes); a reader opened at it continues
     * exactly here and stops at the same end.
     */
    @Override
    public byte[] position()
    {
        return ByteBuffer.allocate(POSITION_BYTES).put(POSITION_VERSION).putLong(next).putLong(end).array();
    }

    /**
     * @return the end offset this bounded reader stops at, or {@link Long#MAX_VALUE} when unbounded.
     */
    public long endOffset()
    {
        return end;
    }

    @Override
    public Batch poll()
    {
        if (pending != null)
        {
            final MalformedRecordException e = pending;
            pending = null;
            done = true;
            throw e;
        }
        if (done)
        {
            return null;
        }
        deadLetterCallback.check();
        final int batchRows = options.batchRows();
        List<FieldVector> columns = null;
        int row = 0;
        try
        {
            while (row < batchRows)
            {
                if (index == records.size())
                {
                    if (next >= end)
                    {
                        break;
                    }
                    final ConsumerRecords<ByteBuffer, ByteBuffer> polled = consumer.poll(Duration.ZERO);
                    records = polled.records(partition);
                    index = 0;
                    if (records.isEmpty())
                    {
                        // nothing fetched; the position may still have moved past control records
                        next = Math.max(next, consumerPosition());
                        break;
                    }
                }
                final ConsumerRecord<ByteBuffer, ByteBuffer> record = records.get(index++);
                final long offset = record.offset();
                if (offset >= end)
                {
                    next = end;
                    index = records.size();
                    break;
                }
                if (columns == null)
                {
                    columns = allocate(Math.min(batchRows, records.size() - index + 1));
                    decoder.target(columns);
                }
                if (decoder.decode(record.value(), row))
                {
                    row++;
                    next = offset + 1;
                    continue;
                }
                // the slot is reused: the next good row overwrites whatever the bad record wrote
                switch (options.policy())
                {
                    case FAIL ->
                    {
                        pending = new MalformedRecordException(decoder.error(), partition.topic(),
                            partition.partition(), offset, decoder.errorColumn());
                    }
                    case SKIP ->
                    {
                        source.countSkipped();
                        next = offset + 1;
                    }
                    case DEAD_LETTER ->
                    {
                        deadLetter(record);
                        next = offset + 1;
                    }
                }
                if (pending != null)
                {
                    break;
                }
            }
        }
        catch (final KafkaException e)
        {
            release(columns);
            done = true;
            throw new SabotIoException("cannot read partition " + partition + " at offset " + next + ": " +
                e.getMessage(), source.where(), e);
        }
        catch (final RuntimeException e)
        {
            release(columns);
            done = true;
            throw e;
        }
        if (next >= end && pending == null)
        {
            done = true;
        }
        if (row == 0)
        {
            release(columns);
            return pending != null ? poll() : null;
        }
        for (final FieldVector v : columns)
        {
            v.setValueCount(row);
        }
        return Batch.of(columns);
    }

    /** The consumer's position if known now, else {@link #next}; never blocks. */
    private long consumerPosition()
    {
        try
        {
            return consumer.position(partition, Duration.ZERO);
        }
        catch (final org.apache.kafka.common.errors.TimeoutException e)
        {
            return next;
        }
    }

    private List<FieldVector> allocate(final int rows)
    {
        final List<FieldVector> columns = new ArrayList<>(fields.size());
        try
        {
            for (final Field f : fields)
            {
                final FieldVector v = f.createVector(allocator);
                columns.add(v);
                v.setInitialCapacity(rows);
                v.allocateNew();
            }
            return columns;
        }
        catch (final RuntimeException e)
        {
            release(columns);
            throw e;
        }
    }

    private static void release(final List<FieldVector> columns)
    {
        if (columns != null)
        {
            columns.forEach(FieldVector::close);
        }
    }

    private void deadLetter(final ConsumerRecord<ByteBuffer, ByteBuffer> record)
    {
        if (deadLetters == null)
        {
            final Properties p = new Properties();
            p.putAll(options.consumerProperties());
            p.keySet().retainAll(ProducerConfig.configNames());
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "sabot-dead-letters-" + partition);
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            deadLetters = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        final RecordHeaders headers = new RecordHeaders();
        for (final Header h : record.headers())
        {
            headers.add(h);
        }
        headers.add(ERROR_HEADER, utf8(decoder.error()));
        if (decoder.errorColumn() != null)
        {
            headers.add(ERROR_COLUMN_HEADER, utf8(decoder.errorColumn()));
        }
        headers.add(TOPIC_HEADER, utf8(partition.topic()));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(partition.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        deadLetters.send(new ProducerRecord<>(options.deadLetterTopic(), null, record.timestamp(),
            bytes(record.key()), bytes(record.value()), headers), deadLetterCallback);
        source.countDeadLettered();
    }

    private static byte[] utf8(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final ByteBuffer b)
    {
        if (b == null)
        {
            return null;
        }
        final byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Override
    public boolean finished()
    {
        return done && pending == null;
    }

    /**
     * Closes the consumer and, if dead letters were produced, flushes and closes their producer.
     *
     * @throws SabotIoException if a dead letter could not be delivered.
     */
    @Override
    public void close()
    {
        done = true;
        pending = null;
        records = List.of();
        decoder.close();
        consumer.close(CloseOptions.timeout(Duration.ZERO));
        if (deadLetters != null)
        {
            deadLetters.close(options.requestTimeout());
            deadLetters = null;
            deadLetterCallback.check();
        }
    }

    /** Keeps the first failed dead-letter send; one instance per reader (no allocation per record). */
    private final class DeadLetterCallback implements Callback
    {
        private volatile Exception failure;

        @Override
        public void onCompletion(final RecordMetadata metadata, final Exception exception)
        {
            if (exception != null && failure == null)
            {
                failure = exception;
            }
        }

        void check()
        {
            final Exception e = failure;
            if (e != null)
            {
                throw new SabotIoException("cannot produce a dead letter to topic '" + options.deadLetterTopic() +
                    "' for partition " + partition + ": " + e.getMessage(), source.where(), e);
            }
        }
    }
}
