package io.sabot.kernels.agg;

import java.util.OptionalDouble;

/**
 * Partial state of a variance / standard deviation: count, mean and M2 (the sum of squared deviations from the mean).
 * Partials from different morsels, threads or nodes combine with {@link #merge(VarianceState)} (Chan et al.'s
 * pairwise update), which is numerically stable and independent of how the input was split, up to rounding.
 *
 * <p>{@link Aggregates} fills a state with two-pass reductions (mean, then squared deviations): over the whole range
 * for contiguous float64 (SIMD), else block by block (1024 rows) with each block merged. Either way there is no
 * catastrophic cancellation from {@code E[x^2] - E[x]^2}.
 * A NaN or infinite input makes the mean and M2 NaN (or infinite), as in Arrow C++.
 *
 * <p>Thread-safety: mutable, not thread-safe; one owner at a time. No off-heap memory.
 */
public final class VarianceState
{
    private long count;
    private double mean;
    private double m2;

    /** A state with no values. */
    public VarianceState()
    {
    }

    /**
     * @param count how many values.
     * @param mean  their mean (ignored when {@code count == 0}).
     * @param m2    the sum of their squared deviations from {@code mean}.
     * @return a state holding exactly these statistics, e.g. deserialised from a checkpoint.
     */
    public static VarianceState of(final long count, final double mean, final double m2)
    {
        final VarianceState state = new VarianceState();
        if (count < 0)
        {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        state.count = count;
        state.mean = count == 0 ? 0.0 : mean;
        state.m2 = count == 0 ? 0.0 : m2;
        return state;
    }

    /**
     * Adds one value (Welford's update).
     *
     * @param x the value.
     */
    public void add(final double x)
    {
        count++;
        final double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
    }

    /**
     * Adds a block summarised as {@code (n, blockMean, blockM2)}.
     *
     * @param n         values in the block (0 leaves this state unchanged).
     * @param blockMean their mean.
     * @param blockM2   their sum of squared deviations from {@code blockMean}.
     */
    public void merge(final long n, final double blockMean, final double blockM2)
    {
        if (n == 0)
        {
            return;
        }
        if (count == 0)
        {
            count = n;
            mean = blockMean;
            m2 = blockM2;
            return;
        }
        final long total = count + n;
        final double delta = blockMean - mean;
        mean += delta * ((double)n / total);
        m2 += blockM2 + delta * delta * ((double)count * n / total);
        count = total;
    }

    /**
     * Folds another partial into this one; {@code other} is unchanged.
     *
     * @param other a partial over disjoint rows.
     */
    public void merge(final VarianceState other)
    {
        merge(other.count, other.mean, other.m2);
    }

    /** Forgets all values. */
    public void reset()
    {
        count = 0;
        mean = 0.0;
        m2 = 0.0;
    }

    /** @return how many values were added. */
    public long count()
    {
        return count;
    }

    /** @return the mean of the values (0 when there are none). */
    public double mean()
    {
        return mean;
    }

    /** @return the sum of squared deviations from the mean. */
    public double m2()
    {
        return m2;
    }

    /**
     * @param ddof delta degrees of freedom: 0 for the population variance, 1 for the sample variance.
     * @return {@code m2 / (count - ddof)}, or empty (null) when {@code count <= ddof}, as Arrow C++.
     */
    public OptionalDouble variance(final int ddof)
    {
        if (ddof < 0)
        {
            throw new IllegalArgumentException("ddof must be >= 0, was " + ddof);
        }
        return count <= ddof ? OptionalDouble.empty() : OptionalDouble.of(Math.max(0.0, m2) / (count - ddof));
    }

    /**
     * @param ddof delta degrees of freedom: 0 for population, 1 for sample.
     * @return the square root of {@link #variance(int)}, or empty (null) when {@code count <= ddof}.
     */
    public OptionalDouble stddev(final int ddof)
    {
        final OptionalDouble variance = variance(ddof);
        return variance.isPresent() ? OptionalDouble.of(Math.sqrt(variance.getAsDouble())) : variance;
    }

    @Override
    public String toString()
    {
        return "VarianceState{count=" + count + ", mean=" + mean + ", m2=" + m2 + '}';
    }
}
