package io.sabot.runtime.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The heap-encoded write batch against RocksJava's own: random puts and deletes (integer and byte keys, empty to
 * multi-kilobyte values, so varints of one to three bytes) over several column families encode to exactly the bytes
 * {@link WriteBatch#data()} holds for the same calls, and writing them leaves the same database contents.
 */
class WriteBatchEncoderTest
{
    static
    {
        RocksDB.loadLibrary();
    }

    private static byte[] stored(final long expiresAt, final byte[] payload)
    {
        return ByteBuffer.allocate(8 + payload.length).putLong(expiresAt).put(payload).array();
    }

    @Test
    void encodesWhatRocksJavaEncodesAndWritesTheSameEntries(@TempDir final Path dir) throws RocksDBException
    {
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        final List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (int f = 0; f < 3; f++)
        {
            descriptors.add(new ColumnFamilyDescriptor(("s" + f).getBytes(StandardCharsets.UTF_8)));
        }
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
             WriteOptions write = new WriteOptions())
        {
            try
            {
                final Random random = new Random(17);
                final WriteBatchEncoder encoder = new WriteBatchEncoder();
                final Map<String, byte[]> expected = new HashMap<>();
                for (int round = 0; round < 5; round++)
                {
                    try (WriteBatch reference = new WriteBatch())
                    {
                        final int records = 1 + random.nextInt(3000);
                        for (int r = 0; r < records; r++)
                        {
                            final int f = 1 + random.nextInt(3);
                            final ColumnFamilyHandle family = handles.get(f);
                            final boolean integer = random.nextBoolean();
                            final long longKey = random.nextLong() >> random.nextInt(64);
                            final byte[] key = integer ? ByteBuffer.allocate(12).putInt(8).putLong(longKey).array()
                                : new byte[random.nextInt(random.nextBoolean() ? 10 : 300)];
                            if (!integer)
                            {
                                random.nextBytes(key);
                            }
                            final String name = f + ":" + java.util.HexFormat.of().formatHex(key);
                            if (random.nextInt(4) == 0)
                            {
                                reference.delete(family, key);
                                if (integer)
                                {
                                    encoder.delete(family.getID(), longKey);
                                }
                                else
                                {
                                    encoder.delete(family.getID(), key);
                                }
                                expected.put(name, null);
                                continue;
                            }
                            final byte[] payload = new byte[random.nextInt(random.nextInt(10) == 0 ? 20_000 : 40)];
                            random.nextBytes(payload);
                            final long expiresAt = random.nextBoolean() ? 0 : random.nextLong();
                            final byte[] value = stored(expiresAt, payload);
                            reference.put(family, key, value);
                            switch (integer ? 0 : 1 + random.nextInt(2))
                            {
                                case 0 -> encoder.put(family.getID(), longKey, expiresAt, payload);
                                case 1 -> encoder.put(family.getID(), key, expiresAt, payload);
                                default -> encoder.putStored(family.getID(), key, value);
                            }
                            expected.put(name, value);
                        }
                        assertEquals(reference.count(), encoder.count());
                        assertArrayEquals(reference.data(), encoder.data(), "round " + round);
                        encoder.writeTo(db, write, "test changes");
                        assertEquals(0, encoder.count());
                    }
                }
                for (final Map.Entry<String, byte[]> e : expected.entrySet())
                {
                    final int f = Integer.parseInt(e.getKey().substring(0, 1));
                    final byte[] key = java.util.HexFormat.of().parseHex(e.getKey().substring(2));
                    final byte[] got = db.get(handles.get(f), key);
                    if (e.getValue() == null)
                    {
                        assertNull(got, e.getKey());
                    }
                    else
                    {
                        assertArrayEquals(e.getValue(), got, e.getKey());
                    }
                }
            }
            finally
            {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }
}
