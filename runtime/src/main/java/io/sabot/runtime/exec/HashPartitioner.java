package io.sabot.runtime.exec;

import java.util.ArrayList;
import java.util.List;

import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.hash.Hashing;
import io.sabot.kernels.select.Filter;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Splits a batch by {@code hash(keys)} into one dense batch per target instance, so equal keys always reach the same
 * instance. The hash is the kernels' row hash; the partition is taken from its high 32 bits (multiply-shift, no
 * modulo), leaving the low bits independent for the consumers' own hash tables.
 *
 * <p>Reuses its hash and selection buffers across batches. Not thread-safe.
 */
final class HashPartitioner
{
    /** Receives one partition's rows. */
    @FunctionalInterface
    interface PartitionConsumer
    {
        void accept(int partition, Batch rows);
    }

    private final List<String> keys;
    private final int partitions;
    private final BufferAllocator allocator;
    private final BigIntVector hashes;
    private final SelectionVector[] selections;
    private final int[] counts;

    HashPartitioner(final List<String> keys, final int partitions, final BufferAllocator allocator)
    {
        this.keys = List.copyOf(keys);
        this.partitions = partitions;
        this.allocator = allocator;
        this.hashes = new BigIntVector("hash", allocator);
        this.selections = new SelectionVector[partitions];
        this.counts = new int[partitions];
    }

    void partition(final Batch batch, final PartitionConsumer consumer)
    {
        try (batch)
        {
            final int rows = Batches.liveRows(batch);
            final List<FieldVector> keyColumns = new ArrayList<>(keys.size());
            for (final String key : keys)
            {
                keyColumns.add(batch.column(key));
            }
            Hashing.hash(batch.rows(), keyColumns, hashes);
            for (int p = 0; p < partitions; p++)
            {
                if (selections[p] == null || selections[p].capacity() < rows)
                {
                    if (selections[p] != null)
                    {
                        selections[p].close();
                    }
                    selections[p] = new SelectionVector(allocator, Math.max(rows, 1024));
                }
                counts[p] = 0;
            }
            for (int i = 0; i < rows; i++)
            {
                final long hash = hashes.getDataBuffer().getLong((long)i << 3);
                final int p = io.sabot.runtime.checkpoint.KeyOwnership.partition(hash, partitions);
                selections[p].set(counts[p]++, i);
            }
            for (int p = 0; p < partitions; p++)
            {
                if (counts[p] > 0)
                {
                    selections[p].count(counts[p]);
                    consumer.accept(p, Filter.filter(batch, selections[p], allocator));
                }
            }
        }
    }

    void close()
    {
        hashes.close();
        for (final SelectionVector selection : selections)
        {
            if (selection != null)
            {
                selection.close();
            }
        }
    }
}
