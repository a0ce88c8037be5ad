package io.sabot.runtime.api;

import java.util.List;
import java.util.Objects;

import io.sabot.runtime.operator.Aggregate;
import io.sabot.runtime.operator.UserAggregateFunction;

/**
 * One aggregate of {@link KeyedStream#aggregate}: a function, its input column and the output column's name.
 * Immutable.
 *
 * <p>Null handling follows SQL (and Arrow C++ compute): {@code count(*)} counts rows, {@code count(col)} non-null
 * values; sum/min/max/mean skip nulls and give null for a group with no non-null value. A user aggregate
 * ({@link #of(String, UserAggregateFunction, String...)}) reads its columns through its function, which decides.
 *
 * @param function     the function.
 * @param column       the (first) input column, {@code null} for {@code count(*)}.
 * @param name         the output column's name.
 * @param columns      every input column (none for {@code count(*)}).
 * @param userFunction the function of a {@link Aggregate.Function#USER} aggregate, else {@code null}.
 */
public record Agg(Aggregate.Function function, String column, String name, List<String> columns,
                  UserAggregateFunction<?> userFunction)
{
    /**
     * Checks the arguments.
     */
    public Agg
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (function == Aggregate.Function.USER)
        {
            Objects.requireNonNull(userFunction, "userFunction");
            if (columns.isEmpty() || !columns.get(0).equals(column))
            {
                throw new IllegalArgumentException("a user aggregate needs its columns, the first as column");
            }
        }
        else if ((function == Aggregate.Function.COUNT_ALL) != (column == null) || userFunction != null ||
            !columns.equals(column == null ? List.of() : List.of(column)))
        {
            throw new IllegalArgumentException(function + " needs " + (column == null ? "a column" : "no column") +
                " and no user function");
        }
    }

    /**
     * A built-in aggregate.
     *
     * @param function the function (not {@link Aggregate.Function#USER}).
     * @param column   the input column, {@code null} for {@code count(*)}.
     * @param name     the output column's name.
     */
    public Agg(final Aggregate.Function function, final String column, final String name)
    {
        this(function, column, name, column == null ? List.of() : List.of(column), null);
    }

    /**
     * A user aggregate: {@code function} per key (and window), over {@code columns} (one per
     * {@link UserAggregateFunction#inputs()} entry). Wrong column types, unknown columns and a null result type are
     * {@link io.sabot.common.SchemaException}s when the job is planned.
     *
     * @param name     the output column's name.
     * @param function the user function (shared by every parallel instance: keep state in accumulators).
     * @param columns  its input columns, at least one.
     * @return the aggregate.
     */
    public static Agg of(final String name, final UserAggregateFunction<?> function, final String... columns)
    {
        if (columns.length == 0)
        {
            throw new IllegalArgumentException("user aggregate '" + name + "' needs at least one input column");
        }
        return new Agg(Aggregate.Function.USER, columns[0], name, List.of(columns), function);
    }

    /** @return {@code count(*)} named {@code count}. */
    public static Agg count()
    {
        return new Agg(Aggregate.Function.COUNT_ALL, null, "count");
    }

    /** @param column the input. @return {@code count(column)} named {@code count_<column>}. */
    public static Agg count(final String column)
    {
        return new Agg(Aggregate.Function.COUNT, column, "count_" + column);
    }

    /** @param column the input. @return {@code sum(column)} named {@code sum_<column>}. */
    public static Agg sum(final String column)
    {
        return new Agg(Aggregate.Function.SUM, column, "sum_" + column);
    }

    /** @param column the input. @return {@code min(column)} named {@code min_<column>}. */
    public static Agg min(final String column)
    {
        return new Agg(Aggregate.Function.MIN, column, "min_" + column);
    }

    /** @param column the input. @return {@code max(column)} named {@code max_<column>}. */
    public static Agg max(final String column)
    {
        return new Agg(Aggregate.Function.MAX, column, "max_" + column);
    }

    /** @param column the input. @return {@code mean(column)} named {@code mean_<column>}. */
    public static Agg mean(final String column)
    {
        return new Agg(Aggregate.Function.MEAN, column, "mean_" + column);
    }

    /**
     * @param outputName the output column's name.
     * @return this aggregate under another name.
     */
    public Agg as(final String outputName)
    {
        return new Agg(function, column, outputName, columns, userFunction);
    }

    @Override
    public String toString()
    {
        if (function == Aggregate.Function.USER)
        {
            return "user " + userFunction.getClass().getSimpleName() + columns + " as " + name;
        }
        final String call = function == Aggregate.Function.COUNT_ALL ? "count(*)" :
            function.name().toLowerCase(java.util.Locale.ROOT) + '(' + column + ')';
        return call + " as " + name;
    }
}
