package io.sabot.jit;

import io.sabot.common.SchemaException;
import io.sabot.jit.bind.ExpressionTypeException;
import io.sabot.jit.codegen.CodegenHarness;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.testing.RandomBatches;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public facade: the three compiled forms against the interpreter, batch selections, errors, ownership. */
class ExpressionCompilerTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private final ExpressionCompiler jit = new ExpressionCompiler();
    private final ExpressionCompiler interpreted = new ExpressionCompiler(
        ExpressionCompiler.Config.DEFAULTS.withForceInterpreter(true));

    private static Expr parse(final String text)
    {
        return ExprParser.parse(text);
    }

    private static List<Projection> projections()
    {
        return List.of(new Projection("x", parse("((d * 1.5) + cast(i as float64))")),
            new Projection("y", parse("if(b, s, t)")), new Projection("z", parse("(l / m)")),
            new Projection("w", parse("(b or c)")));
    }

    @Test
    void filterMatchesTheInterpreterWithAndWithoutABatchSelection()
    {
        final Expr predicate = parse("(((d * e) + cast(i as float64)) > 1.0)");
        final CompiledFilter compiled = jit.compileFilter(predicate, CodegenHarness.schema());
        final CompiledFilter reference = interpreted.compileFilter(predicate, CodegenHarness.schema());
        assertTrue(compiled.isCompiled(), compiled.fallbackReason());
        assertNull(compiled.fallbackReason());
        assertFalse(reference.isCompiled());
        assertEquals("interpreter forced by configuration", reference.fallbackReason());
        assertEquals(compiled.shapeKey(), reference.shapeKey());
        assertEquals("(((d * e) + cast(i as float64)) > 1.0)", compiled.expression());
        for (final int rows : new int[] {0, 1, 64, 200, 1031})
        {
            try (Batch batch = CodegenHarness.randomBatch(new Random(rows), rows, memory.allocator());
                 SelectionVector a = compiled.filter(batch, memory.allocator());
                 SelectionVector b = reference.filter(batch, memory.allocator()))
            {
                assertArrayEquals(b.toArray(), a.toArray());
                try (SelectionVector some = everyThird(rows))
                {
                    final Batch selected = Batch.of(batch.columns(), some);
                    try (SelectionVector c = compiled.filter(selected, memory.allocator());
                         SelectionVector d = reference.filter(selected, memory.allocator()))
                    {
                        assertArrayEquals(d.toArray(), c.toArray());
                        for (final int p : c.toArray())
                        {
                            assertEquals(0, p % 3, "positions index the batch's vectors");
                        }
                    }
                }
            }
        }
    }

    private SelectionVector everyThird(final int rows)
    {
        final int[] positions = new int[(rows + 2) / 3];
        for (int k = 0; k < positions.length; k++)
        {
            positions[k] = 3 * k;
        }
        return SelectionVector.of(memory.allocator(), positions);
    }

    @Test
    void projectionAndFusedFormMatchTheInterpreter()
    {
        final Expr predicate = parse("((i > 0) or is_null(s))");
        final CompiledProjection p = jit.compileProjection(projections(), CodegenHarness.schema());
        final CompiledProjection pr = interpreted.compileProjection(projections(), CodegenHarness.schema());
        final CompiledFilterProjection fp = jit.compileFilterProjection(predicate, projections(),
            CodegenHarness.schema());
        final CompiledFilterProjection fpr = interpreted.compileFilterProjection(predicate, projections(),
            CodegenHarness.schema());
        assertTrue(p.isCompiled() && fp.isCompiled());
        assertTrue(fp.expression().startsWith("where ((i > 0) or is_null(s)) select "), fp.expression());
        for (final int rows : new int[] {0, 1, 63, 65, 1000})
        {
            try (Batch batch = CodegenHarness.randomBatch(new Random(rows), rows, memory.allocator()))
            {
                try (Batch a = p.project(batch, memory.allocator());
                     Batch b = pr.project(batch, memory.allocator()))
                {
                    assertEquals(rows, a.rowCount());
                    assertEquals(List.of("x", "y", "z", "w"), a.schema().getFields().stream()
                        .map(f -> f.getName()).toList());
                    sameBatch(b, a, "project " + rows);
                }
                try (Batch a = fp.apply(batch, memory.allocator());
                     Batch b = fpr.apply(batch, memory.allocator()))
                {
                    sameBatch(b, a, "filter+project " + rows);
                }
                try (SelectionVector some = everyThird(rows))
                {
                    final Batch selected = Batch.of(batch.columns(), some);
                    try (Batch a = fp.apply(selected, memory.allocator());
                         Batch b = fpr.apply(selected, memory.allocator());
                         Batch c = p.project(selected, memory.allocator());
                         Batch d = pr.project(selected, memory.allocator()))
                    {
                        sameBatch(b, a, "filter+project selected " + rows);
                        assertEquals(some.count(), c.rowCount());
                        sameBatch(d, c, "project selected " + rows);
                    }
                }
            }
        }
    }

    private static void sameBatch(final Batch expected, final Batch actual, final String context)
    {
        assertEquals(expected.rowCount(), actual.rowCount(), context);
        for (int c = 0; c < expected.columnCount(); c++)
        {
            CodegenHarness.assertSameVector(expected.column(c), actual.column(c), expected.rowCount(),
                context + " column " + c);
        }
    }

    @Test
    void slicedVectorsGiveTheInterpretersResults()
    {
        final Expr predicate = parse("((starts_with(s, 'a') or (d < e)) and (not is_null(i)))");
        final CompiledFilter f = jit.compileFilter(predicate, CodegenHarness.schema());
        final CompiledFilter fr = interpreted.compileFilter(predicate, CodegenHarness.schema());
        final CompiledFilterProjection fp = jit.compileFilterProjection(predicate, projections(),
            CodegenHarness.schema());
        final CompiledFilterProjection fpr = interpreted.compileFilterProjection(predicate, projections(),
            CodegenHarness.schema());
        final Random rnd = new Random(42);
        for (final int offset : new int[] {1, 3, 13})
        {
            try (Batch batch = RandomBatches.createSliced(memory.allocator(), rnd, CodegenHarness.COLUMNS, 150, 0.2,
                    offset);
                 SelectionVector a = f.filter(batch, memory.allocator());
                 SelectionVector b = fr.filter(batch, memory.allocator());
                 Batch c = fp.apply(batch, memory.allocator());
                 Batch d = fpr.apply(batch, memory.allocator()))
            {
                assertArrayEquals(b.toArray(), a.toArray());
                sameBatch(d, c, "sliced at " + offset);
            }
        }
    }

    @Test
    void aBatchWithAMissingOrRetypedColumnIsRejectedByName()
    {
        final CompiledFilter f = jit.compileFilter(parse("(x > 1)"), new org.apache.arrow.vector.types.pojo.Schema(
            List.of(org.apache.arrow.vector.types.pojo.Field.nullable("x",
                new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)))));
        try (Float8Vector x = new Float8Vector("x", memory.allocator());
             IntVector y = new IntVector("y", memory.allocator()))
        {
            x.allocateNew(4);
            x.setValueCount(4);
            y.allocateNew(4);
            y.setValueCount(4);
            final SchemaException retyped = assertThrows(SchemaException.class,
                () -> f.filter(Batch.of(x), memory.allocator()));
            assertTrue(retyped.getMessage().contains("'x'"), retyped.getMessage());
            final SchemaException missing = assertThrows(SchemaException.class,
                () -> f.filter(Batch.of(y), memory.allocator()));
            assertTrue(missing.getMessage().contains("'x'"), missing.getMessage());
        }
    }

    @Test
    void typeErrorsComeFromTheBinder()
    {
        assertThrows(ExpressionTypeException.class,
            () -> jit.compileFilter(parse("(s + 1)"), CodegenHarness.schema()));
        assertThrows(ExpressionTypeException.class,
            () -> jit.compileFilter(parse("(i + 1)"), CodegenHarness.schema()));
        assertThrows(IllegalArgumentException.class,
            () -> jit.compileProjection(List.of(), CodegenHarness.schema()));
    }

    @Test
    void aShapeThatCannotBeCompiledRunsOnTheInterpreterWithTheSameResults()
    {
        final ExpressionCompiler tiny = new ExpressionCompiler(ExpressionCompiler.Config.DEFAULTS
            .withMaxMethodBytes(40));
        final CompiledProjection p = tiny.compileProjection(projections(), CodegenHarness.schema());
        assertFalse(p.isCompiled());
        assertTrue(p.fallbackReason().startsWith("method too large"), p.fallbackReason());
        assertEquals(1L, tiny.stats().fallbacks().get("method too large"));
        final CompiledProjection reference = jit.compileProjection(projections(), CodegenHarness.schema());
        try (Batch batch = CodegenHarness.randomBatch(new Random(4), 300, memory.allocator());
             Batch a = p.project(batch, memory.allocator());
             Batch b = reference.project(batch, memory.allocator()))
        {
            sameBatch(b, a, "fallback");
        }
    }

    @Test
    void statsCountHitsAndCompilations()
    {
        final ExpressionCompiler fresh = new ExpressionCompiler();
        fresh.compileFilter(parse("(i > 1)"), CodegenHarness.schema());
        fresh.compileFilter(parse("(i > 2)"), CodegenHarness.schema());
        fresh.compileFilter(parse("(i < 2)"), CodegenHarness.schema());
        final JitStats stats = fresh.stats();
        assertEquals(2, stats.compilations());
        assertEquals(2, stats.misses());
        assertEquals(1, stats.hits());
        assertEquals(0, stats.totalFallbacks());
        assertTrue(ExpressionCompiler.shared() == ExpressionCompiler.shared());
    }
}
