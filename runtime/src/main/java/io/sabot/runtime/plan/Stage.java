package io.sabot.runtime.plan;

import java.util.List;

import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.source.Source;

/**
 * A physical stage: a chain of fused operators run by {@code parallelism} instances, fed by a source (then it is
 * morsel-driven: any worker runs any morsel through its own chain instance) or by exchanges from earlier stages (then
 * each instance is a mailbox driven by one worker at a time). A terminal stage ends in a sink.
 *
 * @param id          the stage's index in {@link PhysicalPlan#stages()} (upstream stages come first).
 * @param source      the source, or {@code null} for an exchange-fed stage.
 * @param inputs      the exchange inputs (input {@code i} of the first operator), empty for a source stage.
 * @param chain       the fused operators, first to last.
 * @param parallelism the number of instances.
 * @param bounded     whether every source upstream ends.
 * @param sink        the sink the chain writes to, or {@code null} if the stage feeds other stages.
 * @param eventTime   for a source stage: how the source's rows carry event time and watermarks; else {@code null}.
 */
public record Stage(int id, Source source, List<Input> inputs, List<OperatorSpec> chain, int parallelism,
                    boolean bounded, Sink sink, EventTime eventTime)
{
    /** A stage without event time. */
    public Stage(final int id, final Source source, final List<Input> inputs, final List<OperatorSpec> chain,
        final int parallelism, final boolean bounded, final Sink sink)
    {
        this(id, source, inputs, chain, parallelism, bounded, sink, null);
    }

    /**
     * Event time of a source: the int64 (milliseconds) or timestamp column holding it, and the bounded
     * out-of-orderness of the watermarks generated from it: after the rows of a source batch, the watermark is the
     * largest event time read so far minus {@code maxOutOfOrderness} minus 1.
     *
     * @param column            the event-time column.
     * @param maxOutOfOrderness how far (ms) a row may trail the largest event time before it is late.
     * @param idleTimeout       a split that read nothing for this long (ms) stops holding the watermark back until
     *                          it reads again; 0: never.
     */
    public record EventTime(String column, long maxOutOfOrderness, long idleTimeout)
    {
    }

    /**
     * One exchange input of a stage.
     *
     * @param stage    the producing stage's id.
     * @param exchange how rows are distributed.
     */
    public record Input(int stage, Exchange exchange)
    {
    }

    /**
     * @return whether this stage reads a source.
     */
    public boolean isSourceStage()
    {
        return source != null;
    }
}
