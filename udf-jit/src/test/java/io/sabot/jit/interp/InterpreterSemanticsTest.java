package io.sabot.jit.interp;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.expr.StringOp;
import io.sabot.jit.interp.ProgramRunner.Result;
import io.sabot.jit.interp.ProgramRunner.Rows;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.simd.CompareOp;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The semantics of the brief checked against hand-written expected values (not only against the scalar reference,
 * which could share a misunderstanding): integer overflow and division by zero, IEEE edges, Kleene truth tables,
 * if/case/coalesce nulls, casts, string predicates on empty and multi-byte values, UDF strictness, UTF8 outputs that
 * outgrow their buffer, and concurrent runs of one interpreter.
 */
final class InterpreterSemanticsTest
{
    private static final int MIN = Integer.MIN_VALUE;
    private static final int MAX = Integer.MAX_VALUE;
    private static final DataType B = DataType.BOOLEAN;
    private static final DataType I = DataType.INT32;
    private static final DataType L = DataType.INT64;
    private static final DataType F = DataType.FLOAT32;
    private static final DataType D = DataType.FLOAT64;
    private static final DataType S = DataType.UTF8;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    /** Two columns x (index 0) and y (index 1) of the given types and values. */
    private Batch batch(final DataType xType, final List<?> x, final DataType yType, final List<?> y)
    {
        final FieldVector vx = RandomBatches.vectorOf(memory.allocator(), "x", xType, x);
        final FieldVector vy = RandomBatches.vectorOf(memory.allocator(), "y", yType, y);
        return Batch.of(vx, vy);
    }

    private static Bound x(final DataType type)
    {
        return new Bound.Column(0, "x", type);
    }

    private static Bound y(final DataType type)
    {
        return new Bound.Column(1, "y", type);
    }

    private static Bound lit(final DataType type, final Object value)
    {
        return new Bound.Literal(type, value);
    }

    /** Projects {@code expr} over every row, checks the reference agrees, and returns the interpreter's values. */
    private List<Object> project(final Batch batch, final Bound expr)
    {
        final Rows rows = Rows.range(0, batch.rowCount());
        final Result actual = ProgramRunner.run(new Interpreter(Program.Mode.PROJECT, null, List.of(expr)),
            Program.Mode.PROJECT, memory.allocator(), batch, List.of(expr.type()), rows);
        final Result expected = ProgramRunner.expected(Program.Mode.PROJECT, null, List.of(expr), batch, rows);
        assertEquals(expected.columns(), actual.columns(), "reference disagrees on " + expr);
        return actual.columns().get(0);
    }

    private List<Integer> filter(final Batch batch, final Bound predicate)
    {
        final Result actual = ProgramRunner.run(new Interpreter(Program.Mode.FILTER, predicate, List.of()),
            Program.Mode.FILTER, memory.allocator(), batch, List.of(), Rows.range(0, batch.rowCount()));
        return actual.selected();
    }

    private static List<Object> list(final Object... values)
    {
        return Arrays.asList(values);
    }

    @Test
    void integerArithmeticWrapsAndDivisionByZeroIsNull()
    {
        try (Batch b = batch(I, list(MIN, MIN, 7, -7, 7, 0, MAX, null, 5),
            I, list(-1, -1, 0, 2, -2, 0, 1, 1, null)))
        {
            assertEquals(list(MIN, MIN, null, -3, -3, null, MAX, null, null),
                project(b, new Bound.Arith(ArithOp.DIV, x(I), y(I), I)));
            assertEquals(list(0, 0, null, -1, 1, null, 0, null, null),
                project(b, new Bound.Arith(ArithOp.MOD, x(I), y(I), I)));
            assertEquals(list(MIN, MIN, 0, -14, -14, 0, MAX, null, null),
                project(b, new Bound.Arith(ArithOp.MUL, x(I), y(I), I)));
            assertEquals(list(MAX, MAX, 7, -5, 5, 0, MIN, null, null),
                project(b, new Bound.Arith(ArithOp.ADD, x(I), y(I), I)));
            assertEquals(list(MIN + 1, MIN + 1, 7, -9, 9, 0, MAX - 1, null, null),
                project(b, new Bound.Arith(ArithOp.SUB, x(I), y(I), I)));
            assertEquals(list(MIN, MIN, -7, 7, -7, 0, -MAX, null, -5), project(b, new Bound.Negate(x(I), I)));
            assertEquals(list(MIN, MIN, 7, 7, 7, 0, MAX, null, 5),
                project(b, new Bound.MathCall(MathFn.ABS, List.of(x(I)), I)));
        }
        try (Batch b = batch(L, list(Long.MIN_VALUE, Long.MIN_VALUE, 9L, Long.MAX_VALUE),
            L, list(-1L, 0L, -4L, 2L)))
        {
            assertEquals(list(Long.MIN_VALUE, null, -2L, Long.MAX_VALUE / 2),
                project(b, new Bound.Arith(ArithOp.DIV, x(L), y(L), L)));
            assertEquals(list(0L, null, 1L, 1L), project(b, new Bound.Arith(ArithOp.MOD, x(L), y(L), L)));
            assertEquals(list(Long.MIN_VALUE, 0L, -36L, -2L), project(b, new Bound.Arith(ArithOp.MUL, x(L), y(L), L)));
            assertEquals(list(Long.MIN_VALUE, Long.MIN_VALUE, 9L, Long.MAX_VALUE),
                project(b, new Bound.MathCall(MathFn.ABS, List.of(x(L)), L)));
            assertEquals(list(Long.MIN_VALUE, Long.MIN_VALUE, -9L, -Long.MAX_VALUE), project(b, new Bound.Negate(x(L), L)));
        }
    }

    @Test
    void floatingPointFollowsIeee()
    {
        final double nan = Double.NaN;
        try (Batch b = batch(D, list(1.0, 0.0, -1.0, 5.5, nan, -0.0, nan, 1.0),
            D, list(0.0, 0.0, 0.0, 2.0, nan, 0.0, 1.0, nan)))
        {
            assertEquals(list(Double.POSITIVE_INFINITY, nan, Double.NEGATIVE_INFINITY, 2.75, nan, nan, nan, nan),
                project(b, new Bound.Arith(ArithOp.DIV, x(D), y(D), D)));
            assertEquals(list(nan, nan, nan, 1.5, nan, nan, nan, nan),
                project(b, new Bound.Arith(ArithOp.MOD, x(D), y(D), D)));
            assertEquals(list(false, true, false, false, false, true, false, false),
                project(b, new Bound.Compare(CompareOp.EQ, x(D), y(D))));
            assertEquals(list(true, false, true, true, true, false, true, true),
                project(b, new Bound.Compare(CompareOp.NE, x(D), y(D))));
            assertEquals(list(false, true, true, false, false, true, false, false),
                project(b, new Bound.Compare(CompareOp.LE, x(D), y(D))));
            assertEquals(list(0.0, 0.0, -1.0, 2.0, nan, -0.0, nan, nan),
                project(b, new Bound.MathCall(MathFn.MIN, List.of(x(D), y(D)), D)));
            assertEquals(list(1.0, 0.0, 0.0, 5.5, nan, 0.0, nan, nan),
                project(b, new Bound.MathCall(MathFn.MAX, List.of(x(D), y(D)), D)));
            assertEquals(list(1.0, 0.0, 1.0, 5.5, nan, 0.0, nan, 1.0),
                project(b, new Bound.MathCall(MathFn.ABS, List.of(x(D)), D)));
            assertEquals(list(-1.0, -0.0, 1.0, -5.5, nan, 0.0, nan, -1.0), project(b, new Bound.Negate(x(D), D)));
            assertEquals(list(1.0, 0.0, nan, Math.sqrt(5.5), nan, -0.0, nan, 1.0),
                project(b, new Bound.MathCall(MathFn.SQRT, List.of(x(D)), D)));
            assertEquals(list(0.0, Double.NEGATIVE_INFINITY, nan, Math.log(5.5), nan, Double.NEGATIVE_INFINITY, nan,
                0.0), project(b, new Bound.MathCall(MathFn.LOG, List.of(x(D)), D)));
            assertEquals(list(1.0, 1.0, 1.0, 30.25, nan, 1.0, nan, nan),
                project(b, new Bound.MathCall(MathFn.POW, List.of(x(D), y(D)), D)));
        }
        try (Batch b = batch(F, list(-0.0f, 2.5f, Float.NaN), F, list(0.0f, -2.5f, 1f)))
        {
            assertEquals(list(-0.0f, -2.5f, Float.NaN), project(b, new Bound.MathCall(MathFn.MIN, List.of(x(F), y(F)),
                F)));
            assertEquals(list(false, false, false), project(b, new Bound.Compare(CompareOp.LT, x(F), y(F))));
            assertEquals(list(0.0f, 0.0f, Float.NaN), project(b, new Bound.Arith(ArithOp.ADD, x(F), y(F), F)));
        }
    }

    @Test
    void kleeneTruthTables()
    {
        final Boolean t = true;
        final Boolean f = false;
        try (Batch b = batch(B, list(t, t, t, f, f, f, null, null, null), B, list(t, f, null, t, f, null, t, f, null)))
        {
            assertEquals(list(t, f, null, f, f, f, null, f, null), project(b, new Bound.And(x(B), y(B))));
            assertEquals(list(t, t, t, t, f, null, t, null, null), project(b, new Bound.Or(x(B), y(B))));
            assertEquals(list(f, f, f, t, t, t, null, null, null), project(b, new Bound.Not(x(B))));
            assertEquals(list(f, f, f, f, f, f, t, t, t), project(b, new Bound.IsNull(x(B))));
            assertEquals(list(0), filter(b, new Bound.And(x(B), y(B))));
            assertEquals(list(0, 1, 2, 3, 6), filter(b, new Bound.Or(x(B), y(B))));
            assertEquals(list(3, 4, 5), filter(b, new Bound.Not(x(B))));
            // false < true; comparisons of booleans are strict
            assertEquals(list(f, f, null, t, f, null, null, null, null),
                project(b, new Bound.Compare(CompareOp.LT, x(B), y(B))));
            // literals on either side
            assertEquals(list(f, f, f, f, f, f, f, f, f), project(b, new Bound.And(lit(B, false), y(B))));
            assertEquals(list(null, null, null, null, null, null, null, null, null),
                project(b, new Bound.Not(lit(B, null))));
        }
    }

    @Test
    void ifCaseAndCoalesceNulls()
    {
        try (Batch b = batch(B, list(true, false, null, true), I, list(1, 2, 3, null)))
        {
            final Bound ten = lit(I, 10);
            assertEquals(list(1, 10, 10, null), project(b, new Bound.If(x(B), y(I), ten, I)));
            // case when x then y end: no else is a null else
            assertEquals(list(1, null, null, null), project(b, new Bound.If(x(B), y(I), lit(I, null), I)));
            assertEquals(list(1, 2, 3, 10), project(b, new Bound.Coalesce(List.of(y(I), ten), I)));
            assertEquals(list(1, 2, 3, null), project(b, new Bound.Coalesce(List.of(lit(I, null), y(I)), I)));
            assertEquals(list(true, false, true, true),
                project(b, new Bound.Coalesce(List.of(x(B), lit(B, true)), B)));
        }
    }

    @Test
    void castsUseJavaConversions()
    {
        final double nan = Double.NaN;
        try (Batch b = batch(D, list(nan, 1e20, -1e20, -0.0, 3e9, 2.9, -2.9),
            L, list((1L << 32) + 5, (1L << 53) + 1, -1L, 0L, Long.MAX_VALUE, 16_777_217L, null)))
        {
            assertEquals(list(0L, Long.MAX_VALUE, Long.MIN_VALUE, 0L, 3_000_000_000L, 2L, -2L),
                project(b, new Bound.Cast(x(D), L)));
            assertEquals(list(0, MAX, MIN, 0, MAX, 2, -2), project(b, new Bound.Cast(x(D), I)));
            assertEquals(list(true, true, true, false, true, true, true), project(b, new Bound.Cast(x(D), B)));
            assertEquals(list(5, 1, -1, 0, -1, 16_777_217, null), project(b, new Bound.Cast(y(L), I)));
            assertEquals(list((float)((1L << 32) + 5), (float)((1L << 53) + 1), -1.0f, 0.0f, (float)Long.MAX_VALUE,
                16_777_216f, null), project(b, new Bound.Cast(y(L), F)));
            assertEquals(list(true, true, true, false, true, true, null), project(b, new Bound.Cast(y(L), B)));
        }
        try (Batch b = batch(B, list(true, false, null), F, list(Float.NaN, -0.0f, 1e10f)))
        {
            assertEquals(list(1.0, 0.0, null), project(b, new Bound.Cast(x(B), D)));
            assertEquals(list(1, 0, null), project(b, new Bound.Cast(x(B), I)));
            assertEquals(list(true, false, true), project(b, new Bound.Cast(y(F), B)));
            assertEquals(list(0, 0, MAX), project(b, new Bound.Cast(y(F), I)));
        }
    }

    @Test
    void stringPredicatesAreByteWise()
    {
        try (Batch b = batch(S, list("", "a", "é", "日本語", "a🙂b", "z", null), S, list("", "", "e", "本", "🙂b", "é", "x")))
        {
            assertEquals(list(true, true, false, false, false, false, null),
                project(b, new Bound.StringPredicate(StringOp.STARTS_WITH, x(S), y(S))));
            assertEquals(list(true, true, false, true, true, false, null),
                project(b, new Bound.StringPredicate(StringOp.CONTAINS, x(S), y(S))));
            assertEquals(list(true, true, false, false, true, false, null),
                project(b, new Bound.StringPredicate(StringOp.ENDS_WITH, x(S), y(S))));
            assertEquals(list(true, false, false, false, false, false, null),
                project(b, new Bound.StringPredicate(StringOp.EQUALS, x(S), y(S))));
            assertEquals(list(true, false, false, false, false, false, null),
                project(b, new Bound.StringPredicate(StringOp.EQUALS, x(S), lit(S, ""))));
            assertEquals(list(false, false, true, false, false, false, null),
                project(b, new Bound.StringPredicate(StringOp.STARTS_WITH, x(S), lit(S, "é"))));
            assertEquals(list(0, 1, 1, 3, 3, 1, null), project(b, new Bound.Length(x(S))));
            // unsigned byte order: 'é' (C3 A9) sorts after 'z' (7A); a prefix sorts first
            assertEquals(list(false, false, true, true, false, false, null),
                project(b, new Bound.Compare(CompareOp.GT, x(S), lit(S, "z"))));
            assertEquals(list(true, true, false, false, true, false, null),
                project(b, new Bound.Compare(CompareOp.LT, x(S), lit(S, "a🙂c"))));
            assertEquals(list(4, 5), filter(b, new Bound.Or(new Bound.StringPredicate(StringOp.ENDS_WITH, x(S),
                lit(S, "b")), new Bound.Compare(CompareOp.EQ, x(S), lit(S, "z")))));
        }
    }

    @Test
    void udfsAreStrictAndCalledOncePerNonNullRow()
    {
        final AtomicInteger calls = new AtomicInteger();
        final Udf counted = Udf.doubleFn("counted", v ->
        {
            calls.incrementAndGet();
            return v + 1.0;
        });
        final Udf both = Udf.longFn("both", (p, q) -> p * 10 + q);
        final Udf above = Udf.doublePredicate("above", (p, q) -> p > q);
        try (Batch b = batch(D, list(1.5, null, -2.0, Double.NaN), L, list(3L, 4L, null, -1L)))
        {
            assertEquals(list(2.5, null, -1.0, Double.NaN), project(b, new Bound.UdfCall(counted, List.of(x(D)))));
            assertEquals(2 * 3, calls.get(), "called for the 3 non-null rows, by the interpreter and the reference");
            assertEquals(list(33L, 44L, null, -11L), project(b, new Bound.UdfCall(both, List.of(y(L), y(L)))));
            assertEquals(list(false, null, null, false),
                project(b, new Bound.UdfCall(above, List.of(x(D), new Bound.Cast(y(L), D)))));
            assertEquals(Udf.Kind.OPAQUE, counted.kind());
        }
    }

    @Test
    void utf8OutputsGrowTheirDataBuffer()
    {
        final Random random = new Random(7);
        final String longText = "ß".repeat(150) + "🙂";
        try (Batch b = RandomBatches.create(memory.allocator(), random, BoundCatalogue.COLUMNS, 3000, 0.2))
        {
            final Bound expr = new Bound.If(BoundCatalogue.col("b1"), BoundCatalogue.col("s1"),
                lit(S, longText), S);
            final List<Object> got = project(b, expr);
            assertTrue(got.contains(longText));
            final Rows rows = Rows.selection(RandomBatches.selection(random, 3000, 2500));
            final List<Bound> projections = List.of(expr, new Bound.Coalesce(List.of(BoundCatalogue.col("s2"),
                lit(S, longText)), S));
            final Interpreter fused = new Interpreter(Program.Mode.FILTER_PROJECT, BoundCatalogue.col("b2"),
                projections);
            InterpreterRandomTest.check("fused utf8", projections,
                ProgramRunner.expected(Program.Mode.FILTER_PROJECT, BoundCatalogue.col("b2"), projections, b, rows),
                ProgramRunner.run(fused, Program.Mode.FILTER_PROJECT, memory.allocator(), b, List.of(S, S), rows));
        }
    }

    @Test
    void oneInterpreterRunsOnManyThreadsAtOnce() throws Exception
    {
        final Random random = new Random(11);
        final List<Bound> all = BoundCatalogue.all(random);
        final List<DataType> types = all.stream().map(Bound::type).toList();
        final Bound predicate = BoundCatalogue.predicates(random).get(40);
        final Interpreter fused = new Interpreter(Program.Mode.FILTER_PROJECT, predicate, all);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Batch b = RandomBatches.create(memory.allocator(), random, BoundCatalogue.COLUMNS, 700, 0.2))
        {
            final Rows rows = Rows.range(0, 700);
            final Result expected = ProgramRunner.expected(Program.Mode.FILTER_PROJECT, predicate, all, b, rows);
            final List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++)
            {
                results.add(pool.submit(() -> ProgramRunner.run(fused, Program.Mode.FILTER_PROJECT,
                    memory.allocator(), b, types, rows)));
            }
            for (final Future<Result> result : results)
            {
                InterpreterRandomTest.check("thread", all, expected, result.get());
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsTreesThatDoNotFitTheMode()
    {
        final Bound flag = new Bound.Column(0, "x", B);
        final Bound number = new Bound.Column(1, "y", I);
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(Program.Mode.PROJECT, flag, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(Program.Mode.FILTER, null, List.of()));
        assertThrows(IllegalArgumentException.class,
            () -> new Interpreter(Program.Mode.FILTER, flag, List.of(number)));
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(Program.Mode.FILTER, number, List.of()));
        // operands must already have the node's type (the binder inserts casts)
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(Program.Mode.PROJECT, null,
            List.of(new Bound.Arith(ArithOp.ADD, number, new Bound.Column(2, "z", L), I))));
        assertThrows(IllegalArgumentException.class, () -> new Interpreter(Program.Mode.PROJECT, null,
            List.of(new Bound.Coalesce(List.of(), I))));
    }
}
