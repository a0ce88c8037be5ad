package io.sabot.runtime.api;

import java.util.Objects;

import io.sabot.runtime.operator.Aggregate;

/**
 * One aggregate of {@link KeyedStream#aggregate}: a function, its input column and the output column's name.
 * Immutable.
 *
 * <p>Null handling follows SQL (and Arrow C++ compute): {@code count(*)} counts rows, {@code count(col)} non-null
 * values; sum/min/max/mean skip nulls and give null for a group with no non-null value.
 *
 * @param function the function.
 * @param column   the input column, {@code null} for {@code count(*)}.
 * @param name     the output column's name.
 */
public record Agg(Aggregate.Function function, String column, String name)
{
    /**
     * Checks the arguments.
     */
    public Agg
    {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(name, "name");
        if ((function == Aggregate.Function.COUNT_ALL) != (column == null))
        {
            throw new IllegalArgumentException(function + " needs " + (column == null ? "a column" : "no column"));
        }
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
        return new Agg(function, column, outputName);
    }

    @Override
    public String toString()
    {
        final String call = function == Aggregate.Function.COUNT_ALL ? "count(*)" :
            function.name().toLowerCase(java.util.Locale.ROOT) + '(' + column + ')';
        return call + " as " + name;
    }
}
