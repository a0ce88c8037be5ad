package io.sabot.kernels.hashagg;

import io.sabot.common.SabotException;

/**
 * The {@link HashAggregator} could not allocate memory from its {@link org.apache.arrow.memory.BufferAllocator}
 * (the allocator's limit was reached). The batch that was being added is not applied at all: every group and every
 * aggregate value accepted before it is intact, and the aggregator stays usable (for example, emit a result, reset,
 * then continue) and closable.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class AggregationMemoryException extends SabotException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being allocated and how many groups were held.
     * @param cause   the allocator's {@link org.apache.arrow.memory.OutOfMemoryException}.
     */
    public AggregationMemoryException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
