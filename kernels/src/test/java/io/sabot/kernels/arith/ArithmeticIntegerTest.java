package io.sabot.kernels.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.sabot.common.DataException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.vector.FieldVector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Integer add/subtract/multiply/divide for int8..int64 (and mixed widths) against a reference written here, over
 * every row layout (whole, range with offset, selection, sliced vectors, scalars on either side, supplied output),
 * null ratios, wrap and check modes, data that overflows and data that only overflows under null slots.
 */
final class ArithmeticIntegerTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    enum Layout
    {
        ALL, RANGE, SELECTION, SLICED, SCALAR_RIGHT, SCALAR_LEFT, INTO
    }

    static Stream<Arguments> cases()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final BinaryOp op : BinaryOp.values())
        {
            for (final int w : new int[] {1, 2, 4, 8})
            {
                cases.add(Arguments.of(op, w, w));
            }
            cases.add(Arguments.of(op, 1, 4));
            cases.add(Arguments.of(op, 8, 2));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} int{1} int{2}")
    @MethodSource("cases")
    void matchesReference(final BinaryOp op, final int lw, final int rw)
    {
        final SplittableRandom random = new SplittableRandom(op.ordinal() * 1000L + lw * 10L + rw);
        for (final int n : TestData.SIZES)
        {
            for (final double nullRatio : new double[] {0, 0.3, 1})
            {
                for (final boolean safe : new boolean[] {true, false})
                {
                    for (final Overflow mode : Overflow.values())
                    {
                        for (final Layout layout : Layout.values())
                        {
                            // large sizes only in a few layouts, to keep the suite fast
                            if (n > 5000 && (layout != Layout.ALL || nullRatio != 0.3) ||
                                n > 200 && (nullRatio != 0.3 || layout == Layout.SCALAR_LEFT ||
                                    layout == Layout.SLICED))
                            {
                                continue;
                            }
                            runCase(op, lw, rw, n, nullRatio, safe, mode, layout, random);
                        }
                    }
                }
            }
        }
    }

    private static long narrow(final long v, final int w)
    {
        return switch (w)
        {
            case 1 -> (byte)v;
            case 2 -> (short)v;
            case 4 -> (int)v;
            default -> v;
        };
    }

    private static long value(final SplittableRandom random, final int w, final boolean safe, final boolean valid,
        final boolean divisor)
    {
        if (safe && valid)
        {
            final long v = random.nextLong(-100, 101);
            return divisor && v == 0 ? 7 : narrow(v, w);
        }
        if (safe)
        {
            // under a null slot: values that would overflow or divide by zero
            final int pick = random.nextInt(3);
            return pick == 0 ? 0 : pick == 1 ? narrow(Long.MIN_VALUE >> (64 - 8 * w), w) : -1;
        }
        final int pick = random.nextInt(12);
        if (pick == 0)
        {
            return 0;
        }
        if (pick == 1)
        {
            return -1;
        }
        return narrow(TestData.nextLong(random), w);
    }

    private void runCase(final BinaryOp op, final int lw, final int rw, final int n, final double nullRatio,
        final boolean safe, final Overflow mode, final Layout layout, final SplittableRandom random)
    {
        final boolean[] lValid = Columns.validity(random, n, nullRatio);
        final boolean[] rValid = Columns.validity(random, n, nullRatio);
        final long[] xs = new long[n];
        final long[] ys = new long[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = value(random, lw, safe, lValid[i], false);
            ys[i] = value(random, rw, safe, rValid[i], op == BinaryOp.DIVIDE);
        }
        // a scalar takes the type of the column it meets
        final long scalar = layout == Layout.SCALAR_LEFT ? value(random, rw, safe, true, false) :
            value(random, lw, safe, true, op == BinaryOp.DIVIDE);
        final int outWidth = layout == Layout.SCALAR_LEFT ? rw : layout == Layout.SCALAR_RIGHT ? lw : Math.max(lw, rw);
        final String context = op + " int" + lw * 8 + "/int" + rw * 8 + " n=" + n + " nulls=" + nullRatio +
            " safe=" + safe + " " + mode + " " + layout;
        try (FieldVector left = Columns.ints(memory.allocator(), "x", lw, xs, lValid);
             FieldVector right = Columns.ints(memory.allocator(), "y", rw, ys, rValid))
        {
            // the rows each output row reads, in input numbering
            final int[] rowsRead;
            final int offset = Math.min(3, n);
            final SelectionVector selection = layout == Layout.SELECTION ?
                Columns.selection(memory.allocator(), random, n) : null;
            switch (layout)
            {
                case RANGE, SLICED ->
                {
                    rowsRead = new int[Math.max(0, n - offset - 2)];
                    for (int i = 0; i < rowsRead.length; i++)
                    {
                        rowsRead[i] = offset + i;
                    }
                }
                case SELECTION -> rowsRead = selection.toArray();
                default ->
                {
                    rowsRead = new int[n];
                    for (int i = 0; i < n; i++)
                    {
                        rowsRead[i] = i;
                    }
                }
            }
            // reference
            final int m = rowsRead.length;
            final long[] expected = new long[m];
            final boolean[] expectedValid = new boolean[m];
            int errorAt = -1;
            for (int i = 0; i < m && errorAt < 0; i++)
            {
                final int row = rowsRead[i];
                final long x = layout == Layout.SCALAR_LEFT ? scalar : xs[row];
                final long y = layout == Layout.SCALAR_RIGHT ? scalar : ys[row];
                final boolean valid = (layout == Layout.SCALAR_LEFT || lValid[row]) &&
                    (layout == Layout.SCALAR_RIGHT || rValid[row]);
                expectedValid[i] = valid;
                final java.math.BigInteger bx = java.math.BigInteger.valueOf(x);
                final java.math.BigInteger by = java.math.BigInteger.valueOf(y);
                if (op == BinaryOp.DIVIDE && y == 0)
                {
                    if (valid)
                    {
                        errorAt = i;
                    }
                    continue;
                }
                final java.math.BigInteger exact = switch (op)
                {
                    case ADD -> bx.add(by);
                    case SUBTRACT -> bx.subtract(by);
                    case MULTIPLY -> bx.multiply(by);
                    case DIVIDE -> bx.divide(by);
                };
                expected[i] = narrow(exact.longValue(), outWidth);
                if (valid && mode == Overflow.CHECK && exact.bitLength() > outWidth * 8 - 1)
                {
                    errorAt = i;
                }
            }
            FieldVector out = null;
            FieldVector sliceL = null;
            FieldVector sliceR = null;
            try
            {
                switch (layout)
                {
                    case ALL -> out = call(op, left, right, Rows.all(left), mode);
                    case RANGE -> out = call(op, left, right, Rows.range(offset, m), mode);
                    case SELECTION -> out = call(op, left, right, Rows.selected(selection), mode);
                    case SLICED ->
                    {
                        sliceL = Columns.slice(left, offset, m, memory.allocator());
                        sliceR = Columns.slice(right, offset, m, memory.allocator());
                        out = call(op, sliceL, sliceR, Rows.all(sliceL), mode);
                    }
                    case SCALAR_RIGHT -> out = callScalarRight(op, left, scalar, Rows.all(left), mode, outWidth);
                    case SCALAR_LEFT -> out = callScalarLeft(op, scalar, right, Rows.all(right), mode, outWidth);
                    case INTO ->
                    {
                        out = Columns.ints(memory.allocator(), "out", outWidth, new long[n + 1], new boolean[n + 1]);
                        into(op, left, right, mode, out);
                    }
                }
                if (errorAt >= 0)
                {
                    fail(context + ": expected a DataException at output row " + errorAt);
                }
                assertEquals(m, out.getValueCount(), context);
                for (int i = 0; i < m; i++)
                {
                    if (expectedValid[i] == out.isNull(i) ||
                        expectedValid[i] && expected[i] != Columns.longAt(out, i))
                    {
                        fail(context + " row " + i + ": expected " + (expectedValid[i] ? expected[i] : "null") +
                            " but was " + (out.isNull(i) ? "null" : Columns.longAt(out, i)));
                    }
                }
            }
            catch (final DataException e)
            {
                if (errorAt < 0)
                {
                    throw new AssertionError(context + ": unexpected " + e.getMessage(), e);
                }
                final int offsetOfSlice = layout == Layout.SLICED ? offset : 0;
                assertEquals(rowsRead[errorAt] - offsetOfSlice, e.row(), context + ": " + e.getMessage());
                assertTrue(e.column().equals("x") || e.column().equals("y"), context + ": " + e.getMessage());
            }
            finally
            {
                close(out, sliceL, sliceR, selection);
            }
        }
    }

    private static void close(final AutoCloseable... closeables)
    {
        for (final AutoCloseable c : closeables)
        {
            if (c != null)
            {
                try
                {
                    c.close();
                }
                catch (final Exception e)
                {
                    throw new AssertionError(e);
                }
            }
        }
    }

    private FieldVector call(final BinaryOp op, final FieldVector l, final FieldVector r, final Rows rows,
        final Overflow mode)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(l, r, rows, mode, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(l, r, rows, mode, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(l, r, rows, mode, memory.allocator());
            case DIVIDE -> Arithmetic.divide(l, r, rows, mode, memory.allocator());
        };
    }

    private FieldVector callScalarRight(final BinaryOp op, final FieldVector l, final long c, final Rows rows,
        final Overflow mode, final int outWidth)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(l, c, rows, mode, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(l, c, rows, mode, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(l, c, rows, mode, memory.allocator());
            case DIVIDE -> Arithmetic.divide(l, c, rows, mode, memory.allocator());
        };
    }

    private FieldVector callScalarLeft(final BinaryOp op, final long c, final FieldVector r, final Rows rows,
        final Overflow mode, final int outWidth)
    {
        return switch (op)
        {
            case ADD -> Arithmetic.add(r, c, rows, mode, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(c, r, rows, mode, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(r, c, rows, mode, memory.allocator());
            case DIVIDE -> Arithmetic.divide(c, r, rows, mode, memory.allocator());
        };
    }

    private static void into(final BinaryOp op, final FieldVector l, final FieldVector r, final Overflow mode,
        final FieldVector out)
    {
        switch (op)
        {
            case ADD -> Arithmetic.add(l, r, Rows.all(l), mode, out);
            case SUBTRACT -> Arithmetic.subtract(l, r, Rows.all(l), mode, out);
            case MULTIPLY -> Arithmetic.multiply(l, r, Rows.all(l), mode, out);
            case DIVIDE -> Arithmetic.divide(l, r, Rows.all(l), mode, out);
        }
    }
}
