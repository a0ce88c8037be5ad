package io.sabot.runtime.api;

import java.util.concurrent.CompletableFuture;

import io.sabot.runtime.exec.JobExecution;
import io.sabot.runtime.exec.JobResult;
import io.sabot.runtime.plan.PhysicalPlan;

/**
 * A job started by {@link StreamEnvironment#executeAsync}: progress, waiting, graceful stop and cancellation.
 * Thread-safe.
 */
public final class RunningJob
{
    private final JobExecution execution;
    private final CompletableFuture<JobResult> future;
    private final PhysicalPlan plan;

    RunningJob(final JobExecution execution, final CompletableFuture<JobResult> future, final PhysicalPlan plan)
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

    /** Cancels the job; its memory is released and sinks abort. */
    public void cancel()
    {
        execution.cancel();
    }
}
