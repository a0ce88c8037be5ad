package io.sabot.ffi.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import io.sabot.ffi.NativeLibraries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class IoUringTest
{
    @Test
    void layoutsMatchTheKernelAbi()
    {
        assertEquals(120, IoUring.IO_URING_PARAMS.byteSize());
        assertEquals(40, IoUring.IO_SQRING_OFFSETS.byteSize());
        assertEquals(40, IoUring.IO_CQRING_OFFSETS.byteSize());
        assertEquals(64, IoUring.IO_URING_SQE.byteSize());
        assertEquals(16, IoUring.IO_URING_CQE.byteSize());
        assertEquals(32, IoUring.IO_URING_SQE.byteOffset(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("user_data")));
        assertEquals(40, IoUring.IO_URING_PARAMS.byteOffset(
            java.lang.foreign.MemoryLayout.PathElement.groupElement("sq_off")));
    }

    @Test
    void nopRoundTripReturnsUserData()
    {
        assumeTrue(IoUring.isAvailable(), IoUring::unavailableReason);
        try (IoUring ring = IoUring.create(4))
        {
            assertEquals(4, ring.sqEntries());
            assertEquals(8, ring.cqEntries());
            assertTrue(ring.prepNop(11));
            assertTrue(ring.prepNop(22));
            assertTrue(ring.prepNop(33));
            assertEquals(3, ring.submitAndWait(3));
            final long[] userData = new long[8];
            final int[] res = new int[8];
            assertEquals(3, ring.reap(userData, res, 8));
            final long sum = userData[0] + userData[1] + userData[2];
            assertEquals(66, sum);
            assertEquals(0, res[0] | res[1] | res[2]);
            assertEquals(0, ring.reap(userData, res, 8));

            assertTrue(ring.prepNop(44));
            ring.submitAndWait(1);
            final IoUring.Completion completion = new IoUring.Completion();
            assertTrue(ring.peekCompletion(completion));
            assertEquals(44, completion.userData);
            assertEquals(0, completion.res);
            ring.advanceCompletion();
            assertFalse(ring.peekCompletion(completion));
        }
    }

    @Test
    void fullSubmissionRingRefusesMoreAndWrapsAround()
    {
        assumeTrue(IoUring.isAvailable(), IoUring::unavailableReason);
        try (IoUring ring = IoUring.create(2))
        {
            final long[] userData = new long[4];
            final int[] res = new int[4];
            long total = 0;
            for (int round = 0; round < 10; round++)
            {
                assertTrue(ring.prepNop(round * 2L));
                assertTrue(ring.prepNop(round * 2L + 1));
                assertFalse(ring.prepNop(-1), "ring of 2 must refuse a third SQE before submit");
                ring.submitAndWait(2);
                int n = 0;
                while (n < 2)
                {
                    final int got = ring.reap(userData, res, 4);
                    for (int i = 0; i < got; i++)
                    {
                        total += userData[i];
                    }
                    n += got;
                }
            }
            assertEquals(190, total);
        }
    }

    @Test
    void readOfAFileDescriptorThroughTheRing() throws Exception
    {
        assumeTrue(IoUring.isAvailable(), IoUring::unavailableReason);
        final java.nio.file.Path file = java.nio.file.Files.createTempFile("uring", ".bin");
        try (IoUring ring = IoUring.create(1); Arena arena = Arena.ofConfined())
        {
            java.nio.file.Files.writeString(file, "hello io_uring");
            final int fd = UringSys.open(file.toString(), UringSys.O_RDONLY);
            assertTrue(fd >= 0);
            final MemorySegment buf = arena.allocate(64);
            assertTrue(ring.prepRead(fd, buf.asSlice(0, 5), 6, 7));
            ring.submitAndWait(1);
            final IoUring.Completion c = new IoUring.Completion();
            assertTrue(ring.peekCompletion(c));
            ring.advanceCompletion();
            assertEquals(7, c.userData);
            assertEquals(5, c.res);
            assertEquals("io_ur", new String(buf.asSlice(0, 5).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
            assertEquals(0, UringSys.close(fd));
        }
        finally
        {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void propertyForcesUnavailableWithTheReason()
    {
        final String old = System.getProperty(NativeLibraries.DISABLE_PROPERTY);
        System.setProperty(NativeLibraries.DISABLE_PROPERTY, "io_uring");
        try
        {
            final String reason = IoUring.unavailableReason();
            assertNotNull(reason);
            assertTrue(reason.contains("io_uring"), reason);
            final UringException e = assertThrows(UringException.class, () -> IoUring.create(4));
            assertTrue(e.getMessage().contains("io_uring unavailable"), e.getMessage());
        }
        finally
        {
            restore(old);
        }
        assumeTrue(IoUring.isAvailable());
        assertNull(IoUring.unavailableReason());
    }

    static void restore(final String old)
    {
        if (old == null)
        {
            System.clearProperty(NativeLibraries.DISABLE_PROPERTY);
        }
        else
        {
            System.setProperty(NativeLibraries.DISABLE_PROPERTY, old);
        }
    }
}
