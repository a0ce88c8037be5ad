/**
 * Whole-column aggregates over Arrow vectors: count, sum, min, max, mean, variance and standard deviation, for
 * contiguous rows (a vector, a morsel) or a selection. Contiguous int32/int64/float32/float64 columns run on the
 * {@link io.sabot.simd.Reductions} SIMD primitives; other types and selections use scalar loops.
 *
 * <p>Results are JDK optionals ({@link java.util.OptionalLong}, {@link java.util.OptionalDouble},
 * {@link java.util.Optional}): empty means SQL null, allocated once per call, never per row. Null rows are skipped;
 * an aggregate over no valid rows is null (Arrow C++ {@code min_count = 1}), except count which is 0.
 * {@link io.sabot.kernels.agg.VarianceState} is the mergeable partial state for streaming variance.
 */
package io.sabot.kernels.agg;
