package io.sabot.jit;

import io.sabot.common.SchemaException;
import io.sabot.jit.codegen.CodegenHarness;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.testing.Vectors;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation-free forms: filtering into a reused selection and projecting into reused vectors. */
class ReusedOutputsTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private final ExpressionCompiler jit = new ExpressionCompiler();

    @Test
    void filterIntoAReusedSelectionEqualsTheAllocatingForm()
    {
        final Expr predicate = ExprParser.parse("(((d * e) + cast(i as float64)) > 1.0)");
        final CompiledFilter filter = jit.compileFilter(predicate, CodegenHarness.schema());
        try (SelectionVector reused = new SelectionVector(memory.allocator(), 2000))
        {
            for (final int rows : new int[] {1031, 0, 64, 2000, 7})
            {
                try (Batch batch = CodegenHarness.randomBatch(new Random(rows), rows, memory.allocator());
                     SelectionVector fresh = filter.filter(batch, memory.allocator()))
                {
                    final int k = filter.filter(batch, reused);
                    assertEquals(fresh.count(), k);
                    assertEquals(k, reused.count());
                    assertArrayEquals(fresh.toArray(), reused.toArray());
                }
            }
        }
    }

    @Test
    void filterRejectsASelectionThatIsTooSmall()
    {
        final CompiledFilter filter = jit.compileFilter(ExprParser.parse("(d > 0.0)"), CodegenHarness.schema());
        try (Batch batch = CodegenHarness.randomBatch(new Random(1), 100, memory.allocator());
             SelectionVector small = new SelectionVector(memory.allocator(), 99))
        {
            final SchemaException e = assertThrows(SchemaException.class, () -> filter.filter(batch, small));
            assertTrue(e.getMessage().contains("room for 99"), e.getMessage());
        }
    }

    @Test
    void projectIntoReusedVectorsEqualsTheAllocatingForm()
    {
        final List<Projection> projections = List.of(
            new Projection("x", ExprParser.parse("((d * 1.5) + cast(i as float64))")),
            new Projection("y", ExprParser.parse("if(b, s, t)")),
            new Projection("z", ExprParser.parse("(i / j)")),
            new Projection("w", ExprParser.parse("(b or c)")));
        final CompiledProjection projection = jit.compileProjection(projections, CodegenHarness.schema());
        try (Float8Vector x = new Float8Vector("x", memory.allocator());
             VarCharVector y = new VarCharVector("y", memory.allocator());
             IntVector z = new IntVector("z", memory.allocator());
             BitVector w = new BitVector("w", memory.allocator()))
        {
            x.allocateNew(1500);
            y.allocateNew(1500);
            z.allocateNew(1500);
            w.allocateNew(1500);
            final List<FieldVector> outputs = List.of(x, y, z, w);
            for (final int rows : new int[] {1031, 3, 1500, 0, 65})
            {
                try (Batch batch = CodegenHarness.randomBatch(new Random(rows + 11), rows, memory.allocator());
                     Batch fresh = projection.project(batch, memory.allocator()))
                {
                    assertEquals(rows, projection.project(batch, outputs));
                    for (int c = 0; c < outputs.size(); c++)
                    {
                        assertEquals(rows, outputs.get(c).getValueCount());
                        final List<Object> expected = Vectors.toList(fresh.column(c));
                        final List<Object> actual = Vectors.toList(outputs.get(c));
                        for (int r = 0; r < rows; r++)
                        {
                            assertTrue(Vectors.same(expected.get(r), actual.get(r)),
                                "column " + c + " row " + r + ": " + expected.get(r) + " vs " + actual.get(r));
                        }
                    }
                }
            }
        }
    }

    @Test
    void projectRejectsOutputsOfTheWrongTypeOrSize()
    {
        final CompiledProjection projection = jit.compileProjection(
            List.of(new Projection("x", ExprParser.parse("(d * 2.0)"))), CodegenHarness.schema());
        try (Batch batch = CodegenHarness.randomBatch(new Random(5), 100, memory.allocator());
             IntVector wrongType = new IntVector("x", memory.allocator());
             Float8Vector tooSmall = new Float8Vector("x", memory.allocator()))
        {
            wrongType.allocateNew(100);
            tooSmall.allocateNew(10);
            final SchemaException type = assertThrows(SchemaException.class,
                () -> projection.project(batch, List.of(wrongType)));
            assertTrue(type.getMessage().contains("produces float64"), type.getMessage());
            final SchemaException size = assertThrows(SchemaException.class,
                () -> projection.project(batch, List.of(tooSmall)));
            assertTrue(size.getMessage().contains("100 will be written"), size.getMessage());
            assertThrows(SchemaException.class, () -> projection.project(batch, List.<FieldVector>of()));
        }
    }
}
