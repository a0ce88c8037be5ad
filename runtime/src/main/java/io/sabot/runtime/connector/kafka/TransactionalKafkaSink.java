package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.sabot.common.SabotIoException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.runtime.sink.TransactionalSink;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exactly-once Kafka sink ({@code Kafka.sink(...).exactlyOnce(prefix)}): rows as JSON objects like
 * {@link KafkaSink}, written in Kafka transactions that commit with checkpoints. Consumers see each row exactly once
 * if they read with {@code isolation.level=read_committed}.
 *
 * <p><b>Normal operation.</b> Each writer writes the rows between two barriers in one transaction of a transactional
 * producer ({@code transactional.id = <prefix>-w<instance>-s<slot>}). {@code preCommit(n)} flushes, adds the commit
 * ledger entry (below) to the transaction, hands back a handle ({@link KafkaTransactionHandle}: writer, checkpoint,
 * transactional id, and the offsets the records got, as runs per partition) and keeps the producer open; the next rows
 * go to another producer (a writer cycles through a small pool of slots, about two: one writing, one waiting for its
 * checkpoint). {@link #commit(long, List)} commits the waiting transactions with the producers that opened them and
 * returns the producers to their writers.
 *
 * <p><b>Why not Kafka's two-phase commit.</b> A Kafka transaction can only be committed by the producer session that
 * opened it; KIP-939 ({@code initTransactions(keepPreparedTxn)}, {@code prepareTransaction()},
 * {@code completeTransaction}) would let a new producer commit it after a crash, but kafka-clients 4.3.1 does not
 * expose those calls (only the internal {@code TransactionManager} has them), and resuming another session's
 * producer id and epoch through internals (Flink's approach) is avoided. A transaction whose producer is gone is
 * therefore not committed but <em>re-produced</em>: its records are still in the log (aborted or open), the handle
 * says exactly where, and recovery copies them into a new transaction.
 *
 * <p><b>The commit ledger</b> makes that decision exact: each writer transaction also commits, atomically with its
 * records, the consumer-group offset {@code checkpointId} of group {@code <prefix>-ledger-<instance>} (partition 0 of
 * the topic). After fencing, ledger {@code >= n} means the checkpoint-{@code n} transaction of that writer, or a copy
 * of it, committed; otherwise it is re-produced (and the copy advances the ledger in the same transaction, so a crash
 * during recovery is recovered again without duplicates).
 *
 * <p><b>Recovery</b> ({@link #recover}): fences every unfinished transaction under the prefix (all writers of the
 * failed run, any parallelism, and a recovery cut short): open ones are aborted, zombies can no longer commit; then
 * each handle of the restored checkpoint is checked against the ledger and re-produced if it did not commit. A job
 * starting from scratch ({@code checkpointId = -1}) also deletes the prefix's ledger groups. {@link #commit} falls back
 * to the same path for a handle it cannot commit directly (its producer failed, or its transaction timed out), and
 * skips handles the ledger shows committed, which makes it idempotent.
 *
 * <p><b>Guarantee.</b> Exactly once for read_committed consumers, for restores from the latest completed checkpoint,
 * provided that checkpoint ids increase over the job's life (also across restores), the prefix is used by no other
 * job or sink, and the records of the restored checkpoint's transactions are still in the log when recovery runs
 * (retention and, on compacted topics, the cleaner may remove aborted records; recovery then fails with a
 * {@link StateException} instead of losing rows silently). A re-produced transaction's rows reach read_committed
 * consumers at new offsets (after the aborted originals), in their original order per partition. Restoring an older
 * checkpoint or a savepoint reproduces the output written after it, as for any sink. If a transaction exceeds the
 * producer's {@code transaction.timeout.ms} (Kafka's default 60 s; set it through
 * {@link KafkaSinkOptions#producerProperties()}, up to the broker's {@code transaction.max.timeout.ms}) the broker
 * aborts it and its commit becomes a re-production: still exactly once, but slower. Open transactions hold back
 * read_committed consumers of their partitions until they end.
 *
 * <p>Without checkpoints (a job that only finishes), {@link #commit()} commits each writer's open transaction when
 * every writer finished. {@link #abort()} and {@link io.sabot.runtime.sink.SinkWriter#close() closing} a writer abort the transactions they
 * hold (gracefully closing a transactional producer aborts its open transaction).
 *
 * <p>Thread-safety: thread-safe; each writer is used by one thread at a time; {@link #commit(long, List)} and
 * {@link #recover} come from one coordinator thread. Ownership: batches written are closed by the writer; a
 * pre-committed transaction's producer belongs to the sink until it commits. Blocking calls are bounded by the
 * producer's own settings ({@code max.block.ms} for initializing and committing transactions,
 * {@code delivery.timeout.ms} for a flush) and, for closing and every recovery step, by
 * {@link KafkaSinkOptions#closeTimeout()}.
 */
public final class TransactionalKafkaSink implements TransactionalSink
{
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaSink.class);

    private final String bootstrapServers;
    private final String topic;
    private final KafkaSinkOptions options;
    private final String prefix;
    private final Pattern ownTransactionalIds;
    private final Pattern ownLedgers;
    private final TopicPartition ledgerPartition;
    private final Set<Writer> open = ConcurrentHashMap.newKeySet();
    /** Pre-committed transactions waiting for their checkpoint, by (writer, checkpoint). */
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();

    TransactionalKafkaSink(final String bootstrapServers, final String topic, final KafkaSinkOptions options,
                           final String transactionalIdPrefix)
    {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.options = Objects.requireNonNull(options, "options");
        this.prefix = Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
        if (prefix.isEmpty())
        {
            throw new IllegalArgumentException("the transactional id prefix must not be empty");
        }
        for (final String own : List.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.CLIENT_ID_CONFIG))
        {
            if (options.producerProperties().containsKey(own))
            {
                throw new IllegalArgumentException(own + " is set by the exactly-once sink, not by the options");
            }
        }
        this.ownTransactionalIds = Pattern.compile(Pattern.quote(prefix) + "-(w\\d+-s\\d+|recovery)");
        this.ownLedgers = Pattern.compile(Pattern.quote(prefix) + "-ledger-\\d+");
        this.ledgerPartition = new TopicPartition(topic, 0);
    }

    /**
     * @return the topic.
     */
    public String topic()
    {
        return topic;
    }

    /**
     * @return the transactional id prefix.
     */
    public String transactionalIdPrefix()
    {
        return prefix;
    }

    @Override
    public boolean parallel()
    {
        return true;
    }

    /** Opens a writer; its first producer is created (and its transactional id initialized) at its first write. */
    @Override
    public TransactionalWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        final Writer w = new Writer(instance);
        open.add(w);
        return w;
    }

    /**
     * Commits the writers' pre-committed transactions of checkpoint {@code checkpointId}, and of earlier checkpoints
     * that did not complete (declined or failed to write), oldest first. A handle whose producer is
     * not here (another run) or cannot commit (failed, fenced, timed out) is settled through the ledger: skipped if
     * committed, else re-produced. Idempotent.
     *
     * @throws StateException     when a handle is not one of this sink's, or belongs to a later checkpoint.
     * @throws SabotIoException   when Kafka cannot be reached or refuses.
     */
    @Override
    public void commit(final long checkpointId, final List<byte[]> handles)
    {
        final List<KafkaTransactionHandle> unsettled = new ArrayList<>();
        // writers with an earlier handle left to the ledger path: their later ones follow it there, in order, so
        // that a writer's ledger never passes a transaction that did not commit
        final Set<Integer> behind = new HashSet<>();
        for (final KafkaTransactionHandle h : handles(handles, checkpointId))
        {
            if (h.isEmpty())
            {
                continue;
            }
            final Pending p = pending.remove(new Key(h.instance(), h.checkpointId()));
            if (p == null || behind.contains(h.instance()))
            {
                if (p != null)
                {
                    p.slot.close(Duration.ZERO);
                }
                behind.add(h.instance());
                unsettled.add(h);
                continue;
            }
            try
            {
                p.slot.producer.commitTransaction();
                p.writer.release(p.slot);
            }
            catch (final KafkaException e)
            {
                LOG.warn("{}: cannot commit {} with its producer ({}); settling it through the ledger", describe(), h,
                    e.toString());
                p.slot.close(Duration.ZERO);
                behind.add(h.instance());
                unsettled.add(h);
            }
        }
        if (!unsettled.isEmpty())
        {
            try (KafkaTransactionRecovery recovery = recovery())
            {
                settle(recovery, unsettled);
            }
        }
    }

    /**
     * Commits the handles that did not commit (fencing their transactional ids first, so the ledger is final), by
     * re-producing them.
     */
    private void settle(final KafkaTransactionRecovery recovery, final List<KafkaTransactionHandle> handles)
    {
        final List<KafkaTransactionHandle> unknown = uncommitted(recovery, handles);
        if (unknown.isEmpty())
        {
            return;
        }
        final Set<String> ids = new HashSet<>();
        unknown.forEach(h -> ids.add(h.transactionalId()));
        recovery.fence(ids);
        final List<KafkaTransactionHandle> lost = uncommitted(recovery, unknown);
        LOG.info("{}: re-producing {}", describe(), lost);
        recovery.reproduce(lost);
    }

    private static List<KafkaTransactionHandle> uncommitted(final KafkaTransactionRecovery recovery,
        final List<KafkaTransactionHandle> handles)
    {
        final Set<Integer> instances = new HashSet<>();
        handles.forEach(h -> instances.add(h.instance()));
        final Map<Integer, Long> ledger = recovery.ledger(instances);
        final List<KafkaTransactionHandle> out = new ArrayList<>();
        for (final KafkaTransactionHandle h : handles)
        {
            if (ledger.get(h.instance()) < h.checkpointId())
            {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Before a restored (or fresh) job writes: drops producers still held from before, fences every unfinished
     * transaction under the prefix and each handle's transactional id, then re-produces the handles the ledger does
     * not show committed. From scratch ({@code checkpointId < 0}) it also deletes the prefix's ledger groups, so that
     * checkpoint ids may start again.
     *
     * @throws StateException   when a handle is not one of this sink's, or a transaction's records are gone.
     * @throws SabotIoException when Kafka cannot be reached or refuses.
     */
    @Override
    public void recover(final long checkpointId, final List<byte[]> handles)
    {
        for (final Key k : List.copyOf(pending.keySet()))
        {
            final Pending p = pending.remove(k);
            if (p != null)
            {
                p.slot.close(Duration.ZERO);
            }
        }
        final List<KafkaTransactionHandle> restored = new ArrayList<>();
        for (final KafkaTransactionHandle h : handles(handles, checkpointId))
        {
            if (!h.isEmpty())
            {
                restored.add(h);
            }
        }
        try (KafkaTransactionRecovery recovery = recovery())
        {
            final Set<String> ids = new HashSet<>(recovery.unfinished(ownTransactionalIds));
            restored.forEach(h -> ids.add(h.transactionalId()));
            LOG.info("{}: recovering checkpoint {}: fencing {}", describe(), checkpointId, ids);
            recovery.fence(ids);
            if (checkpointId < 0)
            {
                recovery.deleteLedgers(ownLedgers);
                return;
            }
            final List<KafkaTransactionHandle> lost = uncommitted(recovery, restored);
            if (!lost.isEmpty())
            {
                LOG.info("{}: re-producing {}", describe(), lost);
                recovery.reproduce(lost);
            }
        }
    }

    /**
     * Decodes handles committed with checkpoint {@code checkpointId}: its own, and pre-commits of earlier checkpoints
     * that never completed (the engine commits those with the next checkpoint or the job's end). Sorted by checkpoint,
     * so each writer's transactions, and its ledger, commit in order.
     */
    private List<KafkaTransactionHandle> handles(final List<byte[]> handles, final long checkpointId)
    {
        final List<KafkaTransactionHandle> out = new ArrayList<>(handles.size());
        for (final byte[] bytes : handles)
        {
            final KafkaTransactionHandle h = KafkaTransactionHandle.decode(bytes, topic);
            if (h.checkpointId() > checkpointId)
            {
                throw new StateException("a handle of checkpoint " + h.checkpointId() + " was given for the earlier " +
                    "checkpoint " + checkpointId + ": " + h, null);
            }
            out.add(h);
        }
        out.sort(java.util.Comparator.comparingLong(KafkaTransactionHandle::checkpointId));
        return out;
    }

    private KafkaTransactionRecovery recovery()
    {
        return new KafkaTransactionRecovery(bootstrapServers, topic, options, prefix);
    }

    /**
     * Without checkpoints: commits every open writer's current transaction (each writer finished).
     *
     * @throws SabotIoException if a transaction cannot commit.
     */
    @Override
    public void commit()
    {
        for (final Writer w : open)
        {
            w.commitCurrent();
        }
    }

    /** Aborts every transaction this sink holds: writers' current ones and the pre-committed ones. */
    @Override
    public void abort()
    {
        for (final Key k : List.copyOf(pending.keySet()))
        {
            final Pending p = pending.remove(k);
            if (p != null)
            {
                p.slot.close(options.closeTimeout());
            }
        }
        for (final Writer w : open)
        {
            w.close();
        }
    }

    @Override
    public String describe()
    {
        return "Kafka[" + topic + ", JSON" + (options.keyColumn() == null ? "" : ", key " + options.keyColumn()) +
            ", exactly-once '" + prefix + "']";
    }

    private String where()
    {
        return "kafka " + bootstrapServers + " topic " + topic + " transactional id prefix '" + prefix + "'";
    }

    private record Key(int instance, long checkpointId)
    {
    }

    private record Pending(Writer writer, Slot slot)
    {
    }

    /** One transactional producer of a writer. */
    private static final class Slot
    {
        final String transactionalId;
        final KafkaProducer<byte[], byte[]> producer;

        Slot(final String transactionalId, final KafkaProducer<byte[], byte[]> producer)
        {
            this.transactionalId = transactionalId;
            this.producer = producer;
        }

        /** Closing gracefully aborts an open transaction (the producer's sender does so on shutdown). */
        void close(final Duration timeout)
        {
            try
            {
                producer.close(timeout);
            }
            catch (final KafkaException e)
            {
                LOG.warn("closing the producer of '{}' failed: {}", transactionalId, e.toString());
            }
        }
    }

    private final class Writer implements TransactionalWriter, Callback
    {
        private final int instance;
        private final JsonRowEncoder encoder = new JsonRowEncoder();
        private final OffsetRuns runs = new OffsetRuns();
        /** Producers with no transaction, ready for the next one; guarded by this. */
        private final ArrayDeque<Slot> idle = new ArrayDeque<>();
        /** Slots created so far (the next slot's number); guarded by this. */
        private int slots;
        /** Guarded by this. */
        private boolean closed;
        /** The producer of the open transaction, or null between a barrier and the next write. */
        private volatile Slot current;
        private volatile Exception failure;

        Writer(final int instance)
        {
            this.instance = instance;
        }

        @Override
        public void write(final Batch batch)
        {
            try (batch)
            {
                check();
                Slot slot = current;
                if (slot == null)
                {
                    slot = acquire();
                    runs.clear();
                    // current before beginTransaction: if it fails, close() still finds (and closes) the producer
                    current = slot;
                    slot.producer.beginTransaction();
                }
                KafkaSink.produce(batch, encoder, options.keyColumn(), topic, slot.producer, this);
            }
            catch (final KafkaException e)
            {
                throw new SabotIoException("writer " + instance + " cannot produce: " + e.getMessage(), where(), e);
            }
        }

        /** Runs on the producer's I/O thread, once per record; allocates nothing. */
        @Override
        public void onCompletion(final RecordMetadata metadata, final Exception exception)
        {
            if (exception != null)
            {
                if (failure == null)
                {
                    failure = exception;
                }
            }
            else
            {
                runs.add(metadata.partition(), metadata.offset());
            }
        }

        private void check()
        {
            final Exception e = failure;
            if (e != null)
            {
                throw new SabotIoException("writer " + instance + ": a record was not delivered: " + e.getMessage(),
                    where(), e);
            }
        }

        private Slot acquire()
        {
            final int number;
            synchronized (this)
            {
                if (closed)
                {
                    throw new IllegalStateException("writer " + instance + " of " + describe() + " is closed");
                }
                final Slot s = idle.poll();
                if (s != null)
                {
                    return s;
                }
                number = slots++;
            }
            final String id = prefix + "-w" + instance + "-s" + number;
            final Properties p = new Properties();
            p.putAll(options.producerProperties());
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "sabot-sink-" + topic + "-" + id);
            final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
            try
            {
                // fences an earlier session of this id (a zombie of a failed run), aborting its open transaction
                producer.initTransactions();
            }
            catch (final KafkaException e)
            {
                producer.close(Duration.ZERO);
                throw e;
            }
            return new Slot(id, producer);
        }

        /** A producer whose transaction committed comes back for reuse, or closes if the writer closed. */
        void release(final Slot slot)
        {
            synchronized (this)
            {
                if (!closed)
                {
                    idle.push(slot);
                    return;
                }
            }
            slot.close(options.closeTimeout());
        }

        @Override
        public byte[] preCommit(final long checkpointId)
        {
            check();
            final Slot slot = current;
            if (slot == null)
            {
                return KafkaTransactionHandle.empty(topic, instance, checkpointId).encode();
            }
            try
            {
                slot.producer.flush();
                check();
                slot.producer.sendOffsetsToTransaction(Map.of(ledgerPartition, new OffsetAndMetadata(checkpointId)),
                    new ConsumerGroupMetadata(KafkaTransactionRecovery.ledgerGroup(prefix, instance)));
            }
            catch (final KafkaException e)
            {
                throw new SabotIoException("writer " + instance + " cannot pre-commit checkpoint " + checkpointId +
                    ": " + e.getMessage(), where(), e);
            }
            runs.seal();
            final KafkaTransactionHandle h = KafkaTransactionHandle.of(topic, instance, checkpointId,
                slot.transactionalId, runs);
            if (pending.putIfAbsent(new Key(instance, checkpointId), new Pending(this, slot)) != null)
            {
                throw new IllegalStateException("writer " + instance + " pre-committed checkpoint " + checkpointId +
                    " twice");
            }
            current = null;
            return h.encode();
        }

        /** Commits the open transaction directly (a job without checkpoints that finished). */
        void commitCurrent()
        {
            final Slot slot = current;
            if (slot == null)
            {
                return;
            }
            try
            {
                slot.producer.flush();
                check();
                slot.producer.commitTransaction();
            }
            catch (final KafkaException e)
            {
                throw new SabotIoException("writer " + instance + " cannot commit: " + e.getMessage(), where(), e);
            }
            current = null;
            release(slot);
        }

        @Override
        public void finish()
        {
            final Slot slot = current;
            if (slot != null)
            {
                try
                {
                    slot.producer.flush();
                }
                catch (final KafkaException e)
                {
                    throw new SabotIoException("writer " + instance + " cannot flush: " + e.getMessage(), where(), e);
                }
            }
            check();
        }

        /** Aborts the open transaction (if any) and closes the idle producers; pre-committed ones stay. */
        @Override
        public void close()
        {
            final List<Slot> toClose;
            synchronized (this)
            {
                if (closed)
                {
                    return;
                }
                closed = true;
                toClose = new ArrayList<>(idle);
                idle.clear();
            }
            final Slot slot = current;
            current = null;
            if (slot != null)
            {
                slot.close(options.closeTimeout());
            }
            toClose.forEach(s -> s.close(options.closeTimeout()));
            open.remove(this);
        }
    }
}
