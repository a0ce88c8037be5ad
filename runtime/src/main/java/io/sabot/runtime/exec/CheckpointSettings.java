package io.sabot.runtime.exec;

import io.sabot.runtime.checkpoint.CheckpointMetadata;
import io.sabot.runtime.checkpoint.CheckpointStorage;

import java.nio.file.Path;
import java.util.concurrent.Executor;

/**
 * How one attempt of a job takes checkpoints and what it restores.
 *
 * @param storage        where periodic checkpoints go (null: the job takes only savepoints).
 * @param io             the thread that writes snapshots and commits sinks (never a worker).
 * @param restoreFrom    the checkpoint or savepoint directory to restore, or null to start fresh.
 * @param restore        its metadata (null with {@code restoreFrom}).
 */
public record CheckpointSettings(CheckpointStorage storage, Executor io, Path restoreFrom,
                                 CheckpointMetadata restore)
{
    /**
     * @param storage the checkpoint storage, or null.
     * @param io      the I/O thread.
     * @return settings for a fresh start.
     */
    public static CheckpointSettings fresh(final CheckpointStorage storage, final Executor io)
    {
        return new CheckpointSettings(storage, io, null, null);
    }

    /**
     * @param checkpoint a completed checkpoint or savepoint directory.
     * @return these settings restoring it.
     */
    public CheckpointSettings restoring(final Path checkpoint)
    {
        return new CheckpointSettings(storage, io, checkpoint, CheckpointStorage.read(checkpoint));
    }
}
