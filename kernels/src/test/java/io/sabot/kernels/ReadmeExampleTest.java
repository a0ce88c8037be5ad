package io.sabot.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sabot.kernels.agg.Aggregates;
import io.sabot.kernels.arith.Arithmetic;
import io.sabot.kernels.arith.Overflow;
import io.sabot.kernels.compare.Comparison;
import io.sabot.simd.CompareOp;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.Test;

/**
 * Runs the kernel example of README.md and checks that the README shows exactly this code, so it cannot rot.
 */
final class ReadmeExampleTest
{
    // README-EXAMPLE-BEGIN
    static long revenueOfLargeOrders(final long[] prices, final long[] quantities)
    {
        try (BufferAllocator allocator = new RootAllocator();
            BigIntVector price = new BigIntVector("price", allocator);
            BigIntVector qty = new BigIntVector("qty", allocator))
        {
            price.allocateNew(prices.length);
            qty.allocateNew(quantities.length);
            for (int i = 0; i < prices.length; i++)
            {
                price.set(i, prices[i]);
                qty.set(i, quantities[i]);
            }
            price.setValueCount(prices.length);
            qty.setValueCount(quantities.length);

            // rows where qty > 10, kept as a selection: no column is copied
            try (SelectionVector large = Comparison.select(CompareOp.GT, qty, 10, Rows.all(qty), allocator);
                // price * qty over the selected rows only; CHECK raises DataException naming the row on overflow
                FieldVector revenue = Arithmetic.multiply(price, qty, Rows.selected(large), Overflow.CHECK,
                    allocator))
            {
                return Aggregates.sum((BigIntVector)revenue).orElse(0);
            }
        }
    }
    // README-EXAMPLE-END

    @Test
    void shouldComputeTheReadmeExample()
    {
        assertEquals(5 * 20 + 7 * 11, revenueOfLargeOrders(new long[] {3, 5, 9, 7}, new long[] {1, 20, 10, 11}));
        assertEquals(0, revenueOfLargeOrders(new long[0], new long[0]));
    }

    @Test
    void shouldShowTheSameCodeInTheReadme() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final String readme = Files.readString(root.resolve("README.md"));
        final String test = Files.readString(
            root.resolve("kernels/src/test/java/io/sabot/kernels/ReadmeExampleTest.java"));
        final String begin = "// README-EXAMPLE-BEGIN\n";
        final String code = test.substring(test.indexOf(begin) + begin.length(), test.indexOf("    // README-EXAMPLE-END"))
            .stripTrailing().stripIndent().strip();
        assertTrue(readme.contains("```java\n" + code + "\n```"),
            "README.md must show the example exactly as ReadmeExampleTest runs it:\n" + code);
    }
}
