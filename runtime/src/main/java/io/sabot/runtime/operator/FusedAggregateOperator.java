package io.sabot.runtime.operator;

import io.sabot.common.SchemaException;
import io.sabot.jit.CompiledAggregation;
import io.sabot.jit.Projection;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.exec.AccumulatorLayout;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A filter and/or projection followed by a keyed aggregation over bounded input, fused by the planner (whole-stage
 * code generation): per batch, the key columns get perfect-hash group codes ({@link GroupCodes}), and one generated
 * loop ({@link CompiledAggregation}) evaluates the predicate and the aggregate inputs of each row and adds them to
 * the accumulators of its code. Nothing per row is materialized: no projected vectors, no copies of the keys. The
 * accumulators carry over to the next batch while its codes are laid out the same (the usual case: low-cardinality
 * keys see the same values in every batch), so no state leaves per batch; the groups leave as a small batch of
 * partial state, in {@link AggregateOperator}'s PARTIAL format, when the layout changes and at end of input.
 *
 * <pre>
 *   batch --GroupCodes--&gt; codes --CompiledAggregation--&gt; long/double accumulators per code (carried while the
 *         layout stays; bounded input only, so nothing waits for a watermark or a barrier)
 *         --flush on a new layout or at the end--&gt; partial batch (one row per code seen) --&gt; PARTIAL: emitted; SINGLE: a FINAL AggregateOperator
 *   batch whose keys do not fit (wide ranges, longer strings) or a shape the JIT cannot compile:
 *         --&gt; the unfused operators (filter/project, then a PARTIAL AggregateOperator), merged the same way at the end
 * </pre>
 *
 * <p>Results are those of the unfused filter, projection and aggregation: counts, integer and decimal sums, mins and
 * maxes exactly; float64 sums up to the order of additions; means as a FINAL aggregation computes them.
 *
 * <p>Ownership: input batches are consumed. State lives in the context's allocator (the delegates) and on the heap
 * (accumulators); {@link #close()} frees it. Thread-safety: one thread at a time (the operator contract).
 */
public final class FusedAggregateOperator implements Operator
{
    private final AggregateOperator.Mode mode;
    private final Expr predicate;
    private final List<Projection> projections;
    private final Schema input;
    private final List<String> keys;
    private final List<Aggregate> aggregates;
    private final Schema partial;

    private OperatorContext context;
    private int[] keyColumns;
    /** Per aggregate: its accumulated input, or -1 for count(*). */
    private int[] aggregateInput;
    private CompiledAggregation program;
    private GroupCodes groupCodes;
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private Operator pre;
    private AggregateOperator overflow;
    private AggregateOperator finalPhase;
    private Output downstream;
    /** Whether {@link #longs}/{@link #doubles} hold groups of {@link GroupCodes#keep() the kept layout}. */
    private boolean carrying;

    /** Forwards what the unfused filter/projection emits to the overflow aggregation. */
    private final Output toOverflow = new Forward()
    {
        @Override
        public void emit(final Batch batch)
        {
            overflow.processBatch(0, batch, this);
        }
    };

    /** Delivers partial batches: emitted (PARTIAL) or merged by the final phase (SINGLE). */
    private final Output deliver = new Forward()
    {
        @Override
        public void emit(final Batch batch)
        {
            deliver(batch);
        }
    };

    /**
     * @param mode        SINGLE or PARTIAL.
     * @param predicate   the filter, or {@code null}.
     * @param projections the projection the aggregation reads, or {@code null} for the input columns.
     * @param input       the schema of the input batches.
     * @param keys        the group-by columns (names after the projection); none for a global aggregation (one
     *                    group code).
     * @param aggregates  the aggregates.
     * @param partial     the PARTIAL schema ({@code StatefulOps.partialSchema}).
     */
    public FusedAggregateOperator(final AggregateOperator.Mode mode, final Expr predicate,
        final List<Projection> projections, final Schema input, final List<String> keys,
        final List<Aggregate> aggregates, final Schema partial)
    {
        if (mode == AggregateOperator.Mode.FINAL)
        {
            throw new IllegalArgumentException("a fused aggregation is SINGLE or PARTIAL");
        }
        this.mode = mode;
        this.predicate = predicate;
        this.projections = projections == null ? null : List.copyOf(projections);
        this.input = input;
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
        this.partial = partial;
    }

    /**
     * @param projections the projection or {@code null}.
     * @param input       the input schema.
     * @param keys        the group-by columns.
     * @param aggregates  the aggregates.
     * @return true when every key is an input column of a type with group codes and every aggregate input has an
     *     accumulator (integers, dates, decimals up to 18 digits; float64 except min/max).
     */
    public static boolean supports(final List<Projection> projections, final Schema input, final List<String> keys,
        final List<Aggregate> aggregates)
    {
        try
        {
            for (final String key : keys)
            {
                final Expr expr = definition(projections, key);
                if (!(expr instanceof Expr.Column column) ||
                    !GroupCodes.supports(input.findField(column.name()).getType()))
                {
                    return false;
                }
            }
            for (final Aggregate aggregate : aggregates)
            {
                if (aggregate.column() == null)
                {
                    continue;
                }
                final DataType type = Binder.bindTyped(definition(projections, aggregate.column()), input).bound()
                    .type();
                final boolean extreme = aggregate.function() == Aggregate.Function.MIN ||
                    aggregate.function() == Aggregate.Function.MAX;
                if (!(type == DataType.INT32 || type == DataType.INT64 || type == DataType.FLOAT64 && !extreme))
                {
                    return false;
                }
            }
            return true;
        }
        catch (final RuntimeException e)
        {
            // anything that does not bind here is left to the unfused operators and their errors
            return false;
        }
    }

    private static Expr definition(final List<Projection> projections, final String name)
    {
        if (projections == null)
        {
            return new Expr.Column(name);
        }
        for (final Projection p : projections)
        {
            if (p.name().equals(name))
            {
                return p.expr();
            }
        }
        throw new SchemaException("column '" + name + "' is not produced by the projection " + projections);
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        pre = predicate != null && projections != null ? new FilterProjectOperator(predicate, projections, input) :
            predicate != null ? new FilterOperator(predicate, input) :
                projections != null ? new ProjectOperator(projections, input) : null;
        if (pre != null)
        {
            pre.open(context);
        }
        overflow = new AggregateOperator(AggregateOperator.Mode.PARTIAL, keys, aggregates);
        overflow.open(context);
        if (mode == AggregateOperator.Mode.SINGLE)
        {
            finalPhase = new AggregateOperator(AggregateOperator.Mode.FINAL, keys, aggregates);
            finalPhase.open(context);
        }
        keyColumns = new int[keys.size()];
        final ArrowType[] keyTypes = new ArrowType[keys.size()];
        for (int k = 0; k < keys.size(); k++)
        {
            final String column = ((Expr.Column)definition(projections, keys.get(k))).name();
            keyColumns[k] = Batches.indexOf(input, column, "group-by");
            keyTypes[k] = input.getFields().get(keyColumns[k]).getType();
        }
        groupCodes = new GroupCodes(keyTypes);
        compile();
    }

    /** Builds the inputs (one per distinct aggregated column) and compiles; leaves {@link #program} null if not. */
    private void compile()
    {
        final Map<String, Integer> index = new HashMap<>();
        final List<Projection> inputs = new ArrayList<>();
        final List<boolean[]> flags = new ArrayList<>();
        aggregateInput = new int[aggregates.size()];
        for (int a = 0; a < aggregates.size(); a++)
        {
            final Aggregate aggregate = aggregates.get(a);
            if (aggregate.column() == null)
            {
                aggregateInput[a] = -1;
                continue;
            }
            final int j = index.computeIfAbsent(aggregate.column(), c ->
            {
                inputs.add(new Projection(c, definition(projections, c)));
                flags.add(new boolean[3]);
                return inputs.size() - 1;
            });
            aggregateInput[a] = j;
            final boolean[] f = flags.get(j);
            switch (aggregate.function())
            {
                case SUM, MEAN -> f[0] = true;
                case MIN -> f[1] = true;
                case MAX -> f[2] = true;
                default ->
                {
                }
            }
        }
        if (inputs.isEmpty())
        {
            // count(*) only: a constant input keeps the program's shape simple
            inputs.add(new Projection("$one", io.sabot.jit.expr.Exprs.lit(1)));
            flags.add(new boolean[3]);
        }
        final boolean[] sums = new boolean[inputs.size()];
        final boolean[] mins = new boolean[inputs.size()];
        final boolean[] maxes = new boolean[inputs.size()];
        for (int j = 0; j < inputs.size(); j++)
        {
            sums[j] = flags.get(j)[0];
            mins[j] = flags.get(j)[1];
            maxes[j] = flags.get(j)[2];
        }
        try
        {
            final CompiledAggregation compiled = context.compiler().compileAggregation(predicate, inputs, sums, mins,
                maxes, input);
            program = compiled.isCompiled() ? compiled : null;
        }
        catch (final IllegalArgumentException e)
        {
            program = null;
        }
    }

    @Override
    public void processBatch(final int in, final Batch batch, final Output out)
    {
        downstream = out;
        final boolean fits;
        try
        {
            fits = program != null && Batches.liveRows(batch) > 0 && groupCodes.assign(batch, keyColumns);
        }
        catch (final RuntimeException | Error e)
        {
            batch.close();
            throw e;
        }
        if (!fits)
        {
            unfused(batch);
            return;
        }
        Batch groups = null;
        try (batch)
        {
            if (carrying && !groupCodes.sameAsKept())
            {
                // the codes mean other keys now: the carried groups leave first
                carrying = false;
                groups = flush();
            }
            if (!carrying)
            {
                final AccumulatorLayout layout = program.layout();
                final int total = groupCodes.total();
                final int longCount = total * layout.longStride();
                final int doubleCount = total * layout.doubleStride();
                if (longs.length < longCount)
                {
                    longs = new long[longCount];
                }
                if (doubles.length < doubleCount)
                {
                    doubles = new double[doubleCount];
                }
                Arrays.fill(longs, 0, longCount, 0L);
                Arrays.fill(doubles, 0, doubleCount, 0.0);
                groupCodes.keep();
                carrying = true;
            }
            program.accumulate(batch, groupCodes.codes(), longs, doubles);
        }
        catch (final RuntimeException | Error e)
        {
            if (groups != null)
            {
                groups.close();
            }
            throw e;
        }
        if (groups != null)
        {
            deliver(groups);
        }
    }

    private void unfused(final Batch batch)
    {
        if (pre == null)
        {
            overflow.processBatch(0, batch, toOverflow);
        }
        else
        {
            pre.processBatch(0, batch, toOverflow);
        }
    }

    private void deliver(final Batch groups)
    {
        if (finalPhase == null)
        {
            downstream.emit(groups);
        }
        else
        {
            finalPhase.processBatch(0, groups, downstream);
        }
    }

    /** @return the partial state of the carried codes that saw rows, or null when none did. */
    private Batch flush()
    {
        final AccumulatorLayout layout = program.layout();
        final int total = groupCodes.keptTotal();
        final int stride = layout.longStride();
        int groups = 0;
        for (int c = 0; c < total; c++)
        {
            groups += longs[c * stride + AccumulatorLayout.COUNT_ALL] != 0 ? 1 : 0;
        }
        if (groups == 0)
        {
            return null;
        }
        final BufferAllocator allocator = context.allocator();
        final List<FieldVector> columns = new ArrayList<>(partial.getFields().size());
        try
        {
            for (final Field field : partial.getFields())
            {
                final FieldVector v = field.createVector(allocator);
                v.setInitialCapacity(groups);
                v.allocateNew();
                columns.add(v);
            }
            int row = 0;
            for (int c = 0; c < total; c++)
            {
                final int base = c * stride;
                if (longs[base + AccumulatorLayout.COUNT_ALL] == 0)
                {
                    continue;
                }
                for (int k = 0; k < keyColumns.length; k++)
                {
                    groupCodes.writeKey(k, c, columns.get(k), row);
                }
                int col = keyColumns.length;
                for (int a = 0; a < aggregates.size(); a++)
                {
                    final int j = aggregateInput[a];
                    switch (aggregates.get(a).function())
                    {
                        case COUNT_ALL -> ((BigIntVector)columns.get(col++)).set(row,
                            longs[base + AccumulatorLayout.COUNT_ALL]);
                        case COUNT -> ((BigIntVector)columns.get(col++)).set(row, longs[base + layout.count(j)]);
                        case SUM -> writeSum(columns.get(col++), row, layout, j, c);
                        case MIN -> writeValue(columns.get(col++), row, layout, j, base, layout.min(j));
                        case MAX -> writeValue(columns.get(col++), row, layout, j, base, layout.max(j));
                        case MEAN ->
                        {
                            writeSum(columns.get(col++), row, layout, j, c);
                            ((BigIntVector)columns.get(col++)).set(row, longs[base + layout.count(j)]);
                        }
                    }
                }
                row++;
            }
            for (final FieldVector v : columns)
            {
                v.setValueCount(groups);
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            Batches.closeAll(columns);
            throw e;
        }
    }

    /** A sum: null without values; decimal(38, s) from the 128-bit accumulator, int64 its low word, or a double. */
    private void writeSum(final FieldVector out, final int row, final AccumulatorLayout layout, final int j,
        final int code)
    {
        final int base = code * layout.longStride();
        if (longs[base + layout.count(j)] == 0)
        {
            out.setNull(row);
            return;
        }
        switch (out)
        {
            case Float8Vector v -> v.set(row, doubles[code * layout.doubleStride() + layout.doubleSum(j)]);
            case BigIntVector v -> v.set(row, longs[base + layout.sum(j)]);
            case DecimalVector v -> set128(v, row, longs[base + layout.sum(j)], longs[base + layout.sum(j) + 1]);
            default -> throw new IllegalStateException("sum into " + out.getField());
        }
    }

    /** A min or max: null without values, else the value in the input's own type. */
    private void writeValue(final FieldVector out, final int row, final AccumulatorLayout layout, final int j,
        final int base, final int at)
    {
        if (longs[base + layout.count(j)] == 0)
        {
            out.setNull(row);
            return;
        }
        final long value = longs[base + at];
        switch (out)
        {
            case BigIntVector v -> v.set(row, value);
            case IntVector v -> v.set(row, (int)value);
            case DateDayVector v -> v.set(row, (int)value);
            case DecimalVector v -> set128(v, row, value, value >> 63);
            default -> throw new IllegalStateException("min/max into " + out.getField());
        }
    }

    private static void set128(final DecimalVector v, final int row, final long lo, final long hi)
    {
        final ArrowBuf data = v.getDataBuffer();
        data.setLong(16L * row, lo);
        data.setLong(16L * row + 8, hi);
        BitVectorHelper.setBit(v.getValidityBuffer(), row);
    }

    @Override
    public void endOfInput(final int in, final Output out)
    {
        downstream = out;
        if (carrying)
        {
            carrying = false;
            final Batch groups = flush();
            if (groups != null)
            {
                deliver(groups);
            }
        }
        if (pre != null)
        {
            pre.endOfInput(0, toOverflow);
        }
        overflow.endOfInput(0, deliver);
        if (finalPhase != null)
        {
            finalPhase.endOfInput(0, out);
        }
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (final Operator op : new Operator[] {pre, overflow, finalPhase})
        {
            if (op == null)
            {
                continue;
            }
            try
            {
                op.close();
            }
            catch (final RuntimeException e)
            {
                if (failure == null)
                {
                    failure = e;
                }
                else
                {
                    failure.addSuppressed(e);
                }
            }
        }
        longs = new long[0];
        doubles = new double[0];
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public String toString()
    {
        return "FusedAggregate " + mode + (predicate == null ? "" : " where " + predicate) + " by " + keys + " " +
            aggregates + (program == null ? " (unfused)" : "");
    }

    /** An output that only takes batches (watermarks and barriers never arrive inside this operator). */
    private abstract static class Forward implements Output
    {
        @Override
        public void emitWatermark(final Watermark watermark)
        {
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
        }
    }
}
