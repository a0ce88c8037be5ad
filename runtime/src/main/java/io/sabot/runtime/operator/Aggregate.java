package io.sabot.runtime.operator;

import java.util.Objects;

import io.sabot.common.SchemaException;

/**
 * One aggregate of an {@link AggregateOperator}: a function, the column it reads (none for {@code count(*)}) and the
 * name of its output column.
 *
 * <p>Semantics (SQL): nulls are skipped; {@code count(*)} counts rows, {@code count(c)} non-null values, both int64
 * and never null; {@code sum} of integers is int64 (wrapping on overflow, as the kernel does), of floats float64, and
 * null when a group saw no non-null value; {@code min}/{@code max} keep the input type; {@code mean} is float64.
 *
 * <p>Immutable and thread-safe.
 */
public final class Aggregate
{
    /** The aggregate functions. */
    public enum Function
    {
        /** {@code count(*)}: rows per group. */
        COUNT_ALL,
        /** {@code count(c)}: non-null values per group. */
        COUNT,
        /** {@code sum(c)}. */
        SUM,
        /** {@code min(c)}. */
        MIN,
        /** {@code max(c)}. */
        MAX,
        /** {@code mean(c)} (SQL {@code avg}), float64. */
        MEAN
    }

    private final Function function;
    private final String column;
    private final String name;

    private Aggregate(final Function function, final String column, final String name)
    {
        this.function = Objects.requireNonNull(function, "function");
        if (function != Function.COUNT_ALL && (column == null || column.isEmpty()))
        {
            throw new SchemaException(function + " needs an input column");
        }
        if (name == null || name.isEmpty())
        {
            throw new SchemaException("aggregate output name must be non-empty");
        }
        this.column = column;
        this.name = name;
    }

    /**
     * @param name the output column name.
     * @return {@code count(*)}.
     */
    public static Aggregate count(final String name)
    {
        return new Aggregate(Function.COUNT_ALL, null, name);
    }

    /**
     * @param column the input column.
     * @param name   the output column name.
     * @return {@code count(column)}.
     */
    public static Aggregate count(final String column, final String name)
    {
        return new Aggregate(Function.COUNT, column, name);
    }

    /**
     * @param column a signed integer or floating-point column.
     * @param name   the output column name.
     * @return {@code sum(column)}.
     */
    public static Aggregate sum(final String column, final String name)
    {
        return new Aggregate(Function.SUM, column, name);
    }

    /**
     * @param column an integer, floating-point, date, time or timestamp column.
     * @param name   the output column name.
     * @return {@code min(column)}.
     */
    public static Aggregate min(final String column, final String name)
    {
        return new Aggregate(Function.MIN, column, name);
    }

    /**
     * @param column an integer, floating-point, date, time or timestamp column.
     * @param name   the output column name.
     * @return {@code max(column)}.
     */
    public static Aggregate max(final String column, final String name)
    {
        return new Aggregate(Function.MAX, column, name);
    }

    /**
     * @param column a signed integer or floating-point column.
     * @param name   the output column name.
     * @return {@code mean(column)}.
     */
    public static Aggregate mean(final String column, final String name)
    {
        return new Aggregate(Function.MEAN, column, name);
    }

    /**
     * @param function the function.
     * @param column   the input column ({@code null} for {@link Function#COUNT_ALL}).
     * @param name     the output column name.
     * @return the aggregate.
     */
    public static Aggregate of(final Function function, final String column, final String name)
    {
        return new Aggregate(function, function == Function.COUNT_ALL ? null : column, name);
    }

    /**
     * @return the function.
     */
    public Function function()
    {
        return function;
    }

    /**
     * @return the input column, or {@code null} for {@code count(*)}.
     */
    public String column()
    {
        return column;
    }

    /**
     * @return the output column name.
     */
    public String name()
    {
        return name;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof Aggregate a && a.function == function && Objects.equals(a.column, column) &&
            a.name.equals(name);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(function, column, name);
    }

    @Override
    public String toString()
    {
        return function.name().toLowerCase() + "(" + (column == null ? "*" : column) + ") as " + name;
    }
}
