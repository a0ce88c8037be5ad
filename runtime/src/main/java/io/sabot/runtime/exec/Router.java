package io.sabot.runtime.exec;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.runtime.operator.CheckpointBarrier;
import io.sabot.runtime.operator.EndOfInput;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.operator.StreamElement;
import io.sabot.runtime.operator.Watermark;
import io.sabot.runtime.plan.Exchange;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The end of one instance's chain: sends batches to the consumer stages' instances according to each edge's
 * exchange, and watermarks, barriers and end-of-input to every consumer instance. A terminal chain (ending in a sink)
 * has no edges. Driven by the thread driving its chain.
 */
final class Router implements Output
{
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Router.class);

    private final String name;
    private final int channel;
    private final BufferAllocator allocator;
    private final List<Edge> edges = new ArrayList<>();

    Router(final String name, final int channel, final BufferAllocator allocator)
    {
        this.name = name;
        this.channel = channel;
        this.allocator = allocator;
    }

    void addEdge(final ActorStage target, final int input, final Exchange exchange)
    {
        final HashPartitioner partitioner = exchange instanceof Exchange.Hash hash && target.parallelism() > 1 ?
            new HashPartitioner(hash.keys(), target.parallelism(), allocator) : null;
        edges.add(new Edge(target, input, exchange, partitioner));
    }

    @Override
    public void emit(final Batch batch)
    {
        if (LOG.isTraceEnabled())
        {
            LOG.trace("{}[{}] emits {} rows to {} edges", name, channel, Batches.liveRows(batch), edges.size());
        }
        if (Batches.liveRows(batch) == 0 || edges.isEmpty())
        {
            batch.close();
            return;
        }
        final int last = edges.size() - 1;
        for (int e = 0; e < last; e++)
        {
            route(edges.get(e), Batches.share(batch, allocator));
        }
        route(edges.get(last), batch);
    }

    private void route(final Edge edge, final Batch batch)
    {
        final ActorStage target = edge.target;
        final int parallelism = target.parallelism();
        switch (edge.exchange)
        {
            case Exchange.Single ignored -> target.instance(0).enqueue(edge.input, channel, new StreamElement.Data(batch));
            case Exchange.Forward ignored ->
                target.instance(channel % parallelism).enqueue(edge.input, channel, new StreamElement.Data(batch));
            case Exchange.Broadcast ignored ->
            {
                for (int i = 0; i < parallelism - 1; i++)
                {
                    target.instance(i).enqueue(edge.input, channel,
                        new StreamElement.Data(Batches.share(batch, allocator)));
                }
                target.instance(parallelism - 1).enqueue(edge.input, channel, new StreamElement.Data(batch));
            }
            case Exchange.Hash ignored ->
            {
                if (edge.partitioner == null)
                {
                    target.instance(0).enqueue(edge.input, channel, new StreamElement.Data(batch));
                }
                else
                {
                    edge.partitioner.partition(batch, (partition, part) ->
                        target.instance(partition).enqueue(edge.input, channel, new StreamElement.Data(part)));
                }
            }
        }
    }

    @Override
    public void emitWatermark(final Watermark watermark)
    {
        broadcast(watermark);
    }

    @Override
    public void emitBarrier(final CheckpointBarrier barrier)
    {
        broadcast(barrier);
    }

    /** @return whether every consumer stage needs no more input (false for a terminal chain). */
    boolean consumersSaturated()
    {
        if (edges.isEmpty())
        {
            return false;
        }
        for (final Edge edge : edges)
        {
            if (!edge.target.saturated())
            {
                return false;
            }
        }
        return true;
    }

    void endOfInput()
    {
        LOG.trace("{}[{}] ends", name, channel);
        broadcast(EndOfInput.INSTANCE);
    }

    private void broadcast(final StreamElement element)
    {
        for (final Edge edge : edges)
        {
            for (int i = 0; i < edge.target.parallelism(); i++)
            {
                edge.target.instance(i).enqueue(edge.input, channel, element);
            }
        }
    }

    void close()
    {
        for (final Edge edge : edges)
        {
            if (edge.partitioner != null)
            {
                edge.partitioner.close();
            }
        }
    }

    private record Edge(ActorStage target, int input, Exchange exchange, HashPartitioner partitioner)
    {
    }
}
