package io.sabot.runtime.exec;

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
    private final boolean terminal;
    private long watermark = Long.MIN_VALUE;

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
        int handled = 0;
        Envelope envelope;
        while (handled < DRAIN_LIMIT && (envelope = mailbox.poll()) != null)
        {
            handle(envelope);
            handled++;
        }
        scheduled.set(false);
        if (!mailbox.isEmpty())
        {
            schedule();
        }
    }

    private void handle(final Envelope envelope)
    {
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
            case CheckpointBarrier barrier -> chain.processBarrier(barrier);
            case EndOfInput ignored ->
            {
                advance(envelope.input, envelope.channel, Long.MAX_VALUE);
                if (++ended[envelope.input] == producers[envelope.input] && chain.endOfInput(envelope.input) &&
                    terminal)
                {
                    job.terminalInstanceFinished();
                }
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
