package io.sabot.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

import io.sabot.common.MalformedInputException;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.kernels.Batch;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.plan.Exchange;
import io.sabot.runtime.plan.OperatorSpec;
import io.sabot.runtime.plan.PhysicalPlan;
import io.sabot.runtime.plan.Stage;
import io.sabot.runtime.source.Source;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.SourceSplit;
import io.sabot.sched.MorselScheduler;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class JobLifecycleTest
{
    /** A source that fails on its {@code failAt}-th batch (or never ends, when unbounded). */
    static final class FlakySource implements Source
    {
        final ExecutorSmokeTest.Gen gen;
        final int failAt;
        final boolean bounded;

        FlakySource(final int failAt, final boolean bounded)
        {
            this.gen = new ExecutorSmokeTest.Gen(2, bounded ? 50 : Integer.MAX_VALUE, 1000);
            this.failAt = failAt;
            this.bounded = bounded;
        }

        public Schema schema()
        {
            return gen.schema();
        }

        public boolean bounded()
        {
            return bounded;
        }

        public List<SourceSplit> splits(final int parallelism)
        {
            return gen.splits(parallelism);
        }

        public SourceReader open(final SourceSplit split, final BufferAllocator allocator)
        {
            final SourceReader inner = gen.open(split, allocator);
            return new SourceReader()
            {
                int n;

                public Batch poll()
                {
                    if (++n == failAt)
                    {
                        throw new MalformedInputException("bad record", "flaky.bin", 4096L * n, null);
                    }
                    return inner.poll();
                }

                public boolean finished()
                {
                    return inner.finished();
                }

                public void close()
                {
                    inner.close();
                }
            };
        }

        public String describe()
        {
            return "flaky";
        }
    }

    @Test
    void sourceFailureReachesTheCallerTypedAndReleasesEverything()
    {
        for (final int p : new int[] {1, 2})
        {
            try (RootAllocator root = new RootAllocator();
                 StreamEnvironment env = StreamEnvironment.builder().parallelism(p).morselRows(256).allocator(root)
                     .build())
            {
                final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
                env.from(new FlakySource(20, true)).filter("b > 10").writeTo(sink);
                final MalformedInputException e = assertThrows(MalformedInputException.class,
                    () -> env.execute("flaky"));
                assertTrue(e.getMessage().contains("flaky.bin"), e.getMessage());
                assertEquals(false, sink.committed);
                assertEquals(0, root.getAllocatedMemory());
            }
        }
    }

    @Test
    void cancellingAnUnboundedJobReleasesEverything() throws Exception
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(128).allocator(root)
                 .build())
        {
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            env.from(new FlakySource(-1, false)).filter("b > 10").writeTo(sink);
            final RunningJob job = env.executeAsync("endless");
            while (job.rowsWritten() < 10_000)
            {
                Thread.sleep(1);
            }
            job.cancel();
            assertThrows(CancellationException.class, job::await);
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    @Test
    void stoppingAnUnboundedJobFlushesAndCommits() throws Exception
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(128).allocator(root)
                 .build())
        {
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            env.from(new FlakySource(-1, false)).writeTo(sink);
            final RunningJob job = env.executeAsync("endless");
            while (job.rowsWritten() < 10_000)
            {
                Thread.sleep(1);
            }
            job.stop();
            final JobResult result = job.await();
            assertTrue(sink.committed);
            assertEquals(result.rowsRead(), result.rowsWritten());
            assertEquals(result.rowsWritten(), sink.rows.size());
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    /** Sums column b per key a % 16 and emits the sums at the end: checks hash exchange routing by key. */
    static final class KeySum implements Operator
    {
        final Map<Long, Long> sums = new HashMap<>();
        static final AtomicLong MISROUTED = new AtomicLong();
        OperatorContext ctx;

        public void open(final OperatorContext context)
        {
            ctx = context;
        }

        public void processBatch(final int input, final Batch batch, final Output out)
        {
            try (batch)
            {
                final BigIntVector a = (BigIntVector)batch.column("a");
                final BigIntVector b = (BigIntVector)batch.column("b");
                for (int i = 0; i < batch.rowCount(); i++)
                {
                    sums.merge(a.get(i) % 16, b.isNull(i) ? 0 : b.get(i), Long::sum);
                }
            }
        }

        public void endOfInput(final int input, final Output out)
        {
            final BigIntVector a = new BigIntVector("a", ctx.allocator());
            final BigIntVector b = new BigIntVector("b", ctx.allocator());
            a.allocateNew(sums.size());
            b.allocateNew(sums.size());
            int i = 0;
            for (final var e : sums.entrySet())
            {
                a.set(i, e.getKey());
                b.set(i++, e.getValue());
            }
            a.setValueCount(i);
            b.setValueCount(i);
            out.emit(Batch.of(a, b));
        }

        public void close()
        {
        }
    }

    @Test
    void hashExchangeSendsEqualKeysToOneInstance()
    {
        // stage 0: source + project a := a % 16; stage 1: hash(a) -> KeySum x2; sink
        try (RootAllocator root = new RootAllocator();
             MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final ExecutorSmokeTest.Gen gen = new ExecutorSmokeTest.Gen(3, 5, 999);
            final Schema schema = gen.schema();
            final OperatorSpec mod = new OperatorSpec("a := a % 16", 1, () -> new io.sabot.runtime.operator
                .ProjectOperator(List.of(new io.sabot.jit.Projection("a", io.sabot.jit.expr.ExprParser.parse(
                    "a % 16")), new io.sabot.jit.Projection("b", io.sabot.jit.expr.ExprParser.parse("b"))), schema));
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            final Stage s0 = new Stage(0, gen, List.of(), List.of(mod), 2, true, null);
            final Stage s1 = new Stage(1, null, List.of(new Stage.Input(0, new Exchange.Hash(List.of("a")))),
                List.of(new OperatorSpec("keysum", 1, KeySum::new)), 2, true, sink);
            final PhysicalPlan plan = new PhysicalPlan(List.of(s0, s1), List.of());
            final JobExecution job = new JobExecution("hash", plan, scheduler,
                root.newChildAllocator("job", 0, Long.MAX_VALUE), ExpressionCompiler.shared(), 100);
            final JobResult result = job.start().join();
            assertEquals(3 * 5 * 999, result.rowsRead());
            // each key appears exactly once across instances: equal keys met in one instance
            final List<Long> keys = new ArrayList<>();
            final Map<Long, Long> expected = new HashMap<>();
            for (int s = 0; s < 3; s++)
            {
                for (int e = 0; e < 5; e++)
                {
                    final java.util.Random r = new java.util.Random(s * 1000L + e);
                    for (int i = 0; i < 999; i++)
                    {
                        final long a = ((long)s * 5 + e) * 999 + i;
                        final long b = i % 7 == 0 ? 0 : r.nextInt(100);
                        expected.merge(a % 16, b, Long::sum);
                    }
                }
            }
            final Map<Long, Long> actual = new HashMap<>();
            for (final long[] row : sink.rows)
            {
                keys.add(row[0]);
                actual.put(row[0], row[1]);
            }
            assertEquals(16, keys.size());
            assertEquals(expected, actual);
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    /**
     * Stress for the end-of-stage accounting: a thief that finds a split exhausted while the last batch's morsels
     * are still being spawned must not end the stage (that lost rows once; the window depends on timing, so this
     * repeats many jobs with many tiny morsels rather than reproducing it deterministically).
     */
    @Test
    void manySmallJobsNeverLoseTheLastMorsels()
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(8).allocator(root)
                 .build())
        {
            for (int i = 0; i < 100; i++)
            {
                final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
                env.from(new ExecutorSmokeTest.Gen(1, 1, 1000 + i)).filter("a >= 0").writeTo(sink);
                final JobResult result = env.execute("tiny");
                assertEquals(1000 + i, result.rowsWritten(), "job " + i);
                assertEquals(1000 + i, sink.rows.size(), "job " + i);
            }
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    @Test
    void aLimitOverAnUnboundedSourceEndsTheJob()
    {
        for (final int p : new int[] {1, 2})
        {
            try (RootAllocator root = new RootAllocator();
                 StreamEnvironment env = StreamEnvironment.builder().parallelism(p).morselRows(128).allocator(root)
                     .build())
            {
                final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
                env.from(new FlakySource(-1, false)).filter("b > 10").limit(1000).writeTo(sink);
                final JobResult result = env.execute("endless-limit");
                assertEquals(1000, result.rowsWritten());
                assertEquals(1000, sink.rows.size());
                assertTrue(sink.committed);
                assertEquals(0, root.getAllocatedMemory());
            }
        }
    }

    @Test
    void cancellingAMultiStageJobReleasesQueuedBatchesAndOperatorState() throws Exception
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(128).allocator(root)
                 .build())
        {
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            // source stage -> hash exchange -> keyed aggregate (update stream) -> single exchange -> distinct -> sink
            env.from(new FlakySource(-1, false)).withColumn("k", "a % 97").keyBy("k")
                .aggregate(io.sabot.runtime.api.Agg.sum("b").as("s")).select("k").distinct().writeTo(sink);
            final RunningJob job = env.executeAsync("endless-stages");
            while (job.rowsRead() < 50_000)
            {
                Thread.sleep(1);
            }
            job.cancel();
            assertThrows(CancellationException.class, job::await);
            assertEquals(0, root.getAllocatedMemory());
        }
    }

    @Test
    void aFailureInALaterStageFailsTheJobTypedAndReleasesEverything()
    {
        try (RootAllocator root = new RootAllocator();
             StreamEnvironment env = StreamEnvironment.builder().parallelism(2).morselRows(256).allocator(root)
                 .build())
        {
            final ExecutorSmokeTest.Collect sink = new ExecutorSmokeTest.Collect();
            final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
            env.from(new ExecutorSmokeTest.Gen(3, 20, 1000)).keyBy("a").aggregate(io.sabot.runtime.api.Agg.count())
                .flatMap((in, allocator, out) ->
                {
                    if (calls.incrementAndGet() == 1)
                    {
                        throw new io.sabot.common.DataException("user code rejected a row", "a", 7);
                    }
                }, ExecutorSmokeTest.SCHEMA).writeTo(sink);
            final io.sabot.common.DataException e = assertThrows(io.sabot.common.DataException.class,
                () -> env.execute("failing-stage"));
            assertEquals("a", e.column());
            assertEquals(false, sink.committed);
            assertEquals(0, root.getAllocatedMemory());
        }
    }
}
