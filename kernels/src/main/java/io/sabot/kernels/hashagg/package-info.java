/**
 * Vectorized hash aggregation ({@code GROUP BY}) over Arrow batches: {@link io.sabot.kernels.hashagg.HashAggregator}.
 *
 * <p>Each added batch runs in three tight phases over reusable off-heap scratch: (1) the key rows are read into
 * dense 64-bit words and, for composite or utf8 keys, hashed with {@link io.sabot.simd.Hash64}; (2) every row is
 * mapped to a dense group id by open addressing with linear probing (a single fixed-width key is stored in the slot
 * itself, so a probe is one memory access; a single integer key in a narrow range uses a direct-indexed map);
 * (3) each aggregate folds the rows into columnar per-group arrays with a loop of the form
 * {@code sums[gid[i]] += v[i]}. All memory comes from the caller's allocator; a refused allocation rolls the batch
 * back, leaving earlier groups intact.
 *
 * <p>The scatter-style loops here do not map to AVX2 vectors (no gather-scatter conflict detection), so this package
 * has no Vector API path and no scalar twin to compare with; its reference in tests is a plain {@code HashMap}.
 */
package io.sabot.kernels.hashagg;
