package io.sabot.runtime.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sabot.jit.expr.Expr;

/**
 * Substitutes column references in an expression tree, so that a projection over another projection's output can be
 * rewritten over that projection's input (the planner merges consecutive projections into one generated loop).
 */
final class ExprRewriter
{
    private ExprRewriter()
    {
    }

    /**
     * @param expr        an expression.
     * @param definitions what each column name stands for.
     * @return {@code expr} with every column reference replaced by its definition.
     * @throws IllegalArgumentException when a referenced column has no definition.
     */
    static Expr substitute(final Expr expr, final Map<String, Expr> definitions)
    {
        return switch (expr)
        {
            case Expr.Column column ->
            {
                final Expr definition = definitions.get(column.name());
                if (definition == null)
                {
                    throw new IllegalArgumentException("no definition of column '" + column.name() + "'");
                }
                yield definition;
            }
            case Expr.Literal literal -> literal;
            case Expr.Arith arith -> new Expr.Arith(arith.op(), substitute(arith.left(), definitions),
                substitute(arith.right(), definitions));
            case Expr.Negate negate -> new Expr.Negate(substitute(negate.arg(), definitions));
            case Expr.Compare compare -> new Expr.Compare(compare.op(), substitute(compare.left(), definitions),
                substitute(compare.right(), definitions));
            case Expr.And and -> new Expr.And(substitute(and.left(), definitions),
                substitute(and.right(), definitions));
            case Expr.Or or -> new Expr.Or(substitute(or.left(), definitions), substitute(or.right(), definitions));
            case Expr.Not not -> new Expr.Not(substitute(not.arg(), definitions));
            case Expr.IsNull isNull -> new Expr.IsNull(substitute(isNull.arg(), definitions));
            case Expr.If ifExpr -> new Expr.If(substitute(ifExpr.condition(), definitions),
                substitute(ifExpr.then(), definitions), substitute(ifExpr.otherwise(), definitions));
            case Expr.Case caseExpr ->
            {
                final List<Expr.When> whens = new ArrayList<>(caseExpr.whens().size());
                for (final Expr.When when : caseExpr.whens())
                {
                    whens.add(new Expr.When(substitute(when.condition(), definitions),
                        substitute(when.result(), definitions)));
                }
                yield new Expr.Case(whens, caseExpr.otherwise() == null ? null :
                    substitute(caseExpr.otherwise(), definitions));
            }
            case Expr.Cast cast -> new Expr.Cast(substitute(cast.arg(), definitions), cast.type(), cast.precision(),
                cast.scale());
            case Expr.Coalesce coalesce -> new Expr.Coalesce(all(coalesce.args(), definitions));
            case Expr.MathCall call -> new Expr.MathCall(call.fn(), all(call.args(), definitions));
            case Expr.StringPredicate predicate -> new Expr.StringPredicate(predicate.op(),
                substitute(predicate.left(), definitions), substitute(predicate.right(), definitions));
            case Expr.Length length -> new Expr.Length(substitute(length.arg(), definitions));
            case Expr.UdfCall call -> new Expr.UdfCall(call.udf(), all(call.args(), definitions));
        };
    }

    private static List<Expr> all(final List<Expr> args, final Map<String, Expr> definitions)
    {
        final List<Expr> out = new ArrayList<>(args.size());
        for (final Expr arg : args)
        {
            out.add(substitute(arg, definitions));
        }
        return out;
    }

    /**
     * @param expr an expression.
     * @param into receives the names of every column it references.
     */
    static void columns(final Expr expr, final java.util.Set<String> into)
    {
        switch (expr)
        {
            case Expr.Column column -> into.add(column.name());
            case Expr.Literal ignored ->
            {
            }
            case Expr.Arith arith ->
            {
                columns(arith.left(), into);
                columns(arith.right(), into);
            }
            case Expr.Negate negate -> columns(negate.arg(), into);
            case Expr.Compare compare ->
            {
                columns(compare.left(), into);
                columns(compare.right(), into);
            }
            case Expr.And and ->
            {
                columns(and.left(), into);
                columns(and.right(), into);
            }
            case Expr.Or or ->
            {
                columns(or.left(), into);
                columns(or.right(), into);
            }
            case Expr.Not not -> columns(not.arg(), into);
            case Expr.IsNull isNull -> columns(isNull.arg(), into);
            case Expr.If ifExpr ->
            {
                columns(ifExpr.condition(), into);
                columns(ifExpr.then(), into);
                columns(ifExpr.otherwise(), into);
            }
            case Expr.Case caseExpr ->
            {
                for (final Expr.When when : caseExpr.whens())
                {
                    columns(when.condition(), into);
                    columns(when.result(), into);
                }
                if (caseExpr.otherwise() != null)
                {
                    columns(caseExpr.otherwise(), into);
                }
            }
            case Expr.Cast cast -> columns(cast.arg(), into);
            case Expr.Coalesce coalesce -> coalesce.args().forEach(a -> columns(a, into));
            case Expr.MathCall call -> call.args().forEach(a -> columns(a, into));
            case Expr.StringPredicate predicate ->
            {
                columns(predicate.left(), into);
                columns(predicate.right(), into);
            }
            case Expr.Length length -> columns(length.arg(), into);
            case Expr.UdfCall call -> call.args().forEach(a -> columns(a, into));
        }
    }
}
