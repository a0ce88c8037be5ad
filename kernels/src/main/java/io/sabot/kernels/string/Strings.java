package io.sabot.kernels.string;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * String kernels on utf8 ({@link VarCharVector}) columns.
 *
 * <ul>
 *   <li>{@code length}: code points (bytes that are not UTF-8 continuation bytes); {@code byteLength}: bytes.</li>
 *   <li>Predicates {@code equalTo}, {@code startsWith}, {@code endsWith}, {@code contains} compare raw UTF-8 bytes
 *       (no normalization, case-sensitive) against a scalar pattern, and {@code equalTo} also against another
 *       column. The {@link BitVector} forms propagate nulls (a null input gives a null output, as in Arrow C++); the
 *       {@code select*} forms return the input row positions (in the input's own numbering, in {@code rows} order)
 *       whose predicate is true, so nulls are never selected. The empty pattern matches every non-null value.</li>
 *   <li>{@code lowerAscii}/{@code upperAscii}: map ASCII letters only; every other byte, including every byte of a
 *       multi-byte character, is copied unchanged. Nulls stay null.</li>
 * </ul>
 * Values are read as bytes, eight at a time; {@code contains} scans eight candidate positions per word for the
 * pattern's first byte (see {@link Utf8Bytes#contains}).
 *
 * <p>Thread-safety: stateless. Ownership: inputs are read, never closed; every result is a new vector or selection
 * allocated from the caller's allocator and owned by the caller (released here if the kernel fails).
 */
public final class Strings
{
    private static final int EQUAL = 0;
    private static final int STARTS = 1;
    private static final int ENDS = 2;
    private static final int CONTAINS = 3;

    private Strings()
    {
    }

    /**
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return the code-point length of every row (null for null).
     */
    public static IntVector length(final VarCharVector input, final BufferAllocator allocator)
    {
        return length(Rows.all(input), input, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return the code-point length of each read row (null for null).
     */
    public static IntVector length(final Rows rows, final VarCharVector input, final BufferAllocator allocator)
    {
        return lengths(rows, input, allocator, true);
    }

    /**
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return the UTF-8 byte length of every row (null for null).
     */
    public static IntVector byteLength(final VarCharVector input, final BufferAllocator allocator)
    {
        return byteLength(Rows.all(input), input, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return the UTF-8 byte length of each read row (null for null).
     */
    public static IntVector byteLength(final Rows rows, final VarCharVector input, final BufferAllocator allocator)
    {
        return lengths(rows, input, allocator, false);
    }

    /**
     * @param input     a utf8 column.
     * @param value     the scalar to compare with (not null).
     * @param allocator where the result lives.
     * @return per row: value equals {@code value} byte for byte (null for null).
     */
    public static BitVector equalTo(final VarCharVector input, final String value, final BufferAllocator allocator)
    {
        return equalTo(Rows.all(input), input, value, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param value     the scalar to compare with (not null).
     * @param allocator where the result lives.
     * @return per read row: value equals {@code value} (null for null).
     */
    public static BitVector equalTo(final Rows rows, final VarCharVector input, final String value,
        final BufferAllocator allocator)
    {
        return predicate(rows, input, value, EQUAL, allocator);
    }

    /**
     * Row-wise equality of two columns.
     *
     * @param rows      the rows to read from both columns.
     * @param left      a utf8 column.
     * @param right     a utf8 column.
     * @param allocator where the result lives.
     * @return per read row: {@code left == right} byte for byte; null when either side is null.
     */
    public static BitVector equalTo(final Rows rows, final VarCharVector left, final VarCharVector right,
        final BufferAllocator allocator)
    {
        rows.checkWithin(left);
        rows.checkWithin(right);
        final Utf8Column a = new Utf8Column(left);
        final Utf8Column b = new Utf8Column(right);
        final int n = rows.count();
        final BitVector out = new BitVector(left.getName() + " = " + right.getName(), allocator);
        try
        {
            out.allocateNew(n);
            final BitWriter values = new BitWriter(ArrowMemory.segment(out.getDataBuffer()));
            final BitWriter validity = new BitWriter(ArrowMemory.segment(out.getValidityBuffer()));
            for (int i = 0; i < n; i++)
            {
                final long row = rows.rowAt(i);
                final boolean valid = a.isValid(row) && b.isValid(row);
                boolean equal = false;
                if (valid)
                {
                    final long start = a.start(row);
                    final long length = a.end(row) - start;
                    final long otherStart = b.start(row);
                    equal = length == b.end(row) - otherStart &&
                        Utf8Bytes.regionEquals(a.data, start, b.data, otherStart, length);
                }
                values.add(equal);
                validity.add(valid);
            }
            values.finish();
            validity.finish();
            out.setValueCount(n);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    /**
     * @param input     a utf8 column.
     * @param prefix    the prefix (not null).
     * @param allocator where the result lives.
     * @return per row: value starts with {@code prefix} (null for null).
     */
    public static BitVector startsWith(final VarCharVector input, final String prefix,
        final BufferAllocator allocator)
    {
        return startsWith(Rows.all(input), input, prefix, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param prefix    the prefix (not null).
     * @param allocator where the result lives.
     * @return per read row: value starts with {@code prefix} (null for null).
     */
    public static BitVector startsWith(final Rows rows, final VarCharVector input, final String prefix,
        final BufferAllocator allocator)
    {
        return predicate(rows, input, prefix, STARTS, allocator);
    }

    /**
     * @param input     a utf8 column.
     * @param suffix    the suffix (not null).
     * @param allocator where the result lives.
     * @return per row: value ends with {@code suffix} (null for null).
     */
    public static BitVector endsWith(final VarCharVector input, final String suffix, final BufferAllocator allocator)
    {
        return endsWith(Rows.all(input), input, suffix, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param suffix    the suffix (not null).
     * @param allocator where the result lives.
     * @return per read row: value ends with {@code suffix} (null for null).
     */
    public static BitVector endsWith(final Rows rows, final VarCharVector input, final String suffix,
        final BufferAllocator allocator)
    {
        return predicate(rows, input, suffix, ENDS, allocator);
    }

    /**
     * @param input     a utf8 column.
     * @param part      the substring (not null).
     * @param allocator where the result lives.
     * @return per row: value contains {@code part} (null for null).
     */
    public static BitVector contains(final VarCharVector input, final String part, final BufferAllocator allocator)
    {
        return contains(Rows.all(input), input, part, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param part      the substring (not null).
     * @param allocator where the result lives.
     * @return per read row: value contains {@code part} (null for null).
     */
    public static BitVector contains(final Rows rows, final VarCharVector input, final String part,
        final BufferAllocator allocator)
    {
        return predicate(rows, input, part, CONTAINS, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param value     the scalar to compare with (not null).
     * @param allocator where the result lives.
     * @return the positions of the read rows equal to {@code value}; nulls are not selected.
     */
    public static SelectionVector selectEqualTo(final Rows rows, final VarCharVector input, final String value,
        final BufferAllocator allocator)
    {
        return select(rows, input, value, EQUAL, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param prefix    the prefix (not null).
     * @param allocator where the result lives.
     * @return the positions of the read rows starting with {@code prefix}; nulls are not selected.
     */
    public static SelectionVector selectStartsWith(final Rows rows, final VarCharVector input, final String prefix,
        final BufferAllocator allocator)
    {
        return select(rows, input, prefix, STARTS, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param suffix    the suffix (not null).
     * @param allocator where the result lives.
     * @return the positions of the read rows ending with {@code suffix}; nulls are not selected.
     */
    public static SelectionVector selectEndsWith(final Rows rows, final VarCharVector input, final String suffix,
        final BufferAllocator allocator)
    {
        return select(rows, input, suffix, ENDS, allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param part      the substring (not null).
     * @param allocator where the result lives.
     * @return the positions of the read rows containing {@code part}; nulls are not selected.
     */
    public static SelectionVector selectContains(final Rows rows, final VarCharVector input, final String part,
        final BufferAllocator allocator)
    {
        return select(rows, input, part, CONTAINS, allocator);
    }

    /**
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return every row with ASCII {@code A-Z} mapped to {@code a-z}; other bytes unchanged.
     */
    public static VarCharVector lowerAscii(final VarCharVector input, final BufferAllocator allocator)
    {
        return mapCase(Rows.all(input), input, 'A', allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return each read row with ASCII {@code A-Z} mapped to {@code a-z}; other bytes unchanged.
     */
    public static VarCharVector lowerAscii(final Rows rows, final VarCharVector input,
        final BufferAllocator allocator)
    {
        return mapCase(rows, input, 'A', allocator);
    }

    /**
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return every row with ASCII {@code a-z} mapped to {@code A-Z}; other bytes unchanged.
     */
    public static VarCharVector upperAscii(final VarCharVector input, final BufferAllocator allocator)
    {
        return mapCase(Rows.all(input), input, 'a', allocator);
    }

    /**
     * @param rows      the rows to read.
     * @param input     a utf8 column.
     * @param allocator where the result lives.
     * @return each read row with ASCII {@code a-z} mapped to {@code A-Z}; other bytes unchanged.
     */
    public static VarCharVector upperAscii(final Rows rows, final VarCharVector input,
        final BufferAllocator allocator)
    {
        return mapCase(rows, input, 'a', allocator);
    }

    private static IntVector lengths(final Rows rows, final VarCharVector input, final BufferAllocator allocator,
        final boolean codePoints)
    {
        rows.checkWithin(input);
        final Utf8Column in = new Utf8Column(input);
        final int n = rows.count();
        final IntVector out = new IntVector(input.getName(), allocator);
        try
        {
            out.allocateNew(n);
            final MemorySegment values = ArrowMemory.segment(out.getDataBuffer());
            final BitWriter validity = new BitWriter(ArrowMemory.segment(out.getValidityBuffer()));
            for (int i = 0; i < n; i++)
            {
                final long row = rows.rowAt(i);
                final long start = in.start(row);
                final long length = in.end(row) - start;
                final boolean valid = in.isValid(row);
                final int result = !valid ? 0 : codePoints ? Utf8Bytes.codePoints(in.data, start, length) :
                    (int)length;
                values.set(Layouts.INT_UNALIGNED, (long)i << 2, result);
                validity.add(valid);
            }
            validity.finish();
            out.setValueCount(n);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static BitVector predicate(final Rows rows, final VarCharVector input, final String pattern,
        final int op, final BufferAllocator allocator)
    {
        rows.checkWithin(input);
        final byte[] bytes = patternBytes(pattern, input);
        final Utf8Column in = new Utf8Column(input);
        final int n = rows.count();
        final BitVector out = new BitVector(input.getName(), allocator);
        try
        {
            out.allocateNew(n);
            final BitWriter values = new BitWriter(ArrowMemory.segment(out.getDataBuffer()));
            final BitWriter validity = new BitWriter(ArrowMemory.segment(out.getValidityBuffer()));
            for (int i = 0; i < n; i++)
            {
                final long row = rows.rowAt(i);
                final boolean valid = in.isValid(row);
                values.add(valid && matches(in, row, bytes, op));
                validity.add(valid);
            }
            values.finish();
            validity.finish();
            out.setValueCount(n);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static SelectionVector select(final Rows rows, final VarCharVector input, final String pattern,
        final int op, final BufferAllocator allocator)
    {
        rows.checkWithin(input);
        final byte[] bytes = patternBytes(pattern, input);
        final Utf8Column in = new Utf8Column(input);
        final int n = rows.count();
        final SelectionVector out = new SelectionVector(allocator, n);
        try
        {
            final MemorySegment positions = out.segment();
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                final int row = rows.rowAt(i);
                // Branch-free append: always write, advance only on a match.
                positions.set(Layouts.INT_UNALIGNED, (long)count << 2, row);
                count += in.isValid(row) && matches(in, row, bytes, op) ? 1 : 0;
            }
            out.count(count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static boolean matches(final Utf8Column in, final long row, final byte[] needle, final int op)
    {
        final int needleLength = needle.length;
        final long start = in.start(row);
        final long length = in.end(row) - start;
        return switch (op)
        {
            case EQUAL -> length == needleLength && Utf8Bytes.regionEquals(in.data, start, needle, 0, needleLength);
            case STARTS -> length >= needleLength && Utf8Bytes.regionEquals(in.data, start, needle, 0, needleLength);
            case ENDS -> length >= needleLength &&
                Utf8Bytes.regionEquals(in.data, start + length - needleLength, needle, 0, needleLength);
            default -> Utf8Bytes.contains(in.data, start, length, needle);
        };
    }

    private static VarCharVector mapCase(final Rows rows, final VarCharVector input, final char first,
        final BufferAllocator allocator)
    {
        rows.checkWithin(input);
        final Utf8Column in = new Utf8Column(input);
        final int n = rows.count();
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            final long row = rows.rowAt(i);
            total += in.isValid(row) ? in.end(row) - in.start(row) : 0;
        }
        if (total > Integer.MAX_VALUE)
        {
            throw new SchemaException("case mapping of '" + input.getName() + "' would produce " + total +
                " bytes, more than a utf8 vector holds");
        }
        final VarCharVector out = new VarCharVector(input.getName(), allocator);
        try
        {
            out.allocateNew(Math.max(total, 1), n);
            final MemorySegment data = ArrowMemory.segment(out.getDataBuffer());
            final MemorySegment offsets = ArrowMemory.segment(out.getOffsetBuffer());
            final BitWriter validity = new BitWriter(ArrowMemory.segment(out.getValidityBuffer()));
            int at = 0;
            offsets.set(Layouts.INT_UNALIGNED, 0, 0);
            for (int i = 0; i < n; i++)
            {
                final long row = rows.rowAt(i);
                final boolean valid = in.isValid(row);
                if (valid)
                {
                    final long start = in.start(row);
                    final int length = (int)(in.end(row) - start);
                    Utf8Bytes.mapCase(in.data, start, data, at, length, first);
                    at += length;
                }
                offsets.set(Layouts.INT_UNALIGNED, (long)(i + 1) << 2, at);
                validity.add(valid);
            }
            validity.finish();
            // Offsets are written here; tell the vector so setValueCount does not "fill holes" over them.
            out.setLastSet(n - 1);
            out.setValueCount(n);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }

    private static byte[] patternBytes(final String pattern, final VarCharVector input)
    {
        if (pattern == null)
        {
            throw new SchemaException("string pattern for column '" + input.getName() + "' must not be null");
        }
        return pattern.getBytes(StandardCharsets.UTF_8);
    }
}
