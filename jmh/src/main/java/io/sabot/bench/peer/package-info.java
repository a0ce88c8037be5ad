/**
 * Peers a user would otherwise pick, run in-process on the same data: DuckDB through JDBC with one thread.
 */
package io.sabot.bench.peer;
