package io.sabot.runtime.connector.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.sabot.common.StateException;

/**
 * What a {@link TransactionalKafkaSink} writer's {@code preCommit} hands to the checkpoint: which writer and
 * checkpoint the transaction belongs to, its transactional id, and where its records are (runs of consecutive offsets
 * per partition), so that the transaction can be committed later or, if it can no longer be committed, re-produced
 * from the log. Immutable (the arrays are never modified after construction); thread-safe.
 *
 * @param topic           the sink's topic.
 * @param instance        the writer's index.
 * @param checkpointId    the checkpoint.
 * @param transactionalId the producer's {@code transactional.id}; empty for an empty transaction.
 * @param partitions      per run, its partition (empty for an empty transaction).
 * @param firsts          per run, its first offset.
 * @param lasts           per run, its last offset (inclusive).
 */
record KafkaTransactionHandle(String topic, int instance, long checkpointId, String transactionalId, int[] partitions,
                              long[] firsts, long[] lasts)
{
    private static final byte VERSION = 1;

    static KafkaTransactionHandle of(final String topic, final int instance, final long checkpointId,
        final String transactionalId, final OffsetRuns runs)
    {
        final int n = runs.count();
        final int[] partitions = new int[n];
        final long[] firsts = new long[n];
        final long[] lasts = new long[n];
        for (int i = 0; i < n; i++)
        {
            partitions[i] = runs.partition(i);
            firsts[i] = runs.first(i);
            lasts[i] = runs.last(i);
        }
        return new KafkaTransactionHandle(topic, instance, checkpointId, transactionalId, partitions, firsts, lasts);
    }

    static KafkaTransactionHandle empty(final String topic, final int instance, final long checkpointId)
    {
        return new KafkaTransactionHandle(topic, instance, checkpointId, "", new int[0], new long[0], new long[0]);
    }

    /** @return whether the transaction wrote nothing (nothing to commit or re-produce). */
    boolean isEmpty()
    {
        return partitions.length == 0;
    }

    /** @return how many records the transaction wrote. */
    long records()
    {
        long n = 0;
        for (int i = 0; i < partitions.length; i++)
        {
            n += lasts[i] - firsts[i] + 1;
        }
        return n;
    }

    byte[] encode()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + partitions.length * 20);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeByte(VERSION);
            out.writeUTF(topic);
            out.writeInt(instance);
            out.writeLong(checkpointId);
            out.writeUTF(transactionalId);
            out.writeInt(partitions.length);
            for (int i = 0; i < partitions.length; i++)
            {
                out.writeInt(partitions[i]);
                out.writeLong(firsts[i]);
                out.writeLong(lasts[i]);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param bytes an {@link #encode()} result.
     * @param topic the decoding sink's topic.
     * @return the handle.
     * @throws StateException when the bytes are not a handle of a Kafka sink writing to {@code topic}.
     */
    static KafkaTransactionHandle decode(final byte[] bytes, final String topic)
    {
        final KafkaTransactionHandle h;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            final byte version = in.readByte();
            if (version != VERSION)
            {
                throw new StateException("not a Kafka transaction handle (version byte " + version + ") for topic '" +
                    topic + "'", null);
            }
            final String handleTopic = in.readUTF();
            final int instance = in.readInt();
            final long checkpointId = in.readLong();
            final String transactionalId = in.readUTF();
            final int n = in.readInt();
            if (n < 0 || n > bytes.length / 20)
            {
                throw new StateException("corrupt Kafka transaction handle for topic '" + topic + "': " + n +
                    " offset runs in " + bytes.length + " bytes", null);
            }
            final int[] partitions = new int[n];
            final long[] firsts = new long[n];
            final long[] lasts = new long[n];
            for (int i = 0; i < n; i++)
            {
                partitions[i] = in.readInt();
                firsts[i] = in.readLong();
                lasts[i] = in.readLong();
            }
            h = new KafkaTransactionHandle(handleTopic, instance, checkpointId, transactionalId, partitions, firsts,
                lasts);
        }
        catch (final IOException e)
        {
            throw new StateException("truncated Kafka transaction handle (" + bytes.length + " bytes) for topic '" +
                topic + "'", e);
        }
        if (!h.topic.equals(topic))
        {
            throw new StateException("the checkpoint's Kafka transaction of writer " + h.instance + " wrote to topic '" +
                h.topic + "', not to this sink's topic '" + topic + "'", null);
        }
        return h;
    }

    @Override
    public String toString()
    {
        return "transaction '" + transactionalId + "' of writer " + instance + " for checkpoint " + checkpointId +
            " (" + records() + " records in " + partitions.length + " offset runs of topic '" + topic + "')";
    }
}
