package io.sabot.runtime.exec;

import java.util.concurrent.atomic.LongAdder;

import io.sabot.kernels.Batch;
import io.sabot.runtime.operator.Operator;
import io.sabot.runtime.operator.OperatorContext;
import io.sabot.runtime.operator.Output;
import io.sabot.runtime.sink.Sink;
import io.sabot.runtime.sink.SinkWriter;
import io.sabot.runtime.sink.TransactionalSink;

/**
 * The last operator of a terminal chain: hands batches to one {@link SinkWriter} of the sink and counts rows.
 */
final class SinkOperator implements Operator
{
    private final Sink sink;
    private final LongAdder rowsWritten;
    private SinkWriter writer;
    private int instance;
    private int parallelism;
    /** For a transactional sink: the id the transaction left at end of input belongs to (set by the trigger). */
    private volatile long finalCheckpointId = -1;
    /** For a transactional sink: the transaction pre-committed at end of input. */
    private byte[] finalHandle;

    SinkOperator(final Sink sink, final LongAdder rowsWritten)
    {
        this.sink = sink;
        this.rowsWritten = rowsWritten;
    }

    @Override
    public void open(final OperatorContext context)
    {
        instance = context.instance();
        parallelism = context.parallelism();
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
        if (finalCheckpointId >= 0 && writer instanceof TransactionalSink.TransactionalWriter transactional)
        {
            finalHandle = transactional.preCommit(finalCheckpointId);
        }
    }

    Sink sink()
    {
        return sink;
    }

    int instance()
    {
        return instance;
    }

    int parallelism()
    {
        return parallelism;
    }

    /** Checkpointed jobs: end of input pre-commits the last rows as transaction {@code id}. */
    void finalCheckpointId(final long id)
    {
        this.finalCheckpointId = id;
    }

    byte[] finalHandle()
    {
        return finalHandle;
    }

    /** At a barrier: ends the writer's transaction; null when the sink is not transactional. */
    byte[] preCommit(final long checkpointId)
    {
        return writer instanceof TransactionalSink.TransactionalWriter transactional ?
            transactional.preCommit(checkpointId) : null;
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
