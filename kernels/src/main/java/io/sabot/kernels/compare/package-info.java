/**
 * Comparison and boolean kernels over Arrow vectors: {@link io.sabot.kernels.compare.Comparison} (eq, ne, lt, le,
 * gt, ge, between; column against column or scalar; into a {@link org.apache.arrow.vector.BitVector} or a
 * {@link io.sabot.kernels.SelectionVector}), {@link io.sabot.kernels.compare.BooleanLogic} (Kleene and/or/and_not,
 * xor, not, selectTrue) and {@link io.sabot.kernels.compare.NullChecks} (is_null, is_not_null, is_nan).
 *
 * <p>Semantics follow Arrow C++ compute: null in gives null out (Kleene logic for and/or), IEEE 754 float
 * comparisons (NaN compares false except not-equal). Fixed-width columns run through the SIMD primitives of
 * {@link io.sabot.simd.Comparisons} and {@link io.sabot.simd.Bitmaps}; selected rows are gathered densely first.
 */
package io.sabot.kernels.compare;
