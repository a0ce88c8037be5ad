package io.sabot.numa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class PinnedThreadFactoryTest
{
    @Test
    void namesAndPinsRoundRobin() throws Exception
    {
        assumeTrue(CpuAffinity.isAvailable(), CpuAffinity.status());
        final int[] cpus = NumaTopology.detect().cpus();
        final PinnedThreadFactory factory = PinnedThreadFactory.forCpus(cpus, true);
        final int threads = cpus.length * 2;
        final ConcurrentHashMap<String, Integer> cpuByName = new ConcurrentHashMap<>();
        final Thread[] started = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            started[i] = factory.newThread(() -> cpuByName.put(Thread.currentThread().getName(),
                CpuAffinity.currentCpu()));
            assertTrue(started[i].isDaemon());
            started[i].start();
        }
        for (final Thread t : started)
        {
            t.join();
        }
        assertEquals(threads, factory.threadsCreated());
        assertEquals(threads, factory.pinResults().size());
        for (int i = 0; i < threads; i++)
        {
            final String name = "sabot-worker-" + i;
            assertEquals(name, started[i].getName());
            assertEquals(cpus[i % cpus.length], cpuByName.get(name), name);
            final CpuAffinity.Result r = factory.pinResult(started[i]);
            assertNotNull(r);
            assertTrue(r.pinned(), r.toString());
            assertEquals(cpus[i % cpus.length], r.cpus()[0]);
        }
    }

    @Test
    void nodeFactoryWorksInAnExecutorAndDaemonFlagIsKept() throws Exception
    {
        final NumaTopology topo = NumaTopology.detect();
        final PinnedThreadFactory factory = PinnedThreadFactory.forNode(topo, topo.nodeIds()[0], false);
        final ExecutorService pool = Executors.newFixedThreadPool(2, factory);
        try
        {
            final Thread worker = pool.submit(Thread::currentThread).get();
            assertFalse(worker.isDaemon());
            assertTrue(worker.getName().startsWith("sabot-worker-"));
            final CpuAffinity.Result r = factory.pinResult(worker);
            assertNotNull(r);
            assertEquals(CpuAffinity.isAvailable(), r.pinned(), r.toString());
        }
        finally
        {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void rejectsEmptyCpuList()
    {
        assertThrows(IllegalArgumentException.class, () -> PinnedThreadFactory.forCpus(new int[0], true));
    }
}
