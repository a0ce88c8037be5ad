package io.sabot.runtime.operator;

import io.sabot.runtime.checkpoint.OperatorSnapshot;
import io.sabot.runtime.checkpoint.RestoreContext;

/**
 * An operator whose state survives failures: the executor snapshots it when it forwards a checkpoint barrier, and
 * restores it from the last completed checkpoint (or a savepoint, possibly written with another parallelism) after
 * {@link #open} and before any input.
 *
 * <p>Contract: {@link #snapshotState} is called on the driving thread right after the operator emitted the barrier
 * (so everything it emitted before the barrier is not in the snapshot, everything it still holds is); it must return
 * quickly (capture, do not write) and the returned snapshot must not refer to state the operator keeps changing.
 * Restoring a snapshot and replaying the input after the barrier must give the same output as an uninterrupted run.
 */
public interface CheckpointedOperator extends Operator
{
    /**
     * @param checkpointId the checkpoint.
     * @return the captured state; written later on the checkpoint's I/O thread.
     */
    OperatorSnapshot snapshotState(long checkpointId);

    /**
     * @param context the snapshot directories of every previous instance of this operator, and this instance's
     *                place.
     */
    void restoreState(RestoreContext context);
}
