package io.sabot.jit.expr;

import io.sabot.common.SchemaException;
import io.sabot.jit.udf.Udf;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.sabot.jit.expr.Exprs.abs;
import static io.sabot.jit.expr.Exprs.call;
import static io.sabot.jit.expr.Exprs.caseWhen;
import static io.sabot.jit.expr.Exprs.ceil;
import static io.sabot.jit.expr.Exprs.coalesce;
import static io.sabot.jit.expr.Exprs.col;
import static io.sabot.jit.expr.Exprs.exp;
import static io.sabot.jit.expr.Exprs.floor;
import static io.sabot.jit.expr.Exprs.ifThen;
import static io.sabot.jit.expr.Exprs.length;
import static io.sabot.jit.expr.Exprs.lit;
import static io.sabot.jit.expr.Exprs.log;
import static io.sabot.jit.expr.Exprs.max;
import static io.sabot.jit.expr.Exprs.min;
import static io.sabot.jit.expr.Exprs.nullOf;
import static io.sabot.jit.expr.Exprs.pow;
import static io.sabot.jit.expr.Exprs.sqrt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExprParserTest
{
    private static final Udf F = Udf.doubleFn("f", (x, y) -> x * 1.1 + y);
    private static final Udf G = Udf.longFn("g", x -> x + 1);
    private static final Map<String, Udf> UDFS = Map.of("f", F, "g", G);

    /** Prints, checks the canonical text, parses back and checks the tree is equal. */
    private static void roundTrip(final Expr e, final String canonical)
    {
        assertEquals(canonical, ExprPrinter.print(e));
        assertEquals(e, ExprParser.parse(canonical, UDFS), canonical);
    }

    @Test
    void roundTripsColumnsAndLiterals()
    {
        roundTrip(col("a"), "a");
        roundTrip(col("my col"), "\"my col\"");
        roundTrip(col("say \"hi\""), "\"say \"\"hi\"\"\"");
        roundTrip(col(""), "\"\"");
        roundTrip(col("AND"), "\"AND\"");
        roundTrip(col("NaN"), "\"NaN\"");
        roundTrip(col("Infinityf"), "\"Infinityf\"");
        roundTrip(col("abs"), "\"abs\"");
        roundTrip(col("Is_Not_Null"), "\"Is_Not_Null\"");
        roundTrip(col("_x9"), "_x9");
        roundTrip(col("9x"), "\"9x\"");
        roundTrip(col("größe"), "\"größe\"");
        roundTrip(lit(true), "true");
        roundTrip(lit(false), "false");
        roundTrip(lit(42), "42");
        roundTrip(lit(-42), "-42");
        roundTrip(lit(Integer.MIN_VALUE), "-2147483648");
        roundTrip(lit(Integer.MAX_VALUE), "2147483647");
        roundTrip(lit(42L), "42L");
        roundTrip(lit(Long.MIN_VALUE), "-9223372036854775808L");
        roundTrip(lit(Long.MAX_VALUE), "9223372036854775807L");
        roundTrip(lit(1.5f), "1.5f");
        roundTrip(lit(-0.0f), "-0.0f");
        roundTrip(lit(Float.NaN), "NaNf");
        roundTrip(lit(Float.POSITIVE_INFINITY), "Infinityf");
        roundTrip(lit(Float.NEGATIVE_INFINITY), "-Infinityf");
        roundTrip(lit(Float.MIN_VALUE), "1.4E-45f");
        roundTrip(lit(1.5), "1.5");
        roundTrip(lit(-0.0), "-0.0");
        roundTrip(lit(0.0), "0.0");
        roundTrip(lit(Double.NaN), "NaN");
        roundTrip(lit(Double.NEGATIVE_INFINITY), "-Infinity");
        roundTrip(lit(Double.POSITIVE_INFINITY), "Infinity");
        roundTrip(lit(1.5e300), "1.5E300");
        roundTrip(lit(Double.MIN_VALUE), "4.9E-324");
        roundTrip(lit("it's"), "'it''s'");
        roundTrip(lit(""), "''");
        roundTrip(lit("日本😀 \"q\"\n"), "'日本😀 \"q\"\n'");
        for (final DataType t : DataType.values())
        {
            roundTrip(nullOf(t), "null::" + t.typeName());
        }
        // -0.0 and 0.0 stay distinct through the text form.
        assertNotEquals(ExprParser.parse("-0.0"), ExprParser.parse("0.0"));
        assertNotEquals(ExprParser.parse("-0.0f"), ExprParser.parse("0.0f"));
    }

    @Test
    void roundTripsEveryOperator()
    {
        final Expr a = col("a");
        final Expr b = col("b");
        roundTrip(a.add(b), "(a + b)");
        roundTrip(a.sub(b), "(a - b)");
        roundTrip(a.mul(b), "(a * b)");
        roundTrip(a.div(b), "(a / b)");
        roundTrip(a.mod(b), "(a % b)");
        roundTrip(a.negate(), "neg(a)");
        roundTrip(lit(5).negate(), "neg(5)");
        roundTrip(lit(-5).negate(), "neg(-5)");
        roundTrip(a.sub(lit(-1)), "(a - -1)");
        roundTrip(a.eq(b), "(a = b)");
        roundTrip(a.ne(b), "(a != b)");
        roundTrip(a.lt(b), "(a < b)");
        roundTrip(a.le(b), "(a <= b)");
        roundTrip(a.gt(b), "(a > b)");
        roundTrip(a.ge(b), "(a >= b)");
        roundTrip(a.and(b), "(a and b)");
        roundTrip(a.or(b), "(a or b)");
        roundTrip(a.not(), "(not a)");
        roundTrip(a.not().not(), "(not (not a))");
        roundTrip(a.isNull(), "is_null(a)");
        roundTrip(a.isNotNull(), "(not is_null(a))");
        roundTrip(ifThen(a, lit(1), b), "if(a, 1, b)");
        roundTrip(caseWhen(a, lit(1)).end(), "case when a then 1 end");
        roundTrip(caseWhen(a, lit(1)).when(b, lit(2)).otherwise(lit(3)),
            "case when a then 1 when b then 2 else 3 end");
        roundTrip(caseWhen(caseWhen(a, b).end(), caseWhen(b, a).otherwise(a)).end().add(lit(1)),
            "(case when case when a then b end then case when b then a else a end end + 1)");
        roundTrip(a.cast(DataType.INT64), "cast(a as int64)");
        roundTrip(coalesce(a), "coalesce(a)");
        roundTrip(coalesce(a, b, lit(0)), "coalesce(a, b, 0)");
        roundTrip(abs(a), "abs(a)");
        roundTrip(sqrt(a), "sqrt(a)");
        roundTrip(exp(a), "exp(a)");
        roundTrip(log(a), "log(a)");
        roundTrip(floor(a), "floor(a)");
        roundTrip(ceil(a), "ceil(a)");
        roundTrip(pow(a, b), "pow(a, b)");
        roundTrip(min(a, b), "min(a, b)");
        roundTrip(max(a, b), "max(a, b)");
        roundTrip(a.stringEquals(b), "equals(a, b)");
        roundTrip(a.startsWith(lit("x")), "starts_with(a, 'x')");
        roundTrip(a.endsWith(b), "ends_with(a, b)");
        roundTrip(a.contains(lit("")), "contains(a, '')");
        roundTrip(length(a), "length(a)");
        roundTrip(call(F, a, lit(2.0)), "@f(a, 2.0)");
        roundTrip(call(G, a.mul(b)), "@g((a * b))");
        roundTrip(col("a").mul(col("b")).add(col("c")).gt(lit(10.0)), "(((a * b) + c) > 10.0)");
    }

    @Test
    void readsPrecedenceWithoutParentheses()
    {
        final Expr a = col("a");
        final Expr b = col("b");
        final Expr c = col("c");
        assertEquals(a.add(b.mul(c)), ExprParser.parse("a + b * c"));
        assertEquals(a.mul(b).add(c), ExprParser.parse("a*b+c"));
        assertEquals(a.sub(b).sub(c), ExprParser.parse("a - b - c"));
        assertEquals(a.div(b).mod(c), ExprParser.parse("a / b % c"));
        assertEquals(a.add(b).gt(c), ExprParser.parse("a + b > c"));
        assertEquals(a.gt(b).and(b.lt(c)), ExprParser.parse("a > b and b < c"));
        assertEquals(a.or(b.and(c)), ExprParser.parse("a or b and c"));
        assertEquals(a.and(b).or(c), ExprParser.parse("a and b or c"));
        assertEquals(a.eq(b).not(), ExprParser.parse("not a = b"));
        assertEquals(a.not().and(b), ExprParser.parse("not a and b"));
        assertEquals(a.not().not(), ExprParser.parse("not not a"));
        assertEquals(a.negate().mul(b), ExprParser.parse("-a * b"));
        assertEquals(a.negate().negate(), ExprParser.parse("- -a"));
        assertEquals(a.add(b).mul(c), ExprParser.parse("(a + b) * c"));
        assertEquals(a.add(b), ExprParser.parse("+a + +b"));
    }

    @Test
    void readsMinusOnANumberAsANegativeLiteral()
    {
        assertEquals(lit(-5), ExprParser.parse("-5"));
        assertEquals(lit(-5), ExprParser.parse("- 5"));
        assertEquals(lit(-5L), ExprParser.parse("-5L"));
        assertEquals(lit(-2.5f), ExprParser.parse("-2.5f"));
        assertEquals(lit(Double.NEGATIVE_INFINITY), ExprParser.parse("-infinity"));
        assertEquals(lit(Double.NaN), ExprParser.parse("-NaN"));
        assertEquals(lit(5).negate(), ExprParser.parse("-(5)"));
        assertEquals(lit(-5).negate(), ExprParser.parse("--5"));
        assertEquals(col("a").sub(lit(1)), ExprParser.parse("a-1"));
        assertEquals(col("a").sub(lit(-1)), ExprParser.parse("a--1"));
        assertEquals(lit(-1).mul(col("a")), ExprParser.parse("-1*a"));
        assertEquals(nullOf(DataType.INT32).negate(), ExprParser.parse("-null::int32"));
    }

    @Test
    void readsLenientForms()
    {
        final Expr a = col("a");
        final Expr b = col("b");
        assertEquals(a.gt(lit(1)).and(b.isNull().not()),
            ExprParser.parse("a>1 AND Is_Not_Null(b)"));
        assertEquals(a.ne(b), ExprParser.parse("a <> b"));
        assertEquals(a.eq(b), ExprParser.parse("a == b"));
        assertEquals(caseWhen(a, lit(1)).otherwise(lit(2)), ExprParser.parse("CASE WHEN a THEN 1 ELSE 2 END"));
        assertEquals(a.cast(DataType.FLOAT64), ExprParser.parse("CAST ( a AS Float64 )"));
        assertEquals(nullOf(DataType.UTF8), ExprParser.parse("NULL :: UTF8"));
        assertEquals(lit(true).or(lit(false)), ExprParser.parse("TRUE Or False"));
        assertEquals(abs(a).add(sqrt(b)), ExprParser.parse("ABS(a)+Sqrt (b)"));
        assertEquals(lit(1000.0), ExprParser.parse("1e3"));
        assertEquals(lit(0.5), ExprParser.parse(".5"));
        assertEquals(lit(1.0), ExprParser.parse("1."));
        assertEquals(lit(2.0), ExprParser.parse("2d"));
        assertEquals(lit(2.0f), ExprParser.parse("2F"));
        assertEquals(lit(7L), ExprParser.parse("7l"));
        assertEquals(lit(1.5e-7f), ExprParser.parse("1.5E-7f"));
        assertEquals(lit(Float.NaN), ExprParser.parse("nanf"));
        assertEquals(a.add(b), ExprParser.parse("\t(\na\r\n+ b )  "));
        // A bare function name that is not followed by '(' is a column.
        assertEquals(col("abs").add(col("If")), ExprParser.parse("abs + If"));
        assertEquals(ifThen(a, b, a), ExprParser.parse("if(a,b,a)"));
    }

    @Test
    void resolvesUdfsByName()
    {
        final Expr e = ExprParser.parse("@f(a, @g(b)) > 1.0", UDFS);
        final Expr.Compare c = assertInstanceOf(Expr.Compare.class, e);
        final Expr.UdfCall f = assertInstanceOf(Expr.UdfCall.class, c.left());
        assertTrue(f.udf() == F);
        assertTrue(assertInstanceOf(Expr.UdfCall.class, f.args().get(1)).udf() == G);

        final ExprParseException unknown = assertThrows(ExprParseException.class,
            () -> ExprParser.parse("1 + @h(a)", UDFS));
        assertEquals(4, unknown.position());
        assertTrue(unknown.getMessage().contains("'@h'"), unknown.getMessage());
        assertTrue(unknown.expected().contains("[f, g]"), unknown.expected());

        final ExprParseException noUdfs = assertThrows(ExprParseException.class, () -> ExprParser.parse("@f(a, b)"));
        assertEquals(0, noUdfs.position());

        final ExprParseException arity = assertThrows(ExprParseException.class,
            () -> ExprParser.parse("@g(a, b)", UDFS));
        assertEquals(0, arity.position());
        assertTrue(arity.getMessage().contains("@g with 1 argument(s) but found 2 argument(s)"),
            arity.getMessage());
        // The name must follow '@' directly.
        assertEquals(2, assertThrows(ExprParseException.class, () -> ExprParser.parse("@ g(a)", UDFS)).position());
    }

    /** Checks the error position, that the expectation is named, and that the caret sits under the position. */
    private static ExprParseException fails(final String text, final int position, final String expected)
    {
        final ExprParseException e = assertThrows(ExprParseException.class, () -> ExprParser.parse(text));
        assertInstanceOf(SchemaException.class, e);
        assertEquals(position, e.position(), e.getMessage());
        assertEquals(text, e.input());
        assertTrue(e.expected().contains(expected), e.expected());
        assertTrue(e.getMessage().startsWith("expected " + e.expected() + " but found " + e.found() +
            " at position " + position + "\n"), e.getMessage());
        final String[] lines = e.getMessage().split("\n", -1);
        final String caretLine = lines[lines.length - 1];
        final String textLine = lines[lines.length - 2];
        final int caret = caretLine.indexOf('^');
        assertEquals(caretLine.length() - 1, caret, "one caret at the end of the line");
        // The caret points at the character at the error position (or just past the end).
        final int lineStart = Math.max(text.lastIndexOf('\n', position - 1) + 1, 0);
        assertEquals(position - lineStart, caret - 2);
        assertTrue(textLine.startsWith("  "));
        return e;
    }

    @Test
    void reportsErrorsWithPositions()
    {
        assertEquals("end of input", fails("(a + b", 6, "')'").found());
        assertEquals("expected ')' but found end of input at position 6\n  (a + b\n        ^",
            assertThrows(ExprParseException.class, () -> ExprParser.parse("(a + b")).getMessage());
        assertEquals("expected an expression but found ')' at position 11\n   and )\n       ^",
            assertThrows(ExprParseException.class, () -> ExprParser.parse("a > 1\n and )")).getMessage());
        assertEquals("'b'", fails("a b", 2, "an operator or end of input").found());
        fails("a +", 3, "an expression");
        fails("", 0, "an expression");
        fails("   ", 3, "an expression");
        fails("a + )", 4, "an expression");
        fails("a and or b", 6, "an expression");
        fails("cast(a as text)", 10, "a type name");
        fails("cast(a, int32)", 6, "'as'");
        fails("null", 4, "'::'");
        fails("null::int8", 6, "a type name");
        fails("2147483648", 0, "int32 literal in range");
        fails("-2147483649", 1, "int32 literal in range");
        fails("9223372036854775808L", 0, "int64 literal in range");
        fails("1.5L", 0, "an integer before L");
        fails("12abc", 0, "a number");
        fails("1e", 0, "a number");
        fails("'abc", 0, "a closing '");
        fails("\"abc", 0, "a closing \"");
        fails("a # b", 2, "an operator, literal, name or parenthesis");
        fails("a + 😀", 4, "an operator, literal, name or parenthesis");
        fails("frobnicate(a)", 0, "a known function");
        fails("sqrt(a, b)", 0, "sqrt with 1 argument(s)");
        fails("pow(a)", 0, "pow with 2 argument(s)");
        fails("if(a, b)", 0, "if with 3 argument(s)");
        fails("coalesce()", 0, "coalesce with at least 1 argument(s)");
        fails("x + length()", 4, "length with 1 argument(s)");
        fails("case a when 1 then 2 end", 5, "'when'");
        fails("case when a then 1", 18, "'end'");
        fails("case when a 1 end", 12, "'then'");
        fails("case end", 5, "'when'");
        fails("a = = b", 4, "an expression");
        fails("f(a", 0, "a known function");
        fails("abs(a", 5, "')'");
        fails("a +\n  (b * ", 11, "an expression");
        fails("x > 1\n and y <", 14, "an expression");
    }

    @Test
    void limitsNesting()
    {
        final int ok = ExprParser.MAX_NESTING - 1;
        final Expr deep = ExprParser.parse("(".repeat(ok) + "a" + ")".repeat(ok));
        assertEquals(col("a"), deep);
        final String tooDeep = "(".repeat(ExprParser.MAX_NESTING) + "a" + ")".repeat(ExprParser.MAX_NESTING);
        final ExprParseException e = assertThrows(ExprParseException.class, () -> ExprParser.parse(tooDeep));
        assertTrue(e.expected().contains("levels of nesting"), e.expected());
        assertThrows(ExprParseException.class, () -> ExprParser.parse("not ".repeat(5000) + "a"));
        assertThrows(ExprParseException.class, () -> ExprParser.parse("-".repeat(5000) + "a"));
        // On a thread with a tiny stack the overflow becomes a parse error too.
        final String nested = "(".repeat(ok) + "a" + ")".repeat(ok);
        final Throwable[] thrown = new Throwable[1];
        final Thread small = new Thread(null, () ->
        {
            try
            {
                ExprParser.parse(nested);
            }
            catch (final Throwable t)
            {
                thrown[0] = t;
            }
        }, "small-stack", 32 * 1024);
        small.start();
        assertTrue(joined(small));
        assertInstanceOf(ExprParseException.class, thrown[0]);
        assertTrue(thrown[0].getMessage().contains("ran out of stack"), thrown[0].getMessage());
        // Long flat chains are loops, not recursion.
        final Expr chain = ExprParser.parse("a" + " + a".repeat(5000));
        assertInstanceOf(Expr.Arith.class, chain);
    }

    private static boolean joined(final Thread t)
    {
        try
        {
            t.join();
            return true;
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void roundTripsExpressionsWithUdfsOfEveryKind()
    {
        final Expr e = call(F, col("x"), call(F, lit(1.0), nullOf(DataType.FLOAT64))).gt(lit(0.0))
            .and(call(G, lit(Long.MIN_VALUE)).eq(lit(0L)));
        roundTrip(e, "((@f(x, @f(1.0, null::float64)) > 0.0) and (@g(-9223372036854775808L) = 0L))");
    }
}
