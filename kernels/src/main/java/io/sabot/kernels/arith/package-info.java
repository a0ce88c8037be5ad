/**
 * Elementwise arithmetic on Arrow vectors: {@link io.sabot.kernels.arith.Arithmetic} (add, subtract, multiply, divide,
 * negate, abs, multiplyAdd) over int8/16/32/64, float32/64, decimal128, and date/timestamp offsets, with
 * {@link io.sabot.kernels.arith.Overflow} choosing wrapping or checked integer arithmetic.
 *
 * <p>Contiguous int32/int64/float32/float64 rows run on the {@link io.sabot.simd.Arith} SIMD kernels; selections,
 * int8/int16, mixed widths, integer division and decimals run row loops. Checked SIMD kernels only flag overflow;
 * when a flag is raised the row loop rescans to name the first overflowing non-null row.
 */
package io.sabot.kernels.arith;
