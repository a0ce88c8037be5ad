package io.sabot.kernels.cast;

import java.lang.foreign.MemorySegment;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * The input side of one cast call: the rows to read and segments over the input's buffers. Created once per call.
 *
 * <p>Thread-safety: confined to the calling thread. Ownership: views only; the vector stays the caller's.
 */
final class Column
{
    final String name;
    final Rows rows;
    final int count;
    final boolean contiguous;
    final int offset;
    final MemorySegment data;
    final MemorySegment validity;
    final MemorySegment offsets;

    Column(final FieldVector vector, final Rows rows)
    {
        this.name = vector.getName();
        this.rows = rows;
        this.count = rows.count();
        this.contiguous = rows.isContiguous();
        this.offset = rows.offset();
        this.data = ArrowMemory.segment(vector.getDataBuffer());
        this.validity = vector.getNullCount() == 0 ? null : ArrowMemory.segment(vector.getValidityBuffer());
        this.offsets = vector instanceof BaseVariableWidthVector ? ArrowMemory.segment(vector.getOffsetBuffer()) :
            null;
    }

    /** @return the input row read by output row {@code i}. */
    long row(final int i)
    {
        return contiguous ? offset + i : rows.rowAt(i);
    }

    /** @return whether input row {@code row} is non-null. */
    boolean isValid(final long row)
    {
        return validity == null || Bitmaps.isSet(validity, row);
    }

    /** @return the byte offset where utf8 row {@code row} starts. */
    long start(final long row)
    {
        return offsets.get(Layouts.INT_UNALIGNED, row << 2);
    }

    /** @return the byte offset where utf8 row {@code row} ends. */
    long end(final long row)
    {
        return offsets.get(Layouts.INT_UNALIGNED, (row + 1) << 2);
    }

    /**
     * Writes the validity of every read row into an output bitmap, a 64-bit word at a time.
     *
     * @param out the output validity bitmap, at least {@code ceil(count / 8)} bytes.
     */
    void copyValidity(final MemorySegment out)
    {
        long word = 0;
        for (int i = 0; i < count; i++)
        {
            if (isValid(row(i)))
            {
                word |= 1L << (i & 63);
            }
            if ((i & 63) == 63)
            {
                putWord(out, i >>> 6, word, 8);
                word = 0;
            }
        }
        if ((count & 63) != 0)
        {
            putWord(out, count >>> 6, word, ((count & 63) + 7) >>> 3);
        }
    }

    private static void putWord(final MemorySegment out, final int wordIndex, final long word, final int bytes)
    {
        final long at = (long)wordIndex << 3;
        if (bytes == 8)
        {
            out.set(Layouts.LONG_UNALIGNED, at, word);
            return;
        }
        for (int b = 0; b < bytes; b++)
        {
            out.set(Layouts.BYTE, at + b, (byte)(word >>> (b << 3)));
        }
    }
}
