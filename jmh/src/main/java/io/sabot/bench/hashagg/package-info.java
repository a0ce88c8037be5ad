/**
 * Benchmarks of {@link io.sabot.kernels.hashagg.HashAggregator} beside a {@code java.util.HashMap} baseline:
 * {@link io.sabot.bench.hashagg.HashAggBench} (JMH, wall clock) and {@link io.sabot.bench.hashagg.HashAggCpuTime}
 * (thread CPU time, for a machine shared with other jobs).
 */
package io.sabot.bench.hashagg;
