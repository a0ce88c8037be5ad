package io.sabot.runtime.exec;

import io.sabot.common.StateException;
import io.sabot.runtime.checkpoint.CheckpointMetadata;
import io.sabot.runtime.checkpoint.CheckpointStorage;
import io.sabot.runtime.checkpoint.RestoreContext;
import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.operator.CheckpointedOperator;
import io.sabot.runtime.operator.StatelessOperator;
import io.sabot.runtime.source.CheckpointedSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.sabot.common.SabotException;
import io.sabot.jit.ExpressionCompiler;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.plan.OperatorSpec;
import io.sabot.runtime.plan.PhysicalPlan;
import io.sabot.runtime.plan.Stage;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.source.SourceReader;
import io.sabot.sched.GroupResult;
import io.sabot.sched.GroupSpec;
import io.sabot.sched.GroupStatus;
import io.sabot.sched.Morsel;
import io.sabot.sched.MorselScheduler;
import io.sabot.sched.TaskGroup;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running job: the stages of a {@link PhysicalPlan} instantiated on a {@link MorselScheduler}, all as morsels of
 * one task group. Source stages run morsel by morsel on per-worker chains; exchange-fed stages are mailboxes drained
 * by morsels. Nothing waits on a worker thread.
 *
 * <p>The job ends when every sink instance has finished (then each sink commits), when it fails (the first exception
 * cancels the group; every operator, reader and writer is closed, queued batches are released, sinks abort), or when
 * it is cancelled. {@link #stop()} ends unbounded sources gracefully: they count as exhausted, stateful operators
 * flush and sinks commit. In every case all memory returns to the job's allocator, which is closed; a leak makes the
 * job fail.
 *
 * <p>Thread-safety: {@link #start()} once; {@link #cancel()}, {@link #stop()} and the metrics from any thread.
 */
public final class JobExecution
{
    private static final Logger LOG = LoggerFactory.getLogger(JobExecution.class);

    final LongAdder rowsRead = new LongAdder();
    final LongAdder rowsWritten = new LongAdder();
    final AtomicLong queuedBatches = new AtomicLong();

    private final String name;
    private final PhysicalPlan plan;
    private final MorselScheduler scheduler;
    private final BufferAllocator allocator;
    private final ExpressionCompiler compiler;
    private final int morselRows;
    private final long maxQueuedBatches;
    private final List<SourceStage> sourceStages = new ArrayList<>();
    private final List<ActorStage> actorStages = new ArrayList<>();
    private final List<Chain> chains = new ArrayList<>();
    private final List<Router> routers = new ArrayList<>();
    private final List<BufferAllocator> allocators = new ArrayList<>();
    private final Set<Sink> sinks = new LinkedHashSet<>();
    private final Set<SourceStage.ChainMorsel> pending = ConcurrentHashMap.newKeySet();
    private final Set<SourceReader> readers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger terminalRemaining = new AtomicInteger();
    private final CompletableFuture<JobResult> result = new CompletableFuture<>();
    private volatile boolean stopRequested;
    private final CheckpointSettings checkpoints;
    private final List<SinkOperator> sinkOperators = new ArrayList<>();
    private final List<io.sabot.runtime.sink.TransactionalSink> transactionalSinks = new ArrayList<>();
    /** Handles of pre-committed transactions whose checkpoint failed: committed with the next one. */
    private final Map<io.sabot.runtime.sink.TransactionalSink, List<byte[]>> carried = new HashMap<>();
    private final AtomicReference<PendingCheckpoint> checkpointInFlight = new AtomicReference<>();
    private volatile long lastCompletedCheckpoint = -1;
    private int chainInstances;
    private volatile TaskGroup group;
    private long startNanos;
    /** The attempt's processing time: wake-ups for operators that ask for them; closed when the job ends. */
    private final ProcessingTimeService timeService;
    private final List<InstanceTimers> instanceTimers = new ArrayList<>();

    /**
     * @param name       the job's name (for the task group, logs and errors).
     * @param plan       the physical plan.
     * @param scheduler  the scheduler; its worker count must equal the plan's largest stage parallelism.
     * @param allocator  the job's allocator: owned by the job from here on and closed when it ends.
     * @param compiler   the expression compiler.
     * @param morselRows the largest morsel, in rows.
     */
    public JobExecution(final String name, final PhysicalPlan plan, final MorselScheduler scheduler,
                        final BufferAllocator allocator, final ExpressionCompiler compiler, final int morselRows)
    {
        this(name, plan, scheduler, allocator, compiler, morselRows, null);
    }

    /**
     * @param name        the job's name.
     * @param plan        the physical plan.
     * @param scheduler   the scheduler.
     * @param allocator   the job's allocator (owned from here on).
     * @param compiler    the expression compiler.
     * @param morselRows  the largest morsel, in rows.
     * @param checkpoints checkpointing and restore, or null for a job without checkpoints: then every operator
     *                    must be a {@code CheckpointedOperator} or {@code StatelessOperator} and every source a
     *                    {@code CheckpointedSource} (a StateException names the first that is not).
     */
    public JobExecution(final String name, final PhysicalPlan plan, final MorselScheduler scheduler,
                        final BufferAllocator allocator, final ExpressionCompiler compiler, final int morselRows,
                        final CheckpointSettings checkpoints)
    {
        this(name, plan, scheduler, allocator, compiler, morselRows, checkpoints, ProcessingTimeService.system());
    }

    /**
     * @param name        the job's name.
     * @param plan        the physical plan.
     * @param scheduler   the scheduler.
     * @param allocator   the job's allocator (owned from here on).
     * @param compiler    the expression compiler.
     * @param morselRows  the largest morsel, in rows.
     * @param checkpoints checkpointing and restore, or null.
     * @param timeService creates this attempt's processing-time service (closed when the attempt ends).
     */
    public JobExecution(final String name, final PhysicalPlan plan, final MorselScheduler scheduler,
                        final BufferAllocator allocator, final ExpressionCompiler compiler, final int morselRows,
                        final CheckpointSettings checkpoints, final ProcessingTimeService.Factory timeService)
    {
        this.timeService = timeService.create(name);
        this.checkpoints = checkpoints;
        this.name = name;
        this.plan = plan;
        this.scheduler = scheduler;
        this.allocator = allocator;
        this.compiler = compiler;
        this.morselRows = morselRows;
        this.maxQueuedBatches = 64L * scheduler.workerCount();
    }

    /**
     * Instantiates and opens every operator, then starts reading.
     *
     * @return the job's future: completes with the result, or exceptionally with the first failure (the original
     * typed exception, e.g. a {@code MalformedInputException}), or with a {@code CancellationException}.
     */
    public CompletableFuture<JobResult> start()
    {
        startNanos = System.nanoTime();
        try
        {
            instantiate();
        }
        catch (final RuntimeException e)
        {
            final RuntimeException failure = cleanup(e);
            throw failure;
        }
        // group submissions: read tasks, one drain per mailbox and one finish per chain at a time; morsels are
        // spawned (no slot), so this bound is never reached in practice and submit() never blocks a worker
        group = scheduler.submit(GroupSpec.named(name).withMaxInFlight(1 << 14));
        group.completion().whenComplete((groupResult, error) -> finish(groupResult, error));
        for (final InstanceTimers timers : instanceTimers)
        {
            // wake-ups asked for in open or restore (restored timers in the past fire right away)
            timers.start();
        }
        final CheckpointMetadata restore = checkpoints == null ? null : checkpoints.restore();
        for (final SourceStage stage : sourceStages)
        {
            stage.start(restore == null ? null : restore.stages().get(stage.plan().id()).splits());
        }
        return result;
    }

    /** Cancels the job: running morsels finish, nothing else runs, everything is released. */
    public void cancel()
    {
        final TaskGroup g = group;
        if (g != null)
        {
            g.cancel();
        }
    }

    /** Ends the job gracefully: sources count as exhausted, operators flush, sinks commit. */
    public void stop()
    {
        stopRequested = true;
    }

    /** @return rows read by the sources so far. */
    public long rowsRead()
    {
        return rowsRead.sum();
    }

    /** @return rows that reached the sinks so far. */
    public long rowsWritten()
    {
        return rowsWritten.sum();
    }

    /** @return the job's name. */
    public String name()
    {
        return name;
    }

    boolean stopRequested()
    {
        return stopRequested;
    }

    boolean congested()
    {
        return queuedBatches.get() > maxQueuedBatches;
    }

    void submit(final Morsel morsel)
    {
        submit(morsel, -1);
    }

    /** Submits work that prefers a worker (-1: any); dropped once the job ended. */
    void submit(final Morsel morsel, final int preferredWorker)
    {
        final TaskGroup g = group;
        try
        {
            g.submit(morsel, preferredWorker);
        }
        catch (final IllegalStateException e)
        {
            // the group is sealed: the job already ended, late work is dropped (and its memory released in cleanup)
            LOG.debug("job {}: dropped work after the job ended", name);
        }
    }

    void register(final SourceReader reader)
    {
        readers.add(reader);
    }

    void closeReader(final SourceReader reader)
    {
        readers.remove(reader);
        reader.close();
    }

    void registerPending(final SourceStage.ChainMorsel morsel)
    {
        pending.add(morsel);
    }

    void unregisterPending(final SourceStage.ChainMorsel morsel)
    {
        pending.remove(morsel);
    }

    void terminalInstanceFinished()
    {
        if (terminalRemaining.decrementAndGet() == 0)
        {
            if (checkpoints != null)
            {
                commitFinalTransactions();
            }
            for (final Sink sink : sinks)
            {
                sink.commit();
            }
            group.complete();
        }
    }

    private void instantiate()
    {
        // the routers of each stage, so later stages can wire their input edges to them
        final Router[][] routersOf = new Router[plan.stages().size()][];
        if (checkpoints != null)
        {
            // before any writer opens: a restored job's sinks drop what its failed predecessor left uncommitted
            for (final Stage stage : plan.stages())
            {
                if (stage.sink() != null)
                {
                    sinks.add(stage.sink());
                }
                for (final OperatorSpec spec : stage.chain())
                {
                    sinks.addAll(spec.sideOutputs());
                }
            }
            if (checkpoints.restore() != null)
            {
                validateRestore();
            }
            recoverSinks();
        }
        for (final Stage stage : plan.stages())
        {
            final boolean terminal = stage.sink() != null;
            final int parallelism = stage.parallelism();
            if (terminal)
            {
                sinks.add(stage.sink());
                terminalRemaining.addAndGet(parallelism);
            }
            for (final io.sabot.runtime.plan.OperatorSpec spec : stage.chain())
            {
                sinks.addAll(spec.sideOutputs());
            }
            final Chain[] stageChains = new Chain[parallelism];
            final Router[] stageRouters = new Router[parallelism];
            for (int i = 0; i < parallelism; i++)
            {
                final BufferAllocator instanceAllocator = child("stage" + stage.id() + "-" + i);
                final List<OperatorSpec> specs = new ArrayList<>(stage.chain());
                final Operator[] operators = new Operator[specs.size() + (terminal ? 1 : 0)];
                final OperatorContext[] contexts = new OperatorContext[operators.length];
                final InstanceTimers timers = new InstanceTimers(timeService, operators.length);
                instanceTimers.add(timers);
                for (int k = 0; k < specs.size(); k++)
                {
                    operators[k] = specs.get(k).factory().get();
                    contexts[k] = new OperatorContext(specs.get(k).description(), i, parallelism, stage.bounded(),
                        instanceAllocator, compiler, timers.forOperator(k));
                }
                if (terminal)
                {
                    operators[specs.size()] = new SinkOperator(stage.sink(), rowsWritten);
                    contexts[specs.size()] = new OperatorContext("sink " + stage.sink().describe(), i, parallelism,
                        stage.bounded(), instanceAllocator, compiler, timers.forOperator(specs.size()));
                }
                final int inputs = stage.isSourceStage() ? 1 : stage.inputs().size();
                stageRouters[i] = new Router(name + "/stage" + stage.id(), i, instanceAllocator);
                routers.add(stageRouters[i]);
                stageChains[i] = new Chain(operators, inputs, stageRouters[i],
                    checkpoints == null ? null : new InstanceBarriers(stage.id(), i, operators), timers);
                chains.add(stageChains[i]);
                chainInstances++;
                if (checkpoints != null)
                {
                    requireCheckpointable(stage, operators, specs);
                }
                stageChains[i].open(contexts);
                if (terminal)
                {
                    final SinkOperator sinkOperator = (SinkOperator)operators[specs.size()];
                    sinkOperators.add(sinkOperator);
                    if (checkpoints != null)
                    {
                        sinkOperator.finalCheckpointId(checkpoints.restore() == null ? 0 :
                            checkpoints.restore().id() + 1);
                    }
                }
                if (checkpoints != null && checkpoints.restore() != null)
                {
                    restoreOperators(stage, i, operators);
                }
            }
            if (stage.isSourceStage())
            {
                // every instance's router has the same edges; the first one answers for all
                final SourceStage source = new SourceStage(this, stage, stageChains, stageRouters[0],
                    child("stage" + stage.id() + "-read"), child("stage" + stage.id() + "-morsels"), morselRows);
                sourceStages.add(source);
                final List<InstanceTimers> stageTimers = instanceTimers.subList(instanceTimers.size() - parallelism,
                    instanceTimers.size());
                for (int i = 0; i < parallelism; i++)
                {
                    final int instance = i;
                    stageTimers.get(i).driver(() -> source.wakeUp(instance));
                }
                routersOf[stage.id()] = stageRouters;
            }
            else
            {
                final int[] producers = new int[stage.inputs().size()];
                for (int in = 0; in < producers.length; in++)
                {
                    producers[in] = plan.stages().get(stage.inputs().get(in).stage()).parallelism();
                }
                final ActorInstance[] instances = new ActorInstance[parallelism];
                for (int i = 0; i < parallelism; i++)
                {
                    instances[i] = new ActorInstance(this, stageChains[i], producers, terminal);
                    instanceTimers.get(instanceTimers.size() - parallelism + i).driver(instances[i]::wakeUp);
                }
                final ActorStage actor = new ActorStage(stage, instances);
                for (final ActorInstance instance : instances)
                {
                    instance.stage(actor);
                }
                actorStages.add(actor);
                routersOf[stage.id()] = stageRouters;
                for (int in = 0; in < stage.inputs().size(); in++)
                {
                    final Stage.Input input = stage.inputs().get(in);
                    for (final Router router : routersOf[input.stage()])
                    {
                        router.addEdge(actor, in, input.exchange());
                    }
                }
            }
        }
    }

    private static void requireCheckpointable(final Stage stage, final Operator[] operators,
        final List<OperatorSpec> specs)
    {
        if (stage.isSourceStage() && !(stage.source() instanceof CheckpointedSource))
        {
            throw new StateException("checkpoints need every source to record its position; " +
                stage.source().describe() + " cannot (it is not a CheckpointedSource)");
        }
        for (int k = 0; k < specs.size(); k++)
        {
            final Operator operator = operators[k];
            if (!(operator instanceof CheckpointedOperator) && !(operator instanceof StatelessOperator))
            {
                throw new StateException("checkpoints need every operator's state in the snapshot; '" +
                    specs.get(k).description() + "' (" + operator.getClass().getSimpleName() + ") cannot be " +
                    "checkpointed");
            }
        }
    }

    /** Before anything is opened or recovered: the restored checkpoint must come from a job of this shape. */
    private void validateRestore()
    {
        final CheckpointMetadata metadata = checkpoints.restore();
        final Path from = checkpoints.restoreFrom();
        if (metadata.stages().size() != plan.stages().size())
        {
            throw new StateException(from + " was taken from a job with " + metadata.stages().size() +
                " stages, this job has " + plan.stages().size() + " (plans with parallelism 1 fuse every stage: " +
                "restore between parallelism 1 and more is not possible)");
        }
        for (final Stage stage : plan.stages())
        {
            final CheckpointMetadata.StageState state = metadata.stages().get(stage.id());
            final List<String> now = descriptions(stage);
            if (!state.operators().equals(now))
            {
                throw new StateException(from + " was taken from another job: stage " + stage.id() + " had " +
                    state.operators() + ", this job has " + now);
            }
        }
    }

    /** Restores one instance's operators (the shape was validated). */
    private void restoreOperators(final Stage stage, final int instance, final Operator[] operators)
    {
        final CheckpointMetadata metadata = checkpoints.restore();
        final Path from = checkpoints.restoreFrom();
        final CheckpointMetadata.StageState state = metadata.stages().get(stage.id());
        final Path shared = CheckpointStorage.sharedDirectory(from, metadata);
        for (int k = 0; k < operators.length; k++)
        {
            if (operators[k] instanceof CheckpointedOperator checkpointed)
            {
                final List<Path> directories = new ArrayList<>();
                for (int j = 0; j < state.parallelism(); j++)
                {
                    directories.add(from.resolve(CheckpointStorage.operatorDirectory(stage.id(), k, j)));
                }
                checkpointed.restoreState(new Restore(instance, stage.parallelism(), state.parallelism(),
                    List.copyOf(directories), shared, metadata.id()));
            }
        }
    }

    private static List<String> descriptions(final Stage stage)
    {
        final List<String> out = new ArrayList<>();
        for (final OperatorSpec spec : stage.chain())
        {
            out.add(spec.description());
        }
        if (stage.sink() != null)
        {
            out.add("sink " + stage.sink().describe());
        }
        return out;
    }

    private record Restore(int instance, int parallelism, int previousParallelism, List<Path> directories,
                           Path sharedDirectory, long checkpointId) implements RestoreContext
    {
    }

    /** Before anything is written: the restored checkpoint's transactions committed, anything newer dropped. */
    private void recoverSinks()
    {
        final CheckpointMetadata metadata = checkpoints.restore();
        for (final Sink sink : sinks)
        {
            if (sink instanceof io.sabot.runtime.sink.TransactionalSink transactional)
            {
                transactionalSinks.add(transactional);
            }
        }
        for (int i = 0; i < transactionalSinks.size(); i++)
        {
            final io.sabot.runtime.sink.TransactionalSink sink = transactionalSinks.get(i);
            if (metadata == null)
            {
                sink.recover(-1, List.of());
                continue;
            }
            if (metadata.sinks().size() != transactionalSinks.size() ||
                !metadata.sinks().get(i).description().equals(sink.describe()))
            {
                throw new StateException(checkpoints.restoreFrom() + " was taken with sinks " +
                    metadata.sinks().stream().map(CheckpointMetadata.SinkState::description).toList() +
                    ", this job writes to " + transactionalSinks.stream().map(Sink::describe).toList());
            }
            sink.recover(metadata.id(), metadata.sinks().get(i).handles());
        }
    }

    /**
     * Starts checkpoint (or savepoint) {@code id}: barriers go into every source stage.
     *
     * @param id        the checkpoint id (larger than every earlier one of this job, across restarts).
     * @param savepoint a savepoint directory, or null for a checkpoint into the storage.
     * @return completes with the checkpoint's directory once it is written and the sinks committed; fails when it
     * is declined (another one is in flight, the job is ending, a write failed).
     */
    public CompletableFuture<Path> triggerCheckpoint(final long id, final Path savepoint)
    {
        if (checkpoints == null || savepoint == null && checkpoints.storage() == null)
        {
            return CompletableFuture.failedFuture(new StateException("job " + name + " has no checkpoint " +
                "storage"));
        }
        final PendingCheckpoint checkpoint = new PendingCheckpoint(new CheckpointBarrier(id,
            System.currentTimeMillis()), savepoint, chainInstances);
        if (!checkpointInFlight.compareAndSet(null, checkpoint))
        {
            return CompletableFuture.failedFuture(new StateException("checkpoint " + id + " declined: checkpoint " +
                checkpointInFlight.get().id() + " is still in progress"));
        }
        for (final SinkOperator sink : sinkOperators)
        {
            // the transaction left at end of input, should it come before the next checkpoint
            sink.finalCheckpointId(id + 1);
        }
        for (final SourceStage stage : sourceStages)
        {
            if (!stage.requestBarrier(checkpoint))
            {
                // the job is ending: the in-flight slot stays taken, no other checkpoint starts
                checkpoint.decline("the job's input is ending");
                break;
            }
        }
        return checkpoint.completion;
    }

    /** @return the id of the last checkpoint this attempt completed, or -1. */
    public long lastCompletedCheckpoint()
    {
        return lastCompletedCheckpoint;
    }

    /** The barrier passed every chain instance: write everything on the I/O thread, then commit the sinks. */
    private void checkpointPassed(final PendingCheckpoint checkpoint)
    {
        // from here on the snapshot is consistent whatever happens to the job: it is written to the end
        if (!checkpoint.startWriting())
        {
            return;
        }
        checkpoints.io().execute(() -> writeCheckpoint(checkpoint));
    }

    private void writeCheckpoint(final PendingCheckpoint checkpoint)
    {
        final long id = checkpoint.id();
        CheckpointStorage.Writing writing = null;
        final Map<io.sabot.runtime.sink.TransactionalSink, List<byte[]>> handles = new LinkedHashMap<>();
        synchronized (carried)
        {
            for (final io.sabot.runtime.sink.TransactionalSink sink : transactionalSinks)
            {
                final List<byte[]> all = new ArrayList<>(carried.getOrDefault(sink, List.of()));
                all.addAll(checkpoint.handles(sink));
                handles.put(sink, all);
            }
        }
        try
        {
            writing = checkpoint.savepoint != null ? CheckpointStorage.beginSavepoint(checkpoint.savepoint, id) :
                checkpoints.storage().begin(id);
            PendingCheckpoint.Captured captured;
            while ((captured = checkpoint.snapshots.poll()) != null)
            {
                try
                {
                    captured.snapshot().writeTo(writing.target(captured.stage(), captured.operator(),
                        captured.instance()));
                }
                finally
                {
                    captured.snapshot().discard();
                }
            }
            final List<CheckpointMetadata.StageState> stages = new ArrayList<>();
            for (final Stage stage : plan.stages())
            {
                stages.add(new CheckpointMetadata.StageState(stage.id(), stage.parallelism(), descriptions(stage),
                    stage.isSourceStage() ? checkpoint.splits(stage.id()) : null));
            }
            final List<CheckpointMetadata.SinkState> sinkStates = new ArrayList<>();
            for (final io.sabot.runtime.sink.TransactionalSink sink : transactionalSinks)
            {
                sinkStates.add(new CheckpointMetadata.SinkState(sink.describe(), handles.get(sink)));
            }
            final Path done = writing.complete(new CheckpointMetadata(id, checkpoint.barrier.timestamp(),
                checkpoint.savepoint != null, stages, sinkStates));
            writing = null;
            synchronized (carried)
            {
                carried.clear();
            }
            for (final io.sabot.runtime.sink.TransactionalSink sink : transactionalSinks)
            {
                sink.commit(id, handles.get(sink));
            }
            lastCompletedCheckpoint = id;
            checkpointInFlight.compareAndSet(checkpoint, null);
            checkpoint.completion.complete(done);
        }
        catch (final IOException | RuntimeException e)
        {
            if (writing != null)
            {
                try
                {
                    writing.abort();
                }
                catch (final RuntimeException suppressed)
                {
                    e.addSuppressed(suppressed);
                }
            }
            synchronized (carried)
            {
                // pre-committed but never committed: the next checkpoint commits them
                for (final Map.Entry<io.sabot.runtime.sink.TransactionalSink, List<byte[]>> h : handles.entrySet())
                {
                    carried.put(h.getKey(), new ArrayList<>(h.getValue()));
                }
            }
            LOG.warn("job {}: checkpoint {} failed", name, id, e);
            checkpoint.writeFailed("writing failed: " + e);
            checkpointInFlight.compareAndSet(checkpoint, null);
        }
    }

    /** All sink instances finished: their last transactions (and any carried ones) commit with the job. */
    private void commitFinalTransactions()
    {
        final Map<io.sabot.runtime.sink.TransactionalSink, List<byte[]>> handles = new LinkedHashMap<>();
        synchronized (carried)
        {
            for (final io.sabot.runtime.sink.TransactionalSink sink : transactionalSinks)
            {
                handles.put(sink, new ArrayList<>(carried.getOrDefault(sink, List.of())));
            }
            carried.clear();
        }
        for (final SinkOperator operator : sinkOperators)
        {
            if (operator.sink() instanceof io.sabot.runtime.sink.TransactionalSink sink &&
                operator.finalHandle() != null)
            {
                handles.get(sink).add(operator.finalHandle());
            }
        }
        final PendingCheckpoint open = checkpointInFlight.get();
        if (open != null && open.isDeclined())
        {
            // pre-committed at a barrier whose checkpoint was given up: nothing else would commit them
            for (final io.sabot.runtime.sink.TransactionalSink sink : transactionalSinks)
            {
                handles.get(sink).addAll(open.handles(sink));
            }
        }
        final long id = open != null ? open.id() + 1 : lastCompletedCheckpoint + 1;
        for (final Map.Entry<io.sabot.runtime.sink.TransactionalSink, List<byte[]>> h : handles.entrySet())
        {
            h.getKey().commit(id, h.getValue());
        }
    }

    /** One chain instance's barrier bookkeeping: snapshot each operator as it forwards the barrier. */
    private final class InstanceBarriers implements Chain.BarrierListener
    {
        private final int stage;
        private final int instance;
        private final Operator[] operators;

        InstanceBarriers(final int stage, final int instance, final Operator[] operators)
        {
            this.stage = stage;
            this.instance = instance;
            this.operators = operators;
        }

        @Override
        public void forwarded(final int operator, final CheckpointBarrier barrier)
        {
            final PendingCheckpoint checkpoint = checkpointInFlight.get();
            if (checkpoint == null || checkpoint.id() != barrier.id())
            {
                return;
            }
            final Operator op = operators[operator];
            if (op instanceof CheckpointedOperator checkpointed)
            {
                checkpoint.snapshot(stage, operator, instance, checkpointed.snapshotState(barrier.id()));
            }
            else if (op instanceof SinkOperator sink &&
                sink.sink() instanceof io.sabot.runtime.sink.TransactionalSink transactional)
            {
                checkpoint.handle(transactional, sink.instance(), sink.parallelism(), sink.preCommit(barrier.id()));
            }
        }

        @Override
        public void passed(final CheckpointBarrier barrier)
        {
            final PendingCheckpoint checkpoint = checkpointInFlight.get();
            if (checkpoint != null && checkpoint.id() == barrier.id() && checkpoint.passed())
            {
                checkpointPassed(checkpoint);
            }
        }
    }

    private BufferAllocator child(final String childName)
    {
        final BufferAllocator child = allocator.newChildAllocator(childName, 0, Long.MAX_VALUE);
        allocators.add(child);
        return child;
    }

    private void finish(final GroupResult groupResult, final Throwable error)
    {
        Throwable failure = error;
        if (failure == null && groupResult.status() == GroupStatus.FAILED)
        {
            final Throwable cause = groupResult.failure().getCause();
            failure = cause != null ? cause : groupResult.failure();
        }
        final PendingCheckpoint open = checkpointInFlight.get();
        if (open != null && !open.completion.isDone())
        {
            open.decline("the job ended");
        }
        final boolean cancelled = failure == null && groupResult.status() == GroupStatus.CANCELLED;
        final boolean ok = failure == null && !cancelled;
        if (!ok)
        {
            for (final Sink sink : sinks)
            {
                try
                {
                    sink.abort();
                }
                catch (final RuntimeException e)
                {
                    LOG.warn("job {}: sink {} failed to abort", name, sink.describe(), e);
                }
            }
        }
        final RuntimeException cleanupFailure = cleanup(null);
        if (failure != null)
        {
            if (cleanupFailure != null)
            {
                failure.addSuppressed(cleanupFailure);
            }
            result.completeExceptionally(failure);
        }
        else if (cancelled)
        {
            result.cancel(false);
        }
        else if (cleanupFailure != null)
        {
            result.completeExceptionally(cleanupFailure);
        }
        else
        {
            final JobResult done = new JobResult(name, rowsRead.sum(), rowsWritten.sum(),
                Duration.ofNanos(System.nanoTime() - startNanos));
            if (open != null && !open.completion.isDone())
            {
                // a checkpoint that passed every instance is still being written: its transactions commit with it,
                // and the job is not done before they are
                open.completion.handle((path, writeError) -> result.complete(done));
            }
            else
            {
                result.complete(done);
            }
        }
    }

    /** Releases everything; returns the first failure (a leak is one). */
    private RuntimeException cleanup(final RuntimeException previous)
    {
        RuntimeException failure = previous;
        // first: no wake-up may reach a chain that is being closed
        timeService.close();
        for (final Chain chain : chains)
        {
            failure = chain.close(failure);
        }
        for (final ActorStage stage : actorStages)
        {
            for (int i = 0; i < stage.parallelism(); i++)
            {
                stage.instance(i).drainAndClose();
            }
        }
        for (final SourceStage.ChainMorsel morsel : pending)
        {
            morsel.batch().close();
        }
        pending.clear();
        for (final SourceReader reader : readers)
        {
            try
            {
                reader.close();
            }
            catch (final RuntimeException e)
            {
                failure = keep(failure, e);
            }
        }
        readers.clear();
        for (final Router router : routers)
        {
            router.close();
        }
        for (int i = allocators.size() - 1; i >= 0; i--)
        {
            try
            {
                allocators.get(i).close();
            }
            catch (final RuntimeException e)
            {
                failure = keep(failure, new SabotException("job " + name + " leaked memory: " + e.getMessage(), e));
            }
        }
        try
        {
            allocator.close();
        }
        catch (final RuntimeException e)
        {
            failure = keep(failure, new SabotException("job " + name + " leaked memory: " + e.getMessage(), e));
        }
        return failure;
    }

    private static RuntimeException keep(final RuntimeException first, final RuntimeException next)
    {
        if (first == null)
        {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
