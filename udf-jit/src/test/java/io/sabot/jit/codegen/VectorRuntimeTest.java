package io.sabot.jit.codegen;

import io.sabot.simd.Layouts;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorRuntimeTest
{
    @Test
    void selectWritesTheSetBitPositionsWithEitherScheme()
    {
        final Random random = new Random(11);
        try (Arena arena = Arena.ofConfined())
        {
            for (int n = 0; n < 2000; n++)
            {
                final long word = switch (n % 5)
                {
                    case 0 -> 0L;
                    case 1 -> -1L;
                    case 2 -> 1L << random.nextInt(64);
                    case 3 -> random.nextLong() & random.nextLong();
                    default -> random.nextLong();
                };
                final int k = random.nextInt(10);
                final int row = random.nextInt(1 << 20);
                // exact room (bit walk) and room for a block (table)
                for (final int room : new int[]{k + Long.bitCount(word), k + 64})
                {
                    final MemorySegment sel = arena.allocate(4L * room + 1);
                    final int end = VectorRuntime.select(sel, k, word, row);
                    assertEquals(k + Long.bitCount(word), end);
                    long w = word;
                    for (int i = k; i < end; i++)
                    {
                        assertEquals(row + Long.numberOfTrailingZeros(w), sel.get(Layouts.INT_UNALIGNED, 4L * i));
                        w &= w - 1;
                    }
                }
            }
        }
    }

    @Test
    void decimalWordsMatchTheScalarTwinForEveryOperator()
    {
        final Random random = new Random(5);
        try (Arena arena = Arena.ofConfined())
        {
            final int rows = 64 * 9 + 3;
            final MemorySegment slots = arena.allocate(16L * rows);
            for (int i = 0; i < rows; i++)
            {
                // small values (many ties with the literal), 18-digit values, negatives; hi = sign extension
                final long v = switch (random.nextInt(4))
                {
                    case 0 -> random.nextInt(7) - 3;
                    case 1 -> random.nextLong() % 1_000_000_000_000_000_000L;
                    case 2 -> Long.MIN_VALUE / 10 + random.nextInt(3);
                    default -> random.nextInt(2000) - 1000;
                };
                slots.set(Layouts.LONG_UNALIGNED, 16L * i, v);
                slots.set(Layouts.LONG_UNALIGNED, 16L * i + 8, v >> 63);
            }
            for (int trial = 0; trial < 400; trial++)
            {
                // any first row, also odd ones (sliced vectors start anywhere)
                final int row = random.nextInt(rows - 63);
                final long literal = trial % 3 == 0 ? slots.get(Layouts.LONG_UNALIGNED, 16L * (row + random.nextInt(64)))
                    : random.nextInt(7) - 3;
                for (final io.sabot.simd.CompareOp op : io.sabot.simd.CompareOp.values())
                {
                    final long expected = VectorRuntime.decimalWordScalar(slots, row, literal, op);
                    final long actual = switch (op)
                    {
                        case EQ -> VectorRuntime.decimalEqWord(slots, row, literal);
                        case NE -> VectorRuntime.decimalNeWord(slots, row, literal);
                        case LT -> VectorRuntime.decimalLtWord(slots, row, literal);
                        case LE -> VectorRuntime.decimalLeWord(slots, row, literal);
                        case GT -> VectorRuntime.decimalGtWord(slots, row, literal);
                        case GE -> VectorRuntime.decimalGeWord(slots, row, literal);
                    };
                    assertEquals(expected, actual, op + " at row " + row + " literal " + literal);
                }
            }
        }
    }

    @Test
    void validityWordOfNoBitmapIsAllValid()
    {
        assertEquals(-1L, VectorRuntime.validityWord(null, 12345));
        try (Arena arena = Arena.ofConfined())
        {
            // a 9-byte bitmap read at bit 5: 64 bits straddle all nine bytes
            final MemorySegment bitmap = arena.allocate(9);
            for (int b = 0; b < 9; b++)
            {
                bitmap.set(Layouts.BYTE, b, (byte)(0xA5 ^ b));
            }
            long expected = 0;
            for (int i = 0; i < 64; i++)
            {
                final int bit = 5 + i;
                expected |= (long)((bitmap.get(Layouts.BYTE, bit >>> 3) >>> (bit & 7)) & 1) << i;
            }
            assertEquals(expected, VectorRuntime.validityWord(bitmap, 5));
            assertEquals(expected, VectorRuntime.bitsWord(bitmap, 5));
        }
    }
}
