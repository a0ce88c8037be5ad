package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * count(*) (every row) or count(column) (non-null rows); int64, never null, 0 for a group with only nulls.
 *
 * <pre>
 *   counts: | c[0] | c[1] | ... |   int64 LE per group
 * </pre>
 */
final class CountAccumulator extends Accumulator
{
    private final boolean allRows;
    private final OffHeapBuffer counts;
    /** Per-batch lane counters for few groups, zero between batches. */
    private final long[] laneCounts = new long[LANES * LANE_GROUPS];

    CountAccumulator(final BufferAllocator allocator, final String name, final boolean allRows)
    {
        super(allocator, name);
        this.allRows = allRows;
        this.counts = new OffHeapBuffer(allocator);
    }

    @Override
    boolean usesRowCounts()
    {
        return !merging;
    }

    @Override
    void prepare(final int n)
    {
        // Reads validity bits in place; nothing to materialize.
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        counts.ensure(8L * capacity, 8L * groups);
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        fillLongs(counts.segment(), from, to, 0L);
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        final MemorySegment c = counts.segment();
        if (merging)
        {
            // The input is partial counts (int64, never null): add them.
            for (int i = 0; i < n; i++)
            {
                final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + longAt(data, i));
            }
            return;
        }
        if ((allRows || !anyNull) && rowsPerGroup != null)
        {
            final long[] perGroup = rowsPerGroup;
            for (int g = 0; g < groups; g++)
            {
                c.set(Layouts.LONG_UNALIGNED, 8L * g, c.get(Layouts.LONG_UNALIGNED, 8L * g) + perGroup[g]);
            }
            return;
        }
        if ((allRows || !anyNull) && groups <= LANE_GROUPS)
        {
            final long[] lanes = laneCounts;
            for (int i = 0; i < n; i++)
            {
                lanes[(gids.get(Layouts.INT_UNALIGNED, 4L * i) << 2) | (i & 3)]++;
            }
            for (int g = 0; g < groups; g++)
            {
                final int at = g << 2;
                final long sum = lanes[at] + lanes[at + 1] + lanes[at + 2] + lanes[at + 3];
                if (sum != 0)
                {
                    c.set(Layouts.LONG_UNALIGNED, 8L * g, c.get(Layouts.LONG_UNALIGNED, 8L * g) + sum);
                    lanes[at] = 0;
                    lanes[at + 1] = 0;
                    lanes[at + 2] = 0;
                    lanes[at + 3] = 0;
                }
            }
            return;
        }
        if (allRows || !anyNull)
        {
            for (int i = 0; i < n; i++)
            {
                final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + 1);
            }
            return;
        }
        final MemorySegment bits = validity;
        for (int i = 0; i < n; i++)
        {
            if (Columns.isValid(bits, Columns.rowAt(offset, sel, i)))
            {
                final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + 1);
            }
        }
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        final Field field = new Field(name, FieldType.notNullable(new ArrowType.Int(64, true)), null);
        return Columns.writeFixed(out, field, ColumnKind.I64, counts.segment(), null, ids, n);
    }

    @Override
    public void close()
    {
        super.close();
        counts.close();
    }
}
