package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;

import io.sabot.common.DataException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Build-side store of a utf8 key column: Arrow-style offsets plus concatenated bytes.
 *
 * <pre>
 *   offsets (off-heap, int64, rows + 1 entries)     bytes (off-heap)
 *   +------+------+------+-----+----------+        +-------+-------+-----+
 *   | 0    | e[0] | e[1] | ... | e[rows-1]|        | row 0 | row 1 | ... |
 *   +------+------+------+-----+----------+        +-------+-------+-----+
 *   row r spans bytes [offsets[r], offsets[r + 1]); null rows are empty (flagged separately)
 * </pre>
 *
 * <p>Thread-safety: see {@link KeyColumn}.
 */
final class Utf8KeyColumn extends KeyColumn
{
    private final OffHeapBuffer offsets;
    private final OffHeapBuffer bytes;

    Utf8KeyColumn(final BufferAllocator allocator, final String name, final ArrowType type)
    {
        super(name, type);
        this.offsets = new OffHeapBuffer(allocator, 1025L * Long.BYTES);
        this.bytes = new OffHeapBuffer(allocator, 16 * 1024);
        offsets.segment().set(Layouts.LONG_UNALIGNED, 0, 0L);
    }

    @Override
    void append(final FieldVector vector, final Rows rows, final int firstRow, final OffHeapBuffer nullFlags)
    {
        final int n = rows.count();
        offsets.ensureCapacity(((long)firstRow + n + 1) * Long.BYTES);
        final MemorySegment offs = offsets.segment();
        final MemorySegment flags = nullFlags.segment();
        final MemorySegment srcOffsets = ArrowMemory.segment(vector.getOffsetBuffer());
        final MemorySegment srcData = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = vector.getNullCount() == 0 ? null : ArrowMemory.segment(
            vector.getValidityBuffer());
        long end = offs.get(Layouts.LONG_UNALIGNED, (long)firstRow << 3);
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long target = (long)firstRow + i;
            if (validity != null && !FixedKeyColumn.isValid(validity, row))
            {
                flags.set(java.lang.foreign.ValueLayout.JAVA_BYTE, target, (byte)1);
            }
            else
            {
                final int start = srcOffsets.get(Layouts.INT_UNALIGNED, (long)row << 2);
                final int stop = srcOffsets.get(Layouts.INT_UNALIGNED, ((long)row + 1) << 2);
                final int length = stop - start;
                if (length < 0)
                {
                    throw new DataException("utf8 offsets go backwards", name, row);
                }
                bytes.ensureCapacity(end + length);
                MemorySegment.copy(srcData, start, bytes.segment(), end, length);
                end += length;
            }
            offs.set(Layouts.LONG_UNALIGNED, (target + 1) << 3, end);
        }
    }

    long start(final int row)
    {
        return offsets.segment().get(Layouts.LONG_UNALIGNED, (long)row << 3);
    }

    long end(final int row)
    {
        return offsets.segment().get(Layouts.LONG_UNALIGNED, ((long)row + 1) << 3);
    }

    MemorySegment bytes()
    {
        return bytes.segment();
    }

    @Override
    long hash(final int row)
    {
        final long start = start(row);
        return Hash64.hashBytes(bytes.segment(), start, (int)(end(row) - start));
    }

    @Override
    boolean rowsEqual(final int a, final int b)
    {
        final long sa = start(a);
        final long ea = end(a);
        final long sb = start(b);
        final long eb = end(b);
        final MemorySegment data = bytes.segment();
        return ea - sa == eb - sb && MemorySegment.mismatch(data, sa, ea, data, sb, eb) == -1;
    }

    @Override
    ProbeKey newProbeKey()
    {
        return new Utf8ProbeKey(this);
    }

    @Override
    public void close()
    {
        offsets.close();
        bytes.close();
    }
}
