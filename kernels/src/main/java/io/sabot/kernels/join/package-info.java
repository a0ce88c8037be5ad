/**
 * Hash join: {@link io.sabot.kernels.join.HashJoinTable} (build side, added batch by batch, then finished into an
 * index), {@link io.sabot.kernels.join.HashJoinProbe} (batch-at-a-time, resumable probing with an output limit) and
 * {@link io.sabot.kernels.join.ProbeResult} (pairs of probe positions and build row ids).
 *
 * <p>Join types are inner, left outer, semi and anti, with the probe side preserved. Keys are one or more columns of
 * int8..int64, date, time, timestamp or utf8; probe and build key types must be equal. Null keys never match; an
 * anti join emits probe rows with null keys ({@code NOT EXISTS} semantics, see {@link io.sabot.kernels.join.JoinType}).
 *
 * <p>Indexes (chosen at finish): a dense direct-index array for a single integer key with a small value range, an
 * open-addressing table with inline keys for other single integer keys, and an open-addressing table of full
 * {@link io.sabot.simd.Hash64} row hashes for utf8 and multi-column keys. Duplicate build keys chain through a
 * {@code next[]} array so every match is produced. Probing loads 1024 rows
 * at a time into scratch, hashes them, then looks them up in a separate pass so cache misses overlap.
 *
 * <p>All table memory comes from the caller's allocator and is freed by {@code close()}.
 */
package io.sabot.kernels.join;
