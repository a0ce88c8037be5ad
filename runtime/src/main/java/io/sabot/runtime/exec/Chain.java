package io.sabot.runtime.exec;

import io.sabot.kernels.Batch;
import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.operator.Watermark;

/**
 * One instance of a stage's fused operators: operator {@code k} emits straight into operator {@code k + 1}, the
 * last into the stage's {@link Router}. Driven by one thread at a time.
 */
final class Chain
{
    private final Operator[] operators;
    private final Output[] outputs;
    private final int inputs;
    private final Router router;
    private final BarrierListener barriers;
    private final InstanceTimers timers;
    private int endedInputs;
    private boolean finished;

    Chain(final Operator[] operators, final int inputs, final Router router)
    {
        this(operators, inputs, router, null);
    }

    /**
     * @param barriers told when each operator forwards a checkpoint barrier and when it left the chain; null when
     *                 the job takes no checkpoints.
     */
    Chain(final Operator[] operators, final int inputs, final Router router, final BarrierListener barriers)
    {
        this(operators, inputs, router, barriers, null);
    }

    /**
     * @param barriers told when each operator forwards a checkpoint barrier; null without checkpoints.
     * @param timers   the instance's processing-time wake-ups, or null when its operators get none.
     */
    Chain(final Operator[] operators, final int inputs, final Router router, final BarrierListener barriers,
          final InstanceTimers timers)
    {
        this.timers = timers;
        this.operators = operators;
        this.inputs = inputs;
        this.router = router;
        this.barriers = barriers;
        this.outputs = new Output[operators.length];
        for (int k = 0; k < operators.length; k++)
        {
            outputs[k] = k == operators.length - 1 ? new Tail(k) : new Link(operators[k + 1], k + 1);
        }
    }

    /** Hears a barrier pass through a chain instance (snapshots are taken as each operator forwards it). */
    interface BarrierListener
    {
        /**
         * Operator {@code operator} forwarded the barrier: everything it emitted before belongs to the checkpoint's
         * past, everything it holds to the snapshot.
         */
        void forwarded(int operator, CheckpointBarrier barrier);

        /** The barrier left the chain (after the router sent it on). */
        void passed(CheckpointBarrier barrier);
    }

    Operator operator(final int index)
    {
        return operators[index];
    }

    int operatorCount()
    {
        return operators.length;
    }

    void open(final OperatorContext[] contexts)
    {
        for (int k = 0; k < operators.length; k++)
        {
            operators[k].open(contexts[k]);
        }
    }

    void processBatch(final int input, final Batch batch)
    {
        if (operators.length == 0)
        {
            router.emit(batch);
            return;
        }
        operators[0].processBatch(input, batch, outputs[0]);
    }

    void processWatermark(final Watermark watermark)
    {
        if (operators.length == 0)
        {
            router.emitWatermark(watermark);
            return;
        }
        operators[0].processWatermark(watermark, outputs[0]);
    }

    void processBarrier(final CheckpointBarrier barrier)
    {
        if (operators.length == 0)
        {
            router.emitBarrier(barrier);
            if (barriers != null)
            {
                barriers.passed(barrier);
            }
            return;
        }
        operators[0].processBarrier(barrier, outputs[0]);
    }

    /**
     * A processing-time wake-up of this instance fired (the driver calls this on the driving thread): every operator
     * whose requested time has come runs {@code onProcessingTime}, in chain order, then the earliest remaining
     * request is scheduled. Nothing runs once the last input ended.
     */
    void onProcessingTime()
    {
        if (timers == null || finished || timers.quiesced())
        {
            return;
        }
        final long now = timers.now();
        for (int k = 0; k < operators.length; k++)
        {
            if (timers.due(k, now))
            {
                operators[k].onProcessingTime(now, outputs[k]);
            }
        }
        timers.rescheduleRemaining();
    }

    /**
     * @return true when this was the last input: the whole chain has flushed and the router sent end-of-input.
     */
    boolean endOfInput(final int input)
    {
        if (timers != null && endedInputs + 1 == inputs)
        {
            // Flink's streaming behaviour: pending processing-time wake-ups are dropped when the input ends
            timers.quiesce();
        }
        if (operators.length > 0)
        {
            operators[0].endOfInput(input, outputs[0]);
        }
        if (++endedInputs < inputs)
        {
            return false;
        }
        for (int k = 1; k < operators.length; k++)
        {
            operators[k].endOfInput(0, outputs[k]);
        }
        finished = true;
        router.endOfInput();
        return true;
    }

    boolean finished()
    {
        return finished;
    }

    /**
     * @return whether input could still change the chain's output: false once any operator needs no more input (every
     * row passes through each operator of the chain, so one satisfied limit makes more input useless).
     */
    boolean needsMoreInput()
    {
        for (final Operator operator : operators)
        {
            if (!operator.needsMoreInput())
            {
                return false;
            }
        }
        return true;
    }

    /** Closes every operator, keeping the first failure. */
    RuntimeException close(final RuntimeException previous)
    {
        RuntimeException failure = previous;
        for (final Operator operator : operators)
        {
            try
            {
                operator.close();
            }
            catch (final RuntimeException e)
            {
                if (failure == null)
                {
                    failure = e;
                }
                else
                {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    private final class Link implements Output
    {
        private final Operator next;
        private final int index;

        Link(final Operator next, final int index)
        {
            this.next = next;
            this.index = index;
        }

        @Override
        public void emit(final Batch batch)
        {
            if (Batches.liveRows(batch) == 0)
            {
                batch.close();
                return;
            }
            next.processBatch(0, batch, outputs[index]);
        }

        @Override
        public void emitWatermark(final Watermark watermark)
        {
            next.processWatermark(watermark, outputs[index]);
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
            if (barriers != null)
            {
                barriers.forwarded(index - 1, barrier);
            }
            next.processBarrier(barrier, outputs[index]);
        }
    }

    /** The last operator's output: the router, plus the barrier bookkeeping. */
    private final class Tail implements Output
    {
        private final int index;

        Tail(final int index)
        {
            this.index = index;
        }

        @Override
        public void emit(final Batch batch)
        {
            router.emit(batch);
        }

        @Override
        public void emitWatermark(final Watermark watermark)
        {
            router.emitWatermark(watermark);
        }

        @Override
        public void emitBarrier(final CheckpointBarrier barrier)
        {
            if (barriers != null)
            {
                barriers.forwarded(index, barrier);
            }
            router.emitBarrier(barrier);
            if (barriers != null)
            {
                barriers.passed(barrier);
            }
        }
    }
}
