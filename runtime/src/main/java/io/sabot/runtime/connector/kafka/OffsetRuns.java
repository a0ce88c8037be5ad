package io.sabot.runtime.connector.kafka;

import java.util.Arrays;

/**
 * The offsets one transaction's records got, as runs of consecutive offsets per partition: what a
 * {@link TransactionalKafkaSink} needs to find its records in the log again when a transaction must be re-produced.
 * A producer's records of one partition land in batches of consecutive offsets, so a run covers a whole batch and
 * there are about as many runs as produce requests, not as records.
 *
 * <p>Not thread-safe: {@link #add} is called on the producer's I/O thread (send callbacks), {@link #seal} and the
 * getters on the writer's thread after {@code KafkaProducer.flush()}, which returns only after every callback ran
 * (the batch futures complete after their callbacks), so those calls are ordered. Grows without allocating per
 * record (amortized).
 */
final class OffsetRuns
{
    private int[] partitions = new int[16];
    private long[] firsts = new long[16];
    private long[] lasts = new long[16];
    private int count;
    /** partition -> index of its latest run + 1 (0: none yet). */
    private int[] latest = new int[8];

    /**
     * @param partition the record's partition.
     * @param offset    its offset.
     */
    void add(final int partition, final long offset)
    {
        if (partition >= latest.length)
        {
            latest = Arrays.copyOf(latest, Math.max(partition + 1, latest.length * 2));
        }
        final int run = latest[partition] - 1;
        if (run >= 0 && lasts[run] + 1 == offset)
        {
            lasts[run] = offset;
            return;
        }
        if (count == partitions.length)
        {
            partitions = Arrays.copyOf(partitions, count * 2);
            firsts = Arrays.copyOf(firsts, count * 2);
            lasts = Arrays.copyOf(lasts, count * 2);
        }
        partitions[count] = partition;
        firsts[count] = offset;
        lasts[count] = offset;
        latest[partition] = ++count;
    }

    /**
     * Sorts the runs by partition and first offset and merges adjacent ones (callbacks of one partition may complete
     * out of order after retries), so each partition's runs are disjoint and ascending. Call before reading them.
     */
    void seal()
    {
        if (count < 2)
        {
            return;
        }
        // insertion sort by (partition, first): few runs, mostly in order already
        for (int i = 1; i < count; i++)
        {
            final int p = partitions[i];
            final long f = firsts[i];
            final long l = lasts[i];
            int j = i - 1;
            while (j >= 0 && (partitions[j] > p || partitions[j] == p && firsts[j] > f))
            {
                partitions[j + 1] = partitions[j];
                firsts[j + 1] = firsts[j];
                lasts[j + 1] = lasts[j];
                j--;
            }
            partitions[j + 1] = p;
            firsts[j + 1] = f;
            lasts[j + 1] = l;
        }
        int out = 0;
        for (int i = 1; i < count; i++)
        {
            if (partitions[i] == partitions[out] && firsts[i] == lasts[out] + 1)
            {
                lasts[out] = lasts[i];
            }
            else
            {
                out++;
                partitions[out] = partitions[i];
                firsts[out] = firsts[i];
                lasts[out] = lasts[i];
            }
        }
        count = out + 1;
        Arrays.fill(latest, 0);
    }

    /** Forgets every run (the next transaction starts). */
    void clear()
    {
        count = 0;
        Arrays.fill(latest, 0);
    }

    int count()
    {
        return count;
    }

    int partition(final int run)
    {
        return partitions[run];
    }

    long first(final int run)
    {
        return firsts[run];
    }

    long last(final int run)
    {
        return lasts[run];
    }
}
