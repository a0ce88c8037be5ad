package io.sabot.runtime.fraud;

import io.sabot.runtime.source.RowGenerator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Bank transactions: the schema and a deterministic generator (transaction i is a pure function of i, so any range
 * generates the same rows on any worker).
 *
 * <pre>
 *   transaction_id int64 | account int64 | user_id int64 | amount decimal(12,2) | currency utf8 | type utf8 |
 *   city utf8 | payment_method utf8 | country utf8 | event_time int64 (ms) | ingest_nanos int64 (System.nanoTime at
 *   generation, for end-to-end latency)
 *
 *   event time:   i * 20 ms (50 transactions per second of event time)
 *   account:      splitmix64(i) mod accounts; transactions 5000k, +1, +2 form a burst of one account 20 ms apart
 *                 (the third from another city)
 *   amount:       the account's base (20..520) x (0.5..1.5); one in 2000 is 20x
 *   city:         the account's home city; one in 300 another
 * </pre>
 */
public final class Transactions
{
    /** The columns. */
    public static final Schema SCHEMA = new Schema(List.of(
        Field.notNullable("transaction_id", new ArrowType.Int(64, true)),
        Field.notNullable("account", new ArrowType.Int(64, true)),
        Field.notNullable("user_id", new ArrowType.Int(64, true)),
        Field.notNullable("amount", new ArrowType.Decimal(12, 2, 128)),
        Field.notNullable("currency", ArrowType.Utf8.INSTANCE),
        Field.notNullable("type", ArrowType.Utf8.INSTANCE),
        Field.notNullable("city", ArrowType.Utf8.INSTANCE),
        Field.notNullable("payment_method", ArrowType.Utf8.INSTANCE),
        Field.notNullable("country", ArrowType.Utf8.INSTANCE),
        Field.notNullable("event_time", new ArrowType.Int(64, true)),
        Field.notNullable("ingest_nanos", new ArrowType.Int(64, true))));

    /** Transactions per burst period (every period starts with a three-transaction burst). */
    static final long BURST_PERIOD = 5000;

    private static final byte[][] TYPES = bytes("PURCHASE", "WITHDRAWAL", "TRANSFER", "DEPOSIT");
    private static final byte[][] METHODS = bytes("CARD", "MOBILE", "ONLINE", "BRANCH");
    private static final byte[][] CURRENCIES = bytes("EUR", "USD", "GBP");

    private Transactions()
    {
    }

    private static byte[][] bytes(final String... values)
    {
        final byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++)
        {
            out[i] = values[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    static long mix(final long v)
    {
        long x = v + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** @param i transaction. @param accounts accounts. @return its account. */
    static long account(final long i, final long accounts)
    {
        final long phase = i % BURST_PERIOD;
        return phase < 3 ? Long.remainderUnsigned(mix(~(i / BURST_PERIOD)), accounts) :
            Long.remainderUnsigned(mix(i), accounts);
    }

    /** @param i transaction. @param account its account. @return its city index. */
    static int city(final long i, final long account)
    {
        final int home = (int)Long.remainderUnsigned(mix(account * 31 + 7), Cities.COUNT);
        final long m = mix(i ^ 0x5DEECE66DL);
        final boolean away = i % BURST_PERIOD == 2 || Long.remainderUnsigned(m, 300) == 0;
        return away ? (home + 1 + (int)Long.remainderUnsigned(m >>> 16, Cities.COUNT - 1)) % Cities.COUNT : home;
    }

    /** @param i transaction. @param account its account. @return the amount in cents. */
    static long amountCents(final long i, final long account)
    {
        final long base = 2000 + Long.remainderUnsigned(mix(account * 13 + 1), 50_000);
        final long m = mix(i * 3 + 1);
        final long cents = base / 2 + Long.remainderUnsigned(m, base);
        return Long.remainderUnsigned(m >>> 32, 2000) == 0 ? cents * 20 : cents;
    }

    /** @param i transaction. @return its event time, ms. */
    static long eventTime(final long i)
    {
        return i * 20;
    }

    /**
     * @param accounts how many accounts.
     * @return the generator of transactions.
     */
    public static RowGenerator generator(final long accounts)
    {
        return (first, count, columns) ->
        {
            final long now = System.nanoTime();
            final BigIntVector id = (BigIntVector)columns.get(0);
            final BigIntVector account = (BigIntVector)columns.get(1);
            final BigIntVector user = (BigIntVector)columns.get(2);
            final DecimalVector amount = (DecimalVector)columns.get(3);
            final VarCharVector currency = (VarCharVector)columns.get(4);
            final VarCharVector type = (VarCharVector)columns.get(5);
            final VarCharVector city = (VarCharVector)columns.get(6);
            final VarCharVector method = (VarCharVector)columns.get(7);
            final VarCharVector country = (VarCharVector)columns.get(8);
            final BigIntVector time = (BigIntVector)columns.get(9);
            final BigIntVector ingest = (BigIntVector)columns.get(10);
            for (int r = 0; r < count; r++)
            {
                final long i = first + r;
                final long a = account(i, accounts);
                final int c = city(i, a);
                final long m = mix(i * 7 + 3);
                id.set(r, i);
                account.set(r, a);
                user.set(r, a / 2);
                amount.set(r, amountCents(i, a));
                currency.setSafe(r, CURRENCIES[(int)Long.remainderUnsigned(a, CURRENCIES.length)]);
                type.setSafe(r, TYPES[(int)Long.remainderUnsigned(m, TYPES.length)]);
                city.setSafe(r, Cities.NAMES[c]);
                method.setSafe(r, METHODS[(int)Long.remainderUnsigned(m >>> 8, METHODS.length)]);
                country.setSafe(r, Cities.COUNTRIES[c]);
                time.set(r, eventTime(i));
                ingest.set(r, now);
            }
        };
    }
}
