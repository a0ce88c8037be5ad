package io.sabot.runtime.exec;

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
    private volatile TaskGroup group;
    private long startNanos;

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
        for (final SourceStage stage : sourceStages)
        {
            stage.start();
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
        final TaskGroup g = group;
        try
        {
            g.submit(morsel);
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
                for (int k = 0; k < specs.size(); k++)
                {
                    operators[k] = specs.get(k).factory().get();
                    contexts[k] = new OperatorContext(specs.get(k).description(), i, parallelism, stage.bounded(),
                        instanceAllocator, compiler);
                }
                if (terminal)
                {
                    operators[specs.size()] = new SinkOperator(stage.sink(), rowsWritten);
                    contexts[specs.size()] = new OperatorContext("sink " + stage.sink().describe(), i, parallelism,
                        stage.bounded(), instanceAllocator, compiler);
                }
                final int inputs = stage.isSourceStage() ? 1 : stage.inputs().size();
                stageRouters[i] = new Router(name + "/stage" + stage.id(), i, instanceAllocator);
                routers.add(stageRouters[i]);
                stageChains[i] = new Chain(operators, inputs, stageRouters[i]);
                chains.add(stageChains[i]);
                stageChains[i].open(contexts);
            }
            if (stage.isSourceStage())
            {
                // every instance's router has the same edges; the first one answers for all
                final SourceStage source = new SourceStage(this, stage, stageChains, stageRouters[0],
                    child("stage" + stage.id() + "-read"), child("stage" + stage.id() + "-morsels"), morselRows);
                sourceStages.add(source);
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
            result.complete(new JobResult(name, rowsRead.sum(), rowsWritten.sum(),
                Duration.ofNanos(System.nanoTime() - startNanos)));
        }
    }

    /** Releases everything; returns the first failure (a leak is one). */
    private RuntimeException cleanup(final RuntimeException previous)
    {
        RuntimeException failure = previous;
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
