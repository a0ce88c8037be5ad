package io.sabot.kernels.hashagg;

import io.sabot.kernels.SegmentCache;
import java.lang.foreign.MemorySegment;
import java.util.List;

import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One aggregate's state for every group, in columnar off-heap arrays indexed by group id, plus the input rows of the
 * batch being added. The aggregator calls, per batch: {@link #bind} (may allocate; failure leaves state intact),
 * then, after group ids are known, {@link #init} for the new groups and {@link #update} (never allocates or throws).
 *
 * <p>"Has a value" tracking for sum/min/max: while no batch had a null in the input column, every group was created
 * by a row with a value, so no per-group flag is needed. The first batch with nulls allocates a per-group byte
 * (1 = saw a non-null value), sets it for the existing groups, and from then on the update loops maintain it.
 *
 * <pre>
 *   hasValue: | f[0] | f[1] | ... |   1 byte per group, only after the first null input
 * </pre>
 *
 * Not thread-safe.
 */
abstract class Accumulator implements AutoCloseable
{
    final String name;
    final BufferAllocator allocator;
    final OffHeapBuffer rowValues;
    final OffHeapBuffer rowValid;
    final OffHeapBuffer hasValue;
    boolean nullsSeen;
    private final SegmentCache dataView = new SegmentCache();
    private final SegmentCache validityView = new SegmentCache();

    ColumnKind kind;
    /** The input's kind while {@link #kind} is a state column's, between beginRestore and endRestore. */
    private ColumnKind rowKind;
    ArrowType inputType;
    /**
     * True in an aggregator fed by {@link HashAggregator#merge}: the input is this aggregate's partial state (counts
     * to add, sums, mins, maxes), not raw values.
     */
    boolean merging;
    MemorySegment data;
    MemorySegment validity;
    boolean anyNull;
    int offset;
    MemorySegment sel;

    Accumulator(final BufferAllocator allocator, final String name)
    {
        this.allocator = allocator;
        this.name = name;
        this.rowValues = new OffHeapBuffer(allocator);
        this.rowValid = new OffHeapBuffer(allocator);
        this.hasValue = new OffHeapBuffer(allocator);
    }

    /** @return the value of int64 column {@code column} at bound row {@code i} (merge paths, not hot). */
    final long longAt(final MemorySegment column, final int i)
    {
        return column.get(Layouts.LONG_UNALIGNED, 8L * Columns.rowAt(offset, sel, i));
    }

    /** @return true when groups without a non-null input produce a null output (sum, min, max). */
    boolean tracksValues()
    {
        return false;
    }

    /**
     * Reads the rows of one batch. {@code input} is {@code null} for count(*).
     *
     * @param groups   groups existing before this batch.
     * @param capacity current per-group capacity.
     */
    final void bind(final FieldVector input, final int offset, final MemorySegment sel, final int n,
        final int groups, final int capacity)
    {
        this.offset = offset;
        this.sel = sel;
        if (input == null)
        {
            return;
        }
        this.data = dataView.of(input.getDataBuffer());
        this.validity = validityView.of(input.getValidityBuffer());
        this.anyNull = Columns.hasNulls(validity, offset, sel, n);
        if (tracksValues() && anyNull && !nullsSeen)
        {
            hasValue.ensure(capacity, 0);
            if (groups > 0)
            {
                hasValue.segment().asSlice(0, groups).fill((byte)1);
            }
            nullsSeen = true;
        }
        prepare(n);
    }

    /** Materializes the bound rows into scratch if the update loop needs them dense. */
    abstract void prepare(int n);

    /** @return the bound rows can be read in place (contiguous, no nulls, 64-bit input). */
    final boolean inPlace(final ColumnKind wanted)
    {
        return sel == null && !anyNull && kind == wanted;
    }

    final void readLongs(final int n)
    {
        rowValues.ensure(8L * n, 0);
        Columns.readWords(kind, data, offset, sel, n, rowValues.segment());
        readValidity(n);
    }

    final void readDoubles(final int n)
    {
        rowValues.ensure(8L * n, 0);
        Columns.readDoubles(kind, data, offset, sel, n, rowValues.segment());
        readValidity(n);
    }

    private void readValidity(final int n)
    {
        if (anyNull)
        {
            rowValid.ensure(n, 0);
            Columns.readValidity(validity, offset, sel, n, rowValid.segment());
        }
    }

    /** @return the values to read: in place at {@code 8 * offset}, or the scratch at 0. */
    final MemorySegment source(final boolean inPlace)
    {
        return inPlace ? data : rowValues.segment();
    }

    /** @return per-row validity bytes, or {@code null} when every bound row is valid. */
    final MemorySegment rowValidity()
    {
        return anyNull ? rowValid.segment() : null;
    }

    /** Makes room for {@code capacity} groups, keeping {@code groups} existing ones; may throw on allocation. */
    void ensureGroups(final int capacity, final int groups)
    {
        if (nullsSeen)
        {
            hasValue.ensure(capacity, groups);
        }
    }

    /**
     * Lanes for few groups: with a handful of groups consecutive rows mostly hit the same group, and
     * {@code sums[g] += v} becomes a chain of store-to-load forwards (~5 cycles a row). Spreading row {@code i} over
     * lane {@code i & 3} of its group ({@code index = g * LANES + lane}) makes four independent chains, folded into the
     * group state at the end of the batch.
     */
    static final int LANES = 4;
    /** Up to this many groups the lane path is used (lane state stays within a few cache lines). */
    static final int LANE_GROUPS = 64;

    /** Groups existing for the batch being updated (set by {@link #init}). */
    int groups;

    /**
     * Rows of the bound batch per group ({@code groups} entries), computed once by the aggregator and shared, when
     * there are at most {@link #LANE_GROUPS} groups and some accumulator {@link #usesRowCounts() uses} it; else
     * {@code null}. Lets count(*) and the counts of null-free means skip their per-row increments.
     */
    long[] rowsPerGroup;

    /** @return true when this accumulator can use {@link #rowsPerGroup}. */
    boolean usesRowCounts()
    {
        return false;
    }

    /** Initializes groups {@code from..to-1}, created by the current batch. */
    void init(final int from, final int to)
    {
        groups = to;
        if (nullsSeen && to > from)
        {
            hasValue.segment().asSlice(from, to - from).fill((byte)0);
        }
    }

    /** Folds the bound rows into their groups; {@code gids} holds one int32 group id per row. Never allocates. */
    abstract void update(MemorySegment gids, int n);

    /** @return a new vector named {@link #name} with groups {@code 0..groups-1}, owned by the caller. */
    final FieldVector output(final BufferAllocator out, final int groups)
    {
        return output(out, null, groups);
    }

    /**
     * @param ids int32 group ids, one per output row, or {@code null} for groups {@code 0..n-1}.
     * @return a new vector named {@link #name} with {@code n} rows, owned by the caller.
     */
    abstract FieldVector output(BufferAllocator out, MemorySegment ids, int n);

    /**
     * The partial state of groups for {@link HashAggregator#partialResult}: one vector for most aggregates, the
     * sum then the count for a mean. Default: the final output.
     */
    void partialOutput(final BufferAllocator out, final MemorySegment ids, final int n,
        final List<FieldVector> columns)
    {
        columns.add(output(out, ids, n));
    }

    /** @return how many state columns {@link #partialOutput} writes. */
    int stateColumns()
    {
        return 1;
    }

    /** @return the names of the state columns {@link #partialOutput} writes. */
    String[] stateNames()
    {
        return new String[] {name};
    }

    /**
     * Binds the second state column of a merge (the count of a mean); only accumulators with two state columns
     * override this.
     */
    void bindSecond(final FieldVector second)
    {
        throw new IllegalStateException(name + " has one state column");
    }

    /**
     * Called after every accumulator has folded a batch; raises a deferred {@code DataException} (e.g. a decimal
     * sum beyond 38 digits) found by {@link #update}.
     */
    void check(final int groups)
    {
    }

    /** @return per-group validity bytes for the output, or {@code null} when every group has a value. */
    final MemorySegment outputValidity()
    {
        return nullsSeen ? hasValue.segment() : null;
    }

    /**
     * Switches to reading this aggregate's own partial state ({@link HashAggregator#restore}): the update loops then
     * take the merge paths (counts added, sums summed, mins and maxes combined), and read the state column by its
     * kind ({@code stateType}: e.g. int64 for the sum of an int32 column) instead of the input's. Undone by
     * {@link #endRestore()}.
     */
    void beginRestore(final ArrowType stateType)
    {
        rowKind = kind;
        kind = ColumnKind.of(stateType);
        merging = true;
    }

    /** Back to reading raw input rows after {@link #beginRestore}. */
    void endRestore()
    {
        kind = rowKind;
        merging = false;
    }

    /** Forgets all groups, keeping memory. */
    void reset()
    {
        nullsSeen = false;
    }

    static void fillLongs(final MemorySegment values, final int from, final int to, final long value)
    {
        for (int g = from; g < to; g++)
        {
            values.set(Layouts.LONG_UNALIGNED, 8L * g, value);
        }
    }

    static Field nullable(final String name, final ArrowType type)
    {
        return new Field(name, FieldType.nullable(type), null);
    }

    @Override
    public void close()
    {
        rowValues.close();
        rowValid.close();
        hasValue.close();
    }
}
