package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Program;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.simd.CompareOp;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeneratorSmokeTest
{
    @Test
    void filterAndProjectDoubles()
    {
        final Bound a = new Bound.Column(0, "a", DataType.FLOAT64);
        final Bound b = new Bound.Column(1, "b", DataType.INT32);
        final Bound pred = new Bound.Compare(CompareOp.GT,
            new Bound.Arith(ArithOp.ADD, a, new Bound.Cast(b, DataType.FLOAT64), DataType.FLOAT64),
            new Bound.Literal(DataType.FLOAT64, 10.0));
        final Bound proj = new Bound.Arith(ArithOp.DIV, new Bound.Literal(DataType.INT32, 100), b, DataType.INT32);
        final List<Bound> roots = List.of(pred, proj);
        final LiteralSlots lits = LiteralSlots.assign(roots);
        final UdfSlots udfs = UdfSlots.assign(roots);
        final String key = ShapeKey.of(Program.Mode.FILTER_PROJECT, pred, List.of(proj), lits, udfs);
        final ProgramTemplate t = ProgramCompiler.compile(Program.Mode.FILTER_PROJECT, pred, List.of(proj), lits, udfs,
            key, ProgramCompiler.Options.DEFAULTS);
        final Object[] values = lits.values();
        final Program p = t.instantiate(values);
        assertEquals(key, p.toString());
        try (Arena arena = Arena.ofConfined())
        {
            final int n = 100;
            final MemorySegment av = arena.allocate(8L * n);
            final MemorySegment bv = arena.allocate(4L * n);
            for (int i = 0; i < n; i++)
            {
                av.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, i);
                bv.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, i % 3);
            }
            final Frame f = new Frame(2, 1);
            f.values[0] = av;
            f.values[1] = bv;
            f.outValues[0] = arena.allocate(4L * n);
            f.outValidity[0] = arena.allocate(n / 8 + 8);
            final MemorySegment sel = arena.allocate(4L * n);
            final int k = p.run(f, 0, n, null, sel);
            int expected = 0;
            for (int i = 0; i < n; i++)
            {
                if (i + i % 3 > 10.0)
                {
                    assertEquals(i, sel.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, expected));
                    final boolean valid = i % 3 != 0;
                    assertEquals(valid, io.sabot.simd.Bitmaps.isSet(f.outValidity[0], expected));
                    if (valid)
                    {
                        assertEquals(100 / (i % 3), f.outValues[0].getAtIndex(ValueLayout.JAVA_INT_UNALIGNED,
                            expected));
                    }
                    expected++;
                }
            }
            assertEquals(expected, k);
        }
    }
}
