package io.sabot.jit;

import static io.sabot.jit.expr.Exprs.call;
import static io.sabot.jit.expr.Exprs.col;
import static io.sabot.jit.expr.Exprs.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/**
 * Runs the JIT example of README.md and checks that the README shows exactly this code.
 */
final class ReadmeJitExampleTest
{
    // README-EXAMPLE-BEGIN
    static int[] largeTrades(final double[] prices, final double[] quantities, final double minimum)
    {
        try (BufferAllocator allocator = new RootAllocator();
            Float8Vector price = new Float8Vector("price", allocator);
            Float8Vector qty = new Float8Vector("qty", allocator))
        {
            for (int i = 0; i < prices.length; i++)
            {
                price.setSafe(i, prices[i]);
                qty.setSafe(i, quantities[i]);
            }
            price.setValueCount(prices.length);
            qty.setValueCount(quantities.length);
            final Batch trades = Batch.of(price, qty); // a view here: the vectors are closed by the try

            // A plain Java lambda: its bytecode is lifted into the expression and fused into one vectorized loop.
            final Udf withFee = Udf.doubleFn("with_fee", (p, q) -> p * q * 1.001);
            final Expr predicate = call(withFee, col("price"), col("qty")).gt(lit(minimum));

            final CompiledFilter filter = ExpressionCompiler.shared().compileFilter(predicate, trades.schema());
            try (SelectionVector rows = filter.filter(trades, allocator))
            {
                return rows.toArray();
            }
        }
    }
    // README-EXAMPLE-END

    @Test
    void shouldComputeTheReadmeExample()
    {
        assertArrayEquals(new int[] {1, 2, 3},
            largeTrades(new double[] {10, 20, 1, 50}, new double[] {5, 100, 1000, 21}, 1000.0));
        assertEquals(0, largeTrades(new double[0], new double[0], 1.0).length);
    }

    @Test
    void shouldParseTheTextFormTheReadmeShows()
    {
        final Udf withFee = Udf.doubleFn("with_fee", (p, q) -> p * q * 1.001);
        final Expr parsed = ExprParser.parse("(@with_fee(price, qty) > 1000.0)", Map.of("with_fee", withFee));
        assertEquals(call(withFee, col("price"), col("qty")).gt(lit(1000.0)), parsed);
        assertEquals("(@with_fee(price, qty) > 1000.0)", parsed.toString());
        assertEquals(Udf.Kind.LIFTED, withFee.kind());
    }

    @Test
    void shouldShowTheSameCodeInTheReadme() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final String readme = Files.readString(root.resolve("README.md"));
        final String test = Files.readString(
            root.resolve("udf-jit/src/test/java/io/sabot/jit/ReadmeJitExampleTest.java"));
        final String begin = "// README-EXAMPLE-BEGIN\n";
        final String code = test.substring(test.indexOf(begin) + begin.length(), test.indexOf("    // README-EXAMPLE-END"))
            .stripTrailing().stripIndent().strip();
        assertTrue(readme.contains("```java\n" + code + "\n```"),
            "README.md must show the example exactly as ReadmeJitExampleTest runs it:\n" + code);
    }
}
