package io.sabot.runtime.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.sabot.common.SabotException;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.runtime.exec.JobResult;
import io.sabot.runtime.plan.LogicalNode;
import io.sabot.runtime.plan.PhysicalPlan;
import io.sabot.runtime.plan.Planner;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.source.Source;
import io.sabot.sched.MorselScheduler;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Where Stream API jobs start and run: it owns a morsel scheduler with one worker per unit of parallelism, a root
 * allocator and an expression compiler, and runs the writes declared on its streams as one job.
 *
 * <pre>{@code
 * try (StreamEnvironment env = StreamEnvironment.builder().parallelism(2).build())
 * {
 *     DataStream orders = env.from(source);
 *     orders.filter("amount > 100.0").keyBy("customer").aggregate(Agg.sum("amount")).writeTo(sink);
 *     JobResult result = env.execute("big-spenders");
 * }
 * }</pre>
 *
 * <p>Thread-safety: building streams and {@link #execute} are meant for one thread; running jobs use the
 * scheduler's workers. Jobs run one after another or concurrently ({@link #executeAsync}); each has its own child
 * allocator that must be empty when the job ends.
 */
public final class StreamEnvironment implements AutoCloseable
{
    /** Default morsel size in rows. */
    public static final int DEFAULT_MORSEL_ROWS = 64 * 1024;

    private final int parallelism;
    private final int morselRows;
    private final boolean fuseAggregates;
    private final io.sabot.runtime.state.StateBackends.Factory stateBackends;
    private final BufferAllocator allocator;
    private final boolean ownsAllocator;
    private final ExpressionCompiler compiler;
    private final MorselScheduler scheduler;
    private final java.nio.file.Path checkpointDirectory;
    private final java.time.Duration checkpointInterval;
    private final int retainedCheckpoints;
    private final int restartAttempts;
    private final io.sabot.runtime.exec.ProcessingTimeService.Factory timeServices;
    private final List<LogicalNode> pendingWrites = new ArrayList<>();
    private final List<RunningJob> running = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int jobCounter;

    private StreamEnvironment(final Builder builder)
    {
        this.parallelism = builder.parallelism;
        this.morselRows = builder.morselRows;
        this.fuseAggregates = builder.fuseAggregates;
        this.stateBackends = builder.stateBackends;
        this.ownsAllocator = builder.allocator == null;
        this.allocator = builder.allocator != null ? builder.allocator :
            new RootAllocator(builder.memoryLimit);
        this.compiler = builder.compiler != null ? builder.compiler : ExpressionCompiler.shared();
        this.scheduler = MorselScheduler.builder().workers(parallelism).threadNamePrefix("sabot-worker").build();
        this.checkpointDirectory = builder.checkpointDirectory;
        this.checkpointInterval = builder.checkpointInterval;
        this.retainedCheckpoints = builder.retainedCheckpoints;
        this.restartAttempts = builder.restartAttempts;
        this.timeServices = builder.timeServices;
    }

    /**
     * @return a builder with defaults: parallelism = available processors, 64 Ki-row morsels, no memory limit.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return an environment with the defaults.
     */
    public static StreamEnvironment create()
    {
        return builder().build();
    }

    /**
     * @param source where rows come from.
     * @return a stream of the source's rows.
     */
    public DataStream from(final Source source)
    {
        return new DataStream(this, new LogicalNode.Read(source));
    }

    /**
     * @return the number of parallel instances (and workers).
     */
    public int parallelism()
    {
        return parallelism;
    }

    /**
     * @return the largest morsel, in rows.
     */
    public int morselRows()
    {
        return morselRows;
    }

    /** @return whether bounded aggregations fuse with the filter/projection before them (default true). */
    public boolean fuseAggregates()
    {
        return fuseAggregates;
    }

    /**
     * @return the root allocator that jobs allocate from (for building input batches).
     */
    public BufferAllocator allocator()
    {
        return allocator;
    }

    /**
     * @return the expression compiler used for filters and projections.
     */
    public ExpressionCompiler compiler()
    {
        return compiler;
    }

    void addWrite(final LogicalNode.Write write)
    {
        pendingWrites.add(write);
    }

    /**
     * @return the plans (logical and physical) of the writes declared since the last execution.
     */
    public String explain()
    {
        return plan().explain();
    }

    PhysicalPlan plan()
    {
        if (pendingWrites.isEmpty())
        {
            throw new IllegalStateException("no writes declared: call writeTo/collect on a stream first");
        }
        return new Planner(parallelism, fuseAggregates, stateBackends).plan(List.copyOf(pendingWrites));
    }

    /**
     * Runs every write declared since the last execution as one job and waits for it.
     *
     * @param name the job's name.
     * @return the job's result.
     * @throws SabotException the job's first failure (typed: schema, data, malformed input, I/O).
     */
    public JobResult execute(final String name)
    {
        final RunningJob job = executeAsync(name);
        return job.await();
    }

    /**
     * Starts every write declared since the last execution as one job.
     *
     * @param name the job's name.
     * @return the running job.
     */
    public RunningJob executeAsync(final String name)
    {
        return executeAsync(name, null);
    }

    /**
     * Starts every write declared since the last execution as one job, restored from a checkpoint or savepoint: its
     * operators' state, its sources' positions and its sinks' committed output continue from there (the job must
     * have the same shape; its parallelism may differ).
     *
     * @param name        the job's name.
     * @param restoreFrom a completed checkpoint ({@code <checkpoint dir>/chk-N}) or savepoint directory, or null.
     * @return the running job.
     * @throws io.sabot.common.StateException when the snapshot is missing, corrupt, or from another job.
     */
    public RunningJob executeAsync(final String name, final java.nio.file.Path restoreFrom)
    {
        final PhysicalPlan plan = plan();
        pendingWrites.clear();
        final String jobName = name + "#" + (++jobCounter);
        final boolean checkpointing = checkpointDirectory != null || restoreFrom != null;
        final io.sabot.runtime.checkpoint.CheckpointStorage storage = checkpointDirectory == null ? null :
            new io.sabot.runtime.checkpoint.CheckpointStorage(checkpointDirectory, retainedCheckpoints);
        final io.sabot.runtime.exec.JobSupervisor supervisor = new io.sabot.runtime.exec.JobSupervisor(jobName, plan,
            scheduler, attempt -> allocator.newChildAllocator(attempt, 0, Long.MAX_VALUE), compiler, morselRows,
            storage, checkpointInterval, checkpointing ? restartAttempts : 0, restoreFrom, checkpointing,
            timeServices);
        final RunningJob job = new RunningJob(supervisor, supervisor.start(), plan);
        running.add(job);
        job.future().whenComplete((result, error) -> running.remove(job));
        return job;
    }

    /** @return whether jobs take checkpoints ({@link Builder#checkpointing}). */
    public boolean checkpointing()
    {
        return checkpointDirectory != null;
    }

    /**
     * @return the jobs running right now (for progress reporting); a snapshot.
     */
    public List<RunningJob> runningJobs()
    {
        return List.copyOf(running);
    }

    /**
     * Stops the workers and closes the allocator (if the environment created it).
     */
    @Override
    public void close()
    {
        pendingWrites.clear();
        scheduler.close();
        if (ownsAllocator)
        {
            allocator.close();
        }
    }

    static RuntimeException unwrap(final Throwable t)
    {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException cancelled)
        {
            return cancelled;
        }
        if (cause instanceof RuntimeException runtime)
        {
            return runtime;
        }
        return new SabotException("job failed: " + cause, cause);
    }

    /**
     * Configures a {@link StreamEnvironment}.
     */
    public static final class Builder
    {
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private int morselRows = DEFAULT_MORSEL_ROWS;
        private boolean fuseAggregates = true;
        private io.sabot.runtime.state.StateBackends.Factory stateBackends = io.sabot.runtime.state.StateBackends
            .memory();
        private long memoryLimit = Long.MAX_VALUE;
        private BufferAllocator allocator;
        private ExpressionCompiler compiler;
        private java.nio.file.Path checkpointDirectory;
        private java.time.Duration checkpointInterval;
        private int retainedCheckpoints = 2;
        private int restartAttempts = 3;
        private io.sabot.runtime.exec.ProcessingTimeService.Factory timeServices =
            io.sabot.runtime.exec.ProcessingTimeService.system();

        private Builder()
        {
        }

        /**
         * @param parallelism instances of parallel stages and worker threads, >= 1.
         * @return this.
         */
        public Builder parallelism(final int parallelism)
        {
            if (parallelism < 1)
            {
                throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * @param rows the largest morsel, >= 1 (a multiple of 8 avoids copying validity bitmaps).
         * @return this.
         */
        public Builder morselRows(final int rows)
        {
            if (rows < 1)
            {
                throw new IllegalArgumentException("morselRows must be >= 1, was " + rows);
            }
            this.morselRows = rows;
            return this;
        }

        /**
         * @param backends where keyed process functions keep their state: {@code StateBackends.memory()} (the
         *                 default) or {@code StateBackends.rocksDb(directory)}.
         * @return this.
         */
        public Builder stateBackend(final io.sabot.runtime.state.StateBackends.Factory backends)
        {
            this.stateBackends = java.util.Objects.requireNonNull(backends, "backends");
            return this;
        }

        /**
         * @param fuse whether a bounded aggregation right after a filter and/or projection runs as one generated
         *             loop (whole-stage code generation; the default) or as separate operators (for comparison).
         * @return this.
         */
        public Builder fuseAggregates(final boolean fuse)
        {
            this.fuseAggregates = fuse;
            return this;
        }

        /**
         * @param bytes the environment's memory limit (ignored when an allocator is given).
         * @return this.
         */
        public Builder memoryLimit(final long bytes)
        {
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * @param allocator an allocator to use instead of a new root (not closed by the environment).
         * @return this.
         */
        public Builder allocator(final BufferAllocator allocator)
        {
            this.allocator = allocator;
            return this;
        }

        /**
         * @param compiler the expression compiler (default: the shared one).
         * @return this.
         */
        public Builder compiler(final ExpressionCompiler compiler)
        {
            this.compiler = compiler;
            return this;
        }

        /**
         * Turns on checkpoints: every job takes one every {@code interval} into {@code directory} (barriers from the
         * sources, operator state, source positions and sink transactions in one snapshot) and, when it fails,
         * restarts from the last completed one ({@link #restartAttempts}). Every operator of such a job must be
         * checkpointable and every source positionable (the job refuses to start otherwise, naming the first that
         * is not); output is exactly-once with transactional sinks, at-least-once with the others.
         *
         * @param directory the checkpoint directory (created if missing; one job at a time).
         * @param interval  time between the end of one checkpoint and the start of the next, or null for manual
         *                  checkpoints only ({@link RunningJob#triggerCheckpoint()}).
         * @return this.
         */
        public Builder checkpointing(final java.nio.file.Path directory, final java.time.Duration interval)
        {
            this.checkpointDirectory = java.util.Objects.requireNonNull(directory, "directory");
            if (interval != null && (interval.isNegative() || interval.isZero()))
            {
                throw new IllegalArgumentException("checkpoint interval must be positive, was " + interval);
            }
            this.checkpointInterval = interval;
            return this;
        }

        /**
         * @param count completed checkpoints kept in the directory (default 2), >= 1.
         * @return this.
         */
        public Builder retainedCheckpoints(final int count)
        {
            if (count < 1)
            {
                throw new IllegalArgumentException("retained checkpoints must be >= 1, was " + count);
            }
            this.retainedCheckpoints = count;
            return this;
        }

        /**
         * @param attempts how many times a failed checkpointed job restarts from its last checkpoint (default 3);
         *                 jobs without checkpoints never restart.
         * @return this.
         */
        public Builder restartAttempts(final int attempts)
        {
            if (attempts < 0)
            {
                throw new IllegalArgumentException("restart attempts must be >= 0, was " + attempts);
            }
            this.restartAttempts = attempts;
            return this;
        }

        /**
         * @param timeServices where jobs get processing time (default {@link
         *                     io.sabot.runtime.exec.ProcessingTimeService#system()}: the system clock and a timer
         *                     thread per job); an {@link io.sabot.runtime.exec.ManualProcessingTime} makes
         *                     processing-time windows and timers deterministic in tests.
         * @return this.
         */
        public Builder processingTime(final io.sabot.runtime.exec.ProcessingTimeService.Factory timeServices)
        {
            this.timeServices = java.util.Objects.requireNonNull(timeServices, "timeServices");
            return this;
        }

        /**
         * @return the environment (starts its workers).
         */
        public StreamEnvironment build()
        {
            return new StreamEnvironment(this);
        }
    }
}
