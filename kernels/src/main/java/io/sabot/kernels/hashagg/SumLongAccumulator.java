package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * sum over integer columns, accumulated in int64 with two's-complement wrap-around on overflow (like Java's
 * {@code long} addition and Arrow C++'s unchecked {@code sum}); null for a group that saw no non-null value.
 *
 * <pre>
 *   sums: | s[0] | s[1] | ... |   int64 LE per group
 * </pre>
 */
final class SumLongAccumulator extends Accumulator
{
    private final OffHeapBuffer sums;
    private boolean inPlace;

    SumLongAccumulator(final BufferAllocator allocator, final String name)
    {
        super(allocator, name);
        this.sums = new OffHeapBuffer(allocator);
    }

    @Override
    boolean tracksValues()
    {
        return true;
    }

    @Override
    void prepare(final int n)
    {
        inPlace = inPlace(ColumnKind.I64);
        if (!inPlace)
        {
            readLongs(n);
        }
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        sums.ensure(8L * capacity, 8L * groups);
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        fillLongs(sums.segment(), from, to, 0L);
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        final MemorySegment s = sums.segment();
        final MemorySegment in = source(inPlace);
        final long base = inPlace ? 8L * offset : 0L;
        if (inPlace && !nullsSeen)
        {
            for (int i = 0; i < n; i++)
            {
                final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
                s.set(Layouts.LONG_UNALIGNED, at,
                    s.get(Layouts.LONG_UNALIGNED, at) + in.get(Layouts.LONG_UNALIGNED, base + 8L * i));
            }
            return;
        }
        final MemorySegment valid = rowValidity();
        final MemorySegment flags = nullsSeen ? hasValue.segment() : null;
        for (int i = 0; i < n; i++)
        {
            if (valid != null && valid.get(Layouts.BYTE, i) == 0)
            {
                continue;
            }
            final int gid = gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long at = 8L * gid;
            s.set(Layouts.LONG_UNALIGNED, at,
                s.get(Layouts.LONG_UNALIGNED, at) + in.get(Layouts.LONG_UNALIGNED, base + 8L * i));
            if (flags != null)
            {
                flags.set(Layouts.BYTE, gid, (byte)1);
            }
        }
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        return Columns.writeFixed(out, nullable(name, new ArrowType.Int(64, true)), ColumnKind.I64, sums.segment(),
            outputValidity(), ids, n);
    }

    @Override
    public void close()
    {
        super.close();
        sums.close();
    }
}
