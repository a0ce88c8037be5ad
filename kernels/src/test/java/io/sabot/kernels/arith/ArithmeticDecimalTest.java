package io.sabot.kernels.arith;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Decimal128 arithmetic against BigDecimal: result types by Arrow C++ rules, the 64-bit path (result precision
 * <= 18), the 128-bit path, truncating division, precision overflow in CHECK mode, and division by zero.
 */
final class ArithmeticDecimalTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static BigDecimal random(final Random random, final int precision, final int scale)
    {
        final int pick = random.nextInt(10);
        final BigInteger limit = BigInteger.TEN.pow(precision);
        BigInteger unscaled;
        if (pick == 0)
        {
            unscaled = limit.subtract(BigInteger.ONE); // the largest value of the type
        }
        else if (pick == 1)
        {
            unscaled = BigInteger.ZERO;
        }
        else
        {
            final int digits = 1 + random.nextInt(precision);
            unscaled = new BigInteger(4 * digits + 8, random).mod(BigInteger.TEN.pow(digits));
        }
        if (random.nextBoolean())
        {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, scale);
    }

    private static BigDecimal[] column(final Random random, final int n, final int p, final int s,
        final boolean divisor)
    {
        final BigDecimal[] values = new BigDecimal[n];
        for (int i = 0; i < n; i++)
        {
            if (random.nextInt(5) == 0)
            {
                values[i] = null;
                continue;
            }
            BigDecimal v = random(random, p, s);
            if (divisor && v.signum() == 0)
            {
                v = new BigDecimal(BigInteger.ONE, s);
            }
            values[i] = v;
        }
        return values;
    }

    private static BigDecimal reference(final BinaryOp op, final BigDecimal x, final BigDecimal y, final int scale)
    {
        return switch (op)
        {
            case ADD -> x.add(y).setScale(scale);
            case SUBTRACT -> x.subtract(y).setScale(scale);
            case MULTIPLY -> x.multiply(y).setScale(scale);
            case DIVIDE -> x.divide(y, scale, RoundingMode.DOWN);
        };
    }

    @ParameterizedTest(name = "decimal({0},{1}) op decimal({2},{3})")
    @CsvSource({"5,2,7,3", "10,2,8,0", "20,5,15,3", "38,10,38,10", "18,0,18,0", "9,9,9,9", "30,10,5,2", "1,0,1,0"})
    void matchesBigDecimal(final int p1, final int s1, final int p2, final int s2)
    {
        final Random random = new Random(p1 * 1000L + s1 * 100L + p2 * 10L + s2);
        for (final int n : new int[] {0, 1, 7, 33, 500})
        {
            final BigDecimal[] xs = column(random, n, p1, s1, false);
            final BigDecimal[] ys = column(random, n, p2, s2, true);
            try (DecimalVector l = Columns.decimals(memory.allocator(), "x", p1, s1, xs);
                 DecimalVector r = Columns.decimals(memory.allocator(), "y", p2, s2, ys);
                 SelectionVector sel = Columns.selection(memory.allocator(), new java.util.SplittableRandom(n), n))
            {
                for (final BinaryOp op : BinaryOp.values())
                {
                    final ArrowType.Decimal type;
                    try
                    {
                        type = (ArrowType.Decimal)Arithmetic.resultType(op, l.getField().getType(),
                            r.getField().getType());
                    }
                    catch (final SchemaException e)
                    {
                        assertEquals(BinaryOp.DIVIDE, op, e.getMessage());
                        assertTrue(e.getMessage().contains("scale"), e.getMessage());
                        continue;
                    }
                    for (final Overflow mode : Overflow.values())
                    {
                        check(op, mode, l, r, xs, ys, Rows.all(l), identity(n), type);
                        check(op, mode, l, r, xs, ys, Rows.selected(sel), sel.toArray(), type);
                    }
                }
            }
        }
    }

    private static int[] identity(final int n)
    {
        final int[] rows = new int[n];
        for (int i = 0; i < n; i++)
        {
            rows[i] = i;
        }
        return rows;
    }

    private void check(final BinaryOp op, final Overflow mode, final DecimalVector l, final DecimalVector r,
        final BigDecimal[] xs, final BigDecimal[] ys, final Rows rows, final int[] rowsRead,
        final ArrowType.Decimal type)
    {
        final String ctx = op + " " + l.getField().getType() + " " + r.getField().getType() + " -> " + type + " " +
            mode + " n=" + rowsRead.length;
        final BigInteger limit = BigInteger.TEN.pow(type.getPrecision());
        int errorAt = -1;
        final BigDecimal[] expected = new BigDecimal[rowsRead.length];
        for (int i = 0; i < rowsRead.length; i++)
        {
            final BigDecimal x = xs[rowsRead[i]];
            final BigDecimal y = ys[rowsRead[i]];
            if (x == null || y == null)
            {
                continue;
            }
            expected[i] = reference(op, x, y, type.getScale());
            if (expected[i].unscaledValue().abs().compareTo(limit) >= 0)
            {
                if (mode == Overflow.CHECK && errorAt < 0)
                {
                    errorAt = i;
                }
                expected[i] = null; // WRAP: value not specified beyond the precision
            }
        }
        try (FieldVector out = switch (op)
        {
            case ADD -> Arithmetic.add(l, r, rows, mode, memory.allocator());
            case SUBTRACT -> Arithmetic.subtract(l, r, rows, mode, memory.allocator());
            case MULTIPLY -> Arithmetic.multiply(l, r, rows, mode, memory.allocator());
            case DIVIDE -> Arithmetic.divide(l, r, rows, mode, memory.allocator());
        })
        {
            if (errorAt >= 0)
            {
                fail(ctx + ": expected overflow at output row " + errorAt + " (" + xs[rowsRead[errorAt]] + " " +
                    op.symbol + " " + ys[rowsRead[errorAt]] + ")");
            }
            final DecimalVector d = (DecimalVector)out;
            assertEquals(type, d.getField().getType(), ctx);
            for (int i = 0; i < rowsRead.length; i++)
            {
                final boolean valid = xs[rowsRead[i]] != null && ys[rowsRead[i]] != null;
                assertEquals(valid, !d.isNull(i), ctx + " validity row " + i);
                if (expected[i] != null)
                {
                    assertEquals(expected[i], d.getObject(i), ctx + " row " + i + ": " + xs[rowsRead[i]] + " " +
                        op.symbol + " " + ys[rowsRead[i]]);
                }
            }
        }
        catch (final DataException e)
        {
            if (errorAt < 0)
            {
                throw new AssertionError(ctx + ": unexpected " + e.getMessage(), e);
            }
            assertEquals(rowsRead[errorAt], e.row(), ctx + ": " + e.getMessage());
            assertEquals("x", e.column(), ctx);
        }
    }

    @Test
    void resultTypesFollowArrowRules()
    {
        final ArrowType a = new ArrowType.Decimal(10, 2, 128);
        final ArrowType b = new ArrowType.Decimal(8, 3, 128);
        assertEquals(new ArrowType.Decimal(12, 3, 128), Arithmetic.resultType(BinaryOp.ADD, a, b));
        assertEquals(new ArrowType.Decimal(12, 3, 128), Arithmetic.resultType(BinaryOp.SUBTRACT, a, b));
        assertEquals(new ArrowType.Decimal(19, 5, 128), Arithmetic.resultType(BinaryOp.MULTIPLY, a, b));
        // scale max(4, 2 + 8 - 3 + 1) = 8, precision 10 - 2 + 3 + 8 = 19
        assertEquals(new ArrowType.Decimal(19, 8, 128), Arithmetic.resultType(BinaryOp.DIVIDE, a, b));
        final ArrowType big = new ArrowType.Decimal(38, 0, 128);
        assertEquals(new ArrowType.Decimal(38, 0, 128), Arithmetic.resultType(BinaryOp.ADD, big, big));
    }

    @Test
    void scalarsDivisionByZeroAndNegate()
    {
        final BigDecimal[] xs = {new BigDecimal("1.50"), null, new BigDecimal("-2.25"), new BigDecimal("0.00")};
        final BigDecimal[] zeros = {new BigDecimal("0.0"), new BigDecimal("0.0"), new BigDecimal("1.0"), null};
        try (DecimalVector x = Columns.decimals(memory.allocator(), "x", 5, 2, xs);
             DecimalVector z = Columns.decimals(memory.allocator(), "z", 3, 1, zeros);
             FieldVector plus = Arithmetic.add(x, new BigDecimal("0.125"), Rows.all(x), Overflow.CHECK,
                 memory.allocator());
             FieldVector minus = Arithmetic.subtract(10L, x, Rows.all(x), Overflow.CHECK, memory.allocator());
             FieldVector neg = Arithmetic.negate(x, Overflow.CHECK, memory.allocator());
             FieldVector abs = Arithmetic.abs(x, Overflow.CHECK, memory.allocator());
             FieldVector ok = Arithmetic.divide(x, z, Rows.range(1, 3), Overflow.WRAP, memory.allocator()))
        {
            assertEquals(new BigDecimal("1.625"), ((DecimalVector)plus).getObject(0));
            assertTrue(plus.isNull(1));
            assertEquals(new BigDecimal("12.25"), ((DecimalVector)minus).getObject(2));
            assertEquals(new BigDecimal("-1.50"), ((DecimalVector)neg).getObject(0));
            assertEquals(new BigDecimal("2.25"), ((DecimalVector)abs).getObject(2));
            assertTrue(ok.isNull(0)); // row 1: null dividend over a zero divisor is not an error
            assertEquals(new BigDecimal("-2.25000000").setScale(((DecimalVector)ok).getScale()),
                ((DecimalVector)ok).getObject(1));
            for (final Overflow mode : Overflow.values())
            {
                final DataException e = assertThrows(DataException.class,
                    () -> Arithmetic.divide(x, z, Rows.all(x), mode, memory.allocator()).close());
                assertEquals(0, e.row());
                assertEquals("z", e.column());
                assertTrue(e.getMessage().contains("division by zero"), e.getMessage());
            }
        }
    }
}
