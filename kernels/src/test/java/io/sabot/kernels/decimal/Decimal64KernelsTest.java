package io.sabot.kernels.decimal;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.hash.Hashing;
import io.sabot.kernels.select.Take;
import io.sabot.kernels.sort.SortIndices;
import io.sabot.kernels.sort.SortKey;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernels over decimal64 columns: hashing reads the unscaled int64 (equal to hashing the same int64 column), take
 * keeps the type and values (against a scalar reference), and sorting, which does not read decimal64 keys, says so
 * with a SchemaException naming the column instead of misreading the storage.
 */
class Decimal64KernelsTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private Decimal64Vector random(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final Decimal64Vector v = new Decimal64Vector("m", memory.allocator(), 15, 2);
        v.setInitialCapacity(count);
        v.allocateNew();
        for (int i = 0; i < count; i++)
        {
            if (random.nextInt(8) == 0)
            {
                v.setNullSafe(i);
            }
            else
            {
                v.setSafe(i, random.nextLong(-Decimals.maxUnscaled(15), Decimals.maxUnscaled(15)));
            }
        }
        v.setValueCount(count);
        return v;
    }

    @Test
    void hashingReadsTheUnscaledWords()
    {
        for (final int count : new int[] {0, 1, 7, 64, 1000})
        {
            try (Decimal64Vector d = random(count, count);
                 BigIntVector ints = new BigIntVector("m", memory.allocator()))
            {
                ints.allocateNew(Math.max(count, 1));
                for (int i = 0; i < count; i++)
                {
                    if (d.isNull(i))
                    {
                        ints.setNull(i);
                    }
                    else
                    {
                        ints.set(i, d.get(i));
                    }
                }
                ints.setValueCount(count);
                try (BigIntVector a = Hashing.hash(List.of(d), memory.allocator());
                     BigIntVector b = Hashing.hash(List.of(ints), memory.allocator()))
                {
                    for (int i = 0; i < count; i++)
                    {
                        assertEquals(b.get(i), a.get(i), "row " + i);
                    }
                }
            }
        }
    }

    @Test
    void takeKeepsTypeAndValues()
    {
        final SplittableRandom random = new SplittableRandom(5);
        try (Decimal64Vector d = random(500, 9);
             IntVector indices = new IntVector("i", memory.allocator()))
        {
            indices.allocateNew(300);
            for (int i = 0; i < 300; i++)
            {
                indices.set(i, random.nextInt(500));
            }
            indices.setValueCount(300);
            try (FieldVector out = Take.take(d, indices, memory.allocator()))
            {
                final Decimal64Vector taken = assertInstanceOf(Decimal64Vector.class, out);
                assertEquals(d.getField().getType(), taken.getField().getType());
                for (int i = 0; i < 300; i++)
                {
                    final Object expected = d.getObject(indices.get(i));
                    assertEquals(expected, taken.getObject(i));
                    assertTrue(expected == null || ((BigDecimal)expected).scale() == 2);
                }
            }
        }
    }

    @Test
    void sortingIsATypedError()
    {
        try (Decimal64Vector d = random(10, 1))
        {
            final SchemaException e = assertThrows(SchemaException.class,
                () -> SortIndices.sortIndices(memory.allocator(), List.of(d), Rows.all(d), List.of(SortKey.ascending("m"))));
            assertTrue(e.getMessage().contains("'m'"), e.getMessage());
        }
    }
}
