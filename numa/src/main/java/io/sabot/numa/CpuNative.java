package io.sabot.numa;

import io.sabot.common.SabotException;
import io.sabot.ffi.CpuSet;
import io.sabot.ffi.Libc;

/**
 * The libc calls behind {@link CpuAffinity}, turned into "error text or null" results so that nothing above throws.
 *
 * <p>Thread-safety: stateless.
 */
final class CpuNative
{
    private static final boolean AVAILABLE = Libc.isAvailable();

    private CpuNative()
    {
    }

    static boolean isAvailable()
    {
        return AVAILABLE;
    }

    static String status()
    {
        return AVAILABLE ? "available" : "libc " + Libc.status();
    }

    /**
     * @return {@code null} on success, else why the kernel or binding refused.
     */
    static String setAffinity(final int[] cpus)
    {
        try
        {
            // pid 0 = the calling thread (Linux affinity is per task)
            Libc.sched_setaffinity(0, CpuSet.of(cpus));
            return null;
        }
        catch (final SabotException | IllegalArgumentException e)
        {
            return e.getMessage();
        }
    }

    static int[] getAffinity()
    {
        try
        {
            return Libc.sched_getaffinity(0).cpus();
        }
        catch (final SabotException e)
        {
            return new int[0];
        }
    }

    static int currentCpu()
    {
        try
        {
            return Libc.sched_getcpu();
        }
        catch (final SabotException e)
        {
            return -1;
        }
    }
}
