package io.sabot.kernels.compare;

import static io.sabot.kernels.compare.Reference.assertBits;
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
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link NullChecks} against a reference over sizes, null ratios and row modes; NaN is not null. */
final class NullChecksTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private void check(final FieldVector v, final SplittableRandom random)
    {
        final BufferAllocator a = memory.allocator();
        final List<SelectionVector> owned = new ArrayList<>();
        try (BitVector reused = new BitVector("out", a))
        {
            for (final Rows rows : Reference.rowModes(v.getValueCount(), owned, a, random))
            {
                final int count = rows.count();
                final Boolean[] isNull = new Boolean[count];
                final Boolean[] notNull = new Boolean[count];
                final Boolean[] nan = new Boolean[count];
                for (int i = 0; i < count; i++)
                {
                    final int row = rows.rowAt(i);
                    isNull[i] = v.isNull(row);
                    notNull[i] = !v.isNull(row);
                    final Object value = v.isNull(row) ? null : v.getObject(row);
                    nan[i] = value == null ? null : value instanceof Double d ? d.isNaN() :
                        value instanceof Float f && f.isNaN();
                }
                try (BitVector out = NullChecks.isNull(v, rows, a); BitVector out2 = NullChecks.isNotNull(v, rows, a))
                {
                    assertBits(isNull, out, "is_null " + rows);
                    assertBits(notNull, out2, "is_not_null " + rows);
                }
                NullChecks.isNull(v, rows, reused);
                assertBits(isNull, reused, "is_null into " + rows);
                if (!(v instanceof VarCharVector))
                {
                    try (BitVector out = NullChecks.isNaN(v, rows, a))
                    {
                        assertBits(nan, out, "is_nan " + rows);
                    }
                    NullChecks.isNaN(v, rows, reused);
                    assertBits(nan, reused, "is_nan into " + rows);
                }
            }
        }
        finally
        {
            owned.forEach(SelectionVector::close);
        }
    }

    @Test
    void matchesReference()
    {
        final SplittableRandom random = new SplittableRandom(31);
        final BufferAllocator a = memory.allocator();
        for (final int n : TestData.SIZES)
        {
            for (final double nullRatio : new double[] {0.0, 0.3, 1.0})
            {
                try (Float8Vector d = TestData.doubles(a, "d", n, nullRatio, random.nextLong());
                     Float4Vector f = TestData.floats(a, "f", n, nullRatio, random.nextLong());
                     BigIntVector l = TestData.bigInts(a, "l", n, nullRatio, random.nextLong());
                     VarCharVector s = TestData.strings(a, "s", Math.min(n, 200), 3, nullRatio, random.nextLong()))
                {
                    check(d, random);
                    check(f, random);
                    check(l, random);
                    check(s, random);
                }
            }
        }
    }

    @Test
    void nullTypedColumnIsAllNullAndUnsupportedTypesFail()
    {
        final BufferAllocator a = memory.allocator();
        try (NullVector v = new NullVector("nothing", 70);
             VarCharVector s = TestData.strings(a, "s", 5, 3, 0, 1);
             BitVector b = new BitVector("b", a))
        {
            final Boolean[] all = new Boolean[70];
            final Boolean[] none = new Boolean[70];
            java.util.Arrays.fill(all, true);
            java.util.Arrays.fill(none, false);
            try (BitVector out = NullChecks.isNull(v, a); BitVector out2 = NullChecks.isNotNull(v, a))
            {
                assertBits(all, out, "null type is_null");
                assertBits(none, out2, "null type is_not_null");
            }
            assertThrows(SchemaException.class, () -> NullChecks.isNaN(s, a));
            b.allocateNew(3);
            b.setValueCount(3);
            assertThrows(SchemaException.class, () -> NullChecks.isNaN(b, a));
            assertThrows(SchemaException.class, () -> NullChecks.isNull(s, Rows.range(3, 3), a));
        }
    }
}
