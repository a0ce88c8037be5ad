package io.sabot.runtime.process;

/**
 * A user operator on a keyed stream, called one row at a time with the row's key current (Flink's
 * {@code KeyedProcessFunction}). One instance per parallel instance of the operator, created by the factory given
 * to {@code KeyedStream.process}; called by one thread at a time.
 *
 * <pre>{@code
 * stream.keyBy("account").process(() -> new KeyedProcessFunction() {
 *     ValueState<Long> count;
 *     int amount;
 *     public void open(KeyedContext ctx, Row schema) {
 *         count = ctx.valueState("count", null);
 *         amount = schema.column("amount");
 *     }
 *     public void processRow(Row row, KeyedContext ctx, RowOutput out) {
 *         long n = count.value() == null ? 1 : count.value() + 1;
 *         count.update(n);
 *         if (n % 100 == 0) out.emit(ctx.currentKey(), n);
 *     }
 * }, outputSchema);
 * }</pre>
 */
public interface KeyedProcessFunction
{
    /**
     * Declares state and resolves columns. The default does nothing.
     *
     * @param ctx    state and timers.
     * @param schema column lookup of the input (values are not readable here).
     */
    default void open(final KeyedContext ctx, final Row schema)
    {
    }

    /**
     * @param row the input row.
     * @param ctx state (of the row's key) and timers.
     * @param out output rows.
     */
    void processRow(Row row, KeyedContext ctx, RowOutput out);

    /**
     * An event-time timer of the current key fired. The default does nothing.
     *
     * @param timestamp the timer's time.
     * @param ctx       state of the timer's key.
     * @param out       output rows.
     */
    default void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
    {
    }

    /**
     * A timer of the current key fired, in either time domain (this is what the operator calls). The default calls
     * {@link #onTimer(long, KeyedContext, RowOutput)}, so functions written for event-time timers only keep working.
     *
     * @param timestamp the timer's time (event time, or processing time in epoch ms).
     * @param domain    which clock reached it.
     * @param ctx       state of the timer's key.
     * @param out       output rows.
     */
    default void onTimer(final long timestamp, final TimeDomain domain, final KeyedContext ctx, final RowOutput out)
    {
        onTimer(timestamp, ctx, out);
    }
}
