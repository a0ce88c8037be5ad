package io.sabot.kernels.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.CompareOp;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;

/** Plain, obviously-correct reference semantics for the comparison kernel tests. */
final class Reference
{
    private Reference()
    {
    }

    /** @return the value of a row as Long / Double / BigDecimal / Boolean / byte[], or null. */
    static Object valueAt(final FieldVector v, final int row)
    {
        if (v.isNull(row))
        {
            return null;
        }
        final Kind kind = Kind.of(v);
        final ArrowBuf data = v.getDataBuffer();
        return switch (kind)
        {
            case INT8 -> (long)data.getByte(row);
            case INT16 -> (long)data.getShort(2L * row);
            case INT32 -> (long)data.getInt(4L * row);
            case INT64 -> data.getLong(8L * row);
            case FLOAT32 -> (double)data.getFloat(4L * row);
            case FLOAT64 -> data.getDouble(8L * row);
            case DECIMAL -> ((DecimalVector)v).getObject(row);
            case BOOL -> ((BitVector)v).get(row) == 1;
            case BINARY -> ((BaseVariableWidthVector)v).get(row);
        };
    }

    /** @return {@code a op b} with Arrow semantics, null if either is null. */
    static Boolean compare(final CompareOp op, final Object a, final Object b)
    {
        if (a == null || b == null)
        {
            return null;
        }
        if (a instanceof Double x)
        {
            final double y = ((Number)b).doubleValue();
            return switch (op)
            {
                case EQ -> x == y;
                case NE -> x != y;
                case LT -> x < y;
                case LE -> x <= y;
                case GT -> x > y;
                case GE -> x >= y;
            };
        }
        final int c;
        if (a instanceof Long x)
        {
            c = Long.compare(x, (Long)b);
        }
        else if (a instanceof BigDecimal x)
        {
            c = x.compareTo((BigDecimal)b);
        }
        else if (a instanceof Boolean x)
        {
            c = Boolean.compare(x, (Boolean)b);
        }
        else
        {
            c = Arrays.compareUnsigned((byte[])a, (byte[])b);
        }
        return op.test(c);
    }

    /** Checks a BitVector result against expected values (null = null row). */
    static void assertBits(final Boolean[] expected, final BitVector out, final String what)
    {
        assertEquals(expected.length, out.getValueCount(), what + " value count");
        for (int i = 0; i < expected.length; i++)
        {
            final int row = i;
            // Messages are built only on failure: this loop runs millions of times.
            if (expected[i] == null)
            {
                assertTrue(out.isNull(i), () -> what + " row " + row + " should be null");
            }
            else
            {
                assertTrue(!out.isNull(i), () -> what + " row " + row + " should not be null");
                assertEquals(expected[i], out.get(i) == 1, () -> what + " row " + row);
            }
        }
    }

    /** Checks a selection holds exactly the input rows whose expected value is TRUE. */
    static void assertSelection(final Boolean[] expected, final Rows rows, final SelectionVector selection,
        final String what)
    {
        final List<Integer> want = new ArrayList<>();
        for (int i = 0; i < expected.length; i++)
        {
            if (Boolean.TRUE.equals(expected[i]))
            {
                want.add(rows.rowAt(i));
            }
        }
        assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), selection.toArray(), what);
    }

    /** @return the row-mode variants to run over a vector of n rows: all, an offset range, a selection. */
    static List<Rows> rowModes(final int n, final List<SelectionVector> owned, final BufferAllocator allocator,
        final SplittableRandom random)
    {
        final List<Rows> modes = new ArrayList<>();
        modes.add(Rows.range(0, n));
        if (n >= 6)
        {
            modes.add(Rows.range(3, n - 5));
        }
        final int[] positions = random.ints(random.nextInt(n + 1), 0, Math.max(1, n)).toArray();
        if (n > 0)
        {
            if (random.nextBoolean())
            {
                Arrays.sort(positions);
            }
            final SelectionVector selection = SelectionVector.of(allocator, positions);
            owned.add(selection);
            modes.add(Rows.selected(selection));
        }
        return modes;
    }
}
