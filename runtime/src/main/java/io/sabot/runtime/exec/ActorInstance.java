package io.sabot.runtime.exec;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.operator.EndOfInput;
import io.sabot.runtime.operator.StreamElement;
import io.sabot.runtime.operator.Watermark;
import io.sabot.sched.Morsel;
import io.sabot.sched.MorselContext;

/**
 * One instance of an exchange-fed stage: a mailbox (many producers, one consumer) drained by a morsel that is
 * scheduled whenever the mailbox becomes non-empty, so at most one worker drives the chain at a time and no thread
 * ever waits for input.
 *
 * <p>It combines watermarks (minimum over every producer channel of every input; an ended channel counts as
 * {@link Watermark#MAX}) and counts end-of-input per input: an input ends when all its producer instances ended.
 */
final class ActorInstance implements Morsel
{
    /** Elements handled per run before yielding the worker to other work. */
    private static final int DRAIN_LIMIT = 32;

    private final JobExecution job;
    private final Chain chain;
    private final int[] producers;
    private final int[] ended;
    private final long[][] channelWatermarks;
    private final Queue<Envelope> mailbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** A processing-time wake-up fired: the next run calls the chain's timers first. */
    private final AtomicBoolean timerDue = new AtomicBoolean();
    private final boolean terminal;
    private long watermark = Long.MIN_VALUE;
    /** Per input and channel: ended (counts as aligned for every later barrier). */
    private final boolean[][] channelEnded;
    /** Barrier alignment: the checkpoint being aligned (-1: none), which channels delivered it, what they sent since. */
    private long aligning = -1;
    private CheckpointBarrier alignBarrier;
    private final boolean[][] blocked;
    private final ArrayDeque<Envelope> held = new ArrayDeque<>();

    private ActorStage stage;
    private boolean saturated;

    ActorInstance(final JobExecution job, final Chain chain, final int[] producers, final boolean terminal)
    {
        this.job = job;
        this.chain = chain;
        this.producers = producers;
        this.terminal = terminal;
        this.ended = new int[producers.length];
        this.channelWatermarks = new long[producers.length][];
        for (int i = 0; i < producers.length; i++)
        {
            channelWatermarks[i] = new long[producers[i]];
            Arrays.fill(channelWatermarks[i], Long.MIN_VALUE);
        }
        this.channelEnded = new boolean[producers.length][];
        this.blocked = new boolean[producers.length][];
        for (int i = 0; i < producers.length; i++)
        {
            channelEnded[i] = new boolean[producers[i]];
            blocked[i] = new boolean[producers[i]];
        }
    }

    Chain chain()
    {
        return chain;
    }

    void stage(final ActorStage owner)
    {
        this.stage = owner;
    }

    void enqueue(final int input, final int channel, final StreamElement element)
    {
        if (element instanceof StreamElement.Data)
        {
            job.queuedBatches.incrementAndGet();
        }
        mailbox.add(new Envelope(input, channel, element));
        schedule();
    }

    /** Timer thread: a processing-time wake-up of this instance is due (runs in the actor, like its mail). */
    void wakeUp()
    {
        timerDue.set(true);
        schedule();
    }

    private void schedule()
    {
        if (scheduled.compareAndSet(false, true))
        {
            job.submit(this);
        }
    }

    @Override
    public void run(final MorselContext ctx)
    {
        if (timerDue.getAndSet(false))
        {
            chain.onProcessingTime();
        }
        int handled = 0;
        Envelope envelope;
        while (handled < DRAIN_LIMIT && (envelope = mailbox.poll()) != null)
        {
            handle(envelope);
            handled++;
        }
        scheduled.set(false);
        if (!mailbox.isEmpty() || timerDue.get())
        {
            schedule();
        }
    }

    private void handle(final Envelope envelope)
    {
        if (aligning >= 0 && blocked[envelope.input][envelope.channel])
        {
            // the channel already delivered the barrier: what follows belongs after the checkpoint
            held.addLast(envelope);
            return;
        }
        switch (envelope.element)
        {
            case StreamElement.Data data ->
            {
                job.queuedBatches.decrementAndGet();
                chain.processBatch(envelope.input, data.batch());
                if (!saturated && !chain.needsMoreInput())
                {
                    saturated = true;
                    stage.instanceSaturated();
                }
            }
            case Watermark w -> advance(envelope.input, envelope.channel, w.timestamp());
            case CheckpointBarrier barrier -> align(envelope.input, envelope.channel, barrier);
            case EndOfInput ignored ->
            {
                channelEnded[envelope.input][envelope.channel] = true;
                if (aligning >= 0)
                {
                    // an ended channel sends no barrier: the alignment may be complete now, and the barrier must
                    // pass before this end-of-input flushes the chain
                    tryCompleteAlignment();
                }
                advance(envelope.input, envelope.channel, Long.MAX_VALUE);
                if (++ended[envelope.input] == producers[envelope.input] && chain.endOfInput(envelope.input) &&
                    terminal)
                {
                    job.terminalInstanceFinished();
                }
            }
        }
    }

    private void align(final int input, final int channel, final CheckpointBarrier barrier)
    {
        if (aligning < 0)
        {
            aligning = barrier.id();
            alignBarrier = barrier;
        }
        else if (barrier.id() != aligning)
        {
            throw new IllegalStateException("barrier " + barrier.id() + " on input " + input + " channel " + channel +
                " while aligning " + aligning);
        }
        blocked[input][channel] = true;
        tryCompleteAlignment();
    }

    private void tryCompleteAlignment()
    {
        int channels = 0;
        for (final int p : producers)
        {
            channels += p;
        }
        int aligned = 0;
        for (int in = 0; in < producers.length; in++)
        {
            for (int c = 0; c < producers[in]; c++)
            {
                if (blocked[in][c] || channelEnded[in][c])
                {
                    aligned++;
                }
            }
        }
        if (aligned < channels)
        {
            return;
        }
        final CheckpointBarrier barrier = alignBarrier;
        aligning = -1;
        alignBarrier = null;
        for (final boolean[] b : blocked)
        {
            Arrays.fill(b, false);
        }
        chain.processBarrier(barrier);
        // replay what the aligned channels sent meanwhile, in arrival order (it may start the next alignment)
        final ArrayDeque<Envelope> replay = new ArrayDeque<>(held);
        held.clear();
        Envelope next;
        while ((next = replay.pollFirst()) != null)
        {
            if (aligning >= 0 && blocked[next.input][next.channel])
            {
                held.addLast(next);
            }
            else
            {
                handle(next);
            }
        }
    }

    private void advance(final int input, final int channel, final long timestamp)
    {
        if (timestamp <= channelWatermarks[input][channel])
        {
            return;
        }
        channelWatermarks[input][channel] = timestamp;
        long min = Long.MAX_VALUE;
        for (final long[] channels : channelWatermarks)
        {
            for (final long w : channels)
            {
                min = Math.min(min, w);
            }
        }
        if (min > watermark && min != Long.MAX_VALUE)
        {
            watermark = min;
            chain.processWatermark(new Watermark(min));
        }
    }

    /** Closes every batch still queued (after a failure or cancellation). */
    void drainAndClose()
    {
        for (final Envelope h : held)
        {
            if (h.element instanceof StreamElement.Data data)
            {
                data.batch().close();
            }
        }
        held.clear();
        Envelope envelope;
        while ((envelope = mailbox.poll()) != null)
        {
            if (envelope.element instanceof StreamElement.Data data)
            {
                data.batch().close();
            }
        }
    }

    private record Envelope(int input, int channel, StreamElement element)
    {
    }
}
