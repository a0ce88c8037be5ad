package io.sabot.runtime.connector.kafka;

import io.sabot.common.StateException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookkeeping behind exactly-once handles, without a broker: offsets recorded per send callback become disjoint,
 * ascending runs per partition whatever order the callbacks came in, and handles round-trip through their bytes while
 * foreign or damaged bytes fail with {@link StateException}.
 */
class OffsetRunsTest
{
    @Test
    void interleavedAndOutOfOrderOffsetsBecomeSortedMergedRuns()
    {
        final OffsetRuns runs = new OffsetRuns();
        // partition 2 interleaves with 0; batch 10..12 of partition 0 completes before 7..9 (a retry)
        runs.add(0, 3);
        runs.add(0, 4);
        runs.add(2, 100);
        runs.add(0, 10);
        runs.add(0, 11);
        runs.add(2, 101);
        runs.add(0, 12);
        runs.add(0, 7);
        runs.add(0, 8);
        runs.add(0, 9);
        runs.add(2, 105);
        runs.add(17, 0);
        runs.seal();
        assertEquals(5, runs.count());
        final long[][] expected = {{0, 3, 4}, {0, 7, 12}, {2, 100, 101}, {2, 105, 105}, {17, 0, 0}};
        for (int i = 0; i < expected.length; i++)
        {
            assertArrayEquals(expected[i], new long[] {runs.partition(i), runs.first(i), runs.last(i)}, "run " + i);
        }
        runs.clear();
        runs.add(1, 50);
        runs.add(1, 51);
        runs.seal();
        assertEquals(1, runs.count());
        assertEquals(51, runs.last(0));
    }

    @Test
    void runsGrowPastTheirInitialCapacity()
    {
        final OffsetRuns runs = new OffsetRuns();
        // every other offset: no two adjacent, 1000 runs, then the gaps arrive and everything merges into one run
        for (long o = 0; o < 2000; o += 2)
        {
            runs.add(5, o);
        }
        for (long o = 1; o < 2000; o += 2)
        {
            runs.add(5, o);
        }
        runs.seal();
        assertEquals(1, runs.count());
        assertEquals(0, runs.first(0));
        assertEquals(1999, runs.last(0));
    }

    @Test
    void handlesRoundTripAndForeignBytesFailTyped()
    {
        final OffsetRuns runs = new OffsetRuns();
        runs.add(1, 10);
        runs.add(1, 11);
        runs.add(0, 4);
        runs.seal();
        final KafkaTransactionHandle h = KafkaTransactionHandle.of("out", 3, 42, "p-w3-s1", runs);
        final KafkaTransactionHandle back = KafkaTransactionHandle.decode(h.encode(), "out");
        assertEquals(3, back.instance());
        assertEquals(42, back.checkpointId());
        assertEquals("p-w3-s1", back.transactionalId());
        assertArrayEquals(new int[] {0, 1}, back.partitions());
        assertArrayEquals(new long[] {4, 10}, back.firsts());
        assertArrayEquals(new long[] {4, 11}, back.lasts());
        assertEquals(3, back.records());
        final KafkaTransactionHandle empty = KafkaTransactionHandle.decode(
            KafkaTransactionHandle.empty("out", 0, 7).encode(), "out");
        assertTrue(empty.isEmpty());
        assertEquals(7, empty.checkpointId());
        assertTrue(assertThrows(StateException.class, () -> KafkaTransactionHandle.decode(h.encode(), "other"))
            .getMessage().contains("'out'"));
        final byte[] truncated = java.util.Arrays.copyOf(h.encode(), 20);
        assertThrows(StateException.class, () -> KafkaTransactionHandle.decode(truncated, "out"));
        assertThrows(StateException.class, () -> KafkaTransactionHandle.decode(new byte[] {9, 9}, "out"));
    }
}
