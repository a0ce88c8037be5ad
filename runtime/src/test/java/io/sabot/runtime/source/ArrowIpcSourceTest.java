package io.sabot.runtime.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.MalformedInputException;
import io.sabot.common.SchemaException;
import io.sabot.ffi.NativeLibraries;
import io.sabot.ffi.uring.IoUring;
import io.sabot.ffi.uring.UringException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.sink.ArrowValues;
import io.sabot.runtime.sink.Sinks;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ArrowIpcSourceTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path dir;

    /** Writes rows through the Arrow file sink in batches of {@code per} rows. */
    private Path write(final String name, final List<Object[]> rows, final int per)
    {
        final Path file = dir.resolve(name);
        Harness.copy(Sources.rows(Harness.MIXED, rows, per), 1, Sinks.arrowFile(file, Harness.MIXED),
            memory.allocator());
        return file;
    }

    @Test
    void roundTripThroughEveryBackendAndSplitLayout()
    {
        for (final int n : new int[] {0, 1, 250})
        {
            final List<Object[]> rows = Harness.mixedRows(n, n + 11);
            final Path file = write("t" + n + ".arrow", rows, 60);
            for (final IoBackend backend : List.of(IoBackend.AUTO, IoBackend.FILE_CHANNEL))
            {
                final ArrowFileSource source = ArrowFileSource.builder(file).backend(backend).build();
                assertEquals(Harness.MIXED, source.schema());
                for (final int p : new int[] {1, 2, 3, 8})
                {
                    assertEquals(Harness.lists(rows), Harness.readAll(source, p, memory.allocator()),
                        n + " rows, " + backend + ", p=" + p);
                }
            }
            if (IoUring.isAvailable())
            {
                final ArrowFileSource source = ArrowFileSource.builder(file).backend(IoBackend.IO_URING).build();
                assertEquals(Harness.lists(rows), Harness.readAll(source, 2, memory.allocator()));
            }
            else
            {
                assertThrows(UringException.class,
                    () -> ArrowFileSource.builder(file).backend(IoBackend.IO_URING).build());
            }
        }
        final ArrowFileSource many = Sources.arrowFile(write("many.arrow", Harness.mixedRows(250, 1), 60));
        assertEquals(3, many.splits(3).size());
    }

    @Test
    void autoFallsBackToFileChannelWhenIoUringIsDisabledByProperty()
    {
        final List<Object[]> rows = Harness.mixedRows(100, 5);
        final Path file = write("fallback.arrow", rows, 30);
        final String before = System.getProperty(NativeLibraries.DISABLE_PROPERTY);
        System.setProperty(NativeLibraries.DISABLE_PROPERTY, "io_uring");
        try
        {
            assertTrue(IoUring.unavailableReason() != null);
            assertEquals(Harness.lists(rows), Harness.readAll(Sources.arrowFile(file), 2, memory.allocator()));
            assertThrows(UringException.class,
                () -> ArrowFileSource.builder(file).backend(IoBackend.IO_URING).build());
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(NativeLibraries.DISABLE_PROPERTY);
            }
            else
            {
                System.setProperty(NativeLibraries.DISABLE_PROPERTY, before);
            }
        }
    }

    @Test
    void projectionAndDirectoryAndGlob() throws IOException
    {
        final Path parts = Files.createDirectories(dir.resolve("parts"));
        final List<Object[]> a = Harness.mixedRows(40, 1);
        final List<Object[]> b = Harness.mixedRows(30, 2);
        Files.move(write("a.arrow", a, 16), parts.resolve("part-0.arrow"));
        Files.move(write("b.arrow", b, 16), parts.resolve("part-1.arrow"));
        Files.writeString(parts.resolve("notes.txt"), "ignored");
        final ArrowFileSource dirSource = ArrowFileSource.builder(parts).columns(List.of("s", "id")).build();
        assertEquals(2, dirSource.files().size());
        assertEquals(List.of("s", "id"), dirSource.schema().getFields().stream().map(Field::getName).toList());
        final List<List<Object>> got = Harness.readAll(dirSource, 4, memory.allocator());
        assertEquals(70, got.size());
        for (int i = 0; i < a.size(); i++)
        {
            assertEquals(a.get(i)[3], got.get(i).get(0));
            assertEquals(a.get(i)[0], got.get(i).get(1));
        }
        final ArrowFileSource glob = Sources.arrowFile(parts.resolve("part-1*.arrow"));
        assertEquals(Harness.lists(b), Harness.readAll(glob, 1, memory.allocator()));
    }

    @Test
    void wrongSchemaNamesTheColumn()
    {
        final Path file = write("w.arrow", Harness.mixedRows(5, 1), 5);
        final Schema wrongType = new Schema(List.of(
            new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
            new Field("s", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        final SchemaException e = assertThrows(SchemaException.class, () -> Sources.arrowFile(file, wrongType));
        assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("w.arrow"), e.getMessage());
        final Schema missing = new Schema(List.of(
            new Field("nope", FieldType.nullable(new ArrowType.Int(32, true)), null)));
        final SchemaException m = assertThrows(SchemaException.class, () -> Sources.arrowFile(file, missing));
        assertTrue(m.getMessage().contains("'nope'"), m.getMessage());
        final Schema subset = new Schema(List.of(Harness.MIXED.getFields().get(5), Harness.MIXED.getFields().get(0)));
        assertEquals(subset, Sources.arrowFile(file, subset).schema());
    }

    @Test
    void truncatedFileDeliversCompleteBatchesThenFailsWithOffset() throws IOException
    {
        final List<Object[]> rows = Harness.mixedRows(100, 9);
        final Path file = write("full.arrow", rows, 25);
        final byte[] bytes = Files.readAllBytes(file);
        for (final IoBackend backend : List.of(IoBackend.AUTO, IoBackend.FILE_CHANNEL))
        {
            // Cut inside the third record batch's body: the footer is gone and two batches are complete.
            final int cut = bytes.length * 2 / 3;
            final Path truncated = dir.resolve("cut-" + backend + ".arrow");
            Files.write(truncated, java.util.Arrays.copyOf(bytes, cut));
            final ArrowFileSource source = ArrowFileSource.builder(truncated).backend(backend).build();
            assertEquals(1, source.splits(4).size());
            final List<List<Object>> delivered = new ArrayList<>();
            final List<Batch> held = new ArrayList<>();
            MalformedInputException error = null;
            try (SourceReader reader = source.open(source.splits(4).get(0), memory.allocator()))
            {
                while (!reader.finished())
                {
                    try
                    {
                        final Batch b = reader.poll();
                        if (b != null)
                        {
                            held.add(b);
                        }
                    }
                    catch (final MalformedInputException e)
                    {
                        error = e;
                    }
                }
            }
            final SourceReader again = source.open(source.splits(1).get(0), memory.allocator());
            again.close();
            again.close();
            // Batches survive the reader's close.
            held.forEach(b -> delivered.addAll(ArrowValues.rows(b)));
            held.forEach(Batch::close);
            assertTrue(error != null, "no error for a truncated file");
            assertEquals(truncated.toString(), error.resource());
            assertTrue(error.position() > 0 && error.position() <= cut, "offset " + error.position());
            assertTrue(delivered.size() >= 25 && delivered.size() < 100, delivered.size() + " rows");
            assertEquals(Harness.lists(rows).subList(0, delivered.size()), delivered);

            // The same through a projection (only the projected columns' bytes are read).
            final ArrowFileSource projected = ArrowFileSource.builder(truncated).backend(backend)
                .columns(List.of("dec", "s")).build();
            final List<List<Object>> some = new ArrayList<>();
            for (final SourceSplit split : projected.splits(1))
            {
                try (SourceReader reader = projected.open(split, memory.allocator()))
                {
                    assertThrows(MalformedInputException.class, () ->
                    {
                        while (!reader.finished())
                        {
                            try (Batch b = reader.poll())
                            {
                                some.addAll(ArrowValues.rows(b));
                            }
                        }
                    });
                }
            }
            assertEquals(delivered.stream().map(r -> java.util.Arrays.asList(r.get(5), r.get(3))).toList(), some);
        }
        final Path stub = dir.resolve("stub.arrow");
        Files.write(stub, java.util.Arrays.copyOf(bytes, 5));
        final MalformedInputException e = assertThrows(MalformedInputException.class, () -> Sources.arrowFile(stub));
        assertEquals(0, e.position());
    }

    @Test
    void corruptBodyIsMalformedNotACrash() throws IOException
    {
        final Path file = write("corrupt.arrow", Harness.mixedRows(50, 3), 50);
        final long offset;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             org.apache.arrow.vector.ipc.ArrowFileReader reader =
                 new org.apache.arrow.vector.ipc.ArrowFileReader(ch, memory.allocator()))
        {
            offset = reader.getRecordBlocks().get(0).getOffset();
            // Overwrite the record batch's metadata length (after the continuation marker) with a huge value.
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}),
                offset + 4);
        }
        final ArrowFileSource source = Sources.arrowFile(file);
        final MalformedInputException e = assertThrows(MalformedInputException.class,
            () -> Harness.readAll(source, 1, memory.allocator()));
        assertEquals(offset, e.position());
    }

    private byte[] streamBytes(final List<Object[]> rows, final int per, final BufferAllocator allocator)
        throws IOException
    {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Harness.MIXED, allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out)))
        {
            writer.start();
            final RowsSource source = Sources.rows(Harness.MIXED, rows, per);
            try (SourceReader r = source.open(source.splits(1).get(0), allocator))
            {
                while (!r.finished())
                {
                    try (Batch b = r.poll())
                    {
                        for (int i = 0; i < b.columnCount(); i++)
                        {
                            b.column(i).makeTransferPair(root.getVector(i)).transfer();
                        }
                        root.setRowCount(b.rowCount());
                        writer.writeBatch();
                    }
                }
            }
            writer.end();
        }
        return out.toByteArray();
    }

    @Test
    void streamFromFileAndChannel() throws IOException
    {
        final List<Object[]> rows = Harness.mixedRows(120, 4);
        final byte[] bytes = streamBytes(rows, 50, memory.allocator());
        final Path file = dir.resolve("s.arrows");
        Files.write(file, bytes);
        for (final IoBackend backend : List.of(IoBackend.AUTO, IoBackend.FILE_CHANNEL))
        {
            final ArrowStreamSource source = ArrowStreamSource.of(file, null, backend);
            assertEquals(Harness.MIXED, source.schema());
            assertEquals(1, source.splits(4).size());
            assertEquals(Harness.lists(rows), Harness.readAll(source, 4, memory.allocator()));
        }
        final ArrowStreamSource channel = Sources.arrowStream(
            () -> Channels.newChannel(new ByteArrayInputStream(bytes)), "mem", Harness.MIXED);
        assertEquals(Harness.lists(rows), Harness.readAll(channel, 1, memory.allocator()));
        assertEquals(Harness.lists(rows), Harness.readAll(channel, 1, memory.allocator()), "second run");

        final byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 100);
        final ArrowStreamSource truncated = Sources.arrowStream(
            () -> Channels.newChannel(new ByteArrayInputStream(cut)), "cut", Harness.MIXED);
        final MalformedInputException e = assertThrows(MalformedInputException.class,
            () -> Harness.readAll(truncated, 1, memory.allocator()));
        assertEquals("cut", e.resource());
        assertTrue(e.position() > 0);

        final Schema other = new Schema(List.of(new Field("id", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));
        final ArrowStreamSource wrong = Sources.arrowStream(
            () -> Channels.newChannel(new ByteArrayInputStream(bytes)), "mem", other);
        assertThrows(SchemaException.class, () -> Harness.readAll(wrong, 1, memory.allocator()));
    }
}
