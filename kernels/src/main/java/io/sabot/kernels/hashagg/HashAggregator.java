package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Incremental vectorized hash aggregation: {@code GROUP BY} one or more key columns with count, sum, min, max and
 * mean per group, fed any number of batches, emitting the current result on request.
 *
 * <pre>{@code
 * try (HashAggregator agg = HashAggregator.builder(allocator).groupBy("k").sum("v").count().build())
 * {
 *     agg.add(batch1);
 *     agg.add(batch2);
 *     try (Batch result = agg.result(allocator))   // columns: k, sum(v), count(*)
 *     {
 *         ...
 *     }
 *     agg.add(batch3);                             // keeps aggregating; the next result includes batch3
 * }
 * }</pre>
 *
 * <p><b>Keys.</b> int8/16/32/64, float32/64, date32/64, time32/64, timestamp (any unit or zone), boolean and utf8,
 * alone or mixed. Float keys compare by canonical value: every NaN is one group and {@code -0.0} is the group of
 * {@code 0.0} (emitted as {@code 0.0}). A null key is a group of its own (SQL {@code GROUP BY}); with several key
 * columns each column's nullness is part of the key.
 *
 * <p><b>Aggregates</b> (output column names in parentheses): {@code count()} ("count(*)") counts rows;
 * {@code count(c)} ("count(c)") counts non-null values of any key-capable type; {@code sum(c)} ("sum(c)") over
 * integers is int64 with two's-complement wrap-around on overflow, over floats float64, over decimal128(p, s)
 * decimal(38, s), exact (128-bit; a sum beyond 38 digits raises {@link io.sabot.common.DataException} naming the
 * column, after the batch that reached it has been applied, so discard the aggregator then); {@code min(c)} /
 * {@code max(c)} ("min(c)", "max(c)") also accept date, time and timestamp and keep the input type, floats follow
 * {@code fmin}/{@code fmax} (NaN ignored unless all values are NaN); {@code mean(c)} ("mean(c)") is float64 (a
 * float64 sum divided by the count). Nulls are skipped; a group whose inputs were all null has count 0 and a null
 * sum, min, max and mean. Over decimals, {@code min}/{@code max} keep decimal(p, s) and {@code mean} is float64
 * computed as DuckDB 2.0's {@code avg} (the exact sum cast to double as DuckDB casts decimal to double, divided by
 * the count; see {@code DecimalAverage}). Decimal columns cannot be group-by keys.
 *
 * <p><b>Parallel pre-aggregation.</b> Each worker feeds its own aggregator and emits {@link #partialResult}; a final
 * aggregator with the same builder configuration {@link #merge merges} those batches and its {@link #result} equals
 * one aggregator over all rows (exactly, except float64 sums and float means, whose addition order differs).
 *
 * <p><b>Update streams.</b> With {@link Builder#trackUpdates()}, {@link #updatedResults} returns after each batch
 * (or any number of batches) the current rows of only the groups touched since the previous call.
 *
 * <p><b>Snapshots.</b> {@link #partialResult} plus {@link #inputTypes()} capture an aggregator fed by {@code add};
 * {@link #restore} loads them into a new one (or several, each taking the groups a selection names), which then
 * continues exactly as the original would.
 *
 * <p><b>Output.</b> {@link #result(BufferAllocator)} returns one row per group, in order of first appearance: the key
 * columns (named as in {@link Builder#groupBy}, types as in the input, nullable) then one column per aggregate in
 * builder order.
 *
 * <p><b>Schema.</b> Columns are found by name in each {@link Batch} (an unknown name raises {@link SchemaException}
 * naming it). The first batch fixes every column's type; a later batch with another type raises
 * {@link SchemaException}. The types stay fixed across {@link #reset()}.
 *
 * <p><b>Memory.</b> Everything (hash table, keys, utf8 key bytes, accumulators, scratch) is off-heap, allocated from
 * the allocator given to {@link #builder(BufferAllocator)}, so it is accounted and limited there. When that allocator
 * refuses memory, {@link #add} raises {@link AggregationMemoryException} and applies none of that batch: every group
 * accepted before stays intact and the aggregator remains usable and closable. Steady-state {@code add} calls (no new
 * groups beyond capacity) do not allocate.
 *
 * <p><b>Ownership and threads.</b> Inputs are read, never closed or retained past the call. The result batch belongs
 * to the caller. Not thread-safe: one thread at a time; use one aggregator per thread and merge if needed.
 */
public final class HashAggregator implements AutoCloseable
{
    private static final String SUPPORTED_KEYS =
        "int8/16/32/64, float32/64, date, time, timestamp, boolean, utf8";

    /** What an aggregate computes. */
    private enum Function
    {
        COUNT_ALL, COUNT, SUM, MIN, MAX, MEAN
    }

    private final BufferAllocator allocator;
    private final String[] keyNames;
    private final Function[] functions;
    private final String[] inputNames;
    private final String[] outputNames;
    private final int columnAggregates;
    private final FieldVector[] keyVectors;
    private final FieldVector[] inputVectors;
    /** The count column of a mean's partial state, during {@link #merge}; else null entries. */
    private final FieldVector[] secondVectors;
    /** For a decimal mean sharing a sum's state: the index of that sum, else -1. */
    private final int[] sharedWith;
    private final OffHeapBuffer gids;
    private final boolean trackUpdates;
    /** Per group: 1 when touched since the last {@link #updatedResults}. */
    private final OffHeapBuffer touchedFlags;
    /** The touched groups, in order of first touch since the last {@link #updatedResults}. */
    private final OffHeapBuffer touchedList;
    private int touchedCount;
    /** {@code null} until the first batch; then true for an aggregator fed by {@link #merge}. */
    private Boolean merging;

    /** Lane counters and per-group row counts of the current batch, for few groups (see Accumulator#rowsPerGroup). */
    private final long[] histogram = new long[Accumulator.LANES * Accumulator.LANE_GROUPS];
    private final long[] rowsPerGroup = new long[Accumulator.LANE_GROUPS];
    /** How many accumulators use the shared per-group row counts. */
    private int rowCountUsers;
    private Field[] keyFields;
    private GroupTable table;
    private Accumulator[] accumulators;
    private boolean closed;

    private HashAggregator(final Builder builder)
    {
        this.allocator = builder.allocator;
        this.keyNames = builder.keys.toArray(new String[0]);
        this.functions = builder.functions.toArray(new Function[0]);
        this.inputNames = builder.inputs.toArray(new String[0]);
        this.outputNames = new String[functions.length];
        int withInput = 0;
        for (int a = 0; a < functions.length; a++)
        {
            outputNames[a] = outputName(functions[a], inputNames[a]);
            if (inputNames[a] != null)
            {
                withInput++;
            }
        }
        this.columnAggregates = withInput;
        this.keyVectors = new FieldVector[keyNames.length];
        this.inputVectors = new FieldVector[functions.length];
        this.secondVectors = new FieldVector[functions.length];
        this.sharedWith = new int[functions.length];
        Arrays.fill(sharedWith, -1);
        this.gids = new OffHeapBuffer(allocator);
        this.trackUpdates = builder.trackUpdates;
        this.touchedFlags = new OffHeapBuffer(allocator);
        this.touchedList = new OffHeapBuffer(allocator);
    }

    /**
     * @param allocator where all of the aggregator's memory comes from; it must outlive the aggregator.
     * @return a builder; name the key columns with {@link Builder#groupBy} and add aggregates.
     */
    public static Builder builder(final BufferAllocator allocator)
    {
        return new Builder(allocator);
    }

    private static String outputName(final Function function, final String input)
    {
        return switch (function)
        {
            case COUNT_ALL -> "count(*)";
            case COUNT -> "count(" + input + ")";
            case SUM -> "sum(" + input + ")";
            case MIN -> "min(" + input + ")";
            case MAX -> "max(" + input + ")";
            case MEAN -> "mean(" + input + ")";
        };
    }

    /**
     * @return the output column names of the aggregates, in builder order (e.g. {@code "sum(amount)"}).
     */
    public List<String> aggregateNames()
    {
        return List.of(outputNames);
    }

    /**
     * @return the number of groups seen since creation or the last {@link #reset()}.
     */
    public int groupCount()
    {
        return table == null ? 0 : table.groupCount();
    }

    /**
     * Aggregates the rows of {@code batch} (its selection if it has one), finding columns by name.
     *
     * @param batch the input; read, not closed, not retained.
     * @throws SchemaException            for an unknown column or a type that is not supported or changed.
     * @throws AggregationMemoryException when the allocator refuses memory; the batch is then not applied at all.
     */
    public void add(final Batch batch)
    {
        ensureOpen();
        ensureMode(false);
        for (int k = 0; k < keyNames.length; k++)
        {
            keyVectors[k] = batch.column(keyNames[k]);
        }
        for (int a = 0; a < functions.length; a++)
        {
            inputVectors[a] = inputNames[a] == null ? null : batch.column(inputNames[a]);
        }
        final SelectionVector selection = batch.selection();
        if (selection == null)
        {
            addRows(0, batch.rowCount(), null, null, false);
        }
        else
        {
            addRows(0, selection.count(), selection.segment(), selection, false);
        }
    }

    /**
     * Aggregates {@code rows} of the given vectors, matched by position rather than by name.
     *
     * @param rows      the rows to read (a range or a selection) of every vector.
     * @param keys      one vector per group-by column, in {@link Builder#groupBy} order.
     * @param aggInputs one vector per aggregate that reads a column, in builder order ({@code count()} takes none).
     * @throws SchemaException            for wrong list sizes, unsupported or changed types, or rows outside a vector.
     * @throws AggregationMemoryException when the allocator refuses memory; the rows are then not applied at all.
     */
    public void add(final Rows rows, final List<FieldVector> keys, final List<FieldVector> aggInputs)
    {
        ensureOpen();
        ensureMode(false);
        if (keys.size() != keyNames.length)
        {
            throw new SchemaException("expected " + keyNames.length + " key vectors " + List.of(keyNames) +
                ", got " + keys.size());
        }
        if (aggInputs.size() != columnAggregates)
        {
            throw new SchemaException("expected " + columnAggregates + " aggregate input vectors (one per aggregate " +
                "reading a column), got " + aggInputs.size());
        }
        for (int k = 0; k < keyNames.length; k++)
        {
            keyVectors[k] = requireVector(keys.get(k), keyNames[k]);
        }
        int next = 0;
        for (int a = 0; a < functions.length; a++)
        {
            inputVectors[a] = inputNames[a] == null ? null : requireVector(aggInputs.get(next++), inputNames[a]);
        }
        if (rows.isContiguous())
        {
            addRows(rows.offset(), rows.count(), null, null, false);
        }
        else
        {
            addRows(0, rows.count(), rows.selection().segment(), rows.selection(), false);
        }
    }

    private static FieldVector requireVector(final FieldVector vector, final String name)
    {
        if (vector == null)
        {
            throw new SchemaException("null vector given for column '" + name + "'");
        }
        return vector;
    }

    /**
     * @param restoring the vectors are this aggregator's own partial state ({@link #restore}): types were bound and
     *                  checked by the caller, a shared decimal mean reads its own state column, and restored groups
     *                  do not count as touched.
     */
    private void addRows(final int offset, final int n, final MemorySegment sel, final SelectionVector selection,
        final boolean restoring)
    {
        if (!restoring)
        {
            bindTypes();
        }
        for (int a = 0; a < sharedWith.length && !restoring; a++)
        {
            if (sharedWith[a] >= 0 && inputVectors[a] != inputVectors[sharedWith[a]])
            {
                throw new SchemaException(outputNames[a] + " and " + outputNames[sharedWith[a]] +
                    " read the same column and must be given the same vector");
            }
        }
        checkRows(offset, n, selection);
        if (n == 0)
        {
            return;
        }
        final int before = table.groupCount();
        try
        {
            table.ensureAllocated();
            ensureAccumulatorGroups(table.capacity(), before);
            gids.ensure(4L * n, 0);
            table.bind(keyVectors, offset, sel, n);
            for (int a = 0; a < accumulators.length; a++)
            {
                accumulators[a].bind(inputVectors[a], offset, sel, n, before, table.capacity());
                if (secondVectors[a] != null)
                {
                    accumulators[a].bindSecond(secondVectors[a]);
                }
            }
            final MemorySegment ids = gids.segment();
            int done = table.probe(0, n, ids);
            while (done < n)
            {
                ensureAccumulatorGroups(table.nextCapacity(), table.groupCount());
                table.grow();
                done = table.probe(done, n, ids);
            }
        }
        catch (final OutOfMemoryException e)
        {
            table.rollback(before);
            throw new AggregationMemoryException("hash aggregation ran out of memory in its allocator (limit " +
                allocator.getLimit() + " bytes, " + allocator.getAllocatedMemory() + " allocated) while adding " + n +
                " rows to " + before + " groups; the rows were not applied and the " + before +
                " groups are intact", e);
        }
        catch (final RuntimeException e)
        {
            // Any other failure before the aggregates are touched also leaves the earlier groups as they were.
            table.rollback(before);
            throw e;
        }
        final int after = table.groupCount();
        final MemorySegment ids = gids.segment();
        final long[] perGroup = after <= Accumulator.LANE_GROUPS && rowCountUsers > 0 ? countRows(ids, n, after) : null;
        for (final Accumulator accumulator : accumulators)
        {
            accumulator.init(before, after);
            accumulator.rowsPerGroup = perGroup;
            accumulator.update(ids, n);
        }
        if (trackUpdates && !restoring)
        {
            touch(ids, n, before, after);
        }
        else if (trackUpdates && after > before)
        {
            // restored groups were reported before the snapshot: new ones start untouched
            touchedFlags.segment().asSlice(before, after - before).fill((byte)0);
        }
        for (final Accumulator accumulator : accumulators)
        {
            accumulator.check(after);
        }
    }

    /** @return the rows of the batch per group (few groups), counted on four lanes to avoid a store chain. */
    private long[] countRows(final MemorySegment ids, final int n, final int groups)
    {
        final long[] lanes = histogram;
        for (int i = 0; i < n; i++)
        {
            lanes[(ids.get(Layouts.INT_UNALIGNED, 4L * i) << 2) | (i & 3)]++;
        }
        final long[] perGroup = rowsPerGroup;
        for (int g = 0; g < groups; g++)
        {
            final int at = g << 2;
            perGroup[g] = lanes[at] + lanes[at + 1] + lanes[at + 2] + lanes[at + 3];
            lanes[at] = 0;
            lanes[at + 1] = 0;
            lanes[at + 2] = 0;
            lanes[at + 3] = 0;
        }
        return perGroup;
    }

    /** Appends the groups of this batch not yet touched since the last {@link #updatedResults} to the list. */
    private void touch(final MemorySegment ids, final int n, final int before, final int after)
    {
        final MemorySegment flags = touchedFlags.segment();
        final MemorySegment list = touchedList.segment();
        if (after > before)
        {
            flags.asSlice(before, after - before).fill((byte)0);
        }
        int count = touchedCount;
        for (int i = 0; i < n; i++)
        {
            final int g = ids.get(Layouts.INT_UNALIGNED, 4L * i);
            if (flags.get(Layouts.BYTE, g) == 0)
            {
                flags.set(Layouts.BYTE, g, (byte)1);
                list.set(Layouts.INT_UNALIGNED, 4L * count++, g);
            }
        }
        touchedCount = count;
    }

    private void ensureAccumulatorGroups(final int capacity, final int groups)
    {
        if (trackUpdates)
        {
            touchedFlags.ensure(capacity, groups);
            touchedList.ensure(4L * capacity, 4L * touchedCount);
        }
        for (final Accumulator accumulator : accumulators)
        {
            accumulator.ensureGroups(capacity, groups);
        }
    }

    private void checkRows(final int offset, final int n, final SelectionVector selection)
    {
        int minRows = Integer.MAX_VALUE;
        String shortest = null;
        for (int k = 0; k < keyVectors.length; k++)
        {
            if (keyVectors[k].getValueCount() < minRows)
            {
                minRows = keyVectors[k].getValueCount();
                shortest = keyNames[k];
            }
        }
        for (int a = 0; a < inputVectors.length; a++)
        {
            if (inputVectors[a] != null && inputVectors[a].getValueCount() < minRows)
            {
                minRows = inputVectors[a].getValueCount();
                shortest = inputNames[a];
            }
        }
        if (selection == null)
        {
            if ((long)offset + n > minRows)
            {
                throw new SchemaException("rows [" + offset + ", " + ((long)offset + n) + ") are outside column '" +
                    shortest + "' which has " + minRows + " rows");
            }
        }
        else
        {
            selection.checkWithin(minRows, shortest);
        }
    }

    private void bindTypes()
    {
        if (table != null)
        {
            for (int k = 0; k < keyVectors.length; k++)
            {
                checkSameType(keyNames[k], keyFields[k].getType(), keyVectors[k]);
            }
            for (int a = 0; a < accumulators.length; a++)
            {
                if (inputVectors[a] != null)
                {
                    checkSameType(merging ? stateNames(a)[0] : inputNames[a], accumulators[a].inputType,
                        inputVectors[a]);
                }
            }
            return;
        }
        final ArrowType[] types = new ArrowType[functions.length];
        for (int a = 0; a < functions.length; a++)
        {
            types[a] = inputVectors[a] == null ? null : inputVectors[a].getField().getType();
        }
        createState(types);
    }

    /**
     * Creates the group table for the bound key vectors' types and one accumulator per aggregate for {@code types}
     * (the column each reads; {@code null} for count(*)).
     */
    private void createState(final ArrowType[] types)
    {
        final ColumnKind[] keyKinds = new ColumnKind[keyNames.length];
        final Field[] fields = new Field[keyNames.length];
        for (int k = 0; k < keyNames.length; k++)
        {
            final ArrowType type = keyVectors[k].getField().getType();
            keyKinds[k] = ColumnKind.of(type);
            if (keyKinds[k] == null || keyKinds[k] == ColumnKind.DEC128)
            {
                throw new SchemaException("group-by column '" + keyNames[k] + "' has type " + type +
                    "; hash aggregation groups by " + SUPPORTED_KEYS);
            }
            fields[k] = new Field(keyNames[k], FieldType.nullable(type), null);
        }
        final Accumulator[] created = new Accumulator[functions.length];
        try
        {
            for (int a = 0; a < functions.length; a++)
            {
                created[a] = createAccumulator(a, types[a]);
            }
        }
        catch (final RuntimeException e)
        {
            for (final Accumulator accumulator : created)
            {
                if (accumulator != null)
                {
                    accumulator.close();
                }
            }
            throw e;
        }
        shareDecimalSums(created);
        keyFields = fields;
        accumulators = created;
        for (final Accumulator accumulator : created)
        {
            rowCountUsers += accumulator.usesRowCounts() ? 1 : 0;
        }
        table = new GroupTable(allocator, keyKinds);
    }

    private Accumulator createAccumulator(final int a, final ArrowType type)
    {
        final Accumulator accumulator = newAccumulator(a, type);
        accumulator.merging = merging;
        return accumulator;
    }

    private Accumulator newAccumulator(final int a, final ArrowType type)
    {
        final Function function = functions[a];
        if (function == Function.COUNT_ALL && type == null)
        {
            return new CountAccumulator(allocator, outputNames[a], true);
        }
        final ColumnKind kind = ColumnKind.of(type);
        if (merging && (function == Function.COUNT_ALL || function == Function.COUNT))
        {
            if (kind != ColumnKind.I64)
            {
                throw new SchemaException("partial state column '" + outputNames[a] + "' must be int64, got " + type);
            }
            final Accumulator counter = new CountAccumulator(allocator, outputNames[a], function == Function.COUNT_ALL);
            counter.kind = kind;
            counter.inputType = type;
            return counter;
        }
        final boolean decimal = kind == ColumnKind.DEC128;
        final boolean numeric = type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint;
        final boolean ordered = kind != null && (kind.isInteger() || kind.isFloat());
        final boolean accepted = switch (function)
        {
            case COUNT -> kind != null;
            case SUM, MEAN -> kind != null && (numeric || decimal);
            default -> ordered || decimal;
        };
        if (!accepted)
        {
            throw new SchemaException(outputNames[a] + " cannot read column '" + inputNames[a] + "' of type " + type +
                (function == Function.COUNT ? "" : function == Function.SUM || function == Function.MEAN
                    ? "; it needs a signed integer, floating-point or decimal128 column"
                    : "; it needs a signed integer, floating-point, decimal128, date, time or timestamp column"));
        }
        final Accumulator accumulator;
        if (decimal && function != Function.COUNT)
        {
            accumulator = switch (function)
            {
                case SUM, MEAN ->
                {
                    final DecimalSumAccumulator sum = new DecimalSumAccumulator(allocator, outputNames[a],
                        inputNames[a], function == Function.MEAN);
                    sum.decimalType((ArrowType.Decimal)type);
                    yield sum;
                }
                case MIN -> new DecimalMinMaxAccumulator(allocator, outputNames[a], true);
                case MAX -> new DecimalMinMaxAccumulator(allocator, outputNames[a], false);
                default -> throw new IllegalStateException("not a decimal aggregate: " + function);
            };
        }
        else
        {
            accumulator = switch (function)
            {
                case COUNT -> new CountAccumulator(allocator, outputNames[a], false);
                case SUM -> kind.isFloat()
                    ? new SumDoubleAccumulator(allocator, outputNames[a])
                    : new SumLongAccumulator(allocator, outputNames[a]);
                case MIN -> new MinMaxAccumulator(allocator, outputNames[a], true);
                case MAX -> new MinMaxAccumulator(allocator, outputNames[a], false);
                case MEAN -> new MeanAccumulator(allocator, outputNames[a]);
                case COUNT_ALL -> throw new IllegalStateException("count(*) handled above");
            };
        }
        accumulator.kind = kind;
        accumulator.inputType = type;
        return accumulator;
    }

    /** Lets each decimal mean over the same column as a decimal sum (both fed rows) reuse that sum's state. */
    private void shareDecimalSums(final Accumulator[] created)
    {
        if (merging)
        {
            return;
        }
        for (int a = 0; a < created.length; a++)
        {
            if (functions[a] != Function.MEAN || !(created[a] instanceof DecimalSumAccumulator mean))
            {
                continue;
            }
            for (int b = 0; b < created.length; b++)
            {
                if (functions[b] == Function.SUM && inputNames[b].equals(inputNames[a]) &&
                    created[b] instanceof DecimalSumAccumulator sum)
                {
                    mean.shareSumOf(sum);
                    sharedWith[a] = b;
                    break;
                }
            }
        }
    }

    /** @return the names of aggregate {@code a}'s partial state columns (a mean has a sum and a count). */
    private String[] stateNames(final int a)
    {
        return functions[a] == Function.MEAN
            ? new String[] {outputNames[a] + "#sum", outputNames[a] + "#count"}
            : new String[] {outputNames[a]};
    }

    private void ensureMode(final boolean merge)
    {
        if (merging == null)
        {
            merging = merge;
        }
        else if (merging != merge)
        {
            throw new IllegalStateException(merging
                ? "this aggregator is fed partial results by merge(); add() is not allowed"
                : "this aggregator is fed rows by add(); merge() is not allowed");
        }
    }

    /**
     * Merges the partial state of another aggregator, built with the same group-by columns and aggregates, into
     * this one (see {@link #partialResult}). Groups are matched by key; counts and sums add up, mins and maxes
     * combine, a mean adds its sum and count. The final {@link #result} has the same rows as one aggregator fed
     * every row (in order of first appearance across the merged batches): exactly the same values for counts,
     * integer sums (wrapping the same way), decimal sums, means of decimals, mins and maxes; for float64 sums and
     * means of non-decimals equal up to the order of the additions. An aggregator fed by {@code merge} accepts only
     * {@code merge} (and the reverse). A decimal sum is checked against 38 digits at the end of every merged batch,
     * so a sum that only transiently exceeds 38 digits within one worker's rows may be reported by one split and
     * not another.
     *
     * @param partial a batch from {@link #partialResult}; read, not closed, not retained. Its selection, if any, is
     *                honoured.
     * @throws SchemaException            when a column is missing or has another type than before.
     * @throws AggregationMemoryException when the allocator refuses memory; the batch is then not applied.
     * @throws io.sabot.common.DataException when a decimal sum exceeds 38 digits.
     */
    public void merge(final Batch partial)
    {
        ensureOpen();
        ensureMode(true);
        if (partial.columnCount() == 0)
        {
            return;
        }
        for (int k = 0; k < keyNames.length; k++)
        {
            keyVectors[k] = partial.column(keyNames[k]);
        }
        for (int a = 0; a < functions.length; a++)
        {
            final String[] states = stateNames(a);
            inputVectors[a] = partial.column(states[0]);
            secondVectors[a] = states.length > 1 ? partial.column(states[1]) : null;
        }
        try
        {
            final SelectionVector selection = partial.selection();
            if (selection == null)
            {
                addRows(0, partial.rowCount(), null, null, false);
            }
            else
            {
                addRows(0, selection.count(), selection.segment(), selection, false);
            }
        }
        finally
        {
            Arrays.fill(secondVectors, null);
        }
    }

    /**
     * The types a snapshot of this aggregator needs besides its {@link #partialResult}: partial state loses some of
     * them (the sum of an int32 column is int64, a decimal sum is decimal(38, s)), and {@link #restore} must create
     * accumulators that go on reading the original input columns.
     *
     * @return per aggregate in builder order, the Arrow type of the column it reads as bound by the first batch
     *     ({@code null} for {@code count()}); every entry is {@code null} before the first batch. Unmodifiable.
     */
    public List<ArrowType> inputTypes()
    {
        final ArrowType[] types = new ArrowType[functions.length];
        if (accumulators != null)
        {
            for (int a = 0; a < functions.length; a++)
            {
                types[a] = accumulators[a].inputType;
            }
        }
        return Collections.unmodifiableList(Arrays.asList(types));
    }

    /**
     * Loads groups from a {@link #partialResult} of an aggregator with the same configuration (a snapshot) into this
     * aggregator, which is fed rows by {@link #add}: groups are matched by key and merged as {@link #merge} does,
     * and afterwards {@code add} goes on as if this aggregator had seen the snapshotted rows itself. Restoring into
     * an empty aggregator reproduces the snapshotted state exactly (counts, integer and decimal sums, float sums and
     * means bit for bit, mins and maxes, the decimal mean's 128-bit sum and count), groups in the snapshot's order;
     * several snapshots (or parts of them, by selection) may be restored one after another, as when a job's
     * parallelism changes. Restored groups are not "touched" for {@link #updatedResults}.
     *
     * @param partial    a batch from {@link #partialResult}; read, not closed, not retained; its selection, if any,
     *                   names the groups to load. A batch with no columns (nothing was ever added) loads nothing.
     * @param inputTypes the snapshotted aggregator's {@link #inputTypes()}.
     * @throws SchemaException            when a column is missing, or a type differs from what the input types imply
     *                                    or from the types this aggregator already bound.
     * @throws IllegalStateException      when this aggregator is fed by {@link #merge}.
     * @throws AggregationMemoryException when the allocator refuses memory; the batch is then not applied.
     */
    public void restore(final Batch partial, final List<ArrowType> inputTypes)
    {
        ensureOpen();
        if (inputTypes.size() != functions.length)
        {
            throw new SchemaException("restore needs one input type per aggregate " + List.of(outputNames) +
                ", got " + inputTypes.size());
        }
        if (partial.columnCount() == 0)
        {
            return;
        }
        ensureMode(false);
        final ArrowType[] types = inputTypes.toArray(new ArrowType[0]);
        final ArrowType[][] states = new ArrowType[functions.length][];
        for (int k = 0; k < keyNames.length; k++)
        {
            keyVectors[k] = partial.column(keyNames[k]);
        }
        for (int a = 0; a < functions.length; a++)
        {
            if (types[a] == null && functions[a] != Function.COUNT_ALL)
            {
                throw new SchemaException("restore needs the input type of " + outputNames[a]);
            }
            final String[] names = stateNames(a);
            states[a] = stateTypes(a, types[a]);
            inputVectors[a] = partial.column(names[0]);
            secondVectors[a] = names.length > 1 ? partial.column(names[1]) : null;
            for (int c = 0; c < names.length; c++)
            {
                final ArrowType actual = (c == 0 ? inputVectors[a] : secondVectors[a]).getField().getType();
                if (!states[a][c].equals(actual))
                {
                    Arrays.fill(secondVectors, null);
                    throw new SchemaException("partial state column '" + names[c] + "' is " + actual + "; " +
                        outputNames[a] + " over " + types[a] + " keeps " + states[a][c]);
                }
            }
        }
        try
        {
            if (table == null)
            {
                createState(types);
            }
            else
            {
                for (int k = 0; k < keyVectors.length; k++)
                {
                    checkSameType(keyNames[k], keyFields[k].getType(), keyVectors[k]);
                }
                for (int a = 0; a < accumulators.length; a++)
                {
                    if (types[a] != null && !types[a].equals(accumulators[a].inputType))
                    {
                        throw new SchemaException(outputNames[a] + " reads " + accumulators[a].inputType +
                            " here but " + types[a] + " in the restored state");
                    }
                }
            }
            for (int a = 0; a < accumulators.length; a++)
            {
                accumulators[a].beginRestore(states[a][0]);
            }
            try
            {
                final SelectionVector selection = partial.selection();
                if (selection == null)
                {
                    addRows(0, partial.rowCount(), null, null, true);
                }
                else
                {
                    addRows(0, selection.count(), selection.segment(), selection, true);
                }
            }
            finally
            {
                for (final Accumulator accumulator : accumulators)
                {
                    accumulator.endRestore();
                }
            }
        }
        finally
        {
            Arrays.fill(secondVectors, null);
        }
    }

    /** @return the types of aggregate {@code a}'s partial state columns when it reads {@code input}. */
    private ArrowType[] stateTypes(final int a, final ArrowType input)
    {
        final ArrowType int64 = new ArrowType.Int(64, true);
        final ArrowType float64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        final ArrowType sum = input instanceof ArrowType.Decimal d ? new ArrowType.Decimal(38, d.getScale(), 128)
            : input instanceof ArrowType.FloatingPoint ? float64 : int64;
        return switch (functions[a])
        {
            case COUNT_ALL, COUNT -> new ArrowType[] {int64};
            case SUM -> new ArrowType[] {sum};
            case MIN, MAX -> new ArrowType[] {input};
            case MEAN -> new ArrowType[] {input instanceof ArrowType.Decimal ? sum : float64, int64};
        };
    }

    /**
     * Emits the partial state of every group, for another aggregator's {@link #merge}: the key columns, then per
     * aggregate its state: {@code count(*)} / {@code count(c)} as int64, {@code sum(c)}, {@code min(c)} and
     * {@code max(c)} as in {@link #result}, and {@code mean(c)} as two columns {@code "mean(c)#sum"} (float64, or
     * decimal(38, s) for a decimal input; 0 for a group without values) and {@code "mean(c)#count"} (int64).
     *
     * @param out allocator for the result vectors.
     * @return a new batch owned by the caller; a batch with no columns if nothing was ever added.
     * @throws AggregationMemoryException when {@code out} refuses memory (nothing is leaked, state is unchanged).
     */
    public Batch partialResult(final BufferAllocator out)
    {
        return emit(out, null, table == null ? 0 : table.groupCount(), true);
    }

    /**
     * The group of each row read by the last {@link #add}, {@link #merge} or {@link #restore} call: int32
     * (little-endian) at byte {@code 4 * i} for the {@code i}-th row read (range or selection order). Lets a caller
     * keep per-group state of its own beside the aggregates (user aggregates, session bookkeeping) without hashing
     * the keys twice. Groups are numbered {@code 0..groupCount()-1} in order of first appearance.
     *
     * @param rows how many rows the caller reads (at most the rows of the last call).
     * @return a read-only view valid until the next call that adds, merges, restores, resets or closes.
     */
    public MemorySegment lastGroupIds(final int rows)
    {
        ensureOpen();
        if (rows < 0 || 4L * rows > gids.segment().byteSize())
        {
            throw new IndexOutOfBoundsException("the last call read fewer than " + rows + " rows");
        }
        return gids.segment().asSlice(0, 4L * rows).asReadOnly();
    }

    /**
     * {@link #result} for chosen groups only, in the order given (a group may appear more than once).
     *
     * @param out    allocator for the result vectors.
     * @param groups int32 group ids (little-endian) at bytes {@code 4 * i}, each in {@code 0..groupCount()-1}.
     * @param count  how many ids to read.
     * @return a new batch owned by the caller with {@code count} rows; no columns if nothing was ever added.
     * @throws IndexOutOfBoundsException  for an id outside the groups.
     * @throws AggregationMemoryException when {@code out} refuses memory.
     */
    public Batch result(final BufferAllocator out, final MemorySegment groups, final int count)
    {
        checkGroups(groups, count);
        return emit(out, groups, count, false);
    }

    /**
     * {@link #partialResult} for chosen groups only, in the order given; a batch that {@link #restore} or
     * {@link #merge} accept like a full partial result.
     *
     * @param out    allocator for the result vectors.
     * @param groups int32 group ids (little-endian) at bytes {@code 4 * i}, each in {@code 0..groupCount()-1}.
     * @param count  how many ids to read.
     * @return a new batch owned by the caller with {@code count} rows; no columns if nothing was ever added.
     * @throws IndexOutOfBoundsException  for an id outside the groups.
     * @throws AggregationMemoryException when {@code out} refuses memory.
     */
    public Batch partialResult(final BufferAllocator out, final MemorySegment groups, final int count)
    {
        checkGroups(groups, count);
        return emit(out, groups, count, true);
    }

    private void checkGroups(final MemorySegment groups, final int count)
    {
        ensureOpen();
        final int limit = groupCount();
        if (count < 0 || 4L * count > groups.byteSize())
        {
            throw new IndexOutOfBoundsException(count + " group ids requested from " + groups.byteSize() +
                " bytes");
        }
        for (int i = 0; i < count; i++)
        {
            final int g = groups.get(Layouts.INT_UNALIGNED, 4L * i);
            if (g < 0 || g >= limit)
            {
                throw new IndexOutOfBoundsException("group id " + g + " at " + i + " is outside the " + limit +
                    " groups");
            }
        }
    }

    /**
     * Emits the current result of the groups touched (created or updated) since the previous call, in order of
     * first touch, and starts a new set: the update stream of an unbounded aggregation. Concatenating every update
     * and keeping the last row per key gives {@link #result}. Costs O(touched groups), not O(all groups).
     *
     * @param out allocator for the result vectors.
     * @return a new batch owned by the caller with the columns of {@link #result} (possibly zero rows); a batch with
     *     no columns if nothing was ever added.
     * @throws IllegalStateException      unless the builder asked for {@link Builder#trackUpdates()}.
     * @throws AggregationMemoryException when {@code out} refuses memory (the touched set is then kept).
     */
    public Batch updatedResults(final BufferAllocator out)
    {
        ensureOpen();
        if (!trackUpdates)
        {
            throw new IllegalStateException("updatedResults() needs HashAggregator.Builder.trackUpdates()");
        }
        final Batch batch = emit(out, touchedCount == 0 ? null : touchedList.segment(), touchedCount, false);
        final MemorySegment flags = touchedFlags.segment();
        final MemorySegment list = touchedList.segment();
        for (int i = 0; i < touchedCount; i++)
        {
            flags.set(Layouts.BYTE, list.get(Layouts.INT_UNALIGNED, 4L * i), (byte)0);
        }
        touchedCount = 0;
        return batch;
    }

    private static void checkSameType(final String name, final ArrowType bound, final FieldVector vector)
    {
        final ArrowType type = vector.getField().getType();
        if (!bound.equals(type))
        {
            throw new SchemaException("column '" + name + "' changed type from " + bound + " to " + type +
                " between batches");
        }
    }

    /**
     * Emits the current groups and their aggregates. The aggregator keeps its state, so more batches can be added
     * and a later result covers everything since creation or the last {@link #reset()}.
     *
     * @param out allocator for the result vectors (may be the aggregator's own).
     * @return a new batch owned by the caller: key columns then aggregate columns, one row per group in order of
     *     first appearance; a batch with no columns if nothing was ever added (the types are not known yet).
     * @throws AggregationMemoryException when {@code out} refuses memory (nothing is leaked, state is unchanged).
     */
    public Batch result(final BufferAllocator out)
    {
        return emit(out, null, table == null ? 0 : table.groupCount(), false);
    }

    private Batch emit(final BufferAllocator out, final MemorySegment ids, final int groups, final boolean partial)
    {
        ensureOpen();
        final List<FieldVector> columns = new ArrayList<>();
        if (table == null)
        {
            return Batch.of(columns);
        }
        try
        {
            for (int k = 0; k < keyFields.length; k++)
            {
                columns.add(table.keys[k].output(out, keyFields[k], ids, groups));
            }
            for (final Accumulator accumulator : accumulators)
            {
                if (partial)
                {
                    accumulator.partialOutput(out, ids, groups, columns);
                }
                else
                {
                    columns.add(accumulator.output(out, ids, groups));
                }
            }
            return Batch.of(columns);
        }
        catch (final OutOfMemoryException e)
        {
            closeAll(columns);
            throw new AggregationMemoryException("could not allocate the result of " + groups + " groups", e);
        }
        catch (final RuntimeException e)
        {
            closeAll(columns);
            throw e;
        }
    }

    private static void closeAll(final List<FieldVector> columns)
    {
        for (final FieldVector column : columns)
        {
            column.close();
        }
    }

    /**
     * Forgets every group, keeping the memory (table, key storage, accumulators) for reuse; column types stay bound.
     */
    public void reset()
    {
        ensureOpen();
        if (table != null)
        {
            table.reset();
            for (final Accumulator accumulator : accumulators)
            {
                accumulator.reset();
            }
            touchedCount = 0;
        }
    }

    private void ensureOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("hash aggregator is closed");
        }
    }

    /**
     * Frees all memory. Idempotent. Result batches already returned stay valid (they are owned by the caller).
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (table != null)
        {
            table.close();
            for (final Accumulator accumulator : accumulators)
            {
                accumulator.close();
            }
        }
        gids.close();
        touchedFlags.close();
        touchedList.close();
    }

    @Override
    public String toString()
    {
        return "HashAggregator{keys=" + List.of(keyNames) + ", aggregates=" + List.of(outputNames) + ", groups=" +
            groupCount() + '}';
    }

    /**
     * Describes a {@link HashAggregator}: the group-by columns and the aggregates, in output order.
     *
     * <p>Not thread-safe; build once.
     */
    public static final class Builder
    {
        private final BufferAllocator allocator;
        private final List<String> keys = new ArrayList<>();
        private final List<Function> functions = new ArrayList<>();
        private final List<String> inputs = new ArrayList<>();
        private boolean trackUpdates;

        private Builder(final BufferAllocator allocator)
        {
            if (allocator == null)
            {
                throw new IllegalArgumentException("allocator must not be null");
            }
            this.allocator = allocator;
        }

        /**
         * @param columns the names of the group-by columns, appended in order.
         * @return this builder.
         */
        public Builder groupBy(final String... columns)
        {
            for (final String column : columns)
            {
                keys.add(requireName(column));
            }
            return this;
        }

        /**
         * Makes the aggregator remember which groups each batch touches, for {@link HashAggregator#updatedResults}
         * (an update stream over unbounded input). Costs one byte per group and a check per row.
         *
         * @return this builder.
         */
        public Builder trackUpdates()
        {
            trackUpdates = true;
            return this;
        }

        /** @return this builder, with count(*) (rows per group) added. */
        public Builder count()
        {
            return add(Function.COUNT_ALL, null);
        }

        /**
         * @param column a column of any supported type.
         * @return this builder, with count(column) (non-null values per group) added.
         */
        public Builder count(final String column)
        {
            return add(Function.COUNT, requireName(column));
        }

        /**
         * @param column a signed integer (summed in wrapping int64), float (summed in float64) or decimal128(p, s)
         *               (summed exactly as decimal(38, s)) column.
         * @return this builder, with sum(column) added.
         */
        public Builder sum(final String column)
        {
            return add(Function.SUM, requireName(column));
        }

        /**
         * @param column a signed integer, float, decimal128, date, time or timestamp column.
         * @return this builder, with min(column) added.
         */
        public Builder min(final String column)
        {
            return add(Function.MIN, requireName(column));
        }

        /**
         * @param column a signed integer, float, decimal128, date, time or timestamp column.
         * @return this builder, with max(column) added.
         */
        public Builder max(final String column)
        {
            return add(Function.MAX, requireName(column));
        }

        /**
         * @param column a signed integer, float or decimal128 column (a decimal mean follows DuckDB's avg).
         * @return this builder, with mean(column) (float64) added.
         */
        public Builder mean(final String column)
        {
            return add(Function.MEAN, requireName(column));
        }

        private Builder add(final Function function, final String column)
        {
            functions.add(function);
            inputs.add(column);
            return this;
        }

        private static String requireName(final String column)
        {
            if (column == null || column.isEmpty())
            {
                throw new IllegalArgumentException("column name must be non-empty");
            }
            return column;
        }

        /**
         * @return a new aggregator; it allocates nothing until the first batch, and the caller must close it.
         * @throws IllegalArgumentException when no group-by column was named.
         */
        public HashAggregator build()
        {
            if (keys.isEmpty())
            {
                throw new IllegalArgumentException("name at least one group-by column with groupBy(...)");
            }
            return new HashAggregator(this);
        }
    }
}
