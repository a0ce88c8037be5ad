package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;

import java.util.List;
import java.util.function.Consumer;

/**
 * Structural helpers over {@link Bound} trees.
 *
 * <p>Thread-safety: stateless.
 */
public final class BoundTrees
{
    private BoundTrees()
    {
    }

    /**
     * @param node a node.
     * @return its operands, left to right.
     */
    public static List<Bound> children(final Bound node)
    {
        return switch (node)
        {
            case Bound.Column ignored -> List.of();
            case Bound.Literal ignored -> List.of();
            case Bound.Arith a -> List.of(a.left(), a.right());
            case Bound.Negate n -> List.of(n.arg());
            case Bound.Compare c -> List.of(c.left(), c.right());
            case Bound.And a -> List.of(a.left(), a.right());
            case Bound.Or o -> List.of(o.left(), o.right());
            case Bound.Not n -> List.of(n.arg());
            case Bound.IsNull n -> List.of(n.arg());
            case Bound.If i -> List.of(i.condition(), i.then(), i.otherwise());
            case Bound.Cast c -> List.of(c.arg());
            case Bound.Coalesce c -> c.args();
            case Bound.MathCall m -> m.args();
            case Bound.StringPredicate s -> List.of(s.left(), s.right());
            case Bound.Length l -> List.of(l.arg());
            case Bound.UdfCall u -> u.args();
        };
    }

    /**
     * Visits {@code node} and its descendants in pre-order, iteratively (trees may be thousands deep).
     *
     * @param node    the root.
     * @param visitor called per node.
     */
    public static void preOrder(final Bound node, final Consumer<Bound> visitor)
    {
        final java.util.ArrayDeque<Bound> stack = new java.util.ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty())
        {
            final Bound n = stack.pop();
            visitor.accept(n);
            final List<Bound> children = children(n);
            for (int i = children.size() - 1; i >= 0; i--)
            {
                stack.push(children.get(i));
            }
        }
    }
}
