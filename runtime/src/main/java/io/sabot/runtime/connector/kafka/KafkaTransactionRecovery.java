package io.sabot.runtime.connector.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.sabot.common.SabotIoException;
import io.sabot.common.StateException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The slow paths of a {@link TransactionalKafkaSink}, used by its recovery and when a commit cannot go through the
 * producer that opened the transaction: fencing transactional ids (which aborts their open transactions and waits
 * for transactions being completed), reading the commit ledger, and re-producing a transaction that can no longer be
 * committed from its records, which are still in the log (aborted or abandoned), in a new transaction that also
 * advances the ledger.
 *
 * <p>The ledger: every writer transaction also commits, atomically with its records
 * ({@code sendOffsetsToTransaction}), the offset {@code checkpointId} for partition 0 of the sink's topic in the
 * consumer group {@code <prefix>-ledger-<instance>}. Once the transactions that could still change it are fenced,
 * a committed ledger value of at least {@code n} proves that writer {@code instance}'s transaction of checkpoint
 * {@code n} (or its re-produced copy) committed, because a writer's transactions commit in checkpoint order.
 *
 * <p>Not thread-safe: one caller (the checkpoint coordinator's thread); create, use, close. Every blocking call waits
 * at most {@link KafkaSinkOptions#closeTimeout()}.
 */
final class KafkaTransactionRecovery implements AutoCloseable
{
    /** States in which a transaction may still change: fencing waits for or aborts them. */
    private static final Set<TransactionState> UNFINISHED = EnumSet.of(TransactionState.ONGOING,
        TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final String bootstrapServers;
    private final String topic;
    private final KafkaSinkOptions options;
    private final String prefix;
    private final Duration timeout;
    private final Admin admin;

    KafkaTransactionRecovery(final String bootstrapServers, final String topic, final KafkaSinkOptions options,
                             final String prefix)
    {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.options = options;
        this.prefix = prefix;
        this.timeout = options.closeTimeout();
        final Properties p = new Properties();
        p.putAll(options.producerProperties());
        p.keySet().retainAll(AdminClientConfig.configNames());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "sabot-recovery-" + topic);
        try
        {
            admin = Admin.create(p);
        }
        catch (final KafkaException e)
        {
            throw new SabotIoException("cannot create an admin client: " + e.getMessage(), where(), e);
        }
    }

    static String ledgerGroup(final String prefix, final int instance)
    {
        return prefix + "-ledger-" + instance;
    }

    /**
     * @param ids which transactional ids count.
     * @return the matching transactional ids whose transaction is open or being completed.
     */
    Set<String> unfinished(final Pattern ids)
    {
        final Collection<TransactionListing> listings = await(admin.listTransactions(
            new ListTransactionsOptions().filterStates(UNFINISHED)).all(), "list open transactions");
        final Set<String> out = new TreeSet<>();
        for (final TransactionListing l : listings)
        {
            if (ids.matcher(l.transactionalId()).matches())
            {
                out.add(l.transactionalId());
            }
        }
        return out;
    }

    /**
     * Bumps the epoch of each transactional id: an open transaction is aborted, one being committed completes first,
     * and producers still holding the ids (zombies) can no longer write or commit.
     */
    void fence(final Collection<String> transactionalIds)
    {
        // one request per id, all in flight at once: one request for several ids retries them together with a
        // growing backoff while the coordinator aborts (2.5 s for three open transactions against 0.15 s this way)
        final List<KafkaFuture<Void>> fenced = new ArrayList<>(transactionalIds.size());
        for (final String id : transactionalIds)
        {
            fenced.add(admin.fenceProducers(List.of(id)).all());
        }
        for (int i = 0; i < fenced.size(); i++)
        {
            await(fenced.get(i), "fence transactional ids " + transactionalIds);
        }
    }

    /**
     * @param instances writer indexes.
     * @return per instance, the last checkpoint id its ledger committed, or -1 if none.
     */
    Map<Integer, Long> ledger(final Collection<Integer> instances)
    {
        final TopicPartition key = new TopicPartition(topic, 0);
        final Map<Integer, Long> out = new HashMap<>();
        for (final int instance : instances)
        {
            final String group = ledgerGroup(prefix, instance);
            Map<TopicPartition, OffsetAndMetadata> offsets;
            try
            {
                // not requireStable: pending ledger writes belong to transactions that did not commit (yet), and the
                // ones whose outcome matters were fenced before, which waits for their completion
                offsets = await(admin.listConsumerGroupOffsets(Map.of(group,
                    new ListConsumerGroupOffsetsSpec().topicPartitions(List.of(key)))).partitionsToOffsetAndMetadata(
                    group), "read the commit ledger " + group);
            }
            catch (final SabotIoException e)
            {
                if (!(e.getCause() instanceof GroupIdNotFoundException))
                {
                    throw e;
                }
                offsets = Map.of();
            }
            final OffsetAndMetadata committed = offsets.get(key);
            out.put(instance, committed == null ? -1L : committed.offset());
        }
        return out;
    }

    /** Deletes every ledger group matching {@code groups} (a job starting from scratch). */
    void deleteLedgers(final Pattern groups)
    {
        final List<String> ids = new ArrayList<>();
        await(admin.listGroups().all(), "list groups").forEach(g ->
        {
            if (groups.matcher(g.groupId()).matches())
            {
                ids.add(g.groupId());
            }
        });
        if (!ids.isEmpty())
        {
            await(admin.deleteConsumerGroups(ids).all(), "delete the commit ledgers " + ids);
        }
    }

    /**
     * Re-produces each transaction from its records in the log (they are read with {@code read_uncommitted}, so
     * aborted records are returned), one new transaction per handle under {@code <prefix>-recovery}, which also
     * commits the writer's ledger to the handle's checkpoint. The copies keep key, value, headers, timestamp and
     * partition. Call only after fencing the handles' transactional ids and checking the ledger.
     *
     * @throws StateException when a record of a transaction is no longer in the log (retention, compaction).
     */
    void reproduce(final List<KafkaTransactionHandle> handles)
    {
        if (handles.isEmpty())
        {
            return;
        }
        final Properties pp = new Properties();
        pp.putAll(options.producerProperties());
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-recovery");
        pp.put(ProducerConfig.CLIENT_ID_CONFIG, "sabot-recovery-" + topic + "-producer");
        final Properties cp = new Properties();
        cp.putAll(options.producerProperties());
        cp.keySet().retainAll(ConsumerConfig.configNames());
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.remove(ConsumerConfig.GROUP_ID_CONFIG);
        cp.put(ConsumerConfig.CLIENT_ID_CONFIG, "sabot-recovery-" + topic + "-consumer");
        final Failure failure = new Failure();
        KafkaProducer<byte[], byte[]> producer = null;
        KafkaConsumer<byte[], byte[]> consumer = null;
        try
        {
            producer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer());
            consumer = new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            producer.initTransactions();
            for (final KafkaTransactionHandle h : handles)
            {
                producer.beginTransaction();
                for (int run = 0; run < h.partitions().length; run++)
                {
                    copy(h, run, consumer, producer, failure);
                }
                producer.flush();
                failure.check(h);
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(h.checkpointId())), new ConsumerGroupMetadata(ledgerGroup(prefix,
                    h.instance())));
                producer.commitTransaction();
            }
        }
        catch (final KafkaException e)
        {
            throw new SabotIoException("cannot re-produce pre-committed transactions " + handles + ": " +
                e.getMessage(), where(), e);
        }
        finally
        {
            if (consumer != null)
            {
                consumer.close(CloseOptions.timeout(Duration.ZERO));
            }
            if (producer != null)
            {
                // after a failure this aborts the copy in progress (graceful close), bounded by the timeout
                producer.close(timeout);
            }
        }
    }

    private void copy(final KafkaTransactionHandle h, final int run, final KafkaConsumer<byte[], byte[]> consumer,
        final KafkaProducer<byte[], byte[]> producer, final Failure failure)
    {
        final int partition = h.partitions()[run];
        final long first = h.firsts()[run];
        final long last = h.lasts()[run];
        final TopicPartition tp = new TopicPartition(topic, partition);
        consumer.assign(List.of(tp));
        final Map<TopicPartition, Long> bounds = consumer.beginningOffsets(List.of(tp), timeout);
        final long end = consumer.endOffsets(List.of(tp), timeout).get(tp);
        if (bounds.get(tp) > first || end <= last)
        {
            throw new StateException("cannot re-produce " + h + ": offsets " + first + ".." + last + " of partition " +
                partition + " are no longer all in the log (it holds " + bounds.get(tp) + ".." + (end - 1) + ")",
                null);
        }
        consumer.seek(tp, first);
        long expect = first;
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (expect <= last)
        {
            for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50)).records(tp))
            {
                final long offset = r.offset();
                if (expect > last)
                {
                    break;
                }
                if (offset != expect)
                {
                    // compaction removed a record, or the run was not the writer's: copying the rest would be wrong
                    throw new StateException("cannot re-produce " + h + ": partition " + partition + " has offset " +
                        offset + " where " + expect + " was expected", null);
                }
                producer.send(new ProducerRecord<>(topic, partition, r.timestamp(), r.key(), r.value(), r.headers()),
                    failure);
                expect++;
            }
            if (expect <= last && System.nanoTime() > deadline)
            {
                throw new SabotIoException("timed out after " + timeout + " reading offsets " + expect + ".." + last +
                    " of partition " + partition + " to re-produce " + h, where(), null);
            }
        }
    }

    private <T> T await(final KafkaFuture<T> future, final String what)
    {
        try
        {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SabotIoException("interrupted: " + what, where(), e);
        }
        catch (final ExecutionException e)
        {
            throw new SabotIoException("cannot " + what + ": " + e.getCause().getMessage(), where(), e.getCause());
        }
        catch (final java.util.concurrent.TimeoutException e)
        {
            throw new SabotIoException("timed out after " + timeout + ": " + what, where(), e);
        }
    }

    private String where()
    {
        return "kafka " + bootstrapServers + " topic " + topic + " transactional id prefix '" + prefix + "'";
    }

    @Override
    public void close()
    {
        admin.close(Duration.ZERO);
    }

    /** Keeps the first failed send of a re-produced transaction. */
    private final class Failure implements Callback
    {
        private volatile Exception first;

        @Override
        public void onCompletion(final RecordMetadata metadata, final Exception exception)
        {
            if (exception != null && first == null)
            {
                first = exception;
            }
        }

        void check(final KafkaTransactionHandle h)
        {
            final Exception e = first;
            if (e != null)
            {
                throw new SabotIoException("cannot re-produce " + h + ": " + e.getMessage(), where(), e);
            }
        }
    }
}
