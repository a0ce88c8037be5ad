package io.sabot.runtime.operator;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;

/**
 * A reusable non-null int64 column that operators feed to kernels alongside a batch's own columns (a constant group
 * key, a batch sequence number, a running row number). It grows to the largest batch seen and is refilled per batch.
 *
 * <p>Owned by one operator; not thread-safe; {@link #close()} frees it.
 */
final class LongScratch implements AutoCloseable
{
    private final BigIntVector vector;
    private int capacity;

    LongScratch(final BufferAllocator allocator, final String name)
    {
        this.vector = new BigIntVector(name, allocator);
    }

    /**
     * @param rows  the physical row count of the batch it accompanies.
     * @param base  the value of row 0.
     * @param step  added per row (0 for a constant column).
     * @return the column, {@code rows} long; valid until the next call.
     */
    BigIntVector fill(final int rows, final long base, final long step)
    {
        if (rows > capacity || capacity == 0)
        {
            vector.clear();
            vector.allocateNew(Math.max(rows, 16));
            capacity = vector.getValueCapacity();
        }
        long value = base;
        for (int i = 0; i < rows; i++)
        {
            vector.set(i, value);
            value += step;
        }
        vector.setValueCount(rows);
        return vector;
    }

    @Override
    public void close()
    {
        vector.close();
    }
}
