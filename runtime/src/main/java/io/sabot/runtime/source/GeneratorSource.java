package io.sabot.runtime.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A source whose rows come from a {@link RowGenerator}, bounded ({@code n} rows) or unbounded.
 *
 * <p>Rows are numbered globally from 0 and generated in chunks of {@link #batchRows()}: chunk {@code k} holds rows
 * {@code [k*batchRows, min((k+1)*batchRows, n))}. With {@code p} shards, shard {@code i} generates chunks {@code i,
 * i+p, i+2p, ...} in that order, so the union of the shards is the same rows whatever {@code p} is (deterministic),
 * and this works for unbounded sources too.
 *
 * <p>Rate limit: with {@code rowsPerSecond > 0} each of the {@code p} shards keeps to {@code rowsPerSecond / p}: a
 * shard emits a chunk only while the rows it has emitted do not exceed what the rate allows since its first poll;
 * ahead of schedule {@link SourceReader#poll()} returns {@code null} at once (it never sleeps).
 *
 * <p>{@link #stop()} ends all readers of an unbounded (or bounded) source: after it, {@code poll} returns
 * {@code null} and {@code finished()} is {@code true}. Stopping is one-way.
 *
 * <p>Thread-safety: immutable apart from the stop flag; thread-safe. Ownership: polled batches are new and owned by
 * the caller.
 */
public final class GeneratorSource implements CheckpointedSource
{
    private final Schema schema;
    private final RowGenerator generator;
    private final long rows;
    private final int batchRows;
    private final double rowsPerSecond;
    private final LongSupplier nanoClock;
    /** Shared with pruned copies ({@link #withColumns}): stopping either stops both. */
    private final AtomicBoolean stopped;

    private GeneratorSource(final GeneratorSource of, final Schema schema, final RowGenerator generator)
    {
        this.schema = schema;
        this.generator = generator;
        this.rows = of.rows;
        this.batchRows = of.batchRows;
        this.rowsPerSecond = of.rowsPerSecond;
        this.nanoClock = of.nanoClock;
        this.stopped = of.stopped;
    }

    private GeneratorSource(final Builder b)
    {
        this.schema = Objects.requireNonNull(b.schema, "schema");
        this.generator = Objects.requireNonNull(b.generator, "generator");
        this.rows = b.rows;
        this.batchRows = b.batchRows;
        this.rowsPerSecond = b.rowsPerSecond;
        this.nanoClock = b.nanoClock;
        this.stopped = new AtomicBoolean();
    }

    /**
     * @param schema    the schema of the generated rows.
     * @param generator fills chunks of rows.
     * @return a builder (default: unbounded, 8192 rows per batch, no rate limit).
     */
    public static Builder builder(final Schema schema, final RowGenerator generator)
    {
        return new Builder(schema, generator);
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    /**
     * Projection pushdown when the generator supports it ({@link RowGenerator#project}): the same rows, chunks,
     * splits, positions and rate, with only {@code columns}; it shares this source's stop flag.
     */
    @Override
    public java.util.Optional<Source> withColumns(final List<String> columns)
    {
        final int[] kept = new int[columns.size()];
        final List<Field> fields = new ArrayList<>(columns.size());
        for (int i = 0; i < kept.length; i++)
        {
            kept[i] = schema.getFields().indexOf(schema.findField(columns.get(i)));
            fields.add(schema.getFields().get(kept[i]));
        }
        final RowGenerator projected = generator.project(kept);
        return projected == null ? java.util.Optional.empty() :
            java.util.Optional.of(new GeneratorSource(this, new Schema(fields), projected));
    }

    @Override
    public boolean bounded()
    {
        return rows >= 0;
    }

    /**
     * @return the number of rows, or {@code -1} if unbounded.
     */
    public long rowCount()
    {
        return rows;
    }

    /**
     * @return rows per generated batch (the last of a bounded source may be shorter).
     */
    public int batchRows()
    {
        return batchRows;
    }

    /**
     * Ends every reader of this source (one-way).
     */
    public void stop()
    {
        stopped.set(true);
    }

    /**
     * @return whether {@link #stop()} was called.
     */
    public boolean stopped()
    {
        return stopped.get();
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        int n = Math.max(1, parallelism);
        if (rows >= 0)
        {
            n = (int) Math.max(1, Math.min(n, chunks()));
        }
        final List<SourceSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            splits.add(new Shard(i, n));
        }
        return splits;
    }

    private long chunks()
    {
        return (rows + batchRows - 1) / batchRows;
    }

    @Override
    public PositionedReader open(final SourceSplit split, final BufferAllocator allocator, final byte[] position)
    {
        if (!(split instanceof Shard shard))
        {
            throw new IllegalArgumentException("not a split of this source: " + split.describe());
        }
        final Reader reader = new Reader(shard, allocator);
        if (position != null)
        {
            if (position.length != Long.BYTES)
            {
                throw new io.sabot.common.StateException("generator position of " + position.length +
                    " bytes, expected " + Long.BYTES);
            }
            reader.chunk = java.nio.ByteBuffer.wrap(position).getLong();
            if (Long.remainderUnsigned(reader.chunk - shard.index(), shard.count()) != 0 || reader.chunk < 0)
            {
                throw new io.sabot.common.StateException("generator position " + reader.chunk + " is not a chunk of " +
                    shard.describe());
            }
        }
        return reader;
    }

    /** A shard encodes as its index and count (two ints). */
    @Override
    public byte[] encodeSplit(final SourceSplit split)
    {
        final Shard shard = (Shard)split;
        return java.nio.ByteBuffer.allocate(8).putInt(shard.index()).putInt(shard.count()).array();
    }

    @Override
    public SourceSplit decodeSplit(final byte[] bytes)
    {
        if (bytes.length != 8)
        {
            throw new io.sabot.common.StateException("not a generator shard: " + bytes.length + " bytes");
        }
        final java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        final int index = b.getInt();
        final int count = b.getInt();
        if (count < 1 || index < 0 || index >= count)
        {
            throw new io.sabot.common.StateException("not a generator shard: " + index + "/" + count);
        }
        return new Shard(index, count);
    }

    @Override
    public String describe()
    {
        return "Generator[" + (rows >= 0 ? rows + " rows" : "unbounded") + ", batches of " + batchRows +
            (rowsPerSecond > 0 ? ", " + rowsPerSecond + " rows/s" : "") + ", " +
            schema.getFields().stream().map(Field::getName).toList() + "]";
    }

    /**
     * Shard {@code index} of {@code count}: chunks {@code index, index+count, ...}.
     *
     * @param index the shard.
     * @param count how many shards there are.
     */
    public record Shard(int index, int count) implements SourceSplit
    {
        @Override
        public String describe()
        {
            return "generator shard " + index + "/" + count;
        }
    }

    private final class Reader implements PositionedReader
    {
        private final BufferAllocator allocator;
        private final int stride;
        private long chunk;
        private long emitted;
        private long startNanos;
        private boolean started;
        private boolean closed;

        Reader(final Shard shard, final BufferAllocator allocator)
        {
            this.allocator = allocator;
            this.chunk = shard.index();
            this.stride = shard.count();
        }

        @Override
        public Batch poll()
        {
            if (finished())
            {
                return null;
            }
            final long first = chunk * batchRows;
            final int count = (int) (rows >= 0 ? Math.min(batchRows, rows - first) : batchRows);
            if (rowsPerSecond > 0)
            {
                final long now = nanoClock.getAsLong();
                if (!started)
                {
                    started = true;
                    startNanos = now;
                }
                final double allowed = (now - startNanos) / 1e9 * rowsPerSecond / stride;
                if (emitted > allowed)
                {
                    return null;
                }
            }
            final List<FieldVector> columns = new ArrayList<>(schema.getFields().size());
            try
            {
                for (final Field f : schema.getFields())
                {
                    final FieldVector v = f.createVector(allocator);
                    columns.add(v);
                    v.setInitialCapacity(count);
                    v.allocateNew();
                }
                generator.fill(first, count, columns);
                for (final FieldVector v : columns)
                {
                    v.setValueCount(count);
                }
            }
            catch (final RuntimeException e)
            {
                columns.forEach(FieldVector::close);
                throw e;
            }
            chunk += stride;
            emitted += count;
            return Batch.of(columns);
        }

        @Override
        public boolean finished()
        {
            return closed || stopped.get() || (rows >= 0 && chunk * batchRows >= rows);
        }

        /** The next chunk to generate (8 bytes). */
        @Override
        public byte[] position()
        {
            return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(chunk).array();
        }

        @Override
        public void close()
        {
            closed = true;
        }
    }

    /**
     * Configures a {@link GeneratorSource}. Not thread-safe.
     */
    public static final class Builder
    {
        private final Schema schema;
        private final RowGenerator generator;
        private long rows = -1;
        private int batchRows = 8192;
        private double rowsPerSecond;
        private LongSupplier nanoClock = System::nanoTime;

        private Builder(final Schema schema, final RowGenerator generator)
        {
            this.schema = schema;
            this.generator = generator;
        }

        /**
         * @param n total rows (bounded), >= 0.
         * @return this.
         */
        public Builder rows(final long n)
        {
            if (n < 0)
            {
                throw new IllegalArgumentException("rows must be >= 0, got " + n);
            }
            this.rows = n;
            return this;
        }

        /**
         * @return this, unbounded (the default).
         */
        public Builder unbounded()
        {
            this.rows = -1;
            return this;
        }

        /**
         * @param n rows per generated batch, >= 1.
         * @return this.
         */
        public Builder batchRows(final int n)
        {
            if (n <= 0)
            {
                throw new IllegalArgumentException("batchRows must be positive, got " + n);
            }
            this.batchRows = n;
            return this;
        }

        /**
         * @param rowsPerSecond total rows per second over all shards; {@code 0} for no limit.
         * @return this.
         */
        public Builder rateLimit(final double rowsPerSecond)
        {
            if (!(rowsPerSecond >= 0))
            {
                throw new IllegalArgumentException("rowsPerSecond must be >= 0, got " + rowsPerSecond);
            }
            this.rowsPerSecond = rowsPerSecond;
            return this;
        }

        /**
         * @param nanoClock the clock the rate limit reads (default {@link System#nanoTime()}); for tests.
         * @return this.
         */
        public Builder clock(final LongSupplier nanoClock)
        {
            this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
            return this;
        }

        /**
         * @return the source.
         */
        public GeneratorSource build()
        {
            return new GeneratorSource(this);
        }
    }
}
