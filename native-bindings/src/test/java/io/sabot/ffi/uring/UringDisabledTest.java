package io.sabot.ffi.uring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sabot.ffi.NativeLibraries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole-JVM forced-off path: meant to run also in the surefire execution that sets
 * {@code -Dsabot.native.disable=all} (so Libc itself is off, not only io_uring); there the factory must hand out the
 * FileChannel reader and io_uring must refuse with the property in its reason. In the default execution the same
 * test asserts the io_uring path is chosen (when the kernel allows it), so every run asserts something.
 */
class UringDisabledTest
{
    @Test
    void factoryFollowsTheProperty() throws IOException
    {
        final boolean off = NativeLibraries.isForcedOff(NativeLibraries.IO_URING);
        final Path file = Files.createTempFile("uring-disabled", ".bin");
        try (FileBlockReader reader = FileReaders.open(ReadConfig.DEFAULT); Arena arena = Arena.ofConfined())
        {
            final byte[] data = "forced off or not, the bytes arrive".getBytes();
            Files.write(file, data);
            final MemorySegment dst = arena.allocate(data.length);
            assertEquals(data.length, reader.readFully(file, dst));
            assertArrayEquals(data, dst.toArray(ValueLayout.JAVA_BYTE));
            if (off)
            {
                assertEquals("FileChannel", reader.backend());
                final String reason = IoUring.unavailableReason();
                assertTrue(reason.contains("sabot.native.disable"), reason);
                final UringException e = assertThrows(UringException.class, () -> IoUring.create(2));
                assertTrue(e.getMessage().contains("sabot.native.disable"), e.getMessage());
            }
            else if (IoUring.isAvailable())
            {
                assertNull(IoUring.unavailableReason());
                assertEquals("io_uring", reader.backend());
            }
            else
            {
                assertEquals("FileChannel", reader.backend());
            }
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
