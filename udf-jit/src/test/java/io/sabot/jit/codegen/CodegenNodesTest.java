package io.sabot.jit.codegen;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every node kind, operator, function and type compiled and compared with the interpreter in all three modes, over
 * contiguous ranges (from 0 and from an odd offset) and selections, at block-boundary sizes.
 */
class CodegenNodesTest
{
    static final int[] SIZES = {0, 1, 63, 64, 65, 127, 1000};

    static final Map<String, Udf> UDFS = Map.of(
        "lin", Udf.doubleFn("lin", (x, y) -> x * 1.1 + y),
        "sq", Udf.longFn("sq", x -> x * x),
        "pos", Udf.doublePredicate("pos", x -> x > 0));

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static List<String> expressions()
    {
        return List.of(
            // arithmetic, every type; integer division and modulo by zero
            "(i + j)", "(i - j)", "(i * j)", "(i / j)", "(i % j)", "(l + m)", "(l * m)", "(l / m)", "(l % m)",
            "(f + g)", "(f / g)", "(f % g)", "(d - e)", "(d / e)", "(d % e)", "neg(i)", "neg(l)", "neg(f)",
            "neg(d)", "(i + l)", "(l + f)", "(i * 2.5)", "((i + 1) * (j - 2))",
            // casts
            "cast(d as int32)", "cast(d as int64)", "cast(f as int64)", "cast(l as int32)", "cast(b as float64)",
            "cast(b as int32)", "cast(i as boolean)", "cast(d as boolean)", "cast(f as boolean)",
            "cast(l as boolean)", "cast(i as float32)", "cast(l as float32)", "cast(d as float32)",
            // math
            "abs(i)", "abs(l)", "abs(f)", "abs(d)", "sqrt(d)", "exp(e)", "log(d)", "floor(f)", "ceil(d)",
            "pow(d, e)", "min(i, j)", "max(l, m)", "min(f, g)", "max(d, e)", "min(i, d)",
            // conditionals
            "if((i > 0), d, e)", "if(b, s, t)", "case when (i > 5) then l when b then m end",
            "case when c then 'x' else s end", "coalesce(i, j)", "coalesce(d, e, 1.5)", "coalesce(s, t, 'zz')",
            "coalesce(b, c)", "if(b, null::float64, d)", "if(is_null(i), (j / 0), (i / j))",
            // strings
            "length(s)", "equals(s, t)", "starts_with(s, 'a')", "ends_with(s, t)", "contains(s, 'b')",
            "contains(s, '')", "starts_with(s, t)", "contains(s, t)", "(s < t)", "(s = 'abc')", "(s >= t)",
            "(s != t)", "(s <= 'b')", "(s > t)",
            // logic and comparisons
            "(b and c)", "(b or c)", "(not b)", "is_null(d)", "is_null(s)", "(not is_null(i))", "(b = c)",
            "(b < c)", "(b >= c)", "(i < j)", "(i = j)", "(l >= m)", "(l != m)", "(f != g)", "(f > 1.0f)",
            "(d = e)", "(d < e)", "(d <= e)", "(d > e)", "(d >= e)", "(d != e)", "((i > 0) and is_null(s))",
            "((d > 1.0) or (s = 'a'))", "(((b and c) or (not b)) and (i <= l))", "((b or null::boolean) and c)",
            // bare columns and literals
            "s", "b", "i", "d", "42", "null::int32", "'lit'", "true", "null::utf8", "null::boolean",
            // udfs (opaque: called per row, strict)
            "@lin(d, e)", "@sq(l)", "@pos(d)", "(@lin(d, cast(i as float64)) > 0.5)");
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void compiledEqualsInterpreted(final String text)
    {
        final Schema schema = CodegenHarness.schema();
        final Bound bound = Binder.bind(ExprParser.parse(text, UDFS), schema);
        final Bound side = Binder.bind(ExprParser.parse("((j % 3) != 0)"), schema);
        final Bound extra = Binder.bind(ExprParser.parse("s"), schema);
        final JitEngine engine = new JitEngine(64, false, ProgramCompiler.Options.DEFAULTS);
        if (bound.type() == DataType.BOOLEAN)
        {
            check(engine, text, Program.Mode.FILTER, bound, List.of());
            check(engine, text, Program.Mode.FILTER_PROJECT, bound, List.of(extra, bound));
        }
        else
        {
            check(engine, text, Program.Mode.FILTER_PROJECT, side, List.of(bound, extra));
        }
        check(engine, text, Program.Mode.PROJECT, null, List.of(bound, extra));
    }

    private void check(final JitEngine engine, final String text, final Program.Mode mode, final Bound predicate,
        final List<Bound> projections)
    {
        final JitEngine.Prepared prepared = engine.prepare(mode, predicate, projections);
        assertTrue(prepared.compiled(), text + " " + mode + " fell back: " + prepared.fallbackReason());
        final Interpreter interpreter = new Interpreter(mode, predicate, projections);
        compare(text + " " + mode, prepared.program(), interpreter, mode, projections, new Random(text.hashCode()),
            memory);
    }

    static void compare(final String context, final Program compiled, final Program reference,
        final Program.Mode mode, final List<Bound> projections, final Random rnd, final AllocatorExtension memory)
    {
        compare(context, compiled, reference, mode, projections, rnd, memory, SIZES);
    }

    static void compare(final String context, final Program compiled, final Program reference,
        final Program.Mode mode, final List<Bound> projections, final Random rnd, final AllocatorExtension memory,
        final int[] sizes)
    {
        final List<DataType> outTypes = new ArrayList<>();
        projections.forEach(p -> outTypes.add(p.type()));
        for (final int n : sizes)
        {
            try (Batch batch = CodegenHarness.randomBatch(rnd, n + 13, memory.allocator()))
            {
                for (final CodegenHarness.RowSet rows : CodegenHarness.rowSets(rnd, n))
                {
                    try (CodegenHarness.Result expected = CodegenHarness.run(reference, mode, batch, outTypes, rows,
                            memory.allocator());
                         CodegenHarness.Result actual = CodegenHarness.run(compiled, mode, batch, outTypes, rows,
                            memory.allocator()))
                    {
                        CodegenHarness.assertSameResult(expected, actual, context + " n=" + n + " " + rows);
                    }
                }
            }
        }
    }
}
