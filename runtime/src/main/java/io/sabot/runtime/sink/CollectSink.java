package io.sabot.runtime.sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import io.sabot.kernels.Batch;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Gathers every row a job produces as Java values (see {@link ArrowValues} for the mapping), for tests and small
 * results.
 *
 * <p>Each writer converts its batches to rows as they arrive and closes them, so nothing stays allocated in the
 * job's allocators. Rows are kept per instance, and {@link #rows()} concatenates the instances in instance order
 * (each instance's rows in arrival order), so a job whose planner keeps order yields ordered rows. {@link #rows()} may
 * be called at any time (e.g. on an unbounded job): it returns a snapshot.
 *
 * <p>Thread-safety: thread-safe; writers of different instances may write concurrently.
 */
public final class CollectSink implements Sink
{
    private final TreeMap<Integer, List<List<Object>>> perInstance = new TreeMap<>();
    private volatile Schema schema;
    private volatile boolean committed;
    private volatile boolean aborted;

    CollectSink()
    {
    }

    @Override
    public boolean parallel()
    {
        return true;
    }

    @Override
    public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        final List<List<Object>> rows = new ArrayList<>();
        synchronized (perInstance)
        {
            if (perInstance.putIfAbsent(instance, rows) != null)
            {
                throw new IllegalStateException("instance " + instance + " of the collect sink was opened twice");
            }
        }
        return new Writer(rows);
    }

    @Override
    public void commit()
    {
        committed = true;
    }

    @Override
    public void abort()
    {
        aborted = true;
    }

    /**
     * @return whether the job committed.
     */
    public boolean committed()
    {
        return committed;
    }

    /**
     * @return whether the job aborted.
     */
    public boolean aborted()
    {
        return aborted;
    }

    /**
     * @return the schema of the first batch written, or {@code null} if none was.
     */
    public Schema schema()
    {
        return schema;
    }

    /**
     * @return a snapshot of all rows, instances in order; each row a list of Java values.
     */
    public List<List<Object>> rows()
    {
        final List<List<Object>> all = new ArrayList<>();
        synchronized (perInstance)
        {
            for (final List<List<Object>> rows : perInstance.values())
            {
                synchronized (rows)
                {
                    all.addAll(rows);
                }
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * @return the number of rows gathered so far.
     */
    public long rowCount()
    {
        long n = 0;
        synchronized (perInstance)
        {
            for (final List<List<Object>> rows : perInstance.values())
            {
                synchronized (rows)
                {
                    n += rows.size();
                }
            }
        }
        return n;
    }

    /**
     * @param allocator where the batch lives.
     * @return all rows as one new batch of {@link #schema()} (owned by the caller); an empty batch without columns if
     * nothing was written.
     */
    public Batch toBatch(final BufferAllocator allocator)
    {
        final Schema s = schema;
        if (s == null)
        {
            return Batch.of(List.of());
        }
        final List<Object[]> rows = new ArrayList<>();
        for (final List<Object> row : rows())
        {
            rows.add(row.toArray());
        }
        final int n = Math.max(1, rows.size());
        final var source = Sources.rows(s, rows, n);
        try (var reader = source.open(source.splits(1).get(0), allocator))
        {
            final Batch b = reader.poll();
            return b != null ? b : Batch.of(s.getFields().stream().map(f -> emptyVector(f, allocator)).toList());
        }
    }

    private static FieldVector emptyVector(final Field field, final BufferAllocator allocator)
    {
        final FieldVector v = field.createVector(allocator);
        v.setValueCount(0);
        return v;
    }

    @Override
    public String describe()
    {
        return "Collect";
    }

    private final class Writer implements SinkWriter
    {
        private final List<List<Object>> rows;

        Writer(final List<List<Object>> rows)
        {
            this.rows = rows;
        }

        @Override
        public void write(final Batch batch)
        {
            try (batch)
            {
                if (schema == null)
                {
                    schema = batch.schema();
                }
                final List<List<Object>> converted = ArrowValues.rows(batch);
                synchronized (rows)
                {
                    rows.addAll(converted);
                }
            }
        }

        @Override
        public void finish()
        {
        }

        @Override
        public void close()
        {
        }
    }
}
