package io.sabot.runtime.checkpoint;

import io.sabot.common.StateException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A local directory of checkpoints (layout in {@link io.sabot.runtime.checkpoint the package doc}). A checkpoint is
 * written into {@code chk-<id>.inprogress}, then its {@code _metadata} is written and the directory renamed to
 * {@code chk-<id>}: a directory with {@code _metadata} is complete, anything else is garbage from a crash and is
 * deleted. After each completion only the newest {@code retained} checkpoints are kept, and shared files no kept
 * checkpoint references are deleted.
 *
 * <p>Thread-safety: one checkpoint is written at a time (the coordinator's I/O thread); {@link #latest()} and
 * {@link #read} from any thread.
 */
public final class CheckpointStorage
{
    static final String METADATA = "_metadata";
    static final String SHARED_REFS = "_shared";
    private static final String PREFIX = "chk-";
    private static final String IN_PROGRESS = ".inprogress";

    private final Path root;
    private final int retained;

    /**
     * @param root     the checkpoint directory (created if missing).
     * @param retained how many completed checkpoints to keep, at least 1.
     */
    public CheckpointStorage(final Path root, final int retained)
    {
        if (retained < 1)
        {
            throw new IllegalArgumentException("retained checkpoints must be at least 1, got " + retained);
        }
        this.root = root;
        this.retained = retained;
        try
        {
            Files.createDirectories(root.resolve("shared"));
        }
        catch (final IOException e)
        {
            throw new StateException("cannot create checkpoint directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** @return the checkpoint directory. */
    public Path root()
    {
        return root;
    }

    /**
     * Starts writing checkpoint {@code id}: removes leftovers of interrupted checkpoints first.
     *
     * @param id the checkpoint id.
     * @return the checkpoint being written.
     */
    public Writing begin(final long id)
    {
        deleteInterrupted();
        final Path directory = root.resolve(name(id) + IN_PROGRESS);
        return Writing.create(directory, root.resolve("shared"), id, this);
    }

    /**
     * Starts writing a savepoint: self-contained (its own shared directory), into {@code directory}, which must not
     * exist or be empty.
     *
     * @param directory where.
     * @param id        the checkpoint id it carries.
     * @return the savepoint being written.
     */
    public static Writing beginSavepoint(final Path directory, final long id)
    {
        try
        {
            if (Files.isDirectory(directory))
            {
                try (Stream<Path> entries = Files.list(directory))
                {
                    if (entries.findAny().isPresent())
                    {
                        throw new StateException("savepoint directory " + directory + " is not empty");
                    }
                }
            }
            Files.createDirectories(directory.resolve("shared"));
        }
        catch (final IOException e)
        {
            throw new StateException("cannot create savepoint directory " + directory + ": " + e.getMessage(), e);
        }
        return Writing.create(directory, directory.resolve("shared"), id, null);
    }

    /** @return the newest complete checkpoint's directory, if any. */
    public Optional<Path> latest()
    {
        return completed().stream().max(Comparator.comparingLong(CheckpointStorage::idOf));
    }

    /**
     * @param checkpoint a complete checkpoint or savepoint directory.
     * @return its metadata.
     * @throws StateException when it is missing or corrupt.
     */
    public static CheckpointMetadata read(final Path checkpoint)
    {
        final Path file = checkpoint.resolve(METADATA);
        if (!Files.isRegularFile(file))
        {
            throw new StateException(checkpoint + " is not a completed checkpoint or savepoint (no " + METADATA + ")");
        }
        try
        {
            return CheckpointMetadata.decode(Files.readAllBytes(file), file.toString());
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param checkpoint a complete checkpoint or savepoint directory.
     * @param metadata   its metadata.
     * @return where its shared files are.
     */
    public static Path sharedDirectory(final Path checkpoint, final CheckpointMetadata metadata)
    {
        return metadata.savepoint() ? checkpoint.resolve("shared") : checkpoint.getParent().resolve("shared");
    }

    /**
     * @param stage    stage id.
     * @param operator operator index in the stage's chain.
     * @param instance instance index.
     * @return the operator instance's directory name inside a checkpoint.
     */
    public static String operatorDirectory(final int stage, final int operator, final int instance)
    {
        return "s" + stage + "-o" + operator + "-i" + instance;
    }

    private List<Path> completed()
    {
        final List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*"))
        {
            for (final Path entry : entries)
            {
                final String file = entry.getFileName().toString();
                if (!file.endsWith(IN_PROGRESS) && Files.isRegularFile(entry.resolve(METADATA)))
                {
                    out.add(entry);
                }
            }
        }
        catch (final IOException e)
        {
            throw new StateException("cannot list checkpoint directory " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void deleteInterrupted()
    {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*" + IN_PROGRESS))
        {
            for (final Path entry : entries)
            {
                deleteRecursively(entry);
            }
        }
        catch (final IOException e)
        {
            throw new StateException("cannot clean checkpoint directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** After a completion: keep the newest {@code retained}, delete shared files none of them references. */
    private void retain()
    {
        final List<Path> all = completed();
        all.sort(Comparator.comparingLong(CheckpointStorage::idOf));
        for (int i = 0; i < all.size() - retained; i++)
        {
            deleteRecursively(all.get(i));
        }
        final Set<String> referenced = new HashSet<>();
        for (final Path kept : all.subList(Math.max(0, all.size() - retained), all.size()))
        {
            final Path refs = kept.resolve(SHARED_REFS);
            try
            {
                if (Files.isRegularFile(refs))
                {
                    referenced.addAll(Files.readAllLines(refs));
                }
            }
            catch (final IOException e)
            {
                // keep every shared file rather than delete one a kept checkpoint may need
                return;
            }
        }
        try (DirectoryStream<Path> shared = Files.newDirectoryStream(root.resolve("shared")))
        {
            for (final Path file : shared)
            {
                if (!referenced.contains(file.getFileName().toString()))
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (final IOException e)
        {
            throw new StateException("cannot clean shared checkpoint files in " + root + ": " + e.getMessage(), e);
        }
    }

    private static long idOf(final Path checkpoint)
    {
        return Long.parseLong(checkpoint.getFileName().toString().substring(PREFIX.length()));
    }

    private static String name(final long id)
    {
        return PREFIX + String.format("%06d", id);
    }

    static void deleteRecursively(final Path path)
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException | UncheckedIOException e)
        {
            throw new StateException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A checkpoint or savepoint being written: hands out the operator instances' targets, then completes (metadata
     * last, atomically) or aborts (everything deleted). Targets may be used from the I/O thread only.
     */
    public static final class Writing
    {
        private final Path directory;
        private final Path shared;
        private final long id;
        private final CheckpointStorage storage;
        private final Set<String> references = ConcurrentHashMap.newKeySet();

        private Writing(final Path directory, final Path shared, final long id, final CheckpointStorage storage)
        {
            this.directory = directory;
            this.shared = shared;
            this.id = id;
            this.storage = storage;
        }

        static Writing create(final Path directory, final Path shared, final long id, final CheckpointStorage storage)
        {
            try
            {
                Files.createDirectories(directory);
            }
            catch (final IOException e)
            {
                throw new StateException("cannot create " + directory + ": " + e.getMessage(), e);
            }
            return new Writing(directory, shared, id, storage);
        }

        /** @return the checkpoint id. */
        public long id()
        {
            return id;
        }

        /**
         * @param stage    stage id.
         * @param operator operator index.
         * @param instance instance index.
         * @return a fresh, empty directory for that operator instance.
         */
        public SnapshotTarget target(final int stage, final int operator, final int instance)
        {
            final Path dir = directory.resolve(operatorDirectory(stage, operator, instance));
            try
            {
                Files.createDirectories(dir);
            }
            catch (final IOException e)
            {
                throw new StateException("cannot create " + dir + ": " + e.getMessage(), e);
            }
            return new SnapshotTarget()
            {
                @Override
                public Path directory()
                {
                    return dir;
                }

                @Override
                public Path sharedDirectory()
                {
                    return shared;
                }

                @Override
                public void reference(final String fileName)
                {
                    references.add(fileName);
                }
            };
        }

        /**
         * Writes the metadata last and makes the checkpoint visible.
         *
         * @param metadata the metadata.
         * @return the completed checkpoint's directory.
         */
        public Path complete(final CheckpointMetadata metadata)
        {
            try
            {
                Files.write(directory.resolve(SHARED_REFS), references.stream().sorted().toList());
                final Path temp = directory.resolve(METADATA + ".tmp");
                Files.write(temp, metadata.encode());
                move(temp, directory.resolve(METADATA));
                if (storage == null)
                {
                    return directory;
                }
                final String file = directory.getFileName().toString();
                final Path done = directory.resolveSibling(file.substring(0, file.length() - IN_PROGRESS.length()));
                move(directory, done);
                storage.retain();
                return done;
            }
            catch (final IOException e)
            {
                throw new StateException("cannot complete checkpoint " + id + " in " + directory + ": " +
                    e.getMessage(), e);
            }
        }

        /** Deletes everything written so far. */
        public void abort()
        {
            deleteRecursively(directory);
        }

        private static void move(final Path from, final Path to) throws IOException
        {
            try
            {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (final AtomicMoveNotSupportedException e)
            {
                Files.move(from, to);
            }
        }
    }
}
