/**
 * JMH benchmarks for filter and take: bitmap compaction (Vector API, branch-free scalar, branchy), the int32-index
 * gather (scalar off-heap vs Vector API index-map gather on heap), and the Filter kernel on int64 and utf8 beside
 * Arrow Java's row-by-row {@code copyFrom}. Every class builds its off-heap Arrow data in {@code @Setup} and frees it
 * in {@code @TearDown}; throughput is ops/s, so rows/s = ops/s x size.
 */
package io.sabot.bench.select;
