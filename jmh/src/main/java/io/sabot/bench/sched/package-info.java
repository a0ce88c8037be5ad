/**
 * JMH benchmarks of the morsel scheduler: compute-bound scaling (1 vs 2 workers), a memory-bound SIMD filter+sum
 * beside a plain 2-thread SIMD sum over the same memory, per-morsel overhead, and a skewed start.
 */
package io.sabot.bench.sched;
