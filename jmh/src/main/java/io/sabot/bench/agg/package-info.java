/**
 * JMH benchmarks of reductions and aggregates, SIMD beside the scalar twin, plus loop-shape experiments.
 */
package io.sabot.bench.agg;
