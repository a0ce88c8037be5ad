package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.interp.Interpreter;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.simd.CompareOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Huge expressions are split into methods that each stay under HotSpot's 8000-byte limit, with identical results. */
class CodegenSplitTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final int[] SMALL = {0, 1, 65, 130};
    private static final Bound D = new Bound.Column(6, "d", DataType.FLOAT64);
    private static final Bound I = new Bound.Column(0, "i", DataType.INT32);
    private static final Bound L = new Bound.Column(2, "l", DataType.INT64);

    /** d + 1.0 + i + 2.0 + d + ... , {@code terms} terms, left-deep. */
    static Bound sum(final int terms)
    {
        Bound acc = D;
        for (int k = 1; k < terms; k++)
        {
            final Bound term = switch (k % 3)
            {
                case 0 -> D;
                case 1 -> new Bound.Literal(DataType.FLOAT64, (double)k);
                default -> new Bound.Cast(I, DataType.FLOAT64);
            };
            acc = new Bound.Arith(ArithOp.ADD, acc, term, DataType.FLOAT64);
        }
        return acc;
    }

    /** (l % (k+1) != k) and ... for {@code n} conjuncts, balanced. */
    static Bound conjunction(final int from, final int n)
    {
        if (n == 1)
        {
            return new Bound.Compare(CompareOp.NE, new Bound.Arith(ArithOp.MOD, L,
                new Bound.Literal(DataType.INT64, (long)from + 2), DataType.INT64),
                new Bound.Literal(DataType.INT64, 1L));
        }
        return new Bound.And(conjunction(from, n / 2), conjunction(from + n / 2, n - n / 2));
    }

    @Test
    void sumOf2000TermsCompilesUnderTheLimitAndMatches()
    {
        final Bound sum = sum(2000);
        final Bound predicate = new Bound.Compare(CompareOp.GT, sum, new Bound.Literal(DataType.FLOAT64, 0.0));
        for (final Program.Mode mode : Program.Mode.values())
        {
            if (mode == Program.Mode.ACCUMULATE)
            {
                // needs an accumulator layout: CompiledAggregationTest covers a split input
                continue;
            }
            final Bound pred = mode == Program.Mode.PROJECT ? null : predicate;
            final List<Bound> projections = mode == Program.Mode.FILTER ? List.of() : List.of(sum);
            final ProgramTemplate template = compile(mode, pred, projections);
            assertTrue(template.splits() > 1, "expected splitting, got " + template.splits());
            assertTrue(template.largestMethod() < 8000, "largest method " + template.largestMethod());
            final JitEngine engine = new JitEngine(4, false, ProgramCompiler.Options.DEFAULTS);
            final JitEngine.Prepared prepared = engine.prepare(mode, pred, projections);
            assertTrue(prepared.compiled(), prepared.fallbackReason());
            CodegenNodesTest.compare("sum2000 " + mode, prepared.program(), new Interpreter(mode, pred, projections),
                mode, projections, new Random(1), memory, SMALL);
        }
    }

    @Test
    void wideConjunctionAndManyProjectionsSplitAndGroup()
    {
        final Bound predicate = conjunction(0, 600);
        final List<Bound> projections = new java.util.ArrayList<>();
        for (int p = 0; p < 40; p++)
        {
            projections.add(sum(40 + p));
        }
        final ProgramTemplate template = compile(Program.Mode.FILTER_PROJECT, predicate, projections);
        assertTrue(template.largestMethod() < 8000, "largest method " + template.largestMethod());
        final JitEngine engine = new JitEngine(4, false, ProgramCompiler.Options.DEFAULTS);
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER_PROJECT, predicate, projections);
        assertTrue(prepared.compiled(), prepared.fallbackReason());
        CodegenNodesTest.compare("conjunction", prepared.program(),
            new Interpreter(Program.Mode.FILTER_PROJECT, predicate, projections), Program.Mode.FILTER_PROJECT,
            projections, new Random(2), memory, SMALL);
    }

    @Test
    void everyMethodOfTheDefinedClassIsUnderTheLimit()
    {
        final Bound sum = sum(3000);
        final List<Bound> roots = List.of(sum);
        final LiteralSlots literals = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        final ProgramGenerator.Generated generated = ProgramGenerator.generate(new ProgramGenerator.Spec(
            Program.Mode.PROJECT, null, roots, literals, udfs, ProgramGenerator.DEFAULT_SPLIT_THRESHOLD, true));
        int methods = 0;
        for (final MethodModel m : ClassFile.of().parse(generated.bytes()).methods())
        {
            final int length = m.code().map(c -> ((CodeAttribute)c).codeLength()).orElse(0);
            assertTrue(length < 8000, m.methodName() + " has " + length + " bytes");
            methods++;
        }
        assertTrue(methods > 10, "methods: " + methods);
        assertEquals(generated.largestMethod(), ClassFile.of().parse(generated.bytes()).methods().stream()
            .mapToInt(m -> m.code().map(c -> ((CodeAttribute)c).codeLength()).orElse(0)).max().orElseThrow());
    }

    @Test
    void aTooSmallLimitFallsBackAsMethodTooLarge()
    {
        final Bound sum = sum(50);
        final List<Bound> roots = List.of(sum);
        final LiteralSlots literals = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        final CodegenException e = org.junit.jupiter.api.Assertions.assertThrows(CodegenException.class,
            () -> ProgramCompiler.compile(Program.Mode.PROJECT, null, roots, literals, udfs, "k",
                new ProgramCompiler.Options(3000, 60, true)));
        assertEquals("method too large", e.category());
        final JitEngine engine = new JitEngine(4, false, new ProgramCompiler.Options(3000, 60, true));
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.PROJECT, null, roots);
        assertFalse(prepared.compiled());
        assertTrue(prepared.fallbackReason().startsWith("method too large"), prepared.fallbackReason());
        assertEquals(1L, engine.stats().fallbacks().get("method too large"));
        CodegenNodesTest.compare("fallback", prepared.program(), new Interpreter(Program.Mode.PROJECT, null, roots),
            Program.Mode.PROJECT, roots, new Random(3), memory, SMALL);
    }

    private static ProgramTemplate compile(final Program.Mode mode, final Bound predicate,
        final List<Bound> projections)
    {
        final List<Bound> roots = new java.util.ArrayList<>();
        if (predicate != null)
        {
            roots.add(predicate);
        }
        roots.addAll(projections);
        final LiteralSlots literals = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        return ProgramCompiler.compile(mode, predicate, projections, literals, udfs,
            ShapeKey.of(mode, predicate, projections, literals, udfs), ProgramCompiler.Options.DEFAULTS);
    }
}
