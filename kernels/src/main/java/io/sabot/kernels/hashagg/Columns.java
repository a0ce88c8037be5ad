package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;

import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

import org.apache.arrow.memory.BufferAllocator;

import io.sabot.kernels.ArrowMemory;

/**
 * Reads Arrow columns into dense per-row scratch arrays and writes per-group arrays back out as Arrow vectors.
 *
 * <p>Rows are given as {@code (offset, sel, n)}: row {@code i} is {@code offset + i} when {@code sel} is
 * {@code null}, else the int32 at position {@code i} of {@code sel}. Scratch arrays are indexed by {@code i}.
 * Stateless.
 */
final class Columns
{
    private Columns()
    {
    }

    static int rowAt(final int offset, final MemorySegment sel, final int i)
    {
        return sel == null ? offset + i : sel.get(Layouts.INT_UNALIGNED, 4L * i);
    }

    static boolean isValid(final MemorySegment validity, final int row)
    {
        return (validity.get(Layouts.BYTE, row >>> 3) & (1 << (row & 7))) != 0;
    }

    /**
     * @return true when any of the given rows of a validity bitmap is null. Looks only at those rows (unlike
     *     {@code getNullCount()}, which scans the whole vector), 64 rows per step for a contiguous range.
     */
    static boolean hasNulls(final MemorySegment bits, final int offset, final MemorySegment sel, final int n)
    {
        if (n == 0)
        {
            return false;
        }
        if (sel != null)
        {
            for (int i = 0; i < n; i++)
            {
                if (!isValid(bits, sel.get(Layouts.INT_UNALIGNED, 4L * i)))
                {
                    return true;
                }
            }
            return false;
        }
        final int end = offset + n;
        int row = offset;
        while (row < end && (row & 7) != 0)
        {
            if (!isValid(bits, row++))
            {
                return true;
            }
        }
        long at = row >>> 3;
        final long wordEnd = (end >>> 3) - 7;
        for (; at < wordEnd; at += 8)
        {
            if (bits.get(Layouts.LONG_UNALIGNED, at) != -1L)
            {
                return true;
            }
        }
        for (row = (int)(at << 3); row < end; row++)
        {
            if (!isValid(bits, row))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes 1 (valid) or 0 (null) per row into {@code out}.
     */
    static void readValidity(final MemorySegment validity, final int offset, final MemorySegment sel, final int n,
        final MemorySegment out)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = rowAt(offset, sel, i);
            out.set(Layouts.BYTE, i, isValid(validity, row) ? (byte)1 : (byte)0);
        }
    }

    /**
     * Writes each row as a 64-bit word: integers sign-extended, floats as the raw bits of the widened double (not
     * canonicalized), booleans as 0 or 1.
     */
    static void readWords(final ColumnKind kind, final MemorySegment data, final int offset, final MemorySegment sel,
        final int n, final MemorySegment out)
    {
        switch (kind)
        {
            case I8 ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i, data.get(Layouts.BYTE, rowAt(offset, sel, i)));
                }
            }
            case I16 ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i,
                        data.get(Layouts.SHORT_UNALIGNED, 2L * rowAt(offset, sel, i)));
                }
            }
            case I32 ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i,
                        data.get(Layouts.INT_UNALIGNED, 4L * rowAt(offset, sel, i)));
                }
            }
            case I64 ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i,
                        data.get(Layouts.LONG_UNALIGNED, 8L * rowAt(offset, sel, i)));
                }
            }
            case F32 ->
            {
                for (int i = 0; i < n; i++)
                {
                    final double value = data.get(Layouts.FLOAT_UNALIGNED, 4L * rowAt(offset, sel, i));
                    out.set(Layouts.LONG_UNALIGNED, 8L * i, Double.doubleToRawLongBits(value));
                }
            }
            case F64 ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i,
                        data.get(Layouts.LONG_UNALIGNED, 8L * rowAt(offset, sel, i)));
                }
            }
            case BOOL ->
            {
                for (int i = 0; i < n; i++)
                {
                    out.set(Layouts.LONG_UNALIGNED, 8L * i, isValid(data, rowAt(offset, sel, i)) ? 1L : 0L);
                }
            }
            default -> throw new IllegalStateException("not a fixed-width kind: " + kind);
        }
    }

    /**
     * Replaces float words read by {@link #readWords} with their canonical bits (one NaN, -0.0 as 0.0), so equal
     * keys have equal words.
     */
    static void canonicalize(final MemorySegment words, final int n)
    {
        for (int i = 0; i < n; i++)
        {
            final long at = 8L * i;
            words.set(Layouts.LONG_UNALIGNED, at,
                Hash64.canonicalBits(Double.longBitsToDouble(words.get(Layouts.LONG_UNALIGNED, at))));
        }
    }

    /**
     * Writes each numeric row as a double (integers converted, float32 widened).
     */
    static void readDoubles(final ColumnKind kind, final MemorySegment data, final int offset,
        final MemorySegment sel, final int n, final MemorySegment out)
    {
        if (kind == ColumnKind.F64)
        {
            for (int i = 0; i < n; i++)
            {
                out.set(Layouts.DOUBLE_UNALIGNED, 8L * i,
                    data.get(Layouts.DOUBLE_UNALIGNED, 8L * rowAt(offset, sel, i)));
            }
            return;
        }
        if (kind == ColumnKind.F32)
        {
            for (int i = 0; i < n; i++)
            {
                out.set(Layouts.DOUBLE_UNALIGNED, 8L * i,
                    data.get(Layouts.FLOAT_UNALIGNED, 4L * rowAt(offset, sel, i)));
            }
            return;
        }
        readWords(kind, data, offset, sel, n, out);
        for (int i = 0; i < n; i++)
        {
            final long at = 8L * i;
            out.set(Layouts.DOUBLE_UNALIGNED, at, (double)out.get(Layouts.LONG_UNALIGNED, at));
        }
    }

    /**
     * Allocates a vector of {@code field}'s type holding {@code n} per-group values.
     *
     * @param words  per-group 64-bit words: integers as longs, floats as double bits, booleans as 0/1.
     * @param valid  per-group bytes (1 = valid), or {@code null} when every group is valid.
     * @return the new vector, owned by the caller.
     */
    static FieldVector writeFixed(final BufferAllocator allocator, final Field field, final ColumnKind kind,
        final MemorySegment words, final MemorySegment valid, final int n)
    {
        return writeFixed(allocator, field, kind, words, valid, null, n);
    }

    /** @return the group whose value goes to output row {@code r}: {@code r}, or {@code ids[r]} (int32). */
    static int groupAt(final MemorySegment ids, final int r)
    {
        return ids == null ? r : ids.get(Layouts.INT_UNALIGNED, 4L * r);
    }

    /**
     * As {@link #writeFixed(BufferAllocator, Field, ColumnKind, MemorySegment, MemorySegment, int)}, output row
     * {@code r} taking group {@link #groupAt(MemorySegment, int) groupAt(ids, r)}.
     */
    static FieldVector writeFixed(final BufferAllocator allocator, final Field field, final ColumnKind kind,
        final MemorySegment words, final MemorySegment valid, final MemorySegment ids, final int n)
    {
        final BaseFixedWidthVector vector = (BaseFixedWidthVector)field.createVector(allocator);
        try
        {
            vector.allocateNew(n);
            final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
            switch (kind)
            {
                case I8 ->
                {
                    for (int g = 0; g < n; g++)
                    {
                        data.set(Layouts.BYTE, g, (byte)words.get(Layouts.LONG_UNALIGNED, 8L * groupAt(ids, g)));
                    }
                }
                case I16 ->
                {
                    for (int g = 0; g < n; g++)
                    {
                        data.set(Layouts.SHORT_UNALIGNED, 2L * g,
                            (short)words.get(Layouts.LONG_UNALIGNED, 8L * groupAt(ids, g)));
                    }
                }
                case I32 ->
                {
                    for (int g = 0; g < n; g++)
                    {
                        data.set(Layouts.INT_UNALIGNED, 4L * g,
                            (int)words.get(Layouts.LONG_UNALIGNED, 8L * groupAt(ids, g)));
                    }
                }
                case I64, F64 ->
                {
                    if (ids == null && n > 0)
                    {
                        MemorySegment.copy(words, 0, data, 0, 8L * n);
                    }
                    else
                    {
                        for (int g = 0; g < n; g++)
                        {
                            data.set(Layouts.LONG_UNALIGNED, 8L * g,
                                words.get(Layouts.LONG_UNALIGNED, 8L * groupAt(ids, g)));
                        }
                    }
                }
                case F32 ->
                {
                    for (int g = 0; g < n; g++)
                    {
                        data.set(Layouts.FLOAT_UNALIGNED, 4L * g,
                            (float)words.get(Layouts.DOUBLE_UNALIGNED, 8L * groupAt(ids, g)));
                    }
                }
                case BOOL ->
                {
                    for (int g = 0; g < n; g++)
                    {
                        if (words.get(Layouts.LONG_UNALIGNED, 8L * groupAt(ids, g)) != 0)
                        {
                            final long at = g >>> 3;
                            data.set(Layouts.BYTE, at, (byte)(data.get(Layouts.BYTE, at) | (1 << (g & 7))));
                        }
                    }
                }
                default -> throw new IllegalStateException("not a fixed-width kind: " + kind);
            }
            writeValidity(ArrowMemory.segment(vector.getValidityBuffer()), valid, ids, n);
            vector.setValueCount(n);
            return vector;
        }
        catch (final RuntimeException e)
        {
            vector.close();
            throw e;
        }
    }

    /**
     * Sets the Arrow validity bits of {@code n} rows from per-group bytes ({@code null} = all valid). The bitmap must
     * be zeroed.
     */
    static void writeValidity(final MemorySegment bitmap, final MemorySegment valid, final int n)
    {
        writeValidity(bitmap, valid, null, n);
    }

    /** As {@link #writeValidity(MemorySegment, MemorySegment, int)}, row {@code r} from group {@code ids[r]}. */
    static void writeValidity(final MemorySegment bitmap, final MemorySegment valid, final MemorySegment ids,
        final int n)
    {
        final int fullBytes = n >>> 3;
        if (valid == null)
        {
            if (fullBytes > 0)
            {
                bitmap.asSlice(0, fullBytes).fill((byte)0xFF);
            }
            for (int g = fullBytes << 3; g < n; g++)
            {
                bitmap.set(Layouts.BYTE, fullBytes, (byte)(bitmap.get(Layouts.BYTE, fullBytes) | (1 << (g & 7))));
            }
            return;
        }
        for (int g = 0; g < n; g++)
        {
            if (valid.get(Layouts.BYTE, groupAt(ids, g)) != 0)
            {
                final long at = g >>> 3;
                bitmap.set(Layouts.BYTE, at, (byte)(bitmap.get(Layouts.BYTE, at) | (1 << (g & 7))));
            }
        }
    }
}
