package io.sabot.runtime.sink;

import io.sabot.common.SabotIoException;
import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CSV part files written exactly once with checkpoints (two-phase commit through file names):
 *
 * <pre>
 *   directory/part-&lt;instance&gt;-&lt;writer id&gt;-&lt;seq&gt;.csv.pending   rows of one transaction, invisible
 *   barrier n   -&gt; the writer syncs and closes its pending file, hands its name on, starts the next file
 *   commit      -&gt; rename to part-...-&lt;seq&gt;.csv (already renamed: done; idempotent)
 *   recover     -&gt; commit the restored checkpoint's files, delete every other .pending file
 * </pre>
 *
 * Readers see only {@code *.csv} files, each a complete transaction with its own header. A transaction with no rows
 * leaves no file (an empty pending file may remain until the next recover). Outside a checkpointed job (no
 * barriers) each writer's rows become one file when the job commits.
 *
 * <p>Thread-safety: as {@link TransactionalSink}. Ownership: batches written are closed by the writer.
 */
public final class TransactionalCsvSink implements TransactionalSink
{
    private static final String PENDING = ".pending";

    private final Path directory;
    private final CsvSink format;
    private final Set<Path> open = ConcurrentHashMap.newKeySet();
    /** Files of writers that finished outside a checkpointed job's transactions: committed by {@link #commit()}. */
    private final Set<Path> finished = ConcurrentHashMap.newKeySet();

    TransactionalCsvSink(final Path directory, final Schema schema, final char delimiter, final boolean header)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot create: " + e.getMessage(), directory.toString(), e);
        }
        this.format = new CsvSink(directory, true, schema, delimiter, header);
    }

    @Override
    public boolean parallel()
    {
        return true;
    }

    @Override
    public TransactionalWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        return new Writer(instance);
    }

    @Override
    public void commit(final long checkpointId, final List<byte[]> handles)
    {
        for (final byte[] handle : handles)
        {
            if (handle.length == 0)
            {
                continue;
            }
            final String name = new String(handle, StandardCharsets.UTF_8);
            final Path pending = directory.resolve(name + PENDING);
            final Path done = directory.resolve(name);
            try
            {
                if (Files.exists(pending))
                {
                    Files.move(pending, done, StandardCopyOption.ATOMIC_MOVE);
                }
                else if (!Files.exists(done))
                {
                    throw new SabotIoException("transaction file of checkpoint " + checkpointId + " is gone",
                        pending.toString(), null);
                }
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot commit: " + e.getMessage(), pending.toString(), e);
            }
        }
    }

    @Override
    public void recover(final long checkpointId, final List<byte[]> handles)
    {
        commit(checkpointId, handles);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + PENDING))
        {
            for (final Path file : files)
            {
                Files.deleteIfExists(file);
            }
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot clean: " + e.getMessage(), directory.toString(), e);
        }
    }

    /** The end of a job: files its writers finished outside any transaction (a job without checkpoints) commit. */
    @Override
    public void commit()
    {
        for (final Path file : List.copyOf(finished))
        {
            final String name = file.getFileName().toString();
            commit(-1, List.of(name.substring(0, name.length() - PENDING.length()).getBytes(StandardCharsets.UTF_8)));
            finished.remove(file);
            open.remove(file);
        }
    }

    /** Deletes the files of transactions still being written (pre-committed ones wait for {@link #recover}). */
    @Override
    public void abort()
    {
        for (final Path file : List.copyOf(open))
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // recover() deletes it at the next start
            }
        }
    }

    /** @return the committed files, sorted by name. */
    public List<Path> files()
    {
        final List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "part-*.csv"))
        {
            files.forEach(out::add);
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot list: " + e.getMessage(), directory.toString(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public String describe()
    {
        return "TransactionalCsv[" + directory + "/part-*.csv]";
    }

    private final class Writer implements TransactionalWriter
    {
        private final String prefix;
        private final CsvSink.Writer csv;
        private long sequence;

        Writer(final int instance)
        {
            this.prefix = String.format("part-%05d-%s-", instance, UUID.randomUUID().toString().substring(0, 8));
            final Path first = pendingFile();
            open.add(first);
            this.csv = format.writerTo(first);
        }

        private String name()
        {
            return prefix + String.format("%08d", sequence) + ".csv";
        }

        private Path pendingFile()
        {
            return directory.resolve(name() + PENDING);
        }

        @Override
        public void write(final Batch batch)
        {
            csv.write(batch);
        }

        @Override
        public byte[] preCommit(final long checkpointId)
        {
            final Path current = csv.file();
            final boolean rows = csv.hasRows();
            final String name = name();
            sequence++;
            final Path next = pendingFile();
            open.add(next);
            csv.rotate(next);
            open.remove(current);
            finished.remove(current);
            if (!rows)
            {
                try
                {
                    Files.deleteIfExists(current);
                }
                catch (final IOException e)
                {
                    throw new SabotIoException("cannot delete: " + e.getMessage(), current.toString(), e);
                }
                return new byte[0];
            }
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void finish()
        {
            csv.finish();
            if (csv.hasRows())
            {
                finished.add(csv.file());
            }
        }

        @Override
        public void close()
        {
            csv.close();
        }
    }
}
