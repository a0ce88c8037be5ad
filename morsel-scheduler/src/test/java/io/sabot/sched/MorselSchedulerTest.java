package io.sabot.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import io.sabot.common.SabotException;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

/**
 * Task groups on a running {@link MorselScheduler}: completion, failure, cancellation, "not now", the sink gate,
 * idle wake-ups, preferred workers and counters.
 */
final class MorselSchedulerTest
{
    @Test
    void runsEveryMorselOnceAndCompletes() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final int n = 10_000;
            final AtomicIntegerArray runs = new AtomicIntegerArray(n);
            final TaskGroup group = scheduler.submit(GroupSpec.named("all"));
            for (int i = 0; i < n; i++)
            {
                final int k = i;
                assertTrue(group.submit(ctx -> runs.incrementAndGet(k)));
            }
            group.complete();
            final GroupResult result = group.completion().get(10, TimeUnit.SECONDS);
            assertEquals(GroupStatus.COMPLETED, result.status());
            assertEquals(n, result.morselsRun());
            assertEquals(0, result.morselsSkipped());
            assertNull(result.failure());
            for (int i = 0; i < n; i++)
            {
                assertEquals(1, runs.get(i));
            }
            final long total = scheduler.stats().stream().mapToLong(WorkerStats::morselsRun).sum();
            assertEquals(n, total);
            assertThrows(IllegalStateException.class, () -> group.submit(ctx -> { }));
        }
    }

    @Test
    void emptyGroupCompletesOnComplete() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(1).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("empty"));
            assertFalse(group.completion().isDone());
            group.complete();
            assertEquals(GroupStatus.COMPLETED, group.completion().get(5, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void firstFailureCancelsTheGroupAndNamesTheMorsel() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("q7").withMaxInFlight(1 << 16));
            final AtomicInteger ranAfterFailure = new AtomicInteger();
            final AtomicBoolean failed = new AtomicBoolean();
            int accepted = 0;
            for (int i = 0; i < 20_000; i++)
            {
                final int k = i;
                accepted += group.submit(ctx ->
                {
                    // started although the failure was already recorded: allowed once per worker (the flag check
                    // before the morsel raced with the failure), never more
                    if (ctx.isCancelled())
                    {
                        ranAfterFailure.incrementAndGet();
                    }
                    if (k == 100)
                    {
                        failed.set(true);
                        throw new IllegalArgumentException("bad row in morsel " + k);
                    }
                }) ? 1 : 0;
            }
            group.complete();
            final GroupResult result = group.completion().get(10, TimeUnit.SECONDS);
            assertEquals(GroupStatus.FAILED, result.status());
            final TaskGroupFailedException failure = result.failure();
            assertNotNull(failure);
            assertInstanceOf(SabotException.class, failure);
            assertEquals("q7", failure.groupName());
            assertEquals(100, failure.morselIndex());
            assertTrue(failure.workerIndex() == 0 || failure.workerIndex() == 1);
            assertInstanceOf(IllegalArgumentException.class, failure.getCause());
            assertTrue(failure.getMessage().contains("q7") && failure.getMessage().contains("morsel 100"));
            assertTrue(failed.get());
            assertTrue(ranAfterFailure.get() <= 2, "started after the failure was recorded: " + ranAfterFailure.get());
            assertTrue(result.morselsRun() < 20_000, "the failure stopped the group early");
            assertEquals(accepted, result.morselsRun() + result.morselsSkipped());
            assertFalse(group.submit(ctx -> { }), "a failed group takes nothing more");
        }
    }

    @Test
    void externalCancelStopsWithinOneMorselAndLongMorselsSeeTheFlag() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("long"));
            final CountDownLatch bothRunning = new CountDownLatch(2);
            final AtomicInteger sawCancel = new AtomicInteger();
            for (int i = 0; i < 100; i++)
            {
                group.submit(ctx ->
                {
                    bothRunning.countDown();
                    while (!ctx.isCancelled())
                    {
                        Thread.onSpinWait();
                    }
                    sawCancel.incrementAndGet();
                });
            }
            assertTrue(bothRunning.await(5, TimeUnit.SECONDS));
            group.cancel();
            final GroupResult result = group.completion().get(5, TimeUnit.SECONDS);
            assertEquals(GroupStatus.CANCELLED, result.status());
            assertNull(result.failure());
            assertEquals(2, sawCancel.get());
            assertEquals(2, result.morselsRun());
            assertEquals(98, result.morselsSkipped());
            assertFalse(group.submit(ctx -> { }), "a cancelled group takes nothing");
        }
    }

    @Test
    void notNowRequeuesTheMorselUntilTheSinkAccepts() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("sink").withMaxInFlight(4));
            final AtomicInteger refusals = new AtomicInteger();
            final AtomicInteger accepted = new AtomicInteger();
            for (int i = 0; i < 20; i++)
            {
                group.submit(ctx ->
                {
                    // the sink refuses every other offer
                    if (refusals.getAndIncrement() % 2 == 0)
                    {
                        ctx.notNow();
                        return;
                    }
                    accepted.incrementAndGet();
                });
            }
            group.complete();
            final GroupResult result = group.completion().get(10, TimeUnit.SECONDS);
            assertEquals(GroupStatus.COMPLETED, result.status());
            assertEquals(20, accepted.get());
            assertEquals(20, result.morselsRun());
            assertTrue(refusals.get() >= 20);
        }
    }

    @Test
    void closedSinkGateHoldsMorselsAndOtherGroupsStillRun() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final AtomicBoolean open = new AtomicBoolean(false);
            final AtomicInteger gatedRuns = new AtomicInteger();
            final AtomicInteger gateChecks = new AtomicInteger();
            final TaskGroup gated = scheduler.submit(GroupSpec.named("gated").withSinkReady(() ->
            {
                gateChecks.incrementAndGet();
                return open.get();
            }));
            for (int i = 0; i < 50; i++)
            {
                gated.submit(ctx -> gatedRuns.incrementAndGet());
            }
            gated.complete();
            final TaskGroup other = scheduler.submit(GroupSpec.named("other"));
            for (int i = 0; i < 50; i++)
            {
                other.submit(ctx -> { });
            }
            other.complete();
            assertEquals(GroupStatus.COMPLETED, other.completion().get(5, TimeUnit.SECONDS).status());
            // the workers have asked the gate many times (not just had no chance to run the group)
            final int seen = gateChecks.get();
            awaitTrue(() -> gateChecks.get() >= seen + 20, "workers keep asking the closed gate");
            assertEquals(0, gatedRuns.get(), "no morsel starts while the sink says not now");
            open.set(true);
            assertEquals(GroupStatus.COMPLETED, gated.completion().get(5, TimeUnit.SECONDS).status());
            assertEquals(50, gatedRuns.get());
        }
    }

    @Test
    void aThrowingSinkGateFailsTheGroupNotTheWorker() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(1).build())
        {
            final TaskGroup broken = scheduler.submit(GroupSpec.named("broken-gate").withSinkReady(() ->
            {
                throw new IllegalStateException("sink gone");
            }));
            broken.submit(ctx -> { });
            broken.complete();
            final GroupResult result = broken.completion().get(5, TimeUnit.SECONDS);
            assertEquals(GroupStatus.FAILED, result.status());
            assertEquals(-1, result.failure().morselIndex());
            assertInstanceOf(IllegalStateException.class, result.failure().getCause());
            // the worker survived and serves the next group
            final TaskGroup next = scheduler.submit(GroupSpec.named("next"));
            next.submit(ctx -> { });
            next.complete();
            assertEquals(GroupStatus.COMPLETED, next.completion().get(5, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void parkedWorkersWakeWhenWorkArrives() throws Exception
    {
        // a 10 s sleep per idle call: only an unpark can make this finish quickly
        try (MorselScheduler scheduler = MorselScheduler.builder()
            .workers(2)
            .idleStrategy(() -> new SleepingIdleStrategy(TimeUnit.SECONDS.toNanos(10)))
            .build())
        {
            awaitParked(scheduler);
            for (int round = 0; round < 5; round++)
            {
                final TaskGroup group = scheduler.submit(GroupSpec.named("wake-" + round));
                final long start = System.nanoTime();
                group.submit(ctx -> { });
                group.complete();
                group.completion().get(5, TimeUnit.SECONDS);
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "woken by the submit");
                awaitParked(scheduler);
            }
            assertTrue(scheduler.stats().stream().mapToLong(WorkerStats::idleNanos).sum() > 0);
        }
    }

    /** Waits until every worker thread is parked in its idle strategy (a 10 s sleep: TIMED_WAITING). */
    private static void awaitParked(final MorselScheduler scheduler) throws InterruptedException
    {
        awaitTrue(() -> scheduler.threads().stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING),
            "both workers park");
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final String what)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting until: " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void everyIdleStrategyRunsGroups() throws Exception
    {
        final List<java.util.function.Supplier<org.agrona.concurrent.IdleStrategy>> strategies = List.of(
            BusySpinIdleStrategy::new,
            YieldingIdleStrategy::new,
            () -> new org.agrona.concurrent.BackoffIdleStrategy(10, 10, 1_000, 100_000),
            () -> new SleepingIdleStrategy(100_000));
        for (final java.util.function.Supplier<org.agrona.concurrent.IdleStrategy> strategy : strategies)
        {
            try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).idleStrategy(strategy).build())
            {
                final TaskGroup group = scheduler.submit(GroupSpec.named("idle"));
                final AtomicLong sum = new AtomicLong();
                for (int i = 0; i < 1000; i++)
                {
                    final int k = i;
                    group.submit(ctx -> sum.addAndGet(k));
                }
                group.complete();
                assertEquals(GroupStatus.COMPLETED, group.completion().get(10, TimeUnit.SECONDS).status());
                assertEquals(999L * 1000 / 2, sum.get());
            }
        }
    }

    @Test
    void preferredWorkerGetsTheMorselAndSpawnedMorselsCount() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("spawn"));
            final AtomicInteger children = new AtomicInteger();
            final AtomicInteger firstWorker = new AtomicInteger(-1);
            final CountDownLatch holdWorker0 = new CountDownLatch(1);
            final CountDownLatch worker0Held = new CountDownLatch(1);
            final AtomicInteger heldWorker = new AtomicInteger(-1);
            // keep one worker busy so it cannot steal: the morsel preferring the other one must run there
            group.submit(ctx ->
            {
                heldWorker.set(ctx.workerIndex());
                worker0Held.countDown();
                holdWorker0.await();
            }, 0);
            assertTrue(worker0Held.await(5, TimeUnit.SECONDS));
            final int preferred = 1 - heldWorker.get();
            group.submit(ctx ->
            {
                firstWorker.set(ctx.workerIndex());
                for (int i = 0; i < 100; i++)
                {
                    assertTrue(ctx.spawn(child -> children.incrementAndGet()));
                }
                holdWorker0.countDown();
            }, preferred);
            group.complete();
            final GroupResult result = group.completion().get(5, TimeUnit.SECONDS);
            assertEquals(GroupStatus.COMPLETED, result.status());
            assertEquals(102, result.morselsRun());
            assertEquals(100, children.get());
            assertEquals(preferred, firstWorker.get());
        }
    }

    @Test
    void closeFromAMorselIsRefused() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(1).build())
        {
            final TaskGroup group = scheduler.submit(GroupSpec.named("self-close"));
            group.submit(ctx -> scheduler.close());
            group.complete();
            final GroupResult result = group.completion().get(5, TimeUnit.SECONDS);
            assertEquals(GroupStatus.FAILED, result.status());
            assertInstanceOf(IllegalStateException.class, result.failure().getCause());
        }
    }

    @Test
    void closeCompletesLiveGroupsAndStopsThreads() throws Exception
    {
        final MorselScheduler scheduler = MorselScheduler.builder().workers(2).build();
        final TaskGroup group = scheduler.submit(GroupSpec.named("open").withMaxInFlight(1 << 16));
        for (int i = 0; i < 10_000; i++)
        {
            group.submit(ctx -> Thread.sleep(0, 1000));
        }
        scheduler.close();
        final GroupResult result = group.completion().get(5, TimeUnit.SECONDS);
        assertEquals(GroupStatus.CANCELLED, result.status());
        assertEquals(10_000, result.morselsRun() + result.morselsSkipped());
        for (final Thread thread : scheduler.threads())
        {
            assertFalse(thread.isAlive());
        }
        assertFalse(group.submit(ctx -> { }));
        assertThrows(IllegalStateException.class, () -> scheduler.submit(GroupSpec.named("late")));
    }
}
