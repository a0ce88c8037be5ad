package io.sabot.runtime.process;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.operator.Watermark;
import io.sabot.runtime.source.ValueWriter;
import io.sabot.runtime.state.AggregateFunction;
import io.sabot.runtime.state.AggregatingState;
import io.sabot.runtime.state.KeyedStateBackend;
import io.sabot.runtime.state.StateBackends;
import io.sabot.runtime.state.StateSerializer;
import io.sabot.runtime.state.ListState;
import io.sabot.runtime.state.MapState;
import io.sabot.runtime.state.ReducingState;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs a {@link KeyedProcessFunction}: per live input row, the row's key becomes current (state handles then act on
 * it) and {@code processRow} runs; on a watermark, every event-time timer at or below it fires in time order with its
 * key current; at end of bounded input every remaining event-time timer fires. Processing-time timers fire in time
 * order when the context's clock reaches them ({@link OperatorContext#timers()}: one wake-up requested, for the
 * earliest), also on an idle stream; at end of input they are dropped (Flink's streaming behaviour). Emitted rows
 * leave as one batch after each input batch and after each round of timers; the watermark is forwarded after them.
 *
 * <pre>
 *   keys: one integer column (int32/int64/date/timestamp) -&gt; a long, no boxing per row; otherwise a List of values
 *   timers: a binary heap on (time, registration order) of (time, key) longs plus a hash index of (time, key)
 *           ({@link TimerQueue}): one timer per key and time; composite keys as ids while they have timers
 * </pre>
 *
 * <p>Ownership: input batches are consumed; state lives in the configured backend (heap or RocksDB), flushed after
 * each batch and each round of timers, closed with the operator. Thread-safety: one thread at a time.
 *
 * <p>Checkpoints: the backend's snapshot (directory {@code state/}) plus the timers and the watermark (file
 * {@code timers}, below; processing-time timers in file {@code processing-timers}, same layout, watermark unused;
 * restored ones whose time has passed fire right after the restore). On a rescaled restore every instance reads
 * every previous instance's files and keeps the keys the hash exchange now sends it; its watermark is the smallest
 * previous one.
 * <pre>
 *   timers: watermark long | long keys bool | entries int | per entry: time long | key (long, or a tagged list:
 *           count int, per value: tag byte N|J|I|D|Z|S then the value)
 * </pre>
 */
public final class KeyedProcessOperator implements io.sabot.runtime.operator.CheckpointedOperator
{
    private static final String PROCESSING_TIMERS = "processing-timers";

    private final List<String> keys;
    private final Supplier<? extends KeyedProcessFunction> factory;
    private final Schema inputSchema;
    private final Schema outputSchema;
    private final LongSupplier clock;
    private final StateBackends.Factory backends;

    private OperatorContext context;
    private KeyedProcessFunction function;
    private KeyedStateBackend store;
    private boolean longKeys;
    private int[] keyColumns;
    private long watermark = Long.MIN_VALUE;
    private Object currentKey;
    /** Event-time timers: (time, key) with the key itself (integer keys) or its {@link TimerKeys} id. */
    private final TimerQueue timers = new TimerQueue();
    /** Processing-time timers, the same way. */
    private final TimerQueue processingTimers = new TimerQueue();
    /** Ids of composite keys with timers. */
    private final TimerKeys timerKeys = new TimerKeys();
    /** Processing time: the constructor's clock, or the context's. */
    private LongSupplier now;
    private final List<Object[]> emitted = new ArrayList<>();
    private long[] prefetchKeys = new long[0];
    private final BatchRow row = new BatchRow();
    private final Context ctx = new Context();
    private final RowOutput output = values ->
    {
        if (values.length != outputSchema().getFields().size())
        {
            throw new SchemaException("emit got " + values.length + " values for the " +
                outputSchema().getFields().size() + " columns of " + outputSchema());
        }
        emitted.add(values.clone());
    };

    /**
     * @param keys         the key columns.
     * @param factory      creates this instance's function.
     * @param inputSchema  the input schema.
     * @param outputSchema what the function emits.
     * @param clock        processing time in ms (state time-to-live and processing-time timers), or null for the
     *                    context's ({@link OperatorContext#timers()}, the job's clock).
     * @param backends     where keyed state lives.
     */
    public KeyedProcessOperator(final List<String> keys, final Supplier<? extends KeyedProcessFunction> factory,
        final Schema inputSchema, final Schema outputSchema, final LongSupplier clock,
        final StateBackends.Factory backends)
    {
        if (keys.isEmpty())
        {
            throw new IllegalArgumentException("a keyed process function needs at least one key column");
        }
        this.keys = List.copyOf(keys);
        this.factory = factory;
        this.inputSchema = inputSchema;
        this.outputSchema = outputSchema;
        this.clock = clock;
        this.backends = backends;
    }

    private Schema outputSchema()
    {
        return outputSchema;
    }

    /**
     * @param type a key column type.
     * @return true when such a single key is carried as a long.
     */
    static boolean isIntegerKey(final ArrowType type)
    {
        return type instanceof ArrowType.Int || type instanceof ArrowType.Date d &&
            d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY || type instanceof ArrowType.Timestamp;
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
        keyColumns = new int[keys.size()];
        for (int k = 0; k < keyColumns.length; k++)
        {
            keyColumns[k] = indexOf(inputSchema, keys.get(k));
        }
        longKeys = keys.size() == 1 && isIntegerKey(inputSchema.getFields().get(keyColumns[0]).getType());
        final io.sabot.runtime.operator.ProcessingTimers timerService = context.timers();
        now = clock != null ? clock : timerService::currentTimeMillis;
        store = backends.create(context.instance(), longKeys, now);
        function = factory.get();
        row.schema = inputSchema;
        function.open(ctx, row);
    }

    private static int indexOf(final Schema schema, final String name)
    {
        final List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++)
        {
            if (fields.get(i).getName().equals(name))
            {
                return i;
            }
        }
        throw new SchemaException("column '" + name + "' is not in " + schema);
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        try (batch)
        {
            if (!batch.schema().equals(inputSchema))
            {
                throw new SchemaException("keyed process function compiled for " + inputSchema + " got " +
                    batch.schema());
            }
            row.bind(batch);
            final SelectionVector selection = batch.selection();
            final int n = selection == null ? batch.rowCount() : selection.count();
            final FieldVector key0 = batch.column(keyColumns[0]);
            if (longKeys)
            {
                if (prefetchKeys.length < n)
                {
                    prefetchKeys = new long[Math.max(n, 1024)];
                }
                for (int i = 0; i < n; i++)
                {
                    prefetchKeys[i] = longOf(key0, selection == null ? i : selection.get(i));
                }
                store.prefetch(prefetchKeys, n);
            }
            for (int i = 0; i < n; i++)
            {
                final int r = selection == null ? i : selection.get(i);
                row.row = r;
                if (longKeys)
                {
                    final long k = prefetchKeys[i];
                    store.setCurrentKey(k);
                    currentKey = null;
                    ctx.longKey = k;
                }
                else
                {
                    final List<Object> k = new ArrayList<>(keyColumns.length);
                    for (final int c : keyColumns)
                    {
                        k.add(plain(batch.column(c).getObject(r)));
                    }
                    store.setCurrentKey(k);
                    currentKey = k;
                }
                function.processRow(row, ctx, output);
            }
            row.bind(null);
        }
        store.flush();
        flush(out);
    }

    private static Object plain(final Object value)
    {
        return value instanceof Text t ? t.toString() : value;
    }

    private static long longOf(final FieldVector v, final int r)
    {
        return switch (v)
        {
            case BigIntVector b -> b.get(r);
            case IntVector i -> i.get(r);
            case DateDayVector d -> d.get(r);
            case TimeStampVector t -> t.get(r);
            default -> ((Number)v.getObject(r)).longValue();
        };
    }

    @Override
    public void processWatermark(final Watermark next, final Output out)
    {
        if (next.timestamp() <= watermark)
        {
            return;
        }
        watermark = next.timestamp();
        fireTimers(watermark);
        store.flush();
        flush(out);
        out.emitWatermark(next);
    }

    private void fireTimers(final long upTo)
    {
        fireTimers(timers, upTo, TimeDomain.EVENT_TIME);
    }

    /** Fires (and removes) every timer of {@code domain} at or below {@code upTo}, including ones added meanwhile. */
    private void fireTimers(final TimerQueue pending, final long upTo, final TimeDomain domain)
    {
        while (!pending.isEmpty() && pending.peekTime() <= upTo)
        {
            pending.poll();
            final long time = pending.polledTime();
            final long k = pending.polledKey();
            if (longKeys)
            {
                store.setCurrentKey(k);
                ctx.longKey = k;
                currentKey = null;
            }
            else
            {
                final Object key = timerKeys.key(k);
                timerKeys.release(k);
                store.setCurrentKey(key);
                currentKey = key;
            }
            function.onTimer(time, domain, ctx, output);
        }
    }

    private void flush(final Output out)
    {
        if (emitted.isEmpty())
        {
            return;
        }
        final Batch batch;
        try
        {
            batch = ValueWriter.batch(outputSchema, emitted, 0, emitted.size(), 0, context.allocator());
        }
        finally
        {
            emitted.clear();
        }
        out.emit(batch);
    }

    /** Processing-time timers at or before {@code nowMillis} fire; then a wake-up for the next one. */
    @Override
    public void onProcessingTime(final long nowMillis, final Output out)
    {
        fireTimers(processingTimers, nowMillis, TimeDomain.PROCESSING_TIME);
        store.flush();
        flush(out);
        requestNextWakeUp();
    }

    private void requestNextWakeUp()
    {
        if (!processingTimers.isEmpty())
        {
            context.timers().requestWakeUp(processingTimers.peekTime());
        }
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        if (context.bounded() || !timers.isEmpty())
        {
            fireTimers(Long.MAX_VALUE);
        }
        store.flush();
        flush(out);
    }

    @Override
    public void close()
    {
        timers.clear();
        processingTimers.clear();
        timerKeys.clear();
        emitted.clear();
        if (store != null)
        {
            store.close();
            store = null;
        }
    }

    @Override
    public String toString()
    {
        return "KeyedProcess " + keys + " -> " + outputSchema;
    }

    @Override
    public io.sabot.runtime.checkpoint.OperatorSnapshot snapshotState(final long checkpointId)
    {
        store.flush();
        final io.sabot.runtime.checkpoint.OperatorSnapshot state = store.snapshot(checkpointId);
        final byte[] timerBytes = encodeTimers(timers, watermark);
        final byte[] processingTimerBytes = encodeTimers(processingTimers, Long.MIN_VALUE);
        return new io.sabot.runtime.checkpoint.OperatorSnapshot()
        {
            @Override
            public void writeTo(final io.sabot.runtime.checkpoint.SnapshotTarget target) throws java.io.IOException
            {
                java.nio.file.Files.write(target.directory().resolve("timers"), timerBytes);
                java.nio.file.Files.write(target.directory().resolve(PROCESSING_TIMERS), processingTimerBytes);
                final java.nio.file.Path stateDir = target.directory().resolve("state");
                java.nio.file.Files.createDirectories(stateDir);
                state.writeTo(new io.sabot.runtime.checkpoint.SnapshotTarget()
                {
                    @Override
                    public java.nio.file.Path directory()
                    {
                        return stateDir;
                    }

                    @Override
                    public java.nio.file.Path sharedDirectory()
                    {
                        return target.sharedDirectory();
                    }

                    @Override
                    public void reference(final String fileName)
                    {
                        target.reference(fileName);
                    }
                });
            }

            @Override
            public void discard()
            {
                state.discard();
            }
        };
    }

    private byte[] encodeTimers(final TimerQueue timers, final long watermark)
    {
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes))
        {
            out.writeLong(watermark);
            out.writeBoolean(longKeys);
            // firing order: by time, then registration order
            final long[] pairs = timers.toSortedPairs();
            out.writeInt(pairs.length / 2);
            for (int e = 0; e < pairs.length; e += 2)
            {
                out.writeLong(pairs[e]);
                if (longKeys)
                {
                    out.writeLong(pairs[e + 1]);
                }
                else
                {
                    final List<?> values = (List<?>)timerKeys.key(pairs[e + 1]);
                    out.writeInt(values.size());
                    for (final Object v : values)
                    {
                        writeValue(out, v);
                    }
                }
            }
        }
        catch (final java.io.IOException e)
        {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(final java.io.DataOutputStream out, final Object v) throws java.io.IOException
    {
        switch (v)
        {
            case null -> out.writeByte('N');
            case Long l -> { out.writeByte('J'); out.writeLong(l); }
            case Integer i -> { out.writeByte('I'); out.writeInt(i); }
            case Double d -> { out.writeByte('D'); out.writeDouble(d); }
            case Boolean b -> { out.writeByte('Z'); out.writeBoolean(b); }
            case String str -> { out.writeByte('S'); out.writeUTF(str); }
            default -> throw new io.sabot.common.StateException("timer key value " + v + " (" +
                v.getClass().getSimpleName() + ") cannot be checkpointed");
        }
    }

    private static Object readValue(final java.io.DataInputStream in) throws java.io.IOException
    {
        final int tag = in.readByte();
        return switch (tag)
        {
            case 'N' -> null;
            case 'J' -> in.readLong();
            case 'I' -> in.readInt();
            case 'D' -> in.readDouble();
            case 'Z' -> in.readBoolean();
            case 'S' -> in.readUTF();
            default -> throw new java.io.IOException("unknown value tag " + tag);
        };
    }

    @Override
    public void restoreState(final io.sabot.runtime.checkpoint.RestoreContext restore)
    {
        final List<java.nio.file.Path> mine = restore.rescaled() ? restore.directories() :
            List.of(restore.directories().get(restore.instance()));
        final List<Field> keyFields = new ArrayList<>();
        for (final int c : keyColumns)
        {
            keyFields.add(inputSchema.getFields().get(c));
        }
        try (OwnedKeys owned = new OwnedKeys(keyFields, context.instance(), context.parallelism(),
            context.allocator()))
        {
            final io.sabot.runtime.state.KeyFilter filter = restore.rescaled() ? owned :
                io.sabot.runtime.state.KeyFilter.ALL;
            long restoredWatermark = Long.MAX_VALUE;
            for (final java.nio.file.Path dir : mine)
            {
                restoredWatermark = Math.min(restoredWatermark, readTimers(dir.resolve("timers"), filter, timers));
                final java.nio.file.Path processing = dir.resolve(PROCESSING_TIMERS);
                if (java.nio.file.Files.exists(processing))
                {
                    // absent in snapshots taken before processing-time timers existed
                    readTimers(processing, filter, processingTimers);
                }
            }
            watermark = mine.isEmpty() ? Long.MIN_VALUE : restoredWatermark;
            final List<java.nio.file.Path> stateDirs = new ArrayList<>();
            for (final java.nio.file.Path dir : restore.directories())
            {
                stateDirs.add(dir.resolve("state"));
            }
            store.restore(new StateRestore(restore.instance(), restore.parallelism(),
                restore.previousParallelism(), restore.rescaled() ? stateDirs :
                List.of(stateDirs.get(restore.instance())), restore.sharedDirectory(), restore.checkpointId()),
                filter);
        }
        // restored timers whose time passed while the job was down fire right after the start
        requestNextWakeUp();
    }

    /** The backend's part of a restore: the {@code state/} directories it reads. */
    private record StateRestore(int instance, int parallelism, int previousParallelism,
                                List<java.nio.file.Path> directories, java.nio.file.Path sharedDirectory,
                                long checkpointId) implements io.sabot.runtime.checkpoint.RestoreContext
    {
    }

    /** Reads one previous instance's timers, keeps the owned ones; returns its watermark. */
    private long readTimers(final java.nio.file.Path file, final io.sabot.runtime.state.KeyFilter filter,
        final TimerQueue into)
    {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.BufferedInputStream(
            java.nio.file.Files.newInputStream(file))))
        {
            final long mark = in.readLong();
            final boolean longs = in.readBoolean();
            if (longs != longKeys)
            {
                throw new io.sabot.common.StateException(file + " holds timers of " + (longs ? "integer" :
                    "composite") + " keys, this operator has keys " + keys);
            }
            final int entries = in.readInt();
            for (int i = 0; i < entries; i++)
            {
                final long time = in.readLong();
                final Object key;
                if (longs)
                {
                    final long k = in.readLong();
                    key = filter.ownsLong(k) ? k : null;
                }
                else
                {
                    final int n = in.readInt();
                    final List<Object> values = new ArrayList<>(n);
                    for (int v = 0; v < n; v++)
                    {
                        values.add(readValue(in));
                    }
                    key = filter.owns(values) ? values : null;
                }
                if (key != null)
                {
                    addTimer(into, time, key);
                }
            }
            if (in.read() != -1)
            {
                throw new java.io.IOException("trailing bytes");
            }
            return mark;
        }
        catch (final java.io.IOException e)
        {
            throw new io.sabot.common.StateException("cannot restore timers from " + file + ": " + e, e);
        }
    }

    /** Registers a timer of a composite key (restores; the function's calls go through {@link Context}). */
    private void addTimer(final TimerQueue into, final long timestamp, final Object key)
    {
        if (key instanceof Long k && longKeys)
        {
            into.add(timestamp, k);
            return;
        }
        final long id = timerKeys.idOf(key);
        if (into.add(timestamp, id))
        {
            timerKeys.retain(id);
        }
    }

    /** The context handed to the function; the current key is the operator's. */
    private final class Context implements KeyedContext
    {
        long longKey;

        @Override
        public <T> ValueState<T> valueState(final String name, final Duration ttl)
        {
            return store.valueState(name, null, ttl);
        }

        @Override
        public <T> ListState<T> listState(final String name, final Duration ttl)
        {
            return store.listState(name, null, ttl);
        }

        @Override
        public <K, V> MapState<K, V> mapState(final String name, final Duration ttl)
        {
            return store.mapState(name, null, null, ttl);
        }

        @Override
        public <T> ValueState<T> valueState(final String name, final StateSerializer<T> serializer,
            final Duration ttl)
        {
            return store.valueState(name, serializer, ttl);
        }

        @Override
        public <T> ListState<T> listState(final String name, final StateSerializer<T> serializer,
            final Duration ttl)
        {
            return store.listState(name, serializer, ttl);
        }

        @Override
        public <K, V> MapState<K, V> mapState(final String name, final StateSerializer<K> keySerializer,
            final StateSerializer<V> valueSerializer, final Duration ttl)
        {
            return store.mapState(name, keySerializer, valueSerializer, ttl);
        }

        @Override
        public <T> ReducingState<T> reducingState(final String name, final BinaryOperator<T> reduce,
            final Duration ttl)
        {
            return store.reducingState(name, reduce, null, ttl);
        }

        @Override
        public <IN, ACC, OUT> AggregatingState<IN, OUT> aggregatingState(final String name,
            final AggregateFunction<IN, ACC, OUT> aggregate, final Duration ttl)
        {
            return store.aggregatingState(name, aggregate, null, ttl);
        }

        @Override
        public Object currentKey()
        {
            return longKeys ? (Object)longKey : currentKey;
        }

        @Override
        public long currentWatermark()
        {
            return watermark;
        }

        @Override
        public void registerEventTimeTimer(final long timestamp)
        {
            register(timers, timestamp);
        }

        @Override
        public void deleteEventTimeTimer(final long timestamp)
        {
            deleteTimer(timers, timestamp);
        }

        private void register(final TimerQueue into, final long timestamp)
        {
            if (longKeys)
            {
                into.add(timestamp, longKey);
            }
            else
            {
                addTimer(into, timestamp, currentKey);
            }
        }

        @Override
        public long currentProcessingTime()
        {
            return now.getAsLong();
        }

        @Override
        public void registerProcessingTimeTimer(final long timestamp)
        {
            register(processingTimers, timestamp);
            // coalesced by the executor: only an earlier time than the pending wake-up reschedules
            context.timers().requestWakeUp(timestamp);
        }

        @Override
        public void deleteProcessingTimeTimer(final long timestamp)
        {
            // the wake-up stays; it finds nothing due and asks for the next timer
            deleteTimer(processingTimers, timestamp);
        }

        private void deleteTimer(final TimerQueue from, final long timestamp)
        {
            if (longKeys)
            {
                from.remove(timestamp, longKey);
                return;
            }
            final long id = timerKeys.existingId(currentKey);
            if (id >= 0 && from.remove(timestamp, id))
            {
                timerKeys.release(id);
            }
        }
    }

    /**
     * The current input row, read straight from the batch's vectors. Per batch it caches each column's vector, its
     * kind and, for fixed-width integers and decimals, its value memory, so reading a long is one load.
     */
    private static final class BatchRow implements Row
    {
        private static final byte OTHER = 0;
        private static final byte LONG = 1;
        private static final byte INT = 2;
        private static final byte DECIMAL64 = 3;
        private static final byte UTF8 = 4;

        Schema schema;
        Batch batch;
        int row;
        private FieldVector[] vectors = new FieldVector[0];
        private byte[] kinds = new byte[0];
        private boolean[] nullable = new boolean[0];
        private java.lang.foreign.MemorySegment[] data = new java.lang.foreign.MemorySegment[0];
        private java.lang.foreign.MemorySegment[] offsets = new java.lang.foreign.MemorySegment[0];

        /** @param batch the batch whose rows are read next (null: none). */
        void bind(final Batch batch)
        {
            this.batch = batch;
            if (batch == null)
            {
                java.util.Arrays.fill(vectors, null);
                java.util.Arrays.fill(data, null);
                java.util.Arrays.fill(offsets, null);
                return;
            }
            final int n = batch.columnCount();
            if (vectors.length != n)
            {
                vectors = new FieldVector[n];
                kinds = new byte[n];
                nullable = new boolean[n];
                data = new java.lang.foreign.MemorySegment[n];
                offsets = new java.lang.foreign.MemorySegment[n];
            }
            for (int c = 0; c < n; c++)
            {
                final FieldVector v = batch.column(c);
                vectors[c] = v;
                nullable[c] = v.getNullCount() > 0;
                final byte kind = switch (v)
                {
                    case BigIntVector ignored -> LONG;
                    case TimeStampVector ignored -> LONG;
                    case IntVector ignored -> INT;
                    case DateDayVector ignored -> INT;
                    // up to 18 digits the unscaled value is the slot's low word
                    case DecimalVector d when d.getPrecision() <= 18 -> DECIMAL64;
                    case org.apache.arrow.vector.VarCharVector ignored -> UTF8;
                    default -> OTHER;
                };
                kinds[c] = kind;
                data[c] = kind == OTHER || v.getValueCount() == 0 ? null :
                    io.sabot.kernels.ArrowMemory.segment(v.getDataBuffer());
                offsets[c] = kind != UTF8 || v.getValueCount() == 0 ? null :
                    io.sabot.kernels.ArrowMemory.segment(v.getOffsetBuffer());
            }
        }

        @Override
        public int column(final String name)
        {
            return indexOf(schema, name);
        }

        private FieldVector vector(final int column)
        {
            if (batch == null)
            {
                throw new IllegalStateException("row values are readable only in processRow");
            }
            return vectors[column];
        }

        @Override
        public boolean isNull(final int column)
        {
            return vector(column).isNull(row);
        }

        @Override
        public long getLong(final int column)
        {
            final FieldVector v = vector(column);
            if (nullable[column] && v.isNull(row))
            {
                return 0;
            }
            return switch (kinds[column])
            {
                case LONG -> data[column].get(io.sabot.simd.Layouts.LONG_UNALIGNED, 8L * row);
                case INT -> data[column].get(io.sabot.simd.Layouts.INT_UNALIGNED, 4L * row);
                case DECIMAL64 -> data[column].get(io.sabot.simd.Layouts.LONG_UNALIGNED, 16L * row);
                default -> v instanceof DecimalVector d ? d.getObject(row).unscaledValue().longValue() :
                    longOf(v, row);
            };
        }

        @Override
        public int lookupUtf8(final int column, final byte[][] dictionary)
        {
            final FieldVector v = vector(column);
            if (kinds[column] != UTF8)
            {
                return Row.super.lookupUtf8(column, dictionary);
            }
            if (nullable[column] && v.isNull(row))
            {
                return -1;
            }
            final int start = offsets[column].get(io.sabot.simd.Layouts.INT_UNALIGNED, 4L * row);
            final int length = offsets[column].get(io.sabot.simd.Layouts.INT_UNALIGNED, 4L * row + 4) - start;
            final java.lang.foreign.MemorySegment bytes = data[column];
            for (int d = 0; d < dictionary.length; d++)
            {
                final byte[] candidate = dictionary[d];
                if (candidate.length == length && equal(bytes, start, candidate))
                {
                    return d;
                }
            }
            return -1;
        }

        private static boolean equal(final java.lang.foreign.MemorySegment bytes, final long start,
            final byte[] candidate)
        {
            for (int i = 0; i < candidate.length; i++)
            {
                if (bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, start + i) != candidate[i])
                {
                    return false;
                }
            }
            return true;
        }

        @Override
        public double getDouble(final int column)
        {
            final FieldVector v = vector(column);
            if (v.isNull(row))
            {
                return 0;
            }
            return switch (v)
            {
                case Float8Vector f -> f.get(row);
                case DecimalVector d -> d.getObject(row).doubleValue();
                default -> ((Number)v.getObject(row)).doubleValue();
            };
        }

        @Override
        public String getString(final int column)
        {
            final Object value = vector(column).getObject(row);
            return value == null ? null : value.toString();
        }

        @Override
        public BigDecimal getDecimal(final int column)
        {
            final FieldVector v = vector(column);
            return v.isNull(row) ? null : ((DecimalVector)v).getObject(row);
        }

        @Override
        public Object get(final int column)
        {
            return plain(vector(column).getObject(row));
        }
    }
}
