package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portable paths, run by the surefire execution {@code native-disabled} ({@code -Dsabot.native.disable=all},
 * see the module pom); the default execution excludes this class, and it skips itself anywhere else.
 */
class ForcedUnavailableTest
{
    @BeforeEach
    void onlyWithNativeDisabled()
    {
        // -Dtest=... overrides the default execution's exclude; there the property is absent and this class skips
        assumeTrue("all".equals(System.getProperty("sabot.native.disable")), "needs -Dsabot.native.disable=all");
    }

    @Test
    void topologyComesFromSysfsOrFallback()
    {
        final NumaTopology t = NumaTopology.detect();
        assertTrue(t.source() == NumaTopology.Source.SYSFS || t.source() == NumaTopology.Source.FALLBACK,
            t.toString());
        assertEquals(Runtime.getRuntime().availableProcessors(), t.cpuCount());
        assertEquals(10, t.distance(t.nodeIds()[0], t.nodeIds()[0]));
    }

    @Test
    void pinningIsAReportedNoOp()
    {
        assertFalse(CpuAffinity.isAvailable());
        final CpuAffinity.Result r = CpuAffinity.pinToCpu(1);
        assertFalse(r.pinned());
        assertArrayEquals(new int[] {1}, r.cpus());
        assertTrue(r.reason().contains("FORCED_OFF"), r.reason());
        assertEquals(-1, CpuAffinity.currentCpu());
        assertArrayEquals(new int[0], CpuAffinity.currentAffinity());
    }

    @Test
    void factoryThreadsStillRunUnpinned() throws Exception
    {
        final PinnedThreadFactory factory = PinnedThreadFactory.forCpus(new int[] {0, 1}, true);
        final AtomicBoolean ran = new AtomicBoolean();
        final Thread t = factory.newThread(() -> ran.set(true));
        t.start();
        t.join();
        assertTrue(ran.get());
        assertEquals("sabot-worker-0", t.getName());
        assertFalse(factory.pinResult(t).pinned());
    }

    @Test
    void memoryIsNotNodeBound()
    {
        final NodeMemory memory = NodeMemory.shared();
        assertFalse(memory.isNodeBindingAvailable());
        assertTrue(memory.status().contains("FORCED_OFF"), memory.status());
        try (NodeAllocation a = memory.allocate(8192, 0))
        {
            assertFalse(a.isNodeBound());
            NodeMemoryTest.fillAndCheck(a.segment());
            assertEquals(-1, memory.nodeOf(a.segment()));
        }
    }
}
