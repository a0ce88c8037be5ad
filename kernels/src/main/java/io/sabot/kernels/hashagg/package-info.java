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
 * <p>Decimal128 inputs are summed exactly in 128 bits ({@code hi * 2^64 + lo} with a signed {@code lo}, so the hot
 * loop touches one long and a rarely taken carry branch). With at most 64 groups (TPC-H Q1 has 4), the loops spread
 * consecutive rows over four lanes per group to break the store-to-load chain of {@code sums[g] += v}, count rows
 * per group once per batch for every count and mean, and one or two utf8 keys of one byte map to a group with one
 * load from a small direct table. Partial results merge ({@code partialResult}/{@code merge}), an aggregator can
 * emit only the groups a batch touched ({@code updatedResults}), and a partial result with the
 * {@code inputTypes()} is a snapshot that {@code restore} loads back into a row-fed aggregator (checkpoints).
 *
 * <p>The scatter-style loops here do not map to AVX2 vectors (no gather-scatter conflict detection), so this package
 * has no Vector API path and no scalar twin to compare with; its reference in tests is a plain {@code HashMap}.
 */
package io.sabot.kernels.hashagg;
