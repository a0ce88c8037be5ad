package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Open-addressing (linear probing) table of the distinct keys of a single integer-like key column. Keys are stored
 * inline in their own array, so finding a key (or proving it absent) touches one 8-byte slot, usually one cache miss;
 * the chain head is read only for a hit, and the count array exists only when some key repeats. Load factor is at
 * most 1/2.
 *
 * <pre>
 *   keys  (off-heap, int64 x capacity)   heads (int32 x capacity)   counts (int32 x capacity, only with duplicates)
 *   +---------+---------+-----+           +------+------+-----+        +------+------+-----+
 *   | key     | EMPTY   | ... |           | head | -    | ... |        | n    | -    | ... |
 *   +---------+---------+-----+           +------+------+-----+        +------+------+-----+
 *   slot = Hash64.hashLong(key) & (capacity - 1), then +1 until the key or EMPTY
 *   EMPTY = a sentinel value chosen at build time that no build key equals
 *   head = first build row with this key; the rest follow next[head], ... (count rows in all; 1 without counts)
 * </pre>
 *
 * <p>Thread-safety: immutable after {@link #build}; see {@link JoinIndex}.
 */
final class LongHashIndex implements JoinIndex
{
    /** First EMPTY candidate; package-private so tests can probe with it. */
    static final long FIRST_SENTINEL = 0xDEADBEEFCAFEBABEL;

    private final OffHeapBuffer keyBuffer;
    private final OffHeapBuffer headBuffer;
    private final OffHeapBuffer countBuffer;
    private final MemorySegment keys;
    private final MemorySegment heads;
    private final MemorySegment counts;
    private final long mask;
    private final long empty;

    private LongHashIndex(final OffHeapBuffer keys, final OffHeapBuffer heads, final OffHeapBuffer counts,
        final long mask, final long empty)
    {
        this.keyBuffer = keys;
        this.headBuffer = heads;
        this.countBuffer = counts;
        this.keys = keys.segment();
        this.heads = heads.segment();
        this.counts = counts == null ? null : counts.segment();
        this.mask = mask;
        this.empty = empty;
    }

    static long capacityFor(final long liveRows)
    {
        return Math.max(16L, Long.highestOneBit(Math.max(1L, liveRows) * 2 - 1) << 1);
    }

    private static long chooseSentinel(final FixedKeyColumn column, final MemorySegment nullFlags, final int rows)
    {
        long candidate = FIRST_SENTINEL;
        while (true)
        {
            boolean taken = false;
            for (int r = 0; r < rows && !taken; r++)
            {
                taken = nullFlags.get(ValueLayout.JAVA_BYTE, r) == 0 && column.value(r) == candidate;
            }
            if (!taken)
            {
                return candidate;
            }
            candidate += 0x9E3779B97F4A7C15L;
        }
    }

    /**
     * Inserts every non-null row, last to first, so each chain lists rows in ascending order.
     */
    static LongHashIndex build(final BufferAllocator allocator, final FixedKeyColumn column,
        final MemorySegment nullFlags, final int rowCount, final long liveRows, final MemorySegment next)
    {
        final long capacity = capacityFor(liveRows);
        final long mask = capacity - 1;
        final long empty = chooseSentinel(column, nullFlags, rowCount);
        final OffHeapBuffer keyBuffer = new OffHeapBuffer(allocator, capacity * Long.BYTES);
        OffHeapBuffer headBuffer = null;
        OffHeapBuffer countBuffer = null;
        try
        {
            headBuffer = new OffHeapBuffer(allocator, capacity * Integer.BYTES);
            final MemorySegment keys = keyBuffer.segment();
            final MemorySegment heads = headBuffer.segment();
            for (long s = 0; s < capacity; s++)
            {
                keys.set(Layouts.LONG_UNALIGNED, s << 3, empty);
            }
            boolean duplicates = false;
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
                    final long slotKey = keys.get(Layouts.LONG_UNALIGNED, s << 3);
                    if (slotKey == empty)
                    {
                        keys.set(Layouts.LONG_UNALIGNED, s << 3, key);
                        heads.set(Layouts.INT_UNALIGNED, s << 2, r);
                        next.set(Layouts.INT_UNALIGNED, (long)r << 2, -1);
                        break;
                    }
                    if (slotKey == key)
                    {
                        next.set(Layouts.INT_UNALIGNED, (long)r << 2, heads.get(Layouts.INT_UNALIGNED, s << 2));
                        heads.set(Layouts.INT_UNALIGNED, s << 2, r);
                        duplicates = true;
                        break;
                    }
                    s = (s + 1) & mask;
                }
            }
            if (duplicates)
            {
                countBuffer = new OffHeapBuffer(allocator, capacity * Integer.BYTES);
                final MemorySegment counts = countBuffer.segment();
                for (long s = 0; s < capacity; s++)
                {
                    int n = 0;
                    if (keys.get(Layouts.LONG_UNALIGNED, s << 3) != empty)
                    {
                        for (int b = heads.get(Layouts.INT_UNALIGNED, s << 2); b >= 0;
                            b = next.get(Layouts.INT_UNALIGNED, (long)b << 2))
                        {
                            n++;
                        }
                    }
                    counts.set(Layouts.INT_UNALIGNED, s << 2, n);
                }
            }
            return new LongHashIndex(keyBuffer, headBuffer, countBuffer, mask, empty);
        }
        catch (final RuntimeException | Error e)
        {
            keyBuffer.close();
            if (headBuffer != null)
            {
                headBuffer.close();
            }
            if (countBuffer != null)
            {
                countBuffer.close();
            }
            throw e;
        }
    }

    @Override
    public void lookup(final ProbeChunk chunk, final boolean needHeads)
    {
        final int n = chunk.n;
        final long[] probeKeys = chunk.keys;
        final long[] home = chunk.hashes;
        final long[] first = chunk.scratch;
        final int[] outHeads = chunk.heads;
        final int[] outCounts = chunk.counts;
        final MemorySegment keys = this.keys;
        final long mask = this.mask;
        final long empty = this.empty;
        // Pass 1 is branch-free, so the CPU keeps many independent slot loads (cache misses) in flight.
        for (int j = 0; j < n; j++)
        {
            final long s = Hash64.hashLong(probeKeys[j]) & mask;
            home[j] = s;
            first[j] = keys.get(Layouts.LONG_UNALIGNED, s << 3);
        }
        // Pass 2, branch-free: a home-slot hit or a home-slot empty settles the row; other rows (displaced keys) are
        // queued, so the unpredictable "keep probing" branch runs only for them.
        final int[] pending = chunk.pending;
        int queued = 0;
        for (int j = 0; j < n; j++)
        {
            final long key = probeKeys[j];
            final long slotKey = first[j];
            final long differs = nonZeroMask(slotKey ^ key) | ~nonZeroMask(key ^ empty);
            home[j] |= differs;
            pending[queued] = j;
            queued += (int)(nonZeroMask(slotKey ^ key) & nonZeroMask(slotKey ^ empty) & 1);
        }
        for (int q = 0; q < queued; q++)
        {
            final int j = pending[q];
            final long key = probeKeys[j];
            long s = Hash64.hashLong(key) & mask;
            long slotKey;
            do
            {
                s = (s + 1) & mask;
                slotKey = keys.get(Layouts.LONG_UNALIGNED, s << 3);
            }
            while (slotKey != key && slotKey != empty);
            // A probe key equal to EMPTY stops at an empty slot: that is a miss, not a hit.
            home[j] = slotKey == key && key != empty ? s : -1;
        }
        final MemorySegment counts = this.counts;
        if (counts == null)
        {
            for (int j = 0; j < n; j++)
            {
                outCounts[j] = (int)(home[j] >>> 63) ^ 1;
            }
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                final long s = home[j];
                outCounts[j] = s < 0 ? 0 : counts.get(Layouts.INT_UNALIGNED, s << 2);
            }
        }
        if (needHeads)
        {
            final MemorySegment heads = this.heads;
            for (int j = 0; j < n; j++)
            {
                final long s = home[j];
                outHeads[j] = s < 0 ? -1 : heads.get(Layouts.INT_UNALIGNED, s << 2);
            }
        }
    }

    /** @return -1 (all bits) when {@code x != 0}, else 0; branch-free. */
    private static long nonZeroMask(final long x)
    {
        return (x | -x) >> 63;
    }

    @Override
    public String describe()
    {
        return "hash(int key, " + (mask + 1) + " slots" + (counts == null ? ", unique" : ", duplicates") + ')';
    }

    @Override
    public void close()
    {
        keyBuffer.close();
        headBuffer.close();
        if (countBuffer != null)
        {
            countBuffer.close();
        }
    }
}
