package io.sabot.runtime.fraud;

import java.util.Arrays;
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
 * <p>Thread-safety: stateless; the state is the caller's {@link Account}. Nothing is allocated per transaction
 * unless it raises an alert (the alert's strings).
 */
final class FraudRules
{
    static final long VELOCITY_WINDOW_MS = 60_000;
    static final int VELOCITY_COUNT = 3;
    static final int ANOMALY_MIN_HISTORY = 5;
    static final long GEO_WINDOW_MS = 10 * 60_000;

    /** Alert types, in rule order; an alert's id is transaction id * 3 + its type's index. */
    static final String VELOCITY = "VELOCITY";
    static final String AMOUNT_ANOMALY = "AMOUNT_ANOMALY";
    static final String IMPOSSIBLE_GEOGRAPHY = "IMPOSSIBLE_GEOGRAPHY";

    private FraudRules()
    {
    }

    /** Receives the alerts a transaction raises. */
    interface Alerts
    {
        /**
         * @param type     {@link #VELOCITY}, {@link #AMOUNT_ANOMALY} or {@link #IMPOSSIBLE_GEOGRAPHY}.
         * @param index    the type's index (0, 1, 2).
         * @param severity HIGH or CRITICAL.
         * @param related  related transaction ids, comma-separated.
         * @param details  a human-readable explanation.
         */
        void alert(String type, int index, String severity, String related, String details);
    }

    /**
     * One account's running state, flat: the Welford moments, the previous transaction's id, time and city, and the
     * velocity window. The window's newest member is always the previous transaction (the fields), so only its
     * older members live in an array, touched only when transactions come within 60 s of each other (bursts): a
     * typical transaction reads and writes this object alone.
     *
     * <pre>
     *   recent: long[] ... | id | time | id | time | ...   window members before the previous transaction,
     *           oldest first: live pairs [recentFirst, recentFirst + recentCount)
     * </pre>
     */
    static class Account
    {
        long[] recent;
        int recentFirst;
        int recentCount;
        long count;
        double mean;
        double m2;
        boolean hasLast;
        long lastId;
        long lastTime;
        int lastCity;

        /** Appends (id, time) to the velocity window (compacting or growing the array when its end is reached). */
        final void addRecent(final long id, final long time)
        {
            if (recent == null)
            {
                recent = new long[8];
            }
            else if (2 * (recentFirst + recentCount) == recent.length)
            {
                if (recentFirst > 0)
                {
                    System.arraycopy(recent, 2 * recentFirst, recent, 0, 2 * recentCount);
                    recentFirst = 0;
                }
                else
                {
                    recent = Arrays.copyOf(recent, recent.length * 2);
                }
            }
            final int at = 2 * (recentFirst + recentCount);
            recent[at] = id;
            recent[at + 1] = time;
            recentCount++;
        }
    }

    /**
     * @param account the account's state, updated.
     * @param id      the next transaction in event-time order: its id,
     * @param time    event time (ms),
     * @param cents   amount in cents,
     * @param city    city index ({@link Cities}).
     * @param alerts  receives the alerts it raises (possibly none), in rule order.
     */
    static void apply(final Account account, final long id, final long time, final long cents, final int city,
        final Alerts alerts)
    {
        // the window: members after time - 60 s, then this transaction
        final long cutoff = time - VELOCITY_WINDOW_MS;
        if (account.hasLast && account.lastTime > cutoff)
        {
            while (account.recentCount > 0 && account.recent[2 * account.recentFirst + 1] <= cutoff)
            {
                account.recentFirst++;
                account.recentCount--;
            }
            if (account.recentCount == 0)
            {
                account.recentFirst = 0;
            }
            // the previous transaction stays in the window: it joins the older members
            account.addRecent(account.lastId, account.lastTime);
        }
        else if (account.recentCount > 0)
        {
            // the older members are older still than the previous transaction, which left the window
            account.recentFirst = 0;
            account.recentCount = 0;
        }
        final int window = account.recentCount + 1;
        if (window >= VELOCITY_COUNT)
        {
            final StringBuilder ids = new StringBuilder();
            for (int i = 0; i < account.recentCount; i++)
            {
                ids.append(account.recent[2 * (account.recentFirst + i)]).append(',');
            }
            ids.append(id);
            alerts.alert(VELOCITY, 0, "HIGH", ids.toString(), window + " transactions within 60 s");
        }
        final double amount = cents / 100.0;
        if (account.count >= ANOMALY_MIN_HISTORY)
        {
            final double sd = Math.sqrt(account.m2 / (account.count - 1));
            if (sd > 0)
            {
                final double z = (amount - account.mean) / sd;
                if (Math.abs(z) > 3)
                {
                    alerts.alert(AMOUNT_ANOMALY, 1, Math.abs(z) > 4 ? "CRITICAL" : "HIGH", Long.toString(id),
                        String.format(Locale.ROOT, "amount %.2f, z %.2f against mean %.2f, sd %.2f over %d " +
                            "transactions", amount, z, account.mean, sd, account.count));
                }
            }
        }
        account.count++;
        final double delta = amount - account.mean;
        account.mean += delta / account.count;
        account.m2 += delta * (amount - account.mean);
        if (account.hasLast && account.lastCity != city && time - account.lastTime <= GEO_WINDOW_MS)
        {
            alerts.alert(IMPOSSIBLE_GEOGRAPHY, 2, "HIGH", account.lastId + "," + id,
                String.format(Locale.ROOT, "%s to %s: %.0f km in %d s", Cities.name(account.lastCity),
                    Cities.name(city), Cities.distanceKm(account.lastCity, city), (time - account.lastTime) / 1000));
        }
        account.hasLast = true;
        account.lastId = id;
        account.lastTime = time;
        account.lastCity = city;
    }
}
