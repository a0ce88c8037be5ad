package io.sabot.kernels.compare;

import static io.sabot.kernels.compare.Reference.assertBits;
import static io.sabot.kernels.compare.Reference.assertSelection;
import static io.sabot.kernels.compare.Reference.valueAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.kernels.testing.TestData;
import io.sabot.simd.CompareOp;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Comparison} against a plain reference: every type family, all six operators, column and scalar right-hand
 * sides, BitVector and SelectionVector outputs, over TestData sizes, null ratios, offset ranges, selections and
 * sliced vectors; plus typed errors.
 */
final class ComparisonTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final double[] NULL_RATIOS = {0.0, 0.2, 1.0};

    /** Builds two columns of one numeric family; right copies about a third of left's values so EQ is hit. */
    private FieldVector[] numericPair(final String family, final int n, final double nullRatio, final long seed)
    {
        final BufferAllocator a = memory.allocator();
        final FieldVector left;
        final FieldVector right;
        switch (family)
        {
            case "int8" ->
            {
                left = TestData.tinyInts(a, "l", n, nullRatio, seed);
                right = TestData.tinyInts(a, "r", n, nullRatio, seed + 1);
            }
            case "int16" ->
            {
                left = TestData.smallInts(a, "l", n, nullRatio, seed);
                right = TestData.smallInts(a, "r", n, nullRatio, seed + 1);
            }
            case "int32" ->
            {
                left = TestData.ints(a, "l", n, nullRatio, seed);
                right = TestData.ints(a, "r", n, nullRatio, seed + 1);
            }
            case "int64" ->
            {
                left = TestData.bigInts(a, "l", n, nullRatio, seed);
                right = TestData.bigInts(a, "r", n, nullRatio, seed + 1);
            }
            case "float32" ->
            {
                left = TestData.floats(a, "l", n, nullRatio, seed);
                right = TestData.floats(a, "r", n, nullRatio, seed + 1);
            }
            default ->
            {
                left = TestData.doubles(a, "l", n, nullRatio, seed);
                right = TestData.doubles(a, "r", n, nullRatio, seed + 1);
            }
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++)
        {
            if (random.nextInt(3) == 0)
            {
                right.copyFromSafe(i, i, left);
            }
        }
        right.setValueCount(n);
        return new FieldVector[] {left, right};
    }

    /** Runs all ops, column and scalar forms, all row modes, both outputs, and checks them. */
    private void checkPair(final FieldVector left, final FieldVector right, final SplittableRandom random,
        final String what)
    {
        final BufferAllocator a = memory.allocator();
        final List<SelectionVector> owned = new ArrayList<>();
        try
        {
            final int n = left.getValueCount();
            for (final Rows rows : Reference.rowModes(n, owned, a, random))
            {
                for (final CompareOp op : CompareOp.values())
                {
                    final int count = rows.count();
                    final Boolean[] expected = new Boolean[count];
                    for (int i = 0; i < count; i++)
                    {
                        expected[i] = Reference.compare(op, valueAt(left, rows.rowAt(i)),
                            valueAt(right, rows.rowAt(i)));
                    }
                    final String label = what + " " + op + " " + rows;
                    try (BitVector out = Comparison.compare(op, left, right, rows, a);
                         SelectionVector sel = Comparison.select(op, left, right, rows, a))
                    {
                        assertBits(expected, out, label);
                        assertSelection(expected, rows, sel, label);
                    }
                    checkScalar(op, left, rows, scalarFor(left, random), label);
                }
            }
        }
        finally
        {
            owned.forEach(SelectionVector::close);
        }
    }

    private static Object scalarFor(final FieldVector v, final SplittableRandom random)
    {
        final int n = v.getValueCount();
        if (n > 0 && random.nextBoolean())
        {
            final Object value = valueAt(v, random.nextInt(n));
            if (value != null)
            {
                return value;
            }
        }
        final Kind kind = Kind.of(v);
        switch (kind)
        {
            case BOOL:
                return random.nextBoolean();
            case DECIMAL:
                return BigDecimal.valueOf(random.nextLong(-300, 300), random.nextInt(4));
            case BINARY:
                return new byte[] {(byte)('a' + random.nextInt(3)), (byte)random.nextInt(256)};
            default:
                break;
        }
        if (kind.isFloat())
        {
            return TestData.nextDouble(random);
        }
        if (kind == Kind.INT8)
        {
            return (long)(byte)TestData.nextLong(random);
        }
        return TestData.nextLong(random);
    }

    private void checkScalar(final CompareOp op, final FieldVector left, final Rows rows, final Object scalar,
        final String what)
    {
        final BufferAllocator a = memory.allocator();
        final int count = rows.count();
        final Boolean[] expected = new Boolean[count];
        for (int i = 0; i < count; i++)
        {
            expected[i] = Reference.compare(op, valueAt(left, rows.rowAt(i)), scalar);
        }
        final String label = what + " scalar " + scalar;
        try (BitVector out = scalarCompare(op, left, scalar, rows, a);
             SelectionVector sel = scalarSelect(op, left, scalar, rows, a))
        {
            assertBits(expected, out, label);
            assertSelection(expected, rows, sel, label);
        }
    }

    private static BitVector scalarCompare(final CompareOp op, final FieldVector left, final Object scalar,
        final Rows rows, final BufferAllocator a)
    {
        return switch (scalar)
        {
            case Long l -> Comparison.compare(op, left, (long)l, rows, a);
            case Double d -> Comparison.compare(op, left, (double)d, rows, a);
            case BigDecimal d -> Comparison.compare(op, left, d, rows, a);
            case Boolean b -> Comparison.compare(op, left, (boolean)b, rows, a);
            default -> Comparison.compare(op, left, (byte[])scalar, rows, a);
        };
    }

    private static SelectionVector scalarSelect(final CompareOp op, final FieldVector left, final Object scalar,
        final Rows rows, final BufferAllocator a)
    {
        return switch (scalar)
        {
            case Long l -> Comparison.select(op, left, (long)l, rows, a);
            case Double d -> Comparison.select(op, left, (double)d, rows, a);
            case BigDecimal d -> Comparison.select(op, left, d, rows, a);
            case Boolean b -> Comparison.select(op, left, (boolean)b, rows, a);
            default -> Comparison.select(op, left, (byte[])scalar, rows, a);
        };
    }

    @Test
    void numericFamiliesMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (final String family : new String[] {"int8", "int16", "int32", "int64", "float32", "float64"})
        {
            for (final int n : TestData.SIZES)
            {
                for (final double nullRatio : NULL_RATIOS)
                {
                    // The largest size once per family; all-null only where lanes and words matter.
                    if (n > 5000 && (nullRatio != 0.2 || !family.endsWith("64")) || nullRatio == 1.0 && n > 129)
                    {
                        continue;
                    }
                    final FieldVector[] pair = numericPair(family, n, nullRatio, random.nextLong());
                    try
                    {
                        checkPair(pair[0], pair[1], random, family + " n=" + n + " nulls=" + nullRatio);
                    }
                    finally
                    {
                        pair[0].close();
                        pair[1].close();
                    }
                }
            }
        }
    }

    @Test
    void stringsAndBinaryMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(12);
        final BufferAllocator a = memory.allocator();
        for (final int n : new int[] {0, 1, 7, 64, 65, 1000})
        {
            for (final double nullRatio : NULL_RATIOS)
            {
                try (VarCharVector l = TestData.strings(a, "l", n, 3, nullRatio, random.nextLong());
                     VarCharVector r = TestData.strings(a, "r", n, 3, nullRatio, random.nextLong()))
                {
                    checkPair(l, r, random, "utf8 n=" + n);
                    for (final CompareOp op : CompareOp.values())
                    {
                        checkScalar(op, l, Rows.all(l), "ab".getBytes(StandardCharsets.UTF_8), "utf8 " + op);
                        checkScalar(op, l, Rows.all(l), new byte[0], "utf8 empty " + op);
                        checkScalar(op, l, Rows.all(l), "é".getBytes(StandardCharsets.UTF_8), "utf8 multibyte " + op);
                    }
                    try (BitVector viaString = Comparison.compare(CompareOp.LT, l, "b", Rows.all(l), a);
                         BitVector viaBytes = Comparison.compare(CompareOp.LT, l, new byte[] {'b'}, Rows.all(l), a))
                    {
                        for (int i = 0; i < n; i++)
                        {
                            assertEquals(viaBytes.getObject(i), viaString.getObject(i));
                        }
                    }
                }
            }
        }
        try (VarBinaryVector l = new VarBinaryVector("l", a); VarBinaryVector r = new VarBinaryVector("r", a))
        {
            final byte[][] values = {{}, {0}, {(byte)0xFF}, {0, 0}, {(byte)0x80, 1}, {1}, {(byte)0xFF, 0}};
            l.allocateNew();
            r.allocateNew();
            int row = 0;
            for (final byte[] x : values)
            {
                for (final byte[] y : values)
                {
                    l.setSafe(row, x);
                    r.setSafe(row, y);
                    row++;
                }
            }
            l.setValueCount(row);
            r.setValueCount(row);
            checkPair(l, r, random, "binary unsigned order");
        }
    }

    @Test
    void booleansMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final BufferAllocator a = memory.allocator();
        for (final int n : new int[] {0, 1, 9, 64, 65, 200, 1000})
        {
            for (final double nullRatio : NULL_RATIOS)
            {
                try (BitVector l = new BitVector("l", a); BitVector r = new BitVector("r", a))
                {
                    l.allocateNew(n);
                    r.allocateNew(n);
                    for (int i = 0; i < n; i++)
                    {
                        l.set(i, random.nextInt(2));
                        r.set(i, random.nextInt(2));
                        if (random.nextDouble() < nullRatio)
                        {
                            l.setNull(i);
                        }
                        if (random.nextDouble() < nullRatio)
                        {
                            r.setNull(i);
                        }
                    }
                    l.setValueCount(n);
                    r.setValueCount(n);
                    checkPair(l, r, random, "bool n=" + n);
                    for (final CompareOp op : CompareOp.values())
                    {
                        checkScalar(op, l, Rows.all(l), true, "bool true");
                        checkScalar(op, l, Rows.all(l), false, "bool false");
                    }
                }
            }
        }
    }

    private DecimalVector decimals(final String name, final int n, final int scale, final SplittableRandom random)
    {
        final DecimalVector v = new DecimalVector(name, memory.allocator(), 38, scale);
        v.allocateNew(n);
        for (int i = 0; i < n; i++)
        {
            if (random.nextInt(8) == 0)
            {
                v.setNull(i);
                continue;
            }
            final long unscaled = switch (random.nextInt(10))
            {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                default -> random.nextLong(-300, 300);
            };
            BigDecimal value = BigDecimal.valueOf(unscaled, scale);
            if (random.nextInt(10) == 0)
            {
                // Beyond 64 bits, so the high word matters.
                value = value.multiply(new BigDecimal("1e15")).setScale(scale);
            }
            v.setSafe(i, value);
        }
        v.setValueCount(n);
        return v;
    }

    @Test
    void decimalsMatchReference()
    {
        final SplittableRandom random = new SplittableRandom(14);
        for (final int n : new int[] {0, 1, 17, 64, 300})
        {
            for (final int[] scales : new int[][] {{2, 2}, {2, 4}, {0, 3}})
            {
                try (DecimalVector l = decimals("l", n, scales[0], random);
                     DecimalVector r = decimals("r", n, scales[1], random))
                {
                    // Make some rows equal across scales.
                    for (int i = 0; i < n; i += 3)
                    {
                        if (!l.isNull(i))
                        {
                            r.setSafe(i, l.getObject(i).setScale(scales[1]));
                        }
                    }
                    checkPair(l, r, random, "decimal " + scales[0] + "/" + scales[1] + " n=" + n);
                    for (final CompareOp op : CompareOp.values())
                    {
                        for (final String s : new String[] {"0", "1.5", "-2.999", "0.001", "1e50", "-1e50", "3"})
                        {
                            checkScalar(op, l, Rows.all(l), new BigDecimal(s), "decimal scalar");
                        }
                    }
                }
            }
        }
    }

    @Test
    void temporalTypesCompareWithinUnit()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(15);
        try (DateDayVector l = new DateDayVector("d1", a); DateDayVector r = new DateDayVector("d2", a);
             TimeStampMicroVector t1 = new TimeStampMicroVector("t1", a);
             TimeStampMicroVector t2 = new TimeStampMicroVector("t2", a);
             TimeStampMilliVector tm = new TimeStampMilliVector("tm", a);
             TimeStampMicroTZVector z1 = new TimeStampMicroTZVector("z1", a, "UTC");
             TimeStampMicroTZVector z2 = new TimeStampMicroTZVector("z2", a, "Europe/Paris"))
        {
            final int n = 100;
            for (int i = 0; i < n; i++)
            {
                l.setSafe(i, random.nextInt(-5, 5));
                r.setSafe(i, random.nextInt(-5, 5));
                t1.setSafe(i, random.nextLong(-5, 5));
                t2.setSafe(i, random.nextLong(-5, 5));
                tm.setSafe(i, random.nextLong(-5, 5));
                z1.setSafe(i, random.nextLong(-5, 5));
                z2.setSafe(i, random.nextLong(-5, 5));
            }
            r.setNull(7);
            t2.setNull(9);
            for (final FieldVector v : new FieldVector[] {l, r, t1, t2, tm, z1, z2})
            {
                v.setValueCount(n);
            }
            checkPair(l, r, random, "date32");
            checkPair(t1, t2, random, "timestamp[us]");
            checkPair(z1, z2, random, "timestamp[us, tz]");
            assertThrows(SchemaException.class, () -> Comparison.eq(t1, tm, a));
            assertThrows(SchemaException.class, () -> Comparison.eq(t1, z1, a));
            assertThrows(SchemaException.class, () -> Comparison.eq(l, t1, a));
        }
    }

    @Test
    void narrowColumnsWithOutOfRangeScalars()
    {
        final BufferAllocator a = memory.allocator();
        try (TinyIntVector v = TestData.tinyInts(a, "b", 100, 0.1, 3);
             Float4Vector f = TestData.floats(a, "f", 200, 0.1, 4))
        {
            for (final CompareOp op : CompareOp.values())
            {
                for (final long s : new long[] {1000, -1000, 127, -128, Long.MAX_VALUE, Long.MIN_VALUE})
                {
                    checkScalar(op, v, Rows.all(v), s, "int8 " + op);
                }
                for (final double s : new double[] {0.1, -0.1, 1e300, -1e300, Double.NaN, 1.0 + 1e-12,
                    Double.MIN_VALUE, -0.0, Double.POSITIVE_INFINITY})
                {
                    checkScalar(op, f, Rows.all(f), s, "float32 " + op);
                }
            }
        }
    }

    @Test
    void slicedVectorsAndSuppliedOutput()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(16);
        try (BigIntVector base = TestData.bigInts(a, "x", 300, 0.2, 5);
             BigIntVector other = TestData.bigInts(a, "y", 300, 0.2, 6);
             Float8Vector dbase = TestData.doubles(a, "d", 300, 0.2, 7))
        {
            for (final int[] slice : new int[][] {{3, 100}, {64, 77}, {5, 0}, {1, 299}})
            {
                final TransferPair p1 = base.getTransferPair(a);
                final TransferPair p2 = other.getTransferPair(a);
                final TransferPair p3 = dbase.getTransferPair(a);
                p1.splitAndTransfer(slice[0], slice[1]);
                p2.splitAndTransfer(slice[0], slice[1]);
                p3.splitAndTransfer(slice[0], slice[1]);
                try (BigIntVector l = (BigIntVector)p1.getTo(); BigIntVector r = (BigIntVector)p2.getTo();
                     Float8Vector d = (Float8Vector)p3.getTo())
                {
                    checkPair(l, r, random, "sliced int64 " + slice[0]);
                    checkScalar(CompareOp.GE, d, Rows.all(d), 0.0, "sliced float64");
                }
            }
            // Supplied output: too small at first, then reused for a smaller result.
            try (BitVector out = new BitVector("out", a))
            {
                for (final int n : new int[] {10, 300, 5})
                {
                    final Rows rows = Rows.range(0, n);
                    Comparison.compare(CompareOp.LT, base, other, rows, out);
                    final Boolean[] expected = new Boolean[n];
                    for (int i = 0; i < n; i++)
                    {
                        expected[i] = Reference.compare(CompareOp.LT, valueAt(base, i), valueAt(other, i));
                    }
                    assertBits(expected, out, "supplied n=" + n);
                    Comparison.compare(CompareOp.EQ, base, 3L, rows, out);
                    assertEquals(n, out.getValueCount());
                }
            }
        }
    }

    @Test
    void betweenIsInclusiveAtBothEnds()
    {
        final BufferAllocator a = memory.allocator();
        final SplittableRandom random = new SplittableRandom(17);
        final List<SelectionVector> owned = new ArrayList<>();
        try (BigIntVector v = TestData.bigInts(a, "v", 500, 0.1, 8);
             BigIntVector lo = TestData.bigInts(a, "lo", 500, 0.1, 9);
             BigIntVector hi = TestData.bigInts(a, "hi", 500, 0.1, 10);
             Float8Vector d = TestData.doubles(a, "d", 500, 0.1, 11))
        {
            for (int i = 0; i < 500; i += 4)
            {
                lo.copyFromSafe(i, i, v);
                hi.copyFromSafe(i + 1, i + 1, v);
            }
            for (final Rows rows : Reference.rowModes(500, owned, a, random))
            {
                final int count = rows.count();
                final Boolean[] expected = new Boolean[count];
                final Boolean[] expectedScalar = new Boolean[count];
                final Boolean[] expectedDouble = new Boolean[count];
                for (int i = 0; i < count; i++)
                {
                    final int row = rows.rowAt(i);
                    final Boolean ge = Reference.compare(CompareOp.GE, valueAt(v, row), valueAt(lo, row));
                    final Boolean le = Reference.compare(CompareOp.LE, valueAt(v, row), valueAt(hi, row));
                    expected[i] = ge == null || le == null ? null : ge && le;
                    final Object x = valueAt(v, row);
                    expectedScalar[i] = x == null ? null : (Long)x >= -10 && (Long)x <= 10;
                    final Object y = valueAt(d, row);
                    expectedDouble[i] = y == null ? null : (Double)y >= -0.0 && (Double)y <= 500.0;
                }
                try (BitVector out = Comparison.between(v, lo, hi, rows, a);
                     SelectionVector sel = Comparison.selectBetween(v, lo, hi, rows, a);
                     BitVector outS = Comparison.between(v, -10L, 10L, rows, a);
                     SelectionVector selS = Comparison.selectBetween(v, -10L, 10L, rows, a);
                     BitVector outD = Comparison.between(d, -0.0, 500.0, rows, a);
                     SelectionVector selD = Comparison.selectBetween(d, -0.0, 500.0, rows, a))
                {
                    assertBits(expected, out, "between " + rows);
                    assertSelection(expected, rows, sel, "between " + rows);
                    assertBits(expectedScalar, outS, "between scalar " + rows);
                    assertSelection(expectedScalar, rows, selS, "between scalar " + rows);
                    assertBits(expectedDouble, outD, "between double " + rows);
                    assertSelection(expectedDouble, rows, selD, "between double " + rows);
                }
            }
        }
        finally
        {
            owned.forEach(SelectionVector::close);
        }
    }

    @Test
    void selectionsCompose()
    {
        final BufferAllocator a = memory.allocator();
        try (BigIntVector v = TestData.bigInts(a, "v", 1000, 0.1, 12);
             SelectionVector first = Comparison.select(CompareOp.GT, v, 0L, Rows.all(v), a);
             SelectionVector second = Comparison.select(CompareOp.LT, v, 500L, Rows.selected(first), a))
        {
            int expected = 0;
            for (int i = 0; i < 1000; i++)
            {
                final Object x = valueAt(v, i);
                if (x != null && (Long)x > 0 && (Long)x < 500)
                {
                    assertEquals(i, second.get(expected++));
                }
            }
            assertEquals(expected, second.count());
        }
    }

    @Test
    void badInputRaisesSchemaException()
    {
        final BufferAllocator a = memory.allocator();
        try (BigIntVector x = TestData.bigInts(a, "amount", 10, 0, 1);
             BigIntVector shorter = TestData.bigInts(a, "shorter", 9, 0, 1);
             IntVector i32 = TestData.ints(a, "i32", 10, 0, 1);
             VarCharVector s = TestData.strings(a, "name", 10, 3, 0, 1);
             VarBinaryVector b = new VarBinaryVector("blob", a);
             Float8Vector d = TestData.doubles(a, "d", 10, 0, 1);
             SelectionVector outside = SelectionVector.of(a, 1, 10))
        {
            b.allocateNew();
            b.setValueCount(10);
            final SchemaException e = assertThrows(SchemaException.class, () -> Comparison.eq(x, s, a));
            assertTrue(e.getMessage().contains("amount") && e.getMessage().contains("name") &&
                e.getMessage().contains("Int(64, true)") && e.getMessage().contains("Utf8"), e.getMessage());
            assertThrows(SchemaException.class, () -> Comparison.lt(x, i32, a));
            assertThrows(SchemaException.class, () -> Comparison.lt(s, b, a));
            final SchemaException len = assertThrows(SchemaException.class, () -> Comparison.gt(x, shorter, a));
            assertTrue(len.getMessage().contains("shorter"), len.getMessage());
            assertThrows(SchemaException.class, () -> Comparison.compare(CompareOp.EQ, s, 1L, Rows.all(s), a));
            assertThrows(SchemaException.class, () -> Comparison.compare(CompareOp.EQ, x, 1.0, Rows.all(x), a));
            assertThrows(SchemaException.class, () -> Comparison.compare(CompareOp.EQ, d, "x", Rows.all(d), a));
            assertThrows(SchemaException.class, () -> Comparison.compare(CompareOp.EQ, x, true, Rows.all(x), a));
            assertThrows(SchemaException.class,
                () -> Comparison.compare(CompareOp.EQ, x, BigDecimal.ONE, Rows.all(x), a));
            assertThrows(SchemaException.class, () -> Comparison.compare(CompareOp.EQ, x, 1L, Rows.range(5, 6), a));
            assertThrows(SchemaException.class,
                () -> Comparison.select(CompareOp.EQ, x, 1L, Rows.selected(outside), a));
            assertThrows(SchemaException.class,
                () -> Comparison.select(CompareOp.EQ, x, x, Rows.selected(outside), a));
        }
    }
}
