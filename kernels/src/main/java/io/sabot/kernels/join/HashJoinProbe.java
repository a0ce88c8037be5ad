package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * Probes a finished {@link HashJoinTable} with one probe batch at a time, producing at most {@code maxOutputRows}
 * output rows per step so memory stays bounded even when a probe row matches many build rows:
 *
 * <pre>{@code
 * try (HashJoinProbe probe = table.probe(JoinType.INNER, List.of("k"), 4096)) {
 *     for (Batch batch : probeBatches) {
 *         probe.start(batch);
 *         for (ProbeResult r = probe.next(); r != null; r = probe.next()) {
 *             ... r.probePositions(), r.buildRows() ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Output order: probe rows in the order read (range or selection order); for each probe row, its build matches
 * in ascending build row id. Null keys never match; see {@link JoinType} for what each type emits for them.
 *
 * <p>Memory: the prober owns its output buffers (off-heap, from the table's allocator, sized by
 * {@code maxOutputRows}) and about 50 KB of fixed on-heap scratch for 1024-row chunks, and reuses both. Probing
 * allocates nothing per row; per batch at most a few small {@link java.lang.foreign.MemorySegment} views when the
 * batch's buffers are new (none when they are the same memory as last time). {@link #nextBatch()} output is new and
 * owned by the caller. The probe batch is read, never closed, and must stay open while iterating.
 *
 * <p>Thread-safety: not thread-safe; use one prober per thread. Several probers may share one finished table.
 */
public final class HashJoinProbe implements AutoCloseable
{
    /** Output limit used by {@link HashJoinTable#probe(JoinType, List)}. */
    public static final int DEFAULT_MAX_OUTPUT_ROWS = 65_536;

    private static final int NOT_STARTED = -2;

    private final HashJoinTable table;
    private final JoinType type;
    private final List<String> probeKeyNames;
    private final int maxOutputRows;
    private final ProbeKey[] probeKeys;
    private final ProbeChunk chunk;
    private final JoinIndex index;
    private final MemorySegment chain;
    private final SelectionVector positions;
    private final IntVector buildRows;
    private final MemorySegment buildRowData;
    private final MemorySegment buildRowValidity;
    private final ProbeResult result;

    private Batch batch;
    private Rows rows;
    private int total;
    private int chunkStart;
    private int j;
    private int chainRow;
    private int chainLeft;
    private Rows lastRange;
    private boolean exhausted;
    private boolean closed;

    HashJoinProbe(final HashJoinTable table, final JoinType type, final List<String> probeKeyNames,
        final int maxOutputRows)
    {
        this.table = table;
        this.type = type;
        this.probeKeyNames = probeKeyNames;
        this.maxOutputRows = maxOutputRows;
        final KeyColumn[] buildKeys = table.keys();
        this.probeKeys = new ProbeKey[buildKeys.length];
        for (int i = 0; i < buildKeys.length; i++)
        {
            probeKeys[i] = buildKeys[i].newProbeKey();
        }
        this.chunk = new ProbeChunk(probeKeys);
        this.index = table.index();
        this.chain = table.chain();
        final BufferAllocator allocator = table.allocator();
        this.positions = new SelectionVector(allocator, maxOutputRows);
        IntVector vector = null;
        try
        {
            vector = new IntVector("build_row", allocator);
            vector.allocateNew(maxOutputRows);
        }
        catch (final RuntimeException | Error e)
        {
            positions.close();
            if (vector != null)
            {
                vector.close();
            }
            throw e;
        }
        this.buildRows = vector;
        // allocateNew(maxOutputRows) sized the buffers once; setValueCount never exceeds that, so they never move.
        this.buildRowData = ArrowMemory.segment(vector.getDataBuffer());
        this.buildRowValidity = ArrowMemory.segment(vector.getValidityBuffer());
        final boolean hasBuildRows = type == JoinType.INNER || type == JoinType.LEFT_OUTER;
        this.result = new ProbeResult(positions, buildRows, hasBuildRows);
        this.exhausted = true;
    }

    /**
     * @return the join type.
     */
    public JoinType type()
    {
        return type;
    }

    /**
     * Starts probing the live rows of {@code probe} (its selection if it has one).
     *
     * @param probe the probe batch; read until the iteration ends, never closed.
     */
    public void start(final Batch probe)
    {
        start(probe, liveRows(probe));
    }

    /**
     * Starts probing the given rows of {@code probe}; any iteration in progress is abandoned.
     *
     * @param probe the probe batch; read until the iteration ends, never closed.
     * @param rows  which physical rows to probe (a range or a selection).
     * @throws SchemaException       for a missing key column, a key type that differs from the build key's, or rows
     *                               outside the batch.
     * @throws IllegalStateException after {@link #close()} or when the table is closed.
     */
    public void start(final Batch probe, final Rows rows)
    {
        bind(probe, rows);
        this.batch = probe;
        this.rows = rows;
        this.total = rows.count();
        this.chunkStart = 0;
        this.chunk.n = 0;
        this.j = 0;
        this.chainRow = NOT_STARTED;
        this.exhausted = false;
    }

    /**
     * Produces the next chunk of output of the current probe batch.
     *
     * @return up to {@code maxOutputRows} output rows, or {@code null} when the batch is done (also when no probe
     *     batch was started). The result is reused by the next call.
     */
    public ProbeResult next()
    {
        checkOpen();
        if (exhausted)
        {
            unbind();
            return null;
        }
        final int limit = maxOutputRows;
        int out = 0;
        while (out < limit)
        {
            if (j == chunk.n)
            {
                chunkStart += chunk.n;
                if (chunkStart >= total)
                {
                    exhausted = true;
                    break;
                }
                loadChunk(chunkStart, Math.min(ProbeChunk.SIZE, total - chunkStart));
                j = 0;
                chainRow = NOT_STARTED;
            }
            out = switch (type)
            {
                case SEMI -> emitProbeOnly(out, limit, true);
                case ANTI -> emitProbeOnly(out, limit, false);
                case LEFT_OUTER -> emitJoined(out, limit, true);
                case INNER -> emitJoined(out, limit, false);
            };
        }
        if (out == 0)
        {
            unbind();
            return null;
        }
        positions.count(out);
        if (hasBuildRows())
        {
            setBuildValidity(out);
            buildRows.setValueCount(out);
        }
        else
        {
            buildRows.setValueCount(0);
        }
        result.count(out);
        return result;
    }

    /**
     * Produces the next chunk of output as a new batch: every column of the probe batch gathered at the probe
     * positions, then (for inner and left-outer joins) the table's payload columns gathered at the build rows, made
     * nullable for left-outer joins. Column names are kept as they are (the caller renames duplicates if needed).
     *
     * @return a new batch the caller owns and must close, or {@code null} when the probe batch is done.
     */
    public Batch nextBatch()
    {
        final Batch probeBatch = batch;
        final ProbeResult r = next();
        if (r == null)
        {
            return null;
        }
        final int count = r.count();
        final BufferAllocator allocator = table.allocator();
        final List<FieldVector> columns = new ArrayList<>();
        try
        {
            final MemorySegment probeIdx = positions.segment();
            for (final FieldVector column : probeBatch.columns())
            {
                columns.add(JoinGather.gather(allocator, column.getField(), column, probeIdx, null, count));
            }
            if (hasBuildRows())
            {
                final MemorySegment buildIdx = ArrowMemory.segment(buildRows.getDataBuffer());
                final MemorySegment buildValid = type == JoinType.LEFT_OUTER ?
                    ArrowMemory.segment(buildRows.getValidityBuffer()) : null;
                final Field[] fields = table.payloadFields();
                final FieldVector[] payload = table.payload();
                for (int c = 0; c < fields.length; c++)
                {
                    final Field field = type == JoinType.LEFT_OUTER ? nullable(fields[c]) : fields[c];
                    columns.add(JoinGather.gather(allocator, field, payload[c], buildIdx, buildValid, count));
                }
            }
            return Batch.of(columns);
        }
        catch (final RuntimeException | Error e)
        {
            for (final FieldVector column : columns)
            {
                column.close();
            }
            throw e;
        }
    }

    /**
     * Counts the output rows this prober's join type would produce for {@code probe}'s live rows, without
     * materializing them: inner = number of matching pairs; left outer = pairs plus unmatched probe rows; semi =
     * probe rows with a match; anti = probe rows without one. Abandons any iteration in progress.
     *
     * @param probe the probe batch (not closed).
     * @return the output row count.
     */
    public long countMatches(final Batch probe)
    {
        return countMatches(probe, liveRows(probe));
    }

    /**
     * As {@link #countMatches(Batch)} over the given rows.
     *
     * @param probe the probe batch (not closed).
     * @param rows  which physical rows to probe.
     * @return the output row count.
     */
    public long countMatches(final Batch probe, final Rows rows)
    {
        bind(probe, rows);
        exhausted = true;
        batch = null;
        final int n = rows.count();
        final int[] counts = chunk.counts;
        long total = 0;
        for (int start = 0; start < n; start += ProbeChunk.SIZE)
        {
            loadChunk(rows, start, Math.min(ProbeChunk.SIZE, n - start), false);
            final int m = chunk.n;
            switch (type)
            {
                case INNER ->
                {
                    for (int i = 0; i < m; i++)
                    {
                        total += counts[i];
                    }
                }
                case LEFT_OUTER ->
                {
                    for (int i = 0; i < m; i++)
                    {
                        total += Math.max(counts[i], 1);
                    }
                }
                case SEMI ->
                {
                    for (int i = 0; i < m; i++)
                    {
                        total += counts[i] != 0 ? 1 : 0;
                    }
                }
                default ->
                {
                    for (int i = 0; i < m; i++)
                    {
                        total += counts[i] == 0 ? 1 : 0;
                    }
                }
            }
        }
        unbindKeys();
        return total;
    }

    /** Semi/anti: emits the chunk's probe rows with (semi) or without (anti) a match, from {@code out} on. */
    private int emitProbeOnly(final int startOut, final int limit, final boolean matched)
    {
        final MemorySegment pos = positions.segment();
        final int[] counts = chunk.counts;
        final int[] physical = chunk.rows;
        final int n = chunk.n;
        int out = startOut;
        int row = j;
        for (; row < n && out < limit; row++)
        {
            if ((counts[row] != 0) == matched)
            {
                pos.set(Layouts.INT_UNALIGNED, (long)out++ << 2, physical[row]);
            }
        }
        j = row;
        return out;
    }

    /**
     * Inner/left outer: emits (probe row, build row) pairs from {@code out} on, resuming inside a chain when the
     * previous call stopped at the output limit. Chains are followed through next[] only while matches remain, so
     * unique keys never touch the chain array.
     */
    private int emitJoined(final int startOut, final int limit, final boolean outer)
    {
        final MemorySegment pos = positions.segment();
        final MemorySegment builds = buildRowData;
        final MemorySegment next = chain;
        final int[] heads = chunk.heads;
        final int[] counts = chunk.counts;
        final int[] physical = chunk.rows;
        final int n = chunk.n;
        int out = startOut;
        int row = j;
        int b = chainRow;
        int left = chainLeft;
        while (row < n && out < limit)
        {
            if (b == NOT_STARTED)
            {
                b = heads[row];
                left = counts[row];
                if (left <= 1)
                {
                    // Common case: zero or one match, no chain state.
                    if (left == 1 || outer)
                    {
                        pos.set(Layouts.INT_UNALIGNED, (long)out << 2, physical[row]);
                        builds.set(Layouts.INT_UNALIGNED, (long)out++ << 2, left == 1 ? b : -1);
                    }
                    b = NOT_STARTED;
                    row++;
                    continue;
                }
            }
            final int probeRow = physical[row];
            while (true)
            {
                pos.set(Layouts.INT_UNALIGNED, (long)out << 2, probeRow);
                builds.set(Layouts.INT_UNALIGNED, (long)out++ << 2, b);
                if (--left == 0 || out == limit)
                {
                    break;
                }
                b = next.get(Layouts.INT_UNALIGNED, (long)b << 2);
            }
            if (left == 0)
            {
                b = NOT_STARTED;
                row++;
            }
            else
            {
                b = next.get(Layouts.INT_UNALIGNED, (long)b << 2);
            }
        }
        j = row;
        chainRow = b;
        chainLeft = left;
        return out;
    }

    /** Validity of the build-row output from its values: -1 (no match) is null. */
    private void setBuildValidity(final int count)
    {
        final MemorySegment data = buildRowData;
        final MemorySegment validity = buildRowValidity;
        int i = 0;
        for (int k = 0; i + 8 <= count; i += 8, k++)
        {
            int bits = 0;
            for (int b = 0; b < 8; b++)
            {
                bits |= (~data.get(Layouts.INT_UNALIGNED, (long)(i + b) << 2) >>> 31) << b;
            }
            validity.set(java.lang.foreign.ValueLayout.JAVA_BYTE, k, (byte)bits);
        }
        if (i < count)
        {
            int bits = 0;
            for (int b = 0; i + b < count; b++)
            {
                bits |= (~data.get(Layouts.INT_UNALIGNED, (long)(i + b) << 2) >>> 31) << b;
            }
            validity.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i >>> 3, (byte)bits);
        }
    }

    /** The batch's live rows; the range object is reused across batches of equal length. */
    private Rows liveRows(final Batch probe)
    {
        if (probe.selection() != null)
        {
            return probe.rows();
        }
        Rows range = lastRange;
        if (range == null || range.count() != probe.rowCount())
        {
            range = Rows.range(0, probe.rowCount());
            lastRange = range;
        }
        return range;
    }

    private boolean hasBuildRows()
    {
        return type == JoinType.INNER || type == JoinType.LEFT_OUTER;
    }

    private void loadChunk(final int start, final int count)
    {
        loadChunk(rows, start, count, true);
    }

    private void loadChunk(final Rows probeRows, final int start, final int count, final boolean emitting)
    {
        chunk.load(probeRows, start, count, emitting);
        index.lookup(chunk, emitting);
        chunk.clearNullMatches();
    }

    private void bind(final Batch probe, final Rows probeRows)
    {
        checkOpen();
        final KeyColumn[] buildKeys = table.keys();
        for (int i = 0; i < probeKeys.length; i++)
        {
            final String name = probeKeyNames.get(i);
            final FieldVector vector = probe.column(name);
            if (!vector.getField().getType().equals(buildKeys[i].type))
            {
                throw new SchemaException("join key type mismatch: probe column '" + name + "' is " +
                    vector.getField().getType() + " but build column '" + buildKeys[i].name + "' is " +
                    buildKeys[i].type);
            }
            probeRows.checkWithin(vector);
        }
        for (int i = 0; i < probeKeys.length; i++)
        {
            probeKeys[i].bind(probe.column(probeKeyNames.get(i)));
        }
    }

    private void unbind()
    {
        batch = null;
        rows = null;
        unbindKeys();
    }

    private void unbindKeys()
    {
        for (final ProbeKey key : probeKeys)
        {
            key.unbind();
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("hash join prober is closed");
        }
        table.checkOpen();
    }

    private static Field nullable(final Field field)
    {
        if (field.isNullable())
        {
            return field;
        }
        final FieldType type = field.getFieldType();
        return new Field(field.getName(), new FieldType(true, type.getType(), type.getDictionary(),
            type.getMetadata()), field.getChildren());
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        unbind();
        positions.close();
        buildRows.close();
    }
}
