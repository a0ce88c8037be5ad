package io.sabot.kernels.join;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Build-side store of an integer-like key column (int8..int64, date, time, timestamp), every value sign-extended to
 * int64.
 *
 * <pre>
 *   values (off-heap, 8 bytes per build row id):
 *   +----------+----------+-----+--------------+
 *   | v[0] i64 | v[1] i64 | ... | v[rows - 1]  |     null rows hold 0 (flagged separately)
 *   +----------+----------+-----+--------------+
 * </pre>
 *
 * <p>Thread-safety: see {@link KeyColumn}.
 */
final class FixedKeyColumn extends KeyColumn
{
    final int width;
    private final OffHeapBuffer values;

    FixedKeyColumn(final BufferAllocator allocator, final String name, final ArrowType type, final int width)
    {
        super(name, type);
        this.width = width;
        this.values = new OffHeapBuffer(allocator, 1024L * Long.BYTES);
    }

    /**
     * @param data  a vector's value buffer.
     * @param width the value width in bytes.
     * @param row   a physical row.
     * @return the value, sign-extended.
     */
    static long read(final MemorySegment data, final int width, final int row)
    {
        return switch (width)
        {
            case 8 -> data.get(Layouts.LONG_UNALIGNED, (long)row << 3);
            case 4 -> data.get(Layouts.INT_UNALIGNED, (long)row << 2);
            case 2 -> data.get(Layouts.SHORT_UNALIGNED, (long)row << 1);
            default -> data.get(ValueLayout.JAVA_BYTE, row);
        };
    }

    static boolean isValid(final MemorySegment validity, final int row)
    {
        return (validity.get(ValueLayout.JAVA_BYTE, row >>> 3) >> (row & 7) & 1) != 0;
    }

    @Override
    void append(final FieldVector vector, final Rows rows, final int firstRow, final OffHeapBuffer nullFlags)
    {
        final int n = rows.count();
        values.ensureCapacity(((long)firstRow + n) * Long.BYTES);
        final MemorySegment out = values.segment();
        final MemorySegment flags = nullFlags.segment();
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final MemorySegment validity = vector.getNullCount() == 0 ? null : ArrowMemory.segment(
            vector.getValidityBuffer());
        for (int i = 0; i < n; i++)
        {
            final int row = rows.rowAt(i);
            final long target = (long)firstRow + i;
            if (validity != null && !isValid(validity, row))
            {
                out.set(Layouts.LONG_UNALIGNED, target << 3, 0L);
                flags.set(ValueLayout.JAVA_BYTE, target, (byte)1);
            }
            else
            {
                out.set(Layouts.LONG_UNALIGNED, target << 3, read(data, width, row));
            }
        }
    }

    /**
     * @return the stored value of build row {@code row}.
     */
    long value(final int row)
    {
        return values.segment().get(Layouts.LONG_UNALIGNED, (long)row << 3);
    }

    @Override
    long hash(final int row)
    {
        return Hash64.hashLong(value(row));
    }

    @Override
    boolean rowsEqual(final int a, final int b)
    {
        return value(a) == value(b);
    }

    @Override
    ProbeKey newProbeKey()
    {
        return new FixedProbeKey(this);
    }

    @Override
    public void close()
    {
        values.close();
    }
}
