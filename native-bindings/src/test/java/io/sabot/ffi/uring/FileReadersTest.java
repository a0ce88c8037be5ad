package io.sabot.ffi.uring;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.sabot.ffi.Errno;
import io.sabot.ffi.NativeLibraries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FileReadersTest
{
    private static final long[] SIZES = {0, 1, 4095, 4096, (1 << 20) + 7, 20L * (1 << 20) + 12345};
    // Under the module's target/ so that O_DIRECT is tried on the repository's filesystem rather than a tmpfs /tmp.
    private static final Path DIR = Path.of("target", "uring-test-files").toAbsolutePath();
    private static final ReadConfig SMALL_BLOCKS = new ReadConfig(4, 8192, false);

    private static Path[] files;
    private static byte[][] contents;

    @BeforeAll
    static void writeFiles() throws IOException
    {
        Files.createDirectories(DIR);
        files = new Path[SIZES.length];
        contents = new byte[SIZES.length][];
        final Random random = new Random(42);
        for (int i = 0; i < SIZES.length; i++)
        {
            contents[i] = new byte[(int)SIZES[i]];
            random.nextBytes(contents[i]);
            files[i] = DIR.resolve("f" + SIZES[i] + ".bin");
            Files.write(files[i], contents[i]);
        }
    }

    @AfterAll
    static void deleteFiles() throws IOException
    {
        for (final Path file : files)
        {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void uringReadsEverySizeExactly()
    {
        assumeTrue(IoUring.isAvailable(), IoUring::unavailableReason);
        readAll(ReadConfig.DEFAULT, true);
        readAll(SMALL_BLOCKS, true);
    }

    @Test
    void channelReadsEverySizeExactly()
    {
        readAll(ReadConfig.DEFAULT, false);
        readAll(SMALL_BLOCKS, false);
    }

    @Test
    void directReadsWithBothReadersOrSayTheFilesystemRejectsODirect()
    {
        final ReadConfig direct = new ReadConfig(8, 1 << 16, true);
        if (IoUring.isAvailable())
        {
            try
            {
                readAll(direct, true);
            }
            catch (final UringException e)
            {
                assertEquals(Errno.EINVAL, e.errno(), e.getMessage());
                assertTrue(e.getMessage().contains("rejects O_DIRECT"), e.getMessage());
                return;
            }
        }
        readAll(direct, false);
    }

    @Test
    void rangeReadsAtUnalignedOffsets()
    {
        final int last = SIZES.length - 1;
        for (final boolean uring : new boolean[] {true, false})
        {
            if (uring && !IoUring.isAvailable())
            {
                continue;
            }
            try (FileBlockReader reader = uring ? FileReaders.uring(SMALL_BLOCKS) : FileReaders.channel(SMALL_BLOCKS);
                Arena arena = Arena.ofConfined())
            {
                final MemorySegment dst = arena.allocate(300_001, 4096);
                assertEquals(300_001, reader.read(files[last], 1_234_567, 300_001, dst));
                final byte[] expected = java.util.Arrays.copyOfRange(contents[last], 1_234_567, 1_234_567 + 300_001);
                assertArrayEquals(expected, dst.toArray(ValueLayout.JAVA_BYTE), reader.backend());
            }
        }
    }

    @Test
    void directRejectsUnalignedOffsetNamingTheRequirement()
    {
        final ReadConfig direct = new ReadConfig(4, 1 << 16, true);
        try (FileBlockReader reader = FileReaders.channel(direct); Arena arena = Arena.ofConfined())
        {
            final MemorySegment dst = arena.allocate(1 << 16, 4096);
            final UringException e = assertThrows(UringException.class,
                () -> reader.read(files[4], 100, 4096, dst));
            assertTrue(e.getMessage().contains("4096-aligned"), e.getMessage());
            assertEquals(100, e.offset());
            final UringException tail = assertThrows(UringException.class,
                () -> reader.read(files[4], 0, 5000, dst));
            assertTrue(tail.getMessage().contains("multiple of 4096"), tail.getMessage());
        }
    }

    @Test
    void forcedUnavailableFallsBackToFileChannel()
    {
        final String old = System.getProperty(NativeLibraries.DISABLE_PROPERTY);
        System.setProperty(NativeLibraries.DISABLE_PROPERTY, "io_uring");
        try (FileBlockReader reader = FileReaders.open(ReadConfig.DEFAULT); Arena arena = Arena.ofConfined())
        {
            assertEquals("FileChannel", reader.backend());
            final MemorySegment dst = arena.allocate(SIZES[4]);
            reader.readFully(files[4], dst);
            assertArrayEquals(contents[4], dst.toArray(ValueLayout.JAVA_BYTE));
        }
        finally
        {
            IoUringTest.restore(old);
        }
        if (IoUring.isAvailable())
        {
            try (FileBlockReader reader = FileReaders.open(ReadConfig.DEFAULT))
            {
                assertEquals("io_uring", reader.backend());
            }
        }
    }

    @Test
    void errorsNameFileOffsetAndErrno()
    {
        for (final boolean uring : new boolean[] {true, false})
        {
            if (uring && !IoUring.isAvailable())
            {
                continue;
            }
            try (FileBlockReader reader = uring ? FileReaders.uring(ReadConfig.DEFAULT) :
                FileReaders.channel(ReadConfig.DEFAULT); Arena arena = Arena.ofConfined())
            {
                final MemorySegment dst = arena.allocate(8192);
                final Path missing = DIR.resolve("no-such-file");
                final UringException m = assertThrows(UringException.class, () -> reader.readFully(missing, dst));
                assertEquals(Errno.ENOENT, m.errno());
                assertEquals(missing.toString(), m.file());

                final UringException d = assertThrows(UringException.class, () -> reader.readFully(DIR, dst));
                assertEquals(FileReaders.EISDIR, d.errno());
                assertTrue(d.getMessage().contains("directory"), d.getMessage());

                final UringException past = assertThrows(UringException.class,
                    () -> reader.read(files[2], 4000, 100, dst));
                assertTrue(past.getMessage().contains("read past end"), past.getMessage());
                assertEquals(4000, past.offset());
                assertEquals(files[2].toString(), past.file());
            }
        }
    }

    @Test
    void shortReadIsResubmittedAndEndOfFileIsAnError()
    {
        assumeTrue(IoUring.isAvailable(), IoUring::unavailableReason);
        // Bypass the up-front size check: ask for 100 bytes past the end of the 1 MiB + 7 file, with 64 KiB blocks.
        // The last block's read comes back short (res < requested), is resubmitted for the remainder, which then
        // returns 0 and must surface as "unexpected end" at the file size; everything before it must have landed.
        final long size = SIZES[4];
        try (UringFileReader reader = new UringFileReader(new ReadConfig(4, 1 << 16, false));
            Arena arena = Arena.ofConfined())
        {
            final MemorySegment dst = arena.allocate(size + 100);
            final int fd = UringSys.open(files[4].toString(), UringSys.O_RDONLY);
            assertTrue(fd >= 0);
            try
            {
                final UringException e = assertThrows(UringException.class,
                    () -> reader.readBlocks(fd, files[4].toString(), 0, size + 100, dst));
                assertEquals(size, e.offset());
                assertTrue(e.getMessage().contains("unexpected end"), e.getMessage());
            }
            finally
            {
                UringSys.close(fd);
            }
            assertArrayEquals(contents[4], dst.asSlice(0, size).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    private static void readAll(final ReadConfig config, final boolean uring)
    {
        try (FileBlockReader reader = uring ? FileReaders.uring(config) : FileReaders.channel(config))
        {
            for (int i = 0; i < SIZES.length; i++)
            {
                try (Arena arena = Arena.ofConfined())
                {
                    final MemorySegment dst = arena.allocate(Math.max(1, FileReaders.roundUp(SIZES[i])), 4096);
                    assertEquals(SIZES[i], reader.readFully(files[i], dst));
                    final byte[] got = dst.asSlice(0, SIZES[i]).toArray(ValueLayout.JAVA_BYTE);
                    assertArrayEquals(contents[i], got, reader.backend() + " " + config + " size " + SIZES[i]);
                }
            }
        }
    }
}
