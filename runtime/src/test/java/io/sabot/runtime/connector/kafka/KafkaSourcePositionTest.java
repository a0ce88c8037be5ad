package io.sabot.runtime.connector.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.sabot.common.MalformedRecordException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.connector.kafka.KafkaTesting.Out;
import io.sabot.runtime.sink.ArrowValues;
import io.sabot.runtime.source.PositionedReader;
import io.sabot.runtime.source.SourceSplit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.sabot.runtime.connector.kafka.KafkaSourceTest.EVENTS;
import static io.sabot.runtime.connector.kafka.KafkaSourceTest.event;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka offsets as checkpoint positions ({@link KafkaSource} as a {@code CheckpointedSource}): a reader reopened at
 * any position a reader reported returns exactly the rows that followed, also when batches end in the middle of a
 * poll's records and bad records sit around the cut (skipped or dead-lettered once, never twice or never); bounded
 * readers keep their end; splits and positions round-trip and foreign bytes fail with {@link StateException}.
 */
class KafkaSourcePositionTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Bad record values, used in turn. */
    private static final List<String> BAD = List.of("{\"k\": 1, \"amount\": ", "[1]", "", "not json",
        "{\"k\": \"x\", \"amount\": 1, \"ts\": 1}");

    /**
     * Partition 0: 60 records; record {@code i} is bad when {@code i % 7 == 3 || i % 11 in (5, 6) || i == 59} (runs of two
     * bad records occur, and the last record is bad), else the event {@code k = i}.
     */
    private static List<Out> mixed()
    {
        final List<Out> out = new ArrayList<>();
        for (int i = 0; i < 60; i++)
        {
            out.add(new Out(0, bad(i) ? BAD.get(i % BAD.size()) : event(i, i, i)));
        }
        return out;
    }

    private static boolean bad(final int i)
    {
        return i % 7 == 3 || i % 11 == 5 || i % 11 == 6 || i == 59;
    }

    /** A bounded source over the topic: 3 rows per batch, polls of up to 7 records, so batches cut polls. */
    private static KafkaSource source(final String topic, final KafkaSourceOptions base)
    {
        return Kafka.source(KAFKA.get().bootstrapServers(), topic, EVENTS, base.withBatchRows(3)
            .withConsumerProperties(Map.of("max.poll.records", "7")));
    }

    /** One batch's keys and the position right after it. */
    private record Step(List<Long> keys, byte[] position)
    {
    }

    /** Reads a reader to its end: per batch, its keys and the position after it. */
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
                    final List<Long> keys = new ArrayList<>();
                    ArrowValues.rows(b).forEach(r -> keys.add((Long) r.get(0)));
                    steps.add(new Step(keys, reader.position()));
                }
            }
        }
        return steps;
    }

    private static List<Long> keys(final List<Step> steps, final int from)
    {
        final List<Long> out = new ArrayList<>();
        for (int i = from; i < steps.size(); i++)
        {
            out.addAll(steps.get(i).keys());
        }
        return out;
    }

    private static List<Long> goodKeys(final int from)
    {
        final List<Long> out = new ArrayList<>();
        for (int i = from; i < 60; i++)
        {
            if (!bad(i))
            {
                out.add((long) i);
            }
        }
        return out;
    }

    @Test
    void aReaderReopenedAtAnyPositionContinuesExactlyAndSkipsEachBadRecordOnce()
    {
        final String topic = "positions-skip";
        KAFKA.get().createTopic(topic, 1);
        KafkaTesting.produce(KAFKA.get(), topic, mixed());
        final KafkaSource source = source(topic, KafkaSourceOptions.DEFAULT.skipBadRecords());
        final SourceSplit split = source.splits(1).get(0);
        final List<Step> full;
        final long badTotal = IntStream.range(0, 60).filter(KafkaSourcePositionTest::bad).count();
        try (PositionedReader reader = source.open(split, memory.allocator(), null))
        {
            assertArrayEquals(((KafkaPartitionReader) reader).position(), reader.position());
            full = drain(reader);
        }
        assertEquals(goodKeys(0), keys(full, 0));
        assertEquals(badTotal, source.skipped());
        assertTrue(full.size() >= 15 && full.stream().allMatch(s -> s.keys().size() <= 3), "batches of at most 3 rows");
        for (int cut = 0; cut < full.size(); cut++)
        {
            final byte[] position = full.get(cut).position();
            final long skippedBefore = source.skipped();
            final List<Step> rest;
            try (PositionedReader reader = source.open(split, memory.allocator(), position))
            {
                assertArrayEquals(position, reader.position(), "a reopened reader starts at the position");
                rest = drain(reader);
            }
            assertEquals(keys(full, cut + 1), keys(rest, 0), "rows after batch " + cut);
            final long badAfter = IntStream.range((int) nextOffset(position), 60).filter(KafkaSourcePositionTest::bad)
                .count();
            assertEquals(badAfter, source.skipped() - skippedBefore, "bad records after batch " + cut);
        }
    }

    /** The next offset inside a position (version byte, next, end). */
    private static long nextOffset(final byte[] position)
    {
        return java.nio.ByteBuffer.wrap(position, 1, 8).getLong();
    }

    @Test
    void deadLettersAroundACutAreProducedExactlyOnce()
    {
        final String topic = "positions-dlq";
        final String dlq = "positions-dlq-letters";
        KAFKA.get().createTopic(topic, 1);
        KAFKA.get().createTopic(dlq, 1);
        KafkaTesting.produce(KAFKA.get(), topic, mixed());
        final KafkaSource source = source(topic, KafkaSourceOptions.DEFAULT.deadLetter(dlq));
        final SourceSplit split = source.splits(1).get(0);
        final List<Long> keys = new ArrayList<>();
        // reader 1 returns [0, 1, 2]: the bad record 3 follows the cut
        final byte[] first;
        try (PositionedReader reader = source.open(split, memory.allocator(), null))
        {
            first = readOneBatch(reader, keys);
        }
        assertEquals(3, nextOffset(first));
        // reader 2 dead-letters 3, returns 4, dead-letters 5 and 6, returns 7 and 8; the rest of its poll stays unread
        final byte[] second;
        try (PositionedReader reader = source.open(split, memory.allocator(), first))
        {
            second = readOneBatch(reader, keys);
        }
        assertEquals(9, nextOffset(second));
        assertEquals(List.of(0L, 1L, 2L, 4L, 7L, 8L), keys);
        try (PositionedReader reader = source.open(split, memory.allocator(), second))
        {
            drain(reader).forEach(s -> keys.addAll(s.keys()));
        }
        assertEquals(goodKeys(0), keys);
        final List<Long> badOffsets = new ArrayList<>();
        for (int i = 0; i < 60; i++)
        {
            if (bad(i))
            {
                badOffsets.add((long) i);
            }
        }
        final List<ConsumerRecord<byte[], byte[]>> letters = KafkaTesting.readToEnd(KAFKA.get(), dlq, 1, false);
        final List<Long> lettered = letters.stream().map(r -> Long.parseLong(new String(
            r.headers().lastHeader(KafkaPartitionReader.OFFSET_HEADER).value(), StandardCharsets.UTF_8))).toList();
        assertEquals(badOffsets, lettered, "every bad record dead-lettered once, across the two readers");
    }

    private static byte[] readOneBatch(final PositionedReader reader, final List<Long> keys)
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline)
        {
            try (Batch b = reader.poll())
            {
                if (b != null)
                {
                    ArrowValues.rows(b).forEach(r -> keys.add((Long) r.get(0)));
                    return reader.position();
                }
            }
        }
        throw new AssertionError("no batch");
    }

    @Test
    void aFailingRecordAtThePositionFailsTheReopenedReaderAtTheSameOffset()
    {
        final String topic = "positions-fail";
        KAFKA.get().createTopic(topic, 1);
        KafkaTesting.produce(KAFKA.get(), topic, mixed());
        final KafkaSource source = source(topic, KafkaSourceOptions.DEFAULT);
        final SourceSplit split = source.splits(1).get(0);
        final byte[] position;
        try (PositionedReader reader = source.open(split, memory.allocator(), null))
        {
            final List<Long> keys = new ArrayList<>();
            final MalformedRecordException e = assertThrows(MalformedRecordException.class, () ->
            {
                while (true)
                {
                    try (Batch b = reader.poll())
                    {
                        if (b != null)
                        {
                            ArrowValues.rows(b).forEach(r -> keys.add((Long) r.get(0)));
                        }
                    }
                }
            });
            assertEquals(3, e.offset());
            assertEquals(List.of(0L, 1L, 2L), keys);
            position = reader.position();
        }
        assertEquals(3, nextOffset(position));
        try (PositionedReader reader = source.open(split, memory.allocator(), position))
        {
            final MalformedRecordException e = assertThrows(MalformedRecordException.class, () ->
            {
                while (true)
                {
                    try (Batch b = reader.poll())
                    {
                        assertNull(b, "no row comes before the bad record");
                    }
                }
            });
            assertEquals(3, e.offset());
        }
    }

    @Test
    void aBoundedReaderReopenedKeepsItsEndWhileAnUnboundedOneReadsOn() throws Exception
    {
        final String topic = "positions-bounded";
        KAFKA.get().createTopic(topic, 2);
        final List<Out> first = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            first.add(new Out(i % 2, event(i, i, i)));
        }
        KafkaTesting.produce(KAFKA.get(), topic, first);
        final KafkaSource bounded = source(topic, KafkaSourceOptions.DEFAULT);
        final SourceSplit split = bounded.splits(2).get(1);
        final byte[] position;
        try (PositionedReader reader = bounded.open(split, memory.allocator(), null))
        {
            Batch b = null;
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (b == null && System.nanoTime() < deadline)
            {
                b = reader.poll();
            }
            try (Batch batch = b)
            {
                assertEquals(List.of(1L, 3L, 5L), ArrowValues.rows(batch).stream().map(r -> (Long) r.get(0)).toList());
            }
            position = reader.position();
        }
        final List<Out> more = new ArrayList<>();
        for (int i = 20; i < 30; i++)
        {
            more.add(new Out(i % 2, event(i, i, i)));
        }
        KafkaTesting.produce(KAFKA.get(), topic, more);
        try (KafkaPartitionReader reader = bounded.open(split, memory.allocator(), position))
        {
            assertEquals(10, reader.endOffset(), "the end its first reader looked up");
            assertEquals(List.of(7L, 9L, 11L, 13L, 15L, 17L, 19L), keys(drain(reader), 0));
        }
        try (KafkaPartitionReader reader = bounded.open(split, memory.allocator(), null))
        {
            assertEquals(15, reader.endOffset(), "a fresh reader looks the end up");
        }
        final KafkaSource unbounded = source(topic, KafkaSourceOptions.DEFAULT.withBounded(false));
        try (KafkaPartitionReader reader = unbounded.open(split, memory.allocator(), position))
        {
            final List<Long> keys = new ArrayList<>();
            KafkaTesting.await("the unbounded reader's rows", () ->
            {
                try (Batch b = reader.poll())
                {
                    if (b != null)
                    {
                        ArrowValues.rows(b).forEach(r -> keys.add((Long) r.get(0)));
                    }
                }
                return keys.size() >= 12;
            });
            assertEquals(List.of(7L, 9L, 11L, 13L, 15L, 17L, 19L, 21L, 23L, 25L, 27L, 29L), keys);
            assertEquals(15, reader.nextOffset());
            assertTrue(!reader.finished());
        }
    }

    @Test
    void splitsAndPositionsRoundTripAndForeignBytesFailTyped() throws Exception
    {
        final String topic = "positions-codec";
        KAFKA.get().createTopic(topic, 3);
        final List<Out> records = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            records.add(new Out(2, event(i, i, i)));
        }
        KafkaTesting.produce(KAFKA.get(), topic, records);
        final KafkaSource source = source(topic, KafkaSourceOptions.DEFAULT);
        for (final SourceSplit split : source.splits(3))
        {
            assertEquals(split, source.decodeSplit(source.encodeSplit(split)));
        }
        final KafkaSource other = source("positions-other", KafkaSourceOptions.DEFAULT);
        final byte[] foreign = other.encodeSplit(new KafkaPartitionSplit("positions-other", 0));
        assertTrue(assertThrows(StateException.class, () -> source.decodeSplit(foreign)).getMessage()
            .contains("positions-other-0"));
        assertThrows(StateException.class, () -> source.decodeSplit(new byte[] {1, 0}));
        assertThrows(StateException.class, () -> source.decodeSplit(new byte[] {9, 0, 0, 0, 0}));
        final SourceSplit split = source.decodeSplit(source.encodeSplit(new KafkaPartitionSplit(topic, 2)));
        assertThrows(StateException.class, () -> source.open(split, memory.allocator(), new byte[] {1, 2, 3}));
        // records 0..4 deleted: a position at offset 2 can no longer be resumed without losing rows
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            KAFKA.get().bootstrapServers())))
        {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 2), RecordsToDelete.beforeOffset(5))).all().get();
        }
        final byte[] atTwo = java.nio.ByteBuffer.allocate(17).put((byte) 1).putLong(2).putLong(12).array();
        final StateException gone = assertThrows(StateException.class,
            () -> source.open(split, memory.allocator(), atTwo));
        assertTrue(gone.getMessage().contains("offset 2") && gone.getMessage().contains("earliest offset still in " +
            "the log is 5"), gone.getMessage());
        final byte[] atSeven = java.nio.ByteBuffer.allocate(17).put((byte) 1).putLong(7).putLong(12).array();
        try (PositionedReader reader = source.open(split, memory.allocator(), atSeven))
        {
            assertEquals(List.of(7L, 8L, 9L, 10L, 11L), keys(drain(reader), 0));
        }
    }
}
