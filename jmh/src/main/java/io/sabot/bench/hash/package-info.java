/**
 * JMH benchmarks of column and row hashing, SIMD beside the scalar twin.
 */
package io.sabot.bench.hash;
