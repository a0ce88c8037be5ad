package io.sabot.runtime.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.sabot.jit.ExpressionCompiler;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hash.Hashing;
import io.sabot.runtime.checkpoint.KeyOwnership;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.checkpoint.SnapshotTarget;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Shared pieces of the operator checkpoint tests: a wide random row schema with decimals and event times, batches
 * with dead rows behind selections, rows split by key ownership as the hash exchange splits them, snapshot targets
 * and restore contexts over temporary directories, and exact (bitwise) row comparison.
 */
final class CheckpointTesting
{
    /** {@code k int32, s utf8, t int64 (event time), v int32, l int64, d float64, m decimal(12,2), w decimal(30,3)}. */
    static final Schema SCHEMA = Harness.schema("k", Harness.INT, "s", Harness.UTF8, "t", Harness.LONG,
        "v", Harness.INT, "l", Harness.LONG, "d", Harness.DOUBLE, "m", new ArrowType.Decimal(12, 2, 128),
        "w", new ArrowType.Decimal(30, 3, 128));

    private static final String[] WORDS = {"", "a", "bb", "ccc", "éé", "Hello"};

    private CheckpointTesting()
    {
    }

    /** @return a random row of {@link #SCHEMA} with event time {@code time}; nulls with probability 1/10. */
    static Object[] row(final SplittableRandom random, final int keys, final long time)
    {
        final Object[] row = new Object[8];
        row[0] = random.nextInt(10) == 0 ? null : random.nextInt(keys) - keys / 4;
        row[1] = random.nextInt(10) == 0 ? null : WORDS[random.nextInt(WORDS.length)];
        row[2] = time;
        row[3] = random.nextInt(10) == 0 ? null : random.nextInt();
        row[4] = random.nextInt(10) == 0 ? null : random.nextLong(-1_000_000_000L, 1_000_000_000L);
        final int pick = random.nextInt(25);
        row[5] = random.nextInt(10) == 0 ? null : pick == 0 ? Double.NaN : pick == 1 ? -0.0 : pick == 2 ? 0.0 :
            random.nextDouble() * 1e4 - 5e3;
        row[6] = random.nextInt(10) == 0 ? null :
            new BigDecimal(BigInteger.valueOf(random.nextLong(-999_999_999_999L, 999_999_999_999L)), 2);
        final BigInteger wide = new BigInteger(96, new java.util.Random(random.nextLong()));
        row[7] = random.nextInt(10) == 0 ? null : new BigDecimal(random.nextBoolean() ? wide.negate() : wide, 3);
        return row;
    }

    /** @return {@code n} random rows with event times from {@code time} on (ascending by one). */
    static List<Object[]> rows(final SplittableRandom random, final int n, final int keys)
    {
        final List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            rows.add(row(random, keys, i));
        }
        return rows;
    }

    /** Splits rows into random batch sizes, some empty. */
    static List<List<Object[]>> chunks(final SplittableRandom random, final List<Object[]> rows)
    {
        final List<List<Object[]>> chunks = new ArrayList<>();
        int at = 0;
        while (at < rows.size())
        {
            final int size = Math.min(rows.size() - at, random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(150));
            chunks.add(rows.subList(at, at + size));
            at += size;
        }
        return chunks;
    }

    /** @return a batch of {@code rows}, with dead rows behind a selection half the time. */
    static Batch batch(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows)
    {
        return batch(allocator, random, rows, SCHEMA);
    }

    /** @return a batch of {@code rows} of {@code schema}, with dead rows behind a selection half the time. */
    static Batch batch(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows,
        final Schema schema)
    {
        return batch(allocator, random, rows, schema, random.nextBoolean());
    }

    /**
     * @return a batch of {@code rows} of {@code schema}; with {@code select}, random dead rows (copies of live ones
     *     with other values in the first column) sit between them behind a selection.
     */
    static Batch batch(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows,
        final Schema schema, final boolean select)
    {
        final List<Object[]> physical = new ArrayList<>();
        final List<Integer> live = new ArrayList<>();
        for (final Object[] row : rows)
        {
            while (select && random.nextInt(3) == 0)
            {
                final Object[] dead = row.clone();
                dead[0] = 1_000_000 + random.nextInt(1000);
                physical.add(dead);
            }
            live.add(physical.size());
            physical.add(row);
        }
        final List<FieldVector> columns = new ArrayList<>();
        for (int c = 0; c < schema.getFields().size(); c++)
        {
            columns.add(Harness.vector(allocator, schema.getFields().get(c), physical, c));
        }
        if (!select)
        {
            return Batch.of(columns);
        }
        return Batch.of(columns, SelectionVector.of(allocator, live.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * @return the rows split as a hash exchange on {@code keys} over {@code parallelism} instances splits them
     *     (entry {@code i} for instance {@code i}, arrival order kept).
     */
    static List<List<Object[]>> partition(final BufferAllocator allocator, final List<Object[]> rows,
        final Schema schema, final List<String> keys, final int parallelism)
    {
        final List<List<Object[]>> parts = new ArrayList<>();
        for (int p = 0; p < parallelism; p++)
        {
            parts.add(new ArrayList<>());
        }
        if (rows.isEmpty())
        {
            return parts;
        }
        try (Batch batch = batch(allocator, new SplittableRandom(0), rows, schema, false))
        {
            final List<FieldVector> keyColumns = new ArrayList<>();
            for (final String key : keys)
            {
                keyColumns.add(batch.column(key));
            }
            try (BigIntVector hashes = Hashing.hash(keyColumns, allocator))
            {
                for (int r = 0; r < rows.size(); r++)
                {
                    parts.get(KeyOwnership.partition(hashes.get(r), parallelism)).add(rows.get(r));
                }
            }
        }
        return parts;
    }

    /** One step of an operator's input: rows, or a watermark. */
    sealed interface Event permits RowsEvent, WatermarkEvent
    {
    }

    /** Rows of {@code schema} arriving as one batch. */
    record RowsEvent(List<Object[]> rows, Schema schema) implements Event
    {
        /** @param rows rows of {@link CheckpointTesting#SCHEMA}. */
        RowsEvent(final List<Object[]> rows)
        {
            this(rows, SCHEMA);
        }
    }

    /** A watermark. */
    record WatermarkEvent(long timestamp) implements Event
    {
    }

    /** @return one rows event per chunk. */
    static List<Event> events(final List<List<Object[]>> chunks)
    {
        final List<Event> events = new ArrayList<>(chunks.size());
        for (final List<Object[]> chunk : chunks)
        {
            events.add(new RowsEvent(chunk));
        }
        return events;
    }

    /**
     * Feeds events {@code [from, to)} to the operator; the batch of event {@code e} is built from seed
     * {@code seed + e}, so every run sees the same batches (also the same dead rows and selections).
     */
    static void feed(final Operator operator, final List<Event> events, final int from, final int to,
        final BufferAllocator allocator, final Output out, final long seed)
    {
        for (int e = from; e < to; e++)
        {
            switch (events.get(e))
            {
                case RowsEvent rows -> operator.processBatch(0,
                    batch(allocator, new SplittableRandom(seed + e), rows.rows(), rows.schema()), out);
                case WatermarkEvent mark -> operator.processWatermark(new Watermark(mark.timestamp()), out);
            }
        }
    }

    /**
     * Feeds events {@code [from, to)} to several instances, each batch split by key ownership of {@code keys}
     * (every instance gets its part, possibly empty, and every watermark).
     */
    static void feedPartitioned(final List<? extends Operator> operators, final List<Event> events, final int from,
        final int to, final List<String> keys, final BufferAllocator allocator, final List<? extends Output> outs,
        final long seed)
    {
        final int parallelism = operators.size();
        for (int e = from; e < to; e++)
        {
            switch (events.get(e))
            {
                case RowsEvent rows ->
                {
                    final List<List<Object[]>> parts = partition(allocator, rows.rows(), rows.schema(), keys,
                        parallelism);
                    for (int p = 0; p < parallelism; p++)
                    {
                        operators.get(p).processBatch(0, batch(allocator, new SplittableRandom(seed + e * 31L + p),
                            parts.get(p), rows.schema()), outs.get(p));
                    }
                }
                case WatermarkEvent mark ->
                {
                    for (int p = 0; p < parallelism; p++)
                    {
                        operators.get(p).processWatermark(new Watermark(mark.timestamp()), outs.get(p));
                    }
                }
            }
        }
    }

    /** The operators of {@link #restoreTwice} (closed; their counters stay readable) and the rows it compared. */
    record Restored<T extends CheckpointedOperator>(T original, T first, T second, int comparedRows)
    {
    }

    /**
     * Runs an original instance over every event, snapshotting after event {@code cut}; an instance restored from
     * that snapshot runs from {@code cut}, snapshotting again after {@code cut2}, and a third instance restores that
     * and runs from {@code cut2}. Each snapshot is written only after the instance it came from went on to the end
     * and closed, so it must not share that instance's memory. Asserts that both restored runs emit exactly the
     * rows and watermarks the original emitted after their restore points (doubles by bits, decimals with scale).
     */
    static <T extends CheckpointedOperator> Restored<T> restoreTwice(final Supplier<T> factory, final boolean bounded,
        final List<Event> events, final int cut, final int cut2, final long seed, final BufferAllocator allocator,
        final Path directory, final String name)
    {
        final int n = events.size();
        try (Harness.Collector original = new Harness.Collector();
            Harness.Collector first = new Harness.Collector();
            Harness.Collector second = new Harness.Collector())
        {
            final T op = factory.get();
            final OperatorSnapshot snapshot;
            final int mark;
            final int mark2;
            final int watermarks;
            final int watermarks2;
            try (op)
            {
                op.open(context(allocator, 0, 1, bounded));
                feed(op, events, 0, cut, allocator, original, seed);
                snapshot = op.snapshotState(1);
                mark = original.batches.size();
                watermarks = original.watermarks.size();
                feed(op, events, cut, cut2, allocator, original, seed);
                mark2 = original.batches.size();
                watermarks2 = original.watermarks.size();
                feed(op, events, cut2, n, allocator, original, seed);
                op.endOfInput(0, original);
            }
            final Path written = write(snapshot, directory.resolve("1"));
            final T restored = factory.get();
            final OperatorSnapshot snapshot2;
            try (restored)
            {
                restored.open(context(allocator, 0, 1, bounded));
                restored.restoreState(restore(0, 1, List.of(written)));
                feed(restored, events, cut, cut2, allocator, first, seed);
                snapshot2 = restored.snapshotState(2);
                feed(restored, events, cut2, n, allocator, first, seed);
                restored.endOfInput(0, first);
            }
            final Path written2 = write(snapshot2, directory.resolve("2"));
            final T again = factory.get();
            try (again)
            {
                again.open(context(allocator, 0, 1, bounded));
                again.restoreState(restore(0, 1, List.of(written2)));
                feed(again, events, cut2, n, allocator, second, seed);
                again.endOfInput(0, second);
            }
            final List<List<Object>> expected = original.rowsSince(mark);
            assertEquals(expected, first.rows(), name + ": restored at event " + cut + " of " + n);
            assertEquals(original.rowsSince(mark2), second.rows(), name + ": restored again at event " + cut2 +
                " of " + n);
            assertEquals(original.watermarks.subList(watermarks, original.watermarks.size()), first.watermarks,
                name + ": watermarks after the restore");
            assertEquals(original.watermarks.subList(watermarks2, original.watermarks.size()), second.watermarks,
                name + ": watermarks after the second restore");
            return new Restored<>(op, restored, again, expected.size());
        }
    }

    /** The rows of {@link #rescale}: one uninterrupted instance's, and the union of every rescaled instance's. */
    record Rescaled<T extends CheckpointedOperator>(List<List<Object>> reference, List<List<Object>> union,
        T referenceOperator, List<T> before, List<T> after)
    {
    }

    /**
     * Runs one instance over every event (the reference), and {@code before} instances over the events up to
     * {@code cut}, each batch split by key ownership; snapshots those, restores {@code after} instances from all
     * their directories, and runs them over the rest. Every operator ends with its end of input.
     */
    static <T extends CheckpointedOperator> Rescaled<T> rescale(final Supplier<T> factory, final List<String> keys,
        final int before, final int after, final boolean bounded, final List<Event> events, final int cut,
        final long seed, final BufferAllocator allocator, final Path directory)
    {
        final int n = events.size();
        final List<Harness.Collector> outs = new ArrayList<>();
        try (Harness.Collector reference = new Harness.Collector())
        {
            final T referenceOperator = factory.get();
            try (referenceOperator)
            {
                referenceOperator.open(context(allocator, 0, 1, bounded));
                feed(referenceOperator, events, 0, n, allocator, reference, seed);
                referenceOperator.endOfInput(0, reference);
            }
            final List<Path> directories = new ArrayList<>();
            final List<T> old = new ArrayList<>();
            final List<Harness.Collector> oldOuts = new ArrayList<>();
            try
            {
                for (int i = 0; i < before; i++)
                {
                    final T op = factory.get();
                    old.add(op);
                    op.open(context(allocator, i, before, bounded));
                    oldOuts.add(new Harness.Collector());
                }
                outs.addAll(oldOuts);
                feedPartitioned(old, events, 0, cut, keys, allocator, oldOuts, seed);
                for (int i = 0; i < before; i++)
                {
                    directories.add(write(old.get(i).snapshotState(1), directory.resolve("i" + i)));
                }
            }
            finally
            {
                old.forEach(Operator::close);
            }
            final List<T> restored = new ArrayList<>();
            final List<Harness.Collector> newOuts = new ArrayList<>();
            try
            {
                for (int j = 0; j < after; j++)
                {
                    final T op = factory.get();
                    restored.add(op);
                    op.open(context(allocator, j, after, bounded));
                    op.restoreState(restore(j, after, directories));
                    newOuts.add(new Harness.Collector());
                }
                outs.addAll(newOuts);
                feedPartitioned(restored, events, cut, n, keys, allocator, newOuts, seed);
                for (int j = 0; j < after; j++)
                {
                    restored.get(j).endOfInput(0, newOuts.get(j));
                }
            }
            finally
            {
                restored.forEach(Operator::close);
            }
            final List<List<Object>> union = new ArrayList<>();
            for (final Harness.Collector out : outs)
            {
                union.addAll(out.rows());
            }
            return new Rescaled<>(reference.rows(), union, referenceOperator, old, restored);
        }
        finally
        {
            outs.forEach(Harness.Collector::close);
        }
    }

    static OperatorContext context(final BufferAllocator allocator, final int instance, final int parallelism,
        final boolean bounded)
    {
        return new OperatorContext("test", instance, parallelism, bounded, allocator, ExpressionCompiler.shared());
    }

    /** Writes a snapshot into {@code directory} (created) as the checkpoint's I/O thread would, then discards it. */
    static Path write(final OperatorSnapshot snapshot, final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final Path shared = Files.createDirectories(directory.resolveSibling("shared"));
            snapshot.writeTo(new SnapshotTarget()
            {
                @Override
                public Path directory()
                {
                    return directory;
                }

                @Override
                public Path sharedDirectory()
                {
                    return shared;
                }

                @Override
                public void reference(final String fileName)
                {
                    throw new AssertionError("operator snapshots here share no files, got " + fileName);
                }
            });
            return directory;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        finally
        {
            snapshot.discard();
        }
    }

    /** @return a restore context for instance {@code instance} of {@code parallelism} over the given directories. */
    static RestoreContext restore(final int instance, final int parallelism, final List<Path> directories)
    {
        return new RestoreContext()
        {
            @Override
            public int instance()
            {
                return instance;
            }

            @Override
            public int parallelism()
            {
                return parallelism;
            }

            @Override
            public int previousParallelism()
            {
                return directories.size();
            }

            @Override
            public List<Path> directories()
            {
                return directories;
            }

            @Override
            public Path sharedDirectory()
            {
                return directories.get(0).resolveSibling("shared");
            }

            @Override
            public long checkpointId()
            {
                return 1;
            }
        };
    }

    /** @return each distinct row and how often it occurs. */
    static Map<List<Object>, Integer> multiset(final List<List<Object>> rows)
    {
        final Map<List<Object>, Integer> counts = new HashMap<>();
        for (final List<Object> row : rows)
        {
            counts.merge(row, 1, Integer::sum);
        }
        return counts;
    }
}
