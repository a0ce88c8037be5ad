package io.sabot.kernels.hashagg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.simd.Hash64;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The plain on-heap reference: a {@link LinkedHashMap} from key tuple to per-aggregate state, fed row by row through
 * Arrow's own getters, compared with a {@link HashAggregator} result row by row (same group order).
 */
final class Reference
{
    /** One aggregate: function name ("count", "count*", "sum", "min", "max", "mean") and its input column. */
    record Agg(String function, String column)
    {
    }

    private final String[] keys;
    private final Agg[] aggs;
    private final Map<List<Object>, State[]> groups = new LinkedHashMap<>();

    Reference(final String[] keys, final Agg... aggs)
    {
        this.keys = keys.clone();
        this.aggs = aggs.clone();
    }

    /** @return a builder with the same keys and aggregates. */
    HashAggregator.Builder configure(final HashAggregator.Builder builder)
    {
        builder.groupBy(keys);
        for (final Agg agg : aggs)
        {
            switch (agg.function())
            {
                case "count*" -> builder.count();
                case "count" -> builder.count(agg.column());
                case "sum" -> builder.sum(agg.column());
                case "min" -> builder.min(agg.column());
                case "max" -> builder.max(agg.column());
                case "mean" -> builder.mean(agg.column());
                default -> throw new IllegalArgumentException(agg.function());
            }
        }
        return builder;
    }

    int groupCount()
    {
        return groups.size();
    }

    void clear()
    {
        groups.clear();
    }

    void add(final Batch batch)
    {
        add(batch.rows(), batch);
    }

    void add(final Rows rows, final Batch batch)
    {
        for (int i = 0; i < rows.count(); i++)
        {
            final int row = rows.rowAt(i);
            final Object[] key = new Object[keys.length];
            for (int k = 0; k < keys.length; k++)
            {
                key[k] = keyOf(batch.column(keys[k]), row);
            }
            final State[] states = groups.computeIfAbsent(Arrays.asList(key), unused -> newStates());
            for (int a = 0; a < aggs.length; a++)
            {
                final FieldVector input = aggs[a].column() == null ? null : batch.column(aggs[a].column());
                states[a].accept(input, row);
            }
        }
    }

    private State[] newStates()
    {
        final State[] states = new State[aggs.length];
        for (int a = 0; a < aggs.length; a++)
        {
            states[a] = new State(aggs[a].function());
        }
        return states;
    }

    /** Canonical key object: Long for integers/dates/timestamps, Long canonical bits for floats, Boolean, String. */
    static Object keyOf(final FieldVector vector, final int row)
    {
        if (vector.isNull(row))
        {
            return null;
        }
        if (vector instanceof Float4Vector f)
        {
            return "f" + Hash64.canonicalBits(f.get(row));
        }
        if (vector instanceof Float8Vector d)
        {
            return "f" + Hash64.canonicalBits(d.get(row));
        }
        if (vector instanceof VarCharVector s)
        {
            return "s" + new String(s.get(row), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (vector instanceof BitVector b)
        {
            return b.get(row) != 0;
        }
        return longOf(vector, row);
    }

    static long longOf(final FieldVector vector, final int row)
    {
        if (vector instanceof BaseIntVector i)
        {
            return i.getValueAsLong(row);
        }
        if (vector instanceof DateDayVector d)
        {
            return d.get(row);
        }
        if (vector instanceof DateMilliVector d)
        {
            return d.get(row);
        }
        if (vector instanceof TimeStampVector t)
        {
            return t.get(row);
        }
        throw new IllegalArgumentException("no long view of " + vector.getClass());
    }

    static boolean isFloat(final FieldVector vector)
    {
        return vector instanceof Float4Vector || vector instanceof Float8Vector;
    }

    static double doubleOf(final FieldVector vector, final int row)
    {
        if (vector instanceof Float4Vector f)
        {
            return f.get(row);
        }
        if (vector instanceof Float8Vector d)
        {
            return d.get(row);
        }
        return longOf(vector, row);
    }

    /** One aggregate's running value for one group. */
    static final class State
    {
        final String function;
        long count;
        long longValue;
        double doubleValue;
        boolean isFloat;
        boolean seen;

        State(final String function)
        {
            this.function = function;
        }

        void accept(final FieldVector input, final int row)
        {
            if (input == null)
            {
                count++;
                return;
            }
            if (input.isNull(row))
            {
                return;
            }
            count++;
            if (function.equals("count"))
            {
                return;
            }
            isFloat = isFloat(input);
            final boolean first = !seen;
            seen = true;
            switch (function)
            {
                case "sum" ->
                {
                    if (isFloat)
                    {
                        doubleValue += doubleOf(input, row);
                    }
                    else
                    {
                        longValue += longOf(input, row);
                    }
                }
                case "mean" -> doubleValue += doubleOf(input, row);
                case "min", "max" ->
                {
                    final boolean min = function.equals("min");
                    if (isFloat)
                    {
                        final double v = doubleOf(input, row);
                        if (first || (min ? v < doubleValue : v > doubleValue) || doubleValue != doubleValue)
                        {
                            doubleValue = v;
                        }
                    }
                    else
                    {
                        final long v = longOf(input, row);
                        if (first || (min ? v < longValue : v > longValue))
                        {
                            longValue = v;
                        }
                    }
                }
                default -> throw new IllegalArgumentException(function);
            }
        }
    }

    /** Asserts {@code result} holds exactly the reference groups, in the same order, with the same aggregates. */
    void assertMatches(final Batch result)
    {
        assertEquals(keys.length + aggs.length, result.columnCount(), "column count");
        assertEquals(groups.size(), result.rowCount(), "group count");
        int row = 0;
        for (final Map.Entry<List<Object>, State[]> entry : groups.entrySet())
        {
            final List<Object> expectedKey = entry.getKey();
            final List<Object> actualKey = new ArrayList<>();
            for (int k = 0; k < keys.length; k++)
            {
                final FieldVector column = result.column(k);
                assertEquals(keys[k], column.getName());
                actualKey.add(keyOf(column, row));
            }
            assertEquals(expectedKey, actualKey, "key of group " + row);
            for (int a = 0; a < aggs.length; a++)
            {
                checkAggregate(entry.getValue()[a], result.column(keys.length + a), row, expectedKey);
            }
            row++;
        }
    }

    private static void checkAggregate(final State state, final FieldVector column, final int row,
        final List<Object> key)
    {
        final String where = column.getName() + " of group " + key;
        switch (state.function)
        {
            case "count*", "count" ->
            {
                assertTrue(column instanceof BigIntVector, where);
                assertEquals(state.count, ((BigIntVector)column).get(row), where);
            }
            default ->
            {
                if (state.count == 0)
                {
                    assertTrue(column.isNull(row), where + " should be null");
                    return;
                }
                assertTrue(!column.isNull(row), where + " should not be null");
                if (state.function.equals("mean"))
                {
                    assertDoubleEquals(state.doubleValue / state.count, ((Float8Vector)column).get(row), where);
                }
                else if (state.isFloat)
                {
                    final double actual = doubleOf(column, row);
                    final double expected = column instanceof Float4Vector
                        ? (float)state.doubleValue : state.doubleValue;
                    assertDoubleEquals(expected, actual, where);
                }
                else
                {
                    assertEquals(state.longValue, longOf(column, row), where);
                }
            }
        }
    }

    private static void assertDoubleEquals(final double expected, final double actual, final String where)
    {
        if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual))
        {
            fail(where + ": expected " + expected + " but was " + actual);
        }
    }
}
