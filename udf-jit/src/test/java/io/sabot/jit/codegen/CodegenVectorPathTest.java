package io.sabot.jit.codegen;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.interp.Interpreter;
import io.sabot.kernels.testing.AllocatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trees the Vector API emitter supports take its block methods for the full blocks of a contiguous range (and the
 * scalar methods for tails and selections); mixed projection sets split between both. Results equal the
 * interpreter either way.
 */
class CodegenVectorPathTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Bound bind(final String text)
    {
        return Binder.bind(ExprParser.parse(text), CodegenHarness.schema());
    }

    private static Set<String> methods(final Program p)
    {
        return Arrays.stream(p.getClass().getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void supportedTreesUseTheVectorMethods()
    {
        final Bound predicate = bind("(((d * e) + cast(i as float64)) > 1.0)");
        final Bound numeric = bind("((d * 1.5) - e)");
        final Bound text = bind("if(b, s, t)");
        check(Program.Mode.FILTER, predicate, List.of(), "vecFilter");
        check(Program.Mode.FILTER_PROJECT, predicate, List.of(numeric, text), "vecFilterBlock");
        check(Program.Mode.PROJECT, null, List.of(numeric), "vecProject");
        check(Program.Mode.PROJECT, null, List.of(text, numeric, bind("(l + m)"), bind("length(s)")), "vecProject");
    }

    private void check(final Program.Mode mode, final Bound predicate, final List<Bound> projections,
        final String vectorMethod)
    {
        final JitEngine vector = new JitEngine(8, false, ProgramCompiler.Options.DEFAULTS);
        final JitEngine scalar = new JitEngine(8, false, new ProgramCompiler.Options(3000, 8000, false));
        final JitEngine.Prepared v = vector.prepare(mode, predicate, projections);
        final JitEngine.Prepared s = scalar.prepare(mode, predicate, projections);
        assertTrue(v.compiled() && s.compiled());
        assertTrue(methods(v.program()).contains(vectorMethod), methods(v.program()).toString());
        assertFalse(methods(s.program()).contains(vectorMethod));
        final Interpreter reference = new Interpreter(mode, predicate, projections);
        CodegenNodesTest.compare("vector " + mode, v.program(), reference, mode, projections, new Random(11), memory);
        CodegenNodesTest.compare("scalar " + mode, s.program(), reference, mode, projections, new Random(11), memory);
    }
}
