package io.sabot.kernels.arith;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import io.sabot.kernels.SelectionVector;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.util.TransferPair;

/** Test helpers: build vectors from arrays, read them back, slice them, and make random selections. */
final class Columns
{
    private Columns()
    {
    }

    static FieldVector ints(final BufferAllocator allocator, final String name, final int width, final long[] values,
        final boolean[] valid)
    {
        final FieldVector v = switch (width)
        {
            case 1 -> new TinyIntVector(name, allocator);
            case 2 -> new SmallIntVector(name, allocator);
            case 4 -> new IntVector(name, allocator);
            default -> new BigIntVector(name, allocator);
        };
        v.setInitialCapacity(values.length);
        v.allocateNew();
        for (int i = 0; i < values.length; i++)
        {
            if (valid[i])
            {
                ((BaseIntVector)v).setWithPossibleTruncate(i, values[i]);
            }
            else
            {
                // garbage under the null slot: must never raise
                ((BaseIntVector)v).setWithPossibleTruncate(i, values[i]);
                v.setNull(i);
            }
        }
        v.setValueCount(values.length);
        return v;
    }

    static FieldVector doubles(final BufferAllocator allocator, final String name, final int width,
        final double[] values, final boolean[] valid)
    {
        final FieldVector v = width == 4 ? new Float4Vector(name, allocator) : new Float8Vector(name, allocator);
        v.setInitialCapacity(values.length);
        v.allocateNew();
        for (int i = 0; i < values.length; i++)
        {
            if (width == 4)
            {
                ((Float4Vector)v).set(i, (float)values[i]);
            }
            else
            {
                ((Float8Vector)v).set(i, values[i]);
            }
            if (!valid[i])
            {
                v.setNull(i);
            }
        }
        v.setValueCount(values.length);
        return v;
    }

    static DecimalVector decimals(final BufferAllocator allocator, final String name, final int precision,
        final int scale, final BigDecimal[] values)
    {
        final DecimalVector v = new DecimalVector(name, allocator, precision, scale);
        v.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                v.setNull(i);
            }
            else
            {
                v.set(i, values[i]);
            }
        }
        v.setValueCount(values.length);
        return v;
    }

    static long longAt(final FieldVector v, final int i)
    {
        return ((BaseIntVector)v).getValueAsLong(i);
    }

    static double doubleAt(final FieldVector v, final int i)
    {
        return v instanceof Float4Vector f ? f.get(i) : ((Float8Vector)v).get(i);
    }

    static boolean[] validity(final SplittableRandom random, final int n, final double nullRatio)
    {
        final boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            valid[i] = !(nullRatio >= 1 || (nullRatio > 0 && random.nextDouble() < nullRatio));
        }
        return valid;
    }

    /** A vector holding rows {@code [start, start + length)} of {@code v}, sharing or copying its buffers. */
    static FieldVector slice(final FieldVector v, final int start, final int length, final BufferAllocator allocator)
    {
        final TransferPair pair = v.getTransferPair(allocator);
        pair.splitAndTransfer(start, length);
        return (FieldVector)pair.getTo();
    }

    /** Random positions in {@code [0, n)}, unordered and with repeats, about {@code n / 2} of them. */
    static SelectionVector selection(final BufferAllocator allocator, final SplittableRandom random, final int n)
    {
        final int count = n == 0 ? 0 : random.nextInt(n / 2 + 1);
        final int[] positions = new int[count];
        for (int i = 0; i < count; i++)
        {
            positions[i] = random.nextInt(n);
        }
        return SelectionVector.of(allocator, positions);
    }
}
