/**
 * Sort kernels: {@link io.sabot.kernels.sort.SortIndices} ({@code sort_indices} and top-N over a batch, a column
 * list with {@link io.sabot.kernels.Rows}, or one vector), the incremental {@link io.sabot.kernels.sort.TopN}
 * accumulator for streaming, and the {@link io.sabot.kernels.sort.RadixSort} primitive they build on.
 *
 * <p>Keys are normalized to unsigned integers whose order is the requested order (sign bit flipped, IEEE sign
 * trick with NaN canonicalized and moved next to the nulls, descending inverted). Fixed-width keys whose widths fit
 * in 64 bits together are packed and LSD radix-sorted; everything else is merge-sorted with typed comparators over
 * primitive arrays and Arrow memory, never boxing. Results are physical row positions in an
 * {@link org.apache.arrow.vector.IntVector} from the caller's allocator.
 */
package io.sabot.kernels.sort;
