package io.sabot.jit;

import io.sabot.jit.codegen.CodegenHarness;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quick in-test measurement (not a benchmark: JMH does that) of the compile latency of a new 10-node shape and of
 * a cache hit, printed to the test output; the assertions are loose bounds that only catch gross regressions on a
 * shared machine.
 */
class CompileLatencyTest
{
    private static final String[] OPS = {"+", "-", "*"};
    private static final String[] COLS = {"d", "e"};

    /** A 10-node filter whose shape is determined by {@code n}: three operators and two columns chosen by digits. */
    private static Expr shape(final int n, final double literal)
    {
        final String a = OPS[n % 3];
        final String b = OPS[(n / 3) % 3];
        final String c = OPS[(n / 9) % 3];
        final String x = COLS[(n / 27) % 2];
        final String y = COLS[(n / 54) % 2];
        final String z = (n / 108) % 2 == 0 ? "f" : "g";
        return ExprParser.parse("((((" + x + " " + a + " " + y + ") " + b + " " + literal + ") " + c +
            " cast(" + z + " as float64)) > " + (literal + 1) + ")");
    }

    @Test
    void compileAndHitLatency()
    {
        final ExpressionCompiler jit = new ExpressionCompiler();
        final int shapes = 216;
        final long[] compile = new long[shapes];
        for (int n = 0; n < shapes; n++)
        {
            final Expr e = shape(n, n);
            final long t0 = System.nanoTime();
            final CompiledFilter f = jit.compileFilter(e, CodegenHarness.schema());
            compile[n] = System.nanoTime() - t0;
            assertTrue(f.isCompiled(), f.fallbackReason());
        }
        assertEquals(shapes, jit.stats().compilations());
        final long[] warm = Arrays.copyOfRange(compile, shapes / 2, shapes);
        Arrays.sort(warm);
        final double p50Millis = warm[warm.length / 2] / 1e6;
        final int hits = 20_000;
        final Expr[] exprs = new Expr[64];
        for (int k = 0; k < exprs.length; k++)
        {
            exprs[k] = shape(7, 1000 + k);
        }
        final org.apache.arrow.vector.types.pojo.Schema schema = CodegenHarness.schema();
        double hitMicros = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long t0 = System.nanoTime();
            for (int k = 0; k < hits; k++)
            {
                jit.compileFilter(exprs[k & 63], schema);
            }
            hitMicros = Math.min(hitMicros, (System.nanoTime() - t0) / 1e3 / hits);
        }
        assertEquals(shapes, jit.stats().compilations(), "hits define no class");
        System.out.printf("compile latency of a new 10-node shape (warm half): p50 %.3f ms, p90 %.3f ms; " +
            "cache hit (bind + key + lookup + instance, best of 5 rounds): %.2f us%n", p50Millis,
            warm[warm.length * 9 / 10] / 1e6, hitMicros);
        assertTrue(p50Millis < 50, "p50 compile " + p50Millis + " ms");
        assertTrue(hitMicros < 200, "cache hit " + hitMicros + " us");
    }
}
