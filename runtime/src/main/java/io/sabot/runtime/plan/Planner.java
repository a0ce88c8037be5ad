package io.sabot.runtime.plan;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.sabot.common.SchemaException;
import io.sabot.jit.Projection;
import io.sabot.jit.bind.Binder;
import io.sabot.runtime.operator.FilterOperator;
import io.sabot.runtime.operator.FilterProjectOperator;
import io.sabot.runtime.operator.FusedAggregateOperator;
import io.sabot.runtime.operator.SessionWindowOperator;
import io.sabot.runtime.operator.WindowAggregateOperator;
import io.sabot.runtime.process.KeyedProcessOperator;
import io.sabot.runtime.operator.ProjectOperator;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.source.Source;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns a logical plan into physical stages.
 *
 * <p>Rules: stateless operators (filter, project, flatMap) fuse into the stage that produces their input, so a source
 * stage runs them morsel by morsel. Operators that need all rows with equal keys together start a new stage behind a
 * hash exchange (aggregate, distinct, join — both join inputs are hash-partitioned on their keys); those that need all
 * rows start a stage of parallelism 1 behind a single exchange (sort, top-N, limit, global aggregate), with a local
 * top-N or limit in front of the exchange to cut the rows shipped. On bounded input an aggregate is split into a
 * per-worker partial aggregate before the exchange and a final one after it. With parallelism 1 no exchange is
 * needed and everything fuses into one stage. A node used by several consumers ends its stage; each consumer reads
 * it through a forward exchange.
 *
 * <p>Before that, {@link ColumnPruning} lets sources read only the columns the plan uses (projection pushdown).
 *
 * <p>Type errors (unknown columns, mismatched types) are raised here, before anything runs, as
 * {@link SchemaException}s naming the column.
 */
public final class Planner
{
    private final int parallelism;
    private final Map<LogicalNode, Integer> consumers = new IdentityHashMap<>();
    private final Map<LogicalNode, StageBuilder> shared = new IdentityHashMap<>();
    private final List<StageBuilder> stages = new ArrayList<>();
    private final boolean fuseAggregates;
    private final io.sabot.runtime.state.StateBackends.Factory stateBackends;

    /**
     * @param parallelism the number of instances of parallel stages (the number of workers).
     */
    public Planner(final int parallelism)
    {
        this(parallelism, true);
    }

    /**
     * @param parallelism    the number of instances of parallel stages (the number of workers).
     * @param fuseAggregates whether a bounded aggregation fuses with the filter/projection before it
     *                       ({@link FusedAggregateOperator}); false plans the separate operators.
     */
    public Planner(final int parallelism, final boolean fuseAggregates)
    {
        this(parallelism, fuseAggregates, io.sabot.runtime.state.StateBackends.memory());
    }

    /**
     * @param parallelism    the number of instances of parallel stages (the number of workers).
     * @param fuseAggregates whether bounded aggregations fuse with the filter/projection before them.
     * @param stateBackends  where keyed process functions keep their state.
     */
    public Planner(final int parallelism, final boolean fuseAggregates,
        final io.sabot.runtime.state.StateBackends.Factory stateBackends)
    {
        this.stateBackends = stateBackends;
        if (parallelism < 1)
        {
            throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        this.fuseAggregates = fuseAggregates;
    }

    /**
     * @param roots the writes of a job.
     * @return the physical plan.
     */
    public PhysicalPlan plan(final List<LogicalNode> logicalRoots)
    {
        final List<LogicalNode> roots = ColumnPruning.prune(logicalRoots);
        for (final LogicalNode root : roots)
        {
            count(root);
        }
        for (final LogicalNode root : roots)
        {
            if (!(root instanceof LogicalNode.Write))
            {
                throw new IllegalArgumentException("a job's roots must be writes, got " + root.describe());
            }
            build(root);
        }
        final List<Stage> built = new ArrayList<>(stages.size());
        for (final StageBuilder builder : stages)
        {
            built.add(builder.build());
        }
        return new PhysicalPlan(List.copyOf(built), List.copyOf(roots));
    }

    /**
     * @param node a logical node.
     * @return its output schema (validating the whole subtree).
     */
    public static Schema schemaOf(final LogicalNode node)
    {
        return new Planner(1).build(node).schema;
    }

    private void count(final LogicalNode node)
    {
        final int seen = consumers.merge(node, 1, Integer::sum);
        if (seen == 1)
        {
            for (final LogicalNode input : node.inputs())
            {
                count(input);
            }
        }
    }

    private StageBuilder build(final LogicalNode node)
    {
        if (consumers.getOrDefault(node, 1) > 1)
        {
            StageBuilder producer = shared.get(node);
            if (producer == null)
            {
                producer = buildFresh(node);
                producer.sealed = true;
                shared.put(node, producer);
            }
            return newStage(List.of(new Stage.Input(producer.id, new Exchange.Forward())), producer.parallelism,
                producer.bounded, producer.schema);
        }
        return buildFresh(node);
    }

    private StageBuilder buildFresh(final LogicalNode node)
    {
        return switch (node)
        {
            case LogicalNode.Read read ->
            {
                final StageBuilder stage = newStage(List.of(), parallelism, read.source().bounded(),
                    read.source().schema());
                stage.source = read.source();
                yield stage;
            }
            case LogicalNode.Filter filter ->
            {
                final StageBuilder stage = build(filter.input());
                final Schema schema = stage.schema;
                Binder.bindPredicate(filter.predicate(), schema);
                stage.append(new OperatorSpec(filter.describe(), 1,
                    () -> new FilterOperator(filter.predicate(), schema)), schema);
                stage.lastFilter = filter;
                stage.lastFilterInput = schema;
                yield stage;
            }
            case LogicalNode.Project project ->
            {
                final StageBuilder stage = build(project.input());
                final Schema output = Schemas.project(stage.schema, project.projections());
                List<Projection> projections = project.projections();
                Schema input = stage.schema;
                final LogicalNode.Filter filter = stage.lastFilter;
                final Schema filterInput = stage.lastFilterInput;
                boolean dropped = false;
                if (stage.lastProjections != null)
                {
                    // project over project: one projection over the first one's input
                    projections = compose(projections, stage.lastProjections);
                    input = stage.lastProjectInput;
                    stage.dropLast();
                    dropped = true;
                }
                final List<Projection> finalProjections = projections;
                final Schema projectInput = input;
                if (filter != null && filterInput == input && Schemas.compilable(projections, input))
                {
                    // filter then project: one fused loop, surviving rows projected straight from the input
                    if (!dropped)
                    {
                        stage.dropLast();
                    }
                    stage.append(new OperatorSpec("FilterProject " + filter.predicate() + " -> " +
                        describe(finalProjections), 1,
                        () -> new FilterProjectOperator(filter.predicate(), finalProjections, filterInput)), output);
                    stage.lastFilter = filter;
                    stage.lastFilterInput = filterInput;
                }
                else
                {
                    if (dropped && filter != null && filterInput == input)
                    {
                        // the dropped operator was a fused filter+project: keep its filter
                        stage.append(new OperatorSpec(filter.describe(), 1,
                            () -> new FilterOperator(filter.predicate(), filterInput)), filterInput);
                    }
                    stage.append(new OperatorSpec("Project " + describe(finalProjections), 1,
                        () -> new ProjectOperator(finalProjections, projectInput)), output);
                }
                stage.lastProjections = finalProjections;
                stage.lastProjectInput = projectInput;
                yield stage;
            }
            case LogicalNode.FlatMap flatMap ->
            {
                final StageBuilder stage = build(flatMap.input());
                stage.append(StatefulOps.flatMap(flatMap), flatMap.outputSchema());
                yield stage;
            }
            case LogicalNode.Union union ->
            {
                final List<Stage.Input> inputs = new ArrayList<>();
                Schema schema = null;
                boolean bounded = true;
                for (final LogicalNode in : union.inputs())
                {
                    final StageBuilder producer = build(in);
                    if (schema == null)
                    {
                        schema = producer.schema;
                    }
                    else
                    {
                        Schemas.sameSchema(schema, producer.schema, "union");
                    }
                    bounded &= producer.bounded;
                    producer.sealed = true;
                    inputs.add(new Stage.Input(producer.id, new Exchange.Forward()));
                }
                final StageBuilder stage = newStage(inputs, parallelism, bounded, schema);
                stage.append(StatefulOps.union(union.inputs().size(), schema), schema);
                yield stage;
            }
            case LogicalNode.Aggregate aggregate -> aggregate(aggregate);
            case LogicalNode.EventTime eventTime ->
            {
                final StageBuilder stage = build(eventTime.input());
                if (stage.source == null || !stage.chain.isEmpty() || stage.sealed)
                {
                    throw new SchemaException("withEventTime must be called on a source stream (watermarks are " +
                        "generated where the source is read, in source order)");
                }
                final org.apache.arrow.vector.types.pojo.ArrowType type = Schemas.field(stage.schema,
                    eventTime.column()).getType();
                if (!WindowAggregateOperator.isEventTimeType(type))
                {
                    throw new SchemaException("event-time column '" + eventTime.column() + "' is " + type +
                        "; expected int64 milliseconds or timestamp[ms]");
                }
                stage.eventTime = new Stage.EventTime(eventTime.column(), eventTime.maxOutOfOrderness(),
                    eventTime.idleTimeout());
                yield stage;
            }
            case LogicalNode.WindowAggregate window -> window(window);
            case LogicalNode.SessionWindowAggregate session -> sessionWindow(session);
            case LogicalNode.ProcessingTimeWindowAggregate window -> processingTimeWindow(window);
            case LogicalNode.ProcessingTimeSessionWindowAggregate session -> processingTimeSessionWindow(session);
            case LogicalNode.KeyedProcess process ->
            {
                final StageBuilder producer = build(process.input());
                final Schema input = producer.schema;
                for (final String key : process.keys())
                {
                    Schemas.field(input, key);
                }
                final StageBuilder stage = exchange(producer, new Exchange.Hash(process.keys()), parallelism);
                stage.append(new OperatorSpec(process.describe(), 1, () -> new KeyedProcessOperator(process.keys(),
                    process.factory(), input, process.outputSchema(), null, stateBackends)),
                    process.outputSchema());
                yield stage;
            }
            case LogicalNode.Join join -> join(join);
            case LogicalNode.Sort sort ->
            {
                final StageBuilder producer = build(sort.input());
                if (!producer.bounded)
                {
                    throw new SchemaException("sort needs bounded input: an unbounded stream has no last row " +
                        "(use topN for a running top-N, or a window)");
                }
                for (final var key : sort.keys())
                {
                    Schemas.field(producer.schema, key.column());
                }
                final StageBuilder stage = exchange(producer, new Exchange.Single(), 1);
                stage.append(StatefulOps.sort(sort, stage.schema), stage.schema);
                yield stage;
            }
            case LogicalNode.TopN topN ->
            {
                final StageBuilder producer = build(topN.input());
                for (final var key : topN.keys())
                {
                    Schemas.field(producer.schema, key.column());
                }
                if (producer.parallelism > 1 && producer.bounded)
                {
                    producer.append(StatefulOps.topN(topN, producer.schema, true), producer.schema);
                }
                final StageBuilder stage = exchange(producer, new Exchange.Single(), 1);
                stage.append(StatefulOps.topN(topN, stage.schema, false), stage.schema);
                yield stage;
            }
            case LogicalNode.Distinct distinct ->
            {
                final StageBuilder producer = build(distinct.input());
                final List<String> columns = distinct.columns().isEmpty() ? Schemas.names(producer.schema) :
                    distinct.columns();
                for (final String column : columns)
                {
                    Schemas.field(producer.schema, column);
                }
                final StageBuilder stage = exchange(producer, new Exchange.Hash(columns), parallelism);
                stage.append(StatefulOps.distinct(distinct, stage.schema), stage.schema);
                yield stage;
            }
            case LogicalNode.Limit limit ->
            {
                final StageBuilder producer = build(limit.input());
                if (producer.parallelism > 1)
                {
                    producer.append(StatefulOps.limit(limit, true), producer.schema);
                }
                final StageBuilder stage = exchange(producer, new Exchange.Single(), 1);
                stage.append(StatefulOps.limit(limit, false), stage.schema);
                yield stage;
            }
            case LogicalNode.Write write ->
            {
                final StageBuilder producer = build(write.input());
                final Sink sink = write.sink();
                final StageBuilder stage = sink.parallel() ? producer :
                    exchange(producer, new Exchange.Single(), 1);
                stage.sink = sink;
                stage.sealed = true;
                yield stage;
            }
        };
    }

    private StageBuilder aggregate(final LogicalNode.Aggregate aggregate)
    {
        final StageBuilder producer = build(aggregate.input());
        final Schema input = producer.schema;
        final Schema output = Schemas.aggregate(input, aggregate.keys(), aggregate.aggregates());
        final boolean global = aggregate.keys().isEmpty();
        final int target = global ? 1 : parallelism;
        final Exchange exchange = global ? new Exchange.Single() : new Exchange.Hash(aggregate.keys());
        if (producer.parallelism == 1 && target == 1)
        {
            final OperatorSpec fused = fuseAggregate(producer, aggregate, input, StatefulOps.AggregateMode.SINGLE);
            producer.append(fused != null ? fused :
                StatefulOps.aggregate(aggregate, input, output, StatefulOps.AggregateMode.SINGLE), output);
            return producer;
        }
        if (producer.bounded && StatefulOps.canSplitAggregate(aggregate, input))
        {
            final Schema partial = StatefulOps.partialSchema(aggregate, input);
            final OperatorSpec fused = fuseAggregate(producer, aggregate, input, StatefulOps.AggregateMode.PARTIAL);
            producer.append(fused != null ? fused :
                StatefulOps.aggregate(aggregate, input, partial, StatefulOps.AggregateMode.PARTIAL), partial);
            final StageBuilder stage = exchange(producer, exchange, target);
            stage.append(StatefulOps.aggregate(aggregate, partial, output, StatefulOps.AggregateMode.FINAL), output);
            return stage;
        }
        final StageBuilder stage = exchange(producer, exchange, target);
        stage.append(StatefulOps.aggregate(aggregate, input, output, StatefulOps.AggregateMode.SINGLE), output);
        return stage;
    }

    /**
     * A keyed aggregation of bounded input right after the stage's filter and/or projection becomes one
     * {@link FusedAggregateOperator} (the filter, the projection and the accumulator updates in one generated loop),
     * replacing that operator; {@code null} (and the stage untouched) when the shape does not qualify.
     */
    private OperatorSpec fuseAggregate(final StageBuilder producer, final LogicalNode.Aggregate aggregate,
        final Schema input, final StatefulOps.AggregateMode mode)
    {
        if (!producer.bounded || !fuseAggregates || aggregate.keys().isEmpty() ||
            StatefulOps.hasUserAggregates(aggregate.aggregates()))
        {
            // a global aggregate keeps the vectorized filter and SIMD reductions (GlobalAggregateOperator): measured
            // faster than per-row accumulation (filter + sum 23 vs 70 ms, TPC-H Q6 35 vs 41 ms)
            return null;
        }
        final io.sabot.jit.expr.Expr predicate;
        final List<Projection> projections;
        final Schema fusedInput;
        if (producer.lastProjections != null)
        {
            projections = producer.lastProjections;
            fusedInput = producer.lastProjectInput;
            predicate = producer.lastFilter != null && producer.lastFilterInput == fusedInput ?
                producer.lastFilter.predicate() : null;
        }
        else if (producer.lastFilter != null)
        {
            projections = null;
            fusedInput = producer.lastFilterInput;
            predicate = producer.lastFilter.predicate();
        }
        else
        {
            return null;
        }
        final List<io.sabot.runtime.operator.Aggregate> aggregates = StatefulOps.aggregates(aggregate.aggregates());
        if (!FusedAggregateOperator.supports(projections, fusedInput, aggregate.keys(), aggregates))
        {
            return null;
        }
        final Schema partial = StatefulOps.partialSchema(aggregate, input);
        final io.sabot.runtime.operator.AggregateOperator.Mode operatorMode =
            mode == StatefulOps.AggregateMode.SINGLE ? io.sabot.runtime.operator.AggregateOperator.Mode.SINGLE :
                io.sabot.runtime.operator.AggregateOperator.Mode.PARTIAL;
        producer.dropLast();
        final List<String> keys = aggregate.keys();
        return new OperatorSpec((mode == StatefulOps.AggregateMode.PARTIAL ? "Partial " : "") +
            aggregate.describe() + " fused with" + (predicate == null ? "" : " filter " + predicate) +
            (projections == null ? "" : " project " + describe(projections)), 1,
            () -> new FusedAggregateOperator(operatorMode, predicate, projections, fusedInput, keys, aggregates,
                partial));
    }

    private StageBuilder window(final LogicalNode.WindowAggregate window)
    {
        final String time = ColumnPruning.eventTimeColumn(window.input());
        final StageBuilder producer = build(window.input());
        final Schema input = producer.schema;
        final Schema output = WindowAggregateOperator.outputSchema(input, window.keys(), time,
            Schemas.aggregate(input, window.keys(), window.aggregates()));
        final List<io.sabot.runtime.operator.Aggregate> aggregates = StatefulOps.aggregates(window.aggregates());
        final StageBuilder stage = byKeys(producer, window.keys());
        final io.sabot.runtime.sink.Sink late = window.lateRows();
        stage.append(new OperatorSpec(window.describe(), 1, () -> new WindowAggregateOperator(window.keys(), time,
            window.size(), window.slide(), window.allowedLateness(), aggregates, late),
            late == null ? List.of() : List.of(late)), output);
        return stage;
    }

    /** A new stage fed by hash on {@code keys} at full parallelism, or by one instance without keys. */
    private StageBuilder byKeys(final StageBuilder producer, final List<String> keys)
    {
        return keys.isEmpty() ? exchange(producer, new Exchange.Single(), 1) :
            exchange(producer, new Exchange.Hash(keys), parallelism);
    }

    private StageBuilder sessionWindow(final LogicalNode.SessionWindowAggregate session)
    {
        final String time = ColumnPruning.eventTimeColumn(session.input());
        final StageBuilder producer = build(session.input());
        final Schema input = producer.schema;
        final Schema output = WindowAggregateOperator.outputSchema(input, session.keys(), time,
            Schemas.aggregate(input, session.keys(), session.aggregates()));
        final List<io.sabot.runtime.operator.Aggregate> aggregates = StatefulOps.aggregates(session.aggregates());
        final StageBuilder stage = byKeys(producer, session.keys());
        final io.sabot.runtime.sink.Sink late = session.lateRows();
        stage.append(new OperatorSpec(session.describe(), 1, () -> new SessionWindowOperator(session.keys(), time,
            session.gap(), session.allowedLateness(), aggregates, late),
            late == null ? List.of() : List.of(late)), output);
        return stage;
    }

    /** Like {@link #window}, with rows assigned by the operator's clock: no event time needed upstream. */
    private StageBuilder processingTimeWindow(final LogicalNode.ProcessingTimeWindowAggregate window)
    {
        final StageBuilder producer = build(window.input());
        final Schema input = producer.schema;
        final Schema output = WindowAggregateOperator.processingTimeOutputSchema(window.keys(),
            Schemas.aggregate(input, window.keys(), window.aggregates()));
        final List<io.sabot.runtime.operator.Aggregate> aggregates = StatefulOps.aggregates(window.aggregates());
        final StageBuilder stage = byKeys(producer, window.keys());
        stage.append(new OperatorSpec(window.describe(), 1, () -> WindowAggregateOperator.processingTime(
            window.keys(), window.size(), window.slide(), aggregates)), output);
        return stage;
    }

    /** Like {@link #sessionWindow}, with rows timed by the operator's clock: no event time needed upstream. */
    private StageBuilder processingTimeSessionWindow(final LogicalNode.ProcessingTimeSessionWindowAggregate session)
    {
        final StageBuilder producer = build(session.input());
        final Schema input = producer.schema;
        final Schema output = WindowAggregateOperator.processingTimeOutputSchema(session.keys(),
            Schemas.aggregate(input, session.keys(), session.aggregates()));
        final List<io.sabot.runtime.operator.Aggregate> aggregates = StatefulOps.aggregates(session.aggregates());
        final StageBuilder stage = byKeys(producer, session.keys());
        stage.append(new OperatorSpec(session.describe(), 1, () -> SessionWindowOperator.processingTime(
            session.keys(), session.gap(), aggregates)), output);
        return stage;
    }

    private StageBuilder join(final LogicalNode.Join join)
    {
        if (join.leftKeys().size() != join.rightKeys().size() || join.leftKeys().isEmpty())
        {
            throw new SchemaException("join needs the same number (>= 1) of keys on both sides, got " +
                join.leftKeys() + " and " + join.rightKeys());
        }
        final StageBuilder left = build(join.left());
        final StageBuilder right = build(join.right());
        for (int k = 0; k < join.leftKeys().size(); k++)
        {
            final Field l = Schemas.field(left.schema, join.leftKeys().get(k));
            final Field r = Schemas.field(right.schema, join.rightKeys().get(k));
            if (!l.getType().equals(r.getType()))
            {
                throw new SchemaException("join key '" + l.getName() + "' is " + l.getType() + " but '" +
                    r.getName() + "' is " + r.getType() + "; cast one side so the types match");
            }
        }
        final Schema output = StatefulOps.joinSchema(join, left.schema, right.schema);
        left.sealed = true;
        right.sealed = true;
        final boolean single = parallelism == 1;
        final Exchange leftExchange = single ? new Exchange.Single() : new Exchange.Hash(join.leftKeys());
        final Exchange rightExchange = single ? new Exchange.Single() : new Exchange.Hash(join.rightKeys());
        final StageBuilder stage = newStage(List.of(new Stage.Input(left.id, leftExchange),
            new Stage.Input(right.id, rightExchange)), parallelism, left.bounded && right.bounded, output);
        stage.append(StatefulOps.join(join, left.schema, right.schema), output);
        return stage;
    }

    private static List<Projection> compose(final List<Projection> outer, final List<Projection> inner)
    {
        final Map<String, io.sabot.jit.expr.Expr> definitions = new java.util.HashMap<>();
        for (final Projection projection : inner)
        {
            definitions.put(projection.name(), projection.expr());
        }
        final List<Projection> composed = new ArrayList<>(outer.size());
        for (final Projection projection : outer)
        {
            composed.add(new Projection(projection.name(), ExprRewriter.substitute(projection.expr(), definitions)));
        }
        return composed;
    }

    private static String describe(final List<Projection> projections)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < projections.size(); i++)
        {
            final Projection p = projections.get(i);
            sb.append(i == 0 ? "" : ", ").append(p.name()).append(" := ").append(p.expr());
        }
        return sb.toString();
    }

    /** Ends {@code producer} at an exchange, or keeps appending to it when no exchange is needed. */
    private StageBuilder exchange(final StageBuilder producer, final Exchange exchange, final int target)
    {
        if (producer.parallelism == 1 && target == 1 && !producer.sealed)
        {
            return producer;
        }
        producer.sealed = true;
        return newStage(List.of(new Stage.Input(producer.id, exchange)), target, producer.bounded, producer.schema);
    }

    private StageBuilder newStage(final List<Stage.Input> inputs, final int stageParallelism, final boolean bounded,
                                  final Schema schema)
    {
        final StageBuilder stage = new StageBuilder(stages.size(), inputs, stageParallelism, bounded, schema);
        stages.add(stage);
        return stage;
    }

    private static final class StageBuilder
    {
        final int id;
        final List<Stage.Input> inputs;
        final int parallelism;
        final boolean bounded;
        final List<OperatorSpec> chain = new ArrayList<>();
        Source source;
        Stage.EventTime eventTime;
        Sink sink;
        Schema schema;
        boolean sealed;
        /** The filter at the chain's end (alone or fused with a projection), so a projection can fuse with it. */
        LogicalNode.Filter lastFilter;
        Schema lastFilterInput;
        /** The projection at the chain's end and its input, so a following projection can be merged into it. */
        List<Projection> lastProjections;
        Schema lastProjectInput;

        StageBuilder(final int id, final List<Stage.Input> inputs, final int parallelism, final boolean bounded,
                     final Schema schema)
        {
            this.id = id;
            this.inputs = inputs;
            this.parallelism = parallelism;
            this.bounded = bounded;
            this.schema = schema;
        }

        void append(final OperatorSpec spec, final Schema output)
        {
            if (sealed)
            {
                throw new IllegalStateException("stage " + id + " is sealed");
            }
            chain.add(spec);
            schema = output;
            lastFilter = null;
            lastFilterInput = null;
            lastProjections = null;
            lastProjectInput = null;
        }

        /** Removes the last operator (about to be replaced by a fused one); keeps what is known about it. */
        void dropLast()
        {
            chain.remove(chain.size() - 1);
        }

        Stage build()
        {
            return new Stage(id, source, List.copyOf(inputs), List.copyOf(chain), parallelism, bounded, sink,
                eventTime);
        }
    }
}
