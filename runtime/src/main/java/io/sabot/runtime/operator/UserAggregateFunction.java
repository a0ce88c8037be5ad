package io.sabot.runtime.operator;

import java.util.List;

import io.sabot.runtime.state.StateSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * A user-defined aggregate, run beside the built-in ones by {@link AggregateOperator} (keyed and windowed
 * aggregations) and {@link SessionWindowOperator}: one accumulator per group, rows added one at a time, accumulators
 * merged when groups merge (sessions bridged by a row, snapshots restored into fewer instances), and the result
 * written into the output column when the group is emitted.
 *
 * <pre>{@code
 * final class Spread implements UserAggregateFunction<long[]>     // max - min of an int64 column
 * {
 *     public List<Input> inputs() { return List.of(Input.LONG); }
 *     public ArrowType resultType() { return new ArrowType.Int(64, true); }
 *     public long[] createAccumulator() { return new long[] {Long.MAX_VALUE, Long.MIN_VALUE}; }
 *     public long[] add(long[] a, Values row) { if (!row.isNull(0)) { ... } return a; }
 *     ...
 * }
 * }</pre>
 *
 * <p>Contract: {@link #add} is called for every row of the group (also rows whose inputs are null: check
 * {@link Values#isNull}); {@link #merge} must be associative and commutative in effect (groups merge in any order);
 * accumulators may be mutable and returned from {@code add}/{@code merge}; {@link #result} may be called several
 * times on the same accumulator (a window updated by late rows emits again) and must not change it. The
 * {@link #serializer()} writes accumulators into checkpoints; a restored accumulator must behave as the original.
 *
 * <p>Threads: one function object may be shared by every parallel instance of a job, so implementations keep no
 * mutable state of their own (the accumulators hold it). Calls for one operator instance come from one thread at a
 * time.
 *
 * @param <A> the accumulator type.
 */
public interface UserAggregateFunction<A>
{
    /** How the function reads one input column; the column's Arrow type must fit (checked when planning). */
    enum Input
    {
        /** Any integer column, date (days), time or timestamp (raw units): {@link Values#getLong}. */
        LONG,
        /** A floating-point or integer column: {@link Values#getDouble}. */
        DOUBLE,
        /** A utf8 column: {@link Values#getString}. */
        STRING
    }

    /** @return one entry per input column, in the order the aggregate names its columns. */
    List<Input> inputs();

    /**
     * @return the output column's type: int64, int32, float64, utf8 or boolean; never {@code null} (a null type is a
     *     {@link io.sabot.common.SchemaException} when planning). The output column is nullable.
     */
    ArrowType resultType();

    /** @return a fresh, empty accumulator. */
    A createAccumulator();

    /**
     * @param accumulator the group's accumulator.
     * @param row         the row's input values, readable during the call only.
     * @return the updated accumulator (may be {@code accumulator}).
     */
    A add(A accumulator, Values row);

    /**
     * @param accumulator the accumulator that stays.
     * @param other       an accumulator merged into it (not used afterwards).
     * @return the merged accumulator (may be {@code accumulator}).
     */
    A merge(A accumulator, A other);

    /**
     * Writes the result: exactly one call on {@code out}.
     *
     * @param accumulator the group's accumulator (unchanged by this call).
     * @param out         where the result goes, valid during the call only.
     */
    void result(A accumulator, Result out);

    /** @return writes accumulators into checkpoints and reads them back. */
    StateSerializer<A> serializer();

    /**
     * The input values of the current row, by position in {@link #inputs()}. Reading a position through an
     * accessor of another kind raises {@link IllegalStateException}.
     */
    interface Values
    {
        /** @param input a position. @return whether that value is null. */
        boolean isNull(int input);

        /** @param input a {@link Input#LONG} position. @return the value (0 when null). */
        long getLong(int input);

        /** @param input a {@link Input#DOUBLE} position. @return the value (0 when null). */
        double getDouble(int input);

        /** @param input a {@link Input#STRING} position. @return the value, or {@code null}. */
        String getString(int input);
    }

    /** Receives one group's result, typed by {@link #resultType()}. */
    interface Result
    {
        /** Sets null. */
        void setNull();

        /** @param value the result of an int64, int32 (must fit) or boolean (0 or 1) output. */
        void setLong(long value);

        /** @param value the result of a float64 output. */
        void setDouble(double value);

        /** @param value the result of a utf8 output ({@code null} sets null). */
        void setString(String value);
    }
}
