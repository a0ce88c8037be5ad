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
            case Bound.Exact e -> List.of(e.left(), e.right());
        };
    }

    /**
     * Numbers the {@link Bound.Exact} nodes of a program in pre-order, predicate first, then the projections; the
     * number is what {@link io.sabot.jit.exec.Frame#overflow} reports.
     *
     * @param predicate   the predicate or {@code null}.
     * @param projections the projections.
     * @return the exact nodes in site order.
     */
    public static List<Bound.Exact> exactSites(final Bound predicate, final List<Bound> projections)
    {
        final List<Bound.Exact> sites = new java.util.ArrayList<>();
        final Consumer<Bound> visitor = n ->
        {
            if (n instanceof Bound.Exact e)
            {
                sites.add(e);
            }
        };
        if (predicate != null)
        {
            preOrder(predicate, visitor);
        }
        for (final Bound p : projections)
        {
            preOrder(p, visitor);
        }
        return sites;
    }

    /**
     * @param sites the result of {@link #exactSites}.
     * @param node  one of them.
     * @return its site number (by identity; the first when a node is shared).
     */
    public static int siteOf(final List<Bound.Exact> sites, final Bound.Exact node)
    {
        for (int i = 0; i < sites.size(); i++)
        {
            if (sites.get(i) == node)
            {
                return i;
            }
        }
        throw new IllegalArgumentException("not a site of this program: " + node);
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
