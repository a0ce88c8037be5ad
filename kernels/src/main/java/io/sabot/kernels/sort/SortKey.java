package io.sabot.kernels.sort;

import java.util.Objects;

import org.apache.arrow.vector.FieldVector;

/**
 * One key of a sort: a column (by name, resolved against the batch or column list being sorted, or a vector given
 * directly), its {@link SortOrder} and its {@link NullPlacement}.
 *
 * <p>Immutable and thread-safe. A key bound to a vector refers to it without owning it.
 */
public final class SortKey
{
    private final String column;
    private final FieldVector vector;
    private final SortOrder order;
    private final NullPlacement nulls;

    private SortKey(final String column, final FieldVector vector, final SortOrder order, final NullPlacement nulls)
    {
        this.column = column;
        this.vector = vector;
        this.order = Objects.requireNonNull(order, "order");
        this.nulls = Objects.requireNonNull(nulls, "nulls");
    }

    /**
     * @param column a column name.
     * @return an ascending key on {@code column} with nulls at the end (Arrow's default).
     */
    public static SortKey ascending(final String column)
    {
        return of(column, SortOrder.ASCENDING, NullPlacement.AT_END);
    }

    /**
     * @param column a column name.
     * @return a descending key on {@code column} with nulls at the end (Arrow's default).
     */
    public static SortKey descending(final String column)
    {
        return of(column, SortOrder.DESCENDING, NullPlacement.AT_END);
    }

    /**
     * @param column a column name, resolved when the sort runs.
     * @param order  the direction.
     * @param nulls  where nulls and NaNs go.
     * @return the key.
     */
    public static SortKey of(final String column, final SortOrder order, final NullPlacement nulls)
    {
        return new SortKey(Objects.requireNonNull(column, "column"), null, order, nulls);
    }

    /**
     * @param vector the key column itself (not owned); it must cover the rows being sorted.
     * @param order  the direction.
     * @param nulls  where nulls and NaNs go.
     * @return the key.
     */
    public static SortKey of(final FieldVector vector, final SortOrder order, final NullPlacement nulls)
    {
        return new SortKey(null, Objects.requireNonNull(vector, "vector"), order, nulls);
    }

    /**
     * @return the column name, or {@code null} when the key is bound to a vector.
     */
    public String column()
    {
        return column;
    }

    /**
     * @return the bound vector, or {@code null} when the key names a column.
     */
    public FieldVector vector()
    {
        return vector;
    }

    /**
     * @return the direction.
     */
    public SortOrder order()
    {
        return order;
    }

    /**
     * @return where nulls and NaNs go.
     */
    public NullPlacement nulls()
    {
        return nulls;
    }

    /**
     * @return the column's name, whether named or bound.
     */
    public String name()
    {
        return column != null ? column : vector.getName();
    }

    @Override
    public String toString()
    {
        return "SortKey{" + name() + ' ' + order + ' ' + nulls + '}';
    }
}
