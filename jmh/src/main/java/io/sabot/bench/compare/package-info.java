/**
 * JMH benchmarks of comparisons, counts, selections and Kleene logic, SIMD beside the scalar twin.
 */
package io.sabot.bench.compare;
