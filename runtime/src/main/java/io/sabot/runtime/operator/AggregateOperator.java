package io.sabot.runtime.operator;

import io.sabot.kernels.decimal.Decimal64Vector;
import io.sabot.kernels.decimal.Decimals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.sabot.common.SchemaException;
import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hashagg.DecimalAverage;
import io.sabot.kernels.hashagg.HashAggregator;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code keyBy(keys).aggregate(aggregates)}: hash aggregation over {@link HashAggregator}, one output row per group
 * with the key columns (input names and types) followed by one column per {@link Aggregate} under its output name.
 * With no keys it is a global aggregation with exactly one group.
 *
 * <p><b>Bounded input</b> ({@link OperatorContext#bounded()}): the result is emitted once, at end of input, one row
 * per group in order of first appearance. A global aggregation emits one row even for empty input ({@code count} 0,
 * other aggregates null; if not a single batch arrived, the types of {@code sum}/{@code min}/{@code max} are unknown
 * and those columns are of Arrow type Null).
 *
 * <p><b>Unbounded input</b>: an update stream. After each input batch the operator emits one row for every group
 * that batch touched, holding that group's new current value (a later row for the same key replaces an earlier
 * one). End of input emits nothing more. Batches without live rows emit nothing.
 *
 * <p><b>Modes</b> (two-phase aggregation across an exchange): {@link Mode#SINGLE} computes the final result.
 * {@link Mode#PARTIAL} emits partial state per group: the keys, then per aggregate the column
 * {@code name} ({@code count(*)}, {@code count}, {@code sum}, {@code min}, {@code max} as in SINGLE) or, for
 * {@code mean}, two columns {@code name$sum} (sum of the input) and {@code name$count} (non-null count); see
 * {@link #partialColumns(List)}. On unbounded input PARTIAL emits per batch the partials of that batch alone (deltas)
 * and forgets them. {@link Mode#FINAL} reads PARTIAL's output (partitioned by key) and merges: counts and sums are
 * summed, min of mins, max of maxes, and mean = sum of sums / sum of counts; it emits like SINGLE. A PARTIAL instance
 * of a global aggregation emits nothing for empty input, and FINAL supplies the empty-input row.
 *
 * <p><b>Nulls</b>: a null key is a group of its own (SQL {@code GROUP BY}); aggregates skip nulls, see
 * {@link Aggregate}. Float keys: all NaNs are one group, {@code -0.0} groups with {@code 0.0}.
 *
 * <p><b>Checkpoints</b> (bounded and unbounded input, every mode): the snapshot is the groups in the kernel's
 * partial format plus the batch sequence of the update stream, copied at the barrier (see {@link SnapshotFiles}).
 * A restored instance continues exactly: the same update rows, bit for bit. Restored with another parallelism, each
 * instance keeps the groups whose keys the hash exchange routes to it; a global aggregation (one instance) keeps
 * every group on instance 0.
 *
 * <p><b>Ownership and memory</b>: input batches are read and closed. All state lives in the context's allocator
 * and is freed by {@link #close()}, also when it is called without end of input. Emitted batches belong to the
 * output. Errors are {@link SchemaException}s (unknown column, unsupported type) and the kernel's
 * {@code AggregationMemoryException}.
 *
 * <p><b>User aggregates</b> ({@link Aggregate.Function#USER}) run in {@link Mode#SINGLE} only: their
 * accumulators are heap objects per group beside the kernel's state (the kernel's group ids, no second hash), and
 * snapshots carry them serialized in one binary column per user aggregate.
 *
 * <p>Thread-safety: one thread at a time (the operator contract).
 */
public final class AggregateOperator implements CheckpointedOperator
{
    /** Which phase of an aggregation this instance computes. */
    public enum Mode
    {
        /** The whole aggregation in one operator. */
        SINGLE,
        /** The first phase: partial state per group, merged by a later {@link #FINAL}. */
        PARTIAL,
        /** The second phase: merges {@link #PARTIAL} output into final values. */
        FINAL
    }

    /** Suffix of the partial sum column of a mean. */
    public static final String MEAN_SUM_SUFFIX = "$sum";
    /** Suffix of the partial count column of a mean. */
    public static final String MEAN_COUNT_SUFFIX = "$count";

    private static final String KIND = "Aggregate";
    private static final String GLOBAL_KEY = "$global";
    private static final String SEQUENCE = "$batch";

    private final Mode mode;
    private final List<String> keys;
    private final List<Aggregate> aggregates;
    /** The input column each kernel aggregate reads, in kernel order ({@code null} for count(*)). */
    private final List<String> kernelInputs = new ArrayList<>();
    private final UserAggregates users;

    private OperatorContext context;
    private HashAggregator aggregator;
    private LongScratch globalKey;
    private LongScratch sequence;
    private boolean trackUpdates;
    private long batchNumber;
    private Schema boundSchema;
    private int[] keyIndices;
    private int[] inputIndices;

    /**
     * A {@link Mode#SINGLE} aggregation.
     *
     * @param keys       the group-by columns (empty for a global aggregation).
     * @param aggregates the aggregates, in output order (at least one, or keys only for a distinct-like grouping).
     */
    public AggregateOperator(final List<String> keys, final List<Aggregate> aggregates)
    {
        this(Mode.SINGLE, keys, aggregates);
    }

    /**
     * @param mode       the phase.
     * @param keys       the group-by columns (empty for a global aggregation); the same in PARTIAL and FINAL.
     * @param aggregates the aggregates as the user wrote them; the same list in PARTIAL and FINAL.
     * @throws SchemaException for duplicate output names or no keys and no aggregates.
     */
    public AggregateOperator(final Mode mode, final List<String> keys, final List<Aggregate> aggregates)
    {
        this.mode = mode;
        this.keys = List.copyOf(keys);
        this.aggregates = List.copyOf(aggregates);
        if (keys.isEmpty() && aggregates.isEmpty())
        {
            throw new SchemaException("an aggregation needs group-by columns or aggregates");
        }
        final Set<String> names = new HashSet<>(keys);
        for (final String name : mode == Mode.PARTIAL ? partialColumns(aggregates) : outputNames(aggregates))
        {
            if (!names.add(name))
            {
                throw new SchemaException("aggregation output column '" + name + "' appears twice (keys " + keys +
                    ", aggregates " + aggregates + ")");
            }
        }
        this.users = new UserAggregates(aggregates);
        if (users.size() > 0 && mode != Mode.SINGLE)
        {
            throw new SchemaException("user aggregates run in one phase (SINGLE), not " + mode + ": " + aggregates);
        }
        for (final Aggregate aggregate : aggregates)
        {
            final String column = aggregate.column();
            if (aggregate.function() == Aggregate.Function.USER)
            {
                continue;
            }
            switch (mode)
            {
                case SINGLE -> kernelInputs.add(column);
                case PARTIAL ->
                {
                    kernelInputs.add(column);
                    if (aggregate.function() == Aggregate.Function.MEAN)
                    {
                        kernelInputs.add(column);
                    }
                }
                case FINAL ->
                {
                    if (aggregate.function() == Aggregate.Function.MEAN)
                    {
                        kernelInputs.add(aggregate.name() + MEAN_SUM_SUFFIX);
                        kernelInputs.add(aggregate.name() + MEAN_COUNT_SUFFIX);
                    }
                    else
                    {
                        kernelInputs.add(aggregate.name());
                    }
                }
            }
        }
    }

    /**
     * @param aggregates the aggregates.
     * @return the names of the columns a {@link Mode#PARTIAL} instance emits after the keys, in order.
     */
    public static List<String> partialColumns(final List<Aggregate> aggregates)
    {
        final List<String> names = new ArrayList<>();
        for (final Aggregate aggregate : aggregates)
        {
            if (aggregate.function() == Aggregate.Function.MEAN)
            {
                names.add(aggregate.name() + MEAN_SUM_SUFFIX);
                names.add(aggregate.name() + MEAN_COUNT_SUFFIX);
            }
            else
            {
                names.add(aggregate.name());
            }
        }
        return names;
    }

    private static List<String> outputNames(final List<Aggregate> aggregates)
    {
        final List<String> names = new ArrayList<>();
        for (final Aggregate aggregate : aggregates)
        {
            names.add(aggregate.name());
        }
        return names;
    }

    /**
     * @return the mode.
     */
    public Mode mode()
    {
        return mode;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        final BufferAllocator allocator = context.allocator();
        trackUpdates = !context.bounded() && mode != Mode.PARTIAL;
        final HashAggregator.Builder builder = HashAggregator.builder(allocator);
        builder.groupBy(keys.isEmpty() ? new String[] {GLOBAL_KEY} : keys.toArray(new String[0]));
        int k = 0;
        for (final Aggregate aggregate : aggregates)
        {
            if (aggregate.function() == Aggregate.Function.USER)
            {
                // computed beside the kernel, per kernel group
                continue;
            }
            if (mode == Mode.FINAL)
            {
                // Merging partials: counts and sums add up, min of mins, max of maxes, mean from its sum and count.
                switch (aggregate.function())
                {
                    case MIN -> builder.min(kernelInputs.get(k));
                    case MAX -> builder.max(kernelInputs.get(k));
                    case MEAN -> builder.sum(kernelInputs.get(k++)).sum(kernelInputs.get(k));
                    default -> builder.sum(kernelInputs.get(k));
                }
                k++;
                continue;
            }
            final String column = aggregate.column();
            switch (aggregate.function())
            {
                case COUNT_ALL -> builder.count();
                case COUNT -> builder.count(column);
                case SUM -> builder.sum(column);
                case MIN -> builder.min(column);
                case MAX -> builder.max(column);
                case MEAN ->
                {
                    if (mode == Mode.PARTIAL)
                    {
                        builder.sum(column).count(column);
                        k++;
                    }
                    else
                    {
                        builder.mean(column);
                    }
                }
                case USER -> throw new IllegalStateException("user aggregates are skipped above");
            }
            k++;
        }
        if (trackUpdates)
        {
            builder.max(SEQUENCE);
        }
        aggregator = builder.build();
        if (keys.isEmpty())
        {
            globalKey = new LongScratch(allocator, GLOBAL_KEY);
        }
        if (trackUpdates)
        {
            sequence = new LongScratch(allocator, SEQUENCE);
        }
    }

    /** Decimal128 copies of this batch's decimal64 inputs, closed after the batch is added. */
    private final List<FieldVector> widenedInputs = new ArrayList<>();
    /** The decimal64 column each of {@link #widenedInputs} was made from (aggregates of one column share it). */
    private final List<FieldVector> widenedSources = new ArrayList<>();

    private FieldVector widened(final Decimal64Vector column)
    {
        for (int i = 0; i < widenedSources.size(); i++)
        {
            if (widenedSources.get(i) == column)
            {
                return widenedInputs.get(i);
            }
        }
        final FieldVector wide = Decimals.widen(column, context.allocator());
        widenedInputs.add(wide);
        widenedSources.add(column);
        return wide;
    }

    private void closeWidened()
    {
        widenedInputs.forEach(FieldVector::close);
        widenedInputs.clear();
        widenedSources.clear();
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final int live;
        try (batch)
        {
            bind(batch.schema());
            final List<FieldVector> keyVectors = new ArrayList<>(Math.max(1, keys.size()));
            if (keys.isEmpty())
            {
                keyVectors.add(globalKey.fill(batch.rowCount(), 0, 0));
            }
            else
            {
                for (final int index : keyIndices)
                {
                    keyVectors.add(batch.column(index));
                }
            }
            final List<FieldVector> inputs = new ArrayList<>(inputIndices.length + 1);
            for (final int index : inputIndices)
            {
                if (index >= 0)
                {
                    final FieldVector column = batch.column(index);
                    // the hash aggregator reads Decimal128: a decimal64 input is widened for this batch
                    inputs.add(column instanceof Decimal64Vector d ? widened(d) : column);
                }
            }
            live = Batches.liveRows(batch);
            if (trackUpdates)
            {
                batchNumber++;
                inputs.add(sequence.fill(batch.rowCount(), batchNumber, 0));
            }
            try
            {
                final io.sabot.kernels.Rows rows = batch.rows();
                aggregator.add(rows, keyVectors, inputs);
                if (users.size() > 0)
                {
                    users.add(batch, rows, aggregator.lastGroupIds(rows.count()), aggregator.groupCount());
                }
            }
            finally
            {
                closeWidened();
            }
        }
        if (context.bounded() || live == 0)
        {
            return;
        }
        if (mode == Mode.PARTIAL)
        {
            emitResult(out, false);
            aggregator.reset();
        }
        else
        {
            emitResult(out, true);
        }
    }

    private void bind(final Schema schema)
    {
        if (schema.equals(boundSchema))
        {
            return;
        }
        final int[] keyIdx = new int[keys.size()];
        for (int k = 0; k < keyIdx.length; k++)
        {
            keyIdx[k] = Batches.indexOf(schema, keys.get(k), "group-by");
        }
        final int[] inputIdx = new int[kernelInputs.size()];
        for (int a = 0; a < inputIdx.length; a++)
        {
            final String column = kernelInputs.get(a);
            inputIdx[a] = column == null ? -1 : Batches.indexOf(schema, column, "aggregate input");
        }
        users.bind(schema);
        keyIndices = keyIdx;
        inputIndices = inputIdx;
        boundSchema = schema;
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (!context.bounded())
        {
            return;
        }
        if (aggregator.groupCount() == 0 && keys.isEmpty())
        {
            if (mode != Mode.PARTIAL)
            {
                out.emit(emptyGlobalRow());
            }
            return;
        }
        if (aggregator.groupCount() > 0 || !keys.isEmpty())
        {
            emitResult(out, false);
        }
    }

    /** Builds the output from the kernel's current result; {@code touchedOnly} keeps this batch's groups. */
    private void emitResult(final Output out, final boolean touchedOnly)
    {
        final BufferAllocator allocator = context.allocator();
        final Batch result;
        try (Batch raw = aggregator.result(allocator))
        {
            if (raw.columnCount() == 0)
            {
                return;
            }
            final List<FieldVector> columns = new ArrayList<>();
            SelectionVector selection = null;
            try
            {
                final int keyCount = keys.isEmpty() ? 1 : keys.size();
                if (!keys.isEmpty())
                {
                    for (int k = 0; k < keyCount; k++)
                    {
                        columns.add(Batches.transferred(raw.column(k)));
                    }
                }
                int c = keyCount;
                int u = 0;
                for (final Aggregate aggregate : aggregates)
                {
                    if (aggregate.function() == Aggregate.Function.USER)
                    {
                        columns.add(users.result(u++, allocator, null, raw.rowCount()));
                    }
                    else if (aggregate.function() == Aggregate.Function.MEAN && mode == Mode.PARTIAL)
                    {
                        columns.add(Batches.renamed(raw.column(c++), aggregate.name() + MEAN_SUM_SUFFIX));
                        columns.add(Batches.renamed(raw.column(c++), aggregate.name() + MEAN_COUNT_SUFFIX));
                    }
                    else if (aggregate.function() == Aggregate.Function.MEAN && mode == Mode.FINAL)
                    {
                        columns.add(mean(raw.column(c), raw.column(c + 1), aggregate.name(), allocator));
                        c += 2;
                    }
                    else
                    {
                        columns.add(Batches.renamed(raw.column(c++), aggregate.name()));
                    }
                }
                if (touchedOnly)
                {
                    selection = touched((BigIntVector)raw.column(c), allocator);
                }
                result = Batch.of(columns, selection);
            }
            catch (final RuntimeException | Error e)
            {
                Batches.closeAll(columns);
                if (selection != null)
                {
                    selection.close();
                }
                throw e;
            }
        }
        out.emit(result);
    }

    private SelectionVector touched(final BigIntVector sequences, final BufferAllocator allocator)
    {
        final int groups = sequences.getValueCount();
        int count = 0;
        for (int g = 0; g < groups; g++)
        {
            if (sequences.get(g) == batchNumber)
            {
                count++;
            }
        }
        final SelectionVector selection = new SelectionVector(allocator, count);
        int next = 0;
        for (int g = 0; g < groups; g++)
        {
            if (sequences.get(g) == batchNumber)
            {
                selection.set(next++, g);
            }
        }
        selection.count(count);
        return selection;
    }

    private static FieldVector mean(final FieldVector sum, final FieldVector count, final String name,
        final BufferAllocator allocator)
    {
        final int groups = sum.getValueCount();
        final Float8Vector out = new Float8Vector(name, allocator);
        try
        {
            out.allocateNew(Math.max(groups, 1));
            final BigIntVector counts = (BigIntVector)count;
            for (int g = 0; g < groups; g++)
            {
                final long n = counts.isNull(g) ? 0 : counts.get(g);
                if (n == 0 || sum.isNull(g))
                {
                    out.setNull(g);
                }
                else
                {
                    out.set(g, switch (sum)
                    {
                        case Float8Vector f -> f.get(g) / n;
                        case BigIntVector l -> (double)l.get(g) / n;
                        // the same bits as a one-phase decimal mean (DuckDB's avg), from the merged 128-bit sum
                        case DecimalVector d -> DecimalAverage.mean(d.getDataBuffer().getLong(16L * g + 8),
                            d.getDataBuffer().getLong(16L * g), n, d.getScale());
                        default -> throw new SchemaException("mean cannot merge partial sums of type " +
                            sum.getField().getType() + " (column '" + sum.getName() + "')");
                    });
                }
            }
            out.setValueCount(groups);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    /** The one row of a global aggregation over no rows: counts 0, everything else null. */
    private Batch emptyGlobalRow()
    {
        final BufferAllocator allocator = context.allocator();
        final List<FieldVector> columns = new ArrayList<>();
        try (Batch raw = aggregator.result(allocator))
        {
            int c = 1;
            int u = 0;
            for (final Aggregate aggregate : aggregates)
            {
                if (aggregate.function() == Aggregate.Function.USER)
                {
                    columns.add(users.emptyResult(u++, allocator));
                    continue;
                }
                final boolean bound = raw.columnCount() > 0;
                final int width = mode == Mode.FINAL && aggregate.function() == Aggregate.Function.MEAN ? 2 : 1;
                switch (aggregate.function())
                {
                    case COUNT_ALL, COUNT ->
                    {
                        final BigIntVector zero = new BigIntVector(aggregate.name(), allocator);
                        columns.add(zero);
                        zero.allocateNew(1);
                        zero.set(0, 0L);
                        zero.setValueCount(1);
                    }
                    case USER -> throw new IllegalStateException("user aggregates are handled above");
                    case MEAN -> columns.add(Batches.nulls(
                        new Field(aggregate.name(), FieldType.nullable(new ArrowType.FloatingPoint(
                            org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null), allocator, 1));
                    default ->
                    {
                        final FieldType type = bound ? FieldType.nullable(raw.column(c).getField().getType())
                            : FieldType.nullable(ArrowType.Null.INSTANCE);
                        columns.add(Batches.nulls(new Field(aggregate.name(), type, null), allocator, 1));
                    }
                }
                c += width;
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            Batches.closeAll(columns);
            throw e;
        }
    }

    @Override
    public OperatorSnapshot snapshotState(final long checkpointId)
    {
        final Properties properties = SnapshotFiles.header(KIND, toString());
        properties.setProperty("batchNumber", Long.toString(batchNumber));
        try (SnapshotFiles.Capture capture = new SnapshotFiles.Capture(context.allocator()))
        {
            captureGroups(capture, properties, "inputTypes");
            return capture.finish(properties);
        }
    }

    @Override
    public void restoreState(final RestoreContext restore)
    {
        for (final Path directory : SnapshotFiles.sources(restore))
        {
            final Properties properties = SnapshotFiles.read(directory, KIND, toString());
            // Restored groups carry sequence numbers up to their instance's count: continue above all of them.
            batchNumber = Math.max(batchNumber, SnapshotFiles.longValue(properties, "batchNumber", directory));
            final String types = properties.getProperty("inputTypes");
            if (types == null)
            {
                continue;
            }
            final List<ArrowType> inputTypes = SnapshotFiles.decodeTypes(types, directory);
            SnapshotFiles.readGroups(directory, context.allocator(), (index, groups) ->
                SnapshotFiles.restoreGroups(groups, keys.size(), restore, context.allocator(),
                    owned -> restoreGroups(owned, inputTypes, directory)));
        }
    }

    /**
     * Adds a copy of the groups to {@code capture} and records the kernel's input types under {@code typesKey}.
     *
     * @return the record batch's index, or -1 when nothing was ever aggregated (no types bound, nothing added).
     */
    int captureGroups(final SnapshotFiles.Capture capture, final Properties properties, final String typesKey)
    {
        final Batch groups = aggregator.partialResult(context.allocator());
        if (groups.columnCount() == 0)
        {
            groups.close();
            return -1;
        }
        properties.setProperty(typesKey, SnapshotFiles.encodeTypes(aggregator.inputTypes()));
        if (users.size() == 0)
        {
            return capture.add(groups);
        }
        final List<FieldVector> columns = new ArrayList<>(groups.columns());
        try (groups)
        {
            final List<FieldVector> states = users.serialize(context.allocator(), null, groups.rowCount());
            final List<FieldVector> all = new ArrayList<>(columns.size() + states.size());
            for (final FieldVector column : columns)
            {
                all.add(Batches.transferred(column));
            }
            all.addAll(states);
            return capture.add(Batch.of(all));
        }
    }

    /**
     * Merges snapshotted groups (from {@link #captureGroups}) into this instance.
     *
     * @throws StateException when they do not fit this aggregation's keys, aggregates or types.
     */
    void restoreGroups(final Batch groups, final List<ArrowType> inputTypes, final Path directory)
    {
        try
        {
            aggregator.restore(groups, inputTypes);
            if (users.size() > 0)
            {
                final int rows = groups.rows().count();
                users.restore(groups, aggregator.lastGroupIds(rows), aggregator.groupCount());
            }
        }
        catch (final SchemaException e)
        {
            throw new StateException("snapshot " + directory + " does not fit " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> owned = new ArrayList<>(3);
        owned.add(aggregator);
        owned.add(globalKey);
        owned.add(sequence);
        aggregator = null;
        globalKey = null;
        sequence = null;
        Batches.closeAll(owned);
    }

    @Override
    public String toString()
    {
        return "Aggregate(" + mode + ", keys=" + keys + ", " + aggregates + ")";
    }
}
