/**
 * Plans: the logical plan the Stream API builds ({@link io.sabot.runtime.plan.LogicalNode}), the
 * {@link io.sabot.runtime.plan.Planner} that fuses stateless operators and places exchanges, and the physical
 * {@link io.sabot.runtime.plan.Stage}s it produces; {@code explain()} prints both.
 */
package io.sabot.runtime.plan;
