package io.sabot.kernels.arith;

import java.util.SplittableRandom;

import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Float32/float64 arithmetic, negate/abs and float64 multiplyAdd against plain Java arithmetic, including NaN,
 * +-0.0, +-Inf and division by zero, over ranges, selections, slices, scalars and supplied outputs.
 */
final class ArithmeticFloatTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static double op(final BinaryOp op, final double x, final double y)
    {
        return switch (op)
        {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
        };
    }

    private static double round(final int w, final double v)
    {
        return w == 4 ? (float)v : v;
    }

    private static void assertSame(final double expected, final boolean expectedValid, final FieldVector out,
        final int i, final String context)
    {
        final boolean valid = !out.isNull(i);
        if (valid != expectedValid || valid &&
            Double.doubleToLongBits(expected) != Double.doubleToLongBits(Columns.doubleAt(out, i)))
        {
            fail(context + " row " + i + ": expected " + (expectedValid ? expected : "null") + " but was " +
                (valid ? Columns.doubleAt(out, i) : "null"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8})
    void binaryOpsMatchJava(final int w)
    {
        final SplittableRandom random = new SplittableRandom(w);
        for (final int n : TestData.SIZES)
        {
            for (final double nullRatio : new double[] {0, 0.3, 1})
            {
                final double[] xs = new double[n];
                final double[] ys = new double[n];
                for (int i = 0; i < n; i++)
                {
                    xs[i] = round(w, TestData.nextDouble(random));
                    ys[i] = random.nextInt(20) == 0 ? 0.0 : round(w, TestData.nextDouble(random));
                }
                final boolean[] lv = Columns.validity(random, n, nullRatio);
                final boolean[] rv = Columns.validity(random, n, nullRatio);
                final double c = round(w, TestData.nextDouble(random));
                try (FieldVector l = Columns.doubles(memory.allocator(), "x", w, xs, lv);
                     FieldVector r = Columns.doubles(memory.allocator(), "y", w, ys, rv);
                     SelectionVector sel = Columns.selection(memory.allocator(), random, n))
                {
                    final int off = Math.min(2, n);
                    final int m = n - off;
                    for (final BinaryOp op : BinaryOp.values())
                    {
                        final String ctx = op + " float" + w * 8 + " n=" + n + " nulls=" + nullRatio;
                        try (FieldVector all = call(op, l, r, Rows.range(off, m));
                             FieldVector picked = call(op, l, r, Rows.selected(sel));
                             FieldVector right = scalarRight(op, l, c, Rows.all(l));
                             FieldVector left = scalarLeft(op, c, r, Rows.all(r)))
                        {
                            for (int i = 0; i < m; i++)
                            {
                                assertSame(round(w, op(op, xs[off + i], ys[off + i])), lv[off + i] && rv[off + i],
                                    all, i, ctx + " range");
                            }
                            final int[] pos = sel.toArray();
                            for (int i = 0; i < pos.length; i++)
                            {
                                assertSame(round(w, op(op, xs[pos[i]], ys[pos[i]])), lv[pos[i]] && rv[pos[i]],
                                    picked, i, ctx + " selection");
                            }
                            for (int i = 0; i < n; i++)
                            {
                                assertSame(round(w, op(op, xs[i], c)), lv[i], right, i, ctx + " scalar right");
                                assertSame(round(w, op(op, c, ys[i])), rv[i], left, i, ctx + " scalar left");
                            }
                        }
                    }
                    try (FieldVector neg = Arithmetic.negate(l, Overflow.CHECK, memory.allocator());
                         FieldVector abs = Arithmetic.abs(l, Rows.selected(sel), Overflow.CHECK, memory.allocator()))
                    {
                        for (int i = 0; i < n; i++)
                        {
                            assertSame(-xs[i], lv[i], neg, i, "negate");
                        }
                        final int[] pos = sel.toArray();
                        for (int i = 0; i < pos.length; i++)
                        {
                            assertSame(Math.abs(xs[pos[i]]), lv[pos[i]], abs, i, "abs");
                        }
                    }
                }
            }
        }
    }

    @Test
    void float32WithFloat64WidensToFloat64()
    {
        try (FieldVector l = Columns.doubles(memory.allocator(), "f", 4, new double[] {1.5, 0.1}, new boolean[] {true,
            true});
             FieldVector r = Columns.doubles(memory.allocator(), "d", 8, new double[] {0.25, 0.1}, new boolean[] {true,
                 true});
             FieldVector out = Arithmetic.add(l, r, Overflow.WRAP, memory.allocator()))
        {
            assertEquals(1.75, ((Float8Vector)out).get(0));
            assertEquals((double)0.1f + 0.1, ((Float8Vector)out).get(1));
        }
    }

    @Test
    void multiplyAddIsMultiplyThenAddBitForBit()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (final int n : TestData.SIZES)
        {
            final double[][] v = new double[3][n];
            final boolean[][] valid = new boolean[3][];
            for (int k = 0; k < 3; k++)
            {
                for (int i = 0; i < n; i++)
                {
                    v[k][i] = TestData.nextDouble(random) * (random.nextBoolean() ? 1e-3 : 1e7);
                }
                valid[k] = Columns.validity(random, n, 0.2);
            }
            try (FieldVector a = Columns.doubles(memory.allocator(), "a", 8, v[0], valid[0]);
                 FieldVector b = Columns.doubles(memory.allocator(), "b", 8, v[1], valid[1]);
                 FieldVector c = Columns.doubles(memory.allocator(), "c", 8, v[2], valid[2]);
                 SelectionVector sel = Columns.selection(memory.allocator(), random, n);
                 FieldVector whole = Arithmetic.multiplyAdd(a, b, c, memory.allocator());
                 FieldVector picked = Arithmetic.multiplyAdd(a, b, c, Rows.selected(sel), memory.allocator());
                 Float8Vector into = new Float8Vector("into", memory.allocator()))
            {
                Arithmetic.multiplyAdd(a, b, c, Rows.all(a), into);
                for (int i = 0; i < n; i++)
                {
                    final double expected = v[0][i] * v[1][i] + v[2][i];
                    final boolean ok = valid[0][i] && valid[1][i] && valid[2][i];
                    assertSame(expected, ok, whole, i, "multiplyAdd n=" + n);
                    assertSame(expected, ok, into, i, "multiplyAdd into n=" + n);
                }
                final int[] pos = sel.toArray();
                for (int i = 0; i < pos.length; i++)
                {
                    final int p = pos[i];
                    assertSame(v[0][p] * v[1][p] + v[2][p], valid[0][p] && valid[1][p] && valid[2][p], picked, i,
                        "multiplyAdd selection n=" + n);
                }
            }
        }
    }

    private FieldVector call(final BinaryOp op, final FieldVector l, final FieldVector r, final Rows rows)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(l, r, rows, Overflow.CHECK, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(l, r, rows, Overflow.CHECK, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(l, r, rows, Overflow.CHECK, memory.allocator());
            case DIVIDE -> Arithmetic.divide(l, r, rows, Overflow.CHECK, memory.allocator());
        };
    }

    private FieldVector scalarRight(final BinaryOp op, final FieldVector l, final double c, final Rows rows)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(l, c, rows, Overflow.WRAP, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(l, c, rows, Overflow.WRAP, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(l, c, rows, Overflow.WRAP, memory.allocator());
            case DIVIDE -> Arithmetic.divide(l, c, rows, Overflow.WRAP, memory.allocator());
        };
    }

    private FieldVector scalarLeft(final BinaryOp op, final double c, final FieldVector r, final Rows rows)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(r, c, rows, Overflow.WRAP, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(c, r, rows, Overflow.WRAP, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(r, c, rows, Overflow.WRAP, memory.allocator());
            case DIVIDE -> Arithmetic.divide(c, r, rows, Overflow.WRAP, memory.allocator());
        };
    }
}
