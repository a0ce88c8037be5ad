package io.sabot.runtime.exec;

import io.sabot.runtime.checkpoint.CheckpointMetadata;
import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.sink.TransactionalSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One checkpoint (or savepoint) on its way through a job: what the barrier collected so far (operator snapshots,
 * split positions, sink handles) and how many chain instances it has still to pass. The last chain instance to pass
 * hands it to the job for writing.
 *
 * <p>Thread-safety: filled by any worker (concurrent collections, synchronized maps), completed once.
 */
final class PendingCheckpoint
{
    final CheckpointBarrier barrier;
    /** The savepoint's directory, or null for a checkpoint. */
    final Path savepoint;
    final CompletableFuture<Path> completion = new CompletableFuture<>();
    final ConcurrentLinkedQueue<Captured> snapshots = new ConcurrentLinkedQueue<>();
    private final AtomicInteger remaining;
    private final Map<Integer, List<CheckpointMetadata.SplitState>> splits = new HashMap<>();
    private final Map<TransactionalSink, byte[][]> handles = new HashMap<>();
    private String declined;
    private boolean writing;

    PendingCheckpoint(final CheckpointBarrier barrier, final Path savepoint, final int chainInstances)
    {
        this.barrier = barrier;
        this.savepoint = savepoint;
        this.remaining = new AtomicInteger(chainInstances);
    }

    long id()
    {
        return barrier.id();
    }

    /** An operator instance's captured state. */
    record Captured(int stage, int operator, int instance, OperatorSnapshot snapshot)
    {
    }

    void snapshot(final int stage, final int operator, final int instance, final OperatorSnapshot snapshot)
    {
        snapshots.add(new Captured(stage, operator, instance, snapshot));
        if (isDeclined())
        {
            discardAll();
        }
    }

    synchronized void splits(final int stage, final List<CheckpointMetadata.SplitState> states)
    {
        splits.put(stage, List.copyOf(states));
    }

    synchronized List<CheckpointMetadata.SplitState> splits(final int stage)
    {
        return splits.get(stage);
    }

    synchronized void handle(final TransactionalSink sink, final int instance, final int parallelism,
        final byte[] handle)
    {
        handles.computeIfAbsent(sink, s -> new byte[parallelism][])[instance] = handle;
    }

    synchronized List<byte[]> handles(final TransactionalSink sink)
    {
        final byte[][] all = handles.get(sink);
        final List<byte[]> out = new ArrayList<>();
        if (all != null)
        {
            for (final byte[] h : all)
            {
                if (h != null)
                {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /** @return true when this was the last chain instance. */
    boolean passed()
    {
        return remaining.decrementAndGet() == 0;
    }

    synchronized boolean isDeclined()
    {
        return declined != null;
    }

    /** @return false when already declined; afterwards {@link #decline} only acts for write failures. */
    synchronized boolean startWriting()
    {
        if (declined != null)
        {
            return false;
        }
        writing = true;
        return true;
    }

    /**
     * Gives up on this checkpoint (the job goes on, or ended): releases every snapshot captured so far. Ignored once
     * every instance passed the barrier (the snapshot is then complete and being written), unless the writing
     * itself failed.
     */
    void decline(final String reason)
    {
        decline(reason, false);
    }

    /** The writer gave up (an I/O failure). */
    void writeFailed(final String reason)
    {
        decline(reason, true);
    }

    private void decline(final String reason, final boolean writeFailure)
    {
        synchronized (this)
        {
            if (declined != null || writing && !writeFailure)
            {
                return;
            }
            declined = reason;
        }
        discardAll();
        completion.completeExceptionally(new io.sabot.common.StateException("checkpoint " + id() +
            " declined: " + reason));
    }

    void discardAll()
    {
        Captured c;
        while ((c = snapshots.poll()) != null)
        {
            try
            {
                c.snapshot().discard();
            }
            catch (final RuntimeException ignored)
            {
                // discarding is best effort: the checkpoint is gone either way
            }
        }
    }
}
