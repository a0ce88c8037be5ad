package io.sabot.jit.codegen;

import io.sabot.jit.JitStats;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.interp.Interpreter;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape sharing, eviction, counters, forced interpretation and concurrent compilation of the shape cache. */
class ProgramCacheTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Bound bind(final String text)
    {
        return Binder.bind(ExprParser.parse(text), CodegenHarness.schema());
    }

    @Test
    void twoLiteralSetsShareOneClassAndGiveTheirOwnResults()
    {
        final JitEngine engine = new JitEngine(16, false, ProgramCompiler.Options.DEFAULTS);
        final Bound a = bind("(((d * 2.5) + cast(i as float64)) > 3.0)");
        final Bound b = bind("(((d * 7.0) + cast(i as float64)) > -1.0)");
        final JitEngine.Prepared pa = engine.prepare(Program.Mode.FILTER, a, List.of());
        final JitEngine.Prepared pb = engine.prepare(Program.Mode.FILTER, b, List.of());
        assertTrue(pa.compiled() && pb.compiled());
        assertEquals(pa.shapeKey(), pb.shapeKey());
        assertSame(pa.program().getClass(), pb.program().getClass());
        assertTrue(pa.program().getClass().isHidden());
        assertEquals(pa.shapeKey(), pa.program().toString(), "the shape key comes from the class data");
        final JitStats stats = engine.stats();
        assertEquals(1, stats.compilations());
        assertEquals(1, stats.misses());
        assertEquals(1, stats.hits());
        assertEquals(1, stats.cachedShapes());
        assertTrue(stats.compileNanos() > 0);
        CodegenNodesTest.compare("a", pa.program(), new Interpreter(Program.Mode.FILTER, a, List.of()),
            Program.Mode.FILTER, List.of(), new Random(1), memory);
        CodegenNodesTest.compare("b", pb.program(), new Interpreter(Program.Mode.FILTER, b, List.of()),
            Program.Mode.FILTER, List.of(), new Random(1), memory);
        try (Batch batch = CodegenHarness.randomBatch(new Random(5), 500, memory.allocator());
             CodegenHarness.Result ra = CodegenHarness.run(pa.program(), Program.Mode.FILTER, batch, List.of(),
                 new CodegenHarness.RowSet(0, 500, null), memory.allocator());
             CodegenHarness.Result rb = CodegenHarness.run(pb.program(), Program.Mode.FILTER, batch, List.of(),
                 new CodegenHarness.RowSet(0, 500, null), memory.allocator()))
        {
            assertNotEquals(ra.returned, rb.returned, "different literals select different rows");
        }
    }

    @Test
    void shapeKeysSeparateWhatDiffersBeyondLiteralValues()
    {
        final String base = key(bind("((i + 1) > j)"));
        assertEquals(base, key(bind("((i + 100) > j)")));
        assertNotEquals(base, key(bind("((i + null::int32) > j)")), "null literals are part of the shape");
        assertNotEquals(base, key(bind("((i + 1L) > m)")), "literal types are part of the shape");
        assertNotEquals(base, key(bind("((i - 1) > j)")));
        assertNotEquals(base, key(bind("((j + 1) > i)")), "columns are part of the shape");
        assertTrue(base.contains("?0:int32") && base.contains("$0:int32"), base);
    }

    private static String key(final Bound b)
    {
        final LiteralSlots literals = LiteralSlots.assign(List.of(b));
        final UdfSlots udfs = UdfSlots.assign(List.of(b));
        return ShapeKey.of(Program.Mode.PROJECT, null, List.of(b), literals, udfs);
    }

    @Test
    void theLeastRecentlyUsedShapeIsEvicted()
    {
        final JitEngine engine = new JitEngine(2, false, ProgramCompiler.Options.DEFAULTS);
        final Bound s1 = bind("(i + 1)");
        final Bound s2 = bind("(i - 1)");
        final Bound s3 = bind("(i * 1)");
        engine.prepare(Program.Mode.PROJECT, null, List.of(s1));
        engine.prepare(Program.Mode.PROJECT, null, List.of(s2));
        engine.prepare(Program.Mode.PROJECT, null, List.of(s1));
        engine.prepare(Program.Mode.PROJECT, null, List.of(s3));
        JitStats stats = engine.stats();
        assertEquals(1, stats.evictions());
        assertEquals(2, stats.cachedShapes());
        assertEquals(3, stats.compilations());
        engine.prepare(Program.Mode.PROJECT, null, List.of(s1));
        assertEquals(3, engine.stats().compilations(), "s1 was used recently and stayed");
        engine.prepare(Program.Mode.PROJECT, null, List.of(s2));
        stats = engine.stats();
        assertEquals(4, stats.compilations(), "s2 was evicted and compiles again");
        assertEquals(2, stats.evictions());
        assertEquals(2, stats.hits());
        assertEquals(4, stats.misses());
    }

    @Test
    void forcedInterpretationIsCountedAndCorrect()
    {
        final JitEngine engine = new JitEngine(4, true, ProgramCompiler.Options.DEFAULTS);
        final Bound p = bind("((d + e) > 1.0)");
        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER, p, List.of());
        assertFalse(prepared.compiled());
        assertTrue(prepared.program() instanceof Interpreter);
        assertEquals(1L, engine.stats().fallbacks().get(JitEngine.FORCED));
        assertEquals(0, engine.stats().compilations());
    }

    @Test
    void aFailedShapeIsNotRetriedAndIsCountedOnce()
    {
        final JitEngine engine = new JitEngine(4, false, new ProgramCompiler.Options(3000, 10, true));
        final Bound p = bind("((d + e) > 1.0)");
        for (int k = 0; k < 3; k++)
        {
            final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER, p, List.of());
            assertFalse(prepared.compiled());
            assertTrue(prepared.fallbackReason().contains("method too large"), prepared.fallbackReason());
        }
        assertEquals(1L, engine.stats().fallbacks().get("method too large"));
        assertEquals(1L, engine.stats().totalFallbacks());
        assertEquals(2, engine.stats().hits());
    }

    @Test
    void eightThreadsCompileEachShapeOnce() throws Exception
    {
        final int shapes = 40;
        final int threads = 8;
        final JitEngine engine = new JitEngine(512, false, ProgramCompiler.Options.DEFAULTS);
        final CountDownLatch start = new CountDownLatch(1);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Batch batch = CodegenHarness.randomBatch(new Random(9), 130, memory.allocator()))
        {
            final List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                final int seed = t;
                futures.add(pool.submit(() ->
                {
                    final List<Integer> order = new ArrayList<>();
                    for (int s = 0; s < shapes; s++)
                    {
                        order.add(s);
                    }
                    Collections.shuffle(order, new Random(seed));
                    start.await();
                    int checked = 0;
                    for (final int s : order)
                    {
                        final Bound p = shape(s, seed);
                        final JitEngine.Prepared prepared = engine.prepare(Program.Mode.FILTER, p, List.of());
                        if (!prepared.compiled())
                        {
                            throw new AssertionError(prepared.fallbackReason());
                        }
                        final CodegenHarness.RowSet rows = new CodegenHarness.RowSet(3, 127, null);
                        try (CodegenHarness.Result expected = CodegenHarness.run(new Interpreter(Program.Mode.FILTER,
                                p, List.of()), Program.Mode.FILTER, batch, List.of(), rows, memory.allocator());
                             CodegenHarness.Result actual = CodegenHarness.run(prepared.program(),
                                 Program.Mode.FILTER, batch, List.of(), rows, memory.allocator()))
                        {
                            CodegenHarness.assertSameResult(expected, actual, "shape " + s);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            for (final Future<Integer> f : futures)
            {
                assertEquals(shapes, f.get(60, TimeUnit.SECONDS));
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        final JitStats stats = engine.stats();
        assertEquals(shapes, stats.compilations());
        assertEquals(shapes, stats.misses());
        assertEquals((long)shapes * (threads - 1), stats.hits());
        assertEquals(shapes, stats.cachedShapes());
    }

    /** Shape s: a sum of s + 1 terms of i with literals that depend on the thread. */
    private static Bound shape(final int s, final int seed)
    {
        final StringBuilder sb = new StringBuilder("cast(i as int64)");
        for (int k = 0; k <= s; k++)
        {
            sb.insert(0, "(").append(k % 2 == 0 ? " + " : " * ").append(seed + k).append("L)");
        }
        return bind("(" + sb + " > " + (seed * 10) + "L)");
    }
}
