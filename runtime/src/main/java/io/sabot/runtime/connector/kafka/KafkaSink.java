package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.sabot.common.SabotIoException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces each row to a Kafka topic as a JSON object (column name -> value; see {@link JsonRowEncoder}: decimals as
 * exact JSON numbers, timestamps as epoch milliseconds), keyed by {@link KafkaSinkOptions#keyColumn()} or unkeyed.
 *
 * <p>Each writer (one per instance) has its own idempotent producer ({@code enable.idempotence=true},
 * {@code acks=all}), so retries do not duplicate or reorder a writer's records. Sends are asynchronous;
 * {@link SinkWriter#finish()} flushes and reports the first failed send as a {@link SabotIoException};
 * {@link #commit()} flushes every open writer again and checks; {@link #abort()} closes the producers at once,
 * without flushing further (records already acknowledged stay in the topic). Delivery is therefore at-least-once
 * across job restarts; {@link #exactlyOnce(String)} gives the transactional sink, committed with checkpoints.
 *
 * <p>Thread-safety: thread-safe; each writer is used by one thread at a time. Ownership: batches written are closed
 * by the writer.
 */
public final class KafkaSink implements Sink
{
    private final String bootstrapServers;
    private final String topic;
    private final KafkaSinkOptions options;
    private final Set<Writer> open = ConcurrentHashMap.newKeySet();

    KafkaSink(final String bootstrapServers, final String topic, final KafkaSinkOptions options)
    {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @return the topic.
     */
    public String topic()
    {
        return topic;
    }

    @Override
    public boolean parallel()
    {
        return true;
    }

    @Override
    public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        final Properties p = new Properties();
        p.putAll(options.producerProperties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sabot-sink-" + topic + "-" + instance);
        final Writer w = new Writer(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
        open.add(w);
        return w;
    }

    /** Flushes every writer still open and fails if any send failed. */
    @Override
    public void commit()
    {
        for (final Writer w : open)
        {
            w.flush();
        }
    }

    /** Closes every writer's producer at once; unsent records are dropped. */
    @Override
    public void abort()
    {
        for (final Writer w : open)
        {
            w.closeNow();
        }
    }

    @Override
    public String describe()
    {
        return "Kafka[" + topic + ", JSON" + (options.keyColumn() == null ? "" : ", key " + options.keyColumn()) +
            ", idempotent]";
    }

    /**
     * Returns an exactly-once sink over the same topic and options: transactional producers whose transactions commit
     * with checkpoints (see {@link TransactionalKafkaSink}). Consumers see its rows exactly once only with
     * {@code isolation.level=read_committed}.
     *
     * @param transactionalIdPrefix unique per sink and job: the writers' {@code transactional.id}s, the recovery
     *                              producer's and the commit ledger's group ids all start with it, and recovery aborts
     *                              every open transaction under it.
     * @return the transactional sink.
     */
    public TransactionalKafkaSink exactlyOnce(final String transactionalIdPrefix)
    {
        return new TransactionalKafkaSink(bootstrapServers, topic, options, transactionalIdPrefix);
    }

    /**
     * Sends every row of a batch as one JSON record (keyed by {@code keyColumn} when not null); shared by both sinks.
     * Does not close the batch.
     */
    static void produce(final Batch batch, final JsonRowEncoder encoder, final String keyColumn, final String topic,
        final Producer<byte[], byte[]> producer, final Callback callback)
    {
        encoder.bind(batch.schema(), batch.columns());
        FieldVector key = null;
        if (keyColumn != null)
        {
            final int k = batch.schema().getFields().stream().map(f -> f.getName()).toList().indexOf(keyColumn);
            if (k < 0)
            {
                throw new SchemaException("key column '" + keyColumn + "' is not in " + batch.schema());
            }
            key = batch.column(k);
        }
        final Rows rows = batch.rows();
        final int n = rows.count();
        for (int i = 0; i < n; i++)
        {
            final int r = rows.rowAt(i);
            producer.send(new ProducerRecord<>(topic, key == null ? null : encoder.keyBytes(key, r), encoder.encode(r)),
                callback);
        }
    }

    private String where()
    {
        return "kafka " + bootstrapServers + " topic " + topic;
    }

    private final class Writer implements SinkWriter, Callback
    {
        private final KafkaProducer<byte[], byte[]> producer;
        private final JsonRowEncoder encoder = new JsonRowEncoder();
        private volatile Exception failure;
        private boolean finished;
        private boolean closed;

        Writer(final KafkaProducer<byte[], byte[]> producer)
        {
            this.producer = producer;
        }

        @Override
        public void write(final Batch batch)
        {
            try (batch)
            {
                check();
                produce(batch, encoder, options.keyColumn(), topic, producer, this);
            }
            catch (final KafkaException e)
            {
                throw new SabotIoException("cannot produce: " + e.getMessage(), where(), e);
            }
        }

        @Override
        public void onCompletion(final RecordMetadata metadata, final Exception exception)
        {
            if (exception != null && failure == null)
            {
                failure = exception;
            }
        }

        private void check()
        {
            final Exception e = failure;
            if (e != null)
            {
                throw new SabotIoException("a record was not delivered: " + e.getMessage(), where(), e);
            }
        }

        void flush()
        {
            if (!closed)
            {
                producer.flush();
            }
            check();
        }

        @Override
        public void finish()
        {
            flush();
            finished = true;
        }

        synchronized void closeNow()
        {
            if (!closed)
            {
                closed = true;
                producer.close(Duration.ZERO);
            }
            open.remove(this);
        }

        @Override
        public synchronized void close()
        {
            if (!closed)
            {
                closed = true;
                producer.close(finished ? options.closeTimeout() : Duration.ZERO);
            }
            open.remove(this);
        }
    }
}
