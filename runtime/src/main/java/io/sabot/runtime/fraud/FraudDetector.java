package io.sabot.runtime.fraud;

import io.sabot.common.DataException;
import io.sabot.common.StateException;
import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.state.StateSerializer;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Per account: buffers each transaction until the watermark passes its event time (a timer), then applies
 * {@link FraudRules} in event-time order, ties by transaction id, so the alerts do not depend on arrival order or
 * parallelism. State: one flat {@link Pending} per account (the rule state and the waiting transactions in order, in
 * primitive fields, with arrays only for a second waiting transaction or a burst); nothing is allocated per
 * transaction on the heap backend except for alerts. An unknown city is a {@link DataException} naming it.
 *
 * <p>One instance per operator instance, called by one thread at a time.
 */
public final class FraudDetector implements KeyedProcessFunction
{
    /** The alerts: one row per rule that fired, with the triggering transaction's ingestion clock. */
    public static final Schema ALERTS = new Schema(List.of(
        Field.notNullable("alert_id", new ArrowType.Int(64, true)),
        Field.notNullable("type", ArrowType.Utf8.INSTANCE),
        Field.notNullable("severity", ArrowType.Utf8.INSTANCE),
        Field.notNullable("account", new ArrowType.Int(64, true)),
        Field.notNullable("transaction_id", new ArrowType.Int(64, true)),
        Field.notNullable("related", ArrowType.Utf8.INSTANCE),
        Field.notNullable("details", ArrowType.Utf8.INSTANCE),
        Field.notNullable("event_time", new ArrowType.Int(64, true)),
        Field.notNullable("ingest_nanos", new ArrowType.Int(64, true))));

    private ValueState<Pending> account;
    private int id;
    private int amount;
    private int city;
    private int time;
    private int ingest;
    private final Emitter emitter = new Emitter();

    /**
     * The account's rule state and its transactions waiting for the watermark, in (event time, id) order. The first
     * waiting transaction is held in fields (most accounts have at most one waiting), the others in an array.
     *
     * <pre>
     *   head:    headId, headTime, headCents, headCity, headIngest          (when waitingCount &gt; 0)
     *   waiting: long[] ... | id | time | cents | city | ingest_nanos | ...   (WAITING longs per transaction)
     *            the other waitingCount - 1, live records [waitingFirst, waitingFirst + waitingCount - 1)
     * </pre>
     */
    static final class Pending extends FraudRules.Account
    {
        static final int WAITING = 5;

        int waitingCount;
        long headId;
        long headTime;
        long headCents;
        int headCity;
        long headIngest;
        long[] waiting;
        int waitingFirst;

        /** Inserts a transaction in (time, id) order. */
        void enqueue(final long txId, final long ts, final long cents, final int cityIndex, final long ingestNanos)
        {
            if (waitingCount == 0)
            {
                setHead(txId, ts, cents, cityIndex, ingestNanos);
            }
            else if (before(ts, txId, headTime, headId))
            {
                // out of order, ahead of the head: the old head goes first among the others
                insert(headId, headTime, headCents, headCity, headIngest);
                setHead(txId, ts, cents, cityIndex, ingestNanos);
            }
            else
            {
                insert(txId, ts, cents, cityIndex, ingestNanos);
            }
            waitingCount++;
        }

        private void setHead(final long txId, final long ts, final long cents, final int cityIndex,
            final long ingestNanos)
        {
            headId = txId;
            headTime = ts;
            headCents = cents;
            headCity = cityIndex;
            headIngest = ingestNanos;
        }

        /** Removes the head (waitingCount &gt; 0); the next waiting one, if any, becomes the head. */
        void pollHead()
        {
            if (--waitingCount > 0)
            {
                final int o = WAITING * waitingFirst;
                setHead(waiting[o], waiting[o + 1], waiting[o + 2], (int)waiting[o + 3], waiting[o + 4]);
                waitingFirst = waitingCount == 1 ? 0 : waitingFirst + 1;
            }
        }

        /** @param i 0 for the head. @return the id of the i-th waiting transaction. */
        long waitingId(final int i)
        {
            return i == 0 ? headId : waiting[WAITING * (waitingFirst + i - 1)];
        }

        /** @param i 0 for the head. @return the event time of the i-th waiting transaction. */
        long waitingTime(final int i)
        {
            return i == 0 ? headTime : waiting[WAITING * (waitingFirst + i - 1) + 1];
        }

        /** Inserts among the others (after the head), sorted; grows or compacts the array at its end. */
        private void insert(final long txId, final long ts, final long cents, final int cityIndex,
            final long ingestNanos)
        {
            final int others = waitingCount - 1;
            if (waiting == null)
            {
                waiting = new long[WAITING * 2];
            }
            else if (WAITING * (waitingFirst + others) == waiting.length)
            {
                if (waitingFirst > 0)
                {
                    System.arraycopy(waiting, WAITING * waitingFirst, waiting, 0, WAITING * others);
                    waitingFirst = 0;
                }
                else
                {
                    waiting = Arrays.copyOf(waiting, waiting.length * 2);
                }
            }
            final int end = waitingFirst + others;
            int at = end;
            // out of order: shift later ones right (rare, and the queue is short)
            while (at > waitingFirst && before(ts, txId, waiting[WAITING * (at - 1) + 1], waiting[WAITING * (at - 1)]))
            {
                at--;
            }
            if (at < end)
            {
                System.arraycopy(waiting, WAITING * at, waiting, WAITING * (at + 1), WAITING * (end - at));
            }
            final int o = WAITING * at;
            waiting[o] = txId;
            waiting[o + 1] = ts;
            waiting[o + 2] = cents;
            waiting[o + 3] = cityIndex;
            waiting[o + 4] = ingestNanos;
        }

        private static boolean before(final long timeA, final long idA, final long timeB, final long idB)
        {
            return timeA < timeB || timeA == timeB && idA < idB;
        }
    }

    @Override
    public void open(final KeyedContext ctx, final Row schema)
    {
        account = ctx.valueState("account", PendingSerializer.INSTANCE, null);
        id = schema.column("transaction_id");
        amount = schema.column("amount");
        city = schema.column("city");
        time = schema.column("event_time");
        ingest = schema.column("ingest_nanos");
    }

    @Override
    public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
    {
        final long ts = row.getLong(time);
        final int cityIndex = row.lookupUtf8(city, Cities.NAMES);
        if (cityIndex < 0)
        {
            throw new DataException("unknown branch city '" + row.getString(city) + "' (transaction " +
                row.getLong(id) + ")", "city", -1);
        }
        Pending state = account.value();
        if (state == null)
        {
            state = new Pending();
        }
        state.enqueue(row.getLong(id), ts, row.getLong(amount), cityIndex, row.getLong(ingest));
        // written back: off-heap backends hand out copies
        account.update(state);
        ctx.registerEventTimeTimer(ts);
    }

    @Override
    public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
    {
        final Pending state = account.value();
        if (state == null || state.waitingCount == 0 || state.headTime > timestamp)
        {
            // nothing due: an earlier timer of this account already applied its transactions
            return;
        }
        emitter.out = out;
        emitter.ctx = ctx;
        while (state.waitingCount > 0 && state.headTime <= timestamp)
        {
            final long txId = state.headId;
            final long ts = state.headTime;
            final long cents = state.headCents;
            final int cityIndex = state.headCity;
            emitter.id = txId;
            emitter.time = ts;
            emitter.ingest = state.headIngest;
            state.pollHead();
            FraudRules.apply(state, txId, ts, cents, cityIndex, emitter);
        }
        emitter.out = null;
        emitter.ctx = null;
        account.update(state);
    }

    /** Turns the rules' alerts into output rows for the transaction being applied. */
    private static final class Emitter implements FraudRules.Alerts
    {
        RowOutput out;
        KeyedContext ctx;
        long id;
        long time;
        long ingest;

        @Override
        public void alert(final String type, final int index, final String severity, final String related,
            final String details)
        {
            out.emit(id * 3 + index, type, severity, ctx.currentKey(), id, related, details, time, ingest);
        }
    }

    /**
     * Bytes of an account's state, for off-heap backends. Stateless and thread-safe.
     *
     * <pre>
     *   count long | mean double | m2 double | has last byte | [last id long | last time long | last city int]
     *   | recent int | waiting int | recent x (id long | time long)        (window members before the last one)
     *   | waiting x (id long | time long | cents long | city int | ingest_nanos long)   (head first, in order)
     * </pre>
     */
    static final class PendingSerializer implements StateSerializer<Pending>
    {
        static final PendingSerializer INSTANCE = new PendingSerializer();
        private static final int TX_BYTES = 8 * 4 + 4;

        @Override
        public byte[] serialize(final Pending p)
        {
            final ByteBuffer out = ByteBuffer.allocate(8 * 3 + 1 + (p.hasLast ? 20 : 0) + 8 +
                16 * p.recentCount + TX_BYTES * p.waitingCount);
            out.putLong(p.count).putDouble(p.mean).putDouble(p.m2);
            out.put((byte)(p.hasLast ? 1 : 0));
            if (p.hasLast)
            {
                out.putLong(p.lastId).putLong(p.lastTime).putInt(p.lastCity);
            }
            out.putInt(p.recentCount).putInt(p.waitingCount);
            for (int i = 0; i < p.recentCount; i++)
            {
                out.putLong(p.recent[2 * (p.recentFirst + i)]).putLong(p.recent[2 * (p.recentFirst + i) + 1]);
            }
            if (p.waitingCount > 0)
            {
                out.putLong(p.headId).putLong(p.headTime).putLong(p.headCents).putInt(p.headCity)
                    .putLong(p.headIngest);
            }
            for (int i = 0; i < p.waitingCount - 1; i++)
            {
                final int o = Pending.WAITING * (p.waitingFirst + i);
                out.putLong(p.waiting[o]).putLong(p.waiting[o + 1]).putLong(p.waiting[o + 2])
                    .putInt((int)p.waiting[o + 3]).putLong(p.waiting[o + 4]);
            }
            return out.array();
        }

        @Override
        public Pending deserialize(final byte[] bytes)
        {
            try
            {
                return read(bytes);
            }
            catch (final java.nio.BufferUnderflowException e)
            {
                throw new StateException("fraud account state of " + bytes.length + " bytes is truncated", e);
            }
        }

        private static Pending read(final byte[] bytes)
        {
            final ByteBuffer in = ByteBuffer.wrap(bytes);
            final Pending p = new Pending();
            p.count = in.getLong();
            p.mean = in.getDouble();
            p.m2 = in.getDouble();
            p.hasLast = in.get() == 1;
            if (p.hasLast)
            {
                p.lastId = in.getLong();
                p.lastTime = in.getLong();
                p.lastCity = in.getInt();
            }
            final int recent = in.getInt();
            final int waiting = in.getInt();
            if (recent < 0 || waiting < 0 || in.remaining() != 16L * recent + (long)TX_BYTES * waiting)
            {
                throw new StateException("fraud account state of " + bytes.length + " bytes does not hold " +
                    recent + " recent and " + waiting + " waiting transactions");
            }
            if (recent > 0)
            {
                p.recent = new long[2 * Math.max(4, recent)];
                for (int i = 0; i < 2 * recent; i++)
                {
                    p.recent[i] = in.getLong();
                }
                p.recentCount = recent;
            }
            if (waiting > 0)
            {
                p.headId = in.getLong();
                p.headTime = in.getLong();
                p.headCents = in.getLong();
                p.headCity = in.getInt();
                p.headIngest = in.getLong();
            }
            if (waiting > 1)
            {
                p.waiting = new long[Pending.WAITING * Math.max(2, waiting - 1)];
                for (int i = 0; i < waiting - 1; i++)
                {
                    final int o = Pending.WAITING * i;
                    p.waiting[o] = in.getLong();
                    p.waiting[o + 1] = in.getLong();
                    p.waiting[o + 2] = in.getLong();
                    p.waiting[o + 3] = in.getInt();
                    p.waiting[o + 4] = in.getLong();
                }
            }
            p.waitingCount = waiting;
            return p;
        }
    }
}
