package io.sabot.runtime.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sabot.runtime.operator.ProcessingTimers;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processing-time machinery below the operators: per-instance coalescing ({@link InstanceTimers}: one pending
 * wake-up at the earliest request of any operator, nothing before start or after the input ended, a superseded
 * wake-up never wakes the driver), the manual clock (time order, attempts isolated, past actions at once) and the
 * system service (lazy thread, cancel removes, close ends the thread and refuses more).
 */
class ProcessingTimeServiceTest
{
    @Test
    void instanceWakeUpsCoalesceToTheEarliestRequest()
    {
        final ManualProcessingTime clock = new ManualProcessingTime(100);
        final ProcessingTimeService service = clock.create("job");
        final InstanceTimers timers = new InstanceTimers(service, 2);
        final AtomicInteger wakes = new AtomicInteger();
        timers.driver(wakes::incrementAndGet);
        final ProcessingTimers first = timers.forOperator(0);
        final ProcessingTimers second = timers.forOperator(1);
        first.requestWakeUp(500);
        assertEquals(0, clock.pending(), "nothing scheduled before the job starts");
        timers.start();
        assertEquals(1, clock.pending());
        first.requestWakeUp(600);
        second.requestWakeUp(700);
        assertEquals(1, clock.pending(), "later requests ride on the pending wake-up");
        second.requestWakeUp(300);
        assertEquals(1, clock.pending(), "an earlier request replaces the pending wake-up");
        clock.advanceTo(299);
        assertEquals(0, wakes.get());
        clock.advanceTo(450);
        assertEquals(1, wakes.get(), "the superseded wake-up at 500 is gone, the one at 300 woke once");
        // the driver's side: operator 1 is due, operator 0 (500) is not; the rest is rescheduled
        assertFalse(timers.due(0, 450));
        assertTrue(timers.due(1, 450));
        assertFalse(timers.due(1, 450), "a due wake-up is consumed");
        timers.rescheduleRemaining();
        assertEquals(1, clock.pending());
        clock.advanceTo(10_000);
        assertEquals(2, wakes.get());
        assertTrue(timers.due(0, 10_000));
        timers.rescheduleRemaining();
        assertEquals(0, clock.pending(), "nothing requested, nothing pending");
        second.requestWakeUp(20_000);
        timers.quiesce();
        assertEquals(0, clock.pending(), "the input ended: the pending wake-up is dropped");
        first.requestWakeUp(15_000);
        clock.advanceTo(30_000);
        assertEquals(2, wakes.get(), "nothing wakes after the input ended");
        assertTrue(timers.quiesced());
        service.close();
    }

    @Test
    void manualClockRunsInTimeOrderAndIsolatesAttempts()
    {
        final ManualProcessingTime clock = new ManualProcessingTime(0);
        final ProcessingTimeService a = clock.create("a");
        final ProcessingTimeService b = clock.create("b");
        final List<String> ran = new ArrayList<>();
        a.schedule(30, () -> ran.add("a30"));
        b.schedule(10, () -> ran.add("b10"));
        a.schedule(10, () -> ran.add("a10"));
        final ProcessingTimeService.Cancellable dropped = b.schedule(20, () -> ran.add("b20"));
        dropped.cancel();
        b.schedule(40, () -> ran.add("b40"));
        a.close();
        clock.advanceTo(35);
        assertEquals(List.of("b10"), ran, "a's actions went with a; the cancelled one never runs");
        b.schedule(35, () -> ran.add("b35 at once"));
        assertEquals(List.of("b10", "b35 at once"), ran, "an action already due runs when scheduled");
        clock.advanceTo(20);
        assertEquals(35, clock.currentTimeMillis(), "the clock never goes back");
        clock.advanceTo(40);
        assertEquals(List.of("b10", "b35 at once", "b40"), ran);
        a.schedule(0, () -> ran.add("after close"));
        assertEquals(3, ran.size(), "a closed service runs nothing");
    }

    @Test
    void systemServiceStartsItsThreadLazilyAndEndsItOnClose() throws InterruptedException
    {
        final SystemProcessingTimeService service = new SystemProcessingTimeService("lazy-test");
        assertFalse(timerThreadAlive("lazy-test"), "no thread before the first wake-up");
        final CountDownLatch ran = new CountDownLatch(1);
        final long at = service.currentTimeMillis() - 5;
        service.schedule(at, ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS), "an action in the past runs at once");
        assertTrue(timerThreadAlive("lazy-test"));
        final ProcessingTimeService.Cancellable far = service.schedule(service.currentTimeMillis() + 3_600_000,
            () -> { });
        assertEquals(1, service.pending());
        far.cancel();
        assertEquals(0, service.pending(), "a cancelled wake-up leaves the queue");
        service.schedule(service.currentTimeMillis() + 3_600_000, () -> { });
        service.close();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (timerThreadAlive("lazy-test") && System.nanoTime() < deadline)
        {
            Thread.sleep(2);
        }
        assertFalse(timerThreadAlive("lazy-test"), "the thread ends with the job");
        final AtomicInteger late = new AtomicInteger();
        service.schedule(0, late::incrementAndGet);
        assertEquals(0, service.pending());
        assertFalse(timerThreadAlive("lazy-test"), "a closed service starts no thread");
        assertEquals(0, late.get());
    }

    private static boolean timerThreadAlive(final String job)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("sabot-timer-" + job) &&
            t.isAlive());
    }
}
