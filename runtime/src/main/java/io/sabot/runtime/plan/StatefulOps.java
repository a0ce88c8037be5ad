package io.sabot.runtime.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.sabot.common.SchemaException;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.operator.Aggregate;
import io.sabot.runtime.operator.AggregateOperator;
import io.sabot.runtime.operator.DistinctOperator;
import io.sabot.runtime.operator.FlatMapOperator;
import io.sabot.runtime.operator.GlobalAggregateOperator;
import io.sabot.runtime.operator.HashJoinOperator;
import io.sabot.runtime.operator.LimitOperator;
import io.sabot.runtime.operator.SortOperator;
import io.sabot.runtime.operator.TopNOperator;
import io.sabot.runtime.operator.UnionOperator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The planner's bridge from logical nodes to the operators that run them: each method returns an
 * {@link OperatorSpec} whose factory creates a fresh operator per instance, and the schemas in between.
 */
final class StatefulOps
{
    /** Which phase of an aggregate a stage computes. */
    enum AggregateMode
    {
        SINGLE, PARTIAL, FINAL
    }

    private StatefulOps()
    {
    }

    static OperatorSpec flatMap(final LogicalNode.FlatMap node)
    {
        return new OperatorSpec(node.describe(), 1, () -> new FlatMapOperator(node.function()));
    }

    static OperatorSpec union(final int inputs, final Schema schema)
    {
        return new OperatorSpec("Union of " + inputs, inputs, () -> new UnionOperator(inputs));
    }

    static boolean canSplitAggregate(final LogicalNode.Aggregate node, final Schema input)
    {
        return !hasUserAggregates(node.aggregates());
    }

    /** @return whether any aggregate is a user aggregate (they run in one phase, in {@code AggregateOperator}). */
    static boolean hasUserAggregates(final List<Agg> aggs)
    {
        for (final Agg agg : aggs)
        {
            if (agg.function() == Aggregate.Function.USER)
            {
                return true;
            }
        }
        return false;
    }

    static List<Aggregate> aggregates(final List<Agg> aggs)
    {
        final List<Aggregate> out = new ArrayList<>(aggs.size());
        for (final Agg agg : aggs)
        {
            out.add(agg.function() == Aggregate.Function.USER ? Aggregate.user(agg.name(), agg.userFunction(),
                agg.columns()) : Aggregate.of(agg.function(), agg.column(), agg.name()));
        }
        return out;
    }

    /** The columns a PARTIAL aggregate emits: keys, then per aggregate its partial state. */
    static Schema partialSchema(final LogicalNode.Aggregate node, final Schema input)
    {
        final List<Field> fields = new ArrayList<>();
        for (final String key : node.keys())
        {
            fields.add(Schemas.field(input, key));
        }
        for (final Agg agg : node.aggregates())
        {
            if (agg.function() == Aggregate.Function.MEAN)
            {
                final Agg sum = Agg.sum(agg.column());
                fields.add(Field.nullable(agg.name() + AggregateOperator.MEAN_SUM_SUFFIX,
                    Schemas.aggregateType(input, sum)));
                fields.add(Field.nullable(agg.name() + AggregateOperator.MEAN_COUNT_SUFFIX,
                    new ArrowType.Int(64, true)));
            }
            else
            {
                fields.add(Field.nullable(agg.name(), Schemas.aggregateType(input, agg)));
            }
        }
        return new Schema(fields);
    }

    static OperatorSpec aggregate(final LogicalNode.Aggregate node, final Schema input, final Schema output,
                                  final AggregateMode mode)
    {
        final List<Aggregate> aggregates = aggregates(node.aggregates());
        final AggregateOperator.Mode operatorMode = switch (mode)
        {
            case SINGLE -> AggregateOperator.Mode.SINGLE;
            case PARTIAL -> AggregateOperator.Mode.PARTIAL;
            case FINAL -> AggregateOperator.Mode.FINAL;
        };
        final String description = (mode == AggregateMode.SINGLE ? "" : mode.name().charAt(0) +
            mode.name().substring(1).toLowerCase(java.util.Locale.ROOT) + " ") + node.describe();
        if (node.keys().isEmpty() && !hasUserAggregates(node.aggregates()) &&
            GlobalAggregateOperator.supports(operatorMode, aggregates, input))
        {
            // one group: SIMD reductions per batch instead of a hash table
            return new OperatorSpec(description + " (global)", 1,
                () -> new GlobalAggregateOperator(operatorMode, aggregates, input, output));
        }
        return new OperatorSpec(description, 1,
            () -> new AggregateOperator(operatorMode, node.keys(), aggregates));
    }

    static OperatorSpec sort(final LogicalNode.Sort node, final Schema input)
    {
        return new OperatorSpec(node.describe(), 1, () -> new SortOperator(node.keys()));
    }

    static OperatorSpec topN(final LogicalNode.TopN node, final Schema input, final boolean local)
    {
        return new OperatorSpec((local ? "Local " : "") + node.describe(), 1,
            () -> new TopNOperator(node.keys(), node.n()));
    }

    static OperatorSpec distinct(final LogicalNode.Distinct node, final Schema input)
    {
        return new OperatorSpec(node.describe(), 1, () -> new DistinctOperator(node.columns()));
    }

    static OperatorSpec limit(final LogicalNode.Limit node, final boolean local)
    {
        return new OperatorSpec((local ? "Local " : "") + node.describe(), 1, () -> new LimitOperator(node.n()));
    }

    /** Probe (left) columns, then build (right) columns for inner/left joins, clashing names suffixed. */
    static Schema joinSchema(final LogicalNode.Join node, final Schema left, final Schema right)
    {
        final List<Field> fields = new ArrayList<>(left.getFields());
        if (node.type() == io.sabot.kernels.join.JoinType.SEMI || node.type() == io.sabot.kernels.join.JoinType.ANTI)
        {
            return new Schema(fields);
        }
        final Set<String> names = new HashSet<>(Schemas.names(left));
        final boolean outer = node.type() == io.sabot.kernels.join.JoinType.LEFT_OUTER;
        for (final Field field : right.getFields())
        {
            String name = field.getName();
            if (!names.add(name))
            {
                name = name + HashJoinOperator.DEFAULT_SUFFIX;
                if (!names.add(name))
                {
                    throw new SchemaException("join output column '" + field.getName() + "' clashes with '" +
                        name + "'; rename one side first");
                }
            }
            final Field renamed = new Field(name, field.getFieldType(), field.getChildren());
            fields.add(outer ? Schemas.nullable(renamed) : renamed);
        }
        return new Schema(fields);
    }

    static OperatorSpec join(final LogicalNode.Join node, final Schema left, final Schema right)
    {
        return new OperatorSpec(node.describe(), 2, () -> new HashJoinOperator(node.type(), node.leftKeys(),
            node.rightKeys(), right, HashJoinOperator.DEFAULT_SUFFIX, io.sabot.kernels.join.HashJoinProbe
            .DEFAULT_MAX_OUTPUT_ROWS));
    }
}
