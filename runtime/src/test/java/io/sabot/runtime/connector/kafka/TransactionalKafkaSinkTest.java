package io.sabot.runtime.connector.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sabot.common.SabotIoException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.sink.TransactionalSink.TransactionalWriter;
import io.sabot.runtime.source.Sources;
import io.sabot.runtime.source.ValueWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.connector.kafka.KafkaSourceTest.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exactly-once Kafka sink against the in-process broker, driven through the {@code TransactionalSink} protocol as
 * the checkpoint coordinator will drive it: rows stay invisible to read_committed consumers until their checkpoint
 * commits; commits are idempotent; a crash after pre-commit (writers and sink abandoned with their producers still
 * alive, like zombies, or their transactions aborted) is recovered by a new sink instance, at another parallelism,
 * which makes the restored checkpoint's rows visible exactly once and leaves no transaction open; a commit whose
 * producer was fenced still commits (re-produced); a job start from scratch resets the commit ledger.
 */
class TransactionalKafkaSinkTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final int PARTITIONS = 3;
    private static final Pattern KEY = Pattern.compile("\"k\":(\\d+)");

    private Admin admin;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void admin()
    {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers()));
    }

    @AfterEach
    void close() throws Exception
    {
        Collections.reverse(toClose);
        for (final AutoCloseable c : toClose)
        {
            c.close();
        }
        admin.close();
    }

    private String topic(final String name)
    {
        KAFKA.get().createTopic(name, PARTITIONS);
        return name;
    }

    private TransactionalKafkaSink sink(final String topic, final String prefix)
    {
        // the clients retry CONCURRENT_TRANSACTIONS (a commit or fence meeting a transaction still completing) after
        // retry.backoff.ms: 10 ms instead of 100 keeps the class fast
        final TransactionalKafkaSink sink = Kafka.sink(KAFKA.get().bootstrapServers(), topic,
            KafkaSinkOptions.DEFAULT.withKeyColumn("k").withProducerProperties(Map.of("linger.ms", "2",
                "retry.backoff.ms", "10"))).exactlyOnce(prefix);
        // a sink abandoned by a simulated crash still holds producers: the test releases them at the end
        toClose.add(sink::abort);
        return sink;
    }

    /** Opens a writer that {@link #close()} closes after the test (before the allocator is checked). */
    private TransactionalWriter writer(final TransactionalKafkaSink sink, final int instance, final int parallelism)
    {
        final TransactionalWriter w = sink.open(instance, parallelism, memory.allocator());
        toClose.add(w);
        return w;
    }

    /** Events with keys {@code from .. from + n - 1}. */
    private Batch batch(final long from, final int n)
    {
        final List<Object[]> rows = new ArrayList<>(n);
        for (long k = from; k < from + n; k++)
        {
            rows.add(new Object[] {k, k * 10, k});
        }
        return ValueWriter.batch(EVENTS, rows, 0, n, 0, memory.allocator());
    }

    private static List<Long> keys(final long from, final int n)
    {
        final List<Long> out = new ArrayList<>(n);
        for (long k = from; k < from + n; k++)
        {
            out.add(k);
        }
        return out;
    }

    @SafeVarargs
    private static List<Long> union(final List<Long>... parts)
    {
        final List<Long> out = new ArrayList<>();
        for (final List<Long> p : parts)
        {
            out.addAll(p);
        }
        Collections.sort(out);
        return out;
    }

    private static long key(final ConsumerRecord<byte[], byte[]> r)
    {
        final Matcher m = KEY.matcher(new String(r.value(), StandardCharsets.UTF_8));
        assertTrue(m.find());
        return Long.parseLong(m.group(1));
    }

    /** Keys a read_committed consumer sees now, sorted (duplicates kept). */
    private static List<Long> visible(final String topic)
    {
        final List<Long> out = new ArrayList<>();
        KafkaTesting.readToEnd(KAFKA.get(), topic, PARTITIONS, true).forEach(r -> out.add(key(r)));
        Collections.sort(out);
        return out;
    }

    /**
     * Waits until a read_committed consumer sees exactly {@code expected} (sorted keys), failing at once if it sees
     * more rows. Waiting is needed because a commit returns once the coordinator logged it; the markers that make
     * the rows visible are written to the partitions right after.
     */
    private static void assertVisible(final List<Long> expected, final String topic, final String message)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        List<Long> seen = visible(topic);
        while (!seen.equals(expected) && seen.size() <= expected.size() && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
            seen = visible(topic);
        }
        assertEquals(expected, seen, message);
    }

    private static void assertVisible(final List<Long> expected, final String topic) throws InterruptedException
    {
        assertVisible(expected, topic, "rows visible to read_committed consumers");
    }

    /** Waits until no transaction is open on the topic (markers are written after a commit or abort returns). */
    private static void awaitNoOpenTransaction(final String topic) throws InterruptedException
    {
        KafkaTesting.await("no open transaction on " + topic, () -> noOpenTransaction(topic));
    }

    /** Whether no transaction is open on the topic: the last stable offsets equal the log end offsets. */
    private static boolean noOpenTransaction(final String topic)
    {
        return endOffsets(topic, true).equals(endOffsets(topic, false));
    }

    private static Map<TopicPartition, Long> endOffsets(final String topic, final boolean readCommitted)
    {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.get().bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted"),
            new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        {
            final List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < PARTITIONS; i++)
            {
                tps.add(new TopicPartition(topic, i));
            }
            return c.endOffsets(tps);
        }
    }

    private Set<String> transactionalIds(final String prefix) throws Exception
    {
        final Set<String> out = new TreeSet<>();
        for (final TransactionListing l : admin.listTransactions().all().get())
        {
            if (l.transactionalId().startsWith(prefix + "-"))
            {
                out.add(l.transactionalId());
            }
        }
        return out;
    }

    @Test
    void rowsStayInvisibleUntilTheirCheckpointCommitsAndCommitsAreIdempotent() throws Exception
    {
        final String topic = topic("txn-visibility");
        final TransactionalKafkaSink sink = sink(topic, "vis");
        sink.recover(-1, List.of());
        final TransactionalWriter w0 = writer(sink, 0, 2);
        final TransactionalWriter w1 = writer(sink, 1, 2);
        w0.write(batch(0, 500));
        w1.write(batch(1000, 300));
        w1.write(batch(1300, 200));
        final List<byte[]> h1 = List.of(w0.preCommit(1), w1.preCommit(1));
        assertVisible(List.of(), topic, "pre-committed rows are invisible to read_committed consumers");
        assertEquals(1000, KafkaTesting.readToEnd(KAFKA.get(), topic, PARTITIONS, false).size(),
            "but durable in the log");
        sink.commit(1, h1);
        assertVisible(union(keys(0, 500), keys(1000, 500)), topic);
        // checkpoint 2: only writer 0 writes; checkpoint 3 is pre-committed before 2 commits (two pending at once)
        w0.write(batch(500, 500));
        final List<byte[]> h2 = List.of(w0.preCommit(2), w1.preCommit(2));
        w0.write(batch(2000, 10));
        w1.write(batch(3000, 10));
        final List<byte[]> h3 = List.of(w0.preCommit(3), w1.preCommit(3));
        assertVisible(union(keys(0, 500), keys(1000, 500)), topic);
        sink.commit(2, h2);
        assertVisible(union(keys(0, 1000), keys(1000, 500)), topic, "checkpoint 3 is still pending");
        sink.commit(3, h3);
        sink.commit(2, h2);
        sink.commit(3, h3);
        sink.commit(1, h1);
        final List<Long> all = union(keys(0, 1000), keys(1000, 500), keys(2000, 10), keys(3000, 10));
        assertVisible(all, topic, "every row once, repeated commits included");
        awaitNoOpenTransaction(topic);
        // writer 0 needed a second producer only while checkpoint 2 waited; the others were reused
        assertEquals(Set.of("vis-w0-s0", "vis-w0-s1", "vis-w1-s0"), transactionalIds("vis"));
        w0.close();
        w1.close();
        sink.commit();
        assertVisible(all, topic);
    }

    @Test
    void preCommitsOfADeclinedCheckpointCommitWithTheNextOneAndRecoverWithIt() throws Exception
    {
        final String topic = topic("txn-declined");
        final TransactionalKafkaSink sink = sink(topic, "declined");
        sink.recover(-1, List.of());
        final TransactionalWriter w0 = writer(sink, 0, 1);
        w0.write(batch(0, 200));
        // checkpoint 4 was declined after this pre-commit: its handle is carried to checkpoint 5
        final byte[] declined = w0.preCommit(4);
        w0.write(batch(1000, 100));
        final byte[] next = w0.preCommit(5);
        assertVisible(List.of(), topic);
        final StateException later = assertThrows(StateException.class, () -> sink.commit(4, List.of(next)));
        assertTrue(later.getMessage().contains("checkpoint 5"), later.getMessage());
        // given newest first: committed oldest first all the same
        sink.commit(5, List.of(next, declined));
        final List<Long> both = union(keys(0, 200), keys(1000, 100));
        assertVisible(both, topic, "the declined checkpoint's rows and checkpoint 5's, once");
        // a crash after checkpoint 5 completed: its metadata holds both handles; recovering them changes nothing
        final TransactionalKafkaSink restored = sink(topic, "declined");
        restored.recover(5, List.of(declined, next));
        assertVisible(both, topic);
        // and a crash before a commit of two such handles: recovery re-produces both from the log, in order
        final TransactionalWriter w1 = writer(restored, 0, 1);
        w1.write(batch(2000, 50));
        final byte[] declined2 = w1.preCommit(6);
        w1.write(batch(3000, 50));
        final byte[] next2 = w1.preCommit(7);
        sink(topic, "declined").recover(7, List.of(next2, declined2));
        assertVisible(union(both, keys(2000, 50), keys(3000, 50)), topic, "re-produced once each");
        awaitNoOpenTransaction(topic);
    }

    @Test
    void aCrashAfterPreCommitIsRecoveredExactlyOnceAtAnotherParallelismAndFencesTheZombies() throws Exception
    {
        final String topic = topic("txn-crash");
        final TransactionalKafkaSink failed = sink(topic, "crash");
        failed.recover(-1, List.of());
        final List<TransactionalWriter> a = List.of(writer(failed, 0, 3), writer(failed, 1, 3),
            writer(failed, 2, 3));
        for (int i = 0; i < 3; i++)
        {
            a.get(i).write(batch(i * 1000L, 300));
        }
        final List<byte[]> h1 = new ArrayList<>();
        for (final TransactionalWriter w : a)
        {
            h1.add(w.preCommit(1));
        }
        // after barrier 1: writer 0 has an open transaction, writer 1 pre-committed checkpoint 2, which never completes
        a.get(0).write(batch(5000, 100));
        a.get(1).write(batch(6000, 100));
        a.get(1).preCommit(2);
        // checkpoint 1 completed, then the process "crashed" before commit(1): nothing is visible, and the open
        // transactions hold read_committed consumers back
        assertVisible(List.of(), topic);
        assertTrue(!noOpenTransaction(topic));

        final TransactionalKafkaSink restored = sink(topic, "crash");
        restored.recover(1, h1);
        final List<Long> checkpoint1 = union(keys(0, 300), keys(1000, 300), keys(2000, 300));
        assertVisible(checkpoint1, topic, "checkpoint 1's rows exactly once");
        awaitNoOpenTransaction(topic);

        // the zombies: their commit is settled through the ledger (no duplicate), their writes fail
        failed.commit(1, h1);
        assertVisible(checkpoint1, topic);
        final SabotIoException fenced = assertThrows(SabotIoException.class, () ->
        {
            a.get(0).write(batch(7000, 10));
            a.get(0).preCommit(2);
        });
        assertTrue(fenced.getMessage().contains("writer 0"), fenced.getMessage());
        a.forEach(TransactionalWriter::close);

        // the restored job runs with one writer
        final TransactionalWriter b = writer(restored, 0, 1);
        b.write(batch(9000, 50));
        final List<byte[]> h2 = List.of(b.preCommit(2));
        restored.commit(2, h2);
        assertVisible(union(checkpoint1, keys(9000, 50)), topic);
        // a second crash right after checkpoint 2 committed: recovering it again changes nothing
        sink(topic, "crash").recover(2, h2);
        assertVisible(union(checkpoint1, keys(9000, 50)), topic);
        awaitNoOpenTransaction(topic);
    }

    @Test
    void anAbortedPreCommittedTransactionIsReProducedFromTheLogOnceWithItsKeysAndPartitions() throws Exception
    {
        final String topic = topic("txn-aborted");
        final TransactionalKafkaSink failed = sink(topic, "aborted");
        failed.recover(-1, List.of());
        final TransactionalWriter w = writer(failed, 0, 1);
        w.write(batch(0, 200));
        failed.commit(1, List.of(w.preCommit(1)));
        w.write(batch(200, 300));
        w.write(batch(500, 100));
        final List<byte[]> h2 = List.of(w.preCommit(2));
        w.write(batch(900, 50));
        // the job fails after checkpoint 2 completed but before its commit: the executor aborts the sink
        failed.abort();
        awaitNoOpenTransaction(topic);
        assertVisible(keys(0, 200), topic);

        sink(topic, "aborted").recover(2, h2);
        assertVisible(keys(0, 600), topic, "checkpoint 2 re-produced from its aborted records");
        // recovering again (a crash during the restored run's start) does not copy twice
        sink(topic, "aborted").recover(2, h2);
        assertVisible(keys(0, 600), topic);
        // a copy keeps its record's key and partition: every key sits in one partition, original and copy alike
        final Map<Long, Set<Integer>> partitions = new HashMap<>();
        final List<ConsumerRecord<byte[], byte[]>> log = KafkaTesting.readToEnd(KAFKA.get(), topic, PARTITIONS, false);
        for (final ConsumerRecord<byte[], byte[]> r : log)
        {
            assertEquals(Long.toString(key(r)), new String(r.key(), StandardCharsets.UTF_8));
            partitions.computeIfAbsent(key(r), k -> new TreeSet<>()).add(r.partition());
        }
        assertTrue(partitions.values().stream().allMatch(p -> p.size() == 1), "one partition per key");
        final Map<Long, Long> copies = log.stream().collect(Collectors.groupingBy(
            TransactionalKafkaSinkTest::key, Collectors.counting()));
        assertEquals(2L, copies.get(250L), "checkpoint 2's rows are in the log twice: aborted original and copy");
        assertEquals(1L, copies.get(100L));
    }

    @Test
    void aCommitWhoseProducerWasFencedStillCommitsOnce() throws Exception
    {
        final String topic = topic("txn-fenced");
        final TransactionalKafkaSink sink = sink(topic, "fenced");
        sink.recover(-1, List.of());
        final TransactionalWriter w = writer(sink, 0, 1);
        w.write(batch(0, 400));
        final List<byte[]> h1 = List.of(w.preCommit(1));
        admin.fenceProducers(List.of("fenced-w0-s0")).all().get();
        sink.commit(1, h1);
        assertVisible(keys(0, 400), topic);
        w.write(batch(400, 100));
        sink.commit(2, List.of(w.preCommit(2)));
        sink.commit(1, h1);
        assertVisible(keys(0, 500), topic);
        awaitNoOpenTransaction(topic);
    }

    @Test
    void aFreshStartAbortsHangingTransactionsAndResetsTheLedger() throws Exception
    {
        final String topic = topic("txn-fresh");
        final TransactionalKafkaSink old = sink(topic, "fresh");
        old.recover(-1, List.of());
        final TransactionalWriter w = writer(old, 0, 1);
        w.write(batch(0, 100));
        old.commit(7, List.of(w.preCommit(7)));
        w.write(batch(100, 100));
        w.preCommit(8);
        assertTrue(!noOpenTransaction(topic));
        assertTrue(admin.listGroups().all().get().stream().map(GroupListing::groupId).toList()
            .contains("fresh-ledger-0"));

        // a new job with the same prefix starts from scratch: checkpoint ids restart at 1
        final TransactionalKafkaSink fresh = sink(topic, "fresh");
        fresh.recover(-1, List.of());
        awaitNoOpenTransaction(topic);
        assertVisible(keys(0, 100), topic);
        assertTrue(!admin.listGroups().all().get().stream().map(GroupListing::groupId).toList()
            .contains("fresh-ledger-0"), "the ledger was deleted");
        final TransactionalWriter v = writer(fresh, 0, 1);
        v.write(batch(1000, 100));
        final List<byte[]> h1 = List.of(v.preCommit(1));
        // crash before commit(1): with the old ledger (7) left in place, checkpoint 1 would count as committed
        sink(topic, "fresh").recover(1, h1);
        assertVisible(union(keys(0, 100), keys(1000, 100)), topic);
    }

    @Test
    void aJobWithoutCheckpointsCommitsAtTheEndAndTheSourceReadsTheTransactionalTopic() throws Exception
    {
        final String topic = topic("txn-job");
        final int n = 3000;
        final List<Object[]> rows = new ArrayList<>();
        for (long k = 0; k < n; k++)
        {
            rows.add(new Object[] {k, k * 10, k});
        }
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build())
        {
            final TransactionalKafkaSink sink = sink(topic, "job");
            sink.recover(-1, List.of());
            env.from(Sources.rows(EVENTS, rows)).writeTo(sink);
            env.execute("exactly-once sink");
        }
        assertVisible(keys(0, n), topic);
        awaitNoOpenTransaction(topic);
        // the log holds commit markers; a bounded read_committed source reads past them to the end and finishes
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build())
        {
            final CollectSink collect = Sinks.collect();
            env.from(Kafka.source(KAFKA.get().bootstrapServers(), topic, EVENTS, KafkaSourceOptions.DEFAULT
                .withConsumerProperties(Map.of("isolation.level", "read_committed")))).writeTo(collect);
            env.execute("read back");
            final List<Long> back = new ArrayList<>(collect.rows().stream().map(r -> (Long) r.get(0)).toList());
            Collections.sort(back);
            assertEquals(keys(0, n), back);
        }
    }
}
