package io.sabot.kernels.hashagg;

import java.lang.foreign.MemorySegment;
import java.util.List;

import io.sabot.common.DataException;
import io.sabot.kernels.ArrowMemory;
import io.sabot.simd.Layouts;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * sum (decimal(38, s)) or mean (float64, {@link DecimalAverage}) over a decimal128(p, s) column, exact in 128 bits.
 *
 * <p>State per group: the sum as {@code hi * 2^64 + lo} with {@code lo} a <em>signed</em> long (not the canonical
 * two's-complement split), so adding a value that fits in a long touches only {@code lo}, and {@code hi} changes only
 * when that signed add overflows, a branch that is almost never taken (|value| &lt; 10^18 needs at least nine
 * additions to overflow). For p &lt;= 18 inputs only the low word of each 16-byte value is read; wider inputs also
 * read the high word and take the rare branch only for values beyond the long range.
 *
 * <pre>
 *   lo:     | l[0] | l[1] | ... |   int64 LE per group (signed part)
 *   hi:     | h[0] | h[1] | ... |   int64 LE per group (multiples of 2^64)
 *   counts: | c[0] | c[1] | ... |   int64 LE per group, mean only
 * </pre>
 *
 * <p>Overflow beyond 38 digits: the rare branch raises a flag when {@code |hi|} comes near {@code 10^38 / 2^64};
 * after the batch {@link #check} verifies the flagged state exactly and raises a {@link DataException} naming the
 * column when a group's sum has 39 digits. No value is ever lost in between ({@code hi} cannot wrap within a batch),
 * so the check is exact, and the update loops never throw. The aggregator should be discarded after that error.
 */
final class DecimalSumAccumulator extends Accumulator
{
    /** {@code 10^38} as (hi, lo), the first 39-digit value. */
    private static final long LIMIT_HI = 0x4B3B4CA85A86C47AL;
    private static final long LIMIT_LO = 0x098A224000000000L;
    /** Below this |hi| the sum is certainly below 10^38 in magnitude. */
    private static final long NEAR = LIMIT_HI - 2;

    private final boolean mean;
    private final String column;
    private final OffHeapBuffer los;
    private final OffHeapBuffer his;
    private final OffHeapBuffer counts;
    private int scale;
    private boolean narrow;
    /**
     * For p &lt;= 18: rows per chunk in which no lane can overflow a long (each of the four lanes gets at most a
     * quarter of the rows, each below 10^p in magnitude), so the lane loop needs no overflow test; 0 when that chunk
     * would be too short to pay off (p = 16..18).
     */
    private int uncheckedRows;
    private boolean near;
    private boolean wrapped;
    private MemorySegment countColumn;
    /**
     * For a mean over the same column as a sum of this aggregator: that sum's state, so this mean only counts (one
     * pass over the 16-byte values instead of two). {@code null} otherwise.
     */
    private DecimalSumAccumulator sharedSum;
    /** {@link #sharedSum} while a restore runs this mean on its own state. */
    private DecimalSumAccumulator suspendedShare;
    /** Per-batch lane sums (signed, overflow carried into {@code hi}) and counts for few groups; 0 between batches. */
    private final long[] laneSums = new long[LANES * LANE_GROUPS];
    private final long[] laneCounts = new long[LANES * LANE_GROUPS];

    DecimalSumAccumulator(final BufferAllocator allocator, final String name, final String column,
        final boolean mean)
    {
        super(allocator, name);
        this.mean = mean;
        this.column = column;
        this.los = new OffHeapBuffer(allocator);
        this.his = new OffHeapBuffer(allocator);
        this.counts = new OffHeapBuffer(allocator);
    }

    /** Makes this mean read the sum of {@code sum} (a plain sum over the same column) instead of summing again. */
    void shareSumOf(final DecimalSumAccumulator sum)
    {
        this.sharedSum = sum;
    }

    /** @return the accumulator whose (lo, hi) state holds this aggregate's sums. */
    private DecimalSumAccumulator sums()
    {
        return sharedSum == null ? this : sharedSum;
    }

    /** Sets the input decimal type; called once when types are bound. */
    void decimalType(final ArrowType.Decimal type)
    {
        this.scale = type.getScale();
        this.narrow = type.getPrecision() <= 18;
        if (narrow)
        {
            long largest = 1;
            for (int d = 0; d < type.getPrecision(); d++)
            {
                largest *= 10;
            }
            final long perLane = Long.MAX_VALUE / (largest - 1);
            final long rows = Math.min(Integer.MAX_VALUE / 2, perLane * LANES);
            uncheckedRows = rows >= 4096 ? (int)rows : 0;
        }
    }

    @Override
    boolean tracksValues()
    {
        return !mean;
    }

    @Override
    boolean usesRowCounts()
    {
        return mean && !merging;
    }

    @Override
    int stateColumns()
    {
        return mean ? 2 : 1;
    }

    @Override
    String[] stateNames()
    {
        return mean ? new String[] {name + "#sum", name + "#count"} : new String[] {name};
    }

    @Override
    void bindSecond(final FieldVector second)
    {
        countColumn = ArrowMemory.segment(second.getDataBuffer());
    }

    @Override
    void prepare(final int n)
    {
        // Reads the 16-byte values in place.
    }

    @Override
    void ensureGroups(final int capacity, final int groups)
    {
        super.ensureGroups(capacity, groups);
        los.ensure(8L * capacity, 8L * groups);
        his.ensure(8L * capacity, 8L * groups);
        if (mean)
        {
            counts.ensure(8L * capacity, 8L * groups);
        }
    }

    @Override
    void init(final int from, final int to)
    {
        super.init(from, to);
        fillLongs(los.segment(), from, to, 0L);
        fillLongs(his.segment(), from, to, 0L);
        if (mean)
        {
            fillLongs(counts.segment(), from, to, 0L);
        }
    }

    @Override
    void update(final MemorySegment gids, final int n)
    {
        if (sharedSum != null)
        {
            countOnly(gids, n);
            return;
        }
        if (sel == null && !anyNull && !merging && !nullsSeen)
        {
            if (groups <= LANE_GROUPS)
            {
                // Null-free rows: the mean's counts come from the shared per-group row counts when present.
                final boolean counting = mean && rowsPerGroup == null;
                if (narrow && uncheckedRows > 0)
                {
                    for (int from = 0; from < n; from += uncheckedRows)
                    {
                        updateNarrowLanesUnchecked(gids, from, Math.min(n, from + uncheckedRows), counting);
                        flushLanes();
                    }
                }
                else if (narrow)
                {
                    updateNarrowLanes(gids, n, counting);
                }
                else
                {
                    updateWideLanes(gids, n, counting);
                }
                flushLanes();
                if (mean && rowsPerGroup != null)
                {
                    final MemorySegment c = counts.segment();
                    for (int g = 0; g < groups; g++)
                    {
                        c.set(Layouts.LONG_UNALIGNED, 8L * g, c.get(Layouts.LONG_UNALIGNED, 8L * g) + rowsPerGroup[g]);
                    }
                }
                return;
            }
            if (narrow)
            {
                updateNarrow(gids, n);
            }
            else
            {
                updateWide(gids, n);
            }
            return;
        }
        updateGeneral(gids, n);
    }

    /** Contiguous, null-free, p &lt;= 18: one long per row. */
    private void updateNarrow(final MemorySegment gids, final int n)
    {
        final MemorySegment l = los.segment();
        final MemorySegment c = counts.segment();
        final MemorySegment in = data;
        final long base = 16L * offset;
        final boolean counting = mean;
        for (int i = 0; i < n; i++)
        {
            final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long v = in.get(Layouts.LONG_UNALIGNED, base + 16L * i);
            final long lo = l.get(Layouts.LONG_UNALIGNED, at);
            final long s = lo + v;
            l.set(Layouts.LONG_UNALIGNED, at, s);
            if (((lo ^ s) & (v ^ s)) < 0)
            {
                carry(at, s < 0 ? 1 : -1);
            }
            if (counting)
            {
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + 1);
            }
        }
    }

    /** The mean of a shared sum: counts the non-null rows per group. */
    private void countOnly(final MemorySegment gids, final int n)
    {
        final MemorySegment c = counts.segment();
        if (!anyNull && rowsPerGroup != null)
        {
            final long[] perGroup = rowsPerGroup;
            for (int g = 0; g < groups; g++)
            {
                c.set(Layouts.LONG_UNALIGNED, 8L * g, c.get(Layouts.LONG_UNALIGNED, 8L * g) + perGroup[g]);
            }
            return;
        }
        final MemorySegment bits = anyNull ? validity : null;
        for (int i = 0; i < n; i++)
        {
            if (bits == null || Columns.isValid(bits, Columns.rowAt(offset, sel, i)))
            {
                final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + 1);
            }
        }
    }

    /**
     * Rows {@code from..to-1} on lanes with no overflow test: the chunk is short enough that no lane can overflow
     * (see {@link #uncheckedRows}), given values within the column's declared precision, which the narrow path
     * assumes anyway by reading only the low word.
     */
    private void updateNarrowLanesUnchecked(final MemorySegment gids, final int from, final int to,
        final boolean counting)
    {
        final long[] sums = laneSums;
        final long[] lanesCounted = laneCounts;
        final MemorySegment in = data;
        final long base = 16L * offset;
        for (int i = from; i < to; i++)
        {
            final int index = (gids.get(Layouts.INT_UNALIGNED, 4L * i) << 2) | (i & 3);
            sums[index] += in.get(Layouts.LONG_UNALIGNED, base + 16L * i);
            if (counting)
            {
                lanesCounted[index]++;
            }
        }
    }

    /** As {@link #updateNarrow}, on lanes (few groups). */
    private void updateNarrowLanes(final MemorySegment gids, final int n, final boolean counting)
    {
        final long[] sums = laneSums;
        final long[] lanesCounted = laneCounts;
        final MemorySegment in = data;
        final long base = 16L * offset;
        for (int i = 0; i < n; i++)
        {
            final int index = (gids.get(Layouts.INT_UNALIGNED, 4L * i) << 2) | (i & 3);
            final long v = in.get(Layouts.LONG_UNALIGNED, base + 16L * i);
            final long lo = sums[index];
            final long s = lo + v;
            sums[index] = s;
            if (((lo ^ s) & (v ^ s)) < 0)
            {
                carry(8L * (index >> 2), s < 0 ? 1 : -1);
            }
            if (counting)
            {
                lanesCounted[index]++;
            }
        }
    }

    /** As {@link #updateWide}, on lanes (few groups). */
    private void updateWideLanes(final MemorySegment gids, final int n, final boolean counting)
    {
        final long[] sums = laneSums;
        final long[] lanesCounted = laneCounts;
        final MemorySegment in = data;
        final long base = 16L * offset;
        for (int i = 0; i < n; i++)
        {
            final int index = (gids.get(Layouts.INT_UNALIGNED, 4L * i) << 2) | (i & 3);
            final long v = in.get(Layouts.LONG_UNALIGNED, base + 16L * i);
            final long vh = in.get(Layouts.LONG_UNALIGNED, base + 16L * i + 8) + (v >>> 63);
            final long lo = sums[index];
            final long s = lo + v;
            sums[index] = s;
            final boolean overflow = ((lo ^ s) & (v ^ s)) < 0;
            if (overflow | vh != 0)
            {
                carry(8L * (index >> 2), vh + (overflow ? (s < 0 ? 1 : -1) : 0));
            }
            if (counting)
            {
                lanesCounted[index]++;
            }
        }
    }

    /** Folds the lanes into the groups' (lo, hi) state and zeroes them. */
    private void flushLanes()
    {
        final long[] sums = laneSums;
        final long[] lanesCounted = laneCounts;
        final MemorySegment l = los.segment();
        final MemorySegment c = counts.segment();
        for (int g = 0; g < groups; g++)
        {
            final long at = 8L * g;
            for (int lane = 0; lane < LANES; lane++)
            {
                final int index = (g << 2) | lane;
                final long v = sums[index];
                if (v != 0)
                {
                    final long lo = l.get(Layouts.LONG_UNALIGNED, at);
                    final long s = lo + v;
                    l.set(Layouts.LONG_UNALIGNED, at, s);
                    if (((lo ^ s) & (v ^ s)) < 0)
                    {
                        carry(at, s < 0 ? 1 : -1);
                    }
                    sums[index] = 0;
                }
                if (mean && lanesCounted[index] != 0)
                {
                    c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + lanesCounted[index]);
                    lanesCounted[index] = 0;
                }
            }
        }
    }

    /** Contiguous, null-free, p &gt; 18: the high word joins only for values beyond the long range. */
    private void updateWide(final MemorySegment gids, final int n)
    {
        final MemorySegment l = los.segment();
        final MemorySegment c = counts.segment();
        final MemorySegment in = data;
        final long base = 16L * offset;
        final boolean counting = mean;
        for (int i = 0; i < n; i++)
        {
            final long at = 8L * gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long v = in.get(Layouts.LONG_UNALIGNED, base + 16L * i);
            // value = vh * 2^64 + v (v signed): vh is 0 whenever the value fits in a long.
            final long vh = in.get(Layouts.LONG_UNALIGNED, base + 16L * i + 8) + (v >>> 63);
            final long lo = l.get(Layouts.LONG_UNALIGNED, at);
            final long s = lo + v;
            l.set(Layouts.LONG_UNALIGNED, at, s);
            final boolean overflow = ((lo ^ s) & (v ^ s)) < 0;
            if (overflow | vh != 0)
            {
                carry(at, vh + (overflow ? (s < 0 ? 1 : -1) : 0));
            }
            if (counting)
            {
                c.set(Layouts.LONG_UNALIGNED, at, c.get(Layouts.LONG_UNALIGNED, at) + 1);
            }
        }
    }

    /** Selections, nulls and merges: every row through the wide add, validity checked per row. */
    private void updateGeneral(final MemorySegment gids, final int n)
    {
        final MemorySegment l = los.segment();
        final MemorySegment c = counts.segment();
        final MemorySegment in = data;
        final MemorySegment bits = anyNull ? validity : null;
        final MemorySegment flags = nullsSeen ? hasValue.segment() : null;
        for (int i = 0; i < n; i++)
        {
            final int row = Columns.rowAt(offset, sel, i);
            if (bits != null && !Columns.isValid(bits, row))
            {
                continue;
            }
            final int gid = gids.get(Layouts.INT_UNALIGNED, 4L * i);
            final long at = 8L * gid;
            final long v = in.get(Layouts.LONG_UNALIGNED, 16L * row);
            final long vh = in.get(Layouts.LONG_UNALIGNED, 16L * row + 8) + (v >>> 63);
            final long lo = l.get(Layouts.LONG_UNALIGNED, at);
            final long s = lo + v;
            l.set(Layouts.LONG_UNALIGNED, at, s);
            final boolean overflow = ((lo ^ s) & (v ^ s)) < 0;
            if (overflow | vh != 0)
            {
                carry(at, vh + (overflow ? (s < 0 ? 1 : -1) : 0));
            }
            if (mean)
            {
                c.set(Layouts.LONG_UNALIGNED, at,
                    c.get(Layouts.LONG_UNALIGNED, at) + (merging ? longAt(countColumn, i) : 1));
            }
            if (flags != null)
            {
                flags.set(Layouts.BYTE, gid, (byte)1);
            }
        }
    }

    /** The rare branch: moves {@code delta} multiples of 2^64 into {@code hi}, flagging sums near 38 digits. */
    private void carry(final long at, final long delta)
    {
        final MemorySegment h = his.segment();
        final long old = h.get(Layouts.LONG_UNALIGNED, at);
        final long hi = old + delta;
        h.set(Layouts.LONG_UNALIGNED, at, hi);
        if (hi >= NEAR || hi <= -NEAR)
        {
            near = true;
        }
        if (((old ^ hi) & (delta ^ hi)) < 0)
        {
            // hi itself overflowed: the sum passed 2^127 (wide values add up to ~2^62 to hi per row).
            wrapped = true;
        }
    }

    @Override
    void check(final int groups)
    {
        if (!near)
        {
            return;
        }
        near = false;
        if (wrapped)
        {
            throw new DataException(name + " exceeds 38 digits (decimal(38, " + scale + "))", column, -1);
        }
        final MemorySegment l = los.segment();
        final MemorySegment h = his.segment();
        for (int g = 0; g < groups; g++)
        {
            final long lo = l.get(Layouts.LONG_UNALIGNED, 8L * g);
            final long chi = h.get(Layouts.LONG_UNALIGNED, 8L * g) + (lo >> 63);
            if (beyond38Digits(chi, lo))
            {
                throw new DataException(name + " exceeds 38 digits (decimal(38, " + scale + ")) in group " + g,
                    column, -1);
            }
        }
    }

    /** @return |chi:lo| &gt;= 10^38 for a canonical two's-complement value. */
    private static boolean beyond38Digits(final long chi, final long lo)
    {
        long h = chi;
        long l = lo;
        if (h < 0)
        {
            l = -lo;
            h = ~chi + (lo == 0 ? 1 : 0);
        }
        return Long.compareUnsigned(h, LIMIT_HI) > 0 || (h == LIMIT_HI && Long.compareUnsigned(l, LIMIT_LO) >= 0);
    }

    @Override
    FieldVector output(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        if (mean)
        {
            return meanOutput(out, ids, n);
        }
        return sumOutput(out, name, outputValidity(), ids, n);
    }

    private FieldVector sumOutput(final BufferAllocator out, final String vectorName, final MemorySegment valid,
        final MemorySegment ids, final int n)
    {
        final FieldVector vector = nullable(vectorName, new ArrowType.Decimal(38, scale, 128)).createVector(out);
        try
        {
            vector.setInitialCapacity(n);
            vector.allocateNew();
            final MemorySegment target = ArrowMemory.segment(vector.getDataBuffer());
            final MemorySegment l = sums().los.segment();
            final MemorySegment h = sums().his.segment();
            for (int r = 0; r < n; r++)
            {
                final long g = Columns.groupAt(ids, r);
                final long lo = l.get(Layouts.LONG_UNALIGNED, 8L * g);
                target.set(Layouts.LONG_UNALIGNED, 16L * r, lo);
                target.set(Layouts.LONG_UNALIGNED, 16L * r + 8, h.get(Layouts.LONG_UNALIGNED, 8L * g) + (lo >> 63));
            }
            final MemorySegment bitmap = ArrowMemory.segment(vector.getValidityBuffer());
            bitmap.asSlice(0, (n + 7) / 8).fill((byte)0);
            Columns.writeValidity(bitmap, valid, ids, n);
            vector.setValueCount(n);
            return vector;
        }
        catch (final RuntimeException e)
        {
            vector.close();
            throw e;
        }
    }

    private FieldVector meanOutput(final BufferAllocator out, final MemorySegment ids, final int n)
    {
        final Float8Vector vector =
            (Float8Vector)nullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)).createVector(out);
        try
        {
            vector.allocateNew(n);
            final MemorySegment l = sums().los.segment();
            final MemorySegment h = sums().his.segment();
            final MemorySegment c = counts.segment();
            for (int r = 0; r < n; r++)
            {
                final long g = Columns.groupAt(ids, r);
                final long count = c.get(Layouts.LONG_UNALIGNED, 8L * g);
                if (count > 0)
                {
                    final long lo = l.get(Layouts.LONG_UNALIGNED, 8L * g);
                    final long hi = h.get(Layouts.LONG_UNALIGNED, 8L * g) + (lo >> 63);
                    vector.set(r, DecimalAverage.mean(hi, lo, count, scale));
                }
            }
            vector.setValueCount(n);
            return vector;
        }
        catch (final RuntimeException e)
        {
            vector.close();
            throw e;
        }
    }

    @Override
    void partialOutput(final BufferAllocator out, final MemorySegment ids, final int n,
        final List<FieldVector> columns)
    {
        if (!mean)
        {
            columns.add(output(out, ids, n));
            return;
        }
        // The sum of a mean is always valid (0 for a group without values), so merging adds it blindly.
        columns.add(sumOutput(out, name + "#sum", null, ids, n));
        columns.add(Columns.writeFixed(out, nullable(name + "#count", new ArrowType.Int(64, true)), ColumnKind.I64,
            counts.segment(), null, ids, n));
    }

    @Override
    void beginRestore(final ArrowType stateType)
    {
        super.beginRestore(stateType);
        // A shared mean only counts rows; restoring must add its partial counts, so it runs as a mean of its own
        // (its own sum words fill up but stay unread: the output reads the shared sum's, restored from the sum).
        suspendedShare = sharedSum;
        sharedSum = null;
    }

    @Override
    void endRestore()
    {
        super.endRestore();
        sharedSum = suspendedShare;
        suspendedShare = null;
    }

    @Override
    void reset()
    {
        super.reset();
        near = false;
        wrapped = false;
    }

    @Override
    public void close()
    {
        super.close();
        los.close();
        his.close();
        counts.close();
    }
}
