package io.sabot.runtime.plan;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Prints logical and physical plans as indented text.
 */
final class PlanPrinter
{
    private PlanPrinter()
    {
    }

    static String print(final PhysicalPlan plan)
    {
        final StringBuilder sb = new StringBuilder("== Logical plan ==\n");
        final Map<LogicalNode, Integer> seen = new IdentityHashMap<>();
        for (final LogicalNode root : plan.logical())
        {
            logical(root, 0, sb, seen);
        }
        sb.append("== Physical plan ==\n");
        for (final Stage stage : plan.stages())
        {
            sb.append("Stage ").append(stage.id()).append(" x").append(stage.parallelism())
                .append(stage.bounded() ? " bounded" : " unbounded").append('\n');
            if (stage.isSourceStage())
            {
                sb.append("  <- source ").append(stage.source().describe()).append(" (morsel-driven)\n");
                if (stage.eventTime() != null)
                {
                    sb.append("     event time ").append(stage.eventTime().column()).append(", watermarks in source ")
                        .append("order, max - ").append(stage.eventTime().maxOutOfOrderness()).append(" ms\n");
                }
            }
            for (int i = 0; i < stage.inputs().size(); i++)
            {
                final Stage.Input input = stage.inputs().get(i);
                sb.append("  <- input ").append(i).append(": stage ").append(input.stage()).append(" via ")
                    .append(input.exchange()).append('\n');
            }
            for (final OperatorSpec op : stage.chain())
            {
                sb.append("  | ").append(op.description()).append('\n');
            }
            if (stage.sink() != null)
            {
                sb.append("  -> sink ").append(stage.sink().describe()).append('\n');
            }
        }
        return sb.toString();
    }

    private static void logical(final LogicalNode node, final int depth, final StringBuilder sb,
                                final Map<LogicalNode, Integer> seen)
    {
        sb.append("  ".repeat(depth));
        final Integer id = seen.get(node);
        if (id != null)
        {
            sb.append("(see #").append(id).append(")\n");
            return;
        }
        final int newId = seen.size() + 1;
        seen.put(node, newId);
        sb.append('#').append(newId).append(' ').append(node.describe()).append('\n');
        for (final LogicalNode input : node.inputs())
        {
            logical(input, depth + 1, sb, seen);
        }
    }
}
