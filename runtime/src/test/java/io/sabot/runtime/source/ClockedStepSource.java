package io.sabot.runtime.source;

import java.nio.ByteBuffer;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.runtime.exec.ManualProcessingTime;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A test source (unbounded, one split) that plays steps: each poll sets a manual processing-time clock to the
 * step's time (unless it is negative) and returns the step's rows. After the last step it is idle (polls return
 * nothing) until {@link #finish()}. With one worker, a morsel runs before the next read, so every row is seen by the
 * chain at its step's clock. Checkpointed: the position is the next step.
 */
public final class ClockedStepSource implements CheckpointedSource
{
    /** @param clockMillis the clock while this step's rows are processed, or -1 to leave it. @param rows rows. */
    public record Step(long clockMillis, List<Object[]> rows)
    {
    }

    private static final SourceSplit SPLIT = () -> "steps";

    private final Schema schema;
    private final ManualProcessingTime clock;
    private final List<Step> steps;
    private volatile boolean finished;

    /**
     * @param schema the rows' schema.
     * @param clock  the clock the steps move.
     * @param steps  the steps.
     */
    public ClockedStepSource(final Schema schema, final ManualProcessingTime clock, final List<Step> steps)
    {
        this.schema = schema;
        this.clock = clock;
        this.steps = List.copyOf(steps);
    }

    /** Ends the split once its steps are read. */
    public void finish()
    {
        finished = true;
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public boolean bounded()
    {
        return false;
    }

    @Override
    public List<SourceSplit> splits(final int parallelism)
    {
        return List.of(SPLIT);
    }

    @Override
    public String describe()
    {
        return "clocked steps (" + steps.size() + ")";
    }

    @Override
    public byte[] encodeSplit(final SourceSplit split)
    {
        return new byte[0];
    }

    @Override
    public SourceSplit decodeSplit(final byte[] bytes)
    {
        return SPLIT;
    }

    @Override
    public PositionedReader open(final SourceSplit split, final BufferAllocator allocator, final byte[] position)
    {
        return new PositionedReader()
        {
            private int next = position == null ? 0 : ByteBuffer.wrap(position).getInt();

            @Override
            public byte[] position()
            {
                return ByteBuffer.allocate(4).putInt(next).array();
            }

            @Override
            public Batch poll()
            {
                if (next >= steps.size())
                {
                    return null;
                }
                final Step step = steps.get(next++);
                if (step.clockMillis() >= 0)
                {
                    clock.advanceTo(step.clockMillis());
                }
                return ValueWriter.batch(schema, step.rows(), 0, step.rows().size(), 0, allocator);
            }

            @Override
            public boolean finished()
            {
                return finished && next >= steps.size();
            }

            @Override
            public void close()
            {
            }
        };
    }
}
