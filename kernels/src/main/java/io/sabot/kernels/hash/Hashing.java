package io.sabot.kernels.hash;

import io.sabot.kernels.decimal.Decimal64Vector;
import java.lang.foreign.MemorySegment;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.simd.Bitmaps;
import io.sabot.simd.Hash64;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * 64-bit row hashes of one or many columns.
 *
 * <p>Definition: {@code hash(row) = combine(...combine(combine(SEED, h(c0[row])), h(c1[row]))..., h(ck[row]))}
 * using {@link Hash64#combine} and {@link Hash64#SEED}, so a one-column hash is {@code combine(SEED, h(value))}, not
 * {@code h(value)}, and column order matters. The per-value hash {@code h} is:
 * <ul>
 *   <li>signed int8/16/32/64, date32/date64, time32/time64, timestamp, duration, interval(year-month):
 *       {@link Hash64#hashLong} of the value sign-extended to long; unsigned ints are zero-extended;</li>
 *   <li>float32/float64: {@link Hash64#hashDouble} (float32 widened exactly), so {@code -0.0 == 0.0} and all NaNs
 *       hash alike;</li>
 *   <li>boolean: {@code hashLong(1)} or {@code hashLong(0)};</li>
 *   <li>decimal128: the unscaled 128-bit value; when it fits in a long (high word is the sign extension of the low
 *       word) it is {@code hashLong(unscaled)}, otherwise {@link Hash64#hashBytes} of its 16 little-endian bytes.
 *       The representation is unique per unscaled value, so equal values at equal scale hash equal (the scale
 *       itself is not hashed: 1.0 at scale 1 and 10 at scale 0 collide, by design of "equal scale");</li>
 *   <li>utf8/binary/large variants/fixed-size binary: {@link Hash64#hashBytes} of the value's bytes;</li>
 *   <li>a null in any column: {@link Hash64#NULL_HASH}, folded like a value.</li>
 * </ul>
 * Contiguous int32/int64/float32/float64 columns run the SIMD column kernels of {@link io.sabot.simd.Hashing}; the
 * other types and selections run a scalar loop with the same results.
 *
 * <p>Thread-safety: stateless; concurrent calls on distinct outputs are safe. Ownership: inputs are read, never
 * closed; the output vector is the caller's (the allocator overloads return a new vector the caller must close).
 * The output never has nulls.
 */
public final class Hashing
{
    private static final int KIND_SIGNED = 0;
    private static final int KIND_UNSIGNED = 1;
    private static final int KIND_FLOAT = 2;
    private static final int KIND_DOUBLE = 3;
    private static final int KIND_BOOL = 4;
    private static final int KIND_DECIMAL = 5;
    private static final int KIND_VAR = 6;
    private static final int KIND_LARGE_VAR = 7;
    private static final int KIND_FIXED_BINARY = 8;
    /** Rows per chunk: 2048 running hashes = 16 KiB, half of a typical L1d. */
    private static final int CHUNK = 2048;

    private Hashing()
    {
    }

    /**
     * Hashes every row of the columns.
     *
     * @param columns   one or more vectors of equal length (read, not closed).
     * @param allocator where the output lives.
     * @return a new int64 vector named {@code "hash"} with one hash per row, owned by the caller.
     */
    public static BigIntVector hash(final List<FieldVector> columns, final BufferAllocator allocator)
    {
        if (columns.isEmpty())
        {
            throw new SchemaException("hash needs at least one column");
        }
        final int n = columns.get(0).getValueCount();
        for (final FieldVector column : columns)
        {
            if (column.getValueCount() != n)
            {
                throw new SchemaException("column '" + column.getName() + "' has " + column.getValueCount() +
                    " rows but '" + columns.get(0).getName() + "' has " + n);
            }
        }
        return hash(Rows.range(0, n), columns, allocator);
    }

    /**
     * Hashes the given rows of the columns.
     *
     * @param rows      the rows to hash (range or selection, in the columns' own row numbering).
     * @param columns   one or more vectors (read, not closed).
     * @param allocator where the output lives.
     * @return a new int64 vector named {@code "hash"} of {@code rows.count()} hashes, owned by the caller.
     */
    public static BigIntVector hash(final Rows rows, final List<FieldVector> columns, final BufferAllocator allocator)
    {
        validate(rows, columns);
        final BigIntVector out = new BigIntVector("hash", allocator);
        try
        {
            out.allocateNew(Math.max(1, rows.count()));
            hash(rows, columns, out);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    /**
     * Hashes the given rows of the columns into {@code out}, which is grown if too small and gets value count
     * {@code rows.count()}, every row non-null.
     *
     * @param rows    the rows to hash.
     * @param columns one or more vectors (read, not closed).
     * @param out     the caller's output vector; overwritten from row 0.
     */
    public static void hash(final Rows rows, final List<FieldVector> columns, final BigIntVector out)
    {
        validate(rows, columns);
        final int n = rows.count();
        while (out.getValueCapacity() < n)
        {
            out.reAlloc();
        }
        final MemorySegment hashes = ArrowMemory.segment(out.getDataBuffer());
        final int columnCount = columns.size();
        final Source[] sources = new Source[columnCount];
        for (int c = 0; c < columnCount; c++)
        {
            sources[c] = new Source(columns.get(c));
        }
        // Chunked so the running hashes stay in L1/L2 while every column is folded into them.
        for (int begin = 0; begin < n; begin += CHUNK)
        {
            final int end = Math.min(n, begin + CHUNK);
            for (int i = begin; i < end; i++)
            {
                hashes.set(Layouts.LONG_UNALIGNED, (long)i << 3, Hash64.SEED);
            }
            for (final Source source : sources)
            {
                fold(rows, begin, end, source, hashes);
            }
        }
        setAllValid(ArrowMemory.segment(out.getValidityBuffer()), n);
        out.setValueCount(n);
    }

    private static void validate(final Rows rows, final List<FieldVector> columns)
    {
        if (columns.isEmpty())
        {
            throw new SchemaException("hash needs at least one column");
        }
        for (final FieldVector column : columns)
        {
            kind(column);
            rows.checkWithin(column);
        }
    }

    private static int kind(final FieldVector column)
    {
        final ArrowType type = column.getField().getType();
        if (column instanceof Decimal64Vector)
        {
            // unscaled int64 values of one scale: equal decimals have equal words
            return KIND_SIGNED;
        }
        if (type instanceof ArrowType.ExtensionType)
        {
            // its type id is the storage's: never read an unknown extension as its storage
            throw new SchemaException("hash does not support column '" + column.getName() + "' of type " + type);
        }
        switch (type.getTypeID())
        {
            case Int:
                return ((ArrowType.Int)type).getIsSigned() ? KIND_SIGNED : KIND_UNSIGNED;
            case Date:
            case Time:
            case Timestamp:
            case Duration:
                return KIND_SIGNED;
            case Interval:
                if (((ArrowType.Interval)type).getUnit() == org.apache.arrow.vector.types.IntervalUnit.YEAR_MONTH)
                {
                    return KIND_SIGNED;
                }
                break;
            case FloatingPoint:
                final FloatingPointPrecision precision = ((ArrowType.FloatingPoint)type).getPrecision();
                if (precision == FloatingPointPrecision.SINGLE)
                {
                    return KIND_FLOAT;
                }
                if (precision == FloatingPointPrecision.DOUBLE)
                {
                    return KIND_DOUBLE;
                }
                break;
            case Bool:
                return KIND_BOOL;
            case Decimal:
                if (column instanceof DecimalVector)
                {
                    return KIND_DECIMAL;
                }
                break;
            case Utf8:
            case Binary:
                return KIND_VAR;
            case LargeUtf8:
            case LargeBinary:
                return KIND_LARGE_VAR;
            case FixedSizeBinary:
                return KIND_FIXED_BINARY;
            default:
                break;
        }
        throw new SchemaException("hash does not support column '" + column.getName() + "' of type " + type);
    }

    /** One column's kind and buffer views, resolved once per call. */
    private static final class Source
    {
        final int kind;
        final int width;
        final MemorySegment validity;
        final MemorySegment data;
        final MemorySegment offsets;

        Source(final FieldVector column)
        {
            kind = kind(column);
            validity = column.getNullCount() == 0 ? null : ArrowMemory.segment(column.getValidityBuffer());
            data = ArrowMemory.segment(column.getDataBuffer());
            offsets = kind == KIND_VAR || kind == KIND_LARGE_VAR ? ArrowMemory.segment(column.getOffsetBuffer()) :
                null;
            if (kind == KIND_SIGNED || kind == KIND_UNSIGNED)
            {
                width = column instanceof Decimal64Vector ? Long.BYTES :
                    column.getField().getType() instanceof ArrowType.Int i ? i.getBitWidth() / 8 : typeWidth(column);
            }
            else
            {
                width = kind == KIND_FIXED_BINARY ? ((FixedSizeBinaryVector)column).getByteWidth() : 0;
            }
        }
    }

    private static void fold(final Rows rows, final int begin, final int end, final Source source,
        final MemorySegment hashes)
    {
        final int kind = source.kind;
        final int width = source.width;
        final MemorySegment validity = source.validity;
        final MemorySegment data = source.data;
        if (rows.isContiguous())
        {
            final int from = rows.offset() + begin;
            final int count = end - begin;
            if (kind == KIND_SIGNED && width == 4)
            {
                io.sabot.simd.Hashing.combineInts(data, from, validity, from, hashes, begin, count);
                return;
            }
            if ((kind == KIND_SIGNED || kind == KIND_UNSIGNED) && width == 8)
            {
                io.sabot.simd.Hashing.combineLongs(data, from, validity, from, hashes, begin, count);
                return;
            }
            if (kind == KIND_FLOAT)
            {
                io.sabot.simd.Hashing.combineFloats(data, from, validity, from, hashes, begin, count);
                return;
            }
            if (kind == KIND_DOUBLE)
            {
                io.sabot.simd.Hashing.combineDoubles(data, from, validity, from, hashes, begin, count);
                return;
            }
        }
        switch (kind)
        {
            case KIND_SIGNED, KIND_UNSIGNED -> foldFixed(rows, begin, end, data, validity, hashes, width,
                kind == KIND_SIGNED);
            case KIND_FLOAT, KIND_DOUBLE -> foldFloating(rows, begin, end, data, validity, hashes,
                kind == KIND_FLOAT);
            case KIND_BOOL -> foldBool(rows, begin, end, data, validity, hashes);
            case KIND_DECIMAL -> foldDecimal(rows, begin, end, data, validity, hashes);
            case KIND_FIXED_BINARY -> foldFixedBinary(rows, begin, end, data, validity, hashes, width);
            default -> foldVariable(rows, begin, end, source.offsets, data, validity, hashes,
                kind == KIND_LARGE_VAR);
        }
    }

    private static int typeWidth(final FieldVector column)
    {
        if (column instanceof org.apache.arrow.vector.BaseFixedWidthVector fixed)
        {
            return fixed.getTypeWidth();
        }
        throw new SchemaException("hash does not support column '" + column.getName() + "' of type " +
            column.getField().getType());
    }

    private static void foldFixed(final Rows rows, final int begin, final int end, final MemorySegment data,
        final MemorySegment validity, final MemorySegment hashes, final int width, final boolean signed)
    {
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h;
            if (isValid(validity, row))
            {
                final long value = switch (width)
                {
                    case 1 -> signed ? data.get(Layouts.BYTE, row) : data.get(Layouts.BYTE, row) & 0xFFL;
                    case 2 -> signed ? data.get(Layouts.SHORT_UNALIGNED, row << 1) :
                        data.get(Layouts.SHORT_UNALIGNED, row << 1) & 0xFFFFL;
                    case 4 -> signed ? data.get(Layouts.INT_UNALIGNED, row << 2) :
                        data.get(Layouts.INT_UNALIGNED, row << 2) & 0xFFFF_FFFFL;
                    default -> data.get(Layouts.LONG_UNALIGNED, row << 3);
                };
                h = Hash64.hashLong(value);
            }
            else
            {
                h = Hash64.NULL_HASH;
            }
            fold(hashes, i, h);
        }
    }

    private static void foldFloating(final Rows rows, final int begin, final int end, final MemorySegment data,
        final MemorySegment validity, final MemorySegment hashes, final boolean single)
    {
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h;
            if (isValid(validity, row))
            {
                h = single ? Hash64.hashFloat(data.get(Layouts.FLOAT_UNALIGNED, row << 2)) :
                    Hash64.hashDouble(data.get(Layouts.DOUBLE_UNALIGNED, row << 3));
            }
            else
            {
                h = Hash64.NULL_HASH;
            }
            fold(hashes, i, h);
        }
    }

    private static void foldBool(final Rows rows, final int begin, final int end, final MemorySegment data,
        final MemorySegment validity, final MemorySegment hashes)
    {
        final long hashTrue = Hash64.hashLong(1);
        final long hashFalse = Hash64.hashLong(0);
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h = !isValid(validity, row) ? Hash64.NULL_HASH :
                Bitmaps.isSet(data, row) ? hashTrue : hashFalse;
            fold(hashes, i, h);
        }
    }

    private static void foldDecimal(final Rows rows, final int begin, final int end, final MemorySegment data,
        final MemorySegment validity, final MemorySegment hashes)
    {
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h;
            if (isValid(validity, row))
            {
                final long low = data.get(Layouts.LONG_UNALIGNED, row << 4);
                final long high = data.get(Layouts.LONG_UNALIGNED, (row << 4) + 8);
                h = high == (low >> 63) ? Hash64.hashLong(low) : Hash64.hashBytes(data, row << 4, 16);
            }
            else
            {
                h = Hash64.NULL_HASH;
            }
            fold(hashes, i, h);
        }
    }

    private static void foldFixedBinary(final Rows rows, final int begin, final int end, final MemorySegment data,
        final MemorySegment validity, final MemorySegment hashes, final int width)
    {
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h = isValid(validity, row) ? Hash64.hashBytes(data, row * width, width) : Hash64.NULL_HASH;
            fold(hashes, i, h);
        }
    }

    private static void foldVariable(final Rows rows, final int begin, final int end, final MemorySegment offsets,
        final MemorySegment data, final MemorySegment validity, final MemorySegment hashes, final boolean large)
    {
        for (int i = begin; i < end; i++)
        {
            final long row = rows.rowAt(i);
            final long h;
            if (isValid(validity, row))
            {
                final long first;
                final long last;
                if (large)
                {
                    first = offsets.get(Layouts.LONG_UNALIGNED, row << 3);
                    last = offsets.get(Layouts.LONG_UNALIGNED, (row + 1) << 3);
                }
                else
                {
                    first = offsets.get(Layouts.INT_UNALIGNED, row << 2);
                    last = offsets.get(Layouts.INT_UNALIGNED, (row + 1) << 2);
                }
                h = Hash64.hashBytes(data, first, (int)(last - first));
            }
            else
            {
                h = Hash64.NULL_HASH;
            }
            fold(hashes, i, h);
        }
    }

    private static void fold(final MemorySegment hashes, final int i, final long h)
    {
        final long at = (long)i << 3;
        hashes.set(Layouts.LONG_UNALIGNED, at, Hash64.combine(hashes.get(Layouts.LONG_UNALIGNED, at), h));
    }

    private static boolean isValid(final MemorySegment validity, final long row)
    {
        return validity == null || Bitmaps.isSet(validity, row);
    }

    private static void setAllValid(final MemorySegment validity, final int n)
    {
        final long full = n >>> 3;
        for (long b = 0; b < full; b++)
        {
            validity.set(Layouts.BYTE, b, (byte)0xFF);
        }
        final int rest = n & 7;
        if (rest != 0)
        {
            final byte old = validity.get(Layouts.BYTE, full);
            validity.set(Layouts.BYTE, full, (byte)((old & ~((1 << rest) - 1)) | ((1 << rest) - 1)));
        }
    }
}
