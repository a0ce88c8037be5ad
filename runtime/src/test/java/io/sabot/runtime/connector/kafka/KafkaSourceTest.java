package io.sabot.runtime.connector.kafka;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import io.sabot.common.MalformedRecordException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.connector.kafka.KafkaTesting.Out;
import io.sabot.runtime.sink.ArrowValues;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.SourceSplit;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka source against a real in-process broker: bounded reads of a multi-partition topic through jobs at
 * parallelism 1 and 2 (every row exactly once, exact values), unbounded reads while producing, per-partition event
 * time watermarks firing windows, and each bad-record policy.
 */
class KafkaSourceTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static final Schema ALL_TYPES = new Schema(List.of(
        Field.notNullable("id", new ArrowType.Int(64, true)),
        Field.nullable("qty", new ArrowType.Int(32, true)),
        Field.nullable("price", new ArrowType.Decimal(12, 2, 128)),
        Field.nullable("name", ArrowType.Utf8.INSTANCE),
        Field.nullable("ok", ArrowType.Bool.INSTANCE),
        Field.nullable("day", new ArrowType.Date(DateUnit.DAY)),
        Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, null)),
        Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("big", new ArrowType.Decimal(30, 4, 128))));

    private static final LocalDate DAY0 = LocalDate.of(2024, 2, 29);

    /** The expected row of record {@code i} (see {@link #json}). */
    static List<Object> expected(final int i)
    {
        final BigDecimal price = i % 13 == 0 ? null :
            BigDecimal.valueOf((i * 1234567L % 100_000_000_000L) * (i % 5 == 0 ? -1 : 1), 2);
        final String name = i % 9 == 0 ? null : i % 10 == 0 ? "" : "név-" + i + " €𝄞 zürich \"q\"";
        return Arrays.asList((long) i, i % 7 == 0 ? null : (int) (i * 31L % 1000) - 500, price, name, i % 2 == 0,
            DAY0.plusDays(i), LocalDateTime.ofEpochSecond(1_700_000_000L + i, 0, ZoneOffset.UTC), i / 8.0,
            new BigDecimal(BigInteger.TEN.pow(24).add(BigInteger.valueOf(i)), 4));
    }

    /** Record {@code i} as JSON: fields in varying order and forms, missing/null fields, extra nested fields. */
    static String json(final int i)
    {
        final List<Object> e = expected(i);
        final StringBuilder sb = new StringBuilder("{");
        if (i % 4 == 1)
        {
            sb.append("\"extra\": {\"nested\": [1, 2, {\"x\": \"}\"}]}, ");
        }
        sb.append("\"id\": ").append(i);
        if (e.get(1) != null)
        {
            sb.append(", \"qty\": ").append(e.get(1));
        }
        final BigDecimal price = (BigDecimal) e.get(2);
        sb.append(", \"price\": ");
        if (price == null)
        {
            sb.append("null");
        }
        else if (i % 11 == 0)
        {
            sb.append('"').append(price.toPlainString()).append('"');
        }
        else if (i % 17 == 0)
        {
            sb.append(price.movePointLeft(2).toPlainString()).append("e2");
        }
        else
        {
            sb.append(price.stripTrailingZeros().toPlainString());
        }
        if (e.get(3) != null)
        {
            sb.append(", \"name\": \"").append(((String) e.get(3)).replace("\"", "\\\"")).append('"');
        }
        else if (i % 2 == 0)
        {
            sb.append(", \"name\": null");
        }
        sb.append(", \"ok\": ").append(e.get(4));
        sb.append(", \"day\": ").append(i % 19 == 0 ? Long.toString(DAY0.plusDays(i).toEpochDay()) :
            "\"" + DAY0.plusDays(i) + "\"");
        sb.append(", \"ts\": ").append((1_700_000_000L + i) * 1000);
        sb.append(", \"score\": ").append(i % 23 == 0 && i % 8 == 0 ? Integer.toString(i / 8) : Double.toString(i / 8.0));
        sb.append(", \"big\": ").append(((BigDecimal) e.get(8)).toPlainString());
        sb.append(", \"zzz\": \"ignored\"}");
        return i % 3 == 0 ? "  " + sb + "\n" : sb.toString();
    }

    static List<List<Object>> sorted(final List<List<Object>> rows)
    {
        final List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(r -> (Long) r.get(0)));
        return out;
    }

    @Test
    void boundedReadOfAMultiPartitionTopicDeliversEveryRowOnceWithExactValues()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "bounded-all-types";
        final int partitions = 3;
        final int n = 5000;
        kafka.createTopic(topic, partitions);
        final List<Out> records = new ArrayList<>();
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            records.add(new Out(i % partitions, json(i)));
            expected.add(expected(i));
        }
        KafkaTesting.produce(kafka, topic, records);
        for (final int parallelism : new int[] {1, 2})
        {
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(300)
                .allocator(memory.allocator()).build())
            {
                final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, ALL_TYPES,
                    KafkaSourceOptions.DEFAULT.withBatchRows(700));
                final CollectSink sink = Sinks.collect();
                env.from(source).writeTo(sink);
                env.execute("kafka bounded p" + parallelism);
                assertEquals(n, sink.rowCount(), "p" + parallelism);
                assertEquals(expected, sorted(sink.rows()), "p" + parallelism);
            }
        }
    }

    @Test
    void startOffsetsAndReaderOffsetsAreExplicit()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "offsets";
        kafka.createTopic(topic, 2);
        final List<Out> records = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            records.add(new Out(i % 2, json(i)));
        }
        KafkaTesting.produce(kafka, topic, records);
        final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, ALL_TYPES,
            KafkaSourceOptions.DEFAULT.withStartOffsets(java.util.Map.of(1, 15L)).withBatchRows(4));
        final List<SourceSplit> splits = source.splits(8);
        assertEquals(List.of(new KafkaPartitionSplit(topic, 0), new KafkaPartitionSplit(topic, 1)), splits);
        final List<Long> ids = new ArrayList<>();
        for (final SourceSplit split : splits)
        {
            try (KafkaPartitionReader reader = (KafkaPartitionReader) source.open(split, memory.allocator()))
            {
                final long start = reader.nextOffset();
                assertEquals(split == splits.get(0) ? 0 : 15, start);
                assertEquals(20, reader.endOffset());
                final long deadline = System.nanoTime() + 30_000_000_000L;
                while (!reader.finished() && System.nanoTime() < deadline)
                {
                    try (Batch b = reader.poll())
                    {
                        if (b != null)
                        {
                            assertTrue(b.rowCount() <= 4);
                            ArrowValues.rows(b).forEach(r -> ids.add((Long) r.get(0)));
                            final int p = ((KafkaPartitionSplit) split).partition();
                            assertEquals(start + ids.stream().filter(id -> id % 2 == p).count(),
                                reader.nextOffset());
                        }
                    }
                }
                assertTrue(reader.finished());
                assertEquals(20, reader.nextOffset());
            }
        }
        final List<Long> expectedIds = new ArrayList<>();
        for (long i = 0; i < 40; i++)
        {
            if (i % 2 == 0 || i / 2 >= 15)
            {
                expectedIds.add(i);
            }
        }
        Collections.sort(ids);
        assertEquals(expectedIds, ids);
    }

    static final Schema EVENTS = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
        Field.notNullable("amount", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true))));

    static String event(final long k, final long amount, final long ts)
    {
        return "{\"k\":" + k + ",\"amount\":" + amount + ",\"ts\":" + ts + "}";
    }

    @Test
    void unboundedReadSeesRowsProducedWhileTheJobRunsUntilStopped() throws Exception
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "unbounded";
        kafka.createTopic(topic, 2);
        final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build();
             KafkaProducer<byte[], byte[]> producer = KafkaTesting.producer(kafka))
        {
            final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, EVENTS,
                KafkaSourceOptions.DEFAULT.withBounded(false));
            env.from(source).writeTo(Sinks.callback(b -> ArrowValues.rows(b).forEach(r -> seen.add((Long) r.get(1)))));
            final RunningJob job = env.executeAsync("kafka unbounded");
            long amount = 0;
            for (int round = 0; round < 5; round++)
            {
                final List<Out> records = new ArrayList<>();
                for (int i = 0; i < 200; i++, amount++)
                {
                    records.add(new Out((int) (amount % 2), event(amount % 10, amount, amount)));
                }
                KafkaTesting.send(producer, topic, records);
                final long target = amount;
                KafkaTesting.await("rows of round " + round, () -> seen.size() >= target);
                assertTrue(!job.isDone(), "an unbounded job keeps running");
            }
            job.stop();
            job.await();
            final List<Long> got = new ArrayList<>(seen);
            Collections.sort(got);
            final List<Long> want = new ArrayList<>();
            for (long i = 0; i < amount; i++)
            {
                want.add(i);
            }
            assertEquals(want, got);
        }
    }

    @Test
    void perPartitionWatermarksFireATumblingWindowBeforeStop() throws Exception
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "event-time";
        kafka.createTopic(topic, 2);
        final List<List<Object>> fired = Collections.synchronizedList(new ArrayList<>());
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build();
             KafkaProducer<byte[], byte[]> producer = KafkaTesting.producer(kafka))
        {
            final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, EVENTS,
                KafkaSourceOptions.DEFAULT.withBounded(false));
            env.from(source).withEventTime("ts", Duration.ofMillis(10))
                .keyBy("k").window(Duration.ofMillis(1000))
                .aggregate(Agg.count().as("n"), Agg.sum("amount").as("total"))
                .writeTo(Sinks.callback(b -> fired.addAll(ArrowValues.rows(b))));
            final RunningJob job = env.executeAsync("kafka windows");
            // window [0, 1000) on both partitions: keys 0..3, amounts 1 each
            final List<Out> first = new ArrayList<>();
            for (int i = 0; i < 400; i++)
            {
                first.add(new Out(i % 2, event(i % 4, 1, i * 2)));
            }
            KafkaTesting.send(producer, topic, first);
            // partition 0 moves far past the window; partition 1 does not: the watermark (minimum) holds
            KafkaTesting.send(producer, topic, List.of(new Out(0, event(9, 100, 5000))));
            KafkaTesting.await("rows read", () -> job.rowsRead() >= 401);
            assertEquals(List.of(), List.copyOf(fired), "partition 1 holds the watermark back");
            KafkaTesting.send(producer, topic, List.of(new Out(1, event(9, 100, 5000))));
            KafkaTesting.await("the window to fire", () -> fired.size() >= 4);
            final List<List<Object>> onWatermark = sorted(List.copyOf(fired));
            job.stop();
            job.await();
            assertEquals(List.of(List.of(0L, 0L, 1000L, 100L, 100L), List.of(1L, 0L, 1000L, 100L, 100L),
                List.of(2L, 0L, 1000L, 100L, 100L), List.of(3L, 0L, 1000L, 100L, 100L)), onWatermark);
        }
    }

    /** Good records with ids 0, 1, 3, 5, 7, ...; bad ones between them (see {@link #badValues()}). */
    static List<Out> withBadRecords()
    {
        final List<Out> out = new ArrayList<>();
        final List<String> bad = badValues();
        out.add(new Out(0, event(0, 0, 0)));
        out.add(new Out(0, event(1, 1, 1)));
        for (int i = 0; i < bad.size(); i++)
        {
            out.add(new Out(0, bad.get(i)));
            out.add(new Out(0, event(3 + 2L * i, 3 + 2L * i, 3 + 2L * i)));
        }
        return out;
    }

    /** Malformed JSON, not an object, truncated, trailing content, empty, no value, misfits. */
    static List<String> badValues()
    {
        return Arrays.asList("{\"k\": 2, \"amount\": ", "[1, 2]", "{\"k\": 4, \"amount\": 4, \"ts\": 4} {\"k\": 5}",
            "", null, "{\"k\": \"six\", \"amount\": 6, \"ts\": 6}", "{\"k\": 1e3, \"amount\": 6, \"ts\": 6}",
            "{\"k\": 99999999999999999999, \"amount\": 6, \"ts\": 6}", "{\"k\": 1, \"amount\": {\"a\": 1}, \"ts\": 6}",
            "{\"k\": 1, \"amount\" 1}", "{\"k\": 1, \"amount\": 1, \"ts\": 1", "not json");
    }

    static List<Long> goodKeys()
    {
        final List<Long> keys = new ArrayList<>(List.of(0L, 1L));
        for (int i = 0; i < badValues().size(); i++)
        {
            keys.add(3 + 2L * i);
        }
        return keys;
    }

    @Test
    void failPolicyDeliversEarlierRowsThenNamesPartitionAndOffset()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "bad-fail";
        kafka.createTopic(topic, 1);
        KafkaTesting.produce(kafka, topic, withBadRecords());
        final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, EVENTS);
        try (KafkaPartitionReader reader = (KafkaPartitionReader) source.open(source.splits(1).get(0),
            memory.allocator()))
        {
            final List<Long> keys = new ArrayList<>();
            MalformedRecordException error = null;
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (error == null && System.nanoTime() < deadline)
            {
                try (Batch b = reader.poll())
                {
                    if (b != null)
                    {
                        ArrowValues.rows(b).forEach(r -> keys.add((Long) r.get(0)));
                    }
                }
                catch (final MalformedRecordException e)
                {
                    error = e;
                }
            }
            assertEquals(List.of(0L, 1L), keys, "the good rows before the bad record come first");
            assertTrue(error != null);
            assertEquals(topic, error.topic());
            assertEquals(0, error.partition());
            assertEquals(2, error.offset());
            assertEquals(2, reader.nextOffset(), "the bad record is not consumed");
            assertTrue(error.getMessage().contains("topic '" + topic + "', partition 0, offset 2") &&
                error.getMessage().contains("truncated JSON"), error.getMessage());
            assertTrue(reader.finished());
            assertNull(reader.poll());
        }
        // through a job: the typed error surfaces
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            env.from(source).writeTo(Sinks.collect());
            final MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> env.execute("kafka fail"));
            assertEquals(2, e.offset());
        }
    }

    @Test
    void failPolicyNamesTheColumnOfAMisfit()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "bad-misfit";
        kafka.createTopic(topic, 1);
        KafkaTesting.produce(kafka, topic, List.of(new Out(0, event(1, 1, 1)),
            new Out(0, "{\"k\": 2, \"amount\": \"lots\", \"ts\": 2}")));
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            env.from(Kafka.source(kafka.bootstrapServers(), topic, EVENTS)).writeTo(Sinks.collect());
            final MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> env.execute("kafka misfit"));
            assertEquals("amount", e.column());
            assertEquals(1, e.offset());
            assertTrue(e.getMessage().contains("\"lots\"") || e.getMessage().contains("lots"), e.getMessage());
        }
    }

    @Test
    void skipPolicyDropsAndCountsBadRecords()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "bad-skip";
        kafka.createTopic(topic, 1);
        KafkaTesting.produce(kafka, topic, withBadRecords());
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build())
        {
            final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, EVENTS,
                KafkaSourceOptions.DEFAULT.skipBadRecords());
            final CollectSink sink = Sinks.collect();
            env.from(source).writeTo(sink);
            env.execute("kafka skip");
            final List<Long> keys = new ArrayList<>(sink.rows().stream().map(r -> (Long) r.get(0)).toList());
            Collections.sort(keys);
            assertEquals(goodKeys(), keys);
            assertEquals(badValues().size(), source.skipped());
            // a good record right after each bad one decodes: check its full row
            for (final List<Object> row : sink.rows())
            {
                assertEquals(List.of(row.get(0), row.get(0), row.get(0)), row);
            }
        }
    }

    @Test
    void deadLetterPolicyProducesRawBadRecordsWithErrorHeaders()
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String topic = "bad-dlq";
        final String dlq = "bad-dlq-dead-letters";
        kafka.createTopic(topic, 1);
        kafka.createTopic(dlq, 1);
        final List<Out> records = withBadRecords();
        KafkaTesting.produce(kafka, topic, records);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            final KafkaSource source = Kafka.source(kafka.bootstrapServers(), topic, EVENTS,
                KafkaSourceOptions.DEFAULT.deadLetter(dlq));
            final CollectSink sink = Sinks.collect();
            env.from(source).writeTo(sink);
            env.execute("kafka dead letters");
            final List<Long> keys = new ArrayList<>(sink.rows().stream().map(r -> (Long) r.get(0)).toList());
            Collections.sort(keys);
            assertEquals(goodKeys(), keys);
            final int bad = badValues().size();
            assertEquals(bad, source.deadLettered());
            final var letters = KafkaTesting.readAll(kafka, dlq, 1, bad);
            assertEquals(bad, letters.size());
            for (int i = 0; i < bad; i++)
            {
                final var letter = letters.get(i);
                final long offset = 2 + 2L * i;
                final String raw = badValues().get(i);
                assertEquals(raw, letter.value() == null ? null : new String(letter.value(),
                    java.nio.charset.StandardCharsets.UTF_8), "raw value of offset " + offset);
                assertEquals(topic, header(letter, KafkaPartitionReader.TOPIC_HEADER));
                assertEquals("0", header(letter, KafkaPartitionReader.PARTITION_HEADER));
                assertEquals(Long.toString(offset), header(letter, KafkaPartitionReader.OFFSET_HEADER));
                final String error = header(letter, KafkaPartitionReader.ERROR_HEADER);
                assertTrue(error != null && !error.isEmpty(), "error header of offset " + offset);
            }
            assertEquals("amount", header(letters.get(8), KafkaPartitionReader.ERROR_COLUMN_HEADER));
        }
    }

    private static String header(final org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r,
        final String name)
    {
        final var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
