package io.sabot.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

/**
 * Randomized failures and cancellations, skewed start, the in-flight bound and fairness between groups.
 */
final class MorselSchedulerStressTest
{
    private static volatile long sink;

    @Test
    void randomFailuresAndCancellationsAlwaysCompleteAndLeakNoThreads() throws Exception
    {
        final SplittableRandom seeds = new SplittableRandom(7);
        for (int iteration = 0; iteration < 25; iteration++)
        {
            final long seed = seeds.nextLong();
            final int workers = 1 + (iteration % 3);
            final MorselScheduler scheduler = MorselScheduler.builder().workers(workers)
                .threadNamePrefix("stress-" + iteration + "-").build();
            final int groups = 4;
            final List<Thread> submitters = new ArrayList<>();
            final List<CompletableFuture<GroupResult>> futures = new ArrayList<>();
            final AtomicLong[] accepted = new AtomicLong[groups];
            final AtomicInteger[] startedAfterCancel = new AtomicInteger[groups];
            final AtomicBoolean[] cancelReturned = new AtomicBoolean[groups];
            final boolean[] willCancel = new boolean[groups];
            final AtomicLong errors = new AtomicLong();
            for (int g = 0; g < groups; g++)
            {
                final SplittableRandom random = new SplittableRandom(seed + g);
                final TaskGroup group = scheduler.submit(GroupSpec.named("g" + g).withMaxInFlight(1 + random.nextInt(64)));
                futures.add(group.completion());
                final AtomicLong count = accepted[g] = new AtomicLong();
                final AtomicInteger late = startedAfterCancel[g] = new AtomicInteger();
                final AtomicBoolean cancelled = cancelReturned[g] = new AtomicBoolean();
                final boolean cancel = willCancel[g] = random.nextInt(3) == 0;
                final int failAt = random.nextInt(4) == 0 ? random.nextInt(2000) : -1;
                final int cancelAt = random.nextInt(2000);
                final Thread submitter = new Thread(() ->
                {
                    try
                    {
                        for (int i = 0; i < 2000; i++)
                        {
                            if (cancel && i == cancelAt)
                            {
                                group.cancel();
                                cancelled.set(true);
                            }
                            final int k = i;
                            final boolean ok = group.submit(ctx ->
                            {
                                if (cancelled.get())
                                {
                                    late.incrementAndGet();
                                }
                                spin(200 + (k % 7) * 100);
                                if (k == failAt)
                                {
                                    throw new IllegalStateException("random failure at " + k);
                                }
                                if (k % 97 == 0 && ctx.isCancelled())
                                {
                                    return; // long morsels poll the flag
                                }
                            });
                            if (ok)
                            {
                                count.incrementAndGet();
                            }
                        }
                        group.complete();
                    }
                    catch (final Throwable ex)
                    {
                        errors.incrementAndGet();
                        ex.printStackTrace();
                    }
                }, "submitter-" + g);
                submitters.add(submitter);
                submitter.start();
            }
            for (final Thread submitter : submitters)
            {
                submitter.join(20_000);
                assertFalse(submitter.isAlive());
            }
            assertEquals(0, errors.get());
            for (int g = 0; g < groups; g++)
            {
                final GroupResult result = futures.get(g).get(20, TimeUnit.SECONDS);
                assertEquals(accepted[g].get(), result.morselsRun() + result.morselsSkipped(), result.toString());
                if (result.status() == GroupStatus.FAILED)
                {
                    assertTrue(result.failure().getMessage().contains("g" + g), result.failure().getMessage());
                }
                else if (willCancel[g])
                {
                    assertEquals(GroupStatus.CANCELLED, result.status());
                }
                else
                {
                    assertEquals(GroupStatus.COMPLETED, result.status());
                    assertEquals(2000, result.morselsRun());
                }
                assertTrue(startedAfterCancel[g].get() <= workers,
                    "group " + g + " started " + startedAfterCancel[g].get() + " morsels after cancel() returned");
            }
            scheduler.close();
            for (final Thread thread : scheduler.threads())
            {
                assertFalse(thread.isAlive(), thread.getName());
            }
        }
        final long leaked = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("stress-") && t.isAlive()).count();
        assertEquals(0, leaked, "worker threads alive after close");
    }

    @Test
    void skewedStartIsBalancedByStealing() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final int morsels = 4000;
            final AtomicLongArray morselNanos = new AtomicLongArray(2);
            final AtomicLongArray lastFinish = new AtomicLongArray(2);
            final long t0 = System.nanoTime();
            final TaskGroup group = scheduler.submit(GroupSpec.named("skew"));
            final List<WorkerStats> before = scheduler.stats();
            // one seed morsel on worker 0 puts every morsel on worker 0's deque; worker 1 can only steal
            group.submit(ctx ->
            {
                for (int i = 0; i < morsels; i++)
                {
                    ctx.spawn(child ->
                    {
                        final long start = System.nanoTime();
                        spin(40_000);
                        final long end = System.nanoTime();
                        morselNanos.addAndGet(child.workerIndex(), end - start);
                        lastFinish.set(child.workerIndex(), end);
                    });
                }
            }, 0);
            group.complete();
            assertEquals(GroupStatus.COMPLETED, group.completion().get(30, TimeUnit.SECONDS).status());
            final List<WorkerStats> after = scheduler.stats();
            final long busy0 = after.get(0).busyNanos() - before.get(0).busyNanos();
            final long busy1 = after.get(1).busyNanos() - before.get(1).busyNanos();
            assertTrue(after.get(1).steals() > 0, "worker 1 stole");
            final double ratio = (double)Math.min(busy0, busy1) / Math.max(busy0, busy1);
            System.out.printf("skew: busy0=%.1f ms busy1=%.1f ms ratio=%.3f morsel time %.1f / %.1f ms steals=%d%n",
                busy0 / 1e6, busy1 / 1e6, ratio, morselNanos.get(0) / 1e6, morselNanos.get(1) / 1e6,
                after.get(1).steals());
            assertTrue(ratio >= 0.9, "busy times within 10%: " + busy0 + " vs " + busy1);
            final long finish0 = lastFinish.get(0) - t0;
            final long finish1 = lastFinish.get(1) - t0;
            assertTrue(Math.abs(finish0 - finish1) * 10 <= Math.max(finish0, finish1),
                "finish times within 10%: " + finish0 + " vs " + finish1);
        }
    }

    @Test
    void inFlightBoundBlocksSubmitAndRefusesTrySubmit() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final int bound = 8;
            final TaskGroup group = scheduler.submit(GroupSpec.named("bounded").withMaxInFlight(bound));
            final CountDownLatch release = new CountDownLatch(1);
            final AtomicInteger running = new AtomicInteger();
            final AtomicInteger maxRunning = new AtomicInteger();
            final Morsel blocked = ctx ->
            {
                release.await();
            };
            for (int i = 0; i < bound; i++)
            {
                assertTrue(group.trySubmit(blocked));
            }
            assertFalse(group.trySubmit(blocked), "the 9th morsel does not fit");
            assertEquals(bound, group.inFlight());
            final AtomicBoolean submitted = new AtomicBoolean();
            final Thread submitter = new Thread(() -> submitted.set(group.submit(blocked)));
            submitter.start();
            // blocked on the in-flight bound: parked, not merely slow to start
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (submitter.getState() != Thread.State.WAITING && submitter.getState() != Thread.State.TIMED_WAITING)
            {
                assertTrue(System.nanoTime() < deadline, "the submitter never blocked");
                Thread.onSpinWait();
            }
            assertTrue(submitter.isAlive(), "submit blocks at the bound");
            assertFalse(submitted.get());
            release.countDown();
            submitter.join(5_000);
            assertTrue(submitted.get());
            // keep the bound under steady load: the submitter can never be more than `bound` ahead
            for (int i = 0; i < 5_000; i++)
            {
                group.submit(ctx ->
                {
                    final int now = running.incrementAndGet();
                    maxRunning.accumulateAndGet(now, Math::max);
                    running.decrementAndGet();
                });
                assertTrue(group.inFlight() <= bound, "in flight " + group.inFlight());
            }
            group.complete();
            final GroupResult result = group.completion().get(10, TimeUnit.SECONDS);
            assertEquals(GroupStatus.COMPLETED, result.status());
            assertEquals(bound + 1 + 5_000, result.morselsRun());
            assertTrue(maxRunning.get() <= 2);
        }
    }

    @Test
    void smallGroupIsNotStarvedBehindBigOne() throws Exception
    {
        try (MorselScheduler scheduler = MorselScheduler.builder().workers(2).build())
        {
            final int big = 100_000;
            final TaskGroup bigGroup = scheduler.submit(GroupSpec.named("big").withMaxInFlight(8192));
            final AtomicLong bigRuns = new AtomicLong();
            final long start = System.nanoTime();
            final Thread bigSubmitter = new Thread(() ->
            {
                for (int i = 0; i < big; i++)
                {
                    bigGroup.submit(ctx ->
                    {
                        spin(2_000);
                        bigRuns.incrementAndGet();
                    });
                }
                bigGroup.complete();
            });
            bigSubmitter.start();
            while (bigRuns.get() < 1_000)
            {
                Thread.onSpinWait();
            }
            final long smallStart = System.nanoTime();
            final TaskGroup small = scheduler.submit(GroupSpec.named("small"));
            for (int i = 0; i < 10; i++)
            {
                small.submit(ctx -> spin(2_000));
            }
            small.complete();
            assertEquals(GroupStatus.COMPLETED, small.completion().get(30, TimeUnit.SECONDS).status());
            final long smallDone = System.nanoTime();
            final long bigRunsAtSmallDone = bigRuns.get();
            assertEquals(GroupStatus.COMPLETED, bigGroup.completion().get(60, TimeUnit.SECONDS).status());
            final long bigDone = System.nanoTime();
            bigSubmitter.join();
            System.out.printf("fairness: small took %.2f ms (big had run %d of %d); big took %.1f ms%n",
                (smallDone - smallStart) / 1e6, bigRunsAtSmallDone, big, (bigDone - start) / 1e6);
            assertTrue(bigRunsAtSmallDone < big / 2, "small finished while big was under half done");
            assertTrue((smallDone - smallStart) * 10 < bigDone - smallStart, "small took < 10% of big's time");
        }
    }

    /** Busy work of about {@code nanos} nanoseconds, independent of the clock resolution of sleep. */
    static void spin(final long nanos)
    {
        final long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end)
        {
            x += 31;
        }
        sink = x;
    }
}
