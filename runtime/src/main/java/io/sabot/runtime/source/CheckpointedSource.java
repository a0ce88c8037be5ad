package io.sabot.runtime.source;

import org.apache.arrow.memory.BufferAllocator;

/**
 * A source that can resume where a checkpoint left it: its splits and its readers' positions are bytes in the
 * checkpoint. Restoring reads the recorded splits (not {@link #splits} again), so a savepoint restores into any
 * parallelism: splits are not tied to instances.
 *
 * <p>Replay must be deterministic: reading a split from a recorded position must give the same rows the original
 * reader gave after that position (generators, files, Kafka partitions do; a socket would not).
 */
public interface CheckpointedSource extends Source
{
    /**
     * @param split one of this source's splits.
     * @return its encoding, for {@link #decodeSplit}.
     */
    byte[] encodeSplit(SourceSplit split);

    /**
     * @param bytes an encoding from {@link #encodeSplit} (of this source or an equal one).
     * @return the split.
     * @throws io.sabot.common.StateException when the bytes are not a split of this source.
     */
    SourceSplit decodeSplit(byte[] bytes);

    /**
     * @param split     a split.
     * @param allocator where batches are allocated.
     * @param position  a {@link PositionedReader#position()} of a reader over the same split, or {@code null} for the
     *                  split's start.
     * @return a reader that continues right after that position.
     */
    PositionedReader open(SourceSplit split, BufferAllocator allocator, byte[] position);

    @Override
    default SourceReader open(final SourceSplit split, final BufferAllocator allocator)
    {
        return open(split, allocator, null);
    }
}
