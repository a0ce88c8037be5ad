/**
 * The headline benchmarks of the kernel library: each Sabot kernel beside its scalar twin, the C reference
 * ({@code gcc -O3 -march=native}, through FFM, on the same off-heap buffers) and DuckDB 2.0 with one thread, on the
 * same values, in one JMH run. Methods are named {@code sabot*}, {@code scalar*}, {@code c*} and {@code duck*} so
 * {@code ./sabot bench} can leave the C ones out when gcc is missing. The ratios are what {@code docs/BENCHMARKS.md}
 * reports.
 */
package io.sabot.bench.headline;
