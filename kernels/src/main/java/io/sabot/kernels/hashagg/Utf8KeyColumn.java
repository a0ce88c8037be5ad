package io.sabot.kernels.hashagg;

import io.sabot.kernels.SegmentCache;
import java.lang.foreign.MemorySegment;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * A utf8 group-by column. The bytes of every group's key are appended, in group-id order, to one off-heap heap, so
 * group {@code g}'s key is {@code heap[end[g-1], end[g])} ({@code end[-1] = 0}); a null or empty key has no bytes
 * and is told apart by the validity byte.
 *
 * <pre>
 *   ends:  | end[0] | end[1] | ... |   int64 LE per group
 *   valid: | v[0]   | v[1]   | ... |   1 byte per group, 1 = valid
 *   heap:  | key 0 bytes | key 1 bytes | ... | free |
 * </pre>
 *
 * <p>Before a batch is probed the heap is grown by the batch's total key bytes, so appends never allocate.
 */
final class Utf8KeyColumn extends KeyColumn
{
    private final OffHeapBuffer ends;
    private final OffHeapBuffer heap;
    private final SegmentCache dataView = new SegmentCache();
    private final SegmentCache offsetView = new SegmentCache();
    private final SegmentCache validityView = new SegmentCache();
    private long heapUsed;
    // Bound batch (package-private for GroupTable's tiny-key probe, which reads them into locals).
    MemorySegment data;
    MemorySegment offsets;
    MemorySegment validity;
    boolean anyNull;
    int offset;
    MemorySegment sel;

    Utf8KeyColumn(final BufferAllocator allocator)
    {
        super(allocator);
        this.ends = new OffHeapBuffer(allocator);
        this.heap = new OffHeapBuffer(allocator);
    }

    @Override
    void bind(final FieldVector vector, final int offset, final MemorySegment sel, final int n, final int groups)
    {
        this.data = dataView.of(vector.getDataBuffer());
        this.offsets = offsetView.of(vector.getOffsetBuffer());
        this.validity = validityView.of(vector.getValidityBuffer());
        this.anyNull = Columns.hasNulls(validity, offset, sel, n);
        this.offset = offset;
        this.sel = sel;
        long bytes = 0;
        if (n > 0)
        {
            if (sel == null)
            {
                bytes = start(offset + n) - start(offset);
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    bytes += length(sel.get(Layouts.INT_UNALIGNED, 4L * i));
                }
            }
        }
        if (bytes < 0)
        {
            throw new SchemaException("utf8 column '" + vector.getName() + "' has decreasing offsets");
        }
        heap.ensure(heapUsed + bytes, heapUsed);
    }

    private int start(final int row)
    {
        return offsets.get(Layouts.INT_UNALIGNED, 4L * row);
    }

    private int length(final int row)
    {
        return start(row + 1) - start(row);
    }

    private boolean rowValid(final int row)
    {
        return !anyNull || Columns.isValid(validity, row);
    }

    private long groupStart(final int gid)
    {
        return gid == 0 ? 0 : ends.segment().get(Layouts.LONG_UNALIGNED, 8L * (gid - 1));
    }

    @Override
    void hash(final MemorySegment hashes, final int n, final int mode)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = Columns.rowAt(offset, sel, i);
            final long hash = rowValid(row) ? Hash64.hashBytes(data, start(row), length(row)) : Hash64.NULL_HASH;
            hashes.set(Layouts.LONG_UNALIGNED, 8L * i, fold(hashes, i, mode, hash));
        }
    }

    @Override
    long hashRow(final int i)
    {
        final int row = Columns.rowAt(offset, sel, i);
        return rowValid(row) ? Hash64.hashBytes(data, start(row), length(row)) : Hash64.NULL_HASH;
    }

    /** Distinct tiny codes per column: null, empty, and one per single byte value. */
    static final int TINY_RADIX = 258;

    @Override
    boolean equalsRow(final int gid, final int i)
    {
        final int row = Columns.rowAt(offset, sel, i);
        final boolean valid = rowValid(row);
        if ((groupValid.segment().get(Layouts.BYTE, gid) != 0) != valid)
        {
            return false;
        }
        if (!valid)
        {
            return true;
        }
        final long groupStart = groupStart(gid);
        final long groupLength = ends.segment().get(Layouts.LONG_UNALIGNED, 8L * gid) - groupStart;
        final int rowStart = start(row);
        final int rowLength = start(row + 1) - rowStart;
        return groupLength == rowLength &&
            MemorySegment.mismatch(heap.segment(), groupStart, groupStart + rowLength, data, rowStart,
                rowStart + rowLength) < 0;
    }

    @Override
    void append(final int gid, final int i)
    {
        final int row = Columns.rowAt(offset, sel, i);
        final boolean valid = rowValid(row);
        if (valid)
        {
            final int rowStart = start(row);
            final int rowLength = start(row + 1) - rowStart;
            if (rowLength > 0)
            {
                MemorySegment.copy(data, rowStart, heap.segment(), heapUsed, rowLength);
                heapUsed += rowLength;
            }
        }
        ends.segment().set(Layouts.LONG_UNALIGNED, 8L * gid, heapUsed);
        groupValid.segment().set(Layouts.BYTE, gid, valid ? (byte)1 : (byte)0);
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        ends.ensure(8L * capacity, 8L * groups);
        groupValid.ensure(capacity, groups);
    }

    @Override
    void truncate(final int groups)
    {
        heapUsed = groupStart(groups);
    }

    @Override
    FieldVector output(final BufferAllocator out, final Field field, final MemorySegment ids, final int groups)
    {
        long bytes = 0;
        if (ids == null)
        {
            bytes = groupStart(groups);
        }
        else
        {
            for (int r = 0; r < groups; r++)
            {
                final int g = Columns.groupAt(ids, r);
                bytes += groupEnd(g) - groupStart(g);
            }
        }
        if (bytes > Integer.MAX_VALUE)
        {
            throw new SchemaException("utf8 key column '" + field.getName() + "' holds " + bytes +
                " bytes of keys, more than one utf8 vector (int32 offsets) can hold; emit results more often");
        }
        final VarCharVector vector = (VarCharVector)field.createVector(out);
        try
        {
            vector.allocateNew(Math.max(bytes, 1), groups);
            final MemorySegment outData = ArrowMemory.segment(vector.getDataBuffer());
            final MemorySegment outOffsets = ArrowMemory.segment(vector.getOffsetBuffer());
            outOffsets.set(Layouts.INT_UNALIGNED, 0, 0);
            if (ids == null)
            {
                if (bytes > 0)
                {
                    MemorySegment.copy(heap.segment(), 0, outData, 0, bytes);
                }
                final MemorySegment groupEnds = ends.segment();
                for (int g = 0; g < groups; g++)
                {
                    outOffsets.set(Layouts.INT_UNALIGNED, 4L * (g + 1),
                        (int)groupEnds.get(Layouts.LONG_UNALIGNED, 8L * g));
                }
            }
            else
            {
                long at = 0;
                for (int r = 0; r < groups; r++)
                {
                    final int g = Columns.groupAt(ids, r);
                    final long start = groupStart(g);
                    final long length = groupEnd(g) - start;
                    if (length > 0)
                    {
                        MemorySegment.copy(heap.segment(), start, outData, at, length);
                    }
                    at += length;
                    outOffsets.set(Layouts.INT_UNALIGNED, 4L * (r + 1), (int)at);
                }
            }
            Columns.writeValidity(ArrowMemory.segment(vector.getValidityBuffer()), groupValid.segment(), ids, groups);
            vector.setLastSet(groups - 1);
            vector.setValueCount(groups);
            return vector;
        }
        catch (final RuntimeException e)
        {
            vector.close();
            throw e;
        }
    }

    private long groupEnd(final int gid)
    {
        return ends.segment().get(Layouts.LONG_UNALIGNED, 8L * gid);
    }

    @Override
    public void close()
    {
        super.close();
        ends.close();
        heap.close();
        heapUsed = 0;
    }
}
