package io.sabot.jit.expr;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints the canonical text form of an {@link Expr}; {@code ExprParser} reads it back into an equal tree.
 *
 * <pre>
 *   column       a, "my col"              (quoted unless a plain identifier that is not a keyword; "" escapes ")
 *   literal      true  42  42L  1.5f  1.5  -0.0  NaN  -Infinity  1.5E300  'it''s'  null::float64
 *                (float32 specials: NaNf, Infinityf, -Infinityf)
 *   arithmetic   (a + b)  (a - b)  (a * b)  (a / b)  (a % b)  neg(a)
 *   comparison   (a = b)  (a != b)  (a &lt; b)  (a &lt;= b)  (a &gt; b)  (a &gt;= b)
 *   logic        (a and b)  (a or b)  (not a)  is_null(a)
 *   conditional  if(c, a, b)  case when c1 then v1 when c2 then v2 else v end   coalesce(a, b, ...)
 *   cast         cast(a as int64)
 *   math         abs(a) sqrt(a) exp(a) log(a) floor(a) ceil(a) pow(a, b) min(a, b) max(a, b)
 *   strings      equals(s, t) starts_with(s, t) ends_with(s, t) contains(s, t) length(s)
 *   udf          @name(a, b)
 * </pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class ExprPrinter
{
    /**
     * Words that cannot be bare column names, in lower case; the parser reads them case-insensitively, so a name
     * that equals one of them ignoring case is quoted.
     */
    public static final Set<String> KEYWORDS = Set.of("and", "or", "not", "true", "false", "null", "case", "when",
        "then", "else", "end", "as", "nan", "infinity", "nanf", "infinityf", "between");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ExprPrinter()
    {
    }

    /**
     * @param expr an expression.
     * @return its canonical text form.
     */
    public static String print(final Expr expr)
    {
        final StringBuilder out = new StringBuilder();
        print(expr, out);
        return out.toString();
    }

    private static void print(final Expr expr, final StringBuilder out)
    {
        switch (expr)
        {
            case Expr.Column c -> column(c.name(), out);
            case Expr.Literal l -> literal(l, out);
            case Expr.Arith a -> infix(a.left(), a.op().symbol(), a.right(), out);
            case Expr.Negate n -> call("neg", List.of(n.arg()), out);
            case Expr.Compare c -> infix(c.left(), switch (c.op())
            {
                case EQ -> "=";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
            }, c.right(), out);
            case Expr.And a -> infix(a.left(), "and", a.right(), out);
            case Expr.Or o -> infix(o.left(), "or", o.right(), out);
            case Expr.Not n ->
            {
                out.append("(not ");
                print(n.arg(), out);
                out.append(')');
            }
            case Expr.IsNull n -> call("is_null", List.of(n.arg()), out);
            case Expr.If i -> call("if", List.of(i.condition(), i.then(), i.otherwise()), out);
            case Expr.Case c ->
            {
                out.append("case");
                for (final Expr.When w : c.whens())
                {
                    out.append(" when ");
                    print(w.condition(), out);
                    out.append(" then ");
                    print(w.result(), out);
                }
                if (c.otherwise() != null)
                {
                    out.append(" else ");
                    print(c.otherwise(), out);
                }
                out.append(" end");
            }
            case Expr.Cast c ->
            {
                out.append("cast(");
                print(c.arg(), out);
                out.append(" as ").append(c.target()).append(')');
            }
            case Expr.Coalesce c -> call("coalesce", c.args(), out);
            case Expr.MathCall m -> call(m.fn().functionName(), m.args(), out);
            case Expr.StringPredicate s -> call(s.op().functionName(), List.of(s.left(), s.right()), out);
            case Expr.Length l -> call("length", List.of(l.arg()), out);
            case Expr.UdfCall u -> call("@" + u.udf().name(), u.args(), out);
        }
    }

    private static void infix(final Expr left, final String op, final Expr right, final StringBuilder out)
    {
        out.append('(');
        print(left, out);
        out.append(' ').append(op).append(' ');
        print(right, out);
        out.append(')');
    }

    private static void call(final String name, final List<Expr> args, final StringBuilder out)
    {
        out.append(name).append('(');
        for (int i = 0; i < args.size(); i++)
        {
            if (i > 0)
            {
                out.append(", ");
            }
            print(args.get(i), out);
        }
        out.append(')');
    }

    /**
     * @param name a column name.
     * @param out  where it is appended, quoted if needed.
     */
    public static void column(final String name, final StringBuilder out)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        if (IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(lower) && !isFunctionName(lower))
        {
            out.append(name);
        }
        else
        {
            out.append('"').append(name.replace("\"", "\"\"")).append('"');
        }
    }

    /**
     * @param lower a name in lower case.
     * @return whether the parser knows it as a function (function names are read case-insensitively).
     */
    public static boolean isFunctionName(final String lower)
    {
        // A bare name followed by '(' would read as a call; a column never is, but quoting these keeps it obvious.
        return MathFn.byName(lower) != null || StringOp.byName(lower) != null || lower.equals("neg") ||
            lower.equals("is_null") || lower.equals("is_not_null") || lower.equals("if") || lower.equals("cast") ||
            lower.equals("coalesce") || lower.equals("length");
    }

    private static void literal(final Expr.Literal l, final StringBuilder out)
    {
        final Object v = l.value();
        if (v == null)
        {
            out.append("null::").append(l.type().typeName());
            return;
        }
        switch (l.type())
        {
            case BOOLEAN, INT32 -> out.append(v);
            case INT64 -> out.append(v).append('L');
            case FLOAT32 -> out.append(Float.toString((Float)v)).append('f');
            case FLOAT64 -> out.append(Double.toString((Double)v));
            case UTF8 -> out.append('\'').append(((String)v).replace("'", "''")).append('\'');
            case DATE -> out.append("date '").append(v).append('\'');
            case DECIMAL -> out.append("decimal '").append(((java.math.BigDecimal)v).toPlainString()).append('\'');
        }
    }
}
