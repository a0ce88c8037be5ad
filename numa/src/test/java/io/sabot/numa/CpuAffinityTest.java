package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Native path: runs only where libc is bound (skipped in the forced-off execution, which runs
 * {@link ForcedUnavailableTest} instead).
 */
class CpuAffinityTest
{
    @Test
    void pinToLastCpuThenCurrentCpuIsIt() throws Exception
    {
        assumeTrue(CpuAffinity.isAvailable(), CpuAffinity.status());
        final int[] cpus = NumaTopology.detect().cpus();
        final int target = cpus[cpus.length - 1];
        final AtomicReference<Object[]> seen = new AtomicReference<>();
        final Thread t = new Thread(() ->
        {
            final CpuAffinity.Result r = CpuAffinity.pinToCpu(target);
            // sample several times: a pinned thread must never be seen elsewhere
            int cpu = -2;
            boolean always = true;
            for (int i = 0; i < 1000; i++)
            {
                cpu = CpuAffinity.currentCpu();
                always &= cpu == target;
                Thread.onSpinWait();
            }
            seen.set(new Object[] {r, cpu, always, CpuAffinity.currentAffinity()});
        });
        t.start();
        t.join();
        final CpuAffinity.Result r = (CpuAffinity.Result)seen.get()[0];
        assertTrue(r.pinned(), r.toString());
        assertEquals("", r.reason());
        assertEquals(target, seen.get()[1]);
        assertTrue((Boolean)seen.get()[2]);
        assertArrayEquals(new int[] {target}, (int[])seen.get()[3]);
    }

    @Test
    void pinToNodeAllowsAllItsCpus() throws Exception
    {
        assumeTrue(CpuAffinity.isAvailable(), CpuAffinity.status());
        final NumaTopology topo = NumaTopology.detect();
        final int node = topo.nodeIds()[0];
        final AtomicReference<int[]> affinity = new AtomicReference<>();
        final AtomicReference<CpuAffinity.Result> result = new AtomicReference<>();
        final Thread t = new Thread(() ->
        {
            result.set(CpuAffinity.pinToNode(topo, node));
            affinity.set(CpuAffinity.currentAffinity());
        });
        t.start();
        t.join();
        assertTrue(result.get().pinned(), result.get().toString());
        assertArrayEquals(topo.cpusOfNode(node), affinity.get());
        assertEquals(node, topo.nodeOfCpu(CpuAffinity.currentCpu()));
    }

    @Test
    void refusedPinIsReportedNotThrown() throws Exception
    {
        assumeTrue(CpuAffinity.isAvailable(), CpuAffinity.status());
        final AtomicReference<CpuAffinity.Result> result = new AtomicReference<>();
        final Thread t = new Thread(() -> result.set(CpuAffinity.pinToCpu(1000)));
        t.start();
        t.join();
        assertFalse(result.get().pinned());
        assertFalse(result.get().reason().isEmpty());
        assertFalse(CpuAffinity.pinToCpus(new int[0]).pinned());
        assertFalse(CpuAffinity.pinToCpu(-1).pinned());
    }
}
