package io.sabot.runtime.fraud;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fraud job against a brute-force reference written independently of {@code FraudRules} (every account's
 * transactions sorted, each rule recomputed from scratch per transaction), at parallelism 1 and 2: the same alerts
 * (transaction, type, severity, related transactions), whatever the arrival order.
 */
class FraudJobTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final long TRANSACTIONS = 80_000;
    private static final long ACCOUNTS = 400;

    /** transaction_id, type, severity, related. */
    private static List<List<Object>> reference()
    {
        return reference(TRANSACTIONS, ACCOUNTS);
    }

    /**
     * @param transactions how many (0 .. n-1). @param accounts accounts.
     * @return transaction_id, type, severity, related of every alert, sorted by their string form.
     */
    static List<List<Object>> reference(final long transactions, final long accounts)
    {
        final long TRANSACTIONS = transactions;
        final long ACCOUNTS = accounts;
        final Map<Long, List<long[]>> byAccount = new HashMap<>();
        for (long i = 0; i < TRANSACTIONS; i++)
        {
            final long a = Transactions.account(i, ACCOUNTS);
            byAccount.computeIfAbsent(a, k -> new ArrayList<>()).add(new long[] {Transactions.eventTime(i), i,
                Transactions.amountCents(i, a), Transactions.city(i, a)});
        }
        final List<List<Object>> alerts = new ArrayList<>();
        for (final List<long[]> txs : byAccount.values())
        {
            txs.sort(Comparator.<long[]>comparingLong(t -> t[0]).thenComparingLong(t -> t[1]));
            for (int k = 0; k < txs.size(); k++)
            {
                final long[] tx = txs.get(k);
                final TreeSet<Long> window = new TreeSet<>();
                for (int j = 0; j <= k; j++)
                {
                    if (txs.get(j)[0] > tx[0] - 60_000)
                    {
                        window.add(txs.get(j)[1]);
                    }
                }
                if (window.size() >= 3)
                {
                    alerts.add(List.of(tx[1], "VELOCITY", "HIGH", join(window)));
                }
                if (k >= 5)
                {
                    double mean = 0;
                    for (int j = 0; j < k; j++)
                    {
                        mean += txs.get(j)[2] / 100.0;
                    }
                    mean /= k;
                    double squares = 0;
                    for (int j = 0; j < k; j++)
                    {
                        final double d = txs.get(j)[2] / 100.0 - mean;
                        squares += d * d;
                    }
                    final double sd = Math.sqrt(squares / (k - 1));
                    final double z = (tx[2] / 100.0 - mean) / sd;
                    if (sd > 0 && Math.abs(z) > 3)
                    {
                        alerts.add(List.of(tx[1], "AMOUNT_ANOMALY", Math.abs(z) > 4 ? "CRITICAL" : "HIGH",
                            Long.toString(tx[1])));
                    }
                }
                if (k > 0)
                {
                    final long[] previous = txs.get(k - 1);
                    if (previous[3] != tx[3] && tx[0] - previous[0] <= 600_000)
                    {
                        alerts.add(List.of(tx[1], "IMPOSSIBLE_GEOGRAPHY", "HIGH", previous[1] + "," + tx[1]));
                    }
                }
            }
        }
        alerts.sort(Comparator.comparing(Object::toString));
        return alerts;
    }

    private static String join(final TreeSet<Long> ids)
    {
        final StringBuilder sb = new StringBuilder();
        for (final long id : ids)
        {
            sb.append(sb.isEmpty() ? "" : ",").append(id);
        }
        return sb.toString();
    }

    @Test
    void alertsEqualTheBruteForceReferenceAtParallelismOneAndTwo()
    {
        final List<List<Object>> expected = reference();
        final Map<Object, Long> types = new HashMap<>();
        expected.forEach(a -> types.merge(a.get(1), 1L, Long::sum));
        assertTrue(types.size() == 3 && types.values().stream().allMatch(n -> n >= 10),
            "every rule fires in the reference data: " + types);
        for (final int parallelism : new int[] {1, 2})
        {
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(parallelism).morselRows(1500)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                FraudJob.alerts(env, TRANSACTIONS, ACCOUNTS, 0).writeTo(sink);
                env.execute("fraud");
                final List<List<Object>> actual = new ArrayList<>();
                for (final List<Object> row : sink.rows())
                {
                    // alert_id, type, severity, account, transaction_id, related, details, event_time, ingest
                    assertEquals((Long)row.get(4) * 3 + List.of("VELOCITY", "AMOUNT_ANOMALY",
                        "IMPOSSIBLE_GEOGRAPHY").indexOf(row.get(1)), row.get(0));
                    actual.add(List.of(row.get(4), row.get(1), row.get(2), row.get(5)));
                }
                actual.sort(Comparator.comparing(Object::toString));
                assertEquals(expected, actual, "parallelism " + parallelism);
            }
        }
    }

    @Test
    void theJobRunsFromItsArgumentsAndReportsThroughputAndLatency()
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .build())
        {
            final FraudJob.Result result = FraudJob.run(env, 50_000, 300, 0, null);
            assertEquals(50_000, result.transactions());
            assertTrue(result.alertsByType().keySet().containsAll(List.of("VELOCITY", "AMOUNT_ANOMALY",
                "IMPOSSIBLE_GEOGRAPHY")), result.alertsByType().toString());
            assertTrue(result.latencyMs(50) >= 0 && result.latencyMs(99) >= result.latencyMs(50));
        }
    }
}
