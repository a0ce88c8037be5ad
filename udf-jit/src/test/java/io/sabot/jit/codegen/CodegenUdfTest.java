package io.sabot.jit.codegen;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.testing.AllocatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lifted, rehosted and opaque UDFs inside generated programs, against the interpreter; hosted values per instance. */
class CodegenUdfTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static Udf power(final int n)
    {
        return Udf.longFn("power", x ->
        {
            long r = 1;
            for (int k = 0; k < n; k++)
            {
                r *= x;
            }
            return r;
        });
    }

    private static Bound bind(final String text, final Map<String, Udf> udfs)
    {
        return Binder.bind(ExprParser.parse(text, udfs), CodegenHarness.schema());
    }

    @Test
    void everyUdfKindCompilesAndMatches()
    {
        final double[] table = {2.0};
        final Udf lifted = Udf.doubleFn("lifted", x -> x * 1.1 + 3.0);
        final Udf horner = Udf.doubleFn("horner", x ->
        {
            double r = 1;
            for (int i = 0; i < 4; i++)
            {
                r = r * x + 1.7;
            }
            return r;
        });
        final Udf opaque = Udf.doubleFn("opaque", x -> x + table[0]);
        final Udf test = Udf.doublePredicate("test", (x, y) -> x * y > 1.0);
        assertEquals(Udf.Kind.LIFTED, lifted.kind(), lifted::toString);
        assertEquals(Udf.Kind.REHOSTED, horner.kind(), horner::toString);
        assertEquals(Udf.Kind.OPAQUE, opaque.kind(), opaque::toString);
        final Map<String, Udf> udfs = Map.of("lifted", lifted, "horner", horner, "opaque", opaque, "test", test,
            "power", power(3));
        final JitEngine engine = new JitEngine(32, false, ProgramCompiler.Options.DEFAULTS);
        for (final String text : List.of("@lifted(d)", "@horner(e)", "@opaque(d)", "@power(l)",
            "(@lifted(d) + @horner(cast(i as float64)))", "@opaque(@horner(d))"))
        {
            final Bound p = bind(text, udfs);
            check(engine, text, Program.Mode.PROJECT, null, List.of(p));
        }
        final Bound pred = bind("(@test(d, e) and (@horner(d) > 2.0))", udfs);
        check(engine, "filter", Program.Mode.FILTER, pred, List.of());
        check(engine, "filter+project", Program.Mode.FILTER_PROJECT, pred, List.of(bind("@opaque(e)", udfs)));
    }

    @Test
    void rehostedUdfsDifferingInCapturedValuesShareOneClass()
    {
        final JitEngine engine = new JitEngine(8, false, ProgramCompiler.Options.DEFAULTS);
        final Bound p3 = bind("@power(l)", Map.of("power", power(3)));
        final Bound p5 = bind("@power(l)", Map.of("power", power(5)));
        final JitEngine.Prepared a = engine.prepare(Program.Mode.PROJECT, null, List.of(p3));
        final JitEngine.Prepared b = engine.prepare(Program.Mode.PROJECT, null, List.of(p5));
        assertTrue(a.compiled() && b.compiled());
        assertEquals(a.shapeKey(), b.shapeKey());
        assertSame(a.program().getClass(), b.program().getClass());
        assertEquals(1, engine.stats().compilations());
        CodegenNodesTest.compare("p3", a.program(), new Interpreter(Program.Mode.PROJECT, null, List.of(p3)),
            Program.Mode.PROJECT, List.of(p3), new Random(1), memory);
        CodegenNodesTest.compare("p5", b.program(), new Interpreter(Program.Mode.PROJECT, null, List.of(p5)),
            Program.Mode.PROJECT, List.of(p5), new Random(1), memory);
        assertNotEquals(power(3).analysis().hostedValues(), power(5).analysis().hostedValues());
    }

    private void check(final JitEngine engine, final String text, final Program.Mode mode, final Bound predicate,
        final List<Bound> projections)
    {
        final JitEngine.Prepared prepared = engine.prepare(mode, predicate, projections);
        assertTrue(prepared.compiled(), text + " fell back: " + prepared.fallbackReason());
        CodegenNodesTest.compare(text + " " + mode, prepared.program(), new Interpreter(mode, predicate, projections),
            mode, projections, new Random(text.hashCode()), memory);
    }
}
