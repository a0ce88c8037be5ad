package io.sabot.runtime.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.sabot.common.SchemaException;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One aggregate of an {@link AggregateOperator}: a function, the column it reads (none for {@code count(*)}) and the
 * name of its output column.
 *
 * <p>Semantics (SQL): nulls are skipped; {@code count(*)} counts rows, {@code count(c)} non-null values, both int64
 * and never null; {@code sum} of integers is int64 (wrapping on overflow, as the kernel does), of floats float64, and
 * null when a group saw no non-null value; {@code min}/{@code max} keep the input type; {@code mean} is float64.
 * A {@link Function#USER user aggregate} reads one or more columns through a {@link UserAggregateFunction}, which
 * decides its own null handling and result type.
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
        MEAN,
        /** A {@link UserAggregateFunction} over one or more columns. */
        USER
    }

    private final Function function;
    private final String column;
    private final String name;
    private final List<String> columns;
    private final UserAggregateFunction<?> userFunction;

    private Aggregate(final Function function, final String column, final String name)
    {
        this(function, column, name, column == null ? List.of() : List.of(column), null);
    }

    private Aggregate(final Function function, final String column, final String name, final List<String> columns,
        final UserAggregateFunction<?> userFunction)
    {
        this.function = Objects.requireNonNull(function, "function");
        this.columns = columns;
        this.userFunction = userFunction;
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
     * @param name     the output column name.
     * @param function the user function.
     * @param columns  its input columns, one per {@link UserAggregateFunction#inputs()} entry (at least one).
     * @return a user aggregate.
     * @throws SchemaException when no column or a null/empty column name is given.
     */
    public static Aggregate user(final String name, final UserAggregateFunction<?> function,
        final List<String> columns)
    {
        Objects.requireNonNull(function, "function");
        if (columns.isEmpty())
        {
            throw new SchemaException("user aggregate '" + name + "' needs at least one input column");
        }
        for (final String column : columns)
        {
            if (column == null || column.isEmpty())
            {
                throw new SchemaException("user aggregate '" + name + "' has a null or empty column name");
            }
        }
        return new Aggregate(Function.USER, columns.get(0), name, List.copyOf(columns), function);
    }

    /**
     * @param function the function.
     * @param column   the input column ({@code null} for {@link Function#COUNT_ALL}).
     * @param name     the output column name.
     * @return the aggregate.
     */
    public static Aggregate of(final Function function, final String column, final String name)
    {
        if (function == Function.USER)
        {
            throw new SchemaException("user aggregate '" + name + "' needs its function: use Aggregate.user");
        }
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
     * @return every column the aggregate reads (none for {@code count(*)}, several for a user aggregate).
     */
    public List<String> columns()
    {
        return columns;
    }

    /**
     * @return the user function of a {@link Function#USER} aggregate, else {@code null}.
     */
    public UserAggregateFunction<?> userFunction()
    {
        return userFunction;
    }

    /**
     * Checks a user aggregate against its input and returns its output type.
     *
     * @param input the input schema.
     * @return the output column's type.
     * @throws SchemaException for an unknown column, a column whose type does not fit the function's
     *                         {@link UserAggregateFunction#inputs()} (or a count that differs), or a null or
     *                         unsupported result type.
     * @throws IllegalStateException when this is not a user aggregate.
     */
    public ArrowType userResultType(final Schema input)
    {
        if (function != Function.USER)
        {
            throw new IllegalStateException(this + " is not a user aggregate");
        }
        final List<UserAggregateFunction.Input> inputs = userFunction.inputs();
        if (inputs == null || inputs.size() != columns.size())
        {
            throw new SchemaException("user aggregate '" + name + "' reads " + (inputs == null ? "null" :
                inputs.size()) + " inputs but names " + columns.size() + " columns " + columns);
        }
        final List<Field> fields = new ArrayList<>(columns.size());
        for (final String c : columns)
        {
            fields.add(input.getFields().get(Batches.indexOf(input, c, "user aggregate '" + name + "' input")));
        }
        for (int i = 0; i < fields.size(); i++)
        {
            UserAggregates.reader(name, fields.get(i), inputs.get(i));
        }
        final ArrowType type = userFunction.resultType();
        if (type == null)
        {
            throw new SchemaException("user aggregate '" + name + "' (" + userFunction.getClass().getName() +
                ") has a null result type");
        }
        UserAggregates.checkResultType(name, type);
        return type;
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
            a.name.equals(name) && a.columns.equals(columns) && a.userFunction == userFunction;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(function, column, name);
    }

    @Override
    public String toString()
    {
        if (function == Function.USER)
        {
            return "user " + userFunction.getClass().getSimpleName() + columns + " as " + name;
        }
        return function.name().toLowerCase() + "(" + (column == null ? "*" : column) + ") as " + name;
    }
}
