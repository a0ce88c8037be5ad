package io.sabot.runtime.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.exec.ManualProcessingTime;
import io.sabot.runtime.sink.CollectSink;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.ClockedStepSource;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processing-time timers of keyed process functions in running jobs, on a manual clock: registered and deleted at
 * random per key, they fire once each, at or after their time, in time order per key, with the processing-time
 * domain, both while rows keep coming (parallelism 1: the source-stage chain, timers between morsels) and on an idle
 * stream woken only by the clock (parallelism 2: actor instances behind a hash exchange, checked after every clock
 * step: exactly the timers due by then have fired). Timers survive a savepoint: restored under the system clock, the
 * ones whose time passed fire right after the restore, and none fires twice. Cancelling or failing a job leaves no
 * timer thread and no memory behind.
 */
class ProcessingTimeTimersTest
{
    private static final ArrowType LONG = new ArrowType.Int(64, true);
    static final Schema INPUT = new Schema(List.of(Field.notNullable("k", LONG), Field.notNullable("due", LONG),
        Field.notNullable("del", LONG)));
    static final Schema OUTPUT = new Schema(List.of(Field.notNullable("k", LONG), Field.notNullable("due", LONG),
        Field.notNullable("fired", LONG), Field.notNullable("domain", LONG)));
    private static final long START = 1_000;
    private static final int KEYS = 8;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    /** Registers (del = 0) or deletes (del = 1) a processing-time timer at {@code due}; emits what fires. */
    static final class TimerFunction implements KeyedProcessFunction
    {
        private final AtomicLong processed;
        private final boolean endTimer;
        private int due;
        private int del;

        TimerFunction(final AtomicLong processed, final boolean endTimer)
        {
            this.processed = processed;
            this.endTimer = endTimer;
        }

        @Override
        public void open(final KeyedContext ctx, final Row schema)
        {
            due = schema.column("due");
            del = schema.column("del");
        }

        @Override
        public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
        {
            if (row.getLong(del) == 0)
            {
                ctx.registerProcessingTimeTimer(row.getLong(due));
            }
            else
            {
                ctx.deleteProcessingTimeTimer(row.getLong(due));
            }
            if (endTimer)
            {
                // no watermarks: fires at end of input, in the event-time domain
                ctx.registerEventTimeTimer(Long.MAX_VALUE - 1);
            }
            processed.incrementAndGet();
        }

        @Override
        public void onTimer(final long timestamp, final TimeDomain domain, final KeyedContext ctx,
            final RowOutput out)
        {
            out.emit(ctx.currentKey(), timestamp, domain == TimeDomain.PROCESSING_TIME ? ctx.currentProcessingTime() :
                -1L, (long)domain.ordinal());
        }
    }

    /** Random steps and, per key, the timers that must fire (registrations minus deletions, in row order). */
    private record Script(List<ClockedStepSource.Step> steps, Map<Long, TreeSet<Long>> expected, long rows)
    {
        int count(final long upTo)
        {
            int n = 0;
            for (final TreeSet<Long> dues : expected.values())
            {
                n += dues.headSet(upTo, true).size();
            }
            return n;
        }
    }

    /**
     * @param moveClock whether step s runs at clock START + 10 s (else every step at START).
     * @return steps whose rows register timers after their step's clock and delete pending ones.
     */
    private static Script script(final SplittableRandom random, final boolean moveClock, final int steps)
    {
        final List<ClockedStepSource.Step> out = new ArrayList<>();
        final Map<Long, TreeSet<Long>> expected = new HashMap<>();
        final Map<Long, TreeSet<Long>> used = new HashMap<>();
        long rows = 0;
        for (int s = 0; s < steps; s++)
        {
            final long clock = moveClock ? START + 10L * s : START;
            final List<Object[]> batch = new ArrayList<>();
            // deletions name a timer registered earlier in the same batch: a batch keeps its order through the
            // exchange, while batches may overtake each other at parallelism 2 (times are never reused either)
            final Map<Long, List<Long>> registeredHere = new HashMap<>();
            final int n = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(20);
            for (int r = 0; r < n; r++)
            {
                final long key = random.nextInt(KEYS);
                final TreeSet<Long> dues = expected.computeIfAbsent(key, k -> new TreeSet<>());
                final List<Long> here = registeredHere.computeIfAbsent(key, k -> new ArrayList<>());
                if (!here.isEmpty() && random.nextInt(3) == 0)
                {
                    final long due = here.remove(random.nextInt(here.size()));
                    dues.remove(due);
                    batch.add(new Object[] {key, due, 1L});
                }
                else
                {
                    long due;
                    do
                    {
                        due = clock + 1 + random.nextInt(300);
                    }
                    while (!used.computeIfAbsent(key, k -> new TreeSet<>()).add(due));
                    dues.add(due);
                    here.add(due);
                    batch.add(new Object[] {key, due, 0L});
                }
                rows++;
            }
            out.add(new ClockedStepSource.Step(moveClock ? clock : -1, batch));
        }
        return new Script(out, expected, rows);
    }

    static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            try
            {
                Thread.sleep(2);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Fired processing-time rows: once each, at or after their time, per key in time order; the multiset. */
    private static Map<Long, TreeSet<Long>> checkFired(final List<List<Object>> rows)
    {
        final Map<Long, TreeSet<Long>> fired = new HashMap<>();
        final Map<Long, Long> lastPerKey = new HashMap<>();
        for (final List<Object> row : rows)
        {
            if ((Long)row.get(3) != TimeDomain.PROCESSING_TIME.ordinal())
            {
                continue;
            }
            final long key = (Long)row.get(0);
            final long due = (Long)row.get(1);
            assertTrue((Long)row.get(2) >= due, "timer fired before its time: " + row);
            assertTrue(fired.computeIfAbsent(key, k -> new TreeSet<>()).add(due), "timer fired twice: " + row);
            final Long last = lastPerKey.put(key, due);
            assertTrue(last == null || last < due, "timers of key " + key + " out of order: " + last + " then " + due);
        }
        return fired;
    }

    private static Map<Long, TreeSet<Long>> nonEmpty(final Map<Long, TreeSet<Long>> perKey)
    {
        final Map<Long, TreeSet<Long>> out = new HashMap<>();
        perKey.forEach((k, v) ->
        {
            if (!v.isEmpty())
            {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void timersFireOnceInOrderWhileRowsArriveOnTheSourceChain()
    {
        for (int seed = 0; seed < 3; seed++)
        {
            final Script script = script(new SplittableRandom(seed), true, 80);
            final ManualProcessingTime clock = new ManualProcessingTime(START);
            final ClockedStepSource source = new ClockedStepSource(INPUT, clock, script.steps());
            final AtomicLong processed = new AtomicLong();
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).processingTime(clock)
                .allocator(memory.allocator()).build())
            {
                final CollectSink sink = Sinks.collect();
                env.from(source).keyBy("k").process(() -> new TimerFunction(processed, true), OUTPUT).writeTo(sink);
                final RunningJob job = env.executeAsync("timers");
                await(() -> processed.get() == script.rows(), "every row");
                // idle from here: only the clock fires the rest
                clock.advanceTo(START + 10L * 80 + 400);
                final int expected = script.count(Long.MAX_VALUE);
                await(() -> sink.rows().size() == expected, expected + " timers");
                source.finish();
                job.await();
                final List<List<Object>> rows = sink.rows();
                assertEquals(nonEmpty(script.expected()), checkFired(rows), "seed " + seed);
                // event-time timers fire at end of input, after every processing-time one, told their domain
                final long keys = script.expected().keySet().size();
                assertEquals(expected + keys, rows.size());
                for (int i = 0; i < rows.size(); i++)
                {
                    assertEquals(i < expected ? 1L : 0L, rows.get(i).get(3), "domain of " + rows.get(i));
                }
            }
        }
    }

    @Test
    void idleStreamFiresExactlyTheDueTimersAtEachClockStepThroughActors()
    {
        final Script script = script(new SplittableRandom(11), false, 60);
        final ManualProcessingTime clock = new ManualProcessingTime(START);
        final ClockedStepSource source = new ClockedStepSource(INPUT, clock, script.steps());
        final AtomicLong processed = new AtomicLong();
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).processingTime(clock)
            .allocator(memory.allocator()).build())
        {
            final CollectSink sink = Sinks.collect();
            env.from(source).keyBy("k").process(() -> new TimerFunction(processed, false), OUTPUT).writeTo(sink);
            final RunningJob job = env.executeAsync("idle timers");
            await(() -> processed.get() == script.rows(), "every row");
            for (long now = START + 25; now <= START + 325; now += 25)
            {
                clock.advanceTo(now);
                final int due = script.count(now);
                await(() -> sink.rows().size() == due, due + " timers due by " + now);
                for (final List<Object> row : sink.rows())
                {
                    assertTrue((Long)row.get(1) <= now, "fired ahead of the clock (" + now + "): " + row);
                }
                assertTrue(clock.pending() <= 2, "at most one wake-up per instance, " + clock.pending());
            }
            source.finish();
            job.await();
            assertEquals(nonEmpty(script.expected()), checkFired(sink.rows()));
            assertEquals(0, clock.pending(), "the job's wake-ups went with it");
        }
    }

    @Test
    void timersSurviveASavepointAndPastOnesFireRightAfterTheRestore()
    {
        final Script script = script(new SplittableRandom(5), false, 40);
        final ManualProcessingTime clock = new ManualProcessingTime(START);
        final ClockedStepSource source = new ClockedStepSource(INPUT, clock, script.steps());
        final AtomicLong processed = new AtomicLong();
        final CollectSink before = Sinks.collect();
        final CollectSink after = Sinks.collect();
        final Path savepoint = temp.resolve("savepoint");
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).processingTime(clock)
            .checkpointing(temp.resolve("checkpoints"), null).allocator(memory.allocator()).build())
        {
            env.from(source).keyBy("k").process(() -> new TimerFunction(processed, false), OUTPUT).writeTo(before);
            final RunningJob job = env.executeAsync("before");
            await(() -> processed.get() == script.rows(), "every row");
            clock.advanceTo(START + 150);
            final int early = script.count(START + 150);
            await(() -> before.rows().size() == early, early + " early timers");
            job.triggerSavepoint(savepoint).join();
            job.cancel();
            assertThrows(CancellationException.class, job::await);
        }
        // the system clock is far past every timer: all restored ones fire at once, without a clock move
        try (StreamEnvironment env = StreamEnvironment.builder().parallelism(1).allocator(memory.allocator())
            .build())
        {
            env.from(source).keyBy("k").process(() -> new TimerFunction(processed, false), OUTPUT).writeTo(after);
            final RunningJob job = env.executeAsync("after", savepoint);
            final int late = script.count(Long.MAX_VALUE) - before.rows().size();
            await(() -> after.rows().size() == late, late + " restored timers");
            source.finish();
            job.await();
        }
        final List<List<Object>> all = new ArrayList<>(before.rows());
        all.addAll(after.rows());
        final Map<Long, TreeSet<Long>> fired = new HashMap<>();
        for (final List<Object> row : all)
        {
            assertTrue(fired.computeIfAbsent((Long)row.get(0), k -> new TreeSet<>()).add((Long)row.get(1)),
                "fired twice across the restore: " + row);
        }
        assertEquals(nonEmpty(script.expected()), fired);
        for (final List<Object> row : after.rows())
        {
            assertTrue((Long)row.get(1) > START + 150, "fired before the savepoint, again after it: " + row);
        }
    }

    static List<Thread> timerThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sabot-timer-") &&
            t.isAlive()).toList();
    }

    @Test
    void cancelledAndFailedJobsLeaveNoTimerThreadAndNoMemory()
    {
        for (final boolean fail : new boolean[] {false, true})
        {
            final AtomicLong processed = new AtomicLong();
            final List<ClockedStepSource.Step> steps = List.of(new ClockedStepSource.Step(-1,
                List.of(new Object[] {1L, 0L, 0L}, new Object[] {2L, 0L, 0L})));
            // due 0 in the system clock is long past; a real wake-up 1 h ahead keeps the thread alive meanwhile
            final ClockedStepSource source = new ClockedStepSource(INPUT, new ManualProcessingTime(0), steps);
            try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(memory.allocator())
                .build())
            {
                env.from(source).keyBy("k").process(() -> new KeyedProcessFunction()
                {
                    @Override
                    public void processRow(final Row row, final KeyedContext ctx, final RowOutput out)
                    {
                        ctx.registerProcessingTimeTimer(ctx.currentProcessingTime() + (fail ? 0 : 3_600_000));
                        processed.incrementAndGet();
                    }

                    @Override
                    public void onTimer(final long timestamp, final TimeDomain domain, final KeyedContext ctx,
                        final RowOutput out)
                    {
                        throw new io.sabot.common.StateException("timer failure for key " + ctx.currentKey());
                    }
                }, OUTPUT).writeTo(Sinks.collect());
                final RunningJob job = env.executeAsync(fail ? "failing" : "cancelled");
                await(() -> processed.get() == 2, "both rows");
                if (fail)
                {
                    final RuntimeException error = assertThrows(RuntimeException.class, job::await);
                    assertTrue(String.valueOf(error.getMessage()).contains("timer failure"), error.toString());
                }
                else
                {
                    assertTrue(!timerThreads().isEmpty(), "a pending wake-up has a timer thread");
                    job.cancel();
                    assertThrows(CancellationException.class, job::await);
                }
                await(() -> timerThreads().isEmpty(), "the timer thread to end");
            }
        }
    }
}
