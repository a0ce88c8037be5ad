package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Open-addressing (linear probing) table of the distinct keys of a single integer-like key column, the key stored
 * inline so a probe usually costs one cache miss. Load factor is at most 1/2.
 *
 * <pre>
 *   slots (off-heap, capacity = power of two, 16 bytes each; 4 slots per cache line):
 *   +----------------+-------------+-------------+
 *   | key      i64   | head    i32 | count   i32 |   count == 0  =>  empty slot
 *   +----------------+-------------+-------------+
 *   slot = Hash64.hashLong(key) & (capacity - 1), then +1 until the key or an empty slot
 *   head = first build row with this key; the rest follow next[head], next[next[head]], ... (count rows in all)
 * </pre>
 *
 * <p>Thread-safety: immutable after {@link #build}; see {@link JoinIndex}.
 */
final class LongHashIndex implements JoinIndex
{
    private static final int SLOT = 16;

    private final OffHeapBuffer table;
    private final MemorySegment slots;
    private final long mask;

    private LongHashIndex(final OffHeapBuffer table, final long mask)
    {
        this.table = table;
        this.slots = table.segment();
        this.mask = mask;
    }

    static long capacityFor(final long liveRows)
    {
        return Math.max(16L, Long.highestOneBit(Math.max(1L, liveRows) * 2 - 1) << 1);
    }

    /**
     * Inserts every non-null row, last to first, so each chain lists rows in ascending order.
     */
    static LongHashIndex build(final BufferAllocator allocator, final FixedKeyColumn column,
        final MemorySegment nullFlags, final int rowCount, final long liveRows, final MemorySegment next)
    {
        final long capacity = capacityFor(liveRows);
        final OffHeapBuffer table = new OffHeapBuffer(allocator, capacity * SLOT);
        table.zero();
        final MemorySegment slots = table.segment();
        final long mask = capacity - 1;
        for (int r = rowCount - 1; r >= 0; r--)
        {
            if (nullFlags.get(ValueLayout.JAVA_BYTE, r) != 0)
            {
                continue;
            }
            final long key = column.value(r);
            long s = Hash64.hashLong(key) & mask;
            while (true)
            {
                final long off = s << 4;
                final int count = slots.get(Layouts.INT_UNALIGNED, off + 12);
                if (count == 0)
                {
                    slots.set(Layouts.LONG_UNALIGNED, off, key);
                    slots.set(Layouts.INT_UNALIGNED, off + 8, r);
                    slots.set(Layouts.INT_UNALIGNED, off + 12, 1);
                    next.set(Layouts.INT_UNALIGNED, (long)r << 2, -1);
                    break;
                }
                if (slots.get(Layouts.LONG_UNALIGNED, off) == key)
                {
                    next.set(Layouts.INT_UNALIGNED, (long)r << 2, slots.get(Layouts.INT_UNALIGNED, off + 8));
                    slots.set(Layouts.INT_UNALIGNED, off + 8, r);
                    slots.set(Layouts.INT_UNALIGNED, off + 12, count + 1);
                    break;
                }
                s = (s + 1) & mask;
            }
        }
        return new LongHashIndex(table, mask);
    }

    @Override
    public void lookup(final ProbeChunk chunk)
    {
        final int n = chunk.n;
        final long[] keys = chunk.keys;
        final long[] home = chunk.hashes;
        final long[] first = chunk.scratch;
        final int[] heads = chunk.heads;
        final int[] counts = chunk.counts;
        final MemorySegment slots = this.slots;
        final long mask = this.mask;
        // Pass 1 is branch-free, so the CPU keeps many independent slot loads (cache misses) in flight.
        for (int j = 0; j < n; j++)
        {
            final long s = Hash64.hashLong(keys[j]) & mask;
            home[j] = s;
            first[j] = slots.get(Layouts.LONG_UNALIGNED, s << 4);
        }
        // Pass 2 reads slots that are now cached.
        for (int j = 0; j < n; j++)
        {
            final long key = keys[j];
            long s = home[j];
            long off = s << 4;
            int count = slots.get(Layouts.INT_UNALIGNED, off + 12);
            if (first[j] != key || count == 0)
            {
                while (count != 0 && slots.get(Layouts.LONG_UNALIGNED, off) != key)
                {
                    s = (s + 1) & mask;
                    off = s << 4;
                    count = slots.get(Layouts.INT_UNALIGNED, off + 12);
                }
            }
            heads[j] = count == 0 ? -1 : slots.get(Layouts.INT_UNALIGNED, off + 8);
            counts[j] = count;
        }
    }

    @Override
    public String describe()
    {
        return "hash(int key, " + (mask + 1) + " slots)";
    }

    @Override
    public void close()
    {
        table.close();
    }
}
