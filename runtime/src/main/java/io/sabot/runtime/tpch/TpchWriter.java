package io.sabot.runtime.tpch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.sabot.common.SabotIoException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Writes the eight TPC-H tables as Arrow IPC files ({@code lineitem.arrow}, {@code orders.arrow}, ...; the IPC file
 * format with footer, no compression, no dictionaries), one record batch per generated range, ranges generated on
 * {@code threads} threads and written in order, so the files are identical whatever the thread count.
 *
 * <p>Thread-safety: stateless; each call owns its threads and allocator and releases both before returning.
 */
public final class TpchWriter
{
    /**
     * Hears about progress, on the writing thread, after each record batch.
     */
    @FunctionalInterface
    public interface Progress
    {
        /**
         * @param table       the table being written.
         * @param rowsWritten rows of that table written so far.
         * @param totalRows   the table's row count.
         */
        void written(TpchTable table, long rowsWritten, long totalRows);
    }

    private TpchWriter()
    {
    }

    /**
     * Writes every table with the default seed, generating on all available processors.
     *
     * @param dir        the directory (created if missing); existing files are replaced.
     * @param sf         the scale factor.
     * @param batchUnits units per record batch (orders for lineitem).
     * @param progress   told after each batch; may be {@code null}.
     * @return rows written per table.
     */
    public static Map<TpchTable, Long> writeIpc(final Path dir, final double sf, final int batchUnits,
        final Progress progress)
    {
        return writeIpc(dir, new TpchGenerator(sf), batchUnits, Runtime.getRuntime().availableProcessors(), progress);
    }

    /**
     * Writes every table of {@code generator}.
     *
     * @param dir        the directory (created if missing); existing files are replaced.
     * @param generator  the generator (scale factor and seed).
     * @param batchUnits units per record batch (orders for lineitem), positive.
     * @param threads    generating threads, positive.
     * @param progress   told after each batch; may be {@code null}.
     * @return rows written per table.
     * @throws SabotIoException naming the file when it cannot be written.
     */
    public static Map<TpchTable, Long> writeIpc(final Path dir, final TpchGenerator generator, final int batchUnits,
        final int threads, final Progress progress)
    {
        if (batchUnits <= 0 || threads <= 0)
        {
            throw new IllegalArgumentException("batchUnits and threads must be positive: " + batchUnits + ", " +
                threads);
        }
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot create directory: " + e.getMessage(), dir.toString(), e);
        }
        final Map<TpchTable, Long> written = new EnumMap<>(TpchTable.class);
        final ExecutorService pool = Executors.newFixedThreadPool(threads, r ->
        {
            final Thread t = new Thread(r, "tpch-gen");
            t.setDaemon(true);
            return t;
        });
        try (BufferAllocator allocator = new RootAllocator())
        {
            for (final TpchTable table : TpchTable.values())
            {
                final Path file = dir.resolve(table.tableName() + ".arrow");
                written.put(table, writeTable(file, generator, table, batchUnits, threads, pool, allocator,
                    progress));
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        return written;
    }

    private static long writeTable(final Path file, final TpchGenerator generator, final TpchTable table,
        final int batchUnits, final int threads, final ExecutorService pool, final BufferAllocator allocator,
        final Progress progress)
    {
        final long units = generator.units(table);
        final long total = generator.rowCount(table);
        final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
        long next = 0;
        long rows = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
            VectorSchemaRoot root = VectorSchemaRoot.create(table.schema(), allocator);
            ArrowFileWriter writer = new ArrowFileWriter(root, null, channel))
        {
            writer.start();
            final VectorLoader loader = new VectorLoader(root);
            while (next < units || !pending.isEmpty())
            {
                // Keep a bounded window of ranges in flight; write them in submission order.
                while (next < units && pending.size() < 2 * threads)
                {
                    final long first = next;
                    final int count = (int) Math.min(batchUnits, units - first);
                    pending.add(pool.submit(() -> generator.generate(table, first, count, allocator)));
                    next += count;
                }
                try (Batch batch = pending.poll().get())
                {
                    final VectorSchemaRoot view = new VectorSchemaRoot(table.schema().getFields(), batch.columns(),
                        batch.rowCount());
                    try (ArrowRecordBatch recordBatch = new VectorUnloader(view).getRecordBatch())
                    {
                        loader.load(recordBatch);
                    }
                    writer.writeBatch();
                    rows += batch.rowCount();
                }
                if (progress != null)
                {
                    progress.written(table, rows, total);
                }
            }
            writer.end();
            return rows;
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot write " + table.tableName() + ": " + e.getMessage(), file.toString(),
                e);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            throw new SabotIoException("interrupted while writing " + table.tableName(), file.toString(), e);
        }
        catch (final ExecutionException e)
        {
            throw new IllegalStateException("generating " + table.tableName() + " failed: " + e.getCause(),
                e.getCause());
        }
        finally
        {
            drain(pending);
        }
    }

    private static void drain(final ArrayDeque<Future<Batch>> pending)
    {
        // Wait for ranges still in flight and free them, so the allocator closes at zero.
        for (final Future<Batch> future : pending)
        {
            try
            {
                future.get().close();
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
            catch (final ExecutionException e)
            {
                // Already failed: nothing was allocated that outlives the failure.
            }
        }
        pending.clear();
    }
}
