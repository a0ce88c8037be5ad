package io.sabot.runtime.checkpoint;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.connector.kafka.EmbeddedKafka;
import io.sabot.runtime.connector.kafka.Kafka;
import io.sabot.runtime.connector.kafka.KafkaSinkOptions;
import io.sabot.runtime.connector.kafka.KafkaTesting;
import io.sabot.runtime.connector.kafka.TransactionalKafkaSink;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.state.StateBackends;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once end to end through Kafka: a checkpointed job reads a topic (offsets in checkpoints), counts rows per
 * key in state, and writes every row and the final counts to another topic through the transactional sink. The job
 * is crashed at random rows, restarts from its last completed checkpoint each time, and a read_committed consumer
 * of the output topic must see exactly the failure-free output: every input row once and each key's true count.
 */
class KafkaExactlyOnceJobTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final Pattern FIELDS = Pattern.compile("\"k\":(-?\\d+),\"ts\":(-?\\d+),\"v\":(-?\\d+)");

    /** Crash points in rows processed over all attempts; consumed as they fire. */
    private static final ConcurrentSkipListSet<Long> CRASHES = new ConcurrentSkipListSet<>();
    private static final AtomicLong PROCESSED = new AtomicLong();

    /** Every record of the topic a read_committed consumer sees, as (k, ts, v) with multiplicities. */
    private static Map<List<Long>, Integer> committed(final String topic, final int partitions)
    {
        final Map<List<Long>, Integer> out = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : KafkaTesting.readToEnd(KAFKA.get(), topic, partitions, true))
        {
            final Matcher m = FIELDS.matcher(new String(r.value(), StandardCharsets.UTF_8));
            assertTrue(m.find(), "record " + new String(r.value(), StandardCharsets.UTF_8));
            out.merge(List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))), 1,
                Integer::sum);
        }
        return out;
    }

    private void crashAndRecover(final Path dir, final StateBackends.Factory backend, final String name,
        final long seed)
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String in = name + "-in";
        final String out = name + "-out";
        kafka.createTopic(in, 2);
        kafka.createTopic(out, 3);
        final long rows = 150_000;
        // one producer in row order: each partition holds its rows in event-time order
        try (StreamEnvironment producer = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            producer.from(GeneratorSource.builder(ExactlyOnceRecoveryTest.EVENTS, ExactlyOnceRecoveryTest.GENERATE)
                .rows(rows).batchRows(1024).build()).writeTo(Kafka.sink(kafka.bootstrapServers(), in));
            producer.execute("produce " + in);
        }
        final Random random = new Random(seed);
        CRASHES.clear();
        PROCESSED.set(0);
        for (int i = 0; i < 3; i++)
        {
            // one in each third of the rows (counted over all attempts, so later ones may fall in re-read rows)
            CRASHES.add(10_000L + i * 45_000L + random.nextInt(35_000));
        }
        final TransactionalKafkaSink sink = Kafka.sink(kafka.bootstrapServers(), out,
            KafkaSinkOptions.DEFAULT.withKeyColumn("k").withProducerProperties(Map.of("linger.ms", "2",
                "retry.backoff.ms", "10"))).exactlyOnce(name);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .stateBackend(backend).checkpointing(dir.resolve("chk"), Duration.ofMillis(30)).restartAttempts(20)
            .build())
        {
            env.from(Kafka.source(kafka.bootstrapServers(), in, ExactlyOnceRecoveryTest.EVENTS))
                .withEventTime("ts", Duration.ZERO).keyBy("k").process(() ->
                    new ExactlyOnceRecoveryTest.CountPerKey(CRASHES, PROCESSED), ExactlyOnceRecoveryTest.OUT).writeTo(sink);
            final RunningJob job = env.executeAsync("kafka exactly-once " + name);
            job.await();
            // two workers may hit crash points in the same attempt: at least one restart, every crash fired
            assertTrue(job.restarts() >= 1, "restarts: " + job.restarts());
            assertTrue(CRASHES.isEmpty(), "crashes left: " + CRASHES);
        }
        finally
        {
            sink.abort();
        }
        final Map<List<Long>, Integer> expected = ExactlyOnceRecoveryTest.expected(rows);
        final Map<List<Long>, Integer> seen = committed(out, 3);
        // compare sizes first: a duplicated or lost row shows as a count, not as a 150,000-entry map dump
        assertEquals(expected.values().stream().mapToLong(Integer::longValue).sum(),
            seen.values().stream().mapToLong(Integer::longValue).sum(), "rows visible to read_committed readers");
        assertEquals(expected, seen);
    }

    @Test
    void crashesGiveExactlyTheFailureFreeOutputThroughKafkaOnHeapState(@TempDir final Path dir)
    {
        crashAndRecover(dir, StateBackends.memory(), "eo-heap", 5);
    }

    @Test
    void crashesGiveExactlyTheFailureFreeOutputThroughKafkaOnRocksDb(@TempDir final Path dir)
    {
        crashAndRecover(dir, StateBackends.rocksDb(dir.resolve("rocks")), "eo-rocks", 11);
    }
}
