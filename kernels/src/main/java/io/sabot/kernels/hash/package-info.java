/**
 * Row hashing over Arrow vectors: {@link io.sabot.kernels.hash.Hashing} computes one 64-bit hash per row from one
 * or many columns, equal bit for bit to {@link io.sabot.simd.Hash64} folded column by column from
 * {@link io.sabot.simd.Hash64#SEED}, so that hash aggregation, joins and partitioners agree wherever a row goes.
 */
package io.sabot.kernels.hash;
