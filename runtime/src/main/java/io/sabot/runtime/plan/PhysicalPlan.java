package io.sabot.runtime.plan;

import java.util.List;

/**
 * The planner's output: stages in dependency order (every stage's inputs come before it) and the logical roots
 * they came from. Immutable.
 *
 * @param stages  the stages.
 * @param logical the logical plan's roots (the writes), for {@code explain()}.
 */
public record PhysicalPlan(List<Stage> stages, List<LogicalNode> logical)
{
    /**
     * @return both plans as readable text: the logical tree, then each stage with its parallelism, inputs and chain.
     */
    public String explain()
    {
        return PlanPrinter.print(this);
    }
}
