package io.sabot.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Single-threaded semantics and multi-threaded randomized races of {@link WorkStealingDeque}: every pushed element is
 * taken exactly once, by the owner or by one thief, across random push/pop/steal interleavings and ring growth.
 */
final class WorkStealingDequeTest
{
    @Test
    void ownerIsLifoThievesAreFifo()
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(2);
        for (int i = 0; i < 10; i++)
        {
            deque.push(i);
        }
        assertTrue(deque.capacity() >= 16, "grew past 10 elements");
        assertEquals(10, deque.size());
        assertEquals(9, deque.pop());
        assertEquals(0, deque.steal());
        assertEquals(8, deque.pop());
        assertEquals(1, deque.steal());
        int taken = 4;
        while (deque.pop() != null)
        {
            taken++;
        }
        assertEquals(10, taken);
        assertNull(deque.pop());
        assertNull(deque.steal());
        assertEquals(0, deque.size());
    }

    @Test
    void wrapsAroundWithoutGrowingInSteadyState()
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(8);
        for (int round = 0; round < 1000; round++)
        {
            for (int i = 0; i < 8; i++)
            {
                deque.push(round * 8 + i);
            }
            for (int i = 0; i < 4; i++)
            {
                assertEquals(round * 8 + i, deque.steal());
            }
            for (int i = 7; i >= 4; i--)
            {
                assertEquals(round * 8 + i, deque.pop());
            }
        }
        assertEquals(8, deque.capacity());
    }

    @Test
    void randomInterleavingsLoseNothingAndRunNothingTwice() throws Exception
    {
        final int thieves = 3;
        final int perRound = 50_000;
        final SplittableRandom seeds = new SplittableRandom(42);
        for (int round = 0; round < 12; round++)
        {
            // small starting rings in some rounds so growth races with steals
            final int initialCapacity = (round % 3 == 0) ? 2 : 64;
            runRound(thieves, perRound, initialCapacity, seeds.nextLong());
        }
    }

    private static void runRound(final int thieves, final int total, final int initialCapacity, final long seed)
        throws Exception
    {
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(initialCapacity);
        final AtomicIntegerArray taken = new AtomicIntegerArray(total);
        final AtomicBoolean ownerDone = new AtomicBoolean();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        final Integer[] boxes = new Integer[total];
        for (int i = 0; i < total; i++)
        {
            boxes[i] = i; // distinct objects, boxed up front so the owner loop does not allocate
        }
        for (int t = 0; t < thieves; t++)
        {
            final Thread thief = new Thread(() ->
            {
                try
                {
                    start.await();
                    while (true)
                    {
                        final Integer x = deque.steal();
                        if (x != null)
                        {
                            taken.incrementAndGet(x);
                        }
                        else if (ownerDone.get() && deque.size() == 0)
                        {
                            return;
                        }
                        else
                        {
                            Thread.onSpinWait();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    error.compareAndSet(null, ex);
                }
            }, "thief-" + t);
            threads.add(thief);
            thief.start();
        }
        final Thread owner = new Thread(() ->
        {
            try
            {
                final SplittableRandom random = new SplittableRandom(seed);
                start.await();
                int next = 0;
                while (next < total)
                {
                    // random bursts of pushes and pops, biased to pushes so the deque both fills and empties
                    final int pushes = 1 + random.nextInt(16);
                    for (int i = 0; i < pushes && next < total; i++)
                    {
                        deque.push(boxes[next++]);
                    }
                    final int pops = random.nextInt(12);
                    for (int i = 0; i < pops; i++)
                    {
                        final Integer x = deque.pop();
                        if (x == null)
                        {
                            break;
                        }
                        taken.incrementAndGet(x);
                    }
                }
                Integer x;
                while ((x = deque.pop()) != null)
                {
                    taken.incrementAndGet(x);
                }
            }
            catch (final Throwable ex)
            {
                error.compareAndSet(null, ex);
            }
            finally
            {
                ownerDone.set(true);
            }
        }, "owner");
        threads.add(owner);
        owner.start();
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join(30_000);
            assertTrue(!thread.isAlive(), thread.getName() + " finished");
        }
        if (error.get() != null)
        {
            throw new AssertionError("worker thread failed", error.get());
        }
        for (int i = 0; i < total; i++)
        {
            assertEquals(1, taken.get(i), "element " + i + " taken exactly once (seed " + seed + ")");
        }
    }

    @Test
    void lastElementRaceHasExactlyOneWinner() throws Exception
    {
        // owner pop vs one thief on a single element, many times: exactly one of them gets it
        final WorkStealingDeque<Integer> deque = new WorkStealingDeque<>(4);
        final int rounds = 100_000;
        final Integer element = 7;
        final java.util.concurrent.atomic.AtomicInteger phase = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger thiefWins = new java.util.concurrent.atomic.AtomicInteger();
        final Thread thief = new Thread(() ->
        {
            for (int r = 0; r < rounds; r++)
            {
                while (phase.get() != 2 * r + 1)
                {
                    Thread.onSpinWait();
                }
                if (deque.steal() != null)
                {
                    thiefWins.incrementAndGet();
                }
                phase.incrementAndGet();
            }
        });
        thief.start();
        int ownerWins = 0;
        for (int r = 0; r < rounds; r++)
        {
            deque.push(element);
            phase.incrementAndGet(); // odd: thief may go
            if (deque.pop() != null)
            {
                ownerWins++;
            }
            while (phase.get() != 2 * r + 2)
            {
                Thread.onSpinWait();
            }
            assertEquals(0, deque.size());
        }
        thief.join();
        assertEquals(rounds, ownerWins + thiefWins.get());
    }
}
