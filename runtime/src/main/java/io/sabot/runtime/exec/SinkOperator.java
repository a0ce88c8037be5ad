package io.sabot.runtime.exec;

import java.util.concurrent.atomic.LongAdder;

import io.sabot.kernels.Batch;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;

/**
 * The last operator of a terminal chain: hands batches to one {@link SinkWriter} of the sink and counts rows.
 */
final class SinkOperator implements Operator
{
    private final Sink sink;
    private final LongAdder rowsWritten;
    private SinkWriter writer;

    SinkOperator(final Sink sink, final LongAdder rowsWritten)
    {
        this.sink = sink;
        this.rowsWritten = rowsWritten;
    }

    @Override
    public void open(final OperatorContext context)
    {
        writer = sink.open(context.instance(), context.parallelism(), context.allocator());
    }

    @Override
    public void processBatch(final int input, final Batch batch, final Output out)
    {
        rowsWritten.add(Batches.liveRows(batch));
        writer.write(batch);
    }

    @Override
    public void endOfInput(final int input, final Output out)
    {
        writer.finish();
    }

    @Override
    public void close()
    {
        if (writer != null)
        {
            writer.close();
        }
    }
}
