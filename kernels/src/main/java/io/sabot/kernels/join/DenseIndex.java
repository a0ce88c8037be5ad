package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Perfect hash for a single integer-like key whose non-null build values lie in a small range
 * {@code [min, min + range)}: the key minus {@code min} indexes the head array directly (no hashing, no compare).
 *
 * <pre>
 *   heads (off-heap, int32 x range)           counts (off-heap, int32 x range; only when a key repeats)
 *   +---------+---------+-----+                +---------+---------+-----+
 *   | key=min | min + 1 | ... |  -1 = absent    | n(min)  | n(min+1)| ... |
 *   +---------+---------+-----+                +---------+---------+-----+
 *   duplicates chain through the table's next[] array, ascending row ids
 * </pre>
 *
 * <p>Thread-safety: immutable after {@link #build}; see {@link JoinIndex}.
 */
final class DenseIndex implements JoinIndex
{
    /** Use the dense index when the key range is at most this many times the number of live build rows. */
    static final long MAX_RANGE_FACTOR = 4;
    /** Small builds may always use a range this large. */
    static final long MIN_RANGE_ALLOWANCE = 1024;
    /** Upper bound on the range, so the head array stays below 1 GiB. */
    static final long MAX_RANGE = 1L << 28;

    private final OffHeapBuffer headBuffer;
    private final OffHeapBuffer countBuffer;
    private final MemorySegment headSegment;
    private final MemorySegment countSegment;
    private final long min;
    private final long range;

    private DenseIndex(final OffHeapBuffer heads, final OffHeapBuffer counts, final long min, final long range)
    {
        this.headBuffer = heads;
        this.countBuffer = counts;
        this.headSegment = heads.segment();
        this.countSegment = counts == null ? null : counts.segment();
        this.min = min;
        this.range = range;
    }

    /**
     * @param span     max - min over the live keys (may have wrapped negative for huge spans).
     * @param liveRows the number of non-null build rows.
     * @return true when a dense index should be used.
     */
    static boolean eligible(final long span, final long liveRows)
    {
        return liveRows > 0 && span >= 0 && span < MAX_RANGE &&
            span + 1 <= Math.max(MAX_RANGE_FACTOR * liveRows, MIN_RANGE_ALLOWANCE);
    }

    static DenseIndex build(final BufferAllocator allocator, final FixedKeyColumn column,
        final MemorySegment nullFlags, final int rowCount, final long min, final long range,
        final MemorySegment next)
    {
        final OffHeapBuffer heads = new OffHeapBuffer(allocator, range * Integer.BYTES);
        try
        {
            heads.fill((byte)-1);
            final MemorySegment h = heads.segment();
            boolean duplicates = false;
            for (int r = rowCount - 1; r >= 0; r--)
            {
                if (nullFlags.get(ValueLayout.JAVA_BYTE, r) != 0)
                {
                    continue;
                }
                final long d = (column.value(r) - min) << 2;
                final int previous = h.get(Layouts.INT_UNALIGNED, d);
                next.set(Layouts.INT_UNALIGNED, (long)r << 2, previous);
                h.set(Layouts.INT_UNALIGNED, d, r);
                duplicates |= previous >= 0;
            }
            OffHeapBuffer counts = null;
            if (duplicates)
            {
                counts = new OffHeapBuffer(allocator, range * Integer.BYTES);
                counts.zero();
                final MemorySegment c = counts.segment();
                for (int r = 0; r < rowCount; r++)
                {
                    if (nullFlags.get(ValueLayout.JAVA_BYTE, r) == 0)
                    {
                        final long d = (column.value(r) - min) << 2;
                        c.set(Layouts.INT_UNALIGNED, d, c.get(Layouts.INT_UNALIGNED, d) + 1);
                    }
                }
            }
            return new DenseIndex(heads, counts, min, range);
        }
        catch (final RuntimeException | Error e)
        {
            heads.close();
            throw e;
        }
    }

    @Override
    public void lookup(final ProbeChunk chunk, final boolean needHeads)
    {
        final int n = chunk.n;
        final long[] keys = chunk.keys;
        final int[] heads = chunk.heads;
        final int[] counts = chunk.counts;
        final MemorySegment h = headSegment;
        final long min = this.min;
        final long range = this.range;
        if (countSegment == null)
        {
            for (int j = 0; j < n; j++)
            {
                final long d = keys[j] - min;
                final int head = Long.compareUnsigned(d, range) < 0 ? h.get(Layouts.INT_UNALIGNED, d << 2) : -1;
                heads[j] = head;
                counts[j] = ~head >>> 31;
            }
        }
        else
        {
            final MemorySegment c = countSegment;
            for (int j = 0; j < n; j++)
            {
                final long d = keys[j] - min;
                if (Long.compareUnsigned(d, range) < 0)
                {
                    heads[j] = h.get(Layouts.INT_UNALIGNED, d << 2);
                    counts[j] = c.get(Layouts.INT_UNALIGNED, d << 2);
                }
                else
                {
                    heads[j] = -1;
                    counts[j] = 0;
                }
            }
        }
    }

    @Override
    public String describe()
    {
        return "dense(min=" + min + ", range=" + range + (countSegment == null ? ", unique" : ", duplicates") + ')';
    }

    @Override
    public void close()
    {
        headBuffer.close();
        if (countBuffer != null)
        {
            countBuffer.close();
        }
    }
}
