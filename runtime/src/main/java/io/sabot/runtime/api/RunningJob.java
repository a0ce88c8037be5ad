package io.sabot.runtime.api;

import java.util.concurrent.CompletableFuture;

import io.sabot.runtime.exec.JobSupervisor;
import io.sabot.runtime.exec.JobResult;
import io.sabot.runtime.plan.PhysicalPlan;

/**
 * A job started by {@link StreamEnvironment#executeAsync}: progress, waiting, graceful stop and cancellation.
 * Thread-safe.
 */
public final class RunningJob
{
    private final JobSupervisor execution;
    private final CompletableFuture<JobResult> future;
    private final PhysicalPlan plan;

    RunningJob(final JobSupervisor execution, final CompletableFuture<JobResult> future, final PhysicalPlan plan)
    {
        this.execution = execution;
        this.future = future;
        this.plan = plan;
    }

    /** @return the job's name. */
    public String name()
    {
        return execution.name();
    }

    /** @return rows read by the sources so far. */
    public long rowsRead()
    {
        return execution.rowsRead();
    }

    /** @return rows that reached the sinks so far. */
    public long rowsWritten()
    {
        return execution.rowsWritten();
    }

    /** @return the plan the job runs. */
    public PhysicalPlan plan()
    {
        return plan;
    }

    /** @return completes with the result or the first failure. */
    public CompletableFuture<JobResult> future()
    {
        return future;
    }

    /** @return whether the job ended (in any way). */
    public boolean isDone()
    {
        return future.isDone();
    }

    /**
     * Waits for the job.
     *
     * @return its result.
     * @throws RuntimeException the job's first failure, unwrapped (a {@code SabotException} subtype for bad input),
     *                          or a {@code CancellationException}.
     */
    public JobResult await()
    {
        try
        {
            return future.join();
        }
        catch (final RuntimeException e)
        {
            throw StreamEnvironment.unwrap(e);
        }
    }

    /** Ends unbounded sources gracefully: operators flush and sinks commit. */
    public void stop()
    {
        execution.stop();
    }

    /**
     * Takes a checkpoint now (the job must run with checkpointing).
     *
     * @return completes with the checkpoint's directory once written and committed; fails when declined.
     */
    public CompletableFuture<java.nio.file.Path> triggerCheckpoint()
    {
        return execution.triggerCheckpoint();
    }

    /**
     * Takes a savepoint: a self-contained snapshot restorable with {@code StreamEnvironment.executeAsync(name,
     * directory)}, also with another parallelism. The job must run with checkpointing.
     *
     * @param directory an empty or missing directory.
     * @return completes with the directory; fails when declined.
     */
    public CompletableFuture<java.nio.file.Path> triggerSavepoint(final java.nio.file.Path directory)
    {
        return execution.triggerSavepoint(directory);
    }

    /** @return how many times the job restarted from a checkpoint after a failure. */
    public int restarts()
    {
        return execution.restarts();
    }

    /** @return per restart, nanoseconds from the failure until the restored attempt was running. */
    public java.util.List<Long> recoveryNanos()
    {
        return execution.recoveryNanos();
    }

    /** @return the last completed checkpoint's directory, or null. */
    public java.nio.file.Path lastCheckpoint()
    {
        return execution.lastCheckpoint();
    }

    /** Cancels the job; its memory is released and sinks abort. */
    public void cancel()
    {
        execution.cancel();
    }
}
