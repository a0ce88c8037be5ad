/**
 * The runtime: one operator model for bounded and unbounded input, the Stream API that builds logical plans, the
 * planner that turns them into physical stages, and the local executor that runs those stages on the morsel
 * scheduler.
 *
 * <p>Sub-packages: {@code operator} (the operator contract and the operators), {@code source} and {@code sink}
 * (connectors), {@code plan} (logical and physical plans), {@code exec} (the executor), {@code api} (the Stream API),
 * {@code tpch} (the TPC-H data generator and queries).
 */
package io.sabot.runtime;
