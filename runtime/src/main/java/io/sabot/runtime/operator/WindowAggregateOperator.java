package io.sabot.runtime.operator;

import io.sabot.common.SchemaException;
import io.sabot.common.StateException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code keyBy(keys).window(...).aggregate(...)} in event time: tumbling (slide = size) or sliding windows
 * {@code [start, start + size)} with {@code start} a multiple of the slide, one incremental aggregation per window
 * (an {@link AggregateOperator} over the vectorized hash aggregation), fed each batch's rows of that window as one
 * range or selection.
 *
 * <pre>
 *   row with event time t   -&gt; windows start = floor(t / slide) * slide - k * slide, k = 0.. while start &gt; t - size
 *   watermark W             -&gt; every window with end - 1 &lt;= W fires (in end order): its groups, with window_start
 *                              and window_end after the keys; state is kept until end - 1 + allowedLateness &lt;= W
 *   late row (end - 1 + allowedLateness &lt;= W for every window it is in), or a null event time: counted, and
 *                              dropped or written to the late-row sink (a side output with the input's columns)
 *   row for a fired window still within the lateness: added, and the window fires again after the batch (an update)
 *   end of input            -&gt; every remaining window fires, in end order
 * </pre>
 *
 * <p>Output: the key columns, {@code window_start} and {@code window_end} (the event-time column's type), then one
 * column per aggregate, one row per (window, key) with rows.
 *
 * <p><b>Checkpoints</b>: the snapshot holds every window still kept (open, and fired but within the lateness) with
 * its groups in the kernels' partial format and whether it fired, the watermark, the late-row count and the
 * event-time column's type (see {@link SnapshotFiles}). Restored, the operator continues exactly: the same windows
 * fire with the same results and the same rows are late. With another parallelism each instance keeps the groups
 * whose keys the hash exchange routes to it (without keys, instance 0 keeps all); it assumes, as aligned barriers
 * give, that every previous instance snapshotted the same watermark (otherwise it takes their minimum). A window
 * that fired on one previous instance and not yet on another (possible only with lateness, for a window first
 * reached by rows behind the watermark) restores as not fired, so it fires once more at the next watermark: the
 * groups from the instance where it had fired are then emitted again with their unchanged values, an idempotent
 * update rather than a lost result. The late-row count of all previous instances goes to instance 0. Late rows
 * already written to the late-row sink are that sink's to keep exactly once.
 *
 * <p><b>Processing time</b> ({@link #processingTime}): a batch's rows belong to the windows that contain the clock's
 * time when the operator sees the batch ({@link OperatorContext#timers()}); a window fires once the clock reaches
 * its end (one wake-up requested, for the earliest end), also on an idle stream, and is then purged. Watermarks pass
 * through untouched, no row is late, and at end of input open windows are dropped without firing (Flink's
 * streaming behaviour for processing-time windows). {@code window_start}/{@code window_end} are timestamp[ms]. The
 * snapshot is the same; restored windows whose end passed fire right after the restore.
 *
 * <p>Ownership: input batches are consumed; each window's state lives in the context's allocator until the window is
 * purged or the operator closes. Thread-safety: one thread at a time (the operator contract).
 */
public final class WindowAggregateOperator implements CheckpointedOperator
{
    /** Name of the window start column. */
    public static final String WINDOW_START = "window_start";
    /** Name of the window end column (exclusive). */
    public static final String WINDOW_END = "window_end";

    private static final String KIND = "WindowAggregate";
    /** The type of window_start/window_end in processing time. */
    /** window_start/window_end of processing-time windows: timestamp[ms], no zone. */
    static final ArrowType PROCESSING_TIME_TYPE = new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);

    private final List<String> keys;
    private final String timeColumn;
    private final long size;
    private final long slide;
    private final long allowedLateness;
    private final List<Aggregate> aggregates;
    private final io.sabot.runtime.sink.Sink lateSink;
    /** Rows are assigned by the processing-time clock, not by an event-time column. */
    private final boolean processingTime;

    private io.sabot.runtime.sink.SinkWriter lateWriter;
    private int[] late = new int[0];
    private OperatorContext context;
    private OperatorContext windowContext;
    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private long watermark = Long.MIN_VALUE;
    private long lateRows;
    private Field timeField;
    private int timeIndex = -1;
    private Schema boundSchema;
    private long[] packed = new long[0];

    /** One window's aggregation and whether it fired. */
    private static final class Window
    {
        final AggregateOperator aggregation;
        boolean fired;
        boolean touchedSinceFired;

        Window(final AggregateOperator aggregation)
        {
            this.aggregation = aggregation;
        }
    }

    /**
     * @param keys            the group-by columns.
     * @param timeColumn      the event-time column (int64 ms or timestamp[ms]).
     * @param size            window length, ms, &gt;= 1.
     * @param slide           distance between window starts, ms, 1..size (size: tumbling).
     * @param allowedLateness how long (ms) after a window fired late rows still update it, &gt;= 0.
     * @param aggregates      the aggregates.
     * @param lateSink        where late rows go (the input's columns), or {@code null} to drop them.
     */
    public WindowAggregateOperator(final List<String> keys, final String timeColumn, final long size,
        final long slide, final long allowedLateness, final List<Aggregate> aggregates,
        final io.sabot.runtime.sink.Sink lateSink)
    {
        if (size < 1 || slide < 1 || slide > size || allowedLateness < 0 || (size + slide - 1) / slide > 64)
        {
            throw new IllegalArgumentException("window size " + size + ", slide " + slide + ", lateness " +
                allowedLateness + ": need size >= slide >= 1, size / slide <= 64 and lateness >= 0");
        }
        this.keys = List.copyOf(keys);
        this.timeColumn = timeColumn;
        this.size = size;
        this.slide = slide;
        this.allowedLateness = allowedLateness;
        this.aggregates = List.copyOf(aggregates);
        this.lateSink = lateSink;
        this.processingTime = timeColumn == null;
        if (processingTime && (allowedLateness != 0 || lateSink != null))
        {
            throw new IllegalArgumentException("processing-time windows have no late rows: lateness and late-row " +
                "sink must be unset");
        }
    }

    /**
     * @param keys       the group-by columns.
     * @param size       window length, ms, &gt;= 1.
     * @param slide      distance between window starts, ms, 1..size (size: tumbling).
     * @param aggregates the aggregates.
     * @return windows over processing time: rows go to the windows containing the clock's time when the operator
     * sees them, each window fires when the clock reaches its end.
     */
    public static WindowAggregateOperator processingTime(final List<String> keys, final long size, final long slide,
        final List<Aggregate> aggregates)
    {
        return new WindowAggregateOperator(keys, null, size, slide, 0, aggregates, null);
    }

    /**
     * @param keys       the keys.
     * @param aggregated the schema of a plain aggregation (keys, then aggregates).
     * @return the output of {@link #processingTime} windows: keys, window_start, window_end (timestamp[ms]),
     * aggregates.
     */
    public static Schema processingTimeOutputSchema(final List<String> keys, final Schema aggregated)
    {
        final List<Field> fields = new ArrayList<>(aggregated.getFields());
        fields.add(keys.size(), Field.notNullable(WINDOW_END, PROCESSING_TIME_TYPE));
        fields.add(keys.size(), Field.notNullable(WINDOW_START, PROCESSING_TIME_TYPE));
        return new Schema(fields);
    }

    /**
     * @param type a column type.
     * @return true for int64 (milliseconds) and timestamp[ms].
     */
    public static boolean isEventTimeType(final ArrowType type)
    {
        return type instanceof ArrowType.Int i && i.getBitWidth() == 64 && i.getIsSigned() ||
            type instanceof ArrowType.Timestamp t && t.getUnit() == TimeUnit.MILLISECOND;
    }

    /**
     * @param input      the input schema.
     * @param keys       the keys.
     * @param timeColumn the event-time column.
     * @param aggregated the schema of a plain aggregation (keys, then aggregates).
     * @return keys, window_start, window_end, aggregates.
     */
    public static Schema outputSchema(final Schema input, final List<String> keys, final String timeColumn,
        final Schema aggregated)
    {
        final Field time = input.findField(timeColumn);
        final List<Field> fields = new ArrayList<>(aggregated.getFields());
        fields.add(keys.size(), Field.notNullable(WINDOW_END, time.getType()));
        fields.add(keys.size(), Field.notNullable(WINDOW_START, time.getType()));
        return new Schema(fields);
    }

    /** @return rows that were late (or had no event time) so far: dropped, or sent to the late-row sink. */
    public long lateRows()
    {
        return lateRows;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        // each window is a bounded aggregation: it emits when told to
        this.windowContext = new OperatorContext(context.name(), context.instance(), context.parallelism(), true,
            context.allocator(), context.compiler());
        if (lateSink != null)
        {
            lateWriter = lateSink.open(context.instance(), context.parallelism(), context.allocator());
        }
        if (processingTime)
        {
            timeField = Field.notNullable(WINDOW_START, PROCESSING_TIME_TYPE);
        }
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        if (processingTime)
        {
            assignByClock(batch);
            return;
        }
        try (batch)
        {
            bind(batch.schema());
            final SelectionVector selection = batch.selection();
            final int n = selection == null ? batch.rowCount() : selection.count();
            if (n == 0)
            {
                return;
            }
            final FieldVector time = batch.column(timeIndex);
            final MemorySegment values = ArrowMemory.segment(time.getDataBuffer());
            final MemorySegment validity = time.getNullCount() == 0 ? null :
                ArrowMemory.segment(time.getValidityBuffer());
            final int perRow = (int)((size + slide - 1) / slide);
            if (packed.length < (long)n * perRow)
            {
                packed = new long[Math.max(n * perRow, 1024)];
            }
            // (window start index, row) pairs packed into longs: sorting groups rows by window, rows ascending
            if (late.length < n)
            {
                late = new int[Math.max(n, 1024)];
            }
            int lateCount = 0;
            int pairs = 0;
            long firstIndex = Long.MAX_VALUE;
            long lastIndex = Long.MIN_VALUE;
            for (int i = 0; i < n; i++)
            {
                final int row = selection == null ? i : selection.get(i);
                if (validity != null && (validity.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) == 0)
                {
                    late[lateCount++] = row;
                    continue;
                }
                final long t = values.get(Layouts.LONG_UNALIGNED, 8L * row);
                final long newest = Math.floorDiv(t, slide);
                boolean placed = false;
                for (long w = newest; w * slide > t - size; w--)
                {
                    if (w * slide + size - 1 + allowedLateness <= watermark)
                    {
                        // this window and every older one are past their lateness
                        break;
                    }
                    packed[pairs++] = w << 24 ^ row;
                    firstIndex = Math.min(firstIndex, w);
                    lastIndex = Math.max(lastIndex, w);
                    placed = true;
                }
                if (!placed)
                {
                    late[lateCount++] = row;
                }
            }
            lateRows += lateCount;
            if (lateCount > 0 && lateWriter != null)
            {
                writeLate(batch, lateCount);
            }
            if (pairs == 0)
            {
                return;
            }
            if (firstIndex < -(1L << 38) || lastIndex >= 1L << 38 || batch.rowCount() >= 1 << 24)
            {
                throw new SchemaException("event times in column '" + timeColumn + "' are out of the supported " +
                    "range for windows of " + slide + " ms slide (or the batch has 2^24 rows or more)");
            }
            if (firstIndex != lastIndex)
            {
                Arrays.sort(packed, 0, pairs);
            }
            int from = 0;
            while (from < pairs)
            {
                final long w = packed[from] >> 24;
                int to = from + 1;
                while (to < pairs && packed[to] >> 24 == w)
                {
                    to++;
                }
                addRows(w * slide, batch, from, to);
                from = to;
            }
        }
        emitUpdates(out);
    }

    /**
     * Processing time: the whole batch (its selection kept) goes to every window containing the clock's time, each
     * window getting a zero-copy share; a wake-up is requested for the earliest end.
     */
    private void assignByClock(final Batch batch)
    {
        final long now = context.timers().currentTimeMillis();
        if (io.sabot.runtime.exec.Batches.liveRows(batch) == 0)
        {
            batch.close();
            return;
        }
        final long newest = Math.floorDiv(now, slide);
        long oldest = newest;
        while ((oldest - 1) * slide > now - size)
        {
            oldest--;
        }
        try
        {
            for (long w = newest; w > oldest; w--)
            {
                clockWindow(w * slide).aggregation.processBatch(0,
                    io.sabot.runtime.exec.Batches.share(batch, context.allocator()), null);
            }
        }
        catch (final RuntimeException | Error e)
        {
            batch.close();
            throw e;
        }
        // the oldest window takes the batch itself
        clockWindow(oldest * slide).aggregation.processBatch(0, batch, null);
        context.timers().requestWakeUp(windows.firstKey() + size);
    }

    /** Processing time: the window starting at {@code start}, created when missing. */
    private Window clockWindow(final long start)
    {
        Window window = windows.get(start);
        if (window == null)
        {
            final AggregateOperator aggregation = new AggregateOperator(keys, aggregates);
            aggregation.open(windowContext);
            window = new Window(aggregation);
            windows.put(start, window);
        }
        return window;
    }

    /** Processing time: every window whose end the clock reached fires (in end order) and is purged. */
    @Override
    public void onProcessingTime(final long nowMillis, final Output out)
    {
        if (!processingTime)
        {
            return;
        }
        // end - 1 <= now - 1: the clock reached the end
        fire(out, nowMillis - 1);
        if (!windows.isEmpty())
        {
            context.timers().requestWakeUp(windows.firstKey() + size);
        }
    }

    /** Sends late[0, count) of the batch to the late-row sink (shared columns, a selection). */
    private void writeLate(final Batch batch, final int count)
    {
        final int[] rows = late;
        lateWriter.write(sharedRows(batch, count, i -> rows[i]));
    }

    /** Feeds rows packed[from, to) (one window) to that window's aggregation. */
    private void addRows(final long start, final Batch batch, final int from, final int to)
    {
        Window window = windows.get(start);
        if (window == null)
        {
            final AggregateOperator aggregation = new AggregateOperator(keys, aggregates);
            aggregation.open(windowContext);
            window = new Window(aggregation);
            windows.put(start, window);
        }
        if (window.fired)
        {
            window.touchedSinceFired = true;
        }
        final long[] pairs = packed;
        window.aggregation.processBatch(0, sharedRows(batch, to - from, i -> (int)(pairs[from + i] & 0xFFFFFF)),
            null);
    }

    /**
     * @return a batch sharing {@code batch}'s columns (no copy) with rows {@code rowAt(0..count)} (ascending) as its
     *     selection, or none when those are all its rows; owned by the caller.
     */
    private Batch sharedRows(final Batch batch, final int count, final java.util.function.IntUnaryOperator rowAt)
    {
        final BufferAllocator allocator = context.allocator();
        final Batch share = io.sabot.runtime.exec.Batches.slice(batch, 0, batch.rowCount(), allocator);
        if (count == batch.rowCount() && rowAt.applyAsInt(0) == 0 && rowAt.applyAsInt(count - 1) == count - 1)
        {
            return share;
        }
        final SelectionVector rows;
        try
        {
            rows = new SelectionVector(allocator, count);
        }
        catch (final RuntimeException | Error e)
        {
            share.close();
            throw e;
        }
        for (int i = 0; i < count; i++)
        {
            rows.set(i, rowAt.applyAsInt(i));
        }
        rows.count(count);
        return Batch.ofFiltered(share.columns(), rows);
    }

    @Override
    public void processWatermark(final Watermark next, final Output out)
    {
        if (processingTime)
        {
            out.emitWatermark(next);
            return;
        }
        if (next.timestamp() <= watermark)
        {
            return;
        }
        watermark = next.timestamp();
        fire(out, watermark);
        out.emitWatermark(next);
    }

    /** Fires every unfired window whose end - 1 is at or below {@code upTo}, then purges expired ones. */
    private void fire(final Output out, final long upTo)
    {
        final Iterator<Map.Entry<Long, Window>> it = windows.entrySet().iterator();
        while (it.hasNext())
        {
            final Map.Entry<Long, Window> e = it.next();
            final long start = e.getKey();
            final long end = start + size;
            if (end - 1 > upTo)
            {
                // starts ascend and all windows have one size: so do ends
                break;
            }
            final Window window = e.getValue();
            if (!window.fired || window.touchedSinceFired)
            {
                emit(window, start, out);
                window.fired = true;
                window.touchedSinceFired = false;
            }
            if (upTo == Long.MAX_VALUE || end - 1 + allowedLateness <= upTo)
            {
                window.aggregation.close();
                it.remove();
            }
        }
    }

    /** After a batch: fired windows that took late rows emit their updated result. */
    private void emitUpdates(final Output out)
    {
        if (allowedLateness == 0)
        {
            return;
        }
        for (final Map.Entry<Long, Window> e : windows.entrySet())
        {
            final Window window = e.getValue();
            if (window.fired && window.touchedSinceFired)
            {
                emit(window, e.getKey(), out);
                window.touchedSinceFired = false;
            }
        }
    }

    /** Emits the window's current result with its bounds after the keys. */
    private void emit(final Window window, final long start, final Output out)
    {
        final List<Batch> results = new ArrayList<>(1);
        window.aggregation.endOfInput(0, new Output()
        {
            @Override
            public void emit(final Batch batch)
            {
                results.add(batch);
            }

            @Override
            public void emitWatermark(final Watermark w)
            {
            }

            @Override
            public void emitBarrier(final CheckpointBarrier barrier)
            {
            }
        });
        for (final Batch result : results)
        {
            out.emit(withBounds(result, start));
        }
    }

    private Batch withBounds(final Batch result, final long start)
    {
        try (result)
        {
            final int rows = result.rowCount();
            final BufferAllocator allocator = context.allocator();
            final List<FieldVector> columns = new ArrayList<>(result.columnCount() + 2);
            try
            {
                for (final FieldVector v : result.columns())
                {
                    columns.add(Batches.transferred(v));
                }
                columns.add(keys.size(), bound(WINDOW_END, start + size, rows, allocator));
                columns.add(keys.size(), bound(WINDOW_START, start, rows, allocator));
                return Batch.of(columns);
            }
            catch (final RuntimeException | Error e)
            {
                Batches.closeAll(columns);
                throw e;
            }
        }
    }

    private FieldVector bound(final String name, final long value, final int rows, final BufferAllocator allocator)
    {
        final FieldVector v = Field.notNullable(name, timeField.getType()).createVector(allocator);
        v.setInitialCapacity(Math.max(rows, 1));
        v.allocateNew();
        for (int r = 0; r < rows; r++)
        {
            switch (v)
            {
                case BigIntVector b -> b.set(r, value);
                case TimeStampMilliVector t -> t.set(r, value);
                default -> throw new IllegalStateException(v.getField().toString());
            }
        }
        v.setValueCount(rows);
        return v;
    }

    private void bind(final Schema schema)
    {
        if (schema.equals(boundSchema))
        {
            return;
        }
        timeIndex = Batches.indexOf(schema, timeColumn, "event time");
        timeField = schema.getFields().get(timeIndex);
        if (!isEventTimeType(timeField.getType()))
        {
            throw new SchemaException("event-time column '" + timeColumn + "' is " + timeField.getType() +
                "; expected int64 milliseconds or timestamp[ms]");
        }
        boundSchema = schema;
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (!processingTime)
        {
            // processing-time windows still open are dropped (closed with the operator), as in Flink
            fire(out, Long.MAX_VALUE);
        }
        if (lateWriter != null)
        {
            lateWriter.finish();
        }
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (final Window window : windows.values())
        {
            try
            {
                window.aggregation.close();
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
        windows.clear();
        if (lateWriter != null)
        {
            try
            {
                lateWriter.close();
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
            lateWriter = null;
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    @Override
    public OperatorSnapshot snapshotState(final long checkpointId)
    {
        final Properties properties = SnapshotFiles.header(KIND, description());
        properties.setProperty("watermark", Long.toString(watermark));
        properties.setProperty("lateRows", Long.toString(lateRows));
        if (timeField != null)
        {
            properties.setProperty("timeField", new Schema(List.of(timeField)).toJson());
        }
        properties.setProperty("windows", Integer.toString(windows.size()));
        try (SnapshotFiles.Capture capture = new SnapshotFiles.Capture(context.allocator()))
        {
            int w = 0;
            for (final Map.Entry<Long, Window> e : windows.entrySet())
            {
                final String prefix = "window." + w++ + ".";
                final Window window = e.getValue();
                properties.setProperty(prefix + "start", Long.toString(e.getKey()));
                properties.setProperty(prefix + "fired", Boolean.toString(window.fired));
                properties.setProperty(prefix + "touched", Boolean.toString(window.touchedSinceFired));
                properties.setProperty(prefix + "batch",
                    Integer.toString(window.aggregation.captureGroups(capture, properties, prefix + "inputTypes")));
            }
            return capture.finish(properties);
        }
    }

    /** One snapshotted window's scalars, found by its record batch. */
    private record WindowState(long start, boolean fired, boolean touched, List<ArrowType> inputTypes)
    {
    }

    @Override
    public void restoreState(final RestoreContext restore)
    {
        long restoredWatermark = Long.MAX_VALUE;
        long late = 0;
        for (final Path directory : SnapshotFiles.sources(restore))
        {
            final Properties properties = SnapshotFiles.read(directory, KIND, description());
            restoredWatermark = Math.min(restoredWatermark,
                SnapshotFiles.longValue(properties, "watermark", directory));
            late += SnapshotFiles.longValue(properties, "lateRows", directory);
            final String time = properties.getProperty("timeField");
            if (time != null && timeField == null)
            {
                timeField = SnapshotFiles.decodeSchema(time, directory).getFields().get(0);
            }
            final int count = (int)SnapshotFiles.longValue(properties, "windows", directory);
            final Map<Integer, WindowState> byBatch = new HashMap<>();
            for (int w = 0; w < count; w++)
            {
                final String prefix = "window." + w + ".";
                final int batch = (int)SnapshotFiles.longValue(properties, prefix + "batch", directory);
                if (batch >= 0)
                {
                    byBatch.put(batch, new WindowState(SnapshotFiles.longValue(properties, prefix + "start", directory),
                        SnapshotFiles.booleanValue(properties, prefix + "fired", directory),
                        SnapshotFiles.booleanValue(properties, prefix + "touched", directory),
                        SnapshotFiles.decodeTypes(properties.getProperty(prefix + "inputTypes"), directory)));
                }
            }
            SnapshotFiles.readGroups(directory, context.allocator(), (index, groups) ->
            {
                final WindowState state = byBatch.get(index);
                if (state == null)
                {
                    throw new StateException("snapshot " + directory + " has groups (record batch " + index +
                        ") that belong to no window of " + description(), null);
                }
                SnapshotFiles.restoreGroups(groups, keys.size(), restore, context.allocator(),
                    owned -> restoreWindow(state, owned, directory));
            });
        }
        watermark = restoredWatermark;
        lateRows = !restore.rescaled() || restore.instance() == 0 ? late : 0;
        if (processingTime && !windows.isEmpty())
        {
            // windows whose end passed while the job was down fire right after the start
            context.timers().requestWakeUp(windows.firstKey() + size);
        }
    }

    /** Merges one snapshotted window's groups into the window of that start, creating it. */
    private void restoreWindow(final WindowState state, final Batch groups, final Path directory)
    {
        Window window = windows.get(state.start());
        if (window == null)
        {
            final AggregateOperator aggregation = new AggregateOperator(keys, aggregates);
            aggregation.open(windowContext);
            window = new Window(aggregation);
            windows.put(state.start(), window);
            window.fired = state.fired();
            window.touchedSinceFired = state.touched();
        }
        else
        {
            // rescaled: the same window from several previous instances; fired only if it fired on all of them
            window.fired &= state.fired();
            window.touchedSinceFired |= state.touched();
        }
        window.aggregation.restoreGroups(groups, state.inputTypes(), directory);
    }

    /** @return the operator's definition, without its counters (a restore checks it against the snapshot's). */
    private String description()
    {
        return (processingTime ? "ProcessingTimeWindowAggregate " : "WindowAggregate ") + keys + " " +
            (size == slide ? "tumbling " + size : "sliding " + size + "/" +
            slide) + " ms, lateness " + allowedLateness + " ms, " + aggregates;
    }

    @Override
    public String toString()
    {
        return description() + ", late rows " + lateRows;
    }
}
