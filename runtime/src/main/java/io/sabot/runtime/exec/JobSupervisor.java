package io.sabot.runtime.exec;

import io.sabot.common.StateException;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.runtime.checkpoint.CheckpointStorage;
import io.sabot.runtime.plan.PhysicalPlan;
import io.sabot.sched.MorselScheduler;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs a job through its attempts: the first (fresh, or restored from a savepoint), then, after a failure and while
 * restart attempts remain, a new attempt restored from the last completed checkpoint (or from the start when there
 * is none). Triggers periodic checkpoints and user savepoints on its own thread, which also writes them, so no
 * worker ever waits on a disk.
 *
 * <pre>
 *   attempt 1 --fails--&gt; latest chk-N --&gt; attempt 2 (sources at chk-N positions, operators restored,
 *                                                    sinks recover: chk-N committed, newer output dropped) ...
 * </pre>
 *
 * <p>Checkpoint ids grow across attempts. Thread-safety: every public method from any thread.
 */
public final class JobSupervisor
{
    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);

    private final String name;
    private final PhysicalPlan plan;
    private final MorselScheduler scheduler;
    private final Function<String, BufferAllocator> allocators;
    private final ExpressionCompiler compiler;
    private final int morselRows;
    private final CheckpointStorage storage;
    private final Duration interval;
    private final int restartAttempts;
    private final Path initialRestore;
    private final ScheduledExecutorService thread;
    private final ProcessingTimeService.Factory timeServices;
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private final AtomicLong nextCheckpointId = new AtomicLong(1);
    private final List<Long> recoveryNanos = new CopyOnWriteArrayList<>();
    private volatile JobExecution current;
    private volatile boolean stopped;
    private volatile boolean cancelled;
    private volatile int restarts;
    private volatile long rowsReadBefore;
    private volatile long rowsWrittenBefore;
    private volatile Path lastCheckpoint;
    private ScheduledFuture<?> periodic;
    private long startNanos;

    /**
     * @param name            the job's name.
     * @param plan            the physical plan (instantiated afresh per attempt).
     * @param scheduler       the scheduler.
     * @param allocators      a new job allocator per attempt, by attempt name (each attempt closes its own).
     * @param compiler        the expression compiler.
     * @param morselRows      the largest morsel.
     * @param storage         where periodic checkpoints go, or null (then no checkpoints, savepoints only when
     *                        {@code checkpointing} is true).
     * @param interval        the checkpoint interval, or null for none (savepoints and manual checkpoints only).
     * @param restartAttempts how many times a failed attempt is restarted.
     * @param restoreFrom     a checkpoint or savepoint to start from, or null.
     * @param checkpointing   whether the job's operators must be checkpointable (true when any of storage,
     *                        restoreFrom or savepoints is wanted).
     */
    public JobSupervisor(final String name, final PhysicalPlan plan, final MorselScheduler scheduler,
                         final Function<String, BufferAllocator> allocators, final ExpressionCompiler compiler,
                         final int morselRows, final CheckpointStorage storage, final Duration interval,
                         final int restartAttempts, final Path restoreFrom, final boolean checkpointing)
    {
        this(name, plan, scheduler, allocators, compiler, morselRows, storage, interval, restartAttempts, restoreFrom,
            checkpointing, ProcessingTimeService.system());
    }

    /**
     * As the constructor above, with the processing time of every attempt from {@code timeServices}.
     *
     * @param name            the job's name.
     * @param plan            the physical plan.
     * @param scheduler       the scheduler.
     * @param allocators      a new job allocator per attempt.
     * @param compiler        the expression compiler.
     * @param morselRows      the largest morsel.
     * @param storage         where periodic checkpoints go, or null.
     * @param interval        the checkpoint interval, or null.
     * @param restartAttempts how many times a failed attempt is restarted.
     * @param restoreFrom     a checkpoint or savepoint to start from, or null.
     * @param checkpointing   whether the job's operators must be checkpointable.
     * @param timeServices    creates each attempt's processing-time service.
     */
    public JobSupervisor(final String name, final PhysicalPlan plan, final MorselScheduler scheduler,
                         final Function<String, BufferAllocator> allocators, final ExpressionCompiler compiler,
                         final int morselRows, final CheckpointStorage storage, final Duration interval,
                         final int restartAttempts, final Path restoreFrom, final boolean checkpointing,
                         final ProcessingTimeService.Factory timeServices)
    {
        this.timeServices = timeServices;
        this.name = name;
        this.plan = plan;
        this.scheduler = scheduler;
        this.allocators = allocators;
        this.compiler = compiler;
        this.morselRows = morselRows;
        this.storage = storage;
        this.interval = interval;
        this.restartAttempts = restartAttempts;
        this.initialRestore = restoreFrom;
        this.thread = checkpointing ? Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "sabot-checkpoint-" + name);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Starts the first attempt.
     *
     * @return completes with the last attempt's result (rows counted over all attempts), or its failure.
     */
    public CompletableFuture<JobResult> start()
    {
        startNanos = System.nanoTime();
        try
        {
            launch(initialRestore, 0);
        }
        catch (final RuntimeException e)
        {
            shutdownThread();
            throw e;
        }
        if (thread != null && interval != null)
        {
            final long millis = Math.max(1, interval.toMillis());
            periodic = thread.scheduleWithFixedDelay(this::periodicCheckpoint, millis, millis, TimeUnit.MILLISECONDS);
        }
        return result;
    }

    private void launch(final Path restore, final int attempt)
    {
        final String attemptName = attempt == 0 ? name : name + "-attempt" + (attempt + 1);
        CheckpointSettings settings = null;
        if (thread != null)
        {
            settings = CheckpointSettings.fresh(storage, thread);
            if (restore != null)
            {
                settings = settings.restoring(restore);
                nextCheckpointId.accumulateAndGet(settings.restore().id() + 1, Math::max);
            }
        }
        final JobExecution execution = new JobExecution(attemptName, plan, scheduler, allocators.apply(attemptName),
            compiler, morselRows, settings, timeServices);
        current = execution;
        if (stopped)
        {
            execution.stop();
        }
        execution.start().whenComplete((r, e) -> attemptEnded(execution, attempt, r, e));
    }

    private void attemptEnded(final JobExecution execution, final int attempt, final JobResult r, final Throwable e)
    {
        if (e == null)
        {
            finish();
            result.complete(new JobResult(name, rowsReadBefore + r.rowsRead(), rowsWrittenBefore + r.rowsWritten(),
                Duration.ofNanos(System.nanoTime() - startNanos)));
            return;
        }
        final Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cancelled || cause instanceof CancellationException || thread == null || attempt >= restartAttempts)
        {
            finish();
            result.completeExceptionally(cause);
            return;
        }
        rowsReadBefore += execution.rowsRead();
        rowsWrittenBefore += execution.rowsWritten();
        final long failedAt = System.nanoTime();
        LOG.warn("job {}: attempt {} failed, restarting from {}", name, attempt + 1,
            storage == null ? "the start" : storage.latest().map(Path::toString).orElse("the start"), cause);
        thread.execute(() ->
        {
            try
            {
                restarts = attempt + 1;
                final Path latest = storage == null ? null : storage.latest().orElse(null);
                launch(latest != null ? latest : initialRestore, attempt + 1);
                recoveryNanos.add(System.nanoTime() - failedAt);
            }
            catch (final RuntimeException restartFailure)
            {
                restartFailure.addSuppressed(cause);
                finish();
                result.completeExceptionally(restartFailure);
            }
        });
    }

    private void periodicCheckpoint()
    {
        final JobExecution execution = current;
        if (execution == null || result.isDone())
        {
            return;
        }
        execution.triggerCheckpoint(nextCheckpointId.getAndIncrement(), null).whenComplete((path, error) ->
        {
            if (error == null)
            {
                lastCheckpoint = path;
            }
            else
            {
                LOG.debug("job {}: {}", name, error.getMessage());
            }
        });
    }

    /**
     * Takes a checkpoint now (into the checkpoint storage).
     *
     * @return completes with its directory, or fails when declined.
     */
    public CompletableFuture<Path> triggerCheckpoint()
    {
        return trigger(null);
    }

    /**
     * Takes a savepoint: a self-contained checkpoint in {@code directory}, restorable into this job with any
     * parallelism ({@code StreamEnvironment.executeAsync(name, directory)}).
     *
     * @param directory an empty or missing directory.
     * @return completes with the directory, or fails when declined.
     */
    public CompletableFuture<Path> triggerSavepoint(final Path directory)
    {
        return trigger(directory);
    }

    private CompletableFuture<Path> trigger(final Path savepoint)
    {
        if (thread == null)
        {
            return CompletableFuture.failedFuture(new StateException("job " + name + " was started without " +
                "checkpointing"));
        }
        final JobExecution execution = current;
        final CompletableFuture<Path> out = new CompletableFuture<>();
        if (result.isDone())
        {
            out.completeExceptionally(new StateException("job " + name + " has ended"));
            return out;
        }
        thread.execute(() -> execution.triggerCheckpoint(nextCheckpointId.getAndIncrement(), savepoint)
            .whenComplete((path, error) ->
            {
                if (error != null)
                {
                    out.completeExceptionally(error);
                    return;
                }
                if (savepoint == null)
                {
                    lastCheckpoint = path;
                }
                out.complete(path);
            }));
        return out;
    }

    /** Ends unbounded sources gracefully. */
    public void stop()
    {
        stopped = true;
        final JobExecution execution = current;
        if (execution != null)
        {
            execution.stop();
        }
    }

    /** Cancels the job (no restart). */
    public void cancel()
    {
        cancelled = true;
        final JobExecution execution = current;
        if (execution != null)
        {
            execution.cancel();
        }
    }

    /** @return the job's name. */
    public String name()
    {
        return name;
    }

    /** @return rows read, over every attempt. */
    public long rowsRead()
    {
        final JobExecution execution = current;
        return rowsReadBefore + (execution == null ? 0 : execution.rowsRead());
    }

    /** @return rows written, over every attempt (rows of failed attempts that transactional sinks dropped too). */
    public long rowsWritten()
    {
        final JobExecution execution = current;
        return rowsWrittenBefore + (execution == null ? 0 : execution.rowsWritten());
    }

    /** @return how many times the job was restarted. */
    public int restarts()
    {
        return restarts;
    }

    /** @return per restart, nanoseconds from the failure until the new attempt was reading. */
    public List<Long> recoveryNanos()
    {
        return List.copyOf(recoveryNanos);
    }

    /** @return the last checkpoint completed, or null. */
    public Path lastCheckpoint()
    {
        return lastCheckpoint;
    }

    private void finish()
    {
        if (periodic != null)
        {
            periodic.cancel(false);
        }
        shutdownThread();
    }

    private void shutdownThread()
    {
        if (thread != null)
        {
            thread.shutdown();
        }
    }
}
