package io.sabot.runtime.exec;

import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.plan.Stage;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watermark alignment in {@link EventTimeClock}: a split more than {@link EventTimeClock#ALIGNMENT_SPANS} of its
 * batch spans ahead of a slower split waits, but not for a split that found nothing to read or is exhausted, and
 * not once the slower one caught up.
 */
class EventTimeAlignmentTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Reads one batch of event times [from, from + 100) into the split and completes it. */
    private void read(final EventTimeClock.Split split, final long from)
    {
        try (BigIntVector time = new BigIntVector("t", memory.allocator()))
        {
            time.allocateNew(100);
            for (int i = 0; i < 100; i++)
            {
                time.set(i, from + i);
            }
            time.setValueCount(100);
            try (Batch batch = Batch.of(time))
            {
                split.read(batch, 1).morselDone();
            }
        }
    }

    @Test
    void aSplitFarAheadOfAReadingSplitWaits()
    {
        final EventTimeClock clock = new EventTimeClock(new Stage.EventTime("t", 10, 0), 2);
        final EventTimeClock.Split fast = clock.split();
        final EventTimeClock.Split slow = clock.split();
        read(slow, 0);
        read(fast, 0);
        assertFalse(clock.ahead(fast));
        // span 99: up to 4 spans ahead is fine
        read(fast, 300);
        assertFalse(clock.ahead(fast), "within the allowed drift");
        read(fast, 600);
        assertTrue(clock.ahead(fast), "more than 4 spans ahead of the slow split");
        assertFalse(clock.ahead(slow), "the slow split never waits");
        read(slow, 400);
        assertFalse(clock.ahead(fast), "caught up");
        read(fast, 1000);
        assertTrue(clock.ahead(fast));
        slow.dry();
        assertFalse(clock.ahead(fast), "a split that found nothing to read holds nobody back");
        read(slow, 500);
        assertTrue(clock.ahead(fast), "it counts again once it reads");
        slow.exhausted();
        assertFalse(clock.ahead(fast), "an exhausted split holds nobody back");
    }
}
