package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;

import java.util.List;

/**
 * The cache key of a program: the mode and a canonical print of the bound trees with every non-null literal value
 * replaced by {@code ?type} (null literals stay, as {@code null:type}), columns as {@code $index:type}, and UDF calls
 * by their analysis shape key plus hosted value types. Two programs with equal keys differ at most in literal and
 * hosted values, which the generated class takes as constructor arguments, so one class serves both.
 *
 * <pre>
 *   FILTER|GT:boolean(ADD:float64($0:float64,?0:float64),$1:float64)
 * </pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class ShapeKey
{
    private ShapeKey()
    {
    }

    /**
     * @param mode        the mode.
     * @param predicate   the predicate or {@code null}.
     * @param projections the projections.
     * @param literals    the literal slots of {@code [predicate] + projections} (a literal prints its slot, so equal
     *                    keys also mean equal slot layouts even when a tree shares a literal node).
     * @param udfs        the UDF slots of the same roots.
     * @return the key.
     */
    public static String of(final Program.Mode mode, final Bound predicate, final List<Bound> projections,
        final LiteralSlots literals, final UdfSlots udfs)
    {
        final StringBuilder sb = new StringBuilder(128);
        sb.append(mode.name()).append('|');
        if (predicate != null)
        {
            print(predicate, sb, literals, udfs);
        }
        for (final Bound p : projections)
        {
            sb.append(';');
            print(p, sb, literals, udfs);
        }
        return sb.toString();
    }

    private static void print(final Bound node, final StringBuilder sb, final LiteralSlots literals,
        final UdfSlots udfs)
    {
        switch (node)
        {
            case Bound.Column c ->
            {
                sb.append('$').append(c.index()).append(':').append(c.type().typeName());
                if (c.isDecimal())
                {
                    // 16-byte slots: a different read than an int64 column
                    sb.append("@dec");
                }
            }
            case Bound.Literal l ->
            {
                if (l.value() == null)
                {
                    sb.append("null:");
                }
                else
                {
                    sb.append('?').append(literals.slot(l)).append(':');
                }
                sb.append(l.type().typeName());
            }
            case Bound.UdfCall u ->
            {
                sb.append("udf").append(udfs.index(u)).append('[').append(u.udf().analysis().shapeKey());
                final int n = u.udf().analysis().hostedValues().size();
                for (int j = 0; j < n; j++)
                {
                    sb.append(',').append(u.udf().analysis().hostedValueType(j).descriptorString());
                }
                sb.append(']');
            }
            default -> head(node, sb);
        }
        final List<Bound> args = BoundTrees.children(node);
        if (!args.isEmpty())
        {
            sb.append('(');
            for (int i = 0; i < args.size(); i++)
            {
                if (i > 0)
                {
                    sb.append(',');
                }
                print(args.get(i), sb, literals, udfs);
            }
            sb.append(')');
        }
    }

    private static void head(final Bound node, final StringBuilder sb)
    {
        switch (node)
        {
            case Bound.Arith a -> sb.append(a.op().name());
            case Bound.Negate ignored -> sb.append("neg");
            case Bound.Compare c -> sb.append(c.op().name());
            case Bound.And ignored -> sb.append("and");
            case Bound.Or ignored -> sb.append("or");
            case Bound.Not ignored -> sb.append("not");
            case Bound.IsNull ignored -> sb.append("isnull");
            case Bound.If ignored -> sb.append("if");
            case Bound.Cast ignored -> sb.append("cast");
            case Bound.Coalesce ignored -> sb.append("coalesce");
            case Bound.MathCall m -> sb.append(m.fn().functionName());
            case Bound.StringPredicate s -> sb.append(s.op().name());
            case Bound.Length ignored -> sb.append("length");
            case Bound.Exact e -> sb.append("exact_").append(e.op().name());
            default -> throw new IllegalStateException(node.toString());
        }
        sb.append(':').append(node.type().typeName());
    }
}
