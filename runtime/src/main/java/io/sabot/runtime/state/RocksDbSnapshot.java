package io.sabot.runtime.state;

import io.sabot.common.StateException;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.SnapshotTarget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.zip.CRC32C;

/**
 * One RocksDB checkpoint (hard links to the database's files, taken at the barrier) waiting to be written, and the
 * file format of what it writes.
 *
 * <pre>
 *   shared/&lt;backend uuid&gt;-&lt;NNNNNN.sst&gt;     immutable SST files, hard-linked once, shared by checkpoints
 *   &lt;instance directory&gt;/
 *     MANIFEST-*, CURRENT, OPTIONS-*, ...    the small mutable files of this checkpoint, copied
 *     rocksdb-snapshot                       text: "sabot-rocksdb-snapshot 1", "keys long|composite", then
 *                                            "shared &lt;shared name&gt; &lt;file name&gt; &lt;size&gt; &lt;crc32c&gt;" and
 *                                            "file &lt;file name&gt; &lt;size&gt; &lt;crc32c&gt;" lines, last "crc &lt;crc32c of
 *                                            the lines before&gt;"
 * </pre>
 *
 * An SST file is named after the backend that wrote it plus its RocksDB name (numbers never repeat within one
 * database), so a later checkpoint of the same backend finds it already in the shared directory and only references
 * it: checkpoints are incremental. Every file's size and CRC32C are recorded, and a restore checks them first, so a
 * truncated or corrupt file fails with a {@link StateException} naming it instead of surfacing later as a RocksDB
 * read error.
 *
 * <p>Thread-safety: created on the operator's thread, then {@link #writeTo} and {@link #discard} run on the
 * checkpoint's I/O thread; the shared-file cache is a concurrent map owned by the backend.
 */
final class RocksDbSnapshot implements OperatorSnapshot
{
    /** The manifest's name in an instance's checkpoint directory. */
    static final String MANIFEST = "rocksdb-snapshot";
    private static final String HEADER = "sabot-rocksdb-snapshot 1";
    private static final int BUFFER = 1 << 20;

    /** Size and CRC32C of a file. */
    record FileInfo(long size, int crc)
    {
    }

    /** An SST file: its name in the database, its name in the shared directory, size and checksum. */
    record SharedFile(String fileName, String sharedName, FileInfo info)
    {
    }

    /** A private file of one checkpoint. */
    record PrivateFile(String fileName, FileInfo info)
    {
    }

    /** A parsed manifest. */
    record Manifest(Path path, boolean longKeys, List<SharedFile> shared, List<PrivateFile> files)
    {
    }

    private final Path checkpoint;
    private final boolean longKeys;
    /** SST file name -> shared name, decided at capture. */
    private final Map<String, String> sharedNames;
    private final List<String> privateFiles;
    /** Private files still growing in the database (the live WAL, the MANIFEST): bytes that belong to this state. */
    private final Map<String, Long> limits;
    private final ConcurrentMap<String, FileInfo> known;

    /**
     * @param checkpoint  the RocksDB checkpoint directory (owned: deleted by {@link #discard}).
     * @param longKeys    the backend's key kind, recorded for restores.
     * @param sharedNames per SST file of the checkpoint, its shared name.
     * @param privateFiles the other files of the checkpoint.
     * @param limits      per private file that is still appended to, how many of its bytes to copy.
     * @param known       shared files written (or restored) by the backend: shared name -> size and checksum.
     */
    RocksDbSnapshot(final Path checkpoint, final boolean longKeys, final Map<String, String> sharedNames,
        final List<String> privateFiles, final Map<String, Long> limits, final ConcurrentMap<String, FileInfo> known)
    {
        this.limits = limits;
        this.checkpoint = checkpoint;
        this.longKeys = longKeys;
        this.sharedNames = sharedNames;
        this.privateFiles = privateFiles;
        this.known = known;
    }

    @Override
    public void writeTo(final SnapshotTarget target) throws IOException
    {
        final StringBuilder manifest = new StringBuilder(HEADER).append('\n')
            .append("keys ").append(longKeys ? "long" : "composite").append('\n');
        final Path shared = target.sharedDirectory();
        for (final Map.Entry<String, String> e : sharedNames.entrySet())
        {
            final String sharedName = e.getValue();
            // referenced before the existence check, so storage cleanup cannot drop a file this checkpoint relies on
            target.reference(sharedName);
            final Path source = checkpoint.resolve(e.getKey());
            final Path destination = shared.resolve(sharedName);
            FileInfo info = known.get(sharedName);
            if (!Files.exists(destination))
            {
                final Path temporary = shared.resolve(sharedName + ".tmp-" + UUID.randomUUID());
                try
                {
                    info = linkOrCopy(source, temporary);
                    move(temporary, destination);
                }
                finally
                {
                    Files.deleteIfExists(temporary);
                }
            }
            else if (info == null)
            {
                info = checksum(destination);
            }
            if (info.size() != Files.size(source))
            {
                throw new IOException("shared checkpoint file " + destination + " has " + info.size() +
                    " bytes but the database's " + e.getKey() + " has " + Files.size(source));
            }
            known.put(sharedName, info);
            manifest.append("shared ").append(sharedName).append(' ').append(e.getKey()).append(' ')
                .append(info.size()).append(' ').append(info.crc()).append('\n');
        }
        for (final String name : privateFiles)
        {
            final FileInfo info = copy(checkpoint.resolve(name), target.directory().resolve(name),
                limits.getOrDefault(name, Long.MAX_VALUE));
            manifest.append("file ").append(name).append(' ').append(info.size()).append(' ').append(info.crc())
                .append('\n');
        }
        final byte[] body = manifest.toString().getBytes(StandardCharsets.UTF_8);
        final CRC32C crc = new CRC32C();
        crc.update(body);
        final byte[] tail = ("crc " + (int)crc.getValue() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(target.directory().resolve(MANIFEST), StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE))
        {
            writeFully(out, ByteBuffer.wrap(body));
            writeFully(out, ByteBuffer.wrap(tail));
            out.force(true);
        }
    }

    private static void move(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void discard()
    {
        deleteRecursively(checkpoint);
    }

    /** Deletes a directory tree; a leftover of scratch files is harmless, so failures are ignored. */
    static void deleteRecursively(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (var files = Files.walk(directory))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException | RuntimeException e)
        {
            // scratch space: nothing depends on its removal
        }
    }

    /**
     * Hard-links an immutable SST file into the shared directory (RocksDB never rewrites one, and the database already
     * synced it), so a checkpoint of a large state costs a checksum read instead of a copy; copies when the
     * checkpoint directory is on another file system.
     *
     * @return the file's size and CRC32C.
     */
    private static FileInfo linkOrCopy(final Path from, final Path to) throws IOException
    {
        try
        {
            Files.createLink(to, from);
        }
        catch (final IOException | UnsupportedOperationException e)
        {
            Files.deleteIfExists(to);
            return copy(from, to, Long.MAX_VALUE);
        }
        return checksum(to);
    }

    /**
     * Copies the first {@code limit} bytes of {@code from} (all of it for {@code Long.MAX_VALUE}) to a new file
     * {@code to}, forced to disk.
     *
     * @return the copy's size and CRC32C.
     * @throws IOException also when {@code from} is shorter than a finite limit.
     */
    static FileInfo copy(final Path from, final Path to, final long limit) throws IOException
    {
        final CRC32C crc = new CRC32C();
        long size = 0;
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (size < limit && in.read(buffer.clear().limit((int)Math.min(BUFFER, limit - size))) >= 0)
            {
                buffer.flip();
                size += buffer.remaining();
                crc.update(buffer.duplicate());
                writeFully(out, buffer);
            }
            out.force(true);
        }
        if (limit != Long.MAX_VALUE && size != limit)
        {
            throw new IOException(from + " has " + size + " bytes, the snapshot recorded " + limit);
        }
        return new FileInfo(size, (int)crc.getValue());
    }

    /** @return the file's size and CRC32C. */
    static FileInfo checksum(final Path file) throws IOException
    {
        final CRC32C crc = new CRC32C();
        long size = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (in.read(buffer.clear()) >= 0)
            {
                size += buffer.flip().remaining();
                crc.update(buffer);
            }
        }
        return new FileInfo(size, (int)crc.getValue());
    }

    private static void writeFully(final FileChannel out, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            out.write(buffer);
        }
    }

    /**
     * @param directory an instance's checkpoint directory.
     * @return its manifest.
     * @throws StateException naming the manifest when it is missing, truncated or corrupt.
     */
    static Manifest read(final Path directory)
    {
        final Path path = directory.resolve(MANIFEST);
        if (!Files.isRegularFile(path))
        {
            throw new StateException("RocksDB state snapshot manifest " + path + " is missing (was the checkpoint " +
                "written by another state backend?)", null);
        }
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(path);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read RocksDB state snapshot manifest " + path + ": " + e, e);
        }
        final String text = new String(bytes, StandardCharsets.UTF_8);
        final int crcLine = text.lastIndexOf("crc ");
        final CRC32C crc = new CRC32C();
        if (crcLine >= 0)
        {
            crc.update(bytes, 0, text.substring(0, crcLine).getBytes(StandardCharsets.UTF_8).length);
        }
        if (crcLine < 0 || !text.endsWith("\n") || !text.startsWith(HEADER + "\n") ||
            !text.substring(crcLine + 4, text.length() - 1).equals(Integer.toString((int)crc.getValue())))
        {
            throw new StateException("RocksDB state snapshot manifest " + path + " is corrupt or truncated", null);
        }
        Boolean longKeys = null;
        final List<SharedFile> shared = new ArrayList<>();
        final List<PrivateFile> files = new ArrayList<>();
        try
        {
            for (final String line : text.substring(HEADER.length() + 1, crcLine).split("\n"))
            {
                final String[] f = line.split(" ");
                switch (f[0])
                {
                    case "keys" -> longKeys = f[1].equals("long");
                    case "shared" -> shared.add(new SharedFile(fileName(f[2]), fileName(f[1]),
                        new FileInfo(Long.parseLong(f[3]), Integer.parseInt(f[4]))));
                    case "file" -> files.add(new PrivateFile(fileName(f[1]),
                        new FileInfo(Long.parseLong(f[2]), Integer.parseInt(f[3]))));
                    default -> throw new IllegalArgumentException("unknown line '" + line + "'");
                }
            }
        }
        catch (final RuntimeException e)
        {
            throw new StateException("RocksDB state snapshot manifest " + path + " is corrupt: " + e, e);
        }
        if (longKeys == null)
        {
            throw new StateException("RocksDB state snapshot manifest " + path + " lacks its key kind", null);
        }
        return new Manifest(path, longKeys, shared, files);
    }

    private static String fileName(final String name)
    {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals(".."))
        {
            throw new IllegalArgumentException("bad file name '" + name + "'");
        }
        return name;
    }

    /**
     * Rebuilds a database directory from a checkpoint: every file is checked against the manifest, then SST files
     * are hard-linked from the shared directory (copied when linking fails, e.g. across file systems) and the
     * private files copied.
     *
     * @param manifest  the checkpoint's manifest.
     * @param shared    the shared directory.
     * @param into      an existing empty directory.
     * @throws StateException naming the file that is missing, truncated or corrupt.
     */
    static void materialize(final Manifest manifest, final Path shared, final Path into)
    {
        final Path directory = manifest.path().getParent();
        for (final SharedFile f : manifest.shared())
        {
            final Path source = shared.resolve(f.sharedName());
            verify(source, f.info());
            final Path target = into.resolve(f.fileName());
            try
            {
                try
                {
                    Files.createLink(target, source);
                }
                catch (final IOException | UnsupportedOperationException e)
                {
                    Files.copy(source, target);
                }
            }
            catch (final IOException e)
            {
                throw new StateException("cannot restore checkpoint file " + source + " into " + into + ": " + e, e);
            }
        }
        for (final PrivateFile f : manifest.files())
        {
            final Path source = directory.resolve(f.fileName());
            verify(source, f.info());
            try
            {
                Files.copy(source, into.resolve(f.fileName()));
            }
            catch (final IOException e)
            {
                throw new StateException("cannot restore checkpoint file " + source + " into " + into + ": " + e, e);
            }
        }
    }

    private static void verify(final Path file, final FileInfo expected)
    {
        final FileInfo actual;
        try
        {
            if (!Files.isRegularFile(file))
            {
                throw new StateException("checkpoint file " + file + " is missing", null);
            }
            actual = checksum(file);
        }
        catch (final IOException e)
        {
            throw new StateException("cannot read checkpoint file " + file + ": " + e, e);
        }
        if (actual.size() != expected.size())
        {
            throw new StateException("checkpoint file " + file + " is truncated or corrupt: " + actual.size() +
                " bytes, the manifest says " + expected.size(), null);
        }
        if (actual.crc() != expected.crc())
        {
            throw new StateException("checkpoint file " + file + " is corrupt (CRC32C mismatch)", null);
        }
    }
}
