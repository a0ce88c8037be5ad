package io.sabot.runtime.plan;

import io.sabot.runtime.operator.Operator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Interim: the operators behind the stateful logical nodes are being merged in.
 */
final class StatefulOps
{
    enum AggregateMode
    {
        SINGLE, PARTIAL, FINAL
    }

    private StatefulOps()
    {
    }

    private static OperatorSpec missing(final String what)
    {
        throw new IllegalStateException(what + " is not available yet");
    }

    static OperatorSpec flatMap(final LogicalNode.FlatMap node)
    {
        return missing("flatMap");
    }

    static OperatorSpec union(final int inputs, final Schema schema)
    {
        return missing("union");
    }

    static boolean canSplitAggregate(final LogicalNode.Aggregate node, final Schema input)
    {
        return false;
    }

    static Schema partialSchema(final LogicalNode.Aggregate node, final Schema input)
    {
        return input;
    }

    static OperatorSpec aggregate(final LogicalNode.Aggregate node, final Schema input, final AggregateMode mode)
    {
        return missing("aggregate");
    }

    static OperatorSpec sort(final LogicalNode.Sort node, final Schema input)
    {
        return missing("sort");
    }

    static OperatorSpec topN(final LogicalNode.TopN node, final Schema input, final boolean local)
    {
        return missing("topN");
    }

    static OperatorSpec distinct(final LogicalNode.Distinct node, final Schema input)
    {
        return missing("distinct");
    }

    static OperatorSpec limit(final LogicalNode.Limit node, final boolean local)
    {
        return missing("limit");
    }

    static Schema joinSchema(final LogicalNode.Join node, final Schema left, final Schema right)
    {
        return left;
    }

    static OperatorSpec join(final LogicalNode.Join node, final Schema left, final Schema right)
    {
        return missing("join");
    }

    static Operator unused()
    {
        return null;
    }
}
