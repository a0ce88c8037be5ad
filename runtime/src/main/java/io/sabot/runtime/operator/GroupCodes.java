package io.sabot.runtime.operator;

import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * Perfect-hash group codes for one batch: each key column's values in the batch span a small range, so a row's
 * group is a mixed-radix number of its key offsets, with no hash table (DuckDB's perfect hash aggregate, decided per
 * batch from the batch's own minimum and maximum instead of table statistics).
 *
 * <pre>
 *   key k raw value    int32 / date / int64: the value;  utf8 of at most one byte: 1 for "", 2 + byte
 *   key k digit        raw - min_k (+ 1 when the batch has nulls in k; a null is digit 0)
 *   domain_k           max_k - min_k + 1 (+ 1 with nulls)
 *   code               digit_0 + domain_0 * (digit_1 + domain_1 * (digit_2 + ...))     &lt; MAX_CODES
 * </pre>
 *
 * An aggregation may carry its accumulators from batch to batch while the layout (every key's minimum, domain and
 * nulls) stays the same ({@link #keep()}, {@link #sameAsKept()}): the same code then means the same key values.
 *
 * <p>A batch does not fit when a utf8 key holds a value longer than one byte or the product of the domains reaches
 * {@link #MAX_CODES}; the caller then aggregates it another way.
 *
 * <p>Thread-safety: not thread-safe; reused batch after batch by one operator. Ownership: reads the batch only.
 */
final class GroupCodes
{
    private static final VectorSpecies<Integer> INTS = jdk.incubator.vector.IntVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
    private static final int[] IOTA = {0, 1, 2, 3, 4, 5, 6, 7};

    /** Most codes per batch (accumulator rows the caller keeps and scans per batch). */
    static final int MAX_CODES = 1 << 14;

    private final int keys;
    private final long[] min;
    private final long[] domain;
    private final boolean[] nulls;
    private final boolean[] utf8;
    /** Per key: the data of a utf8 column of one-byte values read directly by assign, else null. */
    private final MemorySegment[] direct;
    private final long[] directStart;
    private long[][] raw = new long[0][];
    private int[] codes = new int[0];
    private int total;
    /** The layout {@link #keep()} remembered: what codes accumulated over several batches mean. */
    private final long[] keptMin;
    private final long[] keptDomain;
    private final boolean[] keptNulls;
    private int keptTotal;
    private boolean kept;

    /**
     * @param keyTypes the Arrow type of each key column.
     * @throws IllegalArgumentException for a type without codes (see {@link #supports}).
     */
    GroupCodes(final ArrowType[] keyTypes)
    {
        keys = keyTypes.length;
        min = new long[keys];
        domain = new long[keys];
        nulls = new boolean[keys];
        utf8 = new boolean[keys];
        direct = new MemorySegment[keys];
        directStart = new long[keys];
        keptMin = new long[keys];
        keptDomain = new long[keys];
        keptNulls = new boolean[keys];
        for (int k = 0; k < keys; k++)
        {
            if (!supports(keyTypes[k]))
            {
                throw new IllegalArgumentException("no group codes for key type " + keyTypes[k]);
            }
            utf8[k] = keyTypes[k] instanceof ArrowType.Utf8;
        }
    }

    /**
     * @param type a key column's type.
     * @return true for utf8, signed 32/64-bit integers and dates in days.
     */
    static boolean supports(final ArrowType type)
    {
        return type instanceof ArrowType.Utf8 ||
            type instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64) ||
            type instanceof ArrowType.Date d && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY;
    }

    /**
     * Assigns the code of every row read (the selection's positions, else all rows), indexed by row.
     *
     * @param batch   the batch.
     * @param columns the key column indexes.
     * @return false when the batch does not fit (nothing assigned).
     */
    boolean assign(final Batch batch, final int[] columns)
    {
        final SelectionVector selection = batch.selection();
        final int n = selection == null ? batch.rowCount() : selection.count();
        final int rows = batch.rowCount();
        if (codes.length < rows)
        {
            raw = new long[keys][Math.max(rows, 1024)];
            codes = new int[Math.max(rows, 1024)];
        }
        long product = 1;
        for (int k = 0; k < keys; k++)
        {
            if (!readRaw(batch.column(columns[k]), selection, n, k))
            {
                return false;
            }
            product *= domain[k];
            if (product >= MAX_CODES)
            {
                return false;
            }
        }
        total = (int)Math.max(product, 1);
        final int[] out = codes;
        java.util.Arrays.fill(out, 0, rows, 0);
        long stride = 1;
        for (int k = 0; k < keys; k++)
        {
            final long[] r = raw[k];
            final long base = min[k] - (nulls[k] ? 1 : 0);
            final int s = (int)stride;
            if (direct[k] != null)
            {
                final MemorySegment data = direct[k];
                final long start = directStart[k];
                final int shift = (int)base - 2;
                for (int i = 0; i < n; i++)
                {
                    out[i] += ((data.get(Layouts.BYTE, start + i) & 0xFF) - shift) * s;
                }
            }
            else if (selection == null)
            {
                for (int i = 0; i < n; i++)
                {
                    // a null's raw value is base, digit 0
                    out[i] += (int)(r[i] - base) * s;
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    out[selection.get(i)] += (int)(r[i] - base) * s;
                }
            }
            stride *= domain[k];
        }
        return true;
    }

    /** Reads key k's raw values, minimum, domain and nulls; false when a utf8 value is longer than a byte. */
    private boolean readRaw(final FieldVector vector, final SelectionVector selection, final int n, final int k)
    {
        final long[] r = raw[k];
        final boolean hasNulls = vector.getNullCount() > 0;
        final MemorySegment validity = hasNulls ? ArrowMemory.segment(vector.getValidityBuffer()) : null;
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (vector instanceof VarCharVector && validity == null && selection == null && n > 0 &&
            oneByteEach(ArrowMemory.segment(vector.getOffsetBuffer()), n))
        {
            // flags and codes: every value one byte, so value i is byte start + i; assign reads the bytes directly
            final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
            final long start = ArrowMemory.segment(vector.getOffsetBuffer()).get(Layouts.INT_UNALIGNED, 0);
            final long range = byteRange(data, start, n);
            direct[k] = data;
            directStart[k] = start;
            min[k] = (range & 0xFF) + 2;
            nulls[k] = false;
            domain[k] = (range >>> 8) - (range & 0xFF) + 1;
            return true;
        }
        direct[k] = null;
        if (vector instanceof VarCharVector)
        {
            final MemorySegment offsets = ArrowMemory.segment(vector.getOffsetBuffer());
            final MemorySegment data = ArrowMemory.segment(vector.getDataBuffer());
            for (int i = 0; i < n; i++)
            {
                final int row = selection == null ? i : selection.get(i);
                final int start = offsets.get(Layouts.INT_UNALIGNED, 4L * row);
                final int length = offsets.get(Layouts.INT_UNALIGNED, 4L * row + 4) - start;
                if (validity != null && !valid(validity, row))
                {
                    r[i] = Long.MIN_VALUE;
                    continue;
                }
                if (length > 1)
                {
                    return false;
                }
                final long v = length == 0 ? 1 : 2 + (data.get(Layouts.BYTE, start) & 0xFF);
                r[i] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        else
        {
            final MemorySegment values = ArrowMemory.segment(vector.getDataBuffer());
            final boolean wide = vector instanceof BigIntVector;
            for (int i = 0; i < n; i++)
            {
                final int row = selection == null ? i : selection.get(i);
                if (validity != null && !valid(validity, row))
                {
                    r[i] = Long.MIN_VALUE;
                    continue;
                }
                final long v = wide ? values.get(Layouts.LONG_UNALIGNED, 8L * row) :
                    values.get(Layouts.INT_UNALIGNED, 4L * row);
                r[i] = v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        boolean sawNull = false;
        if (hasNulls)
        {
            for (int i = 0; i < n; i++)
            {
                sawNull |= r[i] == Long.MIN_VALUE;
            }
        }
        if (lo > hi)
        {
            // no values: every row read is null (or there are no rows)
            lo = 0;
            hi = -1;
        }
        else if (hi - lo < 0 || hi - lo >= MAX_CODES)
        {
            // a wide range (negative: wider than 2^63)
            return false;
        }
        min[k] = lo;
        nulls[k] = sawNull;
        domain[k] = hi - lo + 1 + (sawNull ? 1 : 0);
        if (sawNull)
        {
            final long base = lo - 1;
            for (int i = 0; i < n; i++)
            {
                if (r[i] == Long.MIN_VALUE)
                {
                    r[i] = base;
                }
            }
        }
        return true;
    }

    /** @return true when rows [0, n) of a utf8 column each hold exactly one byte (offset i = offset 0 + i). */
    private static boolean oneByteEach(final MemorySegment offsets, final int n)
    {
        final int start = offsets.get(Layouts.INT_UNALIGNED, 0);
        final jdk.incubator.vector.IntVector step = jdk.incubator.vector.IntVector.broadcast(INTS, INTS.length());
        jdk.incubator.vector.IntVector expected = jdk.incubator.vector.IntVector.broadcast(INTS, start)
            .add(jdk.incubator.vector.IntVector.fromArray(INTS, IOTA, 0));
        int i = 0;
        for (; i <= n - INTS.length(); i += INTS.length())
        {
            if (!jdk.incubator.vector.IntVector.fromMemorySegment(INTS, offsets, 4L * i, ByteOrder.LITTLE_ENDIAN)
                .eq(expected).allTrue())
            {
                return false;
            }
            expected = expected.add(step);
        }
        for (; i <= n; i++)
        {
            if (offsets.get(Layouts.INT_UNALIGNED, 4L * i) - start != i)
            {
                return false;
            }
        }
        return true;
    }

    /** @return the smallest (bits 0-7) and largest (bits 8-15) of n unsigned bytes from start. */
    private static long byteRange(final MemorySegment data, final long start, final int n)
    {
        // bytes ^ 0x80 order as signed exactly as the bytes order as unsigned
        ByteVector lo = ByteVector.broadcast(BYTES, (byte)0x7F);
        ByteVector hi = ByteVector.broadcast(BYTES, (byte)0x80);
        int i = 0;
        for (; i <= n - BYTES.length(); i += BYTES.length())
        {
            final ByteVector v = ByteVector.fromMemorySegment(BYTES, data, start + i, ByteOrder.LITTLE_ENDIAN)
                .lanewise(VectorOperators.XOR, (byte)0x80);
            lo = lo.min(v);
            hi = hi.max(v);
        }
        int min = (lo.reduceLanes(VectorOperators.MIN) ^ 0x80) & 0xFF;
        int max = (hi.reduceLanes(VectorOperators.MAX) ^ 0x80) & 0xFF;
        for (; i < n; i++)
        {
            final int b = data.get(Layouts.BYTE, start + i) & 0xFF;
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        return min | (long)max << 8;
    }

    private static boolean valid(final MemorySegment validity, final int row)
    {
        return (validity.get(Layouts.BYTE, row >>> 3) >> (row & 7) & 1) != 0;
    }

    /** @return the codes of the rows read by the last successful {@link #assign}, indexed by row. */
    int[] codes()
    {
        return codes;
    }

    /** @return one more than the largest code of the last successful {@link #assign}. */
    int total()
    {
        return total;
    }

    /**
     * Remembers the layout of the last successful {@link #assign} (each key's minimum, domain and nulls), so that
     * codes accumulated over this and later batches with the same layout can be decoded by {@link #writeKey}.
     */
    void keep()
    {
        System.arraycopy(min, 0, keptMin, 0, keys);
        System.arraycopy(domain, 0, keptDomain, 0, keys);
        System.arraycopy(nulls, 0, keptNulls, 0, keys);
        keptTotal = total;
        kept = true;
    }

    /** @return true when the last {@link #assign} laid codes out exactly as the kept layout: a code means the same. */
    boolean sameAsKept()
    {
        if (!kept)
        {
            return false;
        }
        for (int k = 0; k < keys; k++)
        {
            if (min[k] != keptMin[k] || domain[k] != keptDomain[k] || nulls[k] != keptNulls[k])
            {
                return false;
            }
        }
        return true;
    }

    /** @return the number of codes of the kept layout. */
    int keptTotal()
    {
        return keptTotal;
    }

    /**
     * Writes key {@code k} of group {@code code} of the kept layout ({@link #keep()}) to row {@code row} of
     * {@code out} (a vector of the key's type).
     *
     * @param k    the key.
     * @param code a code of the kept layout.
     * @param out  the output vector, allocated.
     * @param row  the output row.
     */
    void writeKey(final int k, final int code, final FieldVector out, final int row)
    {
        long stride = 1;
        for (int j = 0; j < k; j++)
        {
            stride *= keptDomain[j];
        }
        final long digit = code / stride % keptDomain[k];
        if (keptNulls[k] && digit == 0)
        {
            out.setNull(row);
            return;
        }
        final long value = keptMin[k] + digit - (keptNulls[k] ? 1 : 0);
        switch (out)
        {
            case VarCharVector v -> v.setSafe(row, value == 1 ? new byte[0] :
                new byte[] {(byte)(value - 2)});
            case BigIntVector v -> v.set(row, value);
            case IntVector v -> v.set(row, (int)value);
            case DateDayVector v -> v.set(row, (int)value);
            default -> throw new IllegalStateException("no group codes for " + out.getField());
        }
    }

    @Override
    public String toString()
    {
        return "GroupCodes[" + keys + " keys, " + total + " codes]";
    }
}
