package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.simd.CompareOp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Ad-hoc survey (run by hand, not a unit test): ns/row of the generated filter and projection for every vectorised
 * node kind and type (casts, min/max/abs, sqrt, if, boolean casts), to spot a Vector API operation that C2 does not
 * intrinsify (a boxed fallback costs tens of ns/row). 4M rows, best of 25.
 */
public final class VectorNodeTiming
{
    private static final DataType[] TYPES = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};

    private VectorNodeTiming()
    {
    }

    private static Bound col(final DataType t)
    {
        for (int i = 0; i < TYPES.length; i++)
        {
            if (TYPES[i] == t)
            {
                return new Bound.Column(i, "c" + i, t);
            }
        }
        throw new IllegalArgumentException(t.toString());
    }

    private static Bound lit(final DataType t)
    {
        return new Bound.Literal(t, switch (t)
        {
            case INT32 -> (Object)1;
            case INT64 -> (Object)1L;
            case FLOAT32 -> (Object)0.5f;
            default -> (Object)0.5;
        });
    }

    private static Bound gt(final Bound a)
    {
        return new Bound.Compare(CompareOp.GT, a, lit(a.type()));
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final int rows = 1 << 22;
        try (Arena arena = Arena.ofConfined())
        {
            final Frame f = new Frame(TYPES.length, 1);
            final Random random = new Random(1);
            for (int c = 0; c < TYPES.length; c++)
            {
                final MemorySegment s = arena.allocate(8L * rows, 64);
                for (int i = 0; i < rows; i++)
                {
                    switch (TYPES[c])
                    {
                        case FLOAT64 -> s.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, random.nextGaussian() * 1e3);
                        case FLOAT32 -> s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i,
                            (float)random.nextGaussian() * 1e3f);
                        default -> s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, random.nextLong());
                    }
                }
                f.values[c] = s;
            }
            final MemorySegment sel = arena.allocate(4L * rows);
            f.outValues[0] = arena.allocate(8L * rows);
            f.outValidity[0] = arena.allocate(rows / 8);
            final Map<String, Bound> trees = new LinkedHashMap<>();
            for (final DataType t : TYPES)
            {
                trees.put(t + " x*y+x", new Bound.Arith(ArithOp.ADD, new Bound.Arith(ArithOp.MUL, col(t), col(t), t),
                    col(t), t));
                for (final DataType to : TYPES)
                {
                    if (to != t)
                    {
                        trees.put("cast " + t + "->" + to, new Bound.Cast(col(t), to));
                    }
                }
                trees.put("max(abs, min) " + t, new Bound.MathCall(MathFn.MAX, List.of(new Bound.MathCall(MathFn.ABS,
                    List.of(col(t)), t), new Bound.MathCall(MathFn.MIN, List.of(col(t), lit(t)), t)), t));
                trees.put("if " + t, new Bound.If(gt(col(t)), new Bound.Negate(col(t), t), col(t), t));
                trees.put("boolean->" + t, new Bound.Cast(gt(col(t)), t));
            }
            trees.put("sqrt", new Bound.MathCall(MathFn.SQRT, List.of(col(DataType.FLOAT64)), DataType.FLOAT64));
            for (final Map.Entry<String, Bound> e : trees.entrySet())
            {
                final VectorHarness.Kernel filter = VectorHarness.compile(gt(e.getValue()), List.of(), new int[0])
                    .kernel();
                final VectorHarness.Kernel project = VectorHarness.compile(null, List.of(e.getValue()), new int[]{0})
                    .kernel();
                double bestFilter = Double.MAX_VALUE;
                double bestProject = Double.MAX_VALUE;
                for (int i = 0; i < 25; i++)
                {
                    long t0 = System.nanoTime();
                    filter.filter(f, 0, rows / 64, sel, 0);
                    bestFilter = Math.min(bestFilter, (System.nanoTime() - t0) / (double)rows);
                    t0 = System.nanoTime();
                    project.project(f, 0, rows / 64);
                    bestProject = Math.min(bestProject, (System.nanoTime() - t0) / (double)rows);
                }
                System.out.printf("%-28s filter (> c) %.2f ns/row  project %.2f ns/row%n", e.getKey(), bestFilter,
                    bestProject);
            }
        }
    }
}
