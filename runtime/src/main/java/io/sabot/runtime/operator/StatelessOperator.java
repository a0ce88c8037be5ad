package io.sabot.runtime.operator;

/**
 * An operator that holds nothing between calls that a checkpoint would need (filters, projections, per-row
 * functions, unions): checkpointed jobs may contain it without a snapshot. Any other operator must implement
 * {@link CheckpointedOperator} for its job to take checkpoints.
 */
public interface StatelessOperator extends Operator
{
}
