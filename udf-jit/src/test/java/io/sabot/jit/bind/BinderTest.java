package io.sabot.jit.bind;

import io.sabot.common.SchemaException;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.udf.Udf;
import io.sabot.simd.CompareOp;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinderTest
{
    private static final Schema SCHEMA = new Schema(List.of(
        field("b", DataType.BOOLEAN.arrowType()),
        field("i", DataType.INT32.arrowType()),
        field("l", DataType.INT64.arrowType()),
        field("f", DataType.FLOAT32.arrowType()),
        field("d", DataType.FLOAT64.arrowType()),
        field("s", DataType.UTF8.arrowType()),
        field("t", DataType.UTF8.arrowType()),
        field("dt", new ArrowType.Date(DateUnit.DAY)),
        field("dup", DataType.INT32.arrowType()),
        field("dup", DataType.INT64.arrowType()),
        field("ui", new ArrowType.Int(32, false))));

    // calls of a helper keep these UDFs opaque (liftable bodies would be inlined by the binder)
    private static final Udf F = Udf.doubleFn("f2", (x, y) -> opaque(x * 1.1 + y));
    private static final Udf G = Udf.longFn("g1", x -> (long) opaque(x + 1));
    private static final Udf P = Udf.doublePredicate("p1", x -> opaque(x) > 0);
    private static final Map<String, Udf> UDFS = Map.of("f2", F, "g1", G, "p1", P);

    private static double opaque(final double v)
    {
        return v;
    }

    private static final Bound B = new Bound.Column(0, "b", DataType.BOOLEAN);
    private static final Bound I = new Bound.Column(1, "i", DataType.INT32);
    private static final Bound L = new Bound.Column(2, "l", DataType.INT64);
    private static final Bound FL = new Bound.Column(3, "f", DataType.FLOAT32);
    private static final Bound D = new Bound.Column(4, "d", DataType.FLOAT64);
    private static final Bound S = new Bound.Column(5, "s", DataType.UTF8);
    private static final Bound T = new Bound.Column(6, "t", DataType.UTF8);

    private static Field field(final String name, final ArrowType type)
    {
        return Field.nullable(name, type);
    }

    private static Bound bind(final String text)
    {
        return Binder.bind(ExprParser.parse(text, UDFS), SCHEMA);
    }

    private static Bound lit(final DataType type, final Object value)
    {
        return new Bound.Literal(type, value);
    }

    private static Bound cast(final Bound arg, final DataType type)
    {
        return new Bound.Cast(arg, type);
    }

    @Test
    void bindsColumnsAndLiterals()
    {
        assertEquals(B, bind("b"));
        assertEquals(I, bind("i"));
        assertEquals(L, bind("l"));
        assertEquals(FL, bind("f"));
        assertEquals(D, bind("d"));
        assertEquals(S, bind("s"));
        assertEquals(lit(DataType.INT32, 42), bind("42"));
        assertEquals(lit(DataType.FLOAT64, -0.0), bind("-0.0"));
        assertEquals(lit(DataType.UTF8, "x"), bind("'x'"));
        assertEquals(lit(DataType.BOOLEAN, null), bind("null::boolean"));
    }

    @Test
    void promotesArithmeticOperandsWithCasts()
    {
        assertEquals(new Bound.Arith(ArithOp.ADD, I, I, DataType.INT32), bind("i + i"));
        assertEquals(new Bound.Arith(ArithOp.SUB, cast(I, DataType.INT64), L, DataType.INT64), bind("i - l"));
        assertEquals(new Bound.Arith(ArithOp.MUL, cast(I, DataType.FLOAT32), FL, DataType.FLOAT32), bind("i * f"));
        assertEquals(new Bound.Arith(ArithOp.DIV, cast(L, DataType.FLOAT64), cast(FL, DataType.FLOAT64),
            DataType.FLOAT64), bind("l / f"));
        assertEquals(new Bound.Arith(ArithOp.MOD, D, cast(FL, DataType.FLOAT64), DataType.FLOAT64), bind("d % f"));
        // Implicitly converted literals are converted at bind time (Java casts) and stay literals.
        assertEquals(new Bound.Arith(ArithOp.ADD, D, lit(DataType.FLOAT64, 1.0), DataType.FLOAT64), bind("d + 1"));
        assertEquals(new Bound.Arith(ArithOp.ADD, L, lit(DataType.INT64, (long)Integer.MIN_VALUE), DataType.INT64),
            bind("l + -2147483648"));
        assertEquals(new Bound.Arith(ArithOp.ADD, cast(I, DataType.FLOAT64), lit(DataType.FLOAT64, 1.5),
            DataType.FLOAT64), bind("i + 1.5"));
        assertEquals(new Bound.Arith(ArithOp.MUL, L, lit(DataType.INT64, null), DataType.INT64),
            bind("l * null::int32"));
        assertEquals(new Bound.Arith(ArithOp.ADD, lit(DataType.FLOAT64, 9.223372036854775807E18),
            lit(DataType.FLOAT64, 0.5), DataType.FLOAT64), bind("9223372036854775807L + 0.5"));
        assertEquals(new Bound.Negate(FL, DataType.FLOAT32), bind("neg(f)"));
        assertEquals(new Bound.Negate(lit(DataType.INT64, 5L), DataType.INT64), bind("neg(5L)"));
    }

    @Test
    void typesComparisonsAndLogic()
    {
        assertEquals(new Bound.Compare(CompareOp.LT, cast(I, DataType.FLOAT64), D), bind("i < d"));
        assertEquals(new Bound.Compare(CompareOp.GE, L, lit(DataType.INT64, 0L)), bind("l >= 0"));
        assertEquals(new Bound.Compare(CompareOp.EQ, B, lit(DataType.BOOLEAN, true)), bind("b = true"));
        assertEquals(new Bound.Compare(CompareOp.NE, S, T), bind("s != t"));
        assertEquals(new Bound.Compare(CompareOp.GT, FL, lit(DataType.FLOAT32, Float.NaN)), bind("f > NaNf"));
        final Bound and = bind("b and i > 0");
        assertEquals(new Bound.And(B, new Bound.Compare(CompareOp.GT, I, lit(DataType.INT32, 0))), and);
        assertEquals(DataType.BOOLEAN, and.type());
        assertEquals(new Bound.Or(B, new Bound.Not(B)), bind("b or not b"));
        assertEquals(new Bound.IsNull(S), bind("is_null(s)"));
        assertEquals(new Bound.Not(new Bound.IsNull(D)), bind("is_not_null(d)"));
        assertEquals(new Bound.IsNull(lit(DataType.INT32, 1)), bind("is_null(1)"));
    }

    @Test
    void unifiesBranches()
    {
        assertEquals(new Bound.If(B, cast(I, DataType.FLOAT64), D, DataType.FLOAT64), bind("if(b, i, d)"));
        assertEquals(new Bound.If(B, S, lit(DataType.UTF8, null), DataType.UTF8), bind("if(b, s, null::utf8)"));
        assertEquals(new Bound.If(B, cast(I, DataType.FLOAT64), lit(DataType.FLOAT64, null), DataType.FLOAT64),
            bind("if(b, i, null::float64)"));
        assertEquals(new Bound.If(B, I, lit(DataType.INT32, null), DataType.INT32), bind("if(b, i, null::int32)"));
        assertEquals(new Bound.If(B, lit(DataType.BOOLEAN, null), B, DataType.BOOLEAN),
            bind("if(b, null::boolean, b)"));
        // Case becomes nested ifs; no else gives a null of the result type.
        final Bound gt = new Bound.Compare(CompareOp.GT, I, lit(DataType.INT32, 0));
        assertEquals(new Bound.If(B, cast(I, DataType.INT64), new Bound.If(gt, L, lit(DataType.INT64, null),
            DataType.INT64), DataType.INT64), bind("case when b then i when i > 0 then l end"));
        assertEquals(new Bound.If(B, cast(I, DataType.FLOAT64), new Bound.If(gt, cast(L, DataType.FLOAT64), D,
            DataType.FLOAT64), DataType.FLOAT64), bind("case when b then i when i > 0 then l else d end"));
        assertEquals(new Bound.If(B, lit(DataType.FLOAT32, 1.0f), FL, DataType.FLOAT32),
            bind("case when b then 1 else f end"));
        assertEquals(new Bound.If(B, S, lit(DataType.UTF8, null), DataType.UTF8), bind("case when b then s end"));
        assertEquals(new Bound.Coalesce(List.of(cast(I, DataType.INT64), L, lit(DataType.INT64, 0L)),
            DataType.INT64), bind("coalesce(i, l, 0)"));
        assertEquals(new Bound.Coalesce(List.of(S, T, lit(DataType.UTF8, "")), DataType.UTF8),
            bind("coalesce(s, t, '')"));
        assertEquals(new Bound.Coalesce(List.of(B), DataType.BOOLEAN), bind("coalesce(b)"));
        assertEquals(new Bound.Coalesce(List.of(lit(DataType.FLOAT64, null), D), DataType.FLOAT64),
            bind("coalesce(null::int64, d)"));
    }

    @Test
    void bindsCasts()
    {
        assertEquals(cast(I, DataType.INT64), bind("cast(i as int64)"));
        assertEquals(cast(D, DataType.INT32), bind("cast(d as int32)"));
        assertEquals(cast(B, DataType.FLOAT64), bind("cast(b as float64)"));
        assertEquals(cast(FL, DataType.BOOLEAN), bind("cast(f as boolean)"));
        // A cast to the operand's own type disappears.
        assertEquals(I, bind("cast(i as int32)"));
        assertEquals(S, bind("cast(s as utf8)"));
        assertEquals(B, bind("cast(cast(b as boolean) as boolean)"));
        // An explicit cast of a literal stays a cast.
        assertEquals(cast(lit(DataType.INT32, 5), DataType.FLOAT64), bind("cast(5 as float64)"));
        assertEquals(cast(lit(DataType.INT32, null), DataType.INT64), bind("cast(null::int32 as int64)"));
    }

    @Test
    void bindsMathAndStrings()
    {
        assertEquals(new Bound.MathCall(MathFn.ABS, List.of(I), DataType.INT32), bind("abs(i)"));
        assertEquals(new Bound.MathCall(MathFn.ABS, List.of(FL), DataType.FLOAT32), bind("abs(f)"));
        assertEquals(new Bound.MathCall(MathFn.MIN, List.of(cast(I, DataType.FLOAT32), FL), DataType.FLOAT32),
            bind("min(i, f)"));
        assertEquals(new Bound.MathCall(MathFn.MAX, List.of(cast(L, DataType.FLOAT64), cast(FL, DataType.FLOAT64)),
            DataType.FLOAT64), bind("max(l, f)"));
        assertEquals(new Bound.MathCall(MathFn.MAX, List.of(L, lit(DataType.INT64, 0L)), DataType.INT64),
            bind("max(l, 0)"));
        for (final String fn : List.of("sqrt", "exp", "log", "floor", "ceil"))
        {
            final MathFn m = MathFn.byName(fn);
            assertEquals(new Bound.MathCall(m, List.of(cast(I, DataType.FLOAT64)), DataType.FLOAT64),
                bind(fn + "(i)"));
            assertEquals(new Bound.MathCall(m, List.of(D), DataType.FLOAT64), bind(fn + "(d)"));
        }
        assertEquals(new Bound.MathCall(MathFn.POW, List.of(cast(FL, DataType.FLOAT64), lit(DataType.FLOAT64, 2.0)),
            DataType.FLOAT64), bind("pow(f, 2)"));
        for (final StringOp op : StringOp.values())
        {
            assertEquals(new Bound.StringPredicate(op, S, lit(DataType.UTF8, "ab")),
                bind(op.functionName() + "(s, 'ab')"));
        }
        final Bound length = bind("length(t)");
        assertEquals(new Bound.Length(T), length);
        assertEquals(DataType.INT32, length.type());
    }

    @Test
    void bindsOpaqueUdfsAsCallsWithCastArguments()
    {
        assertEquals(Udf.Kind.OPAQUE, F.kind());
        final Bound f = bind("@f2(i, d)");
        assertEquals(new Bound.UdfCall(F, List.of(cast(I, DataType.FLOAT64), D)), f);
        assertEquals(DataType.FLOAT64, f.type());
        assertEquals(new Bound.UdfCall(G, List.of(cast(I, DataType.INT64))), bind("@g1(i)"));
        assertEquals(new Bound.UdfCall(G, List.of(cast(D, DataType.INT64))), bind("@g1(cast(d as int64))"));
        assertEquals(new Bound.UdfCall(G, List.of(lit(DataType.INT64, 2L))), bind("@g1(2)"));
        assertEquals(new Bound.UdfCall(F, List.of(lit(DataType.FLOAT64, 1.0), lit(DataType.FLOAT64, null))),
            bind("@f2(1, null::float32)"));
        final Bound p = Binder.bindPredicate(ExprParser.parse("@p1(l) and @f2(@g1(l), f) > 0", UDFS), SCHEMA);
        assertEquals(new Bound.And(new Bound.UdfCall(P, List.of(cast(L, DataType.FLOAT64))),
            new Bound.Compare(CompareOp.GT, new Bound.UdfCall(F, List.of(cast(new Bound.UdfCall(G, List.of(L)),
                DataType.FLOAT64), cast(FL, DataType.FLOAT64))), lit(DataType.FLOAT64, 0.0))), p);
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    @Test
    void rejectsUdfArgumentsThatWouldNarrow()
    {
        fails("@g1(d)", "@g1(d)", "d",
            "type error in @g1(d): @g1 takes int64 for argument 1 but d is float64, which would narrow; cast it " +
                "explicitly (column 'd')");
        fails("@g1(2.9)", "@g1(2.9)", null,
            "type error in @g1(2.9): @g1 takes int64 for argument 1 but 2.9 is float64, which would narrow; cast " +
                "it explicitly");
    }

    private static ExpressionTypeException fails(final String text, final String expression, final String column,
        final String message)
    {
        final ExpressionTypeException e = assertThrows(ExpressionTypeException.class, () -> bind(text));
        assertInstanceOf(SchemaException.class, e);
        assertEquals(expression, e.expression(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void reportsOperandTypeErrors()
    {
        fails("s + 1", "(s + 1)", "s", "type error in (s + 1): '+' needs numeric operands but s is utf8 (column 's')");
        fails("i > 0 and (s * 2 > 1)", "(s * 2)", "s",
            "type error in (s * 2): '*' needs numeric operands but s is utf8 (column 's')");
        fails("1 - b", "(1 - b)", "b",
            "type error in (1 - b): '-' needs numeric operands but b is boolean (column 'b')");
        fails("(s = t) / 2", "((s = t) / 2)", "s",
            "type error in ((s = t) / 2): '/' needs numeric operands but (s = t) is boolean (columns 's', 't')");
        final ExpressionTypeException noColumn = fails("1 % 'x'", "(1 % 'x')", null,
            "type error in (1 % 'x'): '%' needs numeric operands but 'x' is utf8");
        assertNull(noColumn.column());
        fails("neg(b)", "neg(b)", "b", "type error in neg(b): neg needs a numeric operand but b is boolean (column 'b')");
        fails("i < s", "(i < s)", "i",
            "type error in (i < s): '<' compares two numbers, two booleans or two strings, but i is int32 and s is " +
                "utf8 (columns 'i', 's')");
        fails("b = 1", "(b = 1)", "b",
            "type error in (b = 1): '=' compares two numbers, two booleans or two strings, but b is boolean and 1 " +
                "is int32 (column 'b')");
        fails("i and b", "(i and b)", "i",
            "type error in (i and b): 'and' needs boolean operands but i is int32 (column 'i')");
        fails("b or 'x'", "(b or 'x')", null, "type error in (b or 'x'): 'or' needs boolean operands but 'x' is utf8");
        fails("not d", "(not d)", "d", "type error in (not d): 'not' needs a boolean operand but d is float64 " +
            "(column 'd')");
    }

    @Test
    void reportsConditionalAndFunctionErrors()
    {
        fails("if(i, 1, 2)", "if(i, 1, 2)", "i",
            "type error in if(i, 1, 2): if condition must be boolean but i is int32 (column 'i')");
        fails("if(b, s, 1)", "if(b, s, 1)", "s",
            "type error in if(b, s, 1): if branches must all be numeric or all of one type, but s is utf8 and 1 " +
                "is int32 (column 's')");
        fails("if(b, b, 1.5)", "if(b, b, 1.5)", "b",
            "type error in if(b, b, 1.5): if branches must all be numeric or all of one type, but b is boolean " +
                "and 1.5 is float64 (column 'b')");
        fails("case when b then 1 when d then 2 end", "case when b then 1 when d then 2 end", "d",
            "type error in case when b then 1 when d then 2 end: case condition must be boolean but d is float64 " +
                "(column 'd')");
        fails("case when b then i else s end", "case when b then i else s end", "i",
            "type error in case when b then i else s end: case results must all be numeric or all of one type, " +
                "but i is int32 and s is utf8 (columns 'i', 's')");
        fails("coalesce(s, t, l)", "coalesce(s, t, l)", "s",
            "type error in coalesce(s, t, l): coalesce arguments must all be numeric or all of one type, but s is " +
                "utf8 and l is int64 (columns 's', 'l')");
        fails("coalesce(null::utf8, 1)", "coalesce(null::utf8, 1)", null,
            "type error in coalesce(null::utf8, 1): coalesce arguments must all be numeric or all of one type, but " +
                "null::utf8 is utf8 and 1 is int32");
        fails("cast(s as int32)", "cast(s as int32)", "s",
            "type error in cast(s as int32): cannot cast utf8 to int32 (casts to and from utf8 are not supported), " +
                "and s is utf8 (column 's')");
        fails("cast(i + 1 as utf8)", "cast((i + 1) as utf8)", "i",
            "type error in cast((i + 1) as utf8): cannot cast int32 to utf8 (casts to and from utf8 are not " +
                "supported), and (i + 1) is int32 (column 'i')");
        fails("abs(s)", "abs(s)", "s", "type error in abs(s): abs needs numeric arguments but s is utf8 (column 's')");
        fails("sqrt(b)", "sqrt(b)", "b",
            "type error in sqrt(b): sqrt needs numeric arguments but b is boolean (column 'b')");
        fails("min(1, t)", "min(1, t)", "t",
            "type error in min(1, t): min needs numeric arguments but t is utf8 (column 't')");
        fails("pow(d, true)", "pow(d, true)", null,
            "type error in pow(d, true): pow needs numeric arguments but true is boolean");
        fails("starts_with(i, 'a')", "starts_with(i, 'a')", "i",
            "type error in starts_with(i, 'a'): starts_with needs utf8 operands but i is int32 (column 'i')");
        fails("contains(s, 1)", "contains(s, 1)", null,
            "type error in contains(s, 1): contains needs utf8 operands but 1 is int32");
        fails("length(i)", "length(i)", "i",
            "type error in length(i): length needs a utf8 operand but i is int32 (column 'i')");
        fails("@f2(s, 1.0)", "@f2(s, 1.0)", "s",
            "type error in @f2(s, 1.0): @f2 needs numeric arguments (its parameters are [float64, float64]) but s " +
                "is utf8 (column 's')");
        fails("@g1(b)", "@g1(b)", "b",
            "type error in @g1(b): @g1 needs numeric arguments (its parameters are [int64]) but b is boolean " +
                "(column 'b')");
    }

    @Test
    void reportsColumnErrors()
    {
        fails("x > 1", "(x > 1)", "x",
            "unknown column 'x' in (x > 1); the schema has [b, i, l, f, d, s, t, dt, dup, dup, ui]");
        fails("x", "x", "x", "unknown column 'x' in x; the schema has [b, i, l, f, d, s, t, dt, dup, dup, ui]");
        fails("I + 1", "(I + 1)", "I", "unknown column 'I' in (I + 1); the schema has [b, i, l, f, d, " +
            "s, t, dt, dup, dup, ui] (names are case-sensitive: did you mean 'i'?)");
        fails("dt > 1", "(dt > 1)", "dt",
            "type error in (dt > 1): '>' compares a date only with a date, but dt is date and 1 is int32 " +
            "(column 'dt')");
        fails("is_null(ui)", "is_null(ui)", "ui",
            "column 'ui' has Arrow type Int(32, false), which expressions do not support; in is_null(ui)");
        fails("dup + 1", "(dup + 1)", "dup",
            "ambiguous column 'dup' in (dup + 1): the schema has more than one field of that name");
    }

    @Test
    void bindPredicateRequiresBoolean()
    {
        final Bound p = Binder.bindPredicate(ExprParser.parse("d > 1 or is_null(s)"), SCHEMA);
        assertEquals(DataType.BOOLEAN, p.type());
        final ExpressionTypeException e = assertThrows(ExpressionTypeException.class,
            () -> Binder.bindPredicate(ExprParser.parse("i + 1"), SCHEMA));
        assertEquals("type error in (i + 1): a predicate must be boolean but (i + 1) is int32 (column 'i')",
            e.getMessage());
        assertEquals("(i + 1)", e.expression());
        assertEquals("i", e.column());
        final ExpressionTypeException noColumn = assertThrows(ExpressionTypeException.class,
            () -> Binder.bindPredicate(ExprParser.parse("'x'"), SCHEMA));
        assertNull(noColumn.column());
        assertTrue(noColumn.getMessage().contains("'x' is utf8"), noColumn.getMessage());
        // bindPredicate still reports the inner error first.
        assertThrows(ExpressionTypeException.class, () -> Binder.bindPredicate(ExprParser.parse("s > 1"), SCHEMA));
    }

    @Test
    void bindsTheFluentApiLikeTheParser()
    {
        final Expr fluent = new Expr.Column("d").mul(new Expr.Column("f")).add(new Expr.Column("i"))
            .gt(new Expr.Literal(DataType.FLOAT64, 10.0));
        assertEquals(bind("d * f + i > 10.0"), Binder.bindPredicate(fluent, SCHEMA));
    }
}
