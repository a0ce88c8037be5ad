package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;
import java.util.List;

import io.sabot.kernels.ArrowMemory;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * mean over integer or float columns as float64: the float64 sum of the non-null values (integers converted one by
 * one, added in row order) divided by their count; null for a group that saw no non-null value.
 *
 * <pre>
 *   sums:   | s[0] | s[1] | ... |   float64 LE per group
 *   counts: | c[0] | c[1] | ... |   int64 LE per group
 * </pre>
 */
final class MeanAccumulator extends Accumulator
{
    private final OffHeapBuffer sums;
    private final OffHeapBuffer counts;
    private boolean inPlace;

    MeanAccumulator(final BufferAllocator allocator, final String name)
    {
        super(allocator, name);
        this.sums = new OffHeapBuffer(allocator);
        this.counts = new OffHeapBuffer(allocator);
    }

    private MemorySegment countColumn;

    @Override
    int stateColumns()
    {
        return 2;
    }

    @Override
    String[] stateNames()
    {
        return new String[] {name + "#sum", name + "#count"};
    }

    @Override
    void bindSecond(final FieldVector second)
    {
        countColumn = ArrowMemory.segment(second.getDataBuffer());
    }

    @Override
    void partialOutput(final BufferAllocator out, final MemorySegment ids, final int n,
        final List<FieldVector> columns)
    {
        columns.add(Columns.writeFixed(out, nullable(name + "#sum",
            new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), ColumnKind.F64, sums.segment(), null, ids,
            n));
        columns.add(Columns.writeFixed(out, nullable(name + "#count", new ArrowType.Int(64, true)), ColumnKind.I64,
            counts.segment(), null, ids, n));
    }

    @Override
    void prepare(final int n)
    {
        inPlace = inPlace(ColumnKind.F64);
        if (!inPlace)
        {
            readDoubles(n);
        }
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        sums.ensure(8L * capacity, 8L * groups);
        counts.ensure(8L * capacity, 8L * groups);
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        fillLongs(sums.segment(), from, to, 0L);
        fillLongs(counts.segment(), from, to, 0L);
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        final MemorySegment s = sums.segment();
        final MemorySegment c = counts.segment();
        final MemorySegment in = source(inPlace);
        final long base = inPlace ? 8L * offset : 0L;
        final MemorySegment valid = rowValidity();
        for (int i = 0; i < n; i++)
        {
            if (valid != null && valid.get(Layouts.BYTE, i) == 0)
            {
                continue;
            }
            final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
            s.set(Layouts.DOUBLE_UNALIGNED, at,
                s.get(Layouts.DOUBLE_UNALIGNED, at) + in.get(Layouts.DOUBLE_UNALIGNED, base + 8L * i));
            // Merging adds the partial count of the (sum, count) pair, else one per value.
            c.set(Layouts.LONG_UNALIGNED, at,
                c.get(Layouts.LONG_UNALIGNED, at) + (merging ? longAt(countColumn, i) : 1));
        }
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int groups)
    {
        final Float8Vector vector =
            (Float8Vector)nullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)).createVector(out);
        try
        {
            vector.allocateNew(groups);
            final MemorySegment s = sums.segment();
            final MemorySegment c = counts.segment();
            for (int r = 0; r < groups; r++)
            {
                final long g = Columns.groupAt(ids, r);
                final long count = c.get(Layouts.LONG_UNALIGNED, 8L * g);
                if (count > 0)
                {
                    vector.set(r, s.get(Layouts.DOUBLE_UNALIGNED, 8L * g) / count);
                }
            }
            vector.setValueCount(groups);
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
        sums.close();
        counts.close();
    }
}
