package io.sabot.runtime.fraud;

import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.state.MapState;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per account: buffers each transaction until the watermark passes its event time (a timer), then applies
 * {@link FraudRules} in event-time order, ties by transaction id, so the alerts do not depend on arrival order or
 * parallelism. State: the account's running state and the buffered transactions by event time.
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

    private ValueState<FraudRules.Account> account;
    private MapState<Long, List<FraudRules.Tx>> pending;
    private int id;
    private int amount;
    private int city;
    private int time;
    private int ingest;

    @Override
    public void open(final KeyedContext ctx, final Row schema)
    {
        account = ctx.valueState("account", null);
        pending = ctx.mapState("pending", null);
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
        List<FraudRules.Tx> at = pending.get(ts);
        if (at == null)
        {
            at = new ArrayList<>(1);
            pending.put(ts, at);
            ctx.registerEventTimeTimer(ts);
        }
        at.add(tx);
    }

    @Override
    public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
    {
        final List<FraudRules.Tx> due = pending.get(timestamp);
        if (due == null)
        {
            return;
        }
        pending.remove(timestamp);
        due.sort(Comparator.comparingLong(FraudRules.Tx::id));
        FraudRules.Account state = account.value();
        if (state == null)
        {
            state = new FraudRules.Account();
        }
        for (final FraudRules.Tx tx : due)
        {
            for (final FraudRules.Alert alert : FraudRules.apply(state, tx))
            {
                out.emit(tx.id() * 3 + TYPES.indexOf(alert.type()), alert.type(), alert.severity(), ctx.currentKey(),
                    tx.id(), alert.related(), alert.details(), tx.eventTime(), tx.ingestNanos());
            }
        }
        account.update(state);
    }
}
