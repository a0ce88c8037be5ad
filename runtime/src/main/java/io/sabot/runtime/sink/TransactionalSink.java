package io.sabot.runtime.sink;

import java.util.List;

/**
 * A sink whose output becomes visible only with completed checkpoints, so a job restarted from its last checkpoint
 * writes every row exactly once (two-phase commit):
 *
 * <pre>
 *   barrier n reaches writer i  -&gt; handle = writer.preCommit(n)    rows since barrier n-1, durable but invisible
 *   checkpoint n completes      -&gt; commit(n, handles of n)          visible (idempotent)
 *   restore from checkpoint n   -&gt; recover(handles of n)            commit them if not yet, drop everything newer
 *   end of bounded input        -&gt; finish(), then preCommit + commit of the last rows
 * </pre>
 *
 * <p>Thread-safety: {@link #commit} and {@link #recover} are called from the checkpoint coordinator's thread, never
 * concurrently with each other; writers as in {@link Sink}.
 */
public interface TransactionalSink extends Sink
{
    @Override
    TransactionalWriter open(int instance, int parallelism, org.apache.arrow.memory.BufferAllocator allocator);

    /**
     * Makes the transactions of a completed checkpoint visible. Must be idempotent: after a crash it may be called
     * again (through {@link #recover}) for the same handles.
     *
     * @param checkpointId the checkpoint.
     * @param handles      what each writer returned from {@link TransactionalWriter#preCommit} for this checkpoint,
     *                     and for earlier ones that never completed (declined, or their write failed): those commit
     *                     with the next checkpoint, or with the job's end, and may come in any order.
     */
    void commit(long checkpointId, List<byte[]> handles);

    /**
     * Called once before a restored job writes: commits the handles of the restored checkpoint (they may not have
     * been committed before the failure) and removes every transaction that is not committed.
     *
     * @param checkpointId the restored checkpoint, or -1 when the job starts from scratch.
     * @param handles      the restored checkpoint's handles, including earlier checkpoints' it committed (empty when
     *                     starting from scratch).
     */
    void recover(long checkpointId, List<byte[]> handles);

    /** A writer whose rows stay invisible until their transaction commits. */
    interface TransactionalWriter extends SinkWriter
    {
        /**
         * Ends the current transaction durably (flush, close its file) and starts the next.
         *
         * @param checkpointId the checkpoint the transaction belongs to.
         * @return the transaction's handle for {@link #commit}; may describe an empty transaction.
         */
        byte[] preCommit(long checkpointId);
    }
}
