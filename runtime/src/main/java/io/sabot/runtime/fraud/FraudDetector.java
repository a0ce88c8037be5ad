package io.sabot.runtime.fraud;

import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Per account: buffers each transaction until the watermark passes its event time (a timer), then applies
 * {@link FraudRules} in event-time order, ties by transaction id, so the alerts do not depend on arrival order or
 * parallelism. State: one value per account, the rule state with the waiting transactions in order.
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

    private static final List<String> TYPES = List.of("VELOCITY", "AMOUNT_ANOMALY", "IMPOSSIBLE_GEOGRAPHY");

    private ValueState<Pending> account;
    private int id;
    private int amount;
    private int city;
    private int time;
    private int ingest;

    /** The account's rule state and its transactions waiting for the watermark, in (event time, id) order. */
    static final class Pending extends FraudRules.Account
    {
        final ArrayDeque<FraudRules.Tx> waiting = new ArrayDeque<>();
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
        final FraudRules.Tx tx = new FraudRules.Tx(row.getLong(id), ts, row.getLong(amount),
            Cities.indexOf(row.getString(city)), row.getLong(ingest));
        Pending state = account.value();
        if (state == null)
        {
            state = new Pending();
        }
        final FraudRules.Tx last = state.waiting.peekLast();
        if (last == null || before(last, tx))
        {
            state.waiting.addLast(tx);
        }
        else
        {
            // out of order: insert in place (rare, and the queue is short)
            final ArrayList<FraudRules.Tx> all = new ArrayList<>(state.waiting);
            int at = all.size();
            while (at > 0 && before(tx, all.get(at - 1)))
            {
                at--;
            }
            all.add(at, tx);
            state.waiting.clear();
            state.waiting.addAll(all);
        }
        // written back: off-heap backends hand out copies
        account.update(state);
        ctx.registerEventTimeTimer(ts);
    }

    private static boolean before(final FraudRules.Tx a, final FraudRules.Tx b)
    {
        return a.eventTime() < b.eventTime() || a.eventTime() == b.eventTime() && a.id() < b.id();
    }

    @Override
    public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
    {
        final Pending state = account.value();
        if (state == null)
        {
            return;
        }
        while (!state.waiting.isEmpty() && state.waiting.peekFirst().eventTime() <= timestamp)
        {
            final FraudRules.Tx tx = state.waiting.pollFirst();
            for (final FraudRules.Alert alert : FraudRules.apply(state, tx))
            {
                out.emit(tx.id() * 3 + TYPES.indexOf(alert.type()), alert.type(), alert.severity(), ctx.currentKey(),
                    tx.id(), alert.related(), alert.details(), tx.eventTime(), tx.ingestNanos());
            }
        }
        account.update(state);
    }

    /** Bytes of an account's state, for off-heap backends. */
    static final class PendingSerializer implements io.sabot.runtime.state.StateSerializer<Pending>
    {
        static final PendingSerializer INSTANCE = new PendingSerializer();
        private static final int TX_BYTES = 8 * 4 + 4;

        @Override
        public byte[] serialize(final Pending p)
        {
            final java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(8 * 3 + 1 + 8 +
                TX_BYTES * (1 + p.recent.size() + p.waiting.size()));
            out.putLong(p.count).putDouble(p.mean).putDouble(p.m2);
            out.put((byte)(p.last == null ? 0 : 1));
            if (p.last != null)
            {
                put(out, p.last);
            }
            out.putInt(p.recent.size()).putInt(p.waiting.size());
            p.recent.forEach(t -> put(out, t));
            p.waiting.forEach(t -> put(out, t));
            return java.util.Arrays.copyOf(out.array(), out.position());
        }

        private static void put(final java.nio.ByteBuffer out, final FraudRules.Tx t)
        {
            out.putLong(t.id()).putLong(t.eventTime()).putLong(t.amountCents()).putInt(t.city())
                .putLong(t.ingestNanos());
        }

        private static FraudRules.Tx get(final java.nio.ByteBuffer in)
        {
            return new FraudRules.Tx(in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getLong());
        }

        @Override
        public Pending deserialize(final byte[] bytes)
        {
            final java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            final Pending p = new Pending();
            p.count = in.getLong();
            p.mean = in.getDouble();
            p.m2 = in.getDouble();
            if (in.get() == 1)
            {
                p.last = get(in);
            }
            final int recent = in.getInt();
            final int waiting = in.getInt();
            for (int i = 0; i < recent; i++)
            {
                p.recent.addLast(get(in));
            }
            for (int i = 0; i < waiting; i++)
            {
                p.waiting.addLast(get(in));
            }
            return p;
        }
    }
}
