package io.sabot.kernels.sort;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sabot.common.SchemaException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.kernels.Batch;
import io.sabot.kernels.Rows;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;

/**
 * {@code sort_indices} and top-N over Arrow columns: the physical row positions of the rows read, in the order given
 * by a list of {@link SortKey}s. The sort is stable (ties keep the order the rows were read in).
 *
 * <p>Ordering per key (Arrow C++ semantics, with one documented difference):
 * <ul>
 *   <li>integers, dates, times, timestamps, durations, decimals: numeric; booleans: false before true;</li>
 *   <li>utf8/binary: byte-wise lexicographic on unsigned bytes, a proper prefix first;</li>
 *   <li>float32/64: {@code -Inf < ... < -0.0 < 0.0 < ... < +Inf}; unlike Arrow C++, which treats -0.0 and 0.0 as
 *       equal, -0.0 sorts first (a total order). NaN (any payload) is placed like Arrow C++ does, next to the nulls
 *       whatever the order: {@code AT_END} gives values, NaN, nulls; {@code AT_START} gives nulls, NaN, values;</li>
 *   <li>{@link SortOrder#DESCENDING} reverses the values only; nulls go where {@link NullPlacement} says.</li>
 * </ul>
 *
 * <p>Algorithms: keys are first normalized to unsigned integers whose order is the sort order. When every key is
 * fixed-width and the bits of their value ranges (max - min over the rows) plus one null bit per key with nulls fit
 * in 64 bits, the keys are packed into one composite {@code long} and sorted by {@link RadixSort} (constant digits
 * skipped). Otherwise the nulls of the first key are partitioned off and the rest radix-sorted on the first key's
 * 64-bit prefix (the whole value for fixed-width keys, the first 8 bytes for utf8/binary, the high half for wide
 * decimals); runs of equal prefixes are then finished by a stable merge sort with typed comparators over
 * primitive arrays and Arrow memory (no boxing). Top-N keeps a bounded heap, O(n log N).
 *
 * <p>Memory: scratch is on-heap {@code long[]}/{@code int[]}: 8 bytes per row per fixed-width key (plus 1 per row
 * for a key with nulls), and 24 bytes per row for the radix double buffers. The radix scatter is a random-access
 * store, and plain arrays let C2 drop bounds checks that a {@code MemorySegment} scatter keeps. The output
 * {@link IntVector} is allocated from the caller's allocator and owned by the caller. Inputs are never closed and
 * must stay open during the call.
 *
 * <p>Stateless; thread-safe as long as the inputs are not mutated concurrently.
 */
public final class SortIndices
{
    private SortIndices()
    {
    }

    /**
     * @param allocator where the result is allocated.
     * @param batch     the rows to sort (its selection, if any, is honoured); keys name its columns.
     * @param keys      at least one key.
     * @return the physical row positions of the batch's rows in sorted order; the caller owns it.
     * @throws SchemaException for an unknown column, an unsupported type or no keys.
     */
    public static IntVector sortIndices(final BufferAllocator allocator, final Batch batch, final List<SortKey> keys)
    {
        return sortIndices(allocator, batch.columns(), batch.rows(), keys);
    }

    /**
     * @param allocator where the result is allocated.
     * @param columns   columns that key names resolve against (may be empty when every key is bound to a vector).
     * @param rows      the rows to sort: a range or a selection of physical positions.
     * @param keys      at least one key.
     * @return the physical row positions of {@code rows} in sorted order; the caller owns it.
     * @throws SchemaException for an unknown column, an unsupported type, rows outside a key column, or no keys.
     */
    public static IntVector sortIndices(final BufferAllocator allocator, final List<? extends FieldVector> columns,
        final Rows rows, final List<SortKey> keys)
    {
        return toVector(allocator, sortedPositions(columns, rows, keys, Integer.MAX_VALUE));
    }

    /**
     * @param allocator where the result is allocated.
     * @param vector    the single key column; all its rows are sorted.
     * @param order     the direction.
     * @param nulls     where nulls and NaNs go.
     * @return the row positions in sorted order; the caller owns it.
     */
    public static IntVector sortIndices(final BufferAllocator allocator, final FieldVector vector,
        final SortOrder order, final NullPlacement nulls)
    {
        return sortIndices(allocator, List.of(), Rows.all(vector), List.of(SortKey.of(vector, order, nulls)));
    }

    /**
     * @param allocator where the result is allocated.
     * @param batch     the rows (its selection honoured); keys name its columns.
     * @param keys      at least one key.
     * @param n         how many rows to return, {@code >= 0}.
     * @return the first {@code min(n, rows)} positions of the stable sort; the caller owns it.
     */
    public static IntVector topNIndices(final BufferAllocator allocator, final Batch batch, final List<SortKey> keys,
        final int n)
    {
        return topNIndices(allocator, batch.columns(), batch.rows(), keys, n);
    }

    /**
     * @param allocator where the result is allocated.
     * @param columns   columns that key names resolve against.
     * @param rows      the rows: a range or a selection.
     * @param keys      at least one key.
     * @param n         how many rows to return, {@code >= 0}.
     * @return the first {@code min(n, rows)} positions of the stable sort; the caller owns it.
     */
    public static IntVector topNIndices(final BufferAllocator allocator, final List<? extends FieldVector> columns,
        final Rows rows, final List<SortKey> keys, final int n)
    {
        if (n < 0)
        {
            throw new SchemaException("top-N needs n >= 0, was " + n);
        }
        return toVector(allocator, sortedPositions(columns, rows, keys, n));
    }

    /**
     * The engine behind every entry point.
     *
     * @param columns columns that key names resolve against.
     * @param rows    the rows.
     * @param keys    at least one key.
     * @param limit   how many leading positions are needed ({@code Integer.MAX_VALUE} for all).
     * @return physical positions, {@code min(limit, rows.count())} of them.
     */
    static int[] sortedPositions(final List<? extends FieldVector> columns, final Rows rows,
        final List<SortKey> keys, final int limit)
    {
        final FieldVector[] vectors = resolve(columns, rows, keys);
        final int n = rows.count();
        final int[] positions = rows.isContiguous() ? null : rows.selection().toArray();
        final int offset = rows.offset();
        final RowComparator[] prepared = new RowComparator[vectors.length];
        for (int k = 0; k < vectors.length; k++)
        {
            prepared[k] = KeyColumns.prepare(vectors[k], keys.get(k), positions, offset, n);
        }
        final int[] local = sortLocal(prepared, n, limit);
        for (int i = 0; i < local.length; i++)
        {
            local[i] = positions == null ? offset + local[i] : positions[local[i]];
        }
        return local;
    }

    private static FieldVector[] resolve(final List<? extends FieldVector> columns, final Rows rows,
        final List<SortKey> keys)
    {
        if (keys.isEmpty())
        {
            throw new SchemaException("sort needs at least one key");
        }
        final FieldVector[] vectors = new FieldVector[keys.size()];
        for (int k = 0; k < vectors.length; k++)
        {
            final SortKey key = keys.get(k);
            FieldVector vector = key.vector();
            if (vector == null)
            {
                for (final FieldVector column : columns)
                {
                    if (column.getName().equals(key.column()))
                    {
                        vector = column;
                        break;
                    }
                }
                if (vector == null)
                {
                    final List<String> names = new ArrayList<>(columns.size());
                    for (final FieldVector column : columns)
                    {
                        names.add(column.getName());
                    }
                    throw new SchemaException("unknown sort column '" + key.column() + "'; columns are " + names);
                }
            }
            if (!KeyColumns.supported(vector))
            {
                throw new SchemaException("cannot sort by column '" + vector.getName() + "' of type " +
                    vector.getField().getType());
            }
            rows.checkWithin(vector);
            vectors[k] = vector;
        }
        return vectors;
    }

    private static int[] sortLocal(final RowComparator[] keys, final int n, final int limit)
    {
        final int wanted = Math.min(limit, n);
        int bits = 0;
        boolean allFixed = true;
        for (final RowComparator key : keys)
        {
            if (key instanceof FixedKey fixed)
            {
                bits += fixed.compositeBits();
            }
            else
            {
                allFixed = false;
            }
        }
        if (allFixed && bits <= 64)
        {
            final long[] composite = composite(keys, n);
            if (wanted < n)
            {
                return TopNSelect.byKey(composite, n, wanted);
            }
            final int[] idx = identity(n);
            RadixSort.sort(composite, idx, n, new long[n], new int[n]);
            return idx;
        }
        final RowComparator all = keys.length == 1 ? keys[0] : new CompositeComparator(keys);
        if (wanted < n)
        {
            return TopNSelect.byComparator(all, n, wanted);
        }
        final RowComparator rest = keys.length == 1 ? null :
            keys.length == 2 ? keys[1] : new CompositeComparator(Arrays.copyOfRange(keys, 1, keys.length));
        return PrefixSort.sort(keys[0], all, rest, n);
    }

    private static long[] composite(final RowComparator[] keys, final int n)
    {
        final FixedKey first = (FixedKey)keys[0];
        if (keys.length == 1 && first.isNull == null)
        {
            return first.u; // already normalized; the sort may reorder it since nothing else reads it
        }
        final long[] out = new long[n];
        for (final RowComparator key : keys)
        {
            final FixedKey fixed = (FixedKey)key;
            final int shift = fixed.compositeBits();
            if (shift == 64)
            {
                for (int i = 0; i < n; i++)
                {
                    out[i] = fixed.compositeField(i);
                }
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    out[i] = (out[i] << shift) | fixed.compositeField(i);
                }
            }
        }
        return out;
    }

    static int[] identity(final int n)
    {
        final int[] idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            idx[i] = i;
        }
        return idx;
    }

    private static IntVector toVector(final BufferAllocator allocator, final int[] positions)
    {
        final int count = positions.length;
        final IntVector out = new IntVector("sort_indices", allocator);
        try
        {
            out.allocateNew(count);
            if (count > 0)
            {
                final MemorySegment data = ArrowMemory.segment(out.getDataBuffer());
                MemorySegment.copy(positions, 0, data, Layouts.INT_UNALIGNED, 0, count);
                ArrowMemory.segment(out.getValidityBuffer()).asSlice(0, (count + 7) >>> 3).fill((byte)0xFF);
            }
            out.setValueCount(count);
            return out;
        }
        catch (final RuntimeException | Error e)
        {
            out.close();
            throw e;
        }
    }
}
