package io.sabot.runtime.checkpoint;

import io.sabot.common.StateException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.process.KeyedContext;
import io.sabot.runtime.process.KeyedProcessFunction;
import io.sabot.runtime.process.Row;
import io.sabot.runtime.process.RowOutput;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.sink.TransactionalCsvSink;
import io.sabot.runtime.sink.TransactionalSink;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.source.RowGenerator;
import io.sabot.runtime.state.StateBackends;
import io.sabot.runtime.state.StateSerializers;
import io.sabot.runtime.state.ValueState;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill-and-recover: a keyed stateful job with periodic checkpoints and a transactional CSV sink is crashed at
 * random points (while processing rows, while a sink pre-commits at a barrier, right after a pre-commit, while a
 * checkpoint's transactions commit), restarts from its last completed checkpoint each time, and must write exactly
 * the failure-free output: every input row once, and per key a final count equal to the key's rows (state neither
 * lost nor counted twice).
 */
class ExactlyOnceRecoveryTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static final Schema EVENTS = new Schema(List.of(Field.notNullable("k", new ArrowType.Int(64, true)),
        Field.notNullable("ts", new ArrowType.Int(64, true)), Field.notNullable("v", new ArrowType.Int(64, true))));
    static final Schema OUT = EVENTS;
    private static final int KEYS = 97;

    static final RowGenerator GENERATE = (first, count, columns) ->
    {
        final BigIntVector k = (BigIntVector)columns.get(0);
        final BigIntVector ts = (BigIntVector)columns.get(1);
        final BigIntVector v = (BigIntVector)columns.get(2);
        for (int i = 0; i < count; i++)
        {
            final long row = first + i;
            k.set(i, Long.remainderUnsigned(row * 0x9E3779B97F4A7C15L, KEYS));
            ts.set(i, row);
            v.set(i, row * 7 + 1);
        }
    };

    /** Crash points, in processed rows over all attempts; consumed as they fire. */
    static final ConcurrentSkipListSet<Long> ROW_CRASHES = new ConcurrentSkipListSet<>();
    static final AtomicLong PROCESSED = new AtomicLong();

    /** Emits each row, counts rows per key in state, emits the count at the end of input. */
    static final class CountPerKey implements KeyedProcessFunction
    {
        private final ConcurrentSkipListSet<Long> crashes;
        private final AtomicLong processed;
        private ValueState<Long> count;

        /** Crashes at {@link #ROW_CRASHES}, counting in {@link #PROCESSED}. */
        CountPerKey()
        {
            this(ROW_CRASHES, PROCESSED);
        }

        /** @param crashes crash points in rows processed (consumed as they fire). @param processed the row count. */
        CountPerKey(final ConcurrentSkipListSet<Long> crashes, final AtomicLong processed)
        {
            this.crashes = crashes;
            this.processed = processed;
        }

        @Override
        public void open(final KeyedContext ctx, final Row schema)
        {
            count = ctx.valueState("count", StateSerializers.LONG, null);
        }

        @Override
        public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
        {
            final long n = processed.incrementAndGet();
            if (crashes.remove(n))
            {
                throw new IllegalStateException("injected crash at processed row " + n);
            }
            final Long c = count.value();
            if (c == null)
            {
                ctx.registerEventTimeTimer(Long.MAX_VALUE);
            }
            count.update(c == null ? 1 : c + 1);
            out.emit(row.getLong(0), row.getLong(1), row.getLong(2));
        }

        @Override
        public void onTimer(final long timestamp, final KeyedContext ctx, final RowOutput out)
        {
            out.emit(ctx.currentKey(), -1L, count.value());
        }
    }

    /** A transactional sink that crashes on command: in preCommit, in the write after a preCommit, or in commit. */
    static final class CrashingSink implements TransactionalSink
    {
        final TransactionalCsvSink inner;
        final ConcurrentSkipListSet<Long> preCommitCrashes = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> afterPreCommitCrashes = new ConcurrentSkipListSet<>();
        final ConcurrentSkipListSet<Long> commitCrashes = new ConcurrentSkipListSet<>();
        final AtomicLong preCommits = new AtomicLong();
        final AtomicLong commits = new AtomicLong();

        CrashingSink(final Path directory)
        {
            this.inner = Sinks.csvExactlyOnce(directory, OUT);
        }

        @Override
        public boolean parallel()
        {
            return true;
        }

        @Override
        public TransactionalWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
        {
            final TransactionalWriter writer = inner.open(instance, parallelism, allocator);
            return new TransactionalWriter()
            {
                private boolean crashNextWrite;

                @Override
                public byte[] preCommit(final long checkpointId)
                {
                    final long n = preCommits.incrementAndGet();
                    if (preCommitCrashes.remove(n))
                    {
                        throw new IllegalStateException("injected crash in pre-commit " + n);
                    }
                    final byte[] handle = writer.preCommit(checkpointId);
                    crashNextWrite = afterPreCommitCrashes.remove(n);
                    return handle;
                }

                @Override
                public void write(final Batch batch)
                {
                    if (crashNextWrite)
                    {
                        batch.close();
                        throw new IllegalStateException("injected crash after a pre-commit");
                    }
                    writer.write(batch);
                }

                @Override
                public void finish()
                {
                    writer.finish();
                }

                @Override
                public void close()
                {
                    writer.close();
                }
            };
        }

        @Override
        public void commit(final long checkpointId, final List<byte[]> handles)
        {
            if (commitCrashes.remove(commits.incrementAndGet()))
            {
                throw new IllegalStateException("injected crash while committing checkpoint " + checkpointId);
            }
            inner.commit(checkpointId, handles);
        }

        @Override
        public void recover(final long checkpointId, final List<byte[]> handles)
        {
            inner.recover(checkpointId, handles);
        }

        @Override
        public void commit()
        {
            inner.commit();
        }

        @Override
        public void abort()
        {
            inner.abort();
        }

        @Override
        public String describe()
        {
            return "Crashing" + inner.describe();
        }
    }

    static Map<List<Long>, Integer> expected(final long rows)
    {
        final Map<List<Long>, Integer> out = new HashMap<>();
        final long[] counts = new long[KEYS];
        for (long row = 0; row < rows; row++)
        {
            final long k = Long.remainderUnsigned(row * 0x9E3779B97F4A7C15L, KEYS);
            counts[(int)k]++;
            out.merge(List.of(k, row, row * 7 + 1), 1, Integer::sum);
        }
        for (int k = 0; k < KEYS; k++)
        {
            if (counts[k] > 0)
            {
                out.merge(List.of((long)k, -1L, counts[k]), 1, Integer::sum);
            }
        }
        return out;
    }

    static Map<List<Long>, Integer> read(final List<Path> files)
    {
        final Map<List<Long>, Integer> out = new HashMap<>();
        for (final Path file : files)
        {
            try
            {
                final List<String> lines = Files.readAllLines(file);
                assertEquals("k,ts,v", lines.get(0), file.toString());
                for (final String line : lines.subList(1, lines.size()))
                {
                    final String[] f = line.split(",");
                    out.merge(List.of(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])), 1,
                        Integer::sum);
                }
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private RunningJob start(final Path checkpoints, final StateBackends.Factory backend, final long rows,
        final CrashingSink sink, final StreamEnvironment env)
    {
        final GeneratorSource source = GeneratorSource.builder(EVENTS, GENERATE).rows(rows).batchRows(512)
            .rateLimit(rows / 1.5).build();
        env.from(source).withEventTime("ts", Duration.ZERO).keyBy("k").process(CountPerKey::new, OUT)
            .writeTo(sink);
        return env.executeAsync("exactly-once");
    }

    private void crashAndRecover(final Path dir, final StateBackends.Factory backend, final long seed)
    {
        final long rows = 200_000;
        final Random random = new Random(seed);
        ROW_CRASHES.clear();
        PROCESSED.set(0);
        for (int i = 0; i < 3; i++)
        {
            ROW_CRASHES.add(20_000L + random.nextInt(150_000));
        }
        final CrashingSink sink = new CrashingSink(dir.resolve("out"));
        sink.preCommitCrashes.add(3L + random.nextInt(6));
        sink.afterPreCommitCrashes.add(12L + random.nextInt(6));
        sink.commitCrashes.add(5L + random.nextInt(4));
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
            .stateBackend(backend).checkpointing(dir.resolve("chk"), Duration.ofMillis(40)).restartAttempts(20)
            .build())
        {
            final RunningJob job = start(dir.resolve("chk"), backend, rows, sink, env);
            job.await();
            assertTrue(job.restarts() >= 3, "restarts: " + job.restarts());
            assertTrue(ROW_CRASHES.isEmpty(), "row crashes left: " + ROW_CRASHES);
        }
        assertEquals(expected(rows), read(sink.inner.files()));
        try (var pending = Files.list(dir.resolve("out")))
        {
            assertTrue(pending.noneMatch(p -> p.toString().endsWith(".csv") && !p.getFileName().toString()
                .startsWith("part-")), "stray files");
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void crashesAtRandomPointsGiveExactlyTheFailureFreeOutputOnHeapState(@TempDir final Path dir)
    {
        crashAndRecover(dir, StateBackends.memory(), 42);
    }

    @Test
    void crashesAtRandomPointsGiveExactlyTheFailureFreeOutputOnRocksDb(@TempDir final Path dir)
    {
        crashAndRecover(dir, StateBackends.rocksDb(dir.resolve("rocks")), 7);
    }

    @Test
    void aJobWithAnOperatorThatCannotSnapshotRefusesToStart(@TempDir final Path dir)
    {
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .checkpointing(dir, Duration.ofSeconds(1)).build())
        {
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(10).build())
                .sort(io.sabot.kernels.sort.SortKey.ascending("k"))
                .writeTo(Sinks.collect());
            final StateException e = assertThrows(StateException.class, () -> env.execute("sorted"));
            assertTrue(e.getMessage().contains("cannot be checkpointed"), e.getMessage());
        }
    }

    private void savepointAndRescale(final Path dir, final int from, final int to)
    {
        final long rows = 120_000;
        ROW_CRASHES.clear();
        final Path out = dir.resolve("out");
        final Path savepoint = dir.resolve("savepoint");
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(from).allocator(memory.allocator())
            .checkpointing(dir.resolve("chk"), null).build())
        {
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(rows).batchRows(512).rateLimit(rows / 4.0)
                .build()).withEventTime("ts", Duration.ZERO).keyBy("k").process(CountPerKey::new, OUT)
                .writeTo(Sinks.csvExactlyOnce(out, OUT));
            final RunningJob job = env.executeAsync("before");
            while (job.rowsRead() < rows / 3)
            {
                Thread.onSpinWait();
            }
            assertEquals(savepoint, job.triggerSavepoint(savepoint).join());
            job.cancel();
            assertThrows(java.util.concurrent.CancellationException.class, job::await);
            assertTrue(job.rowsRead() < rows, "cancelled before its end: " + job.rowsRead());
        }
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(to).allocator(memory.allocator())
            .checkpointing(dir.resolve("chk2"), Duration.ofMillis(50)).build())
        {
            final TransactionalCsvSink sink = Sinks.csvExactlyOnce(out, OUT);
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(rows).batchRows(512).build())
                .withEventTime("ts", Duration.ZERO).keyBy("k").process(CountPerKey::new, OUT).writeTo(sink);
            env.executeAsync("after", savepoint).await();
            assertEquals(expected(rows), read(sink.files()));
        }
    }

    @Test
    void aSavepointRestoresIntoMoreInstances(@TempDir final Path dir)
    {
        savepointAndRescale(dir, 2, 3);
    }

    @Test
    void aSavepointRestoresIntoFewerInstances(@TempDir final Path dir)
    {
        savepointAndRescale(dir, 3, 2);
    }

    @Test
    void restoringAnotherJobsSnapshotOrACorruptOneIsATypedError(@TempDir final Path dir) throws IOException
    {
        final Path savepoint = dir.resolve("sp");
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .checkpointing(dir.resolve("chk"), null).build())
        {
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(50_000).batchRows(512).rateLimit(50_000)
                .build()).withEventTime("ts", Duration.ZERO).keyBy("k").process(CountPerKey::new, OUT)
                .writeTo(Sinks.csvExactlyOnce(dir.resolve("out"), OUT));
            final RunningJob job = env.executeAsync("job");
            while (job.rowsRead() < 10_000)
            {
                Thread.onSpinWait();
            }
            job.triggerSavepoint(savepoint).join();
            job.cancel();
            assertThrows(RuntimeException.class, job::await);
            // another job: keyed by another column
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(10).build()).withEventTime("ts", Duration.ZERO)
                .keyBy("v").process(CountPerKey::new, OUT).writeTo(Sinks.csvExactlyOnce(dir.resolve("out"), OUT));
            final StateException other = assertThrows(StateException.class, () -> env.executeAsync("other",
                savepoint));
            assertTrue(other.getMessage().contains("another job"), other.getMessage());
            // refused before anything was touched: the savepoint's committed output is still there
            assertTrue(Files.list(dir.resolve("out")).anyMatch(p -> p.toString().endsWith(".csv")));
            Files.write(savepoint.resolve("_metadata"), new byte[] {'S', 'B', 'C', 'K', 0, 0});
            env.from(GeneratorSource.builder(EVENTS, GENERATE).rows(10).build()).withEventTime("ts", Duration.ZERO)
                .keyBy("k").process(CountPerKey::new, OUT).writeTo(Sinks.csvExactlyOnce(dir.resolve("out3"), OUT));
            final StateException corrupt = assertThrows(StateException.class, () -> env.executeAsync("corrupt",
                savepoint));
            assertTrue(corrupt.getMessage().contains("_metadata"), corrupt.getMessage());
        }
    }
}
