package io.sabot.ffi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Libc bindings on the real machine. Skipped (by assumption) only in the forced-off execution, where
 * {@link NativeDisabledTest} covers the unavailable path.
 */
class LibcTest
{
    private static final long PAGE = 4096;

    private static void assumeLibc()
    {
        assumeTrue(Libc.isAvailable(), "libc forced off in this execution: " + Libc.status());
    }

    @Test
    void pinsToCpuOneAndRestoresTheMask() throws Exception
    {
        assumeLibc();
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2 CPUs");
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                final CpuSet original = Libc.sched_getaffinity(0);
                assertTrue(original.isSet(1), "CPU 1 allowed: " + original);
                Libc.sched_setaffinity(0, CpuSet.of(1));
                final CpuSet pinned = Libc.sched_getaffinity(0);
                assertArrayEquals(new int[]{1}, pinned.cpus());
                for (int i = 0; i < 100; i++)
                {
                    assertEquals(1, Libc.sched_getcpu());
                    Thread.onSpinWait();
                }
                Libc.sched_setaffinity(0, original);
                assertArrayEquals(original.cpus(), Libc.sched_getaffinity(0).cpus());
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "pin-test");
        thread.start();
        thread.join();
        assertNull(failure.get());
    }

    @Test
    void getcpuIsAnAllowedCpu()
    {
        assumeLibc();
        final int cpu = Libc.sched_getcpu();
        assertTrue(cpu >= 0 && cpu < Runtime.getRuntime().availableProcessors() + 64, "cpu " + cpu);
        assertTrue(Libc.sched_getaffinity(0).isSet(cpu));
    }

    @Test
    void setaffinityWithNoOnlineCpuIsEinval()
    {
        assumeLibc();
        final NativeException ex = assertThrows(NativeException.class,
            () -> Libc.sched_setaffinity(0, new CpuSet()));
        assertEquals(Errno.EINVAL, ex.errno());
        assertEquals("sched_setaffinity", ex.function());
    }

    @Test
    void mmapMadviseMunmapRoundTrip()
    {
        assumeLibc();
        final long length = 16 * PAGE;
        final MemorySegment map = Libc.mmap(MemorySegment.NULL, length, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        assertEquals(length, map.byteSize());
        assertEquals(0, map.address() % PAGE);
        for (long i = 0; i < length / 8; i++)
        {
            map.setAtIndex(ValueLayout.JAVA_LONG, i, i * 31);
        }
        Libc.madvise(map, length, Libc.MADV_SEQUENTIAL);
        Libc.madvise(map, length, Libc.MADV_WILLNEED);
        long sum = 0;
        for (long i = 0; i < length / 8; i++)
        {
            assertEquals(i * 31, map.getAtIndex(ValueLayout.JAVA_LONG, i));
            sum += map.getAtIndex(ValueLayout.JAVA_LONG, i);
        }
        assertTrue(sum > 0);
        // DONTNEED on private anonymous memory drops the pages: they read back as zero.
        Libc.madvise(map, PAGE, Libc.MADV_DONTNEED);
        assertEquals(0, map.getAtIndex(ValueLayout.JAVA_LONG, 1));
        assertEquals(512 * 31, map.getAtIndex(ValueLayout.JAVA_LONG, 512));
        Libc.munmap(map, length);
    }

    @Test
    void munmapOfUnalignedAddressIsEinvalWithText()
    {
        assumeLibc();
        final MemorySegment map = Libc.mmap(MemorySegment.NULL, 2 * PAGE, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        try
        {
            final NativeException ex = assertThrows(NativeException.class,
                () -> Libc.munmap(MemorySegment.ofAddress(map.address() + 1), PAGE));
            assertEquals(Errno.EINVAL, ex.errno());
            assertEquals("munmap", ex.function());
            assertTrue(ex.getMessage().contains("munmap failed: errno 22 (EINVAL: Invalid argument)"),
                ex.getMessage());
        }
        finally
        {
            Libc.munmap(map, 2 * PAGE);
        }
    }

    @Test
    void madviseWithUnknownAdviceIsEinval()
    {
        assumeLibc();
        final MemorySegment map = Libc.mmap(MemorySegment.NULL, PAGE, Libc.PROT_READ, Libc.MAP_PRIVATE |
            Libc.MAP_ANONYMOUS, -1, 0);
        try
        {
            final NativeException ex = assertThrows(NativeException.class, () -> Libc.madvise(map, PAGE, 9999));
            assertEquals(Errno.EINVAL, ex.errno());
            assertTrue(ex.getMessage().startsWith("madvise failed"), ex.getMessage());
        }
        finally
        {
            Libc.munmap(map, PAGE);
        }
    }

    @Test
    void mmapOfBadFdIsEbadf()
    {
        assumeLibc();
        final NativeException ex = assertThrows(NativeException.class,
            () -> Libc.mmap(MemorySegment.NULL, PAGE, Libc.PROT_READ, Libc.MAP_SHARED, 987_654, 0));
        assertEquals(Errno.EBADF, ex.errno());
    }

    @Test
    void syscallGetpidMatchesProcessHandle()
    {
        assumeLibc();
        assumeTrue(Libc.SYS_getpid > 0, "unknown architecture");
        assertEquals(ProcessHandle.current().pid(), Libc.syscall(Libc.SYS_getpid));
        assertEquals(ProcessHandle.current().pid(), Libc.syscallNoThrow(Libc.SYS_getpid));
    }

    @Test
    void syscallFailureReportsErrno()
    {
        assumeLibc();
        assumeTrue(Libc.X86_64, "munmap syscall number below is x86_64's");
        // munmap(1, 4096) via the raw syscall (x86_64 SYS_munmap = 11): unaligned -> EINVAL.
        assertEquals(-Errno.EINVAL, Libc.syscallNoThrow(11, 1, PAGE));
        final NativeException ex = assertThrows(NativeException.class, () -> Libc.syscall(11, 1, PAGE));
        assertEquals(Errno.EINVAL, ex.errno());
        assertEquals("syscall(11)", ex.function());
        assertThrows(IllegalArgumentException.class, () -> Libc.syscall(39, 1, 2, 3, 4, 5, 6, 7));
    }

    @Test
    void strerrorText()
    {
        assumeLibc();
        assertEquals("Invalid argument", Libc.strerror(Errno.EINVAL));
        assertEquals("Bad file descriptor", Libc.strerror(Errno.EBADF));
    }

    @Test
    void statusOfKnownAndMissingSymbols()
    {
        assumeLibc();
        assertTrue(Libc.status("mmap").isAvailable());
        final NativeStatus missing = Libc.status("no_such_function_in_libc");
        assertFalse(missing.isAvailable());
        assertEquals(NativeStatus.Reason.SYMBOL_MISSING, missing.reason());
        assertTrue(missing.detail().contains("no_such_function_in_libc"));
    }
}
