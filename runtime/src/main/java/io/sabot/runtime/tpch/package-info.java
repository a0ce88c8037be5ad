/**
 * TPC-H: a deterministic, range-splittable generator of the eight TPC-H tables at any scale factor
 * ({@link io.sabot.runtime.tpch.TpchGenerator}, {@link io.sabot.runtime.tpch.TpchTable}), an Arrow IPC writer
 * ({@link io.sabot.runtime.tpch.TpchWriter}), the SQL text and result columns of Q1, Q3, Q5, Q6 and Q10
 * ({@link io.sabot.runtime.tpch.TpchQuery}) and a plain-Java reference answer for each of them
 * ({@link io.sabot.runtime.tpch.TpchReference}) that tests compare Sabot and DuckDB against.
 *
 * <p>Value distributions follow the TPC-H specification v3, clause 4.2.3; where this generator differs from
 * {@code dbgen} (random streams, comment text, rounding of {@code o_totalprice}) the differences are listed on
 * {@link io.sabot.runtime.tpch.TpchGenerator}. The rows are therefore TPC-H-shaped but not byte-identical to dbgen's,
 * and query answers are not the published reference answers: tests compare engines over the same generated rows.
 */
package io.sabot.runtime.tpch;
