package io.sabot.runtime.operator;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import io.sabot.common.SchemaException;
import io.sabot.common.StateException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hashagg.HashAggregator;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * {@code keyBy(keys).sessionWindow(gap).aggregate(...)} in event time: per key, rows whose event times lie less
 * than {@code gap} apart form one session {@code [first, last + gap)}; a row that bridges two sessions merges them.
 *
 * <pre>
 *   row t of key k        -&gt; joins (and merges) every kept session of k whose [start, last + gap) meets [t, t + gap),
 *                            else starts a session [t, t + gap)
 *   late row              -&gt; its merged session ends at or before the watermark minus the lateness:
 *                            last + gap - 1 + allowedLateness &lt;= W (never true when it joins a kept session);
 *                            counted, and dropped or written to the late-row sink; also rows without event time
 *   watermark W           -&gt; every changed session with last + gap - 1 &lt;= W fires (one row: keys, window_start,
 *                            window_end, aggregates); state is kept until last + gap - 1 + allowedLateness &lt;= W
 *   after a batch         -&gt; a session it changed that already ends at or before W (rows within the lateness)
 *                            fires again at once, merged: an update (its bounds may have grown)
 *   end of input          -&gt; every changed session fires, in end order
 * </pre>
 * Which rows are late depends only on each batch's rows and the kept sessions, not on row order within the batch
 * (sessions are the connected components of the rows' [t, t + gap) intervals).
 *
 * <p><b>Incremental and vectorized.</b> Per batch, one {@link HashAggregator} over the keys (no aggregates) gives
 * each row its key's dense id (one vectorized probe); a pass in Java assigns rows to their key's sessions (a short
 * list per key, newest first, so in-order rows touch one entry); a second {@link HashAggregator} keyed by the
 * session's int64 id aggregates the batch's accepted rows (the kernels' accumulators), and its group ids index the
 * user aggregates' accumulators ({@link UserAggregateFunction}). Two kept sessions bridged by a row merge in the
 * kernel: the absorbed session's partial state (the kernels' PARTIAL format) is relabelled with the survivor's id
 * and restored into it, which merges exactly as two-phase aggregation does. Dead groups (purged or absorbed
 * sessions, keys without sessions) are compacted away once they outnumber the live ones.
 *
 * <pre>
 *   session slot s (struct of arrays, free list through next[])
 *     start[s] last[s]   first and last event time
 *     key[s]             key id (group of keyIndex)       next[s]   next (older) session of the key, or -1
 *                                                         previous[s] the newer one, or -1
 *     group[s]           group of sessions (-1: new)      id[s]     the int64 key of that group
 *     dirty[s]           changed since it last fired      gen[s]    bumped when freed (heap entries go stale)
 *   heap of (deadline, s|gen): dirty -&gt; last + gap - 1, else last + gap - 1 + allowedLateness (purge)
 * </pre>
 *
 * <p><b>Checkpoints</b>: one record batch with a row per kept session (keys, bounds, dirty flag, the session's
 * groups in the kernels' partial format, user accumulators serialized), the watermark, the late-row count and the
 * next session id. Restored with another parallelism, each instance keeps the sessions whose keys the hash exchange
 * routes to it (without keys: instance 0 keeps all); the watermark is the minimum of the snapshots'.
 *
 * <p>Ownership: input batches are consumed; the state lives in the context's allocator until {@link #close()}.
 * Thread-safety: one thread at a time (the operator contract).
 */
public final class SessionWindowOperator implements CheckpointedOperator
{
    private static final String KIND = "SessionWindow";
    private static final String SESSION = "$session";
    private static final String START = "$session.start";
    private static final String LAST = "$session.last";
    private static final String DIRTY = "$session.dirty";
    /** Event times are kept within +-2^61 so that sums with the gap and lateness cannot overflow. */
    private static final long TIME_LIMIT = 1L << 61;
    /** Dead groups (and keys) tolerated before a compaction, whatever the live count: amortizes rebuilding. */
    private static final int COMPACT_MIN = 1 << 16;

    private final List<String> keys;
    /** The event-time column, or null in processing time. */
    private final String timeColumn;
    private final boolean processingTime;
    private final long gap;
    private final long allowedLateness;
    private final List<Aggregate> aggregates;
    private final Sink lateSink;
    private final UserAggregates users;

    private OperatorContext context;
    private SinkWriter lateWriter;
    private HashAggregator keyIndex;
    private HashAggregator state;
    private LongScratch sessionColumn;
    private Field timeField;
    private int timeIndex = -1;
    private int[] keyIndexes;
    private int[] inputIndexes;
    private Schema boundSchema;
    private long watermark = Long.MIN_VALUE;
    private long lateRows;
    private long nextId;
    private int batchNumber;

    // sessions, struct of arrays
    private long[] start = new long[0];
    private long[] last = new long[0];
    private int[] key = new int[0];
    private int[] next = new int[0];
    private int[] previous = new int[0];
    private int[] group = new int[0];
    private long[] id = new long[0];
    private boolean[] dirty = new boolean[0];
    private int[] gen = new int[0];
    private int[] forward = new int[0];
    private int[] touchedIn = new int[0];
    private boolean[] live = new boolean[0];
    private int freeList = -1;
    private int slots;
    private int liveSessions;
    private int[] keyHead = new int[0];
    private int liveKeys;
    private int deadGroups;
    private int compactMin = COMPACT_MIN;

    // deadlines
    private long[] heapDeadline = new long[16];
    private long[] heapRef = new long[16];
    private int heapSize;

    // per-batch scratch
    private int[] rowSession = new int[0];
    private int[] touched = new int[0];
    private int touchedCount;
    private int[] absorbed = new int[0];
    private int absorbedCount;
    private int[] merges = new int[0];
    private int mergeCount;
    private int[] overlap = new int[8];
    private int[] lateRowsScratch = new int[0];
    private int[] emitList = new int[0];
    private int emitCount;
    private int[] purgeList = new int[0];
    private int purgeCount;

    /**
     * @param keys            the group-by columns (none: one session sequence for the whole stream).
     * @param timeColumn      the event-time column (int64 ms or timestamp[ms]).
     * @param gap             the session gap, ms, 1 .. 2^40.
     * @param allowedLateness how long (ms) after a session fired late rows still update it, 0 .. 2^60.
     * @param aggregates      the aggregates (built-in and user).
     * @param lateSink        where late rows go (the input's columns), or {@code null} to drop them.
     */
    public SessionWindowOperator(final List<String> keys, final String timeColumn, final long gap,
        final long allowedLateness, final List<Aggregate> aggregates, final Sink lateSink)
    {
        if (gap < 1 || gap > 1L << 40 || allowedLateness < 0 || allowedLateness > 1L << 60)
        {
            throw new IllegalArgumentException("session gap " + gap + " ms, lateness " + allowedLateness +
                " ms: need 1 <= gap <= 2^40 and 0 <= lateness <= 2^60");
        }
        if (timeColumn == null && (allowedLateness != 0 || lateSink != null))
        {
            throw new IllegalArgumentException("processing-time sessions have no late rows: no lateness, no late sink");
        }
        this.keys = List.copyOf(keys);
        this.timeColumn = timeColumn;
        this.processingTime = timeColumn == null;
        this.gap = gap;
        this.allowedLateness = allowedLateness;
        this.aggregates = List.copyOf(aggregates);
        this.lateSink = lateSink;
        this.users = new UserAggregates(aggregates);
        final java.util.Set<String> names = new java.util.HashSet<>(keys);
        names.add(WindowAggregateOperator.WINDOW_START);
        names.add(WindowAggregateOperator.WINDOW_END);
        for (final Aggregate aggregate : aggregates)
        {
            if (!names.add(aggregate.name()))
            {
                throw new SchemaException("session window output column '" + aggregate.name() + "' appears " +
                    "twice (keys " + keys + ", window bounds, aggregates " + aggregates + ")");
            }
        }
    }

    /**
     * Processing-time sessions: a batch's rows take the clock's time when the operator sees the batch
     * ({@link OperatorContext#timers()}); a session fires once the clock reaches its end (last row + gap), also on an
     * idle stream, and is then purged. No row is late and watermarks pass through; at end of input open sessions are
     * dropped without firing (Flink's streaming behaviour). {@code window_start}/{@code window_end} are
     * timestamp[ms].
     *
     * @param keys       the key columns (none: one session stream).
     * @param gap        the inactivity that closes a session, ms (1 .. 2^40).
     * @param aggregates the aggregates.
     * @return the operator.
     */
    public static SessionWindowOperator processingTime(final List<String> keys, final long gap,
        final List<Aggregate> aggregates)
    {
        return new SessionWindowOperator(keys, null, gap, 0, aggregates, null);
    }

    /** @return rows that were late (or had no event time) so far: dropped, or sent to the late-row sink. */
    public long lateRows()
    {
        return lateRows;
    }

    /** For tests: compact once {@code dead} groups or keys are dead (and outnumber the live ones). */
    void compactAfter(final int dead)
    {
        compactMin = dead;
    }

    /** @return sessions currently kept (open, or fired and within the lateness). */
    public int keptSessions()
    {
        return liveSessions;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        final BufferAllocator allocator = context.allocator();
        if (!keys.isEmpty())
        {
            keyIndex = HashAggregator.builder(allocator).groupBy(keys.toArray(new String[0])).build();
        }
        state = newState();
        sessionColumn = new LongScratch(allocator, SESSION);
        if (lateSink != null)
        {
            lateWriter = lateSink.open(context.instance(), context.parallelism(), allocator);
        }
        if (processingTime)
        {
            timeField = Field.notNullable(WindowAggregateOperator.WINDOW_START, WindowAggregateOperator
                .PROCESSING_TIME_TYPE);
        }
    }

    private HashAggregator newState()
    {
        final HashAggregator.Builder builder = HashAggregator.builder(context.allocator()).groupBy(SESSION);
        for (final Aggregate aggregate : aggregates)
        {
            final String column = aggregate.column();
            switch (aggregate.function())
            {
                case COUNT_ALL -> builder.count();
                case COUNT -> builder.count(column);
                case SUM -> builder.sum(column);
                case MIN -> builder.min(column);
                case MAX -> builder.max(column);
                case MEAN -> builder.mean(column);
                case USER ->
                {
                    // beside the kernel, per kernel group
                }
            }
        }
        return builder.build();
    }

    private void bind(final Schema schema)
    {
        if (schema.equals(boundSchema))
        {
            return;
        }
        if (!processingTime)
        {
            timeIndex = Batches.indexOf(schema, timeColumn, "event time");
            timeField = schema.getFields().get(timeIndex);
            if (!WindowAggregateOperator.isEventTimeType(timeField.getType()))
            {
                throw new SchemaException("event-time column '" + timeColumn + "' is " + timeField.getType() +
                    "; expected int64 milliseconds or timestamp[ms]");
            }
        }
        final int[] keyIdx = new int[keys.size()];
        for (int k = 0; k < keyIdx.length; k++)
        {
            keyIdx[k] = Batches.indexOf(schema, keys.get(k), "group-by");
        }
        final List<Integer> inputs = new ArrayList<>();
        for (final Aggregate aggregate : aggregates)
        {
            if (aggregate.function() != Aggregate.Function.USER && aggregate.column() != null)
            {
                inputs.add(Batches.indexOf(schema, aggregate.column(), "aggregate input"));
            }
        }
        users.bind(schema);
        keyIndexes = keyIdx;
        inputIndexes = inputs.stream().mapToInt(Integer::intValue).toArray();
        boundSchema = schema;
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try (batch)
        {
            bind(batch.schema());
            final Rows rows = batch.rows();
            final int n = rows.count();
            if (n == 0)
            {
                return;
            }
            batchNumber++;
            // processing time: every row of the batch takes the clock's time now
            final long now = processingTime ? context.timers().currentTimeMillis() : 0;
            final FieldVector time = processingTime ? null : batch.column(timeIndex);
            final MemorySegment times = time == null ? null : ArrowMemory.segment(time.getDataBuffer());
            final MemorySegment validity = time == null || time.getNullCount() == 0 ? null :
                ArrowMemory.segment(time.getValidityBuffer());
            final MemorySegment keyIds = keyIds(batch, rows);
            rowSession = grow(rowSession, n);
            lateRowsScratch = grow(lateRowsScratch, n);
            touchedCount = 0;
            absorbedCount = 0;
            mergeCount = 0;
            // pass 1: sessions per row
            for (int i = 0; i < n; i++)
            {
                final int row = rows.rowAt(i);
                if (validity != null && (validity.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) == 0)
                {
                    rowSession[i] = -1;
                    continue;
                }
                final long t = times == null ? now : times.get(Layouts.LONG_UNALIGNED, 8L * row);
                if (t <= -TIME_LIMIT || t >= TIME_LIMIT)
                {
                    throw new SchemaException("event time " + t + " in column '" + timeColumn + "' is outside " +
                        "the range session windows support (+-2^61 ms)");
                }
                rowSession[i] = assign(keyIds == null ? 0 : keyIds.get(Layouts.INT_UNALIGNED, 4L * i), t);
            }
            // new sessions that end behind the lateness are late as a whole
            for (int j = 0; j < touchedCount; j++)
            {
                final int s = touched[j];
                if (forward[s] < 0 && group[s] < 0 && last[s] + gap - 1 + allowedLateness <= watermark)
                {
                    forward[s] = -2;
                }
            }
            // pass 2: the session id column and the accepted rows
            final BigIntVector sessions = sessionColumn.fill(batch.rowCount(), 0, 0);
            final MemorySegment sessionIds = ArrowMemory.segment(sessions.getDataBuffer());
            int late = 0;
            int accepted = 0;
            for (int i = 0; i < n; i++)
            {
                final int row = rows.rowAt(i);
                final int s = rowSession[i] < 0 ? -1 : find(rowSession[i]);
                if (s < 0)
                {
                    lateRowsScratch[late++] = row;
                    continue;
                }
                sessionIds.set(Layouts.LONG_UNALIGNED, 8L * row, id[s]);
                rowSession[accepted++] = s;
            }
            lateRows += late;
            if (late > 0 && lateWriter != null)
            {
                final int[] lateAt = lateRowsScratch;
                lateWriter.write(sharedRows(batch, late, i -> lateAt[i]));
            }
            if (accepted > 0)
            {
                aggregate(batch, rows, sessions, accepted, late);
            }
            mergeAbsorbed();
            afterBatch(out);
            if (processingTime)
            {
                wakeUpForNextEnd();
            }
        }
    }

    /** @return each row's key id (int32 per row read), or {@code null} without keys. */
    private MemorySegment keyIds(final Batch batch, final Rows rows)
    {
        if (keyIndex == null)
        {
            if (keyHead.length == 0)
            {
                keyHead = new int[] {-1};
            }
            return null;
        }
        final List<FieldVector> keyVectors = new ArrayList<>(keyIndexes.length);
        for (final int index : keyIndexes)
        {
            keyVectors.add(batch.column(index));
        }
        final int before = keyIndex.groupCount();
        keyIndex.add(rows, keyVectors, List.of());
        final int after = keyIndex.groupCount();
        if (after > keyHead.length)
        {
            final int old = keyHead.length;
            keyHead = Arrays.copyOf(keyHead, Math.max(after, old * 2));
            Arrays.fill(keyHead, old, keyHead.length, -1);
        }
        return keyIndex.lastGroupIds(rows.count());
    }

    /** Puts event time {@code t} of key {@code k} into a session, merging the sessions it bridges. */
    private int assign(final int k, final long t)
    {
        int prev = -1;
        int s = keyHead[k];
        // sessions are disjoint and newest first: skip those starting at or after t + gap
        while (s >= 0 && start[s] - gap >= t)
        {
            prev = s;
            s = next[s];
        }
        if (s < 0 || last[s] + gap <= t)
        {
            final int created = allocate();
            start[created] = t;
            last[created] = t;
            key[created] = k;
            group[created] = -1;
            id[created] = nextId++;
            next[created] = s;
            previous[created] = prev;
            if (s >= 0)
            {
                previous[s] = created;
            }
            if (prev < 0)
            {
                if (s < 0 && keyHead[k] < 0)
                {
                    liveKeys++;
                }
                keyHead[k] = created;
            }
            else
            {
                next[prev] = created;
            }
            touch(created);
            return created;
        }
        if (next[s] < 0 || t >= start[s])
        {
            // the common case: t meets one session and cannot reach an older one
            start[s] = Math.min(start[s], t);
            last[s] = Math.max(last[s], t);
            touch(s);
            return s;
        }
        // t may bridge s and older sessions
        int count = 0;
        long from = Math.min(start[s], t);
        long to = Math.max(last[s], t);
        int q = s;
        while (q >= 0 && (q == s || last[q] + gap > from))
        {
            if (count == overlap.length)
            {
                overlap = Arrays.copyOf(overlap, count * 2);
            }
            overlap[count++] = q;
            from = Math.min(from, start[q]);
            to = Math.max(to, last[q]);
            q = next[q];
        }
        int survivor = overlap[0];
        for (int o = 0; o < count; o++)
        {
            if (group[overlap[o]] >= 0)
            {
                survivor = overlap[o];
                break;
            }
        }
        for (int o = 0; o < count; o++)
        {
            final int other = overlap[o];
            if (other != survivor)
            {
                forward[other] = survivor;
                absorbed = grow(absorbed, absorbedCount + 1);
                absorbed[absorbedCount++] = other;
                if (group[other] >= 0)
                {
                    merges = grow(merges, mergeCount + 2);
                    merges[mergeCount++] = group[other];
                    merges[mergeCount++] = survivor;
                }
            }
        }
        start[survivor] = from;
        last[survivor] = to;
        next[survivor] = q;
        previous[survivor] = prev;
        if (q >= 0)
        {
            previous[q] = survivor;
        }
        if (prev < 0)
        {
            keyHead[k] = survivor;
        }
        else
        {
            next[prev] = survivor;
        }
        touch(survivor);
        return survivor;
    }

    private void touch(final int s)
    {
        if (touchedIn[s] != batchNumber)
        {
            touchedIn[s] = batchNumber;
            touched = grow(touched, touchedCount + 1);
            touched[touchedCount++] = s;
        }
    }

    /** @return the session {@code s} was merged into (following merges), or -1 for a late (rejected) one. */
    private int find(final int s)
    {
        int r = s;
        while (forward[r] >= 0)
        {
            r = forward[r];
        }
        return forward[r] == -2 ? -1 : r;
    }

    /** Feeds the accepted rows (rowSession[0, accepted) holds their sessions) to the session aggregation. */
    private void aggregate(final Batch batch, final Rows rows, final BigIntVector sessions, final int accepted,
        final int late)
    {
        final List<FieldVector> keyVectors = List.of(sessions);
        final List<FieldVector> inputs = new ArrayList<>(inputIndexes.length);
        for (final int index : inputIndexes)
        {
            inputs.add(batch.column(index));
        }
        SelectionVector selection = null;
        try
        {
            final Rows fed;
            if (late == 0)
            {
                fed = rows;
            }
            else
            {
                selection = new SelectionVector(context.allocator(), accepted);
                int j = 0;
                final int n = rows.count();
                for (int i = 0, l = 0; i < n; i++)
                {
                    final int row = rows.rowAt(i);
                    if (l < late && lateRowsScratch[l] == row)
                    {
                        l++;
                        continue;
                    }
                    selection.set(j++, row);
                }
                selection.count(j);
                fed = Rows.selected(selection);
            }
            state.add(fed, keyVectors, inputs);
            final MemorySegment groups = state.lastGroupIds(accepted);
            for (int j = 0; j < accepted; j++)
            {
                group[rowSession[j]] = groups.get(Layouts.INT_UNALIGNED, 4L * j);
            }
            users.add(batch, fed, groups, state.groupCount());
        }
        finally
        {
            if (selection != null)
            {
                selection.close();
            }
        }
    }

    /** Merges the groups of absorbed kept sessions into their survivors: partial state relabelled and restored. */
    private void mergeAbsorbed()
    {
        if (mergeCount > 0)
        {
            final int pairs = mergeCount / 2;
            final MemorySegment from = MemorySegment.ofArray(new int[pairs]);
            for (int p = 0; p < pairs; p++)
            {
                from.set(Layouts.INT_UNALIGNED, 4L * p, merges[2 * p]);
            }
            try (Batch partial = state.partialResult(context.allocator(), from, pairs))
            {
                final BigIntVector ids = (BigIntVector)partial.column(SESSION);
                for (int p = 0; p < pairs; p++)
                {
                    ids.set(p, id[find(merges[2 * p + 1])]);
                }
                state.restore(partial, state.inputTypes());
            }
            for (int p = 0; p < pairs; p++)
            {
                users.merge(group[find(merges[2 * p + 1])], merges[2 * p]);
            }
            deadGroups += pairs;
        }
        for (int a = 0; a < absorbedCount; a++)
        {
            release(absorbed[a]);
        }
        absorbedCount = 0;
        mergeCount = 0;
    }

    /** After a batch: rejected sessions go, changed ones fire now (behind the watermark) or get a deadline. */
    private void afterBatch(final Output out)
    {
        emitCount = 0;
        for (int j = 0; j < touchedCount; j++)
        {
            final int s = touched[j];
            if (forward[s] == -2)
            {
                unlink(s);
                release(s);
                continue;
            }
            if (!live[s])
            {
                // absorbed into another session of this batch
                continue;
            }
            if (last[s] + gap - 1 <= watermark)
            {
                emitList = grow(emitList, emitCount + 1);
                emitList[emitCount++] = s;
                dirty[s] = false;
            }
            else
            {
                dirty[s] = true;
            }
            schedule(s);
        }
        touchedCount = 0;
        emit(out);
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
        fireUpTo(watermark, out);
        out.emitWatermark(next);
    }

    /** Processing time: every session whose end the clock reached fires and is purged. */
    @Override
    public void onProcessingTime(final long nowMillis, final Output out)
    {
        if (!processingTime)
        {
            return;
        }
        // deadline = last + gap - 1 <= now - 1: the clock reached the end
        fireUpTo(nowMillis - 1, out);
        wakeUpForNextEnd();
    }

    /** Asks for a wake-up at the earliest live session's end (stale heap entries on top are dropped first). */
    private void wakeUpForNextEnd()
    {
        while (heapSize > 0)
        {
            final int s = (int)(heapRef[0] >>> 32);
            if (gen[s] == (int)heapRef[0] && heapDeadline[0] == deadline(s))
            {
                context.timers().requestWakeUp(heapDeadline[0] + 1);
                return;
            }
            pop();
        }
    }

    /** Fires the changed sessions whose deadline is at or below {@code upTo}; purges the unchanged ones. */
    private void fireUpTo(final long upTo, final Output out)
    {
        emitCount = 0;
        purgeCount = 0;
        while (heapSize > 0 && heapDeadline[0] <= upTo)
        {
            final long deadline = heapDeadline[0];
            final long ref = heapRef[0];
            pop();
            final int s = (int)(ref >>> 32);
            if (gen[s] != (int)ref || deadline != deadline(s))
            {
                continue;
            }
            if (dirty[s])
            {
                emitList = grow(emitList, emitCount + 1);
                emitList[emitCount++] = s;
                dirty[s] = false;
                schedule(s);
            }
            else
            {
                purgeList = grow(purgeList, purgeCount + 1);
                purgeList[purgeCount++] = s;
                // its other heap entries go stale now (it is freed after the emission below)
                gen[s]++;
            }
        }
        emit(out);
        for (int p = 0; p < purgeCount; p++)
        {
            final int s = purgeList[p];
            unlink(s);
            deadGroups++;
            release(s);
        }
        purgeCount = 0;
        compactIfWorthIt();
    }

    private long deadline(final int s)
    {
        return last[s] + gap - 1 + (dirty[s] ? 0 : allowedLateness);
    }

    /** Emits emitList[0, emitCount) as one batch: keys, window_start, window_end, aggregates. */
    private void emit(final Output out)
    {
        if (emitCount == 0)
        {
            return;
        }
        final int m = emitCount;
        // a deterministic order, kept across restores: end, start, then age (restores keep the ids' order)
        sortSlots(emitList, m, true);
        final BufferAllocator allocator = context.allocator();
        final MemorySegment keyIds = MemorySegment.ofArray(new int[m]);
        final MemorySegment groupIds = MemorySegment.ofArray(new int[m]);
        for (int i = 0; i < m; i++)
        {
            keyIds.set(Layouts.INT_UNALIGNED, 4L * i, key[emitList[i]]);
            groupIds.set(Layouts.INT_UNALIGNED, 4L * i, group[emitList[i]]);
        }
        final List<FieldVector> columns = new ArrayList<>();
        try
        {
            if (keyIndex != null)
            {
                try (Batch keyColumns = keyIndex.result(allocator, keyIds, m))
                {
                    for (final FieldVector v : keyColumns.columns())
                    {
                        columns.add(Batches.transferred(v));
                    }
                }
            }
            columns.add(bound(WindowAggregateOperator.WINDOW_START, m, false, allocator));
            columns.add(bound(WindowAggregateOperator.WINDOW_END, m, true, allocator));
            try (Batch results = state.result(allocator, groupIds, m))
            {
                int c = 1;
                int u = 0;
                for (final Aggregate aggregate : aggregates)
                {
                    if (aggregate.function() == Aggregate.Function.USER)
                    {
                        columns.add(users.result(u++, allocator, groupIds, m));
                    }
                    else
                    {
                        columns.add(Batches.renamed(results.column(c++), aggregate.name()));
                    }
                }
            }
            out.emit(Batch.of(columns));
        }
        catch (final RuntimeException | Error e)
        {
            Batches.closeAll(columns);
            throw e;
        }
        emitCount = 0;
    }

    private FieldVector bound(final String name, final int rows, final boolean end, final BufferAllocator allocator)
    {
        final FieldVector v = Field.notNullable(name, timeField.getType()).createVector(allocator);
        try
        {
            v.setInitialCapacity(Math.max(rows, 1));
            v.allocateNew();
            for (int r = 0; r < rows; r++)
            {
                final int s = emitList[r];
                final long value = end ? last[s] + gap : start[s];
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
        catch (final RuntimeException | Error e)
        {
            v.close();
            throw e;
        }
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        emitCount = 0;
        // processing-time sessions still open are dropped (closed with the operator), as in Flink
        for (int s = 0; s < slots && !processingTime; s++)
        {
            if (live[s] && dirty[s])
            {
                emitList = grow(emitList, emitCount + 1);
                emitList[emitCount++] = s;
                dirty[s] = false;
            }
        }
        emit(out);
        if (lateWriter != null)
        {
            lateWriter.finish();
        }
    }

    // ---- slots, lists, heap --------------------------------------------------------------------------------------

    private int allocate()
    {
        int s = freeList;
        if (s >= 0)
        {
            freeList = next[s];
        }
        else
        {
            if (slots == start.length)
            {
                final int grown = Math.max(16, slots * 2);
                start = Arrays.copyOf(start, grown);
                last = Arrays.copyOf(last, grown);
                key = Arrays.copyOf(key, grown);
                next = Arrays.copyOf(next, grown);
                previous = Arrays.copyOf(previous, grown);
                group = Arrays.copyOf(group, grown);
                id = Arrays.copyOf(id, grown);
                dirty = Arrays.copyOf(dirty, grown);
                gen = Arrays.copyOf(gen, grown);
                forward = Arrays.copyOf(forward, grown);
                touchedIn = Arrays.copyOf(touchedIn, grown);
                live = Arrays.copyOf(live, grown);
            }
            s = slots++;
        }
        forward[s] = -1;
        dirty[s] = true;
        live[s] = true;
        touchedIn[s] = 0;
        liveSessions++;
        return s;
    }

    /** Removes s from its key's list (it must be in it). */
    private void unlink(final int s)
    {
        final int k = key[s];
        final int prev = previous[s];
        if (next[s] >= 0)
        {
            previous[next[s]] = prev;
        }
        if (prev < 0)
        {
            keyHead[k] = next[s];
            if (keyHead[k] < 0)
            {
                liveKeys--;
            }
        }
        else
        {
            next[prev] = next[s];
        }
    }

    /** Frees slot s (already out of its key's list); its heap entries go stale. */
    private void release(final int s)
    {
        live[s] = false;
        gen[s]++;
        forward[s] = -1;
        group[s] = -1;
        next[s] = freeList;
        freeList = s;
        liveSessions--;
    }

    private void schedule(final int s)
    {
        if (heapSize == heapDeadline.length)
        {
            heapDeadline = Arrays.copyOf(heapDeadline, heapSize * 2);
            heapRef = Arrays.copyOf(heapRef, heapSize * 2);
        }
        final long deadline = deadline(s);
        final long ref = (long)s << 32 | (gen[s] & 0xFFFF_FFFFL);
        int i = heapSize++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (heapDeadline[parent] <= deadline)
            {
                break;
            }
            heapDeadline[i] = heapDeadline[parent];
            heapRef[i] = heapRef[parent];
            i = parent;
        }
        heapDeadline[i] = deadline;
        heapRef[i] = ref;
    }

    private void pop()
    {
        final int size = --heapSize;
        final long deadline = heapDeadline[size];
        final long ref = heapRef[size];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && heapDeadline[child + 1] < heapDeadline[child])
            {
                child++;
            }
            if (heapDeadline[child] >= deadline)
            {
                break;
            }
            heapDeadline[i] = heapDeadline[child];
            heapRef[i] = heapRef[child];
            i = child;
        }
        heapDeadline[i] = deadline;
        heapRef[i] = ref;
    }

    private int[] sortScratch = new int[0];

    /** Sorts slots[0, n) by (end, start, id), or by id alone; a merge sort that allocates only its scratch. */
    private void sortSlots(final int[] slotsToSort, final int n, final boolean byBounds)
    {
        sortScratch = grow(sortScratch, n);
        for (int width = 1; width < n; width *= 2)
        {
            for (int lo = 0; lo < n - width; lo += 2 * width)
            {
                final int mid = lo + width;
                final int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int o = lo;
                while (a < mid && b < hi)
                {
                    sortScratch[o++] = before(slotsToSort[b], slotsToSort[a], byBounds) ? slotsToSort[b++] :
                        slotsToSort[a++];
                }
                while (a < mid)
                {
                    sortScratch[o++] = slotsToSort[a++];
                }
                while (b < hi)
                {
                    sortScratch[o++] = slotsToSort[b++];
                }
                System.arraycopy(sortScratch, lo, slotsToSort, lo, hi - lo);
            }
        }
    }

    /** @return whether slot x sorts strictly before slot y. */
    private boolean before(final int x, final int y, final boolean byBounds)
    {
        if (byBounds)
        {
            if (last[x] != last[y])
            {
                return last[x] < last[y];
            }
            if (start[x] != start[y])
            {
                return start[x] < start[y];
            }
        }
        return id[x] < id[y];
    }

    private static int[] grow(final int[] array, final int size)
    {
        return size <= array.length ? array : Arrays.copyOf(array, Math.max(size, Math.max(16, array.length * 2)));
    }

    /** @return a batch sharing {@code batch}'s columns with rows {@code rowAt(0..count)} (ascending) selected. */
    private Batch sharedRows(final Batch batch, final int count, final java.util.function.IntUnaryOperator rowAt)
    {
        final BufferAllocator allocator = context.allocator();
        final Batch share = io.sabot.runtime.exec.Batches.slice(batch, 0, batch.rowCount(), allocator);
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

    /** Drops dead groups (purged or absorbed sessions) and keys without sessions once they outnumber the live. */
    private void compactIfWorthIt()
    {
        final int dead = deadGroups;
        if (dead >= compactMin && dead > state.groupCount() - dead)
        {
            compactState();
        }
        if (keyIndex != null)
        {
            final int deadKeys = keyIndex.groupCount() - liveKeys;
            if (deadKeys >= compactMin && deadKeys > liveKeys)
            {
                compactKeys();
            }
        }
    }

    /** @return the live slots, ascending by {@code by[slot]}. */
    private int[] liveSlotsBy(final int[] by)
    {
        final long[] packed = new long[liveSessions];
        int count = 0;
        for (int s = 0; s < slots; s++)
        {
            if (live[s])
            {
                packed[count++] = (long)by[s] << 32 | s;
            }
        }
        Arrays.sort(packed, 0, count);
        final int[] out = new int[count];
        for (int i = 0; i < count; i++)
        {
            out[i] = (int)packed[i];
        }
        return out;
    }

    /** Copies the live sessions' groups, in group order, into a fresh aggregation (restore keeps their order). */
    private void compactState()
    {
        final int[] owners = liveSlotsBy(group);
        final int count = owners.length;
        final MemorySegment ids = MemorySegment.ofArray(new int[count]);
        for (int i = 0; i < count; i++)
        {
            ids.set(Layouts.INT_UNALIGNED, 4L * i, group[owners[i]]);
        }
        final HashAggregator fresh = newState();
        try (Batch partial = state.partialResult(context.allocator(), ids, count))
        {
            fresh.restore(partial, state.inputTypes());
        }
        catch (final RuntimeException | Error e)
        {
            fresh.close();
            throw e;
        }
        final MemorySegment moved = fresh.lastGroupIds(count);
        for (int i = 0; i < count; i++)
        {
            // old ids ascend, so every target is at or below its source and free or already moved
            final int to = moved.get(Layouts.INT_UNALIGNED, 4L * i);
            users.move(to, group[owners[i]]);
            group[owners[i]] = to;
        }
        users.truncate(count);
        state.close();
        state = fresh;
        deadGroups = 0;
    }

    /** Rebuilds the key index from the keys that still have sessions. */
    private void compactKeys()
    {
        final int[] liveKeyIds = new int[liveKeys];
        int count = 0;
        for (int k = 0; k < keyIndex.groupCount(); k++)
        {
            if (keyHead[k] >= 0)
            {
                liveKeyIds[count++] = k;
            }
        }
        final HashAggregator fresh = HashAggregator.builder(context.allocator())
            .groupBy(keys.toArray(new String[0])).build();
        final int[] heads = new int[Math.max(16, count)];
        Arrays.fill(heads, -1);
        try (Batch keyColumns = keyIndex.result(context.allocator(), MemorySegment.ofArray(liveKeyIds), count))
        {
            fresh.add(Rows.range(0, count), keyColumns.columns(), List.of());
        }
        catch (final RuntimeException | Error e)
        {
            fresh.close();
            throw e;
        }
        final MemorySegment renumbered = fresh.lastGroupIds(count);
        for (int i = 0; i < count; i++)
        {
            final int k = renumbered.get(Layouts.INT_UNALIGNED, 4L * i);
            heads[k] = keyHead[liveKeyIds[i]];
            for (int q = heads[k]; q >= 0; q = next[q])
            {
                key[q] = k;
            }
        }
        keyIndex.close();
        keyIndex = fresh;
        keyHead = heads;
    }

    @Override
    public void close()
    {
        final List<AutoCloseable> owned = new ArrayList<>(4);
        owned.add(keyIndex);
        owned.add(state);
        owned.add(sessionColumn);
        keyIndex = null;
        state = null;
        sessionColumn = null;
        RuntimeException failure = null;
        try
        {
            Batches.closeAll(owned);
        }
        catch (final RuntimeException e)
        {
            failure = e;
        }
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
        properties.setProperty("sessions", Integer.toString(liveSessions));
        if (timeField != null)
        {
            properties.setProperty("timeField", new Schema(List.of(timeField)).toJson());
        }
        final BufferAllocator allocator = context.allocator();
        try (SnapshotFiles.Capture capture = new SnapshotFiles.Capture(allocator))
        {
            if (liveSessions > 0)
            {
                properties.setProperty("inputTypes", SnapshotFiles.encodeTypes(state.inputTypes()));
                // in id order: restored sessions are renumbered in this order, so emission order is kept
                final int[] owners = liveSlotsBy(group);
                sortSlots(owners, owners.length, false);
                final int count = owners.length;
                final MemorySegment keyIds = MemorySegment.ofArray(new int[count]);
                final MemorySegment groupIds = MemorySegment.ofArray(new int[count]);
                for (int i = 0; i < count; i++)
                {
                    keyIds.set(Layouts.INT_UNALIGNED, 4L * i, key[owners[i]]);
                    groupIds.set(Layouts.INT_UNALIGNED, 4L * i, group[owners[i]]);
                }
                final List<FieldVector> columns = new ArrayList<>();
                try
                {
                    if (keyIndex != null)
                    {
                        try (Batch keyColumns = keyIndex.result(allocator, keyIds, count))
                        {
                            for (final FieldVector v : keyColumns.columns())
                            {
                                columns.add(Batches.transferred(v));
                            }
                        }
                    }
                    columns.add(longs(START, owners, start, allocator));
                    columns.add(longs(LAST, owners, last, allocator));
                    final long[] flags = new long[slots];
                    for (final int owner : owners)
                    {
                        flags[owner] = dirty[owner] ? 1 : 0;
                    }
                    columns.add(longs(DIRTY, owners, flags, allocator));
                    try (Batch partial = state.partialResult(allocator, groupIds, count))
                    {
                        for (final FieldVector v : partial.columns())
                        {
                            columns.add(Batches.transferred(v));
                        }
                    }
                    columns.addAll(users.serialize(allocator, groupIds, count));
                }
                catch (final RuntimeException | Error e)
                {
                    Batches.closeAll(columns);
                    throw e;
                }
                capture.add(Batch.of(columns));
            }
            return capture.finish(properties);
        }
    }

    private static FieldVector longs(final String name, final int[] owners, final long[] values,
        final BufferAllocator allocator)
    {
        final BigIntVector v = new BigIntVector(name, allocator);
        v.allocateNew(Math.max(owners.length, 1));
        for (int i = 0; i < owners.length; i++)
        {
            v.set(i, values[owners[i]]);
        }
        v.setValueCount(owners.length);
        return v;
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
            final String types = properties.getProperty("inputTypes");
            if (types == null)
            {
                continue;
            }
            final List<ArrowType> inputTypes = SnapshotFiles.decodeTypes(types, directory);
            SnapshotFiles.readGroups(directory, context.allocator(), (index, groups) ->
                SnapshotFiles.restoreGroups(groups, keys.size(), restore, context.allocator(),
                    owned -> restoreSessions(owned, inputTypes, directory)));
        }
        watermark = restoredWatermark;
        if (processingTime)
        {
            // sessions whose end passed while the job was down fire right after the start
            wakeUpForNextEnd();
        }
        lateRows = !restore.rescaled() || restore.instance() == 0 ? late : 0;
    }

    /** Recreates the sessions of one snapshot batch (its selection names the ones this instance keeps). */
    private void restoreSessions(final Batch snapshot, final List<ArrowType> inputTypes, final Path directory)
    {
        final Rows rows = snapshot.rows();
        final int n = rows.count();
        final int[] keyIds = new int[n];
        if (keyIndex != null)
        {
            final List<FieldVector> keyVectors = snapshot.columns().subList(0, keys.size());
            keyIndex.add(rows, keyVectors, List.of());
            MemorySegment.copy(keyIndex.lastGroupIds(n), Layouts.INT_UNALIGNED, 0, keyIds, 0, n);
            final int after = keyIndex.groupCount();
            if (after > keyHead.length)
            {
                final int old = keyHead.length;
                keyHead = Arrays.copyOf(keyHead, Math.max(after, old * 2));
                Arrays.fill(keyHead, old, keyHead.length, -1);
            }
        }
        else if (keyHead.length == 0)
        {
            keyHead = new int[] {-1};
        }
        final BigIntVector starts;
        final BigIntVector lasts;
        final BigIntVector flags;
        final BigIntVector ids;
        try
        {
            starts = (BigIntVector)snapshot.column(START);
            lasts = (BigIntVector)snapshot.column(LAST);
            flags = (BigIntVector)snapshot.column(DIRTY);
            ids = (BigIntVector)snapshot.column(SESSION);
        }
        catch (final RuntimeException e)
        {
            throw new StateException("snapshot " + directory + " does not hold sessions of " + description() +
                ": " + e.getMessage(), e);
        }
        // fresh ids: instances numbered their sessions independently
        final long[] assigned = new long[n];
        for (int i = 0; i < n; i++)
        {
            assigned[i] = nextId++;
            ids.set(rows.rowAt(i), assigned[i]);
        }
        final int[] groupIds = new int[n];
        try
        {
            state.restore(snapshot, inputTypes);
        }
        catch (final SchemaException e)
        {
            throw new StateException("snapshot " + directory + " does not fit " + description() + ": " +
                e.getMessage(), e);
        }
        final MemorySegment restoredGroups = state.lastGroupIds(n);
        MemorySegment.copy(restoredGroups, Layouts.INT_UNALIGNED, 0, groupIds, 0, n);
        users.restore(snapshot, restoredGroups, state.groupCount());
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final int s = allocate();
            start[s] = starts.get(row);
            last[s] = lasts.get(row);
            dirty[s] = flags.get(row) != 0;
            id[s] = assigned[i];
            group[s] = groupIds[i];
            key[s] = keyIds[i];
            insert(s);
            schedule(s);
        }
    }

    /** Links session s into its key's list (newest start first). */
    private void insert(final int s)
    {
        final int k = key[s];
        int prev = -1;
        int q = keyHead[k];
        while (q >= 0 && start[q] > start[s])
        {
            prev = q;
            q = next[q];
        }
        next[s] = q;
        previous[s] = prev;
        if (q >= 0)
        {
            previous[q] = s;
        }
        if (prev < 0)
        {
            if (keyHead[k] < 0)
            {
                liveKeys++;
            }
            keyHead[k] = s;
        }
        else
        {
            next[prev] = s;
        }
    }

    /** @return the operator's definition, without its counters (a restore checks it against the snapshot's). */
    private String description()
    {
        return "SessionWindow " + keys + " gap " + gap + " ms, lateness " + allowedLateness + " ms, " + aggregates;
    }

    @Override
    public String toString()
    {
        return description() + ", late rows " + lateRows;
    }
}
