/**
 * JMH benchmarks of Sabot's arithmetic kernels: the SIMD kernels of {@code io.sabot.simd.Arith} beside their scalar
 * twins, and the {@code io.sabot.kernels.arith.Arithmetic} API writing into caller-supplied vectors.
 */
package io.sabot.bench.arith;
