package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * min or max over integer or float columns; the output has the input's type; null for a group that saw no non-null
 * value. Integers are kept as int64. Floats are kept as float64 and follow C's {@code fmin}/{@code fmax} (as Arrow
 * C++ does): NaN is ignored unless every value of the group is NaN, in which case the result is NaN; between
 * {@code -0.0} and {@code 0.0} the first seen wins.
 *
 * <pre>
 *   values: | m[0] | m[1] | ... |   int64 or float64 LE per group
 * </pre>
 */
final class MinMaxAccumulator extends Accumulator
{
    private final boolean min;
    private final OffHeapBuffer values;
    private boolean inPlace;

    MinMaxAccumulator(final BufferAllocator allocator, final String name, final boolean min)
    {
        super(allocator, name);
        this.min = min;
        this.values = new OffHeapBuffer(allocator);
    }

    @Override
    boolean tracksValues()
    {
        return true;
    }

    @Override
    void prepare(final int n)
    {
        if (kind.isFloat())
        {
            inPlace = inPlace(ColumnKind.F64);
            if (!inPlace)
            {
                readDoubles(n);
            }
        }
        else
        {
            inPlace = inPlace(ColumnKind.I64);
            if (!inPlace)
            {
                readLongs(n);
            }
        }
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        values.ensure(8L * capacity, 8L * groups);
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        final long identity;
        if (kind.isFloat())
        {
            identity = Double.doubleToRawLongBits(Double.NaN);
        }
        else
        {
            identity = min ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        fillLongs(values.segment(), from, to, identity);
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        final MemorySegment v = values.segment();
        final MemorySegment in = source(inPlace);
        final long base = inPlace ? 8L * offset : 0L;
        final MemorySegment valid = rowValidity();
        final MemorySegment flags = nullsSeen ? hasValue.segment() : null;
        if (kind.isFloat())
        {
            for (int i = 0; i < n; i++)
            {
                if (valid != null && valid.get(Layouts.BYTE, i) == 0)
                {
                    continue;
                }
                final int gid = gids.get(Layouts.INT_UNALIGNED, 4L * i);
                final long at = 8L * gid;
                final double current = v.get(Layouts.DOUBLE_UNALIGNED, at);
                final double value = in.get(Layouts.DOUBLE_UNALIGNED, base + 8L * i);
                final boolean better = min ? value < current : value > current;
                if (better || current != current)
                {
                    v.set(Layouts.DOUBLE_UNALIGNED, at, value);
                }
                if (flags != null)
                {
                    flags.set(Layouts.BYTE, gid, (byte)1);
                }
            }
            return;
        }
        for (int i = 0; i < n; i++)
        {
            if (valid != null && valid.get(Layouts.BYTE, i) == 0)
            {
                continue;
            }
            final int gid = gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long at = 8L * gid;
            final long current = v.get(Layouts.LONG_UNALIGNED, at);
            final long value = in.get(Layouts.LONG_UNALIGNED, base + 8L * i);
            v.set(Layouts.LONG_UNALIGNED, at, min ? Math.min(current, value) : Math.max(current, value));
            if (flags != null)
            {
                flags.set(Layouts.BYTE, gid, (byte)1);
            }
        }
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        return Columns.writeFixed(out, nullable(name, inputType), kind, values.segment(), outputValidity(), ids, n);
    }

    @Override
    public void close()
    {
        super.close();
        values.close();
    }
}
