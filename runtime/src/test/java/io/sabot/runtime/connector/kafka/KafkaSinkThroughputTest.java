package io.sabot.runtime.connector.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.sink.SinkWriter;
import io.sabot.runtime.sink.TransactionalSink.TransactionalWriter;
import io.sabot.runtime.source.ValueWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.connector.kafka.KafkaSourceTest.EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A quick throughput comparison (printed, not asserted: the broker shares the machine with the test) of the
 * idempotent sink and the exactly-once sink, one writer each, same rows (3 int64 columns as JSON, keyed), same
 * producer settings ({@code linger.ms=5}, 256 KiB batches) against the in-process broker; the transactional writer
 * pre-commits and commits every {@value #CHECKPOINT_ROWS} rows, as a checkpoint would. Each sink runs twice on fresh
 * topics (the first run warms the JIT); the second run is reported, with the average time of a pre-commit plus
 * commit. The test checks that every row arrived once.
 */
class KafkaSinkThroughputTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final int ROWS = 200_000;
    private static final int BATCH = 8192;
    private static final int CHECKPOINT_ROWS = 50_000;
    private static final Map<String, String> PRODUCER = Map.of("linger.ms", "5", "batch.size", "262144");

    private Batch batch(final long from, final int n)
    {
        final List<Object[]> rows = new ArrayList<>(n);
        for (long k = from; k < from + n; k++)
        {
            rows.add(new Object[] {k, k * 10, k});
        }
        return ValueWriter.batch(EVENTS, rows, 0, n, 0, memory.allocator());
    }

    private double idempotent(final String topic)
    {
        KAFKA.get().createTopic(topic, 2);
        final KafkaSink sink = Kafka.sink(KAFKA.get().bootstrapServers(), topic,
            KafkaSinkOptions.DEFAULT.withKeyColumn("k").withProducerProperties(PRODUCER));
        final long start = System.nanoTime();
        try (SinkWriter w = sink.open(0, 1, memory.allocator()))
        {
            for (int from = 0; from < ROWS; from += BATCH)
            {
                w.write(batch(from, Math.min(BATCH, ROWS - from)));
            }
            w.finish();
            sink.commit();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ROWS, KafkaTesting.readToEnd(KAFKA.get(), topic, 2, false).size());
        return ROWS / seconds;
    }

    private long commitNanos;
    private int commits;

    private double exactlyOnce(final String topic)
    {
        commitNanos = 0;
        commits = 0;
        KAFKA.get().createTopic(topic, 2);
        final TransactionalKafkaSink sink = Kafka.sink(KAFKA.get().bootstrapServers(), topic,
            KafkaSinkOptions.DEFAULT.withKeyColumn("k").withProducerProperties(PRODUCER)).exactlyOnce(topic);
        sink.recover(-1, List.of());
        final long start = System.nanoTime();
        try (TransactionalWriter w = sink.open(0, 1, memory.allocator()))
        {
            long checkpoint = 0;
            int sinceBarrier = 0;
            for (int from = 0; from < ROWS; from += BATCH)
            {
                final int n = Math.min(BATCH, ROWS - from);
                w.write(batch(from, n));
                sinceBarrier += n;
                if (sinceBarrier >= CHECKPOINT_ROWS || from + n == ROWS)
                {
                    checkpoint++;
                    final long t = System.nanoTime();
                    sink.commit(checkpoint, List.of(w.preCommit(checkpoint)));
                    commitNanos += System.nanoTime() - t;
                    commits++;
                    sinceBarrier = 0;
                }
            }
            w.finish();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(ROWS, KafkaTesting.readToEnd(KAFKA.get(), topic, 2, true).size());
        return ROWS / seconds;
    }

    @Test
    void exactlyOnceAgainstIdempotentThroughput()
    {
        idempotent("throughput-idem-warm");
        exactlyOnce("throughput-txn-warm");
        final double idem = idempotent("throughput-idem");
        final double txn = exactlyOnce("throughput-txn");
        System.out.printf("kafka sink, 1 writer, %,d rows: idempotent %,.0f rows/s, exactly-once (commit every %,d " +
            "rows) %,.0f rows/s (%.0f%%); preCommit + commit %.1f ms on average%n", ROWS, idem, CHECKPOINT_ROWS, txn,
            100 * txn / idem, commitNanos / 1e6 / commits);
    }
}
