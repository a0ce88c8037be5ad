package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code OFFSET offset LIMIT limit}: skips the first {@code offset} live rows, passes the next {@code limit} rows
 * and drops everything after. Batches wholly inside the window pass unchanged; a batch cut by the window is passed
 * zero-copy with a narrowed selection. Once the limit is reached every further batch is closed unread and
 * {@link #satisfied()} turns true, so the executor may stop the upstream sources early.
 *
 * <p>The window is per instance: for a global limit over parallel input, run it with parallelism 1 (or a per-instance
 * limit followed by a single-instance one). Row order is arrival order. Bounded and unbounded input behave the same;
 * on unbounded input it simply stops emitting. Nulls pass through.
 *
 * <p><b>Checkpoints</b>: the snapshot is the count of rows seen; restored, the operator passes exactly the rows the
 * uninterrupted one would. A global limit runs as one instance and is never rescaled. With another parallelism (a
 * per-instance limit in front of a global one, whose instances see whichever rows their worker ran) every instance
 * resumes from the largest count any previous instance had reached: no instance then passes more than any instance
 * could have, a limit satisfied before stays satisfied (its sources stay stopped), and the global limit still gets
 * every row it needs, since it already received at least that count from the instance that reached it.
 *
 * <p>Ownership: each batch is handed on or closed. Thread-safety: one thread at a time (the operator contract).
 */
public final class LimitOperator implements CheckpointedOperator
{
    private static final String KIND = "Limit";

    private final long offset;
    private final long limit;
    private long seen;
    private OperatorContext context;

    /**
     * @param limit the most rows to pass, {@code >= 0}.
     */
    public LimitOperator(final long limit)
    {
        this(0, limit);
    }

    /**
     * @param offset how many leading rows to skip, {@code >= 0}.
     * @param limit  the most rows to pass after them, {@code >= 0}.
     */
    public LimitOperator(final long offset, final long limit)
    {
        if (offset < 0 || limit < 0)
        {
            throw new SchemaException("limit needs offset >= 0 and limit >= 0, was offset=" + offset + ", limit=" +
                limit);
        }
        this.offset = offset;
        this.limit = limit;
    }

    /**
     * @return true once {@code offset + limit} rows have been seen: every later batch is dropped.
     */
    public boolean satisfied()
    {
        return seen >= offset + limit;
    }

    @Override
    public boolean needsMoreInput()
    {
        return !satisfied();
    }

    @Override
    public void open(final OperatorContext context)
    {
        this.context = context;
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        final long end = offset + limit;
        final int rows = Batches.liveRows(batch);
        final long start = seen;
        seen = Math.min(end, start + rows);
        if (start >= end || start + rows <= offset || rows == 0)
        {
            batch.close();
            return;
        }
        if (start >= offset && start + rows <= end)
        {
            out.emit(batch);
            return;
        }
        final int from = (int)Math.max(0, offset - start);
        final int to = (int)Math.min(rows, end - start);
        final Batch cut;
        try (batch)
        {
            final Rows live = batch.rows();
            final SelectionVector selection = new SelectionVector(context.allocator(), to - from);
            final List<FieldVector> columns = new ArrayList<>(batch.columnCount());
            try
            {
                for (int i = from; i < to; i++)
                {
                    selection.set(i - from, live.rowAt(i));
                }
                selection.count(to - from);
                for (final FieldVector column : batch.columns())
                {
                    columns.add(Batches.transferred(column));
                }
                cut = Batch.of(columns, selection);
            }
            catch (final RuntimeException | Error e)
            {
                selection.close();
                Batches.closeAll(columns);
                throw e;
            }
        }
        out.emit(cut);
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        // Nothing is held.
    }

    @Override
    public OperatorSnapshot snapshotState(final long checkpointId)
    {
        final Properties properties = SnapshotFiles.header(KIND, toString());
        properties.setProperty("seen", Long.toString(seen));
        try (SnapshotFiles.Capture capture = new SnapshotFiles.Capture(context.allocator()))
        {
            return capture.finish(properties);
        }
    }

    @Override
    public void restoreState(final RestoreContext restore)
    {
        for (final Path directory : SnapshotFiles.sources(restore))
        {
            seen = Math.max(seen, SnapshotFiles.longValue(SnapshotFiles.read(directory, KIND, toString()), "seen",
                directory));
        }
    }

    @Override
    public void close()
    {
        context = null;
    }

    @Override
    public String toString()
    {
        return "Limit(offset=" + offset + ", limit=" + limit + ")";
    }
}
