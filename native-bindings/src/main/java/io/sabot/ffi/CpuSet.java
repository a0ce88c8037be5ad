package io.sabot.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@code cpu_set_t}-compatible CPU mask for {@link Libc#sched_setaffinity} and {@link Libc#sched_getaffinity},
 * sized for at least {@value #CPU_SETSIZE} CPUs and more when asked (glibc's {@code CPU_ALLOC} shape).
 *
 * <pre>
 *   word 0 (unsigned long)        word 1                 ...   word n-1
 *   +-----------------------+ +-----------------------+      +---------+
 *   | bit 0 = CPU 0 .. bit 63| | bit 0 = CPU 64 .. 127 | ...  |  ...    |
 *   +-----------------------+ +-----------------------+      +---------+
 *   native byte order; byteSize() = 8 * n, n = ceil(capacity / 64)
 * </pre>
 *
 * <p>Ownership: the mask lives in the arena it was allocated from (an automatic arena by default).
 * Thread-safety: not thread-safe; confine to one thread or publish safely after filling.
 */
public final class CpuSet
{
    /** glibc's {@code CPU_SETSIZE}: the number of CPUs a plain {@code cpu_set_t} holds. */
    public static final int CPU_SETSIZE = 1024;

    private final MemorySegment segment;
    private final int capacity;

    /**
     * An empty mask of at least {@value #CPU_SETSIZE} CPUs in an automatic arena.
     */
    public CpuSet()
    {
        this(Arena.ofAuto(), CPU_SETSIZE);
    }

    /**
     * @param arena   where to allocate the mask.
     * @param maxCpus the number of CPUs it must hold; rounded up to a multiple of 64 and at least
     *                {@value #CPU_SETSIZE}.
     */
    public CpuSet(final Arena arena, final int maxCpus)
    {
        if (maxCpus < 0)
        {
            throw new IllegalArgumentException("maxCpus must be >= 0: " + maxCpus);
        }
        final int words = (Math.max(maxCpus, CPU_SETSIZE) + 63) >>> 6;
        this.capacity = words << 6;
        this.segment = arena.allocate(ValueLayout.JAVA_LONG, words);
    }

    /**
     * @param cpus the CPUs to set.
     * @return a mask (automatic arena) with exactly those CPUs set.
     */
    public static CpuSet of(final int... cpus)
    {
        int max = 0;
        for (final int cpu : cpus)
        {
            max = Math.max(max, cpu + 1);
        }
        final CpuSet set = new CpuSet(Arena.ofAuto(), max);
        for (final int cpu : cpus)
        {
            set.set(cpu);
        }
        return set;
    }

    /**
     * @param cpu the CPU to add.
     * @return this.
     */
    public CpuSet set(final int cpu)
    {
        final long offset = wordOffset(cpu);
        segment.set(ValueLayout.JAVA_LONG, offset, segment.get(ValueLayout.JAVA_LONG, offset) | (1L << (cpu & 63)));
        return this;
    }

    /**
     * @param cpu the CPU to remove.
     * @return this.
     */
    public CpuSet clear(final int cpu)
    {
        final long offset = wordOffset(cpu);
        segment.set(ValueLayout.JAVA_LONG, offset, segment.get(ValueLayout.JAVA_LONG, offset) & ~(1L << (cpu & 63)));
        return this;
    }

    /**
     * Clears every CPU ({@code CPU_ZERO}).
     *
     * @return this.
     */
    public CpuSet clearAll()
    {
        segment.fill((byte)0);
        return this;
    }

    /**
     * @param cpu a CPU number; numbers beyond the capacity are reported as not set.
     * @return true if the CPU is in the mask.
     */
    public boolean isSet(final int cpu)
    {
        if (cpu < 0 || cpu >= capacity)
        {
            return false;
        }
        return (segment.get(ValueLayout.JAVA_LONG, (long)(cpu >>> 6) << 3) & (1L << (cpu & 63))) != 0;
    }

    /**
     * @return the number of CPUs set ({@code CPU_COUNT}).
     */
    public int count()
    {
        int count = 0;
        for (long offset = 0; offset < segment.byteSize(); offset += 8)
        {
            count += Long.bitCount(segment.get(ValueLayout.JAVA_LONG, offset));
        }
        return count;
    }

    /**
     * @return the CPUs set, ascending.
     */
    public int[] cpus()
    {
        final int[] cpus = new int[count()];
        int i = 0;
        for (int cpu = 0; cpu < capacity && i < cpus.length; cpu++)
        {
            if (isSet(cpu))
            {
                cpus[i++] = cpu;
            }
        }
        return cpus;
    }

    /**
     * @return how many CPUs the mask can hold (a multiple of 64).
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the mask size in bytes, the {@code cpusetsize} argument of the affinity calls.
     */
    public long byteSize()
    {
        return segment.byteSize();
    }

    /**
     * @return the native mask.
     */
    public MemorySegment segment()
    {
        return segment;
    }

    /**
     * @param other a mask to copy from; CPUs beyond this mask's capacity are ignored.
     * @return this.
     */
    public CpuSet copyFrom(final CpuSet other)
    {
        clearAll();
        MemorySegment.copy(other.segment, 0, segment, 0, Math.min(segment.byteSize(), other.segment.byteSize()));
        return this;
    }

    private long wordOffset(final int cpu)
    {
        if (cpu < 0 || cpu >= capacity)
        {
            throw new IndexOutOfBoundsException("cpu " + cpu + " outside mask of " + capacity + " CPUs");
        }
        return (long)(cpu >>> 6) << 3;
    }

    @Override
    public String toString()
    {
        return java.util.Arrays.toString(cpus());
    }
}
