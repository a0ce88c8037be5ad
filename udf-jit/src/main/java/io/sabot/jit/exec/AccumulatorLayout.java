package io.sabot.jit.exec;

import io.sabot.jit.expr.DataType;

import java.util.Arrays;
import java.util.List;

/**
 * Where an {@link Program.Mode#ACCUMULATE ACCUMULATE} program keeps the running aggregates of each group code: one
 * row of {@link #longStride()} longs and one of {@link #doubleStride()} doubles per code, in two flat arrays.
 *
 * <pre>
 *   longs[code * longStride + ...]
 *   +----------+------------------------------- per input j ------------------------------------------+
 *   | count(*) | count_j | sum_j lo | sum_j hi | min_j | max_j |   (sum, min, max only when asked)    |
 *   +----------+---------+----------+----------+-------+-------+   sum is 128-bit two's complement    |
 *   doubles[code * doubleStride + ...]:  sum_j of a FLOAT64 input                                    |
 * </pre>
 *
 * count_j counts the rows where input j is not null; sum, min and max skip nulls, and min/max are meaningful only when
 * count_j &gt; 0. An INT32 input is widened to 64 bits. FLOAT64 inputs support count and sum only.
 *
 * <p>Thread-safety: immutable.
 */
public final class AccumulatorLayout
{
    /** Offset of count(*) in a group's longs. */
    public static final int COUNT_ALL = 0;

    private final DataType[] types;
    private final int[] count;
    private final int[] sum;
    private final int[] min;
    private final int[] max;
    private final int[] doubleSum;
    private final int longStride;
    private final int doubleStride;

    private AccumulatorLayout(final DataType[] types, final boolean[] sums, final boolean[] mins,
        final boolean[] maxes)
    {
        final int n = types.length;
        this.types = types.clone();
        count = new int[n];
        sum = new int[n];
        min = new int[n];
        max = new int[n];
        doubleSum = new int[n];
        int longs = 1;
        int doubles = 0;
        for (int j = 0; j < n; j++)
        {
            final DataType t = types[j];
            final boolean floating = t == DataType.FLOAT64;
            if (!floating && t != DataType.INT64 && t != DataType.INT32)
            {
                throw new IllegalArgumentException("input " + j + " is " + t + "; accumulators take INT32, INT64 " +
                    "or FLOAT64");
            }
            if (floating && (mins[j] || maxes[j]))
            {
                throw new IllegalArgumentException("input " + j + ": min/max of FLOAT64 are not accumulated here");
            }
            count[j] = longs++;
            sum[j] = -1;
            min[j] = -1;
            max[j] = -1;
            doubleSum[j] = -1;
            if (sums[j])
            {
                if (floating)
                {
                    doubleSum[j] = doubles++;
                }
                else
                {
                    sum[j] = longs;
                    longs += 2;
                }
            }
            if (mins[j])
            {
                min[j] = longs++;
            }
            if (maxes[j])
            {
                max[j] = longs++;
            }
        }
        longStride = longs;
        doubleStride = doubles;
    }

    /**
     * @param types the (lowered) type of each input: INT32, INT64 or FLOAT64.
     * @param sums  per input: keep a sum.
     * @param mins  per input: keep a minimum (not FLOAT64).
     * @param maxes per input: keep a maximum (not FLOAT64).
     * @return the layout.
     * @throws IllegalArgumentException for another type, FLOAT64 min/max, or arrays of other lengths.
     */
    public static AccumulatorLayout of(final List<DataType> types, final boolean[] sums, final boolean[] mins,
        final boolean[] maxes)
    {
        if (sums.length != types.size() || mins.length != types.size() || maxes.length != types.size())
        {
            throw new IllegalArgumentException("one flag per input expected");
        }
        return new AccumulatorLayout(types.toArray(new DataType[0]), sums, mins, maxes);
    }

    /** @return the number of inputs. */
    public int inputs()
    {
        return types.length;
    }

    /** @param j input. @return its lowered type. */
    public DataType type(final int j)
    {
        return types[j];
    }

    /** @param j input. @return offset of its non-null count in a group's longs. */
    public int count(final int j)
    {
        return count[j];
    }

    /** @param j input. @return offset of its 128-bit sum (low word; high word next), or -1. */
    public int sum(final int j)
    {
        return sum[j];
    }

    /** @param j input. @return offset of its minimum, or -1. */
    public int min(final int j)
    {
        return min[j];
    }

    /** @param j input. @return offset of its maximum, or -1. */
    public int max(final int j)
    {
        return max[j];
    }

    /** @param j input. @return offset of its FLOAT64 sum in a group's doubles, or -1. */
    public int doubleSum(final int j)
    {
        return doubleSum[j];
    }

    /** @return longs per group code. */
    public int longStride()
    {
        return longStride;
    }

    /** @return doubles per group code. */
    public int doubleStride()
    {
        return doubleStride;
    }

    /** @return a compact text of the layout, part of the program's shape key. */
    public String key()
    {
        final StringBuilder sb = new StringBuilder("acc[");
        for (int j = 0; j < types.length; j++)
        {
            sb.append(j == 0 ? "" : ",").append(count[j]).append('/').append(sum[j]).append('/').append(min[j])
                .append('/').append(max[j]).append('/').append(doubleSum[j]);
        }
        return sb.append("]").append(longStride).append('/').append(doubleStride).toString();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof AccumulatorLayout other && key().equals(other.key()) &&
            Arrays.equals(types, other.types);
    }

    @Override
    public int hashCode()
    {
        return key().hashCode();
    }

    @Override
    public String toString()
    {
        return key();
    }
}
