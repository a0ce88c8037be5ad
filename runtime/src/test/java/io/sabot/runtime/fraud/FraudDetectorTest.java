package io.sabot.runtime.fraud;

import io.sabot.common.StateException;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fraud detector's flat state: transactions arriving out of order (shuffled within the watermark bound) give
 * the brute-force reference's alerts; the state serializer round-trips random states exactly (the restored state
 * goes on to raise the same alerts) and rejects bytes that do not fit; an unknown city is a typed error; the
 * projected transaction generator fills exactly the full generator's values.
 */
class FraudDetectorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Object[] row(final long i, final long accounts)
    {
        final long a = Transactions.account(i, accounts);
        final int c = Transactions.city(i, a);
        return new Object[] {i, a, a / 2, BigDecimal.valueOf(Transactions.amountCents(i, a), 2), "EUR", "PURCHASE",
            Cities.name(c), "CARD", "XX", Transactions.eventTime(i), 0L};
    }

    @Test
    void outOfOrderArrivalsGiveTheReferenceAlerts()
    {
        final long transactions = 30_000;
        final long accounts = 150;
        final List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < transactions; i++)
        {
            rows.add(row(i, accounts));
        }
        // shuffled within blocks of 50 (1 s of event time), the watermark bound is 2 s: nothing is late
        final Random random = new Random(7);
        for (int from = 0; from < rows.size(); from += 50)
        {
            Collections.shuffle(rows.subList(from, Math.min(rows.size(), from + 50)), random);
        }
        for (final int parallelism : new int[] {1, 2})
        {
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(700)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                env.from(Sources.rows(Transactions.SCHEMA, rows, 900)).withEventTime("event_time",
                    java.time.Duration.ofSeconds(2)).keyBy("account").process(FraudDetector::new,
                    FraudDetector.ALERTS).writeTo(sink);
                env.execute("fraud-shuffled");
                final List<List<Object>> actual = new ArrayList<>();
                for (final List<Object> r : sink.rows())
                {
                    actual.add(List.of(r.get(4), r.get(1), r.get(2), r.get(5)));
                }
                actual.sort(Comparator.comparing(Object::toString));
                assertEquals(FraudJobTest.reference(transactions, accounts), actual, "parallelism " + parallelism);
            }
        }
    }

    @Test
    void theSerializerRoundTripsRandomStatesThatThenRaiseTheSameAlerts()
    {
        final Random random = new Random(11);
        for (int round = 0; round < 300; round++)
        {
            final FraudDetector.Pending state = new FraudDetector.Pending();
            long time = random.nextInt(1000);
            final int applied = random.nextInt(40);
            final int waiting = random.nextInt(12);
            for (int t = 0; t < applied + waiting; t++)
            {
                time += random.nextInt(40_000);
                final long cents = 1000 + random.nextInt(5000) * (random.nextInt(20) == 0 ? 30 : 1);
                final int city = random.nextInt(3) == 0 ? random.nextInt(Cities.COUNT) : 0;
                if (t < applied)
                {
                    FraudRules.apply(state, t, time, cents, city, (a, b, c, d, e) -> { });
                }
                else
                {
                    // enqueued in reverse order: exercises the in-place insertion
                    state.enqueue(10_000 - t, time - 2 * (t - applied) * 1000, cents, city, t);
                }
            }
            final byte[] bytes = FraudDetector.PendingSerializer.INSTANCE.serialize(state);
            final FraudDetector.Pending restored = FraudDetector.PendingSerializer.INSTANCE.deserialize(bytes);
            assertArrayEquals(bytes, FraudDetector.PendingSerializer.INSTANCE.serialize(restored));
            assertEquals(waiting, restored.waitingCount);
            for (int w = 1; w < restored.waitingCount; w++)
            {
                assertTrue(restored.waitingTime(w - 1) < restored.waitingTime(w) || restored.waitingTime(w - 1) ==
                    restored.waitingTime(w) && restored.waitingId(w - 1) < restored.waitingId(w), "waiting in order");
            }
            // draining the waiting ones in order through the rules keeps both equal too
            final List<String> drained = new ArrayList<>();
            final List<String> drainedRestored = new ArrayList<>();
            drain(state, drained);
            drain(restored, drainedRestored);
            assertEquals(drained, drainedRestored);
            // both go on with the same transactions: the same alerts, the same bytes
            final List<String> a = new ArrayList<>();
            final List<String> b = new ArrayList<>();
            for (int t = 0; t < 10; t++)
            {
                time += random.nextInt(30_000);
                final long cents = 1000 + random.nextInt(100_000);
                final int city = random.nextInt(Cities.COUNT);
                FraudRules.apply(state, 50_000 + t, time, cents, city, (type, i, sev, rel, det) ->
                    a.add(type + sev + rel + det));
                FraudRules.apply(restored, 50_000 + t, time, cents, city, (type, i, sev, rel, det) ->
                    b.add(type + sev + rel + det));
            }
            assertEquals(a, b);
            assertArrayEquals(FraudDetector.PendingSerializer.INSTANCE.serialize(state),
                FraudDetector.PendingSerializer.INSTANCE.serialize(restored));
            final byte[] cut = Arrays.copyOf(bytes, bytes.length - 1 - random.nextInt(8));
            assertThrows(StateException.class, () -> FraudDetector.PendingSerializer.INSTANCE.deserialize(cut));
            final byte[] longer = Arrays.copyOf(bytes, bytes.length + 4);
            assertThrows(StateException.class, () -> FraudDetector.PendingSerializer.INSTANCE.deserialize(longer));
        }
    }

    private static void drain(final FraudDetector.Pending p, final List<String> alerts)
    {
        while (p.waitingCount > 0)
        {
            final long id = p.headId;
            final long time = p.headTime;
            final long cents = p.headCents;
            final int city = p.headCity;
            p.pollHead();
            FraudRules.apply(p, id, time, cents, city, (type, i, sev, rel, det) -> alerts.add(type + sev + rel + det));
        }
    }

    @Test
    void anUnknownCityIsATypedErrorNamingIt()
    {
        final List<Object[]> rows = new ArrayList<>();
        rows.add(row(0, 10));
        final Object[] bad = row(1, 10);
        bad[6] = "Atlantis";
        rows.add(bad);
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            env.from(Sources.rows(Transactions.SCHEMA, rows)).withEventTime("event_time",
                java.time.Duration.ofSeconds(1)).keyBy("account").process(FraudDetector::new, FraudDetector.ALERTS)
                .writeTo(Sinks.collect());
            final Throwable failure = assertThrows(RuntimeException.class, () -> env.execute("fraud-bad-city"));
            Throwable t = failure;
            while (t != null && !(t instanceof io.sabot.common.DataException))
            {
                t = t.getCause();
            }
            assertTrue(t != null && t.getMessage().contains("Atlantis"), String.valueOf(failure));
        }
    }

    @Test
    void theProjectedGeneratorFillsTheFullGeneratorsValues()
    {
        final BufferAllocator allocator = memory.allocator();
        final RowGenerator full = Transactions.generator(1000);
        final List<Field> fields = Transactions.SCHEMA.getFields();
        final Random random = new Random(3);
        for (int round = 0; round < 20; round++)
        {
            final List<Integer> kept = new ArrayList<>();
            for (int c = 0; c < fields.size(); c++)
            {
                if (random.nextBoolean())
                {
                    kept.add(c);
                }
            }
            if (kept.isEmpty() || kept.size() == fields.size())
            {
                continue;
            }
            final RowGenerator projected = full.project(kept.stream().mapToInt(Integer::intValue).toArray());
            final long first = random.nextInt(1_000_000);
            final List<FieldVector> all = vectors(fields, allocator);
            final List<FieldVector> some = vectors(kept.stream().map(fields::get).toList(), allocator);
            try
            {
                full.fill(first, 500, all);
                projected.fill(first, 500, some);
                for (int k = 0; k < kept.size(); k++)
                {
                    final String name = fields.get(kept.get(k)).getName();
                    if (name.equals("ingest_nanos"))
                    {
                        continue;
                    }
                    for (int r = 0; r < 500; r++)
                    {
                        assertEquals(all.get(kept.get(k)).getObject(r), some.get(k).getObject(r), name + " row " + r);
                    }
                }
            }
            finally
            {
                all.forEach(FieldVector::close);
                some.forEach(FieldVector::close);
            }
        }
    }

    private static List<FieldVector> vectors(final List<Field> fields, final BufferAllocator allocator)
    {
        final List<FieldVector> out = new ArrayList<>();
        for (final Field f : fields)
        {
            final FieldVector v = f.createVector(allocator);
            v.setInitialCapacity(500);
            v.allocateNew();
            out.add(v);
        }
        out.forEach(v -> v.setValueCount(500));
        return out;
    }
}
