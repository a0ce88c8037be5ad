package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Open-addressing (linear probing) table for utf8 and multi-column keys. Each slot keeps the full 64-bit row hash, so
 * keys are compared only when hashes are equal; the key values themselves stay in the {@link KeyColumn}s.
 *
 * <pre>
 *   slots (off-heap, capacity = power of two, 16 bytes each):
 *   +----------------+-------------+-------------+
 *   | row hash i64   | head    i32 | count   i32 |   count == 0  =>  empty slot
 *   +----------------+-------------+-------------+
 *   row hash = column hash for one key column, else fold of Hash64.combine from Hash64.SEED over the columns
 * </pre>
 *
 * <p>Thread-safety: immutable after {@link #build}; see {@link JoinIndex}.
 */
final class GenericHashIndex implements JoinIndex
{
    private final OffHeapBuffer table;
    private final MemorySegment slots;
    private final long mask;

    private GenericHashIndex(final OffHeapBuffer table, final long mask)
    {
        this.table = table;
        this.slots = table.segment();
        this.mask = mask;
    }

    static long rowHash(final KeyColumn[] keys, final int row)
    {
        if (keys.length == 1)
        {
            return keys[0].hash(row);
        }
        long h = Hash64.SEED;
        for (final KeyColumn key : keys)
        {
            h = Hash64.combine(h, key.hash(row));
        }
        return h;
    }

    private static boolean rowsEqual(final KeyColumn[] keys, final int a, final int b)
    {
        for (final KeyColumn key : keys)
        {
            if (!key.rowsEqual(a, b))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean probeEquals(final ProbeKey[] keys, final int row, final int buildRow)
    {
        for (final ProbeKey key : keys)
        {
            if (!key.equalsBuild(row, buildRow))
            {
                return false;
            }
        }
        return true;
    }

    static GenericHashIndex build(final BufferAllocator allocator, final KeyColumn[] keys,
        final MemorySegment nullFlags, final int rowCount, final long liveRows, final MemorySegment next)
    {
        final long capacity = LongHashIndex.capacityFor(liveRows);
        final OffHeapBuffer table = new OffHeapBuffer(allocator, capacity * 16);
        table.zero();
        final MemorySegment slots = table.segment();
        final long mask = capacity - 1;
        for (int r = rowCount - 1; r >= 0; r--)
        {
            if (nullFlags.get(ValueLayout.JAVA_BYTE, r) != 0)
            {
                continue;
            }
            final long hash = rowHash(keys, r);
            long s = hash & mask;
            while (true)
            {
                final long off = s << 4;
                final int count = slots.get(Layouts.INT_UNALIGNED, off + 12);
                if (count == 0)
                {
                    slots.set(Layouts.LONG_UNALIGNED, off, hash);
                    slots.set(Layouts.INT_UNALIGNED, off + 8, r);
                    slots.set(Layouts.INT_UNALIGNED, off + 12, 1);
                    next.set(Layouts.INT_UNALIGNED, (long)r << 2, -1);
                    break;
                }
                final int head = slots.get(Layouts.INT_UNALIGNED, off + 8);
                if (slots.get(Layouts.LONG_UNALIGNED, off) == hash && rowsEqual(keys, r, head))
                {
                    next.set(Layouts.INT_UNALIGNED, (long)r << 2, head);
                    slots.set(Layouts.INT_UNALIGNED, off + 8, r);
                    slots.set(Layouts.INT_UNALIGNED, off + 12, count + 1);
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        return new GenericHashIndex(table, mask);
    }

    @Override
    public void lookup(final ProbeChunk chunk, final boolean needHeads)
    {
        final int n = chunk.n;
        final long[] hashes = chunk.hashes;
        final int[] rows = chunk.rows;
        final boolean[] nulls = chunk.nulls;
        final int[] heads = chunk.heads;
        final int[] counts = chunk.counts;
        final ProbeKey[] probeKeys = chunk.probeKeys;
        final MemorySegment slots = this.slots;
        for (int j = 0; j < n; j++)
        {
            heads[j] = -1;
            counts[j] = 0;
            if (nulls[j])
            {
                continue;
            }
            final long hash = hashes[j];
            long s = hash & mask;
            while (true)
            {
                final long off = s << 4;
                final int count = slots.get(Layouts.INT_UNALIGNED, off + 12);
                if (count == 0)
                {
                    break;
                }
                final int head = slots.get(Layouts.INT_UNALIGNED, off + 8);
                if (slots.get(Layouts.LONG_UNALIGNED, off) == hash && probeEquals(probeKeys, rows[j], head))
                {
                    heads[j] = head;
                    counts[j] = count;
                    break;
                }
                s = (s + 1) & mask;
            }
        }
    }

    @Override
    public String describe()
    {
        return "hash(generic key, " + (mask + 1) + " slots)";
    }

    @Override
    public void close()
    {
        table.close();
    }
}
