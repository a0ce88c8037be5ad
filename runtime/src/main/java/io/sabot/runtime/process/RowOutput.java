package io.sabot.runtime.process;

/**
 * Emits output rows of a {@link KeyedProcessFunction}, one value per output column in schema order (numbers, String,
 * Boolean, BigDecimal, LocalDate; {@code null} for null). Rows are batched and sent downstream after the input batch
 * (or the timers of a watermark).
 */
public interface RowOutput
{
    /** @param values one per output column. */
    void emit(Object... values);
}
