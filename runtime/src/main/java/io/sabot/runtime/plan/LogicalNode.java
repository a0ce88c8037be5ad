package io.sabot.runtime.plan;

import java.util.List;

import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.operator.FlatMapOperator;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.source.Source;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A node of the logical plan the Stream API builds: what to compute, with no parallelism, exchanges or fusion yet.
 * Immutable; a node may be the input of several nodes (the plan is a DAG).
 */
public sealed interface LogicalNode
{
    /**
     * @return the inputs, in input-index order.
     */
    List<LogicalNode> inputs();

    /**
     * @return a one-line description (operator name and arguments) for {@code explain()}.
     */
    String describe();

    /** Reads a source. */
    record Read(Source source) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of();
        }

        @Override
        public String describe()
        {
            return "Read " + source.describe() + (source.bounded() ? "" : " [unbounded]");
        }
    }

    /** Keeps the rows where {@code predicate} is true (null counts as false). */
    record Filter(LogicalNode input, Expr predicate) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Filter " + predicate;
        }
    }

    /** Computes the output columns, in order, from expressions over the input (column references pass through). */
    record Project(LogicalNode input, List<Projection> projections) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            final StringBuilder sb = new StringBuilder("Project ");
            for (int i = 0; i < projections.size(); i++)
            {
                final Projection p = projections.get(i);
                sb.append(i == 0 ? "" : ", ").append(p.name()).append(" := ").append(p.expr());
            }
            return sb.toString();
        }
    }

    /** User code that turns each batch into zero or more batches of {@code outputSchema}. */
    record FlatMap(LogicalNode input, FlatMapOperator.BatchFunction function, Schema outputSchema) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "FlatMap " + function + " -> " + PlanText.columns(outputSchema);
        }
    }

    /** All rows of all inputs (same schema). */
    record Union(List<LogicalNode> inputs) implements LogicalNode
    {
        @Override
        public String describe()
        {
            return "Union of " + inputs.size();
        }
    }

    /** Event time from {@code column} with watermarks trailing it by {@code maxOutOfOrderness} ms (on a source). */
    record EventTime(LogicalNode input, String column, long maxOutOfOrderness, long idleTimeout)
        implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "EventTime " + column + " (watermark = max - " + maxOutOfOrderness + " ms" +
                (idleTimeout > 0 ? ", idle after " + idleTimeout + " ms" : "") + ")";
        }
    }

    /** Per key and event-time window (tumbling when slide = size, sliding else), aggregate. */
    record WindowAggregate(LogicalNode input, List<String> keys, long size, long slide, long allowedLateness,
                           List<Agg> aggregates, Sink lateRows) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "WindowAggregate keys=" + keys + (size == slide ? " tumbling " + size + " ms" :
                " sliding " + size + " ms every " + slide + " ms") +
                (allowedLateness > 0 ? " lateness " + allowedLateness + " ms" : "") + " aggs=" + aggregates +
                (lateRows == null ? "" : " late rows -> " + lateRows.describe());
        }
    }

    /** Per key, event-time session windows closed by a gap of {@code gap} ms without rows, aggregated. */
    record SessionWindowAggregate(LogicalNode input, List<String> keys, long gap, long allowedLateness,
                                  List<Agg> aggregates, Sink lateRows) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "SessionWindowAggregate keys=" + keys + " gap " + gap + " ms" +
                (allowedLateness > 0 ? " lateness " + allowedLateness + " ms" : "") + " aggs=" + aggregates +
                (lateRows == null ? "" : " late rows -> " + lateRows.describe());
        }
    }

    /** Per key, processing-time session windows closed by {@code gap} ms without rows, aggregated. */
    record ProcessingTimeSessionWindowAggregate(LogicalNode input, List<String> keys, long gap, List<Agg> aggregates)
        implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "ProcessingTimeSessionWindowAggregate keys=" + keys + " gap " + gap + " ms aggs=" + aggregates;
        }
    }

    /** Per key and processing-time window (tumbling when slide = size, sliding else), aggregate. */
    record ProcessingTimeWindowAggregate(LogicalNode input, List<String> keys, long size, long slide,
                                         List<Agg> aggregates) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "ProcessingTimeWindowAggregate keys=" + keys + (size == slide ? " tumbling " + size + " ms" :
                " sliding " + size + " ms every " + slide + " ms") + " aggs=" + aggregates;
        }
    }

    /** A user operator per key ({@code KeyedStream.process}). */
    record KeyedProcess(LogicalNode input, List<String> keys,
                        java.util.function.Supplier<? extends io.sabot.runtime.process.KeyedProcessFunction> factory,
                        Schema outputSchema) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "KeyedProcess keys=" + keys + " -> " + outputSchema;
        }
    }

    /** Group by {@code keys} (none: one global group) and aggregate. */
    record Aggregate(LogicalNode input, List<String> keys, List<Agg> aggregates) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Aggregate keys=" + keys + " aggs=" + aggregates;
        }
    }

    /** Equi-join; input 0 is the probe (left) side, input 1 the build (right) side. */
    record Join(LogicalNode left, LogicalNode right, JoinType type, List<String> leftKeys, List<String> rightKeys)
        implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(left, right);
        }

        @Override
        public String describe()
        {
            return "Join " + type + " on " + leftKeys + " = " + rightKeys;
        }
    }

    /** Total order by {@code keys}. */
    record Sort(LogicalNode input, List<SortKey> keys) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Sort " + keys;
        }
    }

    /** The first {@code n} rows in {@code keys} order. */
    record TopN(LogicalNode input, List<SortKey> keys, int n) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "TopN " + n + " by " + keys;
        }
    }

    /** Rows distinct on {@code columns} (all columns when empty). */
    record Distinct(LogicalNode input, List<String> columns) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Distinct " + (columns.isEmpty() ? "*" : columns);
        }
    }

    /** At most {@code n} rows. */
    record Limit(LogicalNode input, long n) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Limit " + n;
        }
    }

    /** Writes the input to a sink: the root of a job. */
    record Write(LogicalNode input, Sink sink) implements LogicalNode
    {
        @Override
        public List<LogicalNode> inputs()
        {
            return List.of(input);
        }

        @Override
        public String describe()
        {
            return "Write " + sink.describe();
        }
    }
}
