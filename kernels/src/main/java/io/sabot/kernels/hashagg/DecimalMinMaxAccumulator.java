package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * min or max over a decimal128 column, keeping the input's decimal(p, s) type; null for a group that saw no non-null
 * value. Values compare as signed 128-bit integers (same scale, so unscaled order is value order).
 *
 * <pre>
 *   values: | lo[0] hi[0] | lo[1] hi[1] | ... |   16 bytes LE per group, canonical two's complement
 * </pre>
 */
final class DecimalMinMaxAccumulator extends Accumulator
{
    private final boolean min;
    private final OffHeapBuffer values;

    DecimalMinMaxAccumulator(final BufferAllocator allocator, final String name, final boolean min)
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
        // Reads the 16-byte values in place.
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        values.ensure(16L * capacity, 16L * groups);
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        final MemorySegment v = values.segment();
        for (int g = from; g < to; g++)
        {
            v.set(Layouts.LONG_UNALIGNED, 16L * g, min ? -1L : 0L);
            v.set(Layouts.LONG_UNALIGNED, 16L * g + 8, min ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        final MemorySegment v = values.segment();
        final MemorySegment in = data;
        final MemorySegment bits = anyNull ? validity : null;
        final MemorySegment flags = nullsSeen ? hasValue.segment() : null;
        for (int i = 0; i < n; i++)
        {
            final int row = Columns.rowAt(offset, sel, i);
            if (bits != null && !Columns.isValid(bits, row))
            {
                continue;
            }
            final int gid = gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long at = 16L * gid;
            final long lo = in.get(Layouts.LONG_UNALIGNED, 16L * row);
            final long hi = in.get(Layouts.LONG_UNALIGNED, 16L * row + 8);
            final long curLo = v.get(Layouts.LONG_UNALIGNED, at);
            final long curHi = v.get(Layouts.LONG_UNALIGNED, at + 8);
            final boolean less = hi < curHi || (hi == curHi && Long.compareUnsigned(lo, curLo) < 0);
            final boolean greater = hi > curHi || (hi == curHi && Long.compareUnsigned(lo, curLo) > 0);
            if (min ? less : greater)
            {
                v.set(Layouts.LONG_UNALIGNED, at, lo);
                v.set(Layouts.LONG_UNALIGNED, at + 8, hi);
            }
            if (flags != null)
            {
                flags.set(Layouts.BYTE, gid, (byte)1);
            }
        }
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        final FieldVector vector = nullable(name, inputType).createVector(out);
        try
        {
            vector.setInitialCapacity(n);
            vector.allocateNew();
            final MemorySegment target = ArrowMemory.segment(vector.getDataBuffer());
            final MemorySegment v = values.segment();
            for (int r = 0; r < n; r++)
            {
                final long g = Columns.groupAt(ids, r);
                MemorySegment.copy(v, 16L * g, target, 16L * r, 16);
            }
            final MemorySegment bitmap = ArrowMemory.segment(vector.getValidityBuffer());
            bitmap.asSlice(0, (n + 7) / 8).fill((byte)0);
            Columns.writeValidity(bitmap, outputValidity(), ids, n);
            vector.setValueCount(n);
            return vector;
        }
        catch (final RuntimeException e)
        {
            vector.close();
            throw e;
        }
    }

    @Override
    public void close()
    {
        super.close();
        values.close();
    }
}
