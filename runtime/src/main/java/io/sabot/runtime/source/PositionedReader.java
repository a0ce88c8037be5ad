package io.sabot.runtime.source;

/**
 * A reader that can say where it is: {@link #position()} identifies the point right after the last batch
 * {@link #poll()} returned, so a reader opened there ({@link CheckpointedSource#open(SourceSplit,
 * org.apache.arrow.memory.BufferAllocator, byte[])}) returns exactly the batches this one would return next.
 */
public interface PositionedReader extends SourceReader
{
    /** @return the position after the last batch returned; never null. */
    byte[] position();
}
