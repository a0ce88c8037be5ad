package io.sabot.kernels.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Random vectors of every supported type and a byte-exact row comparison, shared by the select tests. */
final class SelectTestSupport
{
    /** Every type filter and take must handle. */
    static final List<ArrowType> TYPES = List.of(
        new ArrowType.Int(8, true), new ArrowType.Int(8, false), new ArrowType.Int(16, true),
        new ArrowType.Int(16, false), new ArrowType.Int(32, true), new ArrowType.Int(32, false),
        new ArrowType.Int(64, true), new ArrowType.Int(64, false),
        new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
        new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), ArrowType.Bool.INSTANCE,
        new ArrowType.Date(DateUnit.DAY), new ArrowType.Date(DateUnit.MILLISECOND),
        new ArrowType.Timestamp(TimeUnit.SECOND, null), new ArrowType.Timestamp(TimeUnit.MILLISECOND, null),
        new ArrowType.Timestamp(TimeUnit.MICROSECOND, null), new ArrowType.Timestamp(TimeUnit.NANOSECOND, null),
        new ArrowType.Timestamp(TimeUnit.SECOND, "UTC"), new ArrowType.Timestamp(TimeUnit.MILLISECOND, "Europe/Paris"),
        new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), new ArrowType.Timestamp(TimeUnit.NANOSECOND, "+05:30"),
        new ArrowType.Time(TimeUnit.MICROSECOND, 64), new ArrowType.Duration(TimeUnit.MILLISECOND),
        new ArrowType.Decimal(38, 4, 128), new ArrowType.FixedSizeBinary(5), ArrowType.Utf8.INSTANCE,
        ArrowType.Binary.INSTANCE, ArrowType.LargeUtf8.INSTANCE, ArrowType.LargeBinary.INSTANCE);

    private SelectTestSupport()
    {
    }

    /** @return a new vector of {@code type} with random bytes and about {@code nullRatio} nulls. */
    static FieldVector random(final BufferAllocator allocator, final ArrowType type, final int n,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final FieldVector vector = new Field("c_" + type, FieldType.nullable(type), null).createVector(allocator);
        if (vector instanceof BitVector bits)
        {
            bits.allocateNew(n);
            for (int i = 0; i < n; i++)
            {
                if (random.nextDouble() >= nullRatio)
                {
                    bits.set(i, random.nextInt(2));
                }
            }
        }
        else if (vector instanceof BaseFixedWidthVector fixed)
        {
            fixed.allocateNew(n);
            final int width = fixed.getTypeWidth();
            for (long b = 0; b < (long)n * width; b++)
            {
                fixed.getDataBuffer().setByte(b, random.nextInt());
            }
            for (int i = 0; i < n; i++)
            {
                if (random.nextDouble() >= nullRatio)
                {
                    BitVectorHelper.setBit(fixed.getValidityBuffer(), i);
                }
            }
        }
        else if (vector instanceof BaseVariableWidthVector var)
        {
            var.allocateNew(n);
            for (int i = 0; i < n; i++)
            {
                if (random.nextDouble() >= nullRatio)
                {
                    var.setSafe(i, bytes(random));
                }
            }
        }
        else
        {
            final BaseLargeVariableWidthVector var = (BaseLargeVariableWidthVector)vector;
            var.allocateNew(n);
            for (int i = 0; i < n; i++)
            {
                if (random.nextDouble() >= nullRatio)
                {
                    var.setSafe(i, bytes(random));
                }
            }
        }
        vector.setValueCount(n);
        return vector;
    }

    private static byte[] bytes(final SplittableRandom random)
    {
        final byte[] bytes = new byte[random.nextInt(4) == 0 ? random.nextInt(41) : random.nextInt(13)];
        for (int b = 0; b < bytes.length; b++)
        {
            bytes[b] = (byte)('a' + random.nextInt(26));
        }
        return bytes;
    }

    /** @return row {@code i} as raw bytes, or {@code null} when the row is null. */
    static byte[] row(final FieldVector vector, final int i)
    {
        if (vector.isNull(i))
        {
            return null;
        }
        if (vector instanceof BitVector bits)
        {
            return new byte[] {(byte)bits.get(i)};
        }
        if (vector instanceof BaseFixedWidthVector fixed)
        {
            final int width = fixed.getTypeWidth();
            final byte[] bytes = new byte[width];
            fixed.getDataBuffer().getBytes((long)i * width, bytes);
            return bytes;
        }
        if (vector instanceof BaseVariableWidthVector var)
        {
            return var.get(i);
        }
        return ((BaseLargeVariableWidthVector)vector).get(i);
    }

    /**
     * Asserts {@code out} has the input's field and exactly the rows {@code in[rows[i]]}, where a negative entry
     * means a null row.
     */
    static void assertRows(final FieldVector in, final int[] rows, final FieldVector out, final String where)
    {
        assertEquals(in.getField(), out.getField(), where + ": field");
        assertEquals(rows.length, out.getValueCount(), where + ": row count");
        int nulls = 0;
        for (int i = 0; i < rows.length; i++)
        {
            final byte[] expected = rows[i] < 0 ? null : row(in, rows[i]);
            nulls += expected == null ? 1 : 0;
            assertArrayEquals(expected, row(out, i), where + ": row " + i + " (input row " + rows[i] + ")");
        }
        assertEquals(nulls, out.getNullCount(), where + ": null count");
    }

    /** @return the positions of the set, non-null rows of {@code predicate}. */
    static int[] kept(final BitVector predicate)
    {
        final List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < predicate.getValueCount(); i++)
        {
            if (!predicate.isNull(i) && predicate.get(i) == 1)
            {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** @return a predicate of {@code n} rows, true with {@code density}, null with {@code nullRatio}. */
    static BitVector predicate(final BufferAllocator allocator, final int n, final double density,
        final double nullRatio, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final BitVector predicate = new BitVector("keep", allocator);
        predicate.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (random.nextDouble() >= nullRatio)
            {
                predicate.set(i, random.nextDouble() < density ? 1 : 0);
            }
            else if (random.nextBoolean())
            {
                // a null whose value bit is set must still drop the row
                predicate.set(i, 1);
                BitVectorHelper.unsetBit(predicate.getValidityBuffer(), i);
            }
        }
        predicate.setValueCount(n);
        return predicate;
    }
}
