package io.sabot.runtime.state;

import io.sabot.common.StateException;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.util.Arrays;

/**
 * Builds a RocksDB {@link WriteBatch} in its serialized form on the heap and hands it over in one JNI call, instead of
 * one JNI call per {@code put}: a snapshot's write-back of 100K cached entries spent more time crossing into native
 * code than encoding.
 *
 * <pre>
 *   batch   [sequence fixed64 LE = 0][count fixed32 LE] record*
 *   record  put:    0x05 (kTypeColumnFamilyValue)    [cf id varint32][key len varint32][key][value len varint32]
 *                                                    [value = expiresAt int64 BE, payload]
 *           delete: 0x04 (kTypeColumnFamilyDeletion) [cf id varint32][key len varint32][key]
 * </pre>
 *
 * The value layout is {@link RocksDbStateBackend}'s ({@code [expiresAt int64][payload]}). Thread-safety: not
 * thread-safe; one backend's thread. The buffer is reused between batches (it grows to the largest batch).
 */
final class WriteBatchEncoder
{
    private static final int HEADER = 12;
    private static final byte COLUMN_FAMILY_DELETION = 0x4;
    private static final byte COLUMN_FAMILY_VALUE = 0x5;

    private byte[] buffer = new byte[1 << 16];
    private int position = HEADER;
    private int count;

    /** Adds a put of {@code [expiresAt][payload]} under {@code key} in column family {@code family}. */
    void put(final int family, final byte[] key, final long expiresAt, final byte[] payload)
    {
        ensure(1 + 5 + 5 + key.length + 5 + 8 + payload.length);
        buffer[position++] = COLUMN_FAMILY_VALUE;
        varint(family);
        varint(key.length);
        System.arraycopy(key, 0, buffer, position, key.length);
        position += key.length;
        varint(8 + payload.length);
        bigEndian(expiresAt);
        System.arraycopy(payload, 0, buffer, position, payload.length);
        position += payload.length;
        count++;
    }

    /** Adds a put of {@code [expiresAt][payload]} under the integer key's row key {@code [8 int32][key int64]}. */
    void put(final int family, final long key, final long expiresAt, final byte[] payload)
    {
        ensure(1 + 5 + 1 + 12 + 5 + 8 + payload.length);
        buffer[position++] = COLUMN_FAMILY_VALUE;
        varint(family);
        longKey(key);
        varint(8 + payload.length);
        bigEndian(expiresAt);
        System.arraycopy(payload, 0, buffer, position, payload.length);
        position += payload.length;
        count++;
    }

    /** Adds a put of {@code stored} (already {@code [expiresAt][payload]}) under {@code key}. */
    void putStored(final int family, final byte[] key, final byte[] stored)
    {
        ensure(1 + 5 + 5 + key.length + 5 + stored.length);
        buffer[position++] = COLUMN_FAMILY_VALUE;
        varint(family);
        varint(key.length);
        System.arraycopy(key, 0, buffer, position, key.length);
        position += key.length;
        varint(stored.length);
        System.arraycopy(stored, 0, buffer, position, stored.length);
        position += stored.length;
        count++;
    }

    /** Adds a delete of the integer key's row key. */
    void delete(final int family, final long key)
    {
        ensure(1 + 5 + 1 + 12);
        buffer[position++] = COLUMN_FAMILY_DELETION;
        varint(family);
        longKey(key);
        count++;
    }

    private void longKey(final long key)
    {
        buffer[position++] = 12;
        buffer[position++] = 0;
        buffer[position++] = 0;
        buffer[position++] = 0;
        buffer[position++] = 8;
        bigEndian(key);
    }

    private void bigEndian(final long value)
    {
        for (int shift = 56; shift >= 0; shift -= 8)
        {
            buffer[position++] = (byte)(value >>> shift);
        }
    }

    /** Adds a delete of {@code key} in column family {@code family}. */
    void delete(final int family, final byte[] key)
    {
        ensure(1 + 5 + 5 + key.length);
        buffer[position++] = COLUMN_FAMILY_DELETION;
        varint(family);
        varint(key.length);
        System.arraycopy(key, 0, buffer, position, key.length);
        position += key.length;
        count++;
    }

    /** @return the encoded bytes so far (header included). */
    int bytes()
    {
        return position;
    }

    /** @return the records so far. */
    int count()
    {
        return count;
    }

    /** @return a copy of the serialized batch (what {@link WriteBatch#data()} returns for the same records). */
    byte[] data()
    {
        final byte[] out = Arrays.copyOf(buffer, position);
        for (int i = 0; i < 4; i++)
        {
            out[8 + i] = (byte)(count >>> 8 * i);
        }
        return out;
    }

    /**
     * Writes the records into {@code db} as one atomic batch and starts a new one.
     *
     * @throws StateException naming {@code what} when RocksDB refuses the batch.
     */
    void writeTo(final RocksDB db, final WriteOptions options, final String what)
    {
        if (count == 0)
        {
            return;
        }
        try (WriteBatch batch = new WriteBatch(data()))
        {
            db.write(options, batch);
        }
        catch (final RocksDBException e)
        {
            throw new StateException("RocksDB write of " + count + " " + what + " failed: " + e.getMessage(), e);
        }
        position = HEADER;
        count = 0;
        if (buffer.length > 8 << 20)
        {
            // one huge batch should not pin its buffer for the backend's life
            buffer = new byte[1 << 16];
        }
    }

    private void varint(final int value)
    {
        int v = value;
        while ((v & ~0x7F) != 0)
        {
            buffer[position++] = (byte)(v & 0x7F | 0x80);
            v >>>= 7;
        }
        buffer[position++] = (byte)v;
    }

    private void ensure(final int more)
    {
        if (position + more > buffer.length)
        {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
        }
    }
}
