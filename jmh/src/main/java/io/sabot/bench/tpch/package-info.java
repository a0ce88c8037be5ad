/**
 * TPC-H benchmarks: DuckDB 2.0 in-process (JDBC, same generated rows, same thread count) on Q1 and Q6, the bar the
 * issue sets for Sabot's own query methods in the same state.
 */
package io.sabot.bench.tpch;
