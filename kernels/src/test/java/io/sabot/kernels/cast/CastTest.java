package io.sabot.kernels.cast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Casts against references written with Java's own conversions, BigDecimal and String parsing.
 */
final class CastTest
{
    private static final int[] WIDTHS = {1, 2, 4, 8};
    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};
    private static final ArrowType F32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    private static final ArrowType F64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @Test
    void intToIntEveryPairCheckedAndWrapping()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double nulls : NULL_RATIOS)
            {
                for (final int from : WIDTHS)
                {
                    try (FieldVector in = ints(allocator, from, n, nulls, n + from))
                    {
                        for (final int to : WIDTHS)
                        {
                            checkIntToInt(allocator, in, Rows.all(in), to);
                            if (n > 4 && n < 5000)
                            {
                                checkIntToInt(allocator, in, Rows.range(3, n - 4), to);
                            }
                        }
                    }
                }
            }
        }
    }

    private void checkIntToInt(final BufferAllocator allocator, final FieldVector in, final Rows rows, final int to)
    {
        final ArrowType target = new ArrowType.Int(to * 8, true);
        try (FieldVector wrapped = Cast.cast(rows, in, target, Cast.Mode.WRAPPING, allocator))
        {
            int firstBad = -1;
            for (int i = 0; i < rows.count(); i++)
            {
                final int row = rows.rowAt(i);
                assertEquals(in.isNull(row), wrapped.isNull(i));
                if (!in.isNull(row))
                {
                    final long v = ((Number)in.getObject(row)).longValue();
                    assertEquals(narrow(v, to), ((Number)wrapped.getObject(i)).longValue());
                    if (firstBad < 0 && narrow(v, to) != v)
                    {
                        firstBad = row;
                    }
                }
            }
            if (firstBad < 0)
            {
                try (FieldVector checked = Cast.cast(rows, in, target, Cast.Mode.CHECKED, allocator))
                {
                    for (int i = 0; i < rows.count(); i++)
                    {
                        assertEquals(wrapped.getObject(i), checked.getObject(i));
                    }
                }
            }
            else
            {
                final DataException e = assertThrows(DataException.class,
                    () -> Cast.cast(rows, in, target, Cast.Mode.CHECKED, allocator));
                assertEquals(firstBad, e.row());
                assertEquals(in.getName(), e.column());
                assertTrue(e.getMessage().contains(in.getObject(firstBad).toString()), e.getMessage());
            }
        }
    }

    @Test
    void int64ToInt32EdgesAndSelection()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector in = new BigIntVector("x", allocator);
            SelectionVector selection = SelectionVector.of(allocator, 0, 1, 4))
        {
            in.allocateNew(5);
            in.set(0, Integer.MAX_VALUE);
            in.set(1, Integer.MIN_VALUE);
            in.set(2, Integer.MAX_VALUE + 1L);
            in.set(3, Integer.MIN_VALUE - 1L);
            in.setNull(4);
            in.getDataBuffer().setLong(32, Long.MAX_VALUE);
            in.setValueCount(5);
            try (IntVector out = (IntVector)Cast.cast(Rows.selected(selection), in, new ArrowType.Int(32, true),
                Cast.Mode.CHECKED, allocator))
            {
                assertEquals(Integer.MAX_VALUE, out.get(0));
                assertEquals(Integer.MIN_VALUE, out.get(1));
                assertTrue(out.isNull(2), "garbage under a null row never raises");
            }
            final DataException e = assertThrows(DataException.class,
                () -> Cast.cast(in, new ArrowType.Int(32, true), allocator));
            assertEquals(2, e.row());
            assertTrue(e.getMessage().contains("2147483648") && e.getMessage().contains("'x'"), e.getMessage());
            assertEquals(3, assertThrows(DataException.class, () -> Cast.cast(Rows.range(3, 2), in,
                new ArrowType.Int(32, true), Cast.Mode.CHECKED, allocator)).row());
        }
    }

    @Test
    void floatToIntTruncatesAndChecks()
    {
        final BufferAllocator allocator = memory.allocator();
        final double[] ok = {0.0, -0.0, 1.9, -1.9, 127.99, -128.99, 2147483647.5, -2147483648.9, 0x1p62,
            -0x1p63, Math.nextDown(0x1p63)};
        final double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0x1p63, -0x1p64};
        for (final int to : WIDTHS)
        {
            final long min = -(1L << (to * 8 - 1));
            final long max = (1L << (to * 8 - 1)) - 1;
            for (final double v : concat(ok, bad))
            {
                try (Float8Vector in = doubles(allocator, v, 1.0))
                {
                    final ArrowType target = new ArrowType.Int(to * 8, true);
                    final long truncated = (long)v;
                    final boolean fits = to == 8 ? v >= -0x1p63 && v < 0x1p63 : v > min - 1.0 && v < max + 1.0;
                    try (FieldVector wrapped = Cast.cast(in, target, Cast.Mode.WRAPPING, allocator))
                    {
                        assertEquals(narrow(truncated, to), ((Number)wrapped.getObject(0)).longValue(), v + "");
                        assertEquals(narrow(1, to), ((Number)wrapped.getObject(1)).longValue());
                    }
                    if (fits)
                    {
                        try (FieldVector checked = Cast.cast(in, target, allocator))
                        {
                            assertEquals(truncated, ((Number)checked.getObject(0)).longValue(), v + " to " + to);
                        }
                    }
                    else
                    {
                        final DataException e = assertThrows(DataException.class,
                            () -> Cast.cast(in, target, allocator), v + " to int" + to * 8);
                        assertEquals(0, e.row());
                    }
                }
            }
        }
    }

    @Test
    void intToFloatAndFloatToFloat()
    {
        final BufferAllocator allocator = memory.allocator();
        try (BigIntVector longs = TestData.bigInts(allocator, "l", 4099, 0.1, 5);
            Float8Vector doubles = TestData.doubles(allocator, "d", 4099, 0.1, 6);
            Float4Vector floats = TestData.floats(allocator, "f", 4099, 0.1, 7);
            Float8Vector toDouble = (Float8Vector)Cast.cast(longs, F64, allocator);
            Float4Vector toFloat = (Float4Vector)Cast.cast(longs, F32, allocator);
            Float4Vector narrowed = (Float4Vector)Cast.cast(doubles, F32, Cast.Mode.WRAPPING, allocator);
            Float8Vector widened = (Float8Vector)Cast.cast(floats, F64, allocator))
        {
            for (int i = 0; i < 4099; i++)
            {
                assertEquals(longs.isNull(i), toDouble.isNull(i));
                if (!longs.isNull(i))
                {
                    assertEquals((double)longs.get(i), toDouble.get(i));
                    assertEquals((float)longs.get(i), toFloat.get(i));
                }
                if (!doubles.isNull(i))
                {
                    assertEquals((float)doubles.get(i), narrowed.get(i));
                }
                if (!floats.isNull(i))
                {
                    assertEquals((double)floats.get(i), widened.get(i));
                }
            }
            // TestData mixes in Double.MAX_VALUE: checked narrowing refuses it.
            assertThrows(DataException.class, () -> Cast.cast(doubles, F32, allocator));
        }
    }

    @Test
    void decimalRescaleRoundsHalfUpAndChecksPrecision()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(11);
        final int n = 2000;
        try (DecimalVector in = new DecimalVector("d", allocator, 38, 6))
        {
            in.allocateNew(n);
            final BigDecimal[] values = new BigDecimal[n];
            for (int i = 0; i < n; i++)
            {
                if (random.nextInt(10) == 0)
                {
                    in.setNull(i);
                    continue;
                }
                final BigInteger unscaled = switch (random.nextInt(4))
                {
                    case 0 -> new BigInteger(125, new java.util.Random(random.nextLong()));
                    case 1 -> BigInteger.valueOf(random.nextLong(-10_000_000, 10_000_000)).multiply(
                        BigInteger.valueOf(500_000));
                    default -> BigInteger.valueOf(TestData.nextLong(random));
                };
                values[i] = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), 6);
                in.set(i, values[i]);
            }
            in.setValueCount(n);
            for (final int[] ps : new int[][] {{38, 6}, {38, 8}, {38, 0}, {38, 1}, {38, 5}, {38, 30}, {20, 2},
                {10, 0}})
            {
                final ArrowType target = new ArrowType.Decimal(ps[0], ps[1], 128);
                int firstBad = -1;
                for (int i = 0; i < n && firstBad < 0; i++)
                {
                    if (values[i] != null && values[i].setScale(ps[1], RoundingMode.HALF_UP).precision() > ps[0] &&
                        values[i].setScale(ps[1], RoundingMode.HALF_UP).unscaledValue().abs()
                            .compareTo(BigInteger.TEN.pow(ps[0])) >= 0)
                    {
                        firstBad = i;
                    }
                }
                if (firstBad >= 0)
                {
                    final DataException e = assertThrows(DataException.class, () -> Cast.cast(in, target, allocator));
                    assertEquals(firstBad, e.row(), "decimal" + ps[0] + "," + ps[1]);
                    continue;
                }
                try (DecimalVector out = (DecimalVector)Cast.cast(in, target, allocator))
                {
                    for (int i = 0; i < n; i++)
                    {
                        assertEquals(in.isNull(i), out.isNull(i));
                        if (values[i] != null)
                        {
                            assertEquals(values[i].setScale(ps[1], RoundingMode.HALF_UP), out.getObject(i),
                                values[i] + " to " + ps[1]);
                        }
                    }
                }
            }
            try (Float8Vector d = (Float8Vector)Cast.cast(in, F64, allocator);
                Float4Vector f = (Float4Vector)Cast.cast(in, F32, allocator))
            {
                for (int i = 0; i < n; i++)
                {
                    if (values[i] != null)
                    {
                        assertEquals(values[i].doubleValue(), d.get(i), values[i].toString());
                        assertEquals(values[i].floatValue(), f.get(i), values[i].toString());
                    }
                }
            }
        }
    }

    @Test
    void halfUpAndIntAndFloatToDecimal()
    {
        final BufferAllocator allocator = memory.allocator();
        try (VarCharVector text = strings(allocator, "1.25", "-1.25", "1.249", "-0.005", "0.004", null, "2.5e-1"))
        {
            try (DecimalVector out = (DecimalVector)Cast.cast(text, new ArrowType.Decimal(10, 1, 128), allocator))
            {
                assertEquals(new BigDecimal("1.3"), out.getObject(0));
                assertEquals(new BigDecimal("-1.3"), out.getObject(1));
                assertEquals(new BigDecimal("1.2"), out.getObject(2));
                assertEquals(new BigDecimal("0.0"), out.getObject(3));
                assertTrue(out.isNull(5));
                assertEquals(new BigDecimal("0.3"), out.getObject(6));
            }
        }
        for (final int from : WIDTHS)
        {
            try (FieldVector in = ints(allocator, from, 1000, 0.1, from))
            {
                final ArrowType wide = new ArrowType.Decimal(38, 10, 128);
                try (DecimalVector out = (DecimalVector)Cast.cast(in, wide, allocator))
                {
                    for (int i = 0; i < 1000; i++)
                    {
                        if (!in.isNull(i))
                        {
                            assertEquals(BigDecimal.valueOf(((Number)in.getObject(i)).longValue()).setScale(10),
                                out.getObject(i));
                        }
                    }
                }
                if (from >= 2)
                {
                    // TestData mixes in the type's extremes, which have more than 3 digits.
                    assertThrows(DataException.class, () -> Cast.cast(in, new ArrowType.Decimal(3, 0, 128),
                        allocator));
                }
            }
        }
        try (Float8Vector in = doubles(allocator, 0.125, 2.675))
        {
            try (DecimalVector out = (DecimalVector)Cast.cast(in, new ArrowType.Decimal(10, 2, 128), allocator))
            {
                assertEquals(new BigDecimal("0.13"), out.getObject(0));
                // 2.675 is 2.67499999... in binary: rounds down.
                assertEquals(new BigDecimal("2.67"), out.getObject(1));
            }
        }
        try (Float8Vector in = doubles(allocator, Double.NaN, 1.0))
        {
            assertThrows(DataException.class, () -> Cast.cast(in, new ArrowType.Decimal(10, 2, 128), allocator));
        }
    }

    @Test
    void decimalToIntTruncates()
    {
        final BufferAllocator allocator = memory.allocator();
        try (VarCharVector text = strings(allocator, "12.99", "-12.99", "127.5", "-128.9", "128", null))
        {
            try (DecimalVector dec = (DecimalVector)Cast.cast(text, new ArrowType.Decimal(20, 2, 128), allocator))
            {
                try (TinyIntVector out = (TinyIntVector)Cast.cast(Rows.range(0, 4), dec, new ArrowType.Int(8, true),
                    Cast.Mode.CHECKED, allocator))
                {
                    assertEquals(12, out.get(0));
                    assertEquals(-12, out.get(1));
                    assertEquals(127, out.get(2));
                    assertEquals(-128, out.get(3));
                }
                assertEquals(4, assertThrows(DataException.class,
                    () -> Cast.cast(dec, new ArrowType.Int(8, true), allocator)).row());
                try (TinyIntVector out = (TinyIntVector)Cast.cast(dec, new ArrowType.Int(8, true),
                    Cast.Mode.WRAPPING, allocator))
                {
                    assertEquals(-128, out.get(4));
                    assertTrue(out.isNull(5));
                }
            }
        }
    }

    @Test
    void intTextRoundTripsAtEveryWidth()
    {
        final BufferAllocator allocator = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double nulls : NULL_RATIOS)
            {
                for (final int width : WIDTHS)
                {
                    try (FieldVector in = ints(allocator, width, n, nulls, n * 7L + width);
                        VarCharVector text = (VarCharVector)Cast.cast(in, UTF8, allocator);
                        FieldVector back = Cast.cast(text, new ArrowType.Int(width * 8, true), allocator))
                    {
                        for (int i = 0; i < n; i++)
                        {
                            assertEquals(in.isNull(i), text.isNull(i));
                            if (!in.isNull(i))
                            {
                                assertEquals(in.getObject(i).toString(), text.getObject(i).toString());
                                assertEquals(in.getObject(i), back.getObject(i));
                            }
                            else
                            {
                                assertTrue(back.isNull(i));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void floatTextRoundTrips()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(3);
        final int n = 20_000;
        try (Float8Vector doubles = new Float8Vector("d", allocator))
        {
            doubles.allocateNew(n);
            for (int i = 0; i < n; i++)
            {
                final double v = switch (random.nextInt(5))
                {
                    case 0 -> Double.longBitsToDouble(random.nextLong());
                    case 1 -> random.nextInt(-100000, 100000) / 100.0;
                    case 2 -> TestData.nextDouble(random);
                    default -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
                };
                doubles.set(i, v);
            }
            doubles.setValueCount(n);
            try (VarCharVector text = (VarCharVector)Cast.cast(doubles, UTF8, allocator);
                Float8Vector back = (Float8Vector)Cast.cast(text, F64, allocator))
            {
                int firstBeyondFloat = -1;
                for (int i = 0; i < n; i++)
                {
                    final double v = doubles.get(i);
                    assertEquals(Double.toString(v), text.getObject(i).toString());
                    assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back.get(i)), "row " + i);
                    if (firstBeyondFloat < 0 && Float.isInfinite(Float.parseFloat(Double.toString(v))) &&
                        !Double.isInfinite(v))
                    {
                        firstBeyondFloat = i;
                    }
                }
                // A double beyond the float range is reported, not turned into infinity.
                assertTrue(firstBeyondFloat >= 0, "random bit patterns include huge doubles");
                assertEquals(firstBeyondFloat, assertThrows(DataException.class,
                    () -> Cast.cast(text, F32, allocator)).row());
                try (Float4Vector asFloat = (Float4Vector)Cast.cast(Rows.range(0, firstBeyondFloat), text, F32,
                    Cast.Mode.CHECKED, allocator))
                {
                    for (int i = 0; i < firstBeyondFloat; i++)
                    {
                        assertEquals(Float.parseFloat(Double.toString(doubles.get(i))), asFloat.get(i),
                            Double.toString(doubles.get(i)));
                    }
                }
            }
        }
        try (Float4Vector floats = TestData.floats(allocator, "f", 4099, 0.1, 9);
            VarCharVector text = (VarCharVector)Cast.cast(floats, UTF8, allocator);
            Float4Vector back = (Float4Vector)Cast.cast(text, F32, allocator))
        {
            for (int i = 0; i < 4099; i++)
            {
                if (!floats.isNull(i))
                {
                    assertEquals(Float.floatToIntBits(floats.get(i)), Float.floatToIntBits(back.get(i)));
                }
            }
        }
    }

    @Test
    void edgeStringsToNumbers()
    {
        final BufferAllocator allocator = memory.allocator();
        final String[] edges = {"", "-", "+", "9223372036854775808", "-9223372036854775808", "9223372036854775807",
            " 12", "12 ", "1e309", "-1e309", "NaN", "inf", "-Infinity", "+12", "-0", "007", "1.5", ".5", "5.", ".",
            "1e", "1e+", "0x10", "1_000", "١٢", "1e-400", "12a", "--1", "+-1", "1.2.3", "1e5", "-1E-5", "nan", "INF",
            "99999999999999999999", "0.1234567890123456789", "123456789012345678901234567890",
            "00000000000000000000000000001", "-00", "9999999999999999999", "18446744073709551616", "1234567a90",
            "12345678", "-12345678901234567", "+0000000000000000000000000", "123456789012345678/", "2147483648",
            "-2147483649", "32767", "-32769", "128", "-128"};
        for (int e = 0; e < edges.length; e++)
        {
            final String s = edges[e];
            try (VarCharVector in = strings(allocator, "1", s))
            {
                for (final int width : WIDTHS)
                {
                    final Long expected = referenceLong(s, width);
                    final ArrowType target = new ArrowType.Int(width * 8, true);
                    if (expected == null)
                    {
                        final DataException ex = assertThrows(DataException.class,
                            () -> Cast.cast(in, target, allocator), "'" + s + "' as int" + width * 8);
                        assertEquals(1, ex.row());
                        assertTrue(ex.getMessage().contains("'" + s + "'") && ex.getMessage().contains("'text'"),
                            ex.getMessage());
                    }
                    else
                    {
                        try (FieldVector out = Cast.cast(Rows.range(1, 1), in, target, Cast.Mode.CHECKED, allocator))
                        {
                            assertEquals(expected.longValue(), ((Number)out.getObject(0)).longValue());
                        }
                    }
                }
                final Double expected = referenceDouble(s);
                if (expected == null)
                {
                    assertThrows(DataException.class, () -> Cast.cast(Rows.range(1, 1), in, F64, Cast.Mode.CHECKED,
                        allocator), "'" + s + "' as float64");
                }
                else
                {
                    try (Float8Vector out = (Float8Vector)Cast.cast(Rows.range(1, 1), in, F64, Cast.Mode.CHECKED,
                        allocator))
                    {
                        assertEquals(expected, out.get(0), "'" + s + "'");
                    }
                }
                final BigDecimal decimal = referenceDecimal(s, 30, 4);
                final ArrowType decimalType = new ArrowType.Decimal(30, 4, 128);
                if (decimal == null)
                {
                    assertThrows(DataException.class, () -> Cast.cast(Rows.range(1, 1), in, decimalType,
                        Cast.Mode.CHECKED, allocator), "'" + s + "' as decimal");
                }
                else
                {
                    try (DecimalVector out = (DecimalVector)Cast.cast(Rows.range(1, 1), in, decimalType,
                        Cast.Mode.CHECKED, allocator))
                    {
                        assertEquals(decimal, out.getObject(0), "'" + s + "'");
                    }
                }
            }
        }
    }

    @Test
    void decimalTextRoundTripsAndSlices()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(21);
        final int n = 3000;
        final List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            final BigInteger unscaled = random.nextInt(3) == 0 ?
                new BigInteger(120, new java.util.Random(random.nextLong())) :
                BigInteger.valueOf(random.nextLong(-1_000_000_000L, 1_000_000_000L));
            values.add(random.nextInt(10) == 0 ? null : new BigDecimal(unscaled, 5).toPlainString());
        }
        try (VarCharVector text = strings(allocator, values.toArray(new String[0])))
        {
            final TransferPair pair = text.getTransferPair(allocator);
            pair.splitAndTransfer(13, n - 20);
            try (VarCharVector slice = (VarCharVector)pair.getTo();
                DecimalVector dec = (DecimalVector)Cast.cast(slice, new ArrowType.Decimal(38, 5, 128), allocator);
                VarCharVector back = (VarCharVector)Cast.cast(dec, UTF8, allocator))
            {
                for (int i = 0; i < n - 20; i++)
                {
                    final String expected = values.get(i + 13);
                    assertEquals(expected == null, dec.isNull(i));
                    if (expected != null)
                    {
                        assertEquals(new BigDecimal(expected), dec.getObject(i));
                        assertEquals(expected, back.getObject(i).toString());
                    }
                    else
                    {
                        assertTrue(back.isNull(i));
                    }
                }
            }
        }
    }

    @Test
    void unsupportedTypesAndBadRowsAreSchemaErrors()
    {
        final BufferAllocator allocator = memory.allocator();
        try (UInt4Vector unsigned = new UInt4Vector("u", allocator);
            BigIntVector longs = TestData.bigInts(allocator, "l", 10, 0, 1);
            VarCharVector text = strings(allocator, "1"))
        {
            unsigned.allocateNew(1);
            unsigned.setValueCount(1);
            assertThrows(SchemaException.class, () -> Cast.cast(unsigned, F64, allocator));
            assertThrows(SchemaException.class, () -> Cast.cast(longs, ArrowType.Bool.INSTANCE, allocator));
            assertThrows(SchemaException.class, () -> Cast.cast(text, UTF8, allocator));
            assertThrows(SchemaException.class, () -> Cast.cast(longs, new ArrowType.Decimal(39, 0, 128),
                allocator));
            assertThrows(SchemaException.class, () -> Cast.cast(Rows.range(5, 6), longs, F64, Cast.Mode.CHECKED,
                allocator));
        }
    }

    // ---- references and builders ----

    private static Long referenceLong(final String s, final int width)
    {
        if (!s.matches("[+-]?[0-9]+"))
        {
            return null;
        }
        final BigInteger v = new BigInteger(s);
        if (v.bitLength() > width * 8 - 1)
        {
            return null;
        }
        return v.longValue();
    }

    private static Double referenceDouble(final String s)
    {
        final String lower = s.toLowerCase(java.util.Locale.ROOT);
        final String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("nan"))
        {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity"))
        {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"))
        {
            return null;
        }
        final double v = Double.parseDouble(s);
        return Double.isInfinite(v) ? null : v;
    }

    private static BigDecimal referenceDecimal(final String s, final int precision, final int scale)
    {
        if (!s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"))
        {
            return null;
        }
        final BigDecimal v = new BigDecimal(s).setScale(scale, RoundingMode.HALF_UP);
        return v.unscaledValue().abs().compareTo(BigInteger.TEN.pow(precision)) < 0 ? v : null;
    }

    private static long narrow(final long v, final int width)
    {
        return switch (width)
        {
            case 1 -> (byte)v;
            case 2 -> (short)v;
            case 4 -> (int)v;
            default -> v;
        };
    }

    private static FieldVector ints(final BufferAllocator allocator, final int width, final int n,
        final double nulls, final long seed)
    {
        return switch (width)
        {
            case 1 -> TestData.tinyInts(allocator, "i8", n, nulls, seed);
            case 2 -> TestData.smallInts(allocator, "i16", n, nulls, seed);
            case 4 -> TestData.ints(allocator, "i32", n, nulls, seed);
            default -> TestData.bigInts(allocator, "i64", n, nulls, seed);
        };
    }

    private static Float8Vector doubles(final BufferAllocator allocator, final double... values)
    {
        final Float8Vector vector = new Float8Vector("d", allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            vector.set(i, values[i]);
        }
        vector.setValueCount(values.length);
        return vector;
    }

    private static double[] concat(final double[] a, final double[] b)
    {
        final double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static VarCharVector strings(final BufferAllocator allocator, final String... values)
    {
        final VarCharVector vector = new VarCharVector("text", allocator);
        vector.allocateNew(values.length);
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == null)
            {
                vector.setNull(i);
            }
            else
            {
                vector.setSafe(i, values[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(values.length);
        return vector;
    }

}
