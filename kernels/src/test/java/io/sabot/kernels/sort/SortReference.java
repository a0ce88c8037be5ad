package io.sabot.kernels.sort;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.util.Text;

/**
 * The test oracle: a boxing, {@link Comparator}-based stable sort ({@link List#sort}, a TimSort) over Java values
 * read with Arrow's own getters, implementing Arrow C++'s null/NaN placement and a -0.0 &lt; 0.0 total order.
 */
final class SortReference
{
    private SortReference()
    {
    }

    /**
     * @param vectors key vectors, one per key.
     * @param keys    the keys (order and null placement used).
     * @param rows    physical rows, in read order.
     * @return the rows stably sorted.
     */
    static int[] sort(final List<FieldVector> vectors, final List<SortKey> keys, final int[] rows)
    {
        Comparator<Integer> cmp = null;
        for (int k = 0; k < vectors.size(); k++)
        {
            final Comparator<Integer> one = keyComparator(vectors.get(k), keys.get(k));
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        final List<Integer> list = new ArrayList<>(rows.length);
        for (final int row : rows)
        {
            list.add(row);
        }
        list.sort(cmp);
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] range(final int offset, final int count)
    {
        final int[] rows = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = offset + i;
        }
        return rows;
    }

    private static Comparator<Integer> keyComparator(final FieldVector v, final SortKey key)
    {
        final Comparator<Integer> values = valueComparator(v);
        final boolean descending = key.order() == SortOrder.DESCENDING;
        final boolean atStart = key.nulls() == NullPlacement.AT_START;
        return (a, b) ->
        {
            final int ca = rank(v, a, atStart);
            final int cb = rank(v, b, atStart);
            if (ca != cb)
            {
                return Integer.compare(ca, cb);
            }
            if (ca != (atStart ? 2 : 0))
            {
                return 0; // both null or both NaN
            }
            final int c = values.compare(a, b);
            return descending ? -c : c;
        };
    }

    /** AT_END: value 0, NaN 1, null 2; AT_START: null 0, NaN 1, value 2. */
    private static int rank(final FieldVector v, final int row, final boolean atStart)
    {
        final int cls;
        if (v.isNull(row))
        {
            cls = 2;
        }
        else if (v instanceof Float8Vector f && Double.isNaN(f.get(row)) ||
            v instanceof Float4Vector g && Float.isNaN(g.get(row)))
        {
            cls = 1;
        }
        else
        {
            cls = 0;
        }
        return atStart ? 2 - cls : cls;
    }

    private static Comparator<Integer> valueComparator(final FieldVector v)
    {
        return switch (v)
        {
            case Float4Vector f -> (a, b) -> Float.compare(f.get(a), f.get(b));
            case Float8Vector f -> (a, b) -> Double.compare(f.get(a), f.get(b));
            case TinyIntVector t -> (a, b) -> Byte.compare(t.get(a), t.get(b));
            case SmallIntVector t -> (a, b) -> Short.compare(t.get(a), t.get(b));
            case IntVector t -> (a, b) -> Integer.compare(t.get(a), t.get(b));
            case BigIntVector t -> (a, b) -> Long.compare(t.get(a), t.get(b));
            case DateDayVector t -> (a, b) -> Integer.compare(t.get(a), t.get(b));
            case TimeMilliVector t -> (a, b) -> Integer.compare(t.get(a), t.get(b));
            case TimeStampVector t -> (a, b) -> Long.compare(t.get(a), t.get(b));
            case DurationVector t -> (a, b) -> Long.compare(DurationVector.get(t.getDataBuffer(), a),
                DurationVector.get(t.getDataBuffer(), b));
            case UInt1Vector t -> (a, b) -> Integer.compare(Byte.toUnsignedInt(t.get(a)), Byte.toUnsignedInt(t.get(b)));
            case UInt2Vector t -> (a, b) -> Character.compare(t.get(a), t.get(b));
            case UInt4Vector t -> (a, b) -> Integer.compareUnsigned(t.get(a), t.get(b));
            case UInt8Vector t -> (a, b) -> Long.compareUnsigned(t.get(a), t.get(b));
            case BitVector t -> (a, b) -> Integer.compare(t.get(a), t.get(b));
            case DecimalVector t -> (a, b) ->
            {
                final BigDecimal x = t.getObject(a);
                return x.compareTo(t.getObject(b));
            };
            default -> (a, b) -> Arrays.compareUnsigned(bytes(v, a), bytes(v, b));
        };
    }

    private static byte[] bytes(final FieldVector v, final int row)
    {
        final Object o = v.getObject(row);
        if (o instanceof Text t)
        {
            return Arrays.copyOf(t.getBytes(), (int)t.getLength());
        }
        return (byte[])o;
    }
}
