package io.sabot.runtime.checkpoint;

import java.nio.file.Path;
import java.util.List;

/**
 * What an operator instance restores from: the directories every instance of the same operator wrote into the
 * checkpoint (or savepoint) being restored, and which part of the key space this instance now owns.
 *
 * <p>When the parallelism is unchanged, {@link #directories()} has one entry per previous instance and instance
 * {@code i} normally reads only {@code directories().get(i)}; when it changed ({@link #rescaled()}), keyed operators
 * read every directory and keep the keys that {@link KeyOwnership} assigns to {@link #instance()}.
 */
public interface RestoreContext
{
    /** @return this instance's index. */
    int instance();

    /** @return the number of instances now. */
    int parallelism();

    /** @return the number of instances that wrote the snapshot. */
    int previousParallelism();

    /** @return whether the parallelism changed. */
    default boolean rescaled()
    {
        return parallelism() != previousParallelism();
    }

    /** @return per previous instance, its snapshot directory (index = previous instance). */
    List<Path> directories();

    /** @return the checkpoint storage's shared files (read-only: copy what you need). */
    Path sharedDirectory();

    /** @return the checkpoint id being restored. */
    long checkpointId();
}
