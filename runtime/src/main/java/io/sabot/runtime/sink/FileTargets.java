package io.sabot.runtime.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import io.sabot.common.SabotIoException;

/**
 * The output files of a file sink: one file ({@code parallel == false}) or {@code part-NNNNN.<ext>} per instance in a
 * directory. Writers write to a hidden temporary name next to the target; {@link #commit()} renames them all (atomic
 * move where the file system allows), {@link #abort()} deletes them.
 *
 * <p>Thread-safety: thread-safe.
 */
final class FileTargets
{
    private final Path location;
    private final boolean single;
    private final String extension;
    private final List<Path[]> pending = new ArrayList<>();

    FileTargets(final Path location, final boolean single, final String extension)
    {
        this.location = location;
        this.single = single;
        this.extension = extension;
    }

    /**
     * @return the temporary file the instance writes (created empty).
     */
    synchronized Path open(final int instance)
    {
        if (single && !pending.isEmpty())
        {
            throw new IllegalStateException("the single-file sink " + location + " was opened twice (instance " +
                instance + "); it is not parallel");
        }
        final Path target = single ? location : location.resolve(String.format("part-%05d.%s", instance, extension));
        final Path dir = target.toAbsolutePath().getParent();
        try
        {
            Files.createDirectories(dir);
            final Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            pending.add(new Path[] {temp, target});
            return temp;
        }
        catch (final IOException e)
        {
            throw new SabotIoException("cannot create output file: " + e.getMessage(), target.toString(), e);
        }
    }

    synchronized List<Path> commit()
    {
        final List<Path> done = new ArrayList<>(pending.size());
        for (final Path[] p : pending)
        {
            try
            {
                try
                {
                    Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (final java.nio.file.AtomicMoveNotSupportedException e)
                {
                    Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
                }
                done.add(p[1]);
            }
            catch (final IOException e)
            {
                throw new SabotIoException("cannot rename " + p[0] + " on commit: " + e.getMessage(),
                    p[1].toString(), e);
            }
        }
        pending.clear();
        return done;
    }

    synchronized void abort()
    {
        for (final Path[] p : pending)
        {
            try
            {
                Files.deleteIfExists(p[0]);
            }
            catch (final IOException ignored)
            {
                // Best effort: abort runs after a failure and must not hide it.
            }
        }
        pending.clear();
    }

    Path location()
    {
        return location;
    }
}
