package io.sabot.runtime.fraud;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.connector.kafka.EmbeddedKafka;
import io.sabot.runtime.connector.kafka.Kafka;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.GeneratorSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fraud job reading its transactions from a real Kafka topic (JSON, two partitions: a split and a watermark per
 * partition) raises exactly the alerts it raises on the generator's rows directly.
 */
class FraudKafkaTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static List<List<Object>> withoutIngestClock(final List<List<Object>> rows)
    {
        final List<List<Object>> out = new ArrayList<>();
        for (final List<Object> row : rows)
        {
            out.add(row.subList(0, 8));
        }
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    @Test
    void alertsFromKafkaEqualAlertsFromTheGenerator()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        kafka.createTopic("fraud-transactions", 2);
        final long transactions = 30_000;
        final long accounts = 250;
        // one producer in generation order: each partition then holds its transactions in event-time order, as a
        // real feed partitioned by time of arrival would (out of order by more than the watermark bound, rows are
        // late and the alerts rightly differ)
        try (StreamEnvironment producer = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            producer.from(GeneratorSource.builder(Transactions.SCHEMA, Transactions.generator(accounts))
                    .rows(transactions).build())
                .writeTo(Kafka.sink(kafka.bootstrapServers(), "fraud-transactions"));
            producer.execute("produce transactions");
        }
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .build())
        {

            final CollectSink direct = Sinks.collect();
            FraudJob.alerts(env, transactions, accounts, 0).writeTo(direct);
            env.execute("fraud from the generator");

            final CollectSink viaKafka = Sinks.collect();
            FraudJob.alerts(env, Kafka.source(kafka.bootstrapServers(), "fraud-transactions",
                Transactions.SCHEMA)).writeTo(viaKafka);
            env.execute("fraud from kafka");

            final List<List<Object>> expected = withoutIngestClock(direct.rows());
            assertTrue(expected.size() > 100, "alerts: " + expected.size());
            assertEquals(expected, withoutIngestClock(viaKafka.rows()));
        }
    }
}
