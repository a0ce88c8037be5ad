package io.sabot.runtime.checkpoint;

import java.nio.file.Path;

/**
 * Where one operator instance writes its part of a checkpoint.
 *
 * <p>{@link #directory()} is private to this instance and this checkpoint. {@link #sharedDirectory()} holds files
 * that several checkpoints reference (incremental snapshots): a snapshot that uses a shared file must
 * {@link #reference} it, and the storage deletes shared files that no retained checkpoint references. Shared files
 * are immutable once written; write them under a temporary name and move them into place.
 */
public interface SnapshotTarget
{
    /** @return this instance's directory in the checkpoint (exists, empty). */
    Path directory();

    /** @return the directory of files shared between checkpoints (exists). */
    Path sharedDirectory();

    /**
     * Records that this checkpoint uses {@code fileName} in {@link #sharedDirectory()}.
     *
     * @param fileName a file name (no directory part).
     */
    void reference(String fileName);
}
