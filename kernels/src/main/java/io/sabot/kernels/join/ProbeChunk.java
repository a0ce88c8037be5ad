package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.Rows;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;

/**
 * Scratch for batch-at-a-time probing: up to {@link #SIZE} probe rows are loaded (physical row, key or hash, null
 * flag), then looked up in one pass by a {@link JoinIndex}, which fills {@link #heads} (first matching build row or
 * -1) and {@link #counts} (number of matching build rows). Allocated once per {@link HashJoinProbe} and reused, so
 * steady-state probing allocates nothing.
 *
 * <p>Thread-safety: owned by one prober; not thread-safe.
 */
final class ProbeChunk
{
    /** Rows per chunk: the scratch fits in L1/L2 and a chunk has enough independent lookups to overlap misses. */
    static final int SIZE = 1024;

    final int[] rows = new int[SIZE];
    final long[] keys = new long[SIZE];
    final long[] hashes = new long[SIZE];
    final long[] scratch = new long[SIZE];
    final boolean[] nulls = new boolean[SIZE];
    final int[] heads = new int[SIZE];
    final int[] counts = new int[SIZE];
    /** Scratch list of chunk positions an index must look at again (e.g. displaced hash keys). */
    final int[] pending = new int[SIZE];
    final ProbeKey[] probeKeys;
    /** The probe view when the key is one integer-like column, else {@code null}. */
    final FixedProbeKey single;
    int n;
    boolean anyNull;

    ProbeChunk(final ProbeKey[] probeKeys)
    {
        this.probeKeys = probeKeys;
        this.single = probeKeys.length == 1 && probeKeys[0] instanceof FixedProbeKey f ? f : null;
    }

    /**
     * Loads rows {@code [start, start + count)} of {@code rows} (ordinals, not physical positions).
     *
     * @param needRows whether {@link #rows} must hold the physical rows afterwards (counting does not need them).
     */
    void load(final Rows rows, final int start, final int count, final boolean needRows)
    {
        n = count;
        final int[] physical = this.rows;
        final boolean rowsUnused = !needRows && single != null && single.width == 8 && single.validity == null;
        if (rows.isContiguous() && rowsUnused)
        {
            // The int64 key is bulk-copied below and nothing else reads the physical rows.
        }
        else if (rows.isContiguous())
        {
            final int base = rows.offset() + start;
            for (int j = 0; j < count; j++)
            {
                physical[j] = base + j;
            }
        }
        else
        {
            MemorySegment.copy(rows.selection().segment(), Layouts.INT_UNALIGNED, (long)start << 2, physical, 0,
                count);
        }
        if (single != null)
        {
            loadSingle(rows, start, count);
        }
        else
        {
            loadGeneric(count);
        }
    }

    private void loadSingle(final Rows rows, final int start, final int count)
    {
        final FixedProbeKey key = single;
        final int[] physical = this.rows;
        final long[] out = keys;
        if (rows.isContiguous() && key.width == 8)
        {
            MemorySegment.copy(key.data, Layouts.LONG_UNALIGNED, ((long)rows.offset() + start) << 3, out, 0, count);
        }
        else if (key.width == 4)
        {
            final MemorySegment data = key.data;
            for (int j = 0; j < count; j++)
            {
                out[j] = data.get(Layouts.INT_UNALIGNED, (long)physical[j] << 2);
            }
        }
        else
        {
            for (int j = 0; j < count; j++)
            {
                out[j] = key.value(physical[j]);
            }
        }
        anyNull = false;
        if (key.validity != null)
        {
            boolean any = false;
            for (int j = 0; j < count; j++)
            {
                final boolean isNull = key.isNull(physical[j]);
                nulls[j] = isNull;
                any |= isNull;
            }
            anyNull = any;
        }
    }

    private void loadGeneric(final int count)
    {
        final int[] physical = this.rows;
        boolean any = false;
        for (int j = 0; j < count; j++)
        {
            nulls[j] = false;
        }
        for (final ProbeKey key : probeKeys)
        {
            if (key.validity != null)
            {
                for (int j = 0; j < count; j++)
                {
                    if (key.isNull(physical[j]))
                    {
                        nulls[j] = true;
                        any = true;
                    }
                }
            }
        }
        anyNull = any;
        final long[] h = hashes;
        if (probeKeys.length == 1)
        {
            final ProbeKey key = probeKeys[0];
            for (int j = 0; j < count; j++)
            {
                h[j] = nulls[j] ? Hash64.NULL_HASH : key.hash(physical[j]);
            }
        }
        else
        {
            for (int j = 0; j < count; j++)
            {
                h[j] = Hash64.SEED;
            }
            for (final ProbeKey key : probeKeys)
            {
                for (int j = 0; j < count; j++)
                {
                    h[j] = Hash64.combine(h[j], nulls[j] ? Hash64.NULL_HASH : key.hash(physical[j]));
                }
            }
        }
    }

    /**
     * After a lookup: rows with a null key match nothing.
     */
    void clearNullMatches()
    {
        if (anyNull)
        {
            for (int j = 0; j < n; j++)
            {
                if (nulls[j])
                {
                    heads[j] = -1;
                    counts[j] = 0;
                }
            }
        }
    }
}
