package io.sabot.runtime.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.expr.Exprs;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.operator.FlatMapOperator;
import io.sabot.runtime.plan.LogicalNode;
import io.sabot.runtime.plan.Planner;
import io.sabot.runtime.sink.Sink;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream of rows with a fixed schema, bounded or not: each method adds a logical operator and returns the new
 * stream; nothing runs until {@link StreamEnvironment#execute}. The same pipeline code runs over a bounded file and an
 * unbounded generator; only the source decides.
 *
 * <pre>{@code
 * env.from(lineitem)
 *    .filter("l_shipdate <= date '1998-09-02'")
 *    .withColumn("disc_price", "l_extendedprice * (1 - l_discount)")
 *    .keyBy("l_returnflag", "l_linestatus")
 *    .aggregate(Agg.sum("disc_price").as("sum_disc_price"), Agg.count().as("count_order"))
 *    .sort(SortKey.ascending("l_returnflag"), SortKey.ascending("l_linestatus"))
 *    .writeTo(sink);
 * }</pre>
 *
 * <p>Errors in the pipeline's definition (unknown columns, type errors) are raised by the method that adds the
 * operator, as {@link io.sabot.common.SchemaException}s naming the column. Immutable; a stream may feed several
 * operators.
 */
public final class DataStream
{
    private final StreamEnvironment env;
    private final LogicalNode node;
    private final Schema schema;

    DataStream(final StreamEnvironment env, final LogicalNode node)
    {
        this.env = env;
        this.node = node;
        this.schema = Planner.schemaOf(node);
    }

    /** @return the rows' schema. */
    public Schema schema()
    {
        return schema;
    }

    /** @return the logical plan node behind this stream. */
    public LogicalNode node()
    {
        return node;
    }

    /** @return the environment this stream belongs to. */
    public StreamEnvironment environment()
    {
        return env;
    }

    private DataStream then(final LogicalNode next)
    {
        return new DataStream(env, next);
    }

    /**
     * @param predicate a boolean expression (IR or lambda UDF calls); rows where it is null are dropped.
     * @return the rows where it holds.
     */
    public DataStream filter(final Expr predicate)
    {
        return then(new LogicalNode.Filter(node, predicate));
    }

    /**
     * @param predicate a boolean expression in the IR's text form, e.g. {@code "amount > 100.0 and country = 'NL'"}.
     * @return the rows where it holds.
     */
    public DataStream filter(final String predicate)
    {
        return filter(ExprParser.parse(predicate));
    }

    /**
     * @param projections the output columns, in order.
     * @return a stream of exactly those columns.
     */
    public DataStream map(final List<Projection> projections)
    {
        return then(new LogicalNode.Project(node, List.copyOf(projections)));
    }

    /**
     * @param projections the output columns, in order.
     * @return a stream of exactly those columns.
     */
    public DataStream map(final Projection... projections)
    {
        return map(Arrays.asList(projections));
    }

    /**
     * @param columns existing column names.
     * @return a stream of those columns, in that order.
     */
    public DataStream select(final String... columns)
    {
        final List<Projection> projections = new ArrayList<>(columns.length);
        for (final String column : columns)
        {
            projections.add(new Projection(column, Exprs.col(column)));
        }
        return map(projections);
    }

    /**
     * @param name       the new (or replaced) column's name.
     * @param expression its value.
     * @return every existing column plus this one (replacing a column of that name in place).
     */
    public DataStream withColumn(final String name, final Expr expression)
    {
        final List<Projection> projections = new ArrayList<>();
        boolean replaced = false;
        for (final Field field : schema.getFields())
        {
            if (field.getName().equals(name))
            {
                projections.add(new Projection(name, expression));
                replaced = true;
            }
            else
            {
                projections.add(new Projection(field.getName(), Exprs.col(field.getName())));
            }
        }
        if (!replaced)
        {
            projections.add(new Projection(name, expression));
        }
        return map(projections);
    }

    /**
     * @param name       the new column's name.
     * @param expression its value, in the IR's text form.
     * @return every existing column plus this one.
     */
    public DataStream withColumn(final String name, final String expression)
    {
        return withColumn(name, ExprParser.parse(expression));
    }

    /**
     * @param function     user code turning each batch into zero or more batches (it must be thread-safe: with
     *                     parallelism N it runs on N threads at once, each call on its own batch).
     * @param outputSchema the schema of the batches it produces.
     * @return the produced rows.
     */
    public DataStream flatMap(final FlatMapOperator.BatchFunction function, final Schema outputSchema)
    {
        return then(new LogicalNode.FlatMap(node, function, outputSchema));
    }

    /**
     * @param others streams with the same schema.
     * @return all rows of this stream and the others (in no particular order).
     */
    public DataStream union(final DataStream... others)
    {
        final List<LogicalNode> inputs = new ArrayList<>();
        inputs.add(node);
        for (final DataStream other : others)
        {
            inputs.add(other.node);
        }
        return then(new LogicalNode.Union(inputs));
    }

    /**
     * @param keys the grouping columns.
     * @return a keyed view of this stream, to aggregate per key.
     */
    /**
     * Gives the rows of this source stream an event time and generates watermarks from it: after each source batch,
     * in source order, the watermark is the largest event time read so far minus {@code maxOutOfOrderness} minus 1
     * ms. Rows whose event time trails that by more are late for windows that already fired.
     *
     * <pre>{@code
     * env.from(source).withEventTime("ts", Duration.ofMillis(100))
     *     .keyBy("account").window(Duration.ofSeconds(1)).aggregate(Agg.sum("amount").as("total"));
     * }</pre>
     *
     * @param column            an int64 (milliseconds since the epoch) or timestamp[ms] column.
     * @param maxOutOfOrderness how far a row may trail the largest event time seen before it is late.
     * @return the same rows with event time.
     * @throws io.sabot.common.SchemaException (at planning) unless called right on a source stream, or for another
     *     column type.
     */
    public DataStream withEventTime(final String column, final java.time.Duration maxOutOfOrderness)
    {
        return withEventTime(column, maxOutOfOrderness, java.time.Duration.ZERO);
    }

    /**
     * {@link #withEventTime(String, java.time.Duration)} where a source split that reads nothing for
     * {@code idleTimeout} stops holding the watermark back until it reads again (its rows may then be late), so one
     * quiet partition does not stall every window.
     *
     * @param column            an int64 (milliseconds since the epoch) or timestamp[ms] column.
     * @param maxOutOfOrderness how far a row may trail the largest event time seen before it is late.
     * @param idleTimeout       how long a split may read nothing before it counts as idle; zero: never.
     * @return the same rows with event time.
     */
    public DataStream withEventTime(final String column, final java.time.Duration maxOutOfOrderness,
        final java.time.Duration idleTimeout)
    {
        if (maxOutOfOrderness.isNegative() || idleTimeout.isNegative())
        {
            throw new IllegalArgumentException("maxOutOfOrderness and idleTimeout must be >= 0, were " +
                maxOutOfOrderness + " and " + idleTimeout);
        }
        return new DataStream(env, new LogicalNode.EventTime(node, column, maxOutOfOrderness.toMillis(),
            idleTimeout.toMillis()));
    }

    /**
     * @param keys the group-by columns.
     * @return the stream grouped by {@code keys}, for {@link KeyedStream#aggregate} or {@link KeyedStream#window}.
     */
    public KeyedStream keyBy(final String... keys)
    {
        for (final String key : keys)
        {
            io.sabot.runtime.plan.Schemas.field(schema, key);
        }
        return new KeyedStream(this, List.of(keys));
    }

    /**
     * Aggregates all rows into one (global aggregation).
     *
     * @param aggregates the aggregates.
     * @return one row (bounded input) or an update stream of that row (unbounded input).
     */
    public DataStream aggregate(final Agg... aggregates)
    {
        return then(new LogicalNode.Aggregate(node, List.of(), List.of(aggregates)));
    }

    /**
     * Equi-join with columns of the same names on both sides.
     *
     * @param right the other (build) side.
     * @param type  inner, left (outer on this side), semi or anti.
     * @param keys  the key columns, present in both.
     * @return the joined rows: this side's columns, then the other side's (semi/anti: this side's only).
     */
    public DataStream join(final DataStream right, final JoinType type, final String... keys)
    {
        return join(right, type, List.of(keys), List.of(keys));
    }

    /**
     * Equi-join.
     *
     * @param right     the other (build) side; keep the smaller input here.
     * @param type      inner, left (outer on this side), semi or anti.
     * @param leftKeys  this side's key columns.
     * @param rightKeys the other side's key columns, pairwise equal in type.
     * @return the joined rows.
     */
    public DataStream join(final DataStream right, final JoinType type, final List<String> leftKeys,
                           final List<String> rightKeys)
    {
        return then(new LogicalNode.Join(node, right.node, type, List.copyOf(leftKeys), List.copyOf(rightKeys)));
    }

    /**
     * @param keys the sort keys, most significant first.
     * @return the rows in that order (bounded input only).
     */
    public DataStream sort(final SortKey... keys)
    {
        return then(new LogicalNode.Sort(node, List.of(keys)));
    }

    /**
     * @param n    how many rows.
     * @param keys the order.
     * @return the first {@code n} rows in that order.
     */
    public DataStream topN(final int n, final SortKey... keys)
    {
        return then(new LogicalNode.TopN(node, List.of(keys), n));
    }

    /**
     * @param columns the columns that define a duplicate (none: all columns).
     * @return one row per distinct value of those columns.
     */
    public DataStream distinct(final String... columns)
    {
        return then(new LogicalNode.Distinct(node, List.of(columns)));
    }

    /**
     * @param n the most rows to keep.
     * @return at most {@code n} rows (which ones is unspecified unless the input is sorted).
     */
    public DataStream limit(final long n)
    {
        return then(new LogicalNode.Limit(node, n));
    }

    /**
     * Declares a write; it runs with the environment's next {@code execute}.
     *
     * @param sink where the rows go.
     */
    public void writeTo(final Sink sink)
    {
        env.addWrite(new LogicalNode.Write(node, sink));
    }

    /**
     * @param sink a sink, used only for the description.
     * @return the logical and physical plans this stream would run with when written to {@code sink}.
     */
    public String explain(final Sink sink)
    {
        return new Planner(env.parallelism(), env.fuseAggregates()).plan(List.of(new LogicalNode.Write(node, sink)))
            .explain();
    }
}
