package io.sabot.bench.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.connector.kafka.EmbeddedKafka;
import io.sabot.runtime.connector.kafka.Kafka;
import io.sabot.runtime.connector.kafka.KafkaSinkOptions;
import io.sabot.runtime.connector.kafka.KafkaSource;
import io.sabot.runtime.fraud.Transactions;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.RootAllocator;

/**
 * Issue #6's Kafka figure (a runnable main, not JMH: the broker and the data outlive one measurement): starts an
 * in-process single-node KRaft broker on loopback ({@code EmbeddedKafka}), writes {@code N} fraud transactions
 * ({@link Transactions}: 11 columns as JSON objects) into a 2-partition topic with a Sabot job
 * (generator -> {@code KafkaSink}), then times {@code reps} bounded Sabot jobs that read the whole topic
 * ({@code KafkaSource}, one split per partition) and count the rows. Prints records/s of the write and of each read.
 *
 * <pre>
 * java @jmh/target/classes/sabot-jvm.args -Xmx6g -cp jmh/target/classes:$(cat jmh/target/classpath.txt) \
 *     io.sabot.bench.runtime.KafkaThroughputBench [records=2000000] [parallelism=2] [reps=5]
 * </pre>
 *
 * The broker, the producers, the consumers and the job share the machine's cores; the figure is end to end through
 * the broker on loopback, not the decoder alone.
 */
public final class KafkaThroughputBench
{
    private KafkaThroughputBench()
    {
    }

    /**
     * @param args records, parallelism, repetitions.
     */
    public static void main(final String[] args)
    {
        final long records = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
        final int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final String topic = "transactions";
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             RootAllocator allocator = new RootAllocator())
        {
            kafka.createTopic(topic, 2);
            long start = System.nanoTime();
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).allocator(allocator)
                .build())
            {
                env.from(Sources.generator(Transactions.SCHEMA, records, Transactions.generator(100_000)))
                    .writeTo(Kafka.sink(kafka.bootstrapServers(), topic, KafkaSinkOptions.DEFAULT
                        .withKeyColumn("account")
                        .withProducerProperties(java.util.Map.of("linger.ms", "5", "batch.size", "262144"))));
                env.execute("write transactions");
            }
            final double writeSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("write: %,d records in %.2f s = %,.0f records/s (generator -> KafkaSink, p%d)%n",
                records, writeSeconds, records / writeSeconds, parallelism);
            final List<Double> rates = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++)
            {
                final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, Transactions.SCHEMA);
                start = System.nanoTime();
                final long count;
                try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism)
                    .allocator(allocator).build())
                {
                    final CollectSink sink = Sinks.collect();
                    env.from(source).aggregate(Agg.count().as("n")).writeTo(sink);
                    env.execute("count transactions");
                    count = (Long) sink.rows().get(0).get(0);
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (count != records)
                {
                    throw new IllegalStateException("counted " + count + " of " + records);
                }
                rates.add(records / seconds);
                System.out.printf("read %d: %,d records in %.3f s = %,.0f records/s (KafkaSource -> count, p%d)%n",
                    rep, count, seconds, records / seconds, parallelism);
            }
            Collections.sort(rates);
            System.out.printf("read: median %,.0f records/s, best %,.0f, worst %,.0f over %d runs%n",
                rates.get(rates.size() / 2), rates.get(rates.size() - 1), rates.get(0), reps);
            // the fraud job over the same topic; two writers interleave morsels in each partition, so some rows trail
            // the watermark bound and count as late: the alert count can differ a little between runs
            for (int rep = 0; rep < 2; rep++)
            {
                start = System.nanoTime();
                final long alerts;
                try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism)
                    .allocator(allocator).build())
                {
                    final java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
                    io.sabot.runtime.fraud.FraudJob.alerts(env, Kafka.source(kafka.bootstrapServers(), topic,
                        Transactions.SCHEMA)).writeTo(Sinks.callback(b -> n.addAndGet(b.rowCount())));
                    env.execute("fraud from kafka");
                    alerts = n.get();
                }
                final double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("fraud %d: %,d transactions from Kafka in %.2f s = %,.0f transactions/s, %,d " +
                    "alerts (p%d)%n", rep, records, seconds, records / seconds, alerts, parallelism);
            }
        }
    }
}
