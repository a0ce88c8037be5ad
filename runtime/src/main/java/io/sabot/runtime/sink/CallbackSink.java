package io.sabot.runtime.sink;

import java.util.Objects;
import java.util.function.Consumer;

import io.sabot.kernels.Batch;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Hands every batch to a user callback.
 *
 * <p>Ownership: the batch is borrowed: it is valid only during the call and closed right after the callback returns
 * (or throws); copy what must outlive the call. The batch may carry a selection: read {@link Batch#rows()} (or use
 * {@link ArrowValues#rows(Batch)}).
 *
 * <p>Thread-safety: calls are serialized (one at a time, across all parallel writers, with happens-before between
 * them), so the callback need not be thread-safe. Order across instances is not defined.
 */
public final class CallbackSink implements Sink
{
    private final Consumer<Batch> callback;
    private final Object lock = new Object();

    CallbackSink(final Consumer<Batch> callback)
    {
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    @Override
    public boolean parallel()
    {
        return true;
    }

    @Override
    public SinkWriter open(final int instance, final int parallelism, final BufferAllocator allocator)
    {
        return new SinkWriter()
        {
            @Override
            public void write(final Batch batch)
            {
                try (batch)
                {
                    synchronized (lock)
                    {
                        callback.accept(batch);
                    }
                }
            }

            @Override
            public void finish()
            {
            }

            @Override
            public void close()
            {
            }
        };
    }

    @Override
    public String describe()
    {
        return "Callback[" + callback + "]";
    }
}
