package io.sabot.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuSetTest
{
    @Test
    void defaultSizeIsCpuSetT()
    {
        final CpuSet set = new CpuSet();
        assertEquals(Libc.CPU_SET_T.byteSize(), set.byteSize());
        assertEquals(1024, set.capacity());
        assertEquals(0, set.count());
    }

    @Test
    void moreThan64AndMoreThan1024Cpus()
    {
        final CpuSet set = new CpuSet(Arena.ofAuto(), 2000);
        assertEquals(2048, set.capacity());
        assertEquals(256, set.byteSize());
        set.set(0).set(63).set(64).set(130).set(1999);
        assertEquals(5, set.count());
        assertTrue(set.isSet(64));
        assertFalse(set.isSet(65));
        assertArrayEquals(new int[]{0, 63, 64, 130, 1999}, set.cpus());
        // glibc layout: CPU 64 is bit 0 of the second unsigned long.
        assertEquals(1L << 2, set.segment().getAtIndex(ValueLayout.JAVA_LONG, 2));
        assertEquals(1L, set.segment().getAtIndex(ValueLayout.JAVA_LONG, 1));
        set.clear(64);
        assertFalse(set.isSet(64));
        assertEquals(4, set.count());
        set.clearAll();
        assertEquals(0, set.count());
        assertFalse(set.isSet(5000));
        assertThrows(IndexOutOfBoundsException.class, () -> set.set(2048));
        assertThrows(IndexOutOfBoundsException.class, () -> set.set(-1));
    }

    @Test
    void copyFrom()
    {
        final CpuSet small = CpuSet.of(1, 3);
        final CpuSet big = new CpuSet(Arena.ofAuto(), 4096).set(4000);
        big.copyFrom(small);
        assertArrayEquals(new int[]{1, 3}, big.cpus());
    }
}
