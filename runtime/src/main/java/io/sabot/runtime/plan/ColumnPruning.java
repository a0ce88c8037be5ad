package io.sabot.runtime.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sabot.jit.Projection;
import io.sabot.kernels.join.JoinType;
import io.sabot.kernels.sort.SortKey;
import io.sabot.runtime.api.Agg;
import io.sabot.runtime.operator.HashJoinOperator;
import io.sabot.runtime.source.Source;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Projection pushdown: finds which columns each node's consumers use and lets every source that can
 * ({@link Source#withColumns}) read only those, so unused columns are never read or decoded. The rewritten plan
 * produces the same rows and, at its roots, the same columns.
 *
 * <p>Conservative where column sets change meaning: a distinct over all columns, a flatMap (opaque user code) and a
 * write keep all of their input's columns; a join keeps every probe column whose name a kept build column shares,
 * so the build side's clash renaming does not change.
 */
final class ColumnPruning
{
    /** Marks "every column". */
    private static final Set<String> ALL = null;

    private final Map<LogicalNode, Set<String>> required = new IdentityHashMap<>();
    private final Map<LogicalNode, Boolean> needsAll = new IdentityHashMap<>();
    private final Map<LogicalNode, LogicalNode> rewritten = new IdentityHashMap<>();

    private ColumnPruning()
    {
    }

    /**
     * @param roots the writes of a job.
     * @return the same plan with pruned sources.
     */
    static List<LogicalNode> prune(final List<LogicalNode> roots)
    {
        final ColumnPruning pruning = new ColumnPruning();
        final List<LogicalNode> order = new ArrayList<>();
        final Set<LogicalNode> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (final LogicalNode root : roots)
        {
            pruning.postOrder(root, seen, order);
        }
        // parents before children: every consumer has added its needs before a node passes them on
        for (int i = order.size() - 1; i >= 0; i--)
        {
            pruning.propagate(order.get(i));
        }
        final List<LogicalNode> out = new ArrayList<>(roots.size());
        for (final LogicalNode root : roots)
        {
            out.add(pruning.rebuild(root));
        }
        return out;
    }

    private void postOrder(final LogicalNode node, final Set<LogicalNode> seen, final List<LogicalNode> order)
    {
        if (!seen.add(node))
        {
            return;
        }
        for (final LogicalNode input : node.inputs())
        {
            postOrder(input, seen, order);
        }
        order.add(node);
    }

    private void need(final LogicalNode node, final Set<String> columns)
    {
        if (columns == ALL)
        {
            needsAll.put(node, true);
            return;
        }
        required.computeIfAbsent(node, n -> new HashSet<>()).addAll(columns);
    }

    private Set<String> requiredOf(final LogicalNode node)
    {
        return needsAll.containsKey(node) ? ALL : required.getOrDefault(node, new HashSet<>());
    }

    private static Set<String> plus(final Set<String> base, final Iterable<String> more)
    {
        if (base == ALL)
        {
            return ALL;
        }
        final Set<String> out = new HashSet<>(base);
        more.forEach(out::add);
        return out;
    }

    private void propagate(final LogicalNode node)
    {
        final Set<String> mine = requiredOf(node);
        switch (node)
        {
            case LogicalNode.Read ignored ->
            {
            }
            case LogicalNode.Write write -> need(write.input(), ALL);
            case LogicalNode.Project project ->
            {
                final Set<String> used = new HashSet<>();
                for (final Projection projection : project.projections())
                {
                    ExprRewriter.columns(projection.expr(), used);
                }
                need(project.input(), used);
            }
            case LogicalNode.Filter filter ->
            {
                final Set<String> used = new HashSet<>();
                ExprRewriter.columns(filter.predicate(), used);
                need(filter.input(), plus(mine, used));
            }
            case LogicalNode.FlatMap flatMap -> need(flatMap.input(), ALL);
            case LogicalNode.Union union -> union.inputs().forEach(input -> need(input, mine));
            case LogicalNode.Aggregate aggregate ->
            {
                final Set<String> used = new HashSet<>(aggregate.keys());
                for (final Agg agg : aggregate.aggregates())
                {
                    used.addAll(agg.columns());
                }
                need(aggregate.input(), used);
            }
            case LogicalNode.Join join -> join(join, mine);
            case LogicalNode.Sort sort -> need(sort.input(), plus(mine, sort.keys().stream().map(SortKey::column)
                .toList()));
            case LogicalNode.TopN topN -> need(topN.input(), plus(mine, topN.keys().stream().map(SortKey::column)
                .toList()));
            case LogicalNode.Distinct distinct -> need(distinct.input(), distinct.columns().isEmpty() ? ALL :
                plus(mine, distinct.columns()));
            case LogicalNode.Limit limit -> need(limit.input(), mine);
            case LogicalNode.EventTime eventTime -> need(eventTime.input(), plus(mine, List.of(eventTime.column())));
            case LogicalNode.KeyedProcess process -> need(process.input(), ALL);
            case LogicalNode.WindowAggregate window when window.lateRows() != null -> need(window.input(), ALL);
            case LogicalNode.ProcessingTimeSessionWindowAggregate session ->
            {
                final Set<String> used = new HashSet<>(session.keys());
                for (final Agg agg : session.aggregates())
                {
                    used.addAll(agg.columns());
                }
                need(session.input(), used);
            }
            case LogicalNode.ProcessingTimeWindowAggregate window ->
            {
                final Set<String> used = new HashSet<>(window.keys());
                for (final Agg agg : window.aggregates())
                {
                    if (agg.column() != null)
                    {
                        used.add(agg.column());
                    }
                }
                need(window.input(), used);
            }
            case LogicalNode.WindowAggregate window ->
            {
                final Set<String> used = new HashSet<>(window.keys());
                used.add(eventTimeColumn(window.input()));
                for (final Agg agg : window.aggregates())
                {
                    used.addAll(agg.columns());
                }
                need(window.input(), used);
            }
            case LogicalNode.SessionWindowAggregate session when session.lateRows() != null ->
                need(session.input(), ALL);
            case LogicalNode.SessionWindowAggregate session ->
            {
                final Set<String> used = new HashSet<>(session.keys());
                used.add(eventTimeColumn(session.input()));
                for (final Agg agg : session.aggregates())
                {
                    used.addAll(agg.columns());
                }
                need(session.input(), used);
            }
        }
    }

    /**
     * @param node a node.
     * @return the event-time column assigned upstream of it.
     * @throws io.sabot.common.SchemaException when there is none.
     */
    static String eventTimeColumn(final LogicalNode node)
    {
        if (node instanceof LogicalNode.EventTime eventTime)
        {
            return eventTime.column();
        }
        for (final LogicalNode input : node.inputs())
        {
            try
            {
                return eventTimeColumn(input);
            }
            catch (final io.sabot.common.SchemaException e)
            {
                // try the next input
            }
        }
        throw new io.sabot.common.SchemaException("a window needs event time: call withEventTime(column, " +
            "maxOutOfOrderness) on the source stream first");
    }

    private void join(final LogicalNode.Join join, final Set<String> mine)
    {
        if (join.type() == JoinType.SEMI || join.type() == JoinType.ANTI)
        {
            need(join.left(), plus(mine, join.leftKeys()));
            need(join.right(), new HashSet<>(join.rightKeys()));
            return;
        }
        if (mine == ALL)
        {
            need(join.left(), ALL);
            need(join.right(), ALL);
            return;
        }
        final Set<String> left = new HashSet<>(join.leftKeys());
        final Set<String> right = new HashSet<>(join.rightKeys());
        final List<String> leftNames = Schemas.names(Planner.schemaOf(join.left()));
        for (final String name : mine)
        {
            if (leftNames.contains(name))
            {
                left.add(name);
            }
        }
        for (final Field field : Planner.schemaOf(join.right()).getFields())
        {
            final String name = field.getName();
            if (mine.contains(name) || mine.contains(name + HashJoinOperator.DEFAULT_SUFFIX))
            {
                right.add(name);
            }
        }
        for (final String name : right)
        {
            if (leftNames.contains(name))
            {
                // keeps the clash, so the build column keeps its suffixed name
                left.add(name);
            }
        }
        need(join.left(), left);
        need(join.right(), right);
    }

    private LogicalNode rebuild(final LogicalNode node)
    {
        final LogicalNode done = rewritten.get(node);
        if (done != null)
        {
            return done;
        }
        final LogicalNode result = switch (node)
        {
            case LogicalNode.Read read -> pruneRead(read);
            case LogicalNode.Write write -> new LogicalNode.Write(rebuild(write.input()), write.sink());
            case LogicalNode.Project project -> new LogicalNode.Project(rebuild(project.input()),
                project.projections());
            case LogicalNode.Filter filter -> new LogicalNode.Filter(rebuild(filter.input()), filter.predicate());
            case LogicalNode.FlatMap flatMap -> new LogicalNode.FlatMap(rebuild(flatMap.input()), flatMap.function(),
                flatMap.outputSchema());
            case LogicalNode.Union union ->
            {
                final List<LogicalNode> inputs = new ArrayList<>();
                union.inputs().forEach(input -> inputs.add(rebuild(input)));
                yield new LogicalNode.Union(inputs);
            }
            case LogicalNode.Aggregate aggregate -> new LogicalNode.Aggregate(rebuild(aggregate.input()),
                aggregate.keys(), aggregate.aggregates());
            case LogicalNode.Join join -> new LogicalNode.Join(rebuild(join.left()), rebuild(join.right()),
                join.type(), join.leftKeys(), join.rightKeys());
            case LogicalNode.Sort sort -> new LogicalNode.Sort(rebuild(sort.input()), sort.keys());
            case LogicalNode.TopN topN -> new LogicalNode.TopN(rebuild(topN.input()), topN.keys(), topN.n());
            case LogicalNode.Distinct distinct -> new LogicalNode.Distinct(rebuild(distinct.input()),
                distinct.columns());
            case LogicalNode.Limit limit -> new LogicalNode.Limit(rebuild(limit.input()), limit.n());
            case LogicalNode.EventTime eventTime -> new LogicalNode.EventTime(rebuild(eventTime.input()),
                eventTime.column(), eventTime.maxOutOfOrderness(), eventTime.idleTimeout());
            case LogicalNode.KeyedProcess process -> new LogicalNode.KeyedProcess(rebuild(process.input()),
                process.keys(), process.factory(), process.outputSchema());
            case LogicalNode.ProcessingTimeSessionWindowAggregate session ->
                new LogicalNode.ProcessingTimeSessionWindowAggregate(rebuild(session.input()), session.keys(),
                    session.gap(), session.aggregates());
            case LogicalNode.ProcessingTimeWindowAggregate window -> new LogicalNode.ProcessingTimeWindowAggregate(
                rebuild(window.input()), window.keys(), window.size(), window.slide(), window.aggregates());
            case LogicalNode.WindowAggregate window -> new LogicalNode.WindowAggregate(rebuild(window.input()),
                window.keys(), window.size(), window.slide(), window.allowedLateness(), window.aggregates(),
                window.lateRows());
            case LogicalNode.SessionWindowAggregate session -> new LogicalNode.SessionWindowAggregate(
                rebuild(session.input()), session.keys(), session.gap(), session.allowedLateness(),
                session.aggregates(), session.lateRows());
        };
        rewritten.put(node, result);
        return result;
    }

    private LogicalNode pruneRead(final LogicalNode.Read read)
    {
        final Set<String> mine = requiredOf(read);
        if (mine == ALL)
        {
            return read;
        }
        final Set<String> keep = new LinkedHashSet<>();
        for (final Field field : read.source().schema().getFields())
        {
            if (mine.contains(field.getName()))
            {
                keep.add(field.getName());
            }
        }
        if (keep.isEmpty() || keep.size() == read.source().schema().getFields().size())
        {
            // nothing to prune (a count(*) over no column still needs the row count of some column)
            return read;
        }
        final Optional<Source> pruned = read.source().withColumns(List.copyOf(keep));
        return pruned.<LogicalNode>map(LogicalNode.Read::new).orElse(read);
    }
}
