package io.sabot.kernels.compare;

import static io.sabot.kernels.compare.Reference.assertBits;
import static io.sabot.kernels.compare.Reference.assertSelection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BooleanLogic} against a three-valued reference: the full 3x3 truth tables, random columns with nulls (and
 * garbage value bits under nulls) over TestData sizes and row modes, sliced inputs, selectTrue and errors.
 */
final class BooleanLogicTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static Boolean andK(final Boolean a, final Boolean b)
    {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b))
        {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean orK(final Boolean a, final Boolean b)
    {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b))
        {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static Boolean notK(final Boolean a)
    {
        return a == null ? null : !a;
    }

    private static Boolean expected(final int op, final Boolean a, final Boolean b)
    {
        return switch (op)
        {
            case 0 -> andK(a, b);
            case 1 -> orK(a, b);
            case 2 -> andK(a, notK(b));
            case 3 -> a == null || b == null ? null : a ^ b;
            default -> notK(a);
        };
    }

    private static BitVector run(final int op, final BitVector a, final BitVector b, final Rows rows,
        final BufferAllocator allocator)
    {
        return switch (op)
        {
            case 0 -> BooleanLogic.and(a, b, rows, allocator);
            case 1 -> BooleanLogic.or(a, b, rows, allocator);
            case 2 -> BooleanLogic.andNot(a, b, rows, allocator);
            case 3 -> BooleanLogic.xor(a, b, rows, allocator);
            default -> BooleanLogic.not(a, rows, allocator);
        };
    }

    private static void runInto(final int op, final BitVector a, final BitVector b, final Rows rows,
        final BitVector out)
    {
        switch (op)
        {
            case 0 -> BooleanLogic.and(a, b, rows, out);
            case 1 -> BooleanLogic.or(a, b, rows, out);
            case 2 -> BooleanLogic.andNot(a, b, rows, out);
            case 3 -> BooleanLogic.xor(a, b, rows, out);
            default -> BooleanLogic.not(a, rows, out);
        }
    }

    private BitVector column(final String name, final Boolean[] values)
    {
        final BitVector v = new BitVector(name, memory.allocator());
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                // Leave a set value bit under the null: kernels must ignore it.
                v.set(i, 1);
                v.setNull(i);
            }
            else
            {
                v.set(i, values[i] ? 1 : 0);
            }
        }
        v.setValueCount(values.length);
        return v;
    }

    private static Boolean at(final BitVector v, final int row)
    {
        return v.isNull(row) ? null : v.get(row) == 1;
    }

    @Test
    void truthTablesMatchArrowKleene()
    {
        final Boolean[] three = {true, false, null};
        final Boolean[] left = new Boolean[9];
        final Boolean[] right = new Boolean[9];
        for (int i = 0; i < 9; i++)
        {
            left[i] = three[i / 3];
            right[i] = three[i % 3];
        }
        final BufferAllocator a = memory.allocator();
        try (BitVector l = column("a", left); BitVector r = column("b", right))
        {
            // Spot checks straight from the Arrow docs.
            try (BitVector and = BooleanLogic.and(l, r, a); BitVector or = BooleanLogic.or(l, r, a))
            {
                assertEquals(false, at(and, 5));
                assertEquals(null, at(and, 2));
                assertEquals(true, at(or, 2));
                assertEquals(null, at(or, 5));
                assertEquals(null, at(and, 8));
            }
            for (int op = 0; op < 5; op++)
            {
                final Boolean[] want = new Boolean[9];
                for (int i = 0; i < 9; i++)
                {
                    want[i] = expected(op, left[i], right[i]);
                }
                try (BitVector out = run(op, l, r, Rows.all(l), a))
                {
                    assertBits(want, out, "op " + op);
                }
            }
        }
    }

    @Test
    void randomColumnsMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(21);
        final BufferAllocator a = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double nullRatio : new double[] {0.0, 0.3, 1.0})
            {
                final Boolean[] left = new Boolean[n];
                final Boolean[] right = new Boolean[n];
                for (int i = 0; i < n; i++)
                {
                    left[i] = random.nextDouble() < nullRatio ? null : random.nextBoolean();
                    right[i] = random.nextDouble() < nullRatio ? null : random.nextBoolean();
                }
                final List<SelectionVector> owned = new ArrayList<>();
                try (BitVector l = column("a", left); BitVector r = column("b", right);
                     BitVector reused = new BitVector("out", a))
                {
                    for (final Rows rows : Reference.rowModes(n, owned, a, random))
                    {
                        for (int op = 0; op < 5; op++)
                        {
                            final Boolean[] want = new Boolean[rows.count()];
                            for (int i = 0; i < want.length; i++)
                            {
                                want[i] = expected(op, left[rows.rowAt(i)], right[rows.rowAt(i)]);
                            }
                            try (BitVector out = run(op, l, r, rows, a))
                            {
                                assertBits(want, out, "op " + op + " n=" + n + " " + rows);
                            }
                            runInto(op, l, r, rows, reused);
                            assertBits(want, reused, "into op " + op + " n=" + n + " " + rows);
                        }
                        final Boolean[] self = new Boolean[rows.count()];
                        for (int i = 0; i < self.length; i++)
                        {
                            self[i] = left[rows.rowAt(i)];
                        }
                        try (SelectionVector sel = BooleanLogic.selectTrue(l, rows, a))
                        {
                            assertSelection(self, rows, sel, "selectTrue n=" + n + " " + rows);
                        }
                    }
                }
                finally
                {
                    owned.forEach(SelectionVector::close);
                }
            }
        }
    }

    @Test
    void slicedInputsStartingMidByte()
    {
        final SplittableRandom random = new SplittableRandom(22);
        final int n = 300;
        final Boolean[] left = new Boolean[n];
        final Boolean[] right = new Boolean[n];
        for (int i = 0; i < n; i++)
        {
            left[i] = random.nextInt(4) == 0 ? null : random.nextBoolean();
            right[i] = random.nextInt(4) == 0 ? null : random.nextBoolean();
        }
        final BufferAllocator a = memory.allocator();
        try (BitVector l = column("a", left); BitVector r = column("b", right))
        {
            for (final int[] slice : new int[][] {{3, 100}, {13, 200}, {64, 65}})
            {
                final TransferPair pl = l.getTransferPair(a);
                final TransferPair pr = r.getTransferPair(a);
                pl.splitAndTransfer(slice[0], slice[1]);
                pr.splitAndTransfer(slice[0], slice[1]);
                try (BitVector sl = (BitVector)pl.getTo(); BitVector sr = (BitVector)pr.getTo())
                {
                    for (int op = 0; op < 5; op++)
                    {
                        final Boolean[] want = new Boolean[slice[1]];
                        for (int i = 0; i < slice[1]; i++)
                        {
                            want[i] = expected(op, left[slice[0] + i], right[slice[0] + i]);
                        }
                        try (BitVector out = run(op, sl, sr, Rows.all(sl), a))
                        {
                            assertBits(want, out, "sliced op " + op);
                        }
                    }
                    // And a range that starts mid-byte inside the slice.
                    try (BitVector out = BooleanLogic.and(sl, sr, Rows.range(5, 50), a))
                    {
                        final Boolean[] want = new Boolean[50];
                        for (int i = 0; i < 50; i++)
                        {
                            want[i] = andK(left[slice[0] + 5 + i], right[slice[0] + 5 + i]);
                        }
                        assertBits(want, out, "sliced range");
                    }
                }
            }
        }
    }

    @Test
    void lengthMismatchAndRowsOutsideAreSchemaErrors()
    {
        final BufferAllocator a = memory.allocator();
        try (BitVector l = column("flags", new Boolean[] {true, false, null});
             BitVector r = column("other", new Boolean[] {true, false}))
        {
            assertThrows(SchemaException.class, () -> BooleanLogic.and(l, r, a));
            assertThrows(SchemaException.class, () -> BooleanLogic.not(l, Rows.range(2, 2), a));
            assertThrows(SchemaException.class, () -> BooleanLogic.selectTrue(l, Rows.range(1, 3), a));
        }
    }
}
