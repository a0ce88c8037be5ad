package io.sabot.runtime.operator;

import java.util.List;
import java.util.SplittableRandom;

import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fused filter+projection, in both of its adaptive strategies (high selectivity: one loop; low: filter then
 * project the selection), against a filter followed by a projection, over many batches with and without selections.
 */
class FilterProjectOperatorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private List<List<Object>> run(final Operator first, final Operator second, final List<Object[]> rows,
                                   final long seed)
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             Harness.Collector middle = new Harness.Collector())
        {
            first.open(Harness.context(allocator, true));
            if (second != null)
            {
                second.open(Harness.context(allocator, true));
            }
            for (final Batch batch : Harness.batches(allocator, new SplittableRandom(seed), rows, Harness.SCHEMA))
            {
                first.processBatch(0, batch, second == null ? out : middle);
                if (second != null)
                {
                    for (final Batch b : middle.batches)
                    {
                        second.processBatch(0, b, out);
                    }
                    middle.batches.clear();
                }
            }
            first.close();
            if (second != null)
            {
                second.close();
            }
            return out.rows();
        }
    }

    @Test
    void bothStrategiesEqualFilterThenProject()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final List<Projection> projections = List.of(new Projection("l2", ExprParser.parse("l * 2 + i")),
            new Projection("s", ExprParser.parse("s")), new Projection("d", ExprParser.parse("d")));
        for (final String predicate : new String[] {"l % 20 = 0", "l % 20 <> 0", "i > 3 and d < 5.0"})
        {
            final Expr expr = ExprParser.parse(predicate);
            final List<Object[]> rows = Harness.randomRows(random, 40_000, 12, 0.1);
            final List<List<Object>> expected = run(new FilterOperator(expr, Harness.SCHEMA),
                new ProjectOperator(projections, Harness.SCHEMA), rows, 5);
            final List<List<Object>> actual = run(new FilterProjectOperator(expr, projections, Harness.SCHEMA), null,
                rows, 5);
            Harness.assertSameRows(expected, actual, predicate);
        }
    }
}
