package io.sabot.kernels.arith;

import io.sabot.common.DataException;
import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Typed errors, overflow naming, values under nulls, integer negate/abs, supplied-output reuse, null scalars and
 * date/timestamp arithmetic.
 */
final class ArithmeticEdgeTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private BigIntVector longs(final String name, final Long... values)
    {
        final BigIntVector v = new BigIntVector(name, memory.allocator());
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

    @Test
    void checkedOverflowNamesColumnsAndFirstRow()
    {
        final Long[] xs = new Long[100];
        final Long[] ys = new Long[100];
        for (int i = 0; i < 100; i++)
        {
            xs[i] = (long)i;
            ys[i] = 1L;
        }
        xs[70] = Long.MAX_VALUE;
        xs[90] = Long.MAX_VALUE;
        try (BigIntVector a = longs("price", xs);
             BigIntVector b = longs("qty", ys))
        {
            final DataException e = assertThrows(DataException.class,
                () -> Arithmetic.add(a, b, Overflow.CHECK, memory.allocator()));
            assertEquals(70, e.row());
            assertEquals("price", e.column());
            assertTrue(e.getMessage().contains("'price' + 'qty'"), e.getMessage());
            // the same rows in a range that starts at 50: rows keep input numbering
            final DataException ranged = assertThrows(DataException.class,
                () -> Arithmetic.add(a, b, Rows.range(50, 50), Overflow.CHECK, memory.allocator()));
            assertEquals(70, ranged.row());
            try (FieldVector wrapped = Arithmetic.add(a, b, Overflow.WRAP, memory.allocator()))
            {
                assertEquals(Long.MIN_VALUE, ((BigIntVector)wrapped).get(70));
            }
            b.setNull(70);
            b.setNull(90);
            try (FieldVector ok = Arithmetic.add(a, b, Overflow.CHECK, memory.allocator()))
            {
                assertTrue(ok.isNull(70), "overflow under a null slot is not an error");
                assertEquals(100, ok.getValueCount());
            }
        }
    }

    @Test
    void integerDivisionByZeroAndMinOverMinusOne()
    {
        try (BigIntVector a = longs("a", 10L, Long.MIN_VALUE, 7L, -7L);
             BigIntVector b = longs("b", 0L, -1L, 2L, 2L))
        {
            for (final Overflow mode : Overflow.values())
            {
                final DataException e = assertThrows(DataException.class,
                    () -> Arithmetic.divide(a, b, mode, memory.allocator()));
                assertEquals(0, e.row());
                assertEquals("b", e.column());
            }
            try (FieldVector q = Arithmetic.divide(a, b, Rows.range(1, 3), Overflow.WRAP, memory.allocator()))
            {
                assertEquals(Long.MIN_VALUE, ((BigIntVector)q).get(0));
                assertEquals(3L, ((BigIntVector)q).get(1));
                assertEquals(-3L, ((BigIntVector)q).get(2), "truncates toward zero");
            }
            final DataException e = assertThrows(DataException.class,
                () -> Arithmetic.divide(a, b, Rows.range(1, 3), Overflow.CHECK, memory.allocator()));
            assertEquals(1, e.row());
            a.setNull(0);
            try (FieldVector q = Arithmetic.divide(a, b, Rows.range(0, 1), Overflow.CHECK, memory.allocator()))
            {
                assertTrue(q.isNull(0), "zero divisor under a null dividend is not an error");
            }
            final DataException scalarZero = assertThrows(DataException.class,
                () -> Arithmetic.divide(a, 0L, Rows.range(1, 3), Overflow.WRAP, memory.allocator()));
            assertEquals(1, scalarZero.row());
            assertEquals("a", scalarZero.column());
        }
    }

    @Test
    void integerNegateAndAbs()
    {
        try (BigIntVector a = longs("a", 5L, null, -9L, Long.MIN_VALUE, 0L);
             IntVector i = new IntVector("i", memory.allocator()))
        {
            i.allocateNew(3);
            i.set(0, Integer.MIN_VALUE);
            i.set(1, -4);
            i.setNull(2);
            i.setValueCount(3);
            try (FieldVector neg = Arithmetic.negate(a, Rows.range(0, 3), Overflow.CHECK, memory.allocator());
                 FieldVector abs = Arithmetic.abs(a, Overflow.WRAP, memory.allocator());
                 FieldVector absI = Arithmetic.abs(i, Rows.range(1, 2), Overflow.CHECK, memory.allocator()))
            {
                assertEquals(-5L, ((BigIntVector)neg).get(0));
                assertTrue(neg.isNull(1));
                assertEquals(9L, ((BigIntVector)neg).get(2));
                assertEquals(Long.MIN_VALUE, ((BigIntVector)abs).get(3));
                assertEquals(4, ((IntVector)absI).get(0));
                assertTrue(absI.isNull(1));
            }
            final DataException e = assertThrows(DataException.class,
                () -> Arithmetic.negate(a, Overflow.CHECK, memory.allocator()));
            assertEquals(3, e.row());
            assertEquals("a", e.column());
            assertEquals(0, assertThrows(DataException.class,
                () -> Arithmetic.abs(i, Overflow.CHECK, memory.allocator())).row());
        }
    }

    @Test
    void suppliedOutputIsReusedAndValidated()
    {
        try (BigIntVector a = longs("a", 1L, 2L, 3L, null);
             BigIntVector b = longs("b", 10L, 20L, 30L, 40L);
             BigIntVector out = new BigIntVector("out", memory.allocator());
             IntVector wrongType = new IntVector("wrong", memory.allocator()))
        {
            out.allocateNew(16);
            final long address = out.getDataBuffer().memoryAddress();
            Arithmetic.add(a, b, Rows.all(a), Overflow.CHECK, out);
            assertEquals(4, out.getValueCount());
            assertEquals(33L, out.get(2));
            assertTrue(out.isNull(3));
            Arithmetic.multiply(a, b, Rows.range(1, 2), Overflow.CHECK, out);
            assertEquals(2, out.getValueCount());
            assertEquals(40L, out.get(0));
            assertEquals(90L, out.get(1));
            assertEquals(address, out.getDataBuffer().memoryAddress(), "no reallocation when big enough");
            final SchemaException type = assertThrows(SchemaException.class,
                () -> Arithmetic.add(a, b, Rows.all(a), Overflow.CHECK, wrongType));
            assertTrue(type.getMessage().contains("wrong"), type.getMessage());
            assertThrows(SchemaException.class, () -> Arithmetic.add(a, b, Rows.all(a), Overflow.CHECK, a));
        }
    }

    @Test
    void badInputIsASchemaError()
    {
        try (BigIntVector a = longs("a", 1L, 2L, 3L);
             BigIntVector shorter = longs("short", 1L);
             Float8Vector f = new Float8Vector("f", memory.allocator());
             UInt4Vector u = new UInt4Vector("u", memory.allocator());
             VarCharVector s = new VarCharVector("s", memory.allocator());
             SelectionVector outside = SelectionVector.of(memory.allocator(), 0, 5))
        {
            f.allocateNew(3);
            f.setValueCount(3);
            u.allocateNew(3);
            u.setValueCount(3);
            s.allocateNew(3);
            s.setValueCount(3);
            final SchemaException mixed = assertThrows(SchemaException.class,
                () -> Arithmetic.add(a, f, Overflow.CHECK, memory.allocator()));
            assertTrue(mixed.getMessage().contains("int64") && mixed.getMessage().contains("float64") &&
                mixed.getMessage().contains("'a'") && mixed.getMessage().contains("'f'"), mixed.getMessage());
            final SchemaException length = assertThrows(SchemaException.class,
                () -> Arithmetic.add(a, shorter, Overflow.CHECK, memory.allocator()));
            assertTrue(length.getMessage().contains("short"), length.getMessage());
            assertThrows(SchemaException.class, () -> Arithmetic.add(a, u, Overflow.CHECK, memory.allocator()));
            assertThrows(SchemaException.class, () -> Arithmetic.add(s, a, Overflow.CHECK, memory.allocator()));
            assertThrows(SchemaException.class,
                () -> Arithmetic.add(a, a, Rows.range(2, 5), Overflow.CHECK, memory.allocator()));
            assertThrows(SchemaException.class,
                () -> Arithmetic.add(a, a, Rows.selected(outside), Overflow.CHECK, memory.allocator()));
            assertThrows(SchemaException.class, () -> Arithmetic.add(a, 1.5, Rows.all(a), Overflow.CHECK,
                memory.allocator()));
            assertThrows(SchemaException.class, () -> Arithmetic.multiplyAdd(a, a, a, memory.allocator()));
            assertThrows(SchemaException.class, () -> Arithmetic.add(a, a, null, memory.allocator()));
            try (IntVector small = new IntVector("small", memory.allocator()))
            {
                small.allocateNew(1);
                small.setValueCount(1);
                assertThrows(SchemaException.class,
                    () -> Arithmetic.add(small, 1L << 40, Rows.all(small), Overflow.CHECK, memory.allocator()));
            }
        }
    }

    @Test
    void nullScalarGivesAllNulls()
    {
        try (BigIntVector a = longs("a", 1L, 2L, 3L);
             FieldVector out = Arithmetic.subtract((Number)null, a, Rows.all(a), Overflow.CHECK, memory.allocator()))
        {
            assertEquals(3, out.getValueCount());
            for (int i = 0; i < 3; i++)
            {
                assertTrue(out.isNull(i));
            }
        }
    }

    @Test
    void dateAndTimestampArithmetic()
    {
        try (TimeStampMicroVector t1 = new TimeStampMicroVector("t1", memory.allocator());
             TimeStampMicroVector t2 = new TimeStampMicroVector("t2", memory.allocator());
             DateDayVector d = new DateDayVector("d", memory.allocator());
             BigIntVector days = longs("days", 1L, -3L, null))
        {
            t1.allocateNew(3);
            t2.allocateNew(3);
            d.allocateNew(3);
            for (int i = 0; i < 3; i++)
            {
                t1.set(i, 1_000_000L * (i + 10));
                t2.set(i, 1_000_000L * i);
                d.set(i, 19_000 + i);
            }
            t1.setValueCount(3);
            t2.setValueCount(3);
            d.setValueCount(3);
            try (FieldVector diff = Arithmetic.subtract(t1, t2, Overflow.CHECK, memory.allocator());
                 FieldVector later = Arithmetic.add(t1, 5L, Rows.all(t1), Overflow.CHECK, memory.allocator());
                 FieldVector shifted = Arithmetic.add(days, d, Overflow.CHECK, memory.allocator()))
            {
                assertEquals(new ArrowType.Int(64, true), diff.getField().getType());
                assertEquals(10_000_000L, ((BigIntVector)diff).get(2));
                assertEquals(t1.getField().getType(), later.getField().getType());
                assertEquals(10_000_005L, ((TimeStampMicroVector)later).get(0));
                assertEquals(d.getField().getType(), shifted.getField().getType());
                assertEquals(19_001, ((DateDayVector)shifted).get(0));
                assertEquals(19_001 - 3, ((DateDayVector)shifted).get(1));
                assertTrue(shifted.isNull(2));
            }
            assertThrows(SchemaException.class, () -> Arithmetic.add(t1, t2, Overflow.CHECK, memory.allocator()));
            assertThrows(SchemaException.class, () -> Arithmetic.subtract(t1, d, Overflow.CHECK, memory.allocator()));
            days.set(2, 1L << 40);
            assertEquals(2, assertThrows(DataException.class,
                () -> Arithmetic.add(d, days, Overflow.CHECK, memory.allocator())).row(), "date32 overflow");
        }
    }

    @Test
    void validityWordsAcrossUnalignedOffsets()
    {
        final int n = 300;
        final Long[] xs = new Long[n];
        final Long[] ys = new Long[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = i % 3 == 0 ? null : (long)i;
            ys[i] = i % 5 == 0 ? null : 1L;
        }
        try (BigIntVector a = longs("a", xs);
             BigIntVector b = longs("b", ys))
        {
            for (final int offset : new int[] {0, 1, 7, 63, 64, 65, 130})
            {
                for (final int count : new int[] {0, 1, 63, 64, 65, n - 130})
                {
                    try (FieldVector out = Arithmetic.add(a, b, Rows.range(offset, count), Overflow.CHECK,
                        memory.allocator()))
                    {
                        for (int i = 0; i < count; i++)
                        {
                            final int row = offset + i;
                            assertEquals(row % 3 != 0 && row % 5 != 0, !out.isNull(i), "offset " + offset + " i " + i);
                        }
                    }
                }
            }
            assertFalse(a.isNull(1));
        }
    }
}
