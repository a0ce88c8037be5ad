package io.sabot.runtime.connector.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import io.sabot.common.MalformedRecordException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.PositionedReader;
import io.sabot.runtime.source.SourceSplit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Avro topics through the real in-process broker: a bounded job over a multi-partition topic of random records of
 * every type returns exactly what was written; Confluent-framed records of two schema versions, with bad records of
 * every kind between them (wrong magic byte, unknown schema id, truncated body, unknown union branch, malformed varint,
 * no value), under each policy (fail names the offset after delivering the earlier rows; skip counts; dead letters
 * carry the raw bytes and the error); and readers reopened at every reported position continue exactly, each bad
 * record skipped once; a job restored from a savepoint continues every partition without a gap or a duplicate.
 */
class KafkaAvroSourceTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private record Value(int partition, byte[] bytes)
    {
    }

    private static void produce(final String topic, final List<Value> values)
    {
        try (KafkaProducer<byte[], byte[]> p = KafkaTesting.producer(KAFKA.get()))
        {
            final List<Future<?>> acks = new ArrayList<>();
            for (final Value v : values)
            {
                acks.add(p.send(new ProducerRecord<>(topic, v.partition(), null, v.bytes())));
            }
            p.flush();
            for (final Future<?> a : acks)
            {
                a.get();
            }
        }
        catch (final InterruptedException | ExecutionException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical rows of a batch (see {@link AvroTesting#actual}), honouring its selection. */
    private static List<List<Object>> canonical(final Batch b)
    {
        final List<List<Object>> out = new ArrayList<>();
        final Rows rows = b.rows();
        for (int i = 0; i < rows.count(); i++)
        {
            final List<Object> row = new ArrayList<>();
            for (int c = 0; c < b.columnCount(); c++)
            {
                row.add(AvroTesting.actual(b.column(c), rows.rowAt(i)));
            }
            out.add(row);
        }
        return out;
    }

    private static List<List<Object>> sorted(final List<List<Object>> rows)
    {
        final List<List<Object>> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(Object::toString));
        return out;
    }

    @Test
    void aBoundedJobOverAnAvroTopicReturnsExactlyWhatWasWritten()
    {
        final String topic = "avro-everything";
        final int partitions = 3;
        KAFKA.get().createTopic(topic, partitions);
        final Random rnd = new Random(5);
        final List<Value> values = new ArrayList<>();
        final List<List<Object>> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++)
        {
            final GenericRecord r = AvroTesting.random(AvroTesting.EVERYTHING, rnd);
            values.add(new Value(i % partitions, AvroTesting.encode(r)));
            expected.add(AvroTesting.expected(r));
        }
        produce(topic, values);
        for (final int parallelism : new int[] {1, 2})
        {
            final List<List<Object>> got = Collections.synchronizedList(new ArrayList<>());
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(300)
                .allocator(memory.allocator()).build())
            {
                final KafkaSource source = Kafka.source(KAFKA.get().bootstrapServers(), topic,
                    AvroFormat.of(AvroTesting.EVERYTHING), KafkaSourceOptions.DEFAULT.withBatchRows(500));
                assertTrue(source.describe().contains("Avro"), source.describe());
                env.from(source).writeTo(Sinks.callback(b -> got.addAll(canonical(b))));
                env.execute("avro bounded p" + parallelism);
            }
            assertEquals(sorted(expected), sorted(got), "p" + parallelism);
        }
    }

    /** Two versions of a payment record: v2 adds a nullable currency and drops nothing. */
    static final org.apache.avro.Schema V1 = AvroFormat.parseSchema("""
        {"type": "record", "name": "Payment", "fields": [
          {"name": "k", "type": "long"},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "note", "type": ["null", "string"]}]}""");
    static final org.apache.avro.Schema V2 = AvroFormat.parseSchema("""
        {"type": "record", "name": "Payment", "fields": [
          {"name": "k", "type": "long"},
          {"name": "currency", "type": ["null", {"type": "enum", "name": "Ccy", "symbols": ["EUR", "USD"]}]},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
          {"name": "note", "type": ["null", "string"]}]}""");
    static final AvroFormat PAYMENTS = AvroFormat.confluent(Map.of(1, V1, 2, V2));

    /** A good Confluent-framed payment with key {@code k}, version by parity. */
    static byte[] payment(final long k)
    {
        final boolean v2 = k % 2 == 0;
        final GenericRecord r = new GenericData.Record(v2 ? V2 : V1);
        r.put("k", k);
        r.put("amount", ByteBuffer.wrap(java.math.BigInteger.valueOf(k * 101 - 5000).toByteArray()));
        r.put("note", k % 3 == 0 ? null : "p" + k);
        if (v2)
        {
            r.put("currency", new GenericData.EnumSymbol(V2.getField("currency").schema().getTypes().get(1),
                k % 4 == 0 ? "EUR" : "USD"));
        }
        return AvroTesting.confluent(v2 ? 2 : 1, AvroTesting.encode(r));
    }

    /** Bad values: what is wrong, by the error text. */
    static List<Object[]> bad()
    {
        final byte[] good = payment(2);
        final byte[] wrongMagic = good.clone();
        wrongMagic[0] = 0x7B;
        final byte[] unknownId = good.clone();
        unknownId[4] = 9;
        final byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
        final byte[] branch = good.clone();
        // v2 body: k (1 byte for 2), then the currency union branch
        branch[6] = 0x06;
        final byte[] varint = AvroTesting.confluent(1, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
        return List.of(new Object[] {wrongMagic, "magic byte 0x7b"}, new Object[] {unknownId, "unknown schema id 9"},
            new Object[] {truncated, "truncated"}, new Object[] {branch, "union branch 3"},
            new Object[] {varint, "varint"}, new Object[] {null, "no value"});
    }

    /** Payments 0, 1, then (bad, good) pairs: good keys 0, 1, 3, 5, ...; bad records at offsets 2, 4, 6, .... */
    static List<Value> withBad()
    {
        final List<Value> out = new ArrayList<>(List.of(new Value(0, payment(0)), new Value(0, payment(1))));
        final List<Object[]> bad = bad();
        for (int i = 0; i < bad.size(); i++)
        {
            out.add(new Value(0, (byte[]) bad.get(i)[0]));
            out.add(new Value(0, payment(3 + 2L * i)));
        }
        return out;
    }

    static List<Long> goodKeys()
    {
        final List<Long> keys = new ArrayList<>(List.of(0L, 1L));
        for (int i = 0; i < bad().size(); i++)
        {
            keys.add(3 + 2L * i);
        }
        return keys;
    }

    private static List<Long> keys(final List<List<Object>> rows)
    {
        final List<Long> keys = new ArrayList<>(rows.stream().map(r -> (Long) r.get(0)).toList());
        Collections.sort(keys);
        return keys;
    }

    @Test
    void everyPolicyHandlesEveryKindOfBadAvroRecord()
    {
        final String topic = "avro-bad";
        final String dlq = "avro-bad-letters";
        KAFKA.get().createTopic(topic, 1);
        KAFKA.get().createTopic(dlq, 1);
        produce(topic, withBad());
        final String servers = KAFKA.get().bootstrapServers();
        // fail: the two good rows first, then the typed error at offset 2
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            final List<List<Object>> got = Collections.synchronizedList(new ArrayList<>());
            env.from(Kafka.source(servers, topic, PAYMENTS, KafkaSourceOptions.DEFAULT))
                .writeTo(Sinks.callback(b -> got.addAll(canonical(b))));
            final MalformedRecordException e = assertThrows(MalformedRecordException.class,
                () -> env.execute("avro fail"));
            assertEquals(2, e.offset());
            assertEquals(0, e.partition());
            assertTrue(e.getMessage().contains("topic '" + topic + "', partition 0, offset 2") &&
                e.getMessage().contains("magic byte 0x7b"), e.getMessage());
            assertEquals(List.of(0L, 1L), keys(got));
        }
        // skip: every good row, every bad record counted; v1 rows have no currency
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            final List<List<Object>> got = Collections.synchronizedList(new ArrayList<>());
            final KafkaSource source = Kafka.source(servers, topic, PAYMENTS,
                KafkaSourceOptions.DEFAULT.skipBadRecords());
            env.from(source).writeTo(Sinks.callback(b -> got.addAll(canonical(b))));
            env.execute("avro skip");
            assertEquals(goodKeys(), keys(got));
            assertEquals(bad().size(), source.skipped());
            for (final List<Object> row : got)
            {
                final long k = (Long) row.get(0);
                assertEquals(java.util.Arrays.asList(k, k % 2 == 0 ? (k % 4 == 0 ? "EUR" : "USD") : null,
                    java.math.BigDecimal.valueOf(k * 101 - 5000, 2), k % 3 == 0 ? null : "p" + k), row);
            }
        }
        // dead letters: raw bytes and the reason
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator()).build())
        {
            final List<List<Object>> got = Collections.synchronizedList(new ArrayList<>());
            final KafkaSource source = Kafka.source(servers, topic, PAYMENTS,
                KafkaSourceOptions.DEFAULT.deadLetter(dlq));
            env.from(source).writeTo(Sinks.callback(b -> got.addAll(canonical(b))));
            env.execute("avro dead letters");
            assertEquals(goodKeys(), keys(got));
            assertEquals(bad().size(), source.deadLettered());
            final List<ConsumerRecord<byte[], byte[]>> letters = KafkaTesting.readAll(KAFKA.get(), dlq, 1,
                bad().size());
            assertEquals(bad().size(), letters.size());
            for (int i = 0; i < letters.size(); i++)
            {
                final ConsumerRecord<byte[], byte[]> letter = letters.get(i);
                assertArrayEquals((byte[]) bad().get(i)[0], letter.value());
                assertEquals(Long.toString(2 + 2L * i), header(letter, KafkaPartitionReader.OFFSET_HEADER));
                final String error = header(letter, KafkaPartitionReader.ERROR_HEADER);
                assertTrue(error.contains((String) bad().get(i)[1]), error);
            }
        }
    }

    private static String header(final ConsumerRecord<byte[], byte[]> r, final String name)
    {
        final var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Partition 0: 60 records; record {@code i} is bad when {@code i % 7 == 3 || i % 11 in (5, 6) || i == 59}. */
    private static boolean isBad(final int i)
    {
        return i % 7 == 3 || i % 11 == 5 || i % 11 == 6 || i == 59;
    }

    private record Step(List<Long> keys, byte[] position)
    {
    }

    private static List<Step> drain(final PositionedReader reader)
    {
        final List<Step> steps = new ArrayList<>();
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (!reader.finished())
        {
            assertTrue(System.nanoTime() < deadline, "reader did not finish");
            try (Batch b = reader.poll())
            {
                if (b != null)
                {
                    steps.add(new Step(canonical(b).stream().map(r -> (Long) r.get(0)).toList(), reader.position()));
                }
            }
        }
        return steps;
    }

    private static List<Long> keysFrom(final List<Step> steps, final int from)
    {
        final List<Long> out = new ArrayList<>();
        for (int i = from; i < steps.size(); i++)
        {
            out.addAll(steps.get(i).keys());
        }
        return out;
    }

    @Test
    void readersReopenedAtEveryPositionContinueExactlyAndSkipEachBadRecordOnce()
    {
        final String topic = "avro-positions";
        KAFKA.get().createTopic(topic, 1);
        final List<Object[]> bad = bad();
        final List<Value> values = new ArrayList<>();
        final List<Long> good = new ArrayList<>();
        for (int i = 0; i < 60; i++)
        {
            values.add(new Value(0, isBad(i) ? (byte[]) bad.get(i % bad.size())[0] : payment(i)));
            if (!isBad(i))
            {
                good.add((long) i);
            }
        }
        produce(topic, values);
        final KafkaSource source = Kafka.source(KAFKA.get().bootstrapServers(), topic, PAYMENTS,
            KafkaSourceOptions.DEFAULT.skipBadRecords().withBatchRows(3)
                .withConsumerProperties(Map.of("max.poll.records", "7")));
        final SourceSplit split = source.splits(1).get(0);
        final List<Step> full;
        try (PositionedReader reader = source.open(split, memory.allocator(), null))
        {
            full = drain(reader);
        }
        assertEquals(good, keysFrom(full, 0));
        final long badTotal = 60 - good.size();
        assertEquals(badTotal, source.skipped());
        for (int cut = 0; cut < full.size(); cut++)
        {
            final byte[] position = full.get(cut).position();
            final long before = source.skipped();
            final List<Step> rest;
            try (PositionedReader reader = source.open(split, memory.allocator(), position))
            {
                rest = drain(reader);
            }
            assertEquals(keysFrom(full, cut + 1), keysFrom(rest, 0), "rows after batch " + cut);
            final long next = ByteBuffer.wrap(position, 1, 8).getLong();
            long badAfter = 0;
            for (int i = (int) next; i < 60; i++)
            {
                badAfter += isBad(i) ? 1 : 0;
            }
            assertEquals(badAfter, source.skipped() - before, "bad records after batch " + cut);
        }
    }

    @Test
    void aJobRestoredFromASavepointContinuesEveryPartitionWithoutGapOrDuplicate(@TempDir final java.nio.file.Path dir)
        throws Exception
    {
        final String topic = "avro-savepoint";
        KAFKA.get().createTopic(topic, 2);
        final List<Value> wave1 = new ArrayList<>();
        for (int k = 0; k < 4000; k++)
        {
            wave1.add(new Value(k % 2, payment(k)));
        }
        produce(topic, wave1);
        final KafkaSourceOptions options = KafkaSourceOptions.DEFAULT.withBounded(false).withBatchRows(50)
            .withConsumerProperties(Map.of("max.poll.records", "50"));
        final List<Long> first = Collections.synchronizedList(new ArrayList<>());
        final java.nio.file.Path savepoint = dir.resolve("savepoint");
        // one sink callback for both jobs: a restored job must have the same shape, sink descriptions included
        final java.util.concurrent.atomic.AtomicReference<List<Long>> into = new java.util.concurrent.atomic
            .AtomicReference<>(first);
        final java.util.function.Consumer<Batch> collect = b -> canonical(b).forEach(r -> into.get()
            .add((Long) r.get(0)));
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .checkpointing(dir.resolve("chk"), null).build())
        {
            env.from(Kafka.source(KAFKA.get().bootstrapServers(), topic, PAYMENTS, options))
                .writeTo(Sinks.callback(collect));
            final RunningJob job = env.executeAsync("avro before");
            KafkaTesting.await("rows before the savepoint", () -> first.size() >= 300);
            assertEquals(savepoint, job.triggerSavepoint(savepoint).join());
            job.stop();
            job.await();
        }
        final List<Value> wave2 = new ArrayList<>();
        for (int k = 4000; k < 5000; k++)
        {
            wave2.add(new Value(k % 2, payment(k)));
        }
        produce(topic, wave2);
        final List<Long> second = Collections.synchronizedList(new ArrayList<>());
        into.set(second);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .checkpointing(dir.resolve("chk2"), null).build())
        {
            env.from(Kafka.source(KAFKA.get().bootstrapServers(), topic, PAYMENTS, options))
                .writeTo(Sinks.callback(collect));
            final RunningJob job = env.executeAsync("avro after", savepoint);
            KafkaTesting.await("the last rows of both partitions", () -> second.contains(4998L) &&
                second.contains(4999L));
            job.stop();
            job.await();
        }
        boolean resumed = false;
        for (int p = 0; p < 2; p++)
        {
            final List<Long> all = new ArrayList<>();
            for (long k = p; k < 5000; k += 2)
            {
                all.add(k);
            }
            final int partition = p;
            final List<Long> after = new ArrayList<>(second.stream().filter(k -> k % 2 == partition).toList());
            Collections.sort(after);
            final int start = all.size() - after.size();
            assertEquals(all.subList(start, all.size()), after, "partition " + p + ": a suffix, each row once");
            assertTrue(first.containsAll(all.subList(0, start)), "partition " + p + ": no gap before the restored " +
                "position " + start);
            resumed |= start > 0;
        }
        assertTrue(resumed, "the restored job did not start from the beginning");
    }
}
