/**
 * Sabot's public low-level kernel API over Arrow vectors: arithmetic, comparison, boolean logic, filter and take,
 * cast, aggregates, hashing, hash aggregation, hash join, sort and strings, plus the {@link io.sabot.kernels.Batch}
 * type. Usable alone: no threads, no runtime.
 *
 * <p>Conventions shared by every kernel:
 * <ul>
 *   <li>Inputs are read through {@link io.sabot.kernels.Rows}: a contiguous range (whole vector or morsel) or a
 *       {@link io.sabot.kernels.SelectionVector}. Outputs are dense and written into a caller-supplied vector or one
 *       allocated from the caller's allocator, which the caller then owns. Kernels never close their inputs.</li>
 *   <li>Null semantics follow Arrow C++ compute: arithmetic and comparison on a null give null; aggregates skip
 *       nulls; {@code count} counts non-nulls; boolean and/or use Kleene logic.</li>
 *   <li>Bad input (wrong type, length mismatch, unknown column, rows outside a vector) raises
 *       {@link io.sabot.common.SchemaException} before any memory is touched; bad values (checked overflow, division
 *       by zero, unparsable text) raise {@link io.sabot.common.DataException} naming the column and row.</li>
 *   <li>Off-heap buffers are read through {@link io.sabot.kernels.ArrowMemory} segments sized to the buffer, so no
 *       access can leave a buffer.</li>
 * </ul>
 */
package io.sabot.kernels;
