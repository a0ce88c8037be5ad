package io.sabot.ffi;

import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forced-off paths. Availability is evaluated once per JVM (class initialisation), so the pom runs this class a
 * second time in the surefire execution {@code native-disabled} with {@code -Dsabot.native.disable=all}; in the
 * default execution the same tests assert the bindings are <em>not</em> forced off, so every run asserts something.
 */
class NativeDisabledTest
{
    private static boolean forcedOff(final String binding)
    {
        return NativeLibraries.isForcedOff(binding);
    }

    @Test
    void libcCallsThrowTypedExceptionWithReason()
    {
        if (!forcedOff(NativeLibraries.LIBC))
        {
            assertTrue(Libc.isAvailable());
            assertTrue(Libc.sched_getcpu() >= 0);
            return;
        }
        assertFalse(Libc.isAvailable());
        assertEquals(NativeStatus.Reason.FORCED_OFF, Libc.status().reason());
        assertTrue(Libc.status().detail().contains("sabot.native.disable"), Libc.status().detail());
        assertEquals(NativeStatus.Reason.FORCED_OFF, Libc.status("mmap").reason());

        final NativeUnavailableException getcpu = assertThrows(NativeUnavailableException.class, Libc::sched_getcpu);
        assertEquals("libc", getcpu.library());
        assertEquals("sched_getcpu", getcpu.function());
        assertEquals(NativeStatus.Reason.FORCED_OFF, getcpu.status().reason());
        assertTrue(getcpu.getMessage().startsWith("libc.sched_getcpu is unavailable: FORCED_OFF"),
            getcpu.getMessage());

        final NativeUnavailableException mmap = assertThrows(NativeUnavailableException.class,
            () -> Libc.mmap(MemorySegment.NULL, 4096, Libc.PROT_READ, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0));
        assertEquals("mmap", mmap.function());
        assertEquals("syscall", assertThrows(NativeUnavailableException.class,
            () -> Libc.syscall(39)).function());
        assertEquals("sched_setaffinity", assertThrows(NativeUnavailableException.class,
            () -> Libc.sched_setaffinity(0, CpuSet.of(0))).function());
        assertEquals("sched_getaffinity", assertThrows(NativeUnavailableException.class,
            () -> Libc.sched_getaffinity(0)).function());
        assertEquals("munmap", assertThrows(NativeUnavailableException.class,
            () -> Libc.munmap(MemorySegment.NULL, 4096)).function());
        assertEquals("madvise", assertThrows(NativeUnavailableException.class,
            () -> Libc.madvise(MemorySegment.NULL, 4096, Libc.MADV_NORMAL)).function());
        assertEquals("strerror", assertThrows(NativeUnavailableException.class,
            () -> Libc.strerror(22)).function());
        // NativeException still builds its message without strerror.
        assertTrue(new NativeException("x", 22, null).getMessage().contains("EINVAL: strerror unavailable"));
    }

    @Test
    void libnumaCallsThrowTypedExceptionWithReason()
    {
        if (!forcedOff(NativeLibraries.LIBNUMA))
        {
            // Available here, or unavailable for a real reason - never "forced off".
            assertTrue(LibNuma.isAvailable() || LibNuma.status().reason() != NativeStatus.Reason.FORCED_OFF);
            return;
        }
        assertFalse(LibNuma.isAvailable());
        assertEquals(NativeStatus.Reason.FORCED_OFF, LibNuma.status().reason());
        final NativeUnavailableException ex = assertThrows(NativeUnavailableException.class,
            LibNuma::numa_max_node);
        assertEquals("libnuma", ex.library());
        assertEquals("numa_max_node", ex.function());
        assertEquals(NativeStatus.Reason.FORCED_OFF, ex.status().reason());
        assertEquals("numa_available", assertThrows(NativeUnavailableException.class,
            LibNuma::numa_available).function());
        assertEquals("numa_alloc_onnode", assertThrows(NativeUnavailableException.class,
            () -> LibNuma.numa_alloc_onnode(4096, 0)).function());
        assertEquals("numa_run_on_node", assertThrows(NativeUnavailableException.class,
            () -> LibNuma.numa_run_on_node(0)).function());
        if (forcedOff(NativeLibraries.LIBC))
        {
            assertFalse(LibNuma.placementQueriesAvailable());
            final NativeUnavailableException query = assertThrows(NativeUnavailableException.class,
                () -> LibNuma.move_pages_query(MemorySegment.ofAddress(4096)));
            assertEquals("move_pages", query.function());
            assertEquals("libc", query.library());
        }
    }

    @Test
    void ioUringFlagIsParsed()
    {
        final String value = System.getProperty(NativeLibraries.DISABLE_PROPERTY, "");
        assertEquals(value.contains("all") || value.contains("io_uring"),
            NativeLibraries.isForcedOff(NativeLibraries.IO_URING));
    }

    @Test
    void missingLibraryAndSymbolReasons()
    {
        assertTrue(NativeLibraries.loadLibrary("libsabot-does-not-exist.so.9").isEmpty());
        final NativeStatus missing = NativeLibraries.symbolStatus("libc", NativeStatus.available(),
            NativeLibraries.linker().defaultLookup(), "sabot_no_such_symbol");
        assertEquals(NativeStatus.Reason.SYMBOL_MISSING, missing.reason());
        assertTrue(missing.detail().contains("sabot_no_such_symbol"));
        assertEquals(null, NativeLibraries.downcallOrNull(NativeLibraries.linker().defaultLookup(),
            "sabot_no_such_symbol", Libc.SCHED_GETCPU$DESC));
        final NativeUnavailableException ex = new NativeUnavailableException("libnuma", "numa_max_node",
            NativeStatus.unavailable(NativeStatus.Reason.LIBRARY_NOT_FOUND, "libnuma.so.1 could not be loaded"));
        assertEquals("libnuma.numa_max_node is unavailable: LIBRARY_NOT_FOUND (libnuma.so.1 could not be loaded)",
            ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> NativeStatus.unavailable(NativeStatus.Reason.AVAILABLE, "x"));
    }
}
