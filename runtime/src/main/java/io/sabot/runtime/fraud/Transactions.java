package io.sabot.runtime.fraud;

import io.sabot.runtime.source.RowGenerator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
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
     * @return the generator of transactions; it can generate any subset of the columns
     * ({@link RowGenerator#project}), with the same values.
     */
    public static RowGenerator generator(final long accounts)
    {
        final int[] all = new int[SCHEMA.getFields().size()];
        for (int c = 0; c < all.length; c++)
        {
            all[c] = c;
        }
        return new Generator(accounts, all);
    }

    /**
     * Fills the columns it was projected to. Stateless apart from its configuration: thread-safe.
     */
    private static final class Generator implements RowGenerator
    {
        private static final int ID = 0;
        private static final int ACCOUNT = 1;
        private static final int USER = 2;
        private static final int AMOUNT = 3;
        private static final int CURRENCY = 4;
        private static final int TYPE = 5;
        private static final int CITY = 6;
        private static final int METHOD = 7;
        private static final int COUNTRY = 8;
        private static final int TIME = 9;
        private static final int INGEST = 10;

        private final long accounts;
        /** Schema column -> position in the filled list, or -1 when not generated. */
        private final int[] slot = new int[11];
        private final int[] columns;

        Generator(final long accounts, final int[] columns)
        {
            this.accounts = accounts;
            this.columns = columns.clone();
            java.util.Arrays.fill(slot, -1);
            for (int i = 0; i < columns.length; i++)
            {
                slot[columns[i]] = i;
            }
        }

        @Override
        public RowGenerator project(final int[] kept)
        {
            final int[] schemaColumns = new int[kept.length];
            for (int i = 0; i < kept.length; i++)
            {
                schemaColumns[i] = columns[kept[i]];
            }
            return new Generator(accounts, schemaColumns);
        }

        private static <V> V column(final List<FieldVector> columns, final int slot)
        {
            @SuppressWarnings("unchecked")
            final V v = slot < 0 ? null : (V)columns.get(slot);
            return v;
        }

        @Override
        public void fill(final long first, final int count, final List<FieldVector> vectors)
        {
            final long now = System.nanoTime();
            final BigIntVector id = column(vectors, slot[ID]);
            final BigIntVector account = column(vectors, slot[ACCOUNT]);
            final BigIntVector user = column(vectors, slot[USER]);
            final DecimalVector amount = column(vectors, slot[AMOUNT]);
            final VarCharVector currency = column(vectors, slot[CURRENCY]);
            final VarCharVector type = column(vectors, slot[TYPE]);
            final VarCharVector city = column(vectors, slot[CITY]);
            final VarCharVector method = column(vectors, slot[METHOD]);
            final VarCharVector country = column(vectors, slot[COUNTRY]);
            final BigIntVector time = column(vectors, slot[TIME]);
            final BigIntVector ingest = column(vectors, slot[INGEST]);
            final boolean needsCity = city != null || country != null;
            final boolean needsMix = type != null || method != null;
            for (int r = 0; r < count; r++)
            {
                final long i = first + r;
                final long a = account(i, accounts);
                if (id != null)
                {
                    id.set(r, i);
                }
                if (account != null)
                {
                    account.set(r, a);
                }
                if (user != null)
                {
                    user.set(r, a / 2);
                }
                if (amount != null)
                {
                    amount.set(r, amountCents(i, a));
                }
                if (currency != null)
                {
                    currency.setSafe(r, CURRENCIES[(int)Long.remainderUnsigned(a, CURRENCIES.length)]);
                }
                if (needsMix)
                {
                    final long m = mix(i * 7 + 3);
                    if (type != null)
                    {
                        type.setSafe(r, TYPES[(int)Long.remainderUnsigned(m, TYPES.length)]);
                    }
                    if (method != null)
                    {
                        method.setSafe(r, METHODS[(int)Long.remainderUnsigned(m >>> 8, METHODS.length)]);
                    }
                }
                if (needsCity)
                {
                    final int c = city(i, a);
                    if (city != null)
                    {
                        city.setSafe(r, Cities.NAMES[c]);
                    }
                    if (country != null)
                    {
                        country.setSafe(r, Cities.COUNTRIES[c]);
                    }
                }
                if (time != null)
                {
                    time.set(r, eventTime(i));
                }
                if (ingest != null)
                {
                    ingest.set(r, now);
                }
            }
        }
    }
}
