package io.sabot.runtime.connector.kafka;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.connector.kafka.KafkaTesting.Out;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kafka sink against a real in-process broker: a job reads a topic (bounded) and writes every row to another
 * topic through {@link KafkaSink}; a plain consumer reads the JSON back and every value is checked exactly (decimals
 * as exact JSON numbers with their scale, timestamps as epoch milliseconds, dates ISO, nulls, multibyte strings, keys).
 */
class KafkaSinkTest
{
    @RegisterExtension
    static final EmbeddedKafka.Shared KAFKA = new EmbeddedKafka.Shared();

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void aJobWritesRowsAsJsonThatReadsBackExactly() throws Exception
    {
        final EmbeddedKafka kafka = KAFKA.get();
        final String in = "sink-in";
        final String out = "sink-out";
        final int n = 2000;
        kafka.createTopic(in, 2);
        kafka.createTopic(out, 3);
        final List<Out> records = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            records.add(new Out(i % 2, KafkaSourceTest.json(i)));
        }
        KafkaTesting.produce(kafka, in, records);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator()).build())
        {
            final KafkaSink sink = Kafka.sink(kafka.bootstrapServers(), out,
                KafkaSinkOptions.DEFAULT.withKeyColumn("id").withProducerProperties(Map.of("linger.ms", "5")));
            env.from(Kafka.source(kafka.bootstrapServers(), in, KafkaSourceTest.ALL_TYPES)).writeTo(sink);
            env.execute("kafka sink");
        }
        final List<ConsumerRecord<byte[], byte[]>> back = KafkaTesting.readAll(kafka, out, 3, n);
        assertEquals(n, back.size());
        final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        final Set<Long> ids = new HashSet<>();
        final List<String> names = List.of("id", "qty", "price", "name", "ok", "day", "ts", "score", "big");
        for (final ConsumerRecord<byte[], byte[]> r : back)
        {
            final String text = new String(r.value(), StandardCharsets.UTF_8);
            final JsonNode node = json.readTree(text);
            final long id = node.get("id").asLong();
            assertTrue(ids.add(id), "once: " + id);
            assertEquals(Long.toString(id), new String(r.key(), StandardCharsets.UTF_8), "key");
            final List<Object> expected = KafkaSourceTest.expected((int) id);
            final List<Object> actual = Arrays.asList(node.get("id").longValue(),
                node.get("qty").isNull() ? null : node.get("qty").intValue(),
                node.get("price").isNull() ? null : node.get("price").decimalValue().setScale(2),
                node.get("name").isNull() ? null : node.get("name").textValue(),
                node.get("ok").booleanValue(),
                LocalDate.parse(node.get("day").textValue()),
                LocalDateTime.ofEpochSecond(Math.floorDiv(node.get("ts").longValue(), 1000), 0, ZoneOffset.UTC),
                node.get("score").doubleValue(),
                node.get("big").decimalValue().setScale(4));
            assertEquals(expected, actual, text);
            assertEquals(names, iterator(node), "every column, in schema order, nulls written: " + text);
            // the tree normalizes decimals; the text has exactly the column's scale, as a JSON number
            if (expected.get(2) != null)
            {
                assertTrue(text.contains("\"price\":" + ((BigDecimal) expected.get(2)).toPlainString() + ","), text);
            }
            assertTrue(text.contains("\"big\":" + ((BigDecimal) expected.get(8)).toPlainString() + "}"), text);
            assertTrue(text.contains("\"ts\":" + (1_700_000_000L + id) * 1000 + ","), text);
        }
        assertEquals(n, ids.size());
    }

    private static List<String> iterator(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
