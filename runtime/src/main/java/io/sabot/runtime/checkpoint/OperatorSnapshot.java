package io.sabot.runtime.checkpoint;

import java.io.IOException;

/**
 * The state an operator instance captured at a barrier, written out later on the checkpoint's I/O thread (the
 * asynchronous part of the snapshot), while the operator goes on processing.
 *
 * <p>Ownership: the snapshot must not refer to anything the operator keeps mutating (copy at capture time, or
 * reference immutable data such as RocksDB checkpoint files). {@link #writeTo} is called at most once, then
 * {@link #discard} exactly once (also when the checkpoint is aborted before writing).
 */
public interface OperatorSnapshot
{
    /** A snapshot of an operator that holds nothing right now. */
    OperatorSnapshot EMPTY = target -> { };

    /**
     * Writes the snapshot under {@link SnapshotTarget#directory()}.
     *
     * @param target where to write.
     * @throws IOException on a write failure (the checkpoint is declined; the job continues).
     */
    void writeTo(SnapshotTarget target) throws IOException;

    /** Releases what the snapshot holds (temporary files, buffers). Called once, after writing or instead of it. */
    default void discard()
    {
    }
}
