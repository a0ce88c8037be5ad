package io.sabot.kernels.sort;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;

/**
 * Turns one Arrow key column, over the rows being sorted, into a {@link RowComparator}: a {@link FixedKey} for
 * integers, floats, dates, times, timestamps, durations, booleans and decimals that fit in 64 bits; a
 * {@link DecimalKey} for wider decimals; a {@link BinaryKey} for utf8/binary (32- and 64-bit offsets).
 *
 * <p>Rows are addressed by local index {@code i}: physical row {@code positions[i]}, or {@code offset + i} when
 * {@code positions} is {@code null}. Stateless; thread-safe.
 */
final class KeyColumns
{
    private static final ValueLayout.OfLong LONG_BIG_ENDIAN =
        ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private enum Kind
    {
        I8, I16, I32, I64, U8, U16, U32, U64, F32, F64, BOOL
    }

    private KeyColumns()
    {
    }

    /**
     * @param vector    the key column; its type must be supported.
     * @param key       the key's order and null placement.
     * @param positions physical rows, or {@code null} for the range starting at {@code offset}.
     * @param offset    first physical row when {@code positions} is {@code null}.
     * @param n         how many rows.
     * @return the key's comparator over local indices.
     * @throws SchemaException naming the column when its type cannot be sorted.
     */
    static RowComparator prepare(final FieldVector vector, final SortKey key, final int[] positions,
        final int offset, final int n)
    {
        final boolean descending = key.order() == SortOrder.DESCENDING;
        final boolean nullsFirst = key.nulls() == NullPlacement.AT_START;
        final boolean[] isNull = nulls(vector, positions, offset, n);
        if (vector instanceof DecimalVector)
        {
            return decimal(vector, positions, offset, n, isNull, descending, nullsFirst);
        }
        if (vector instanceof BaseVariableWidthVector || vector instanceof BaseLargeVariableWidthVector)
        {
            return binary(vector, positions, offset, n, isNull, descending, nullsFirst);
        }
        final Kind kind = kindOf(vector);
        final int width = widthOf(kind);
        final long mask = width == 64 ? -1L : (1L << width) - 1;
        final long[] u = new long[n];
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        if (n > 0)
        {
            // NaN goes next to the nulls: 0 for AT_START, all ones for AT_END, after any inversion below
            final long nanFinal = nullsFirst ? 0L : mask;
            final long nan = descending ? ~nanFinal & mask : nanFinal;
            read(kind, data, positions, offset, n, u, nan);
        }
        finish(u, isNull, n, descending, mask);
        return new FixedKey(u, isNull, width, nullsFirst);
    }

    /**
     * @param vector a column.
     * @return true when {@link #prepare} accepts its type.
     */
    static boolean supported(final FieldVector vector)
    {
        return vector instanceof DecimalVector || vector instanceof BaseVariableWidthVector ||
            vector instanceof BaseLargeVariableWidthVector || kindOrNull(vector) != null;
    }

    private static Kind kindOf(final FieldVector vector)
    {
        final Kind kind = kindOrNull(vector);
        if (kind == null)
        {
            throw new SchemaException("cannot sort by column '" + vector.getName() + "' of type " +
                vector.getField().getType());
        }
        return kind;
    }

    private static Kind kindOrNull(final FieldVector vector)
    {
        if (vector instanceof TinyIntVector)
        {
            return Kind.I8;
        }
        if (vector instanceof SmallIntVector)
        {
            return Kind.I16;
        }
        if (vector instanceof IntVector || vector instanceof DateDayVector || vector instanceof TimeSecVector ||
            vector instanceof TimeMilliVector)
        {
            return Kind.I32;
        }
        if (vector instanceof BigIntVector || vector instanceof DateMilliVector || vector instanceof TimeMicroVector ||
            vector instanceof TimeNanoVector || vector instanceof TimeStampVector || vector instanceof DurationVector)
        {
            return Kind.I64;
        }
        if (vector instanceof UInt1Vector)
        {
            return Kind.U8;
        }
        if (vector instanceof UInt2Vector)
        {
            return Kind.U16;
        }
        if (vector instanceof UInt4Vector)
        {
            return Kind.U32;
        }
        if (vector instanceof UInt8Vector)
        {
            return Kind.U64;
        }
        if (vector instanceof Float4Vector)
        {
            return Kind.F32;
        }
        if (vector instanceof Float8Vector)
        {
            return Kind.F64;
        }
        if (vector instanceof BitVector)
        {
            return Kind.BOOL;
        }
        return null;
    }

    private static int widthOf(final Kind kind)
    {
        return switch (kind)
        {
            case I8, U8 -> 8;
            case I16, U16 -> 16;
            case I32, U32, F32 -> 32;
            case I64, U64, F64 -> 64;
            case BOOL -> 1;
        };
    }

    private static boolean[] nulls(final FieldVector vector, final int[] positions, final int offset, final int n)
    {
        if (n == 0 || vector.getNullCount() == 0)
        {
            return null;
        }
        final MemorySegment validity = ArrowMemory.segment(vector.getValidityBuffer());
        final boolean[] isNull = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            final boolean missing = !Bitmaps.isSet(validity, row);
            isNull[i] = missing;
            any |= missing;
        }
        return any ? isNull : null;
    }

    private static void finish(final long[] u, final boolean[] isNull, final int n, final boolean descending,
        final long mask)
    {
        if (descending)
        {
            for (int i = 0; i < n; i++)
            {
                u[i] = ~u[i] & mask;
            }
        }
        if (isNull != null)
        {
            for (int i = 0; i < n; i++)
            {
                if (isNull[i])
                {
                    u[i] = 0; // null slots hold garbage; zero them so nulls tie
                }
            }
        }
    }

    private static void read(final Kind kind, final MemorySegment data, final int[] positions, final int offset,
        final int n, final long[] u, final long nan)
    {
        switch (kind)
        {
            case I8 -> readI8(data, positions, offset, n, u);
            case I16 -> readI16(data, positions, offset, n, u);
            case I32 -> readI32(data, positions, offset, n, u);
            case I64 -> readI64(data, positions, offset, n, u);
            case U8 -> readU8(data, positions, offset, n, u);
            case U16 -> readU16(data, positions, offset, n, u);
            case U32 -> readU32(data, positions, offset, n, u);
            case U64 -> readU64(data, positions, offset, n, u);
            case F32 -> readF32(data, positions, offset, n, u, nan);
            case F64 -> readF64(data, positions, offset, n, u, nan);
            case BOOL -> readBool(data, positions, offset, n, u);
        }
    }

    private static void readI8(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = (data.get(Layouts.BYTE, row) & 0xFF) ^ 0x80;
        }
    }

    private static void readI16(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = (data.get(Layouts.SHORT_UNALIGNED, (long)row << 1) & 0xFFFF) ^ 0x8000;
        }
    }

    private static void readI32(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = (data.get(Layouts.INT_UNALIGNED, (long)row << 2) & 0xFFFF_FFFFL) ^ 0x8000_0000L;
        }
    }

    private static void readI64(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = data.get(Layouts.LONG_UNALIGNED, (long)row << 3) ^ Long.MIN_VALUE;
        }
    }

    private static void readU8(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = data.get(Layouts.BYTE, row) & 0xFF;
        }
    }

    private static void readU16(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = data.get(Layouts.SHORT_UNALIGNED, (long)row << 1) & 0xFFFF;
        }
    }

    private static void readU32(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = data.get(Layouts.INT_UNALIGNED, (long)row << 2) & 0xFFFF_FFFFL;
        }
    }

    private static void readU64(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = data.get(Layouts.LONG_UNALIGNED, (long)row << 3);
        }
    }

    private static void readF32(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u, final long nan)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            final int bits = data.get(Layouts.INT_UNALIGNED, (long)row << 2);
            // negative floats: flip magnitude bits so larger magnitude sorts lower; then flip the sign bit
            final int signed = bits ^ ((bits >> 31) & 0x7FFF_FFFF);
            final long normal = (signed & 0xFFFF_FFFFL) ^ 0x8000_0000L;
            u[i] = (bits & 0x7FFF_FFFF) > 0x7F80_0000 ? nan : normal;
        }
    }

    private static void readF64(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u, final long nan)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            final long bits = data.get(Layouts.LONG_UNALIGNED, (long)row << 3);
            final long signed = bits ^ ((bits >> 63) & Long.MAX_VALUE);
            final long normal = signed ^ Long.MIN_VALUE;
            u[i] = (bits & Long.MAX_VALUE) > 0x7FF0_0000_0000_0000L ? nan : normal;
        }
    }

    private static void readBool(final MemorySegment data, final int[] positions, final int offset, final int n,
        final long[] u)
    {
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            u[i] = Bitmaps.bit(data, row);
        }
    }

    private static RowComparator decimal(final FieldVector vector, final int[] positions, final int offset,
        final int n, final boolean[] isNull, final boolean descending, final boolean nullsFirst)
    {
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final long[] hi = new long[n];
        final long[] lo = new long[n];
        boolean fits64 = true;
        for (int i = 0; i < n; i++)
        {
            final int row = positions == null ? offset + i : positions[i];
            final long l = data.get(Layouts.LONG_UNALIGNED, (long)row << 4);
            final long h = data.get(Layouts.LONG_UNALIGNED, ((long)row << 4) + 8);
            final boolean live = isNull == null || !isNull[i];
            fits64 &= !live || h == l >> 63;
            hi[i] = h ^ Long.MIN_VALUE;
            lo[i] = l;
        }
        if (fits64)
        {
            // every value is a sign-extended int64: one radix-sortable 64-bit key
            for (int i = 0; i < n; i++)
            {
                lo[i] ^= Long.MIN_VALUE;
            }
            finish(lo, isNull, n, descending, -1L);
            return new FixedKey(lo, isNull, 64, nullsFirst);
        }
        finish(hi, isNull, n, descending, -1L);
        finish(lo, isNull, n, descending, -1L);
        return new DecimalKey(hi, lo, isNull, nullsFirst);
    }

    private static RowComparator binary(final FieldVector vector, final int[] positions, final int offset,
        final int n, final boolean[] isNull, final boolean descending, final boolean nullsFirst)
    {
        final boolean large = vector instanceof BaseLargeVariableWidthVector;
        final MemorySegment offsets = ArrowMemory.segment(vector.getOffsetBuffer());
        final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
        final long[] prefix = new long[n];
        for (int i = 0; i < n; i++)
        {
            if (isNull != null && isNull[i])
            {
                continue;
            }
            final int row = positions == null ? offset + i : positions[i];
            final long start = large ? offsets.get(Layouts.LONG_UNALIGNED, (long)row << 3) :
                offsets.get(Layouts.INT_UNALIGNED, (long)row << 2);
            final long end = large ? offsets.get(Layouts.LONG_UNALIGNED, ((long)row + 1) << 3) :
                offsets.get(Layouts.INT_UNALIGNED, ((long)row + 1) << 2);
            if (end - start >= 8)
            {
                prefix[i] = data.get(LONG_BIG_ENDIAN, start);
            }
            else
            {
                long p = 0;
                for (long at = start; at < end; at++)
                {
                    p = (p << 8) | (data.get(Layouts.BYTE, at) & 0xFF);
                }
                prefix[i] = p << ((8 - (end - start)) << 3);
            }
        }
        return new BinaryKey(offsets, data, large, positions, offset, prefix, isNull, descending, nullsFirst);
    }
}
