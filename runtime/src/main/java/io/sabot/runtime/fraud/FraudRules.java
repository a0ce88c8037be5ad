package io.sabot.runtime.fraud;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three rules, applied to one account's transactions in event-time order (ties by transaction id).
 *
 * <ul>
 *   <li>VELOCITY (HIGH): the transaction makes at least 3 within 60 s (the last 60,000 ms up to and including it).</li>
 *   <li>AMOUNT_ANOMALY: after at least 5 earlier transactions, |z| &gt; 3 against their running mean and sample
 *       standard deviation (Welford); CRITICAL above 4, else HIGH.</li>
 *   <li>IMPOSSIBLE_GEOGRAPHY (HIGH): another city than the previous transaction's within 10 minutes; the details
 *       give the haversine distance.</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; the state is the caller's {@link Account}.
 */
final class FraudRules
{
    static final long VELOCITY_WINDOW_MS = 60_000;
    static final int VELOCITY_COUNT = 3;
    static final int ANOMALY_MIN_HISTORY = 5;
    static final long GEO_WINDOW_MS = 10 * 60_000;

    private FraudRules()
    {
    }

    /** A transaction as the rules see it. */
    record Tx(long id, long eventTime, long amountCents, int city, long ingestNanos)
    {
    }

    /** An alert. */
    record Alert(String type, String severity, long transactionId, String related, String details)
    {
    }

    /** One account's running state. */
    static class Account
    {
        final ArrayDeque<Tx> recent = new ArrayDeque<>();
        long count;
        double mean;
        double m2;
        Tx last;
    }

    /**
     * @param account the account's state, updated.
     * @param tx      its next transaction in event-time order.
     * @return the alerts it raises (possibly none), in rule order.
     */
    static List<Alert> apply(final Account account, final Tx tx)
    {
        List<Alert> alerts = null;
        while (!account.recent.isEmpty() && account.recent.peekFirst().eventTime() <= tx.eventTime() -
            VELOCITY_WINDOW_MS)
        {
            account.recent.pollFirst();
        }
        account.recent.addLast(tx);
        if (account.recent.size() >= VELOCITY_COUNT)
        {
            final StringBuilder ids = new StringBuilder();
            for (final Tx t : account.recent)
            {
                ids.append(ids.isEmpty() ? "" : ",").append(t.id());
            }
            alerts = add(alerts, new Alert("VELOCITY", "HIGH", tx.id(), ids.toString(),
                account.recent.size() + " transactions within 60 s"));
        }
        final double amount = tx.amountCents() / 100.0;
        if (account.count >= ANOMALY_MIN_HISTORY)
        {
            final double sd = Math.sqrt(account.m2 / (account.count - 1));
            if (sd > 0)
            {
                final double z = (amount - account.mean) / sd;
                if (Math.abs(z) > 3)
                {
                    alerts = add(alerts, new Alert("AMOUNT_ANOMALY", Math.abs(z) > 4 ? "CRITICAL" : "HIGH", tx.id(),
                        Long.toString(tx.id()), String.format(Locale.ROOT,
                        "amount %.2f, z %.2f against mean %.2f, sd %.2f over %d transactions", amount, z,
                        account.mean, sd, account.count)));
                }
            }
        }
        account.count++;
        final double delta = amount - account.mean;
        account.mean += delta / account.count;
        account.m2 += delta * (amount - account.mean);
        final Tx previous = account.last;
        if (previous != null && previous.city() != tx.city() &&
            tx.eventTime() - previous.eventTime() <= GEO_WINDOW_MS)
        {
            alerts = add(alerts, new Alert("IMPOSSIBLE_GEOGRAPHY", "HIGH", tx.id(), previous.id() + "," + tx.id(),
                String.format(Locale.ROOT, "%s to %s: %.0f km in %d s", Cities.name(previous.city()),
                    Cities.name(tx.city()), Cities.distanceKm(previous.city(), tx.city()),
                    (tx.eventTime() - previous.eventTime()) / 1000)));
        }
        account.last = tx;
        return alerts == null ? List.of() : alerts;
    }

    private static List<Alert> add(final List<Alert> alerts, final Alert alert)
    {
        final List<Alert> out = alerts == null ? new ArrayList<>(2) : alerts;
        out.add(alert);
        return out;
    }
}
