package io.sabot.runtime.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.runtime.source.Harness;
import io.sabot.runtime.source.RowsSource;
import io.sabot.runtime.source.SourceReader;
import io.sabot.runtime.source.Sources;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SinksTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path dir;

    private List<Batch> batches(final List<Object[]> rows, final int per)
    {
        final RowsSource src = Sources.rows(Harness.MIXED, rows, per);
        final List<Batch> out = new ArrayList<>();
        try (SourceReader r = src.open(src.splits(1).get(0), memory.allocator()))
        {
            while (!r.finished())
            {
                out.add(r.poll());
            }
        }
        return out;
    }

    @Test
    void collectMergesInstancesInOrderWhateverTheArrivalOrder()
    {
        final List<Object[]> rows = Harness.mixedRows(90, 1);
        final List<Batch> b = batches(rows, 10);
        final CollectSink sink = Sinks.collect();
        final BufferAllocator a = memory.allocator();
        final SinkWriter w0 = sink.open(0, 3, a);
        final SinkWriter w1 = sink.open(1, 3, a);
        final SinkWriter w2 = sink.open(2, 3, a);
        // Instance i gets batches 3i..3i+2, written interleaved and in reverse instance order.
        for (int k = 0; k < 3; k++)
        {
            w2.write(b.get(6 + k));
            w0.write(b.get(k));
            w1.write(b.get(3 + k));
        }
        Stream.of(w0, w1, w2).forEach(SinkWriter::finish);
        Stream.of(w0, w1, w2).forEach(SinkWriter::close);
        sink.commit();
        assertTrue(sink.committed());
        assertEquals(Harness.lists(rows), sink.rows());
        assertEquals(90, sink.rowCount());
        assertEquals(Harness.MIXED, sink.schema());
        try (Batch all = sink.toBatch(a))
        {
            assertEquals(90, all.rowCount());
            assertEquals(Harness.lists(rows), ArrowValues.rows(all));
        }
        final CollectSink empty = Sinks.collect();
        try (Batch none = empty.toBatch(a))
        {
            assertEquals(0, none.rowCount());
        }
        assertThrows(IllegalStateException.class, () -> sink.open(1, 3, a));
    }

    @Test
    void collectHonoursSelections()
    {
        final List<Object[]> rows = Harness.mixedRows(5, 2);
        final Batch plain = batches(rows, 5).get(0);
        final CollectSink sink = Sinks.collect();
        try (SinkWriter w = sink.open(0, 1, memory.allocator()))
        {
            w.write(Batch.of(plain.columns(), SelectionVector.of(memory.allocator(), 4, 0)));
        }
        assertEquals(Harness.lists(List.of(rows.get(4), rows.get(0))), sink.rows());
    }

    @Test
    void callbackCallsAreSerializedAndBatchesClosedAfterwards() throws InterruptedException
    {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final List<Long> ids = new ArrayList<>();
        final CallbackSink sink = Sinks.callback(batch ->
        {
            if (inside.incrementAndGet() != 1)
            {
                overlaps.incrementAndGet();
            }
            for (final List<Object> row : ArrowValues.rows(batch))
            {
                ids.add((Long) row.get(0));
            }
            Thread.onSpinWait();
            inside.decrementAndGet();
        });
        final List<Object[]> rows = Harness.mixedRows(400, 3);
        final List<Batch> b = batches(rows, 5);
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final SinkWriter w = sink.open(t, 4, memory.allocator());
            final List<Batch> mine = b.subList(t * 20, t * 20 + 20);
            threads.add(Thread.ofPlatform().start(() ->
            {
                try (w)
                {
                    start.await();
                    mine.forEach(w::write);
                    w.finish();
                }
                catch (final InterruptedException e)
                {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        for (final Thread t : threads)
        {
            t.join();
        }
        assertEquals(0, overlaps.get());
        assertEquals(400, ids.size());
        assertEquals(400, ids.stream().distinct().count());
    }

    @Test
    void arrowFilesAppearOnCommitAndVanishOnAbort() throws IOException
    {
        final Path out = dir.resolve("out");
        final ArrowFileSink aborted = Sinks.arrowFiles(out, null);
        try (SinkWriter w = aborted.open(0, 2, memory.allocator()))
        {
            for (final Batch b : batches(Harness.mixedRows(20, 1), 10))
            {
                w.write(b);
            }
        }
        aborted.abort();
        try (Stream<Path> s = Files.list(out))
        {
            assertEquals(List.of(), s.toList());
        }

        final List<Object[]> rows = Harness.mixedRows(120, 4);
        final ArrowFileSink sink = Sinks.arrowFiles(out, Harness.MIXED);
        Harness.copy(Sources.rows(Harness.MIXED, rows, 30), 3, sink, memory.allocator());
        assertEquals(List.of("part-00000.arrow", "part-00001.arrow", "part-00002.arrow"),
            sink.files().stream().map(p -> p.getFileName().toString()).toList());
        try (Stream<Path> s = Files.list(out))
        {
            assertEquals(3, s.count(), "no temporary files left");
        }
        assertEquals(Harness.lists(rows), Harness.readAll(Sources.arrowFile(out), 3, memory.allocator()));

        // A sink that never sees a row still writes a readable file (of its schema, or of no columns).
        final Path none = dir.resolve("none.arrow");
        Harness.copy(Sources.rows(Harness.MIXED, List.of()), 1, Sinks.arrowFile(none, Harness.MIXED),
            memory.allocator());
        assertEquals(Harness.MIXED, Sources.arrowFile(none).schema());
        assertEquals(List.of(), Harness.readAll(Sources.arrowFile(none), 1, memory.allocator()));
        final Path bare = dir.resolve("bare.arrow");
        Harness.copy(Sources.rows(Harness.MIXED, List.of()), 1, Sinks.arrowFile(bare), memory.allocator());
        assertEquals(new Schema(List.of()), Sources.arrowFile(bare).schema());
    }

    @Test
    void arrowSinkWritesSelectedRowsAndRejectsAnotherSchema()
    {
        final List<Object[]> rows = Harness.mixedRows(6, 5);
        final Batch plain = batches(rows, 6).get(0);
        final Path file = dir.resolve("sel.arrow");
        final ArrowFileSink sink = Sinks.arrowFile(file);
        try (SinkWriter w = sink.open(0, 1, memory.allocator()))
        {
            w.write(Batch.of(plain.columns(), SelectionVector.of(memory.allocator(), 5, 1, 2)));
            final var range = Sources.range("x", 3);
            try (SourceReader r = range.open(range.splits(1).get(0), memory.allocator()))
            {
                final Batch other = r.poll();
                assertThrows(SchemaException.class, () -> w.write(other));
            }
            w.finish();
        }
        sink.commit();
        assertEquals(Harness.lists(List.of(rows.get(5), rows.get(1), rows.get(2))),
            Harness.readAll(Sources.arrowFile(file), 1, memory.allocator()));
    }

    @Test
    void csvValuesAreFormattedLikeDuckDb() throws IOException
    {
        final List<Object[]> rows = List.of(
            new Object[] {1L, 42, 0.5, "plain", LocalDate.of(2024, 2, 29), new BigDecimal("12.50"), true},
            new Object[] {2L, null, null, null, null, null, null},
            new Object[] {3L, -7, -2.0, "", LocalDate.of(1969, 12, 31), new BigDecimal("-0.05"), false},
            new Object[] {4L, 0, 1e-3, "a,\"b\"\nc", LocalDate.of(1, 1, 1), new BigDecimal("100000000.00"), null});
        final Path file = dir.resolve("f.csv");
        final CsvSink sink = Sinks.csv(file);
        Harness.copy(Sources.rows(Harness.MIXED, rows), 1, sink, memory.allocator());
        assertEquals("""
            id,i,d,s,dt,dec,b
            1,42,0.5,plain,2024-02-29,12.50,true
            2,,,,,,
            3,-7,-2.0,"",1969-12-31,-0.05,false
            4,0,0.001,"a,""b""
            c",0001-01-01,100000000.00,
            """, Files.readString(file));
        assertEquals(List.of(file), sink.files());

        final Path tsv = dir.resolve("h.tsv");
        Harness.copy(Sources.rows(Harness.MIXED, rows.subList(0, 1)), 1,
            Sinks.csv(tsv, null, '\t', false), memory.allocator());
        assertEquals("1\t42\t0.5\tplain\t2024-02-29\t12.50\ttrue\n", Files.readString(tsv));
        final Path empty = dir.resolve("e.csv");
        Harness.copy(Sources.rows(Harness.MIXED, List.of()), 1, Sinks.csv(empty, Harness.MIXED, ',', true),
            memory.allocator());
        assertEquals("id,i,d,s,dt,dec,b\n", Files.readString(empty));
        assertEquals(Arrays.asList(), Harness.readAll(Sources.csv(empty, Harness.MIXED,
            io.sabot.runtime.source.CsvOptions.DEFAULT), 1, memory.allocator()));
    }
}
