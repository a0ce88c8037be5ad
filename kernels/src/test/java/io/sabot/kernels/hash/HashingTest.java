package io.sabot.kernels.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import io.sabot.simd.Hash64;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Row hashes against a per-row reference built from {@link Hash64} and Arrow's own getters.
 */
final class HashingTest
{
    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void everyTypeAloneMatchesReference()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double nulls : NULL_RATIOS)
            {
                final List<FieldVector> all = allTypes(allocator, n, nulls, n * 31L + (long)(nulls * 10));
                try
                {
                    for (final FieldVector column : all)
                    {
                        checkAgainstReference(allocator, List.of(column), Rows.all(column), column.getName());
                    }
                }
                finally
                {
                    all.forEach(FieldVector::close);
                }
            }
        }
    }

    @Test
    void multiColumnWithRangesAndSelections()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(7);
        for (final int n : new int[] {1, 9, 33, 1000, 4099})
        {
            final List<FieldVector> all = allTypes(allocator, n, 0.15, n);
            try
            {
                checkAgainstReference(allocator, all, Rows.all(all.get(0)), "all columns");
                final int offset = n / 3;
                checkAgainstReference(allocator, all, Rows.range(offset, n - offset), "range");
                final int[] positions = random.ints(n / 2 + 1, 0, n).sorted().toArray();
                try (SelectionVector selection = SelectionVector.of(allocator, positions))
                {
                    checkAgainstReference(allocator, all, Rows.selected(selection), "selection");
                }
            }
            finally
            {
                all.forEach(FieldVector::close);
            }
        }
    }

    @Test
    void negativeZeroEqualsZeroAndAllNaNsAreEqual()
    {
        final BufferAllocator allocator = memory.allocator();
        try (Float8Vector doubles = new Float8Vector("d", allocator);
            Float4Vector floats = new Float4Vector("f", allocator))
        {
            final long[] bits = {Double.doubleToRawLongBits(-0.0), 0L, 0x7FF8000000000000L, 0x7FF0000000000001L,
                0xFFF8000000000000L, 0x7FFFFFFFFFFFFFFFL, 0x7FF8000000000000L, 0L, 0x3FF0000000000000L};
            doubles.allocateNew(bits.length);
            floats.allocateNew(bits.length);
            for (int i = 0; i < bits.length; i++)
            {
                doubles.set(i, 0.0);
                doubles.getDataBuffer().setLong((long)i * 8, bits[i]);
                floats.set(i, 0.0f);
                final int floatBits = i == 0 ? 0x80000000 : i == 1 || i == 7 ? 0 : i == 8 ? 0x3F800000 :
                    0x7FC00000 | i;
                floats.getDataBuffer().setInt((long)i * 4, floatBits);
            }
            doubles.setValueCount(bits.length);
            floats.setValueCount(bits.length);
            for (final FieldVector vector : List.<FieldVector>of(doubles, floats))
            {
                try (BigIntVector hashes = Hashing.hash(List.of(vector), allocator))
                {
                    assertEquals(hashes.get(0), hashes.get(1), "-0.0 vs 0.0 in " + vector.getName());
                    for (int i = 3; i < 7; i++)
                    {
                        assertEquals(hashes.get(2), hashes.get(i), "NaN " + i + " in " + vector.getName());
                    }
                    assertNotEquals(hashes.get(1), hashes.get(2));
                    assertNotEquals(hashes.get(1), hashes.get(8));
                }
            }
            try (BigIntVector d = Hashing.hash(List.of(doubles), allocator);
                BigIntVector f = Hashing.hash(List.of(floats), allocator))
            {
                assertEquals(d.get(8), f.get(8), "1.0f and 1.0d hash alike");
            }
        }
    }

    @Test
    void slicedVectorHashesTheSame()
    {
        final BufferAllocator allocator = memory.allocator();
        final int n = 1000;
        final List<FieldVector> all = allTypes(allocator, n, 0.2, 99);
        try (BigIntVector whole = Hashing.hash(all, allocator))
        {
            for (final int start : new int[] {0, 1, 3, 8, 13, 64, 500})
            {
                final int length = n - start - 7;
                final List<FieldVector> slices = new ArrayList<>();
                try
                {
                    for (final FieldVector column : all)
                    {
                        final TransferPair pair = column.getTransferPair(allocator);
                        pair.splitAndTransfer(start, length);
                        slices.add((FieldVector)pair.getTo());
                    }
                    try (BigIntVector sliced = Hashing.hash(slices, allocator))
                    {
                        for (int i = 0; i < length; i++)
                        {
                            assertEquals(whole.get(start + i), sliced.get(i), "slice at " + start + " row " + i);
                        }
                    }
                }
                finally
                {
                    slices.forEach(FieldVector::close);
                }
            }
        }
        finally
        {
            all.forEach(FieldVector::close);
        }
    }

    @Test
    void columnOrderMatters()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector a = TestData.bigInts(allocator, "a", 100, 0, 1);
            BigIntVector b = TestData.bigInts(allocator, "b", 100, 0, 2);
            BigIntVector ab = Hashing.hash(List.of(a, b), allocator);
            BigIntVector ba = Hashing.hash(List.of(b, a), allocator))
        {
            int differ = 0;
            for (int i = 0; i < 100; i++)
            {
                differ += ab.get(i) != ba.get(i) ? 1 : 0;
                assertFalse(ab.isNull(i));
            }
            // Rows where a == b hash alike either way; random longs differ nearly everywhere.
            assertEquals(true, differ > 90, "only " + differ + " rows differ");
        }
    }

    @Test
    void equalDecimalsHashEqualAndCallerOutputGrows()
    {
        final BufferAllocator allocator = memory.allocator();
        try (DecimalVector x = new DecimalVector("x", allocator, 38, 2);
            DecimalVector y = new DecimalVector("y", allocator, 38, 2);
            BigIntVector out = new BigIntVector("out", allocator))
        {
            final BigDecimal[] values = {new BigDecimal("1.50"), new BigDecimal("-1.50"),
                new BigDecimal("123456789012345678901234567890.12"), new BigDecimal("-92233720368547758.08")};
            x.allocateNew(values.length);
            y.allocateNew(values.length);
            for (int i = 0; i < values.length; i++)
            {
                x.set(i, values[i]);
                y.set(values.length - 1 - i, values[i]);
            }
            x.setValueCount(values.length);
            y.setValueCount(values.length);
            out.allocateNew(1);
            Hashing.hash(Rows.all(x), List.of(x), out);
            assertEquals(values.length, out.getValueCount());
            try (BigIntVector hy = Hashing.hash(List.of(y), allocator))
            {
                for (int i = 0; i < values.length; i++)
                {
                    assertEquals(out.get(i), hy.get(values.length - 1 - i), values[i].toString());
                }
            }
        }
    }

    @Test
    void badInputIsTyped()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector a = TestData.bigInts(allocator, "a", 10, 0, 1);
            BigIntVector b = TestData.bigInts(allocator, "b", 11, 0, 1);
            ListVector list = ListVector.empty("lst", allocator))
        {
            assertThrows(SchemaException.class, () -> Hashing.hash(List.of(), allocator));
            assertThrows(SchemaException.class, () -> Hashing.hash(List.of(a, b), allocator));
            assertThrows(SchemaException.class, () -> Hashing.hash(Rows.range(5, 6), List.of(a), allocator));
            final SchemaException e = assertThrows(SchemaException.class,
                () -> Hashing.hash(List.of(list), allocator));
            assertEquals(true, e.getMessage().contains("lst"), e.getMessage());
        }
    }

    private static void checkAgainstReference(final BufferAllocator allocator, final List<FieldVector> columns,
        final Rows rows, final String what)
    {
        try (BigIntVector hashes = Hashing.hash(rows, columns, allocator))
        {
            assertEquals(rows.count(), hashes.getValueCount(), what);
            for (int i = 0; i < rows.count(); i++)
            {
                long expected = Hash64.SEED;
                for (final FieldVector column : columns)
                {
                    expected = Hash64.combine(expected, reference(column, rows.rowAt(i)));
                }
                assertFalse(hashes.isNull(i));
                assertEquals(expected, hashes.get(i), what + " row " + i + " of " + rows);
            }
        }
    }

    private static long reference(final FieldVector column, final int row)
    {
        if (column.isNull(row))
        {
            return Hash64.NULL_HASH;
        }
        return switch (column)
        {
            case BigIntVector v -> Hash64.hashLong(v.get(row));
            case IntVector v -> Hash64.hashLong(v.get(row));
            case SmallIntVector v -> Hash64.hashLong(v.get(row));
            case TinyIntVector v -> Hash64.hashLong(v.get(row));
            case UInt4Vector v -> Hash64.hashLong(Integer.toUnsignedLong(v.get(row)));
            case Float4Vector v -> Hash64.hashFloat(v.get(row));
            case Float8Vector v -> Hash64.hashDouble(v.get(row));
            case BitVector v -> Hash64.hashLong(v.get(row));
            case DateDayVector v -> Hash64.hashLong(v.get(row));
            case TimeStampMicroVector v -> Hash64.hashLong(v.get(row));
            case DecimalVector v -> decimalHash(v.getObject(row).unscaledValue());
            case VarCharVector v -> bytesHash(v.get(row));
            case VarBinaryVector v -> bytesHash(v.get(row));
            default -> throw new AssertionError(column.getClass());
        };
    }

    private static long decimalHash(final BigInteger unscaled)
    {
        if (unscaled.bitLength() < 64)
        {
            return Hash64.hashLong(unscaled.longValue());
        }
        final byte[] bigEndian = unscaled.toByteArray();
        final byte[] little = new byte[16];
        for (int i = 0; i < 16; i++)
        {
            final byte sign = (byte)(unscaled.signum() < 0 ? -1 : 0);
            little[i] = i < bigEndian.length ? bigEndian[bigEndian.length - 1 - i] : sign;
        }
        return bytesHash(little);
    }

    private static long bytesHash(final byte[] bytes)
    {
        return Hash64.hashBytes(MemorySegment.ofArray(bytes), 0, bytes.length);
    }

    private static List<FieldVector> allTypes(final BufferAllocator allocator, final int n, final double nulls,
        final long seed)
    {
        final List<FieldVector> out = new ArrayList<>();
        out.add(TestData.bigInts(allocator, "i64", n, nulls, seed));
        out.add(TestData.ints(allocator, "i32", n, nulls, seed + 1));
        out.add(TestData.smallInts(allocator, "i16", n, nulls, seed + 2));
        out.add(TestData.tinyInts(allocator, "i8", n, nulls, seed + 3));
        out.add(TestData.doubles(allocator, "f64", n, nulls, seed + 4));
        out.add(TestData.floats(allocator, "f32", n, nulls, seed + 5));
        out.add(TestData.strings(allocator, "utf8", n, 20, nulls, seed + 6));
        final SplittableRandom random = new SplittableRandom(seed + 7);
        final BitVector bits = new BitVector("bool", allocator);
        final DateDayVector dates = new DateDayVector("date", allocator);
        final TimeStampMicroVector stamps = new TimeStampMicroVector("ts", allocator);
        final DecimalVector decimals = new DecimalVector("dec", allocator, 38, 3);
        final UInt4Vector unsigned = new UInt4Vector("u32", allocator);
        final VarBinaryVector binary = new VarBinaryVector("bin", allocator);
        bits.allocateNew(n);
        dates.allocateNew(n);
        stamps.allocateNew(n);
        decimals.allocateNew(n);
        unsigned.allocateNew(n);
        binary.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (nulls > 0 && random.nextDouble() < nulls)
            {
                continue;
            }
            bits.set(i, random.nextInt(2));
            dates.set(i, random.nextInt(-50_000, 50_000));
            stamps.set(i, TestData.nextLong(random));
            final BigInteger unscaled = random.nextInt(3) == 0 ?
                new BigInteger(120, new java.util.Random(random.nextLong())).negate() :
                BigInteger.valueOf(TestData.nextLong(random));
            decimals.set(i, new BigDecimal(unscaled, 3));
            unsigned.set(i, random.nextInt());
            final byte[] raw = new byte[random.nextInt(30)];
            for (int b = 0; b < raw.length; b++)
            {
                raw[b] = (byte)random.nextInt();
            }
            binary.setSafe(i, raw);
        }
        for (final FieldVector v : List.<FieldVector>of(bits, dates, stamps, decimals, unsigned, binary))
        {
            v.setValueCount(n);
            out.add(v);
        }
        return out;
    }

    static
    {
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder());
    }
}
