/**
 * Filter and take: copy the selected rows of Arrow vectors and batches into new dense vectors.
 *
 * <ul>
 *   <li>{@link io.sabot.kernels.select.Filter} keeps the rows named by a {@link io.sabot.kernels.SelectionVector},
 *       by a boolean predicate (a null predicate row drops the row, as Arrow C++ {@code filter} with
 *       {@code null_selection=drop}) or by {@link io.sabot.kernels.Rows}, and materializes a batch's own
 *       selection.</li>
 *   <li>{@link io.sabot.kernels.select.Take} gathers rows by int32 indices; a null index gives a null row.</li>
 * </ul>
 *
 * <p>Both accept the fixed-width types (int/uint 8-64, float32/64, date, time, timestamp, duration, decimal128,
 * fixed-size binary of any width), boolean, and utf8/binary in their 32-bit and 64-bit offset forms. Outputs are new
 * vectors of the input's {@link org.apache.arrow.vector.types.pojo.Field}, allocated from the caller's allocator and
 * owned by the caller; inputs are never closed. Validity is carried through. The copies use
 * {@link io.sabot.simd.Compaction} (bitmap) and {@link io.sabot.simd.Gather} (indices).
 */
package io.sabot.kernels.select;
