/**
 * JMH benchmarks of the string kernels beside java.lang.String baselines.
 */
package io.sabot.bench.string;
